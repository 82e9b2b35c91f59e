/* helpers.c: small helpers shared by the Criterion suites. */
#define _GNU_SOURCE /* nftw, mkdtemp */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

int th_try(const char *text, gasdep_model **out)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    int rc = gasdep_load_string(m, "test.ini", text);
    if (rc == GASDEP_OK)
        rc = gasdep_init(m);
    if (out)
        *out = m;
    else
        gasdep_destroy(m);
    return rc;
}

gasdep_model *th_model(const char *text)
{
    gasdep_model *m = NULL;
    int rc = th_try(text, &m);
    cr_assert_eq(rc, GASDEP_OK, "scenario failed: %s", gasdep_errmsg(m));
    return m;
}

void th_run(gasdep_model *m)
{
    int rc;
    while ((rc = gasdep_step(m)) == GASDEP_OK)
        ;
    cr_assert_eq(rc, GASDEP_DONE, "step failed: %s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_finish(m), GASDEP_OK);
}

static int idx(gasdep_model *m, int kind, const char *name)
{
    int i = gasdep_find(m, kind, name);
    cr_assert_geq(i, 0, "no element '%s'", name);
    return i;
}

int th_area(gasdep_model *m, const char *name) { return idx(m, GASDEP_AREA, name); }
int th_pipe(gasdep_model *m, const char *name) { return idx(m, GASDEP_PIPELINE, name); }
int th_origin(gasdep_model *m, const char *name) { return idx(m, GASDEP_ORIGIN, name); }
int th_group(gasdep_model *m, const char *name) { return idx(m, GASDEP_ORIGIN_GROUP, name); }

int th_day(const char *iso)
{
    int d;
    cr_assert_eq(gasdep_date_parse(iso, &d), 0);
    return d;
}

void th_step(gasdep_model *m)
{
    int rc = gasdep_step(m);
    cr_assert_eq(rc, GASDEP_OK, "step: %s (%s)", gasdep_strerror(rc),
                 gasdep_errmsg(m));
}

gasdep_area_day th_area_day(gasdep_model *m, const char *name)
{
    gasdep_area_day a;
    cr_assert_eq(gasdep_area_result(m, th_area(m, name), &a), GASDEP_OK);
    return a;
}

/* ---- files and directories ---- */

void th_tmpdir_make(char *buf, size_t n, const char *prefix)
{
    int k = snprintf(buf, n, "/tmp/%s-XXXXXX", prefix);
    cr_assert(k > 0 && (size_t)k < n, "no room for the name of a %s directory",
              prefix);
    cr_assert_not_null(mkdtemp(buf), "mkdtemp %s", buf);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

void th_rm_rf(const char *dir)
{
    cr_expect_eq(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0,
                 "cannot remove %s", dir);
}

char *th_path(const char *dir, const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

void th_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

char *th_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    if (len)
        *len = got;
    return s;
}

int th_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int th_same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = th_slurp(a, &na), *y = th_slurp(b, &nb);
    cr_assert_not_null(x, "missing %s", a);
    cr_assert_not_null(y, "missing %s", b);
    int same = na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

gasdep_batch *th_sweep_of(const char *dir, const char *text)
{
    th_write_file(th_path(dir, "tiny.ini"), text);
    gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
    cr_assert_not_null(b);
    cr_assert_eq(gasdep_batch_set_scenario(b, th_path(dir, "tiny.ini")), GASDEP_OK);
    return b;
}

/* ---- processes ---- */

int th_sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

const char *th_bin(void)
{
    const char *b = getenv("GASDEP_BIN");
    cr_assert_not_null(b, "GASDEP_BIN is not set (run through ctest)");
    return b;
}

/* ---- CSV files ---- */

th_table th_read_csv(const char *path, int strict)
{
    th_table t = {0};
    t.text = th_slurp(path, NULL);
    cr_assert_not_null(t.text, "missing %s", path);
    int lines = 0;
    for (char *p = t.text; *p; p++)
        lines += *p == '\n';
    for (char *p = t.text; *p && *p != '\n'; p++)
        t.cols += *p == ',';
    t.cols++;
    t.cell = calloc((size_t)lines * (size_t)t.cols + 1, sizeof *t.cell);
    char *p = t.text;
    for (int r = 0; r < lines; r++) {
        for (int c = 0; c < t.cols; c++) {
            t.cell[r * t.cols + c] = p;
            p += strcspn(p, ",\n");
            int end = *p == '\n';
            *p++ = '\0';
            if (strict)
                cr_assert(!end || c == t.cols - 1, "%s: short row %d", path, r);
        }
    }
    t.rows = lines - 1; /* data rows */
    return t;
}

int th_col(const th_table *t, const char *name)
{
    for (int c = 0; c < t->cols; c++)
        if (!strcmp(t->cell[c], name))
            return c;
    cr_assert_fail("no column %s", name);
    return -1;
}

const char *th_at(const th_table *t, int row, const char *name)
{
    return t->cell[(row + 1) * t->cols + th_col(t, name)];
}

double th_num(const th_table *t, int row, const char *name)
{
    return atof(th_at(t, row, name));
}

void th_free_csv(th_table *t)
{
    free(t->text);
    free(t->cell);
}
