/* test_bad.c: the table of malformed inputs in tests/bad (the .cases files): every case
 * writes its files into a fresh directory, loads them as the CLI does (load,
 * --set, init; or a sweep file read and prepared) and must give exactly the
 * expected messages, each "file:line: message" (a case fails when a message
 * changes or loses its line). Format: tests/bad/README.md. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gasdep/batch.h"
#include "gasdep/gasdep.h"
#include "helpers.h"

typedef struct bcase {
    char name[256];
    int line;          /* where the case starts in its .cases file */
    int sweep;         /* main input is a sweep file */
    char main[256];    /* file loaded */
    char *sets[16];
    int n_sets;
    char *expect;      /* expected error lines */
    char *warn;        /* expected warnings (cases without errors) */
    char rundir[2][256]; /* "--- aggregate RUN" or "--- diff A B" */
    int n_rundir;
} bcase;

/* "\xHH" in file text stands for the byte HH (BOMs, NULs); "\z" ends the
 * file there, without the end of line that follows. */
static size_t unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (r[0] == '\\' && r[1] == 'x' && isxdigit((unsigned char)r[2]) &&
            isxdigit((unsigned char)r[3])) {
            char hex[3] = {r[2], r[3], 0};
            *w++ = (char)strtol(hex, NULL, 16);
            r += 4;
        } else if (r[0] == '\\' && r[1] == 'z') {
            r += 2 + (r[2] == '\n'); /* the file ends here, without '\n' */
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

static void write_bytes(const char *path, const char *text)
{
    char *copy = strdup(text);
    cr_assert_not_null(copy);
    size_t n = unescape(copy);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fwrite(copy, 1, n, f);
    fclose(f);
    free(copy);
}

static void append(char **buf, const char *line)
{
    size_t a = *buf ? strlen(*buf) : 0, b = strlen(line);
    *buf = realloc(*buf, a + b + 1);
    cr_assert_not_null(*buf);
    memcpy(*buf + a, line, b + 1);
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

/* Run one case in the current directory (files already written); returns
 * 1 when the messages are exactly as expected. */
/* gasdep aggregate RUN --period month, or gasdep diff A B: the message,
 * and nothing written (RUN/month, B/diff.csv) when the call fails. */
static char *run_reader(const bcase *c, const char *file)
{
    char msg[2048] = "", out[600];
    int rc;
    if (c->n_rundir == 1) {
        snprintf(out, sizeof out, "%s/month", c->rundir[0]);
        rc = gasdep_aggregate(c->rundir[0], "month", out, msg, sizeof msg);
    } else {
        snprintf(out, sizeof out, "%s/diff.csv", c->rundir[1]);
        rc = gasdep_diff(c->rundir[0], c->rundir[1], out, NULL, NULL, msg, sizeof msg);
    }
    struct stat st;
    cr_expect(rc == GASDEP_OK || (rc == GASDEP_EINPUT && stat(out, &st) != 0),
              "%s:%d: case '%s': status %d, %s written", file, c->line, c->name, rc,
              out);
    return strdup(rc == GASDEP_OK ? "" : msg);
}

static int run_case(const bcase *c, const char *file)
{
    const char *got, *gotw = "";
    char *msg = NULL;
    if (c->n_rundir) {
        msg = run_reader(c, file);
        got = msg;
        gotw = strdup("");
    } else if (c->sweep) {
        gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
        if (gasdep_batch_load_file(b, c->main) == GASDEP_OK)
            gasdep_batch_prepare(b);
        msg = strdup(gasdep_batch_errmsg(b));
        gotw = "";
        got = msg;
        char *w = strdup(gasdep_batch_warnings(b));
        gasdep_batch_destroy(b);
        gotw = w;
    } else {
        gasdep_model *m = gasdep_create();
        int rc = gasdep_load(m, c->main);
        if (rc != GASDEP_EIO) {
            for (int i = 0; i < c->n_sets; i++)
                gasdep_set_assignment(m, c->sets[i]);
            gasdep_init(m);
        }
        msg = strdup(gasdep_errmsg(m));
        gotw = strdup(gasdep_warnings(m));
        got = msg;
        gasdep_destroy(m);
    }
    const char *want = c->expect ? c->expect : "";
    const char *wantw = c->warn ? c->warn : "";
    int ok = strcmp(got, want) == 0 && strcmp(gotw, wantw) == 0;
    cr_expect(ok, "%s:%d: case '%s'\n--- expected errors:\n%s\n--- got:\n%s\n"
              "--- expected warnings:\n%s\n--- got:\n%s", file, c->line, c->name,
              want, got, wantw, gotw);
    free(msg);
    free((char *)gotw);
    return ok;
}

static void free_case(bcase *c)
{
    for (int i = 0; i < c->n_sets; i++)
        free(c->sets[i]);
    free(c->expect);
    free(c->warn);
    memset(c, 0, sizeof *c);
}

/* Every message line names a place: "file:N: " or, for a file that cannot
 * be read at all, "file: ". */
static void check_located(const bcase *c, const char *file)
{
    for (const char *p = c->expect; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        cr_expect(colon && colon > p && colon + 1 < p + len,
                  "%s:%d: case '%s': message without a place: %.*s", file,
                  c->line, c->name, (int)len, p);
        p = nl ? nl + 1 : NULL;
    }
}

/* Read a .cases file and run every case; returns the number run. */
static int run_file(const char *cases)
{
    char path[PATH_MAX];
    cr_assert_not_null(realpath(cases, path), "%s: %s", cases, strerror(errno));
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char dir[256];
    th_tmpdir_make(dir, sizeof dir, "gasdep-test-bad");
    char line[8192];
    bcase c;
    memset(&c, 0, sizeof c);
    int n = 0, lineno = 0, in_case = 0;
    char *text = NULL;  /* body of the current section */
    char section[300] = "";
    FILE *out = NULL;
    /* sections: "=== NAME" starts a case; "--- file NAME", "--- sweep NAME",
     * "--- dir NAME", "--- fifo NAME", "--- link NAME TARGET", "--- set
     * PATH=VALUE", "--- aggregate RUN", "--- diff A B", "--- expect", "--- warn" */
    for (int eof = 0; !eof;) {
        eof = !fgets(line, sizeof line, f);
        lineno += !eof;
        int header = !eof && (!strncmp(line, "=== ", 4) || !strncmp(line, "--- ", 4));
        if (eof || header) {
            /* close the section being read */
            if (!strncmp(section, "file ", 5) || !strncmp(section, "sweep ", 6)) {
                const char *p = th_path(dir, strchr(section, ' ') + 1);
                write_bytes(p, text ? text : "");
            } else if (!strcmp(section, "expect") || !strcmp(section, "warn")) {
                char **dst = section[0] == 'e' ? &c.expect : &c.warn;
                if (text) {
                    chomp(text);
                    *dst = strdup(text);
                }
            }
            free(text);
            text = NULL;
            section[0] = '\0';
        }
        if (eof || !strncmp(line, "=== ", 4)) {
            if (in_case) {
                char cwd[PATH_MAX];
                cr_assert_not_null(getcwd(cwd, sizeof cwd));
                cr_assert_eq(chdir(dir), 0);
                check_located(&c, path);
                run_case(&c, path);
                cr_assert_eq(chdir(cwd), 0);
                th_rm_rf(dir);
                th_tmpdir_make(dir, sizeof dir, "gasdep-test-bad");
                n++;
            }
            free_case(&c);
            in_case = !eof;
            if (!eof) {
                chomp(line);
                snprintf(c.name, sizeof c.name, "%.200s", line + 4);
                c.line = lineno;
            }
            continue;
        }
        if (!in_case)
            continue; /* comments before the first case */
        if (header) {
            chomp(line);
            const char *h = line + 4;
            if (!strncmp(h, "set ", 4)) {
                cr_assert(c.n_sets < 16);
                c.sets[c.n_sets++] = strdup(h + 4);
            } else if (!strncmp(h, "dir ", 4)) {
                const char *p = th_path(dir, h + 4);
                mkdir(p, 0755);
            } else if (!strncmp(h, "aggregate ", 10) || !strncmp(h, "diff ", 5)) {
                const char *p = strchr(h, ' ') + 1;
                c.n_rundir = sscanf(p, "%255s %255s", c.rundir[0], c.rundir[1]);
                cr_assert_eq(c.n_rundir, h[0] == 'a' ? 1 : 2, "%s:%d: %s", path, lineno, h);
            } else if (!strncmp(h, "link ", 5)) {
                char name[256], target[256];
                cr_assert_eq(sscanf(h + 5, "%255s %255s", name, target), 2);
                cr_assert_eq(symlink(target, th_path(dir, name)), 0, "%s", name);
            } else if (!strncmp(h, "fifo ", 5)) {
                const char *p = th_path(dir, h + 5);
                mkfifo(p, 0644);
            } else {
                snprintf(section, sizeof section, "%.250s", h);
                if ((!strncmp(h, "file ", 5) || !strncmp(h, "sweep ", 6)) && !c.main[0]) {
                    snprintf(c.main, sizeof c.main, "%.200s", strchr(h, ' ') + 1);
                    c.sweep = h[0] == 's';
                }
            }
            continue;
        }
        append(&text, line);
    }
    (void)out;
    fclose(f);
    th_rm_rf(dir);
    return n;
}

Test(bad, scenario_inputs)
{
    cr_expect_gt(run_file("tests/bad/scenario.cases"), 40);
}

Test(bad, series_inputs)
{
    cr_expect_gt(run_file("tests/bad/series.cases"), 5);
}

Test(bad, sweep_inputs)
{
    cr_expect_gt(run_file("tests/bad/sweep.cases"), 5);
}

Test(bad, run_directories)
{
    cr_expect_gt(run_file("tests/bad/rundir.cases"), 10);
}
