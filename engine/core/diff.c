/* diff.c: `gasdep diff`: two runs' summary figures side by side, read
 * back from their summary.csv (runread.c). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "aggregate.h"
#include "csvnum.h"
#include "dates.h"
#include "runread.h"
#include "util.h"

typedef struct summ {
    runread_head h;
    char ***rows; /* fields of each data row (h.n each) */
    long *line;   /* file line of each row */
    int n, cap;
    strmap region; /* region name -> row */
    const char *path;
    char *msg;
    size_t len;
} summ;

/* summary.csv's header: region first, the figures diff compares; every
 * column but region and kind a number, the totals never empty. */
static int summ_header(summ *s, char **f, int n, long line)
{
    if (runread_header(&s->h, f, n, s->path, line, s->msg, s->len))
        return -1;
    if (n == 0 || strcmp(f[0], "region"))
        return runread_fail(s->msg, s->len, -1, "%s:%ld: not a gasdep summary (the "
                            "first column is not 'region')", s->path, line);
    static const char *const NEED[] = {"unserved_mcm", "days_short"};
    for (int i = 0; i < 2; i++)
        if (runread_col(&s->h, NEED[i]) < 0)
            return runread_fail(s->msg, s->len, -1, "%s:%ld: no column '%s'", s->path,
                                line, NEED[i]);
    static const char *const TOTALS[] = {"demand_mcm", "supplied_mcm", "unserved_mcm",
                                         "days_short"};
    for (int i = 0; i < 4; i++) {
        int c = runread_col(&s->h, TOTALS[i]);
        if (c >= 0)
            s->h.type[c] = RR_NUM;
    }
    s->h.type[0] = RR_TEXT;
    int k = runread_col(&s->h, "kind");
    if (k >= 0)
        s->h.type[k] = RR_TEXT;
    return 0;
}

static int on_summ_row(void *ctx, char **f, int n, long line)
{
    summ *s = ctx;
    if (!s->h.name)
        return summ_header(s, f, n, line);
    if (runread_check_row(&s->h, f, n, s->path, line, s->msg, s->len))
        return -1;
    int first = strmap_get(&s->region, f[0]);
    if (first >= 0)
        return runread_fail(s->msg, s->len, -1, "%s:%ld: region '%.60s' given twice "
                            "(first on line %ld)", s->path, line, f[0], s->line[first]);
    if (s->n == s->cap) {
        int nc = s->cap ? 2 * s->cap : 64;
        char ***nr = realloc(s->rows, (size_t)nc * sizeof *nr);
        if (nr)
            s->rows = nr;
        long *nl = nr ? realloc(s->line, (size_t)nc * sizeof *nl) : NULL;
        if (!nl)
            return runread_fail(s->msg, s->len, -1, "out of memory");
        s->line = nl;
        s->cap = nc;
    }
    char **copy = calloc((size_t)n + 1, sizeof *copy);
    if (!copy)
        return runread_fail(s->msg, s->len, -1, "out of memory");
    s->rows[s->n] = copy;
    s->line[s->n] = line;
    s->n++;
    for (int i = 0; i < n; i++)
        if (!(copy[i] = xstrdup(f[i])))
            return runread_fail(s->msg, s->len, -1, "out of memory");
    if (strmap_put(&s->region, copy[0], s->n - 1))
        return runread_fail(s->msg, s->len, -1, "out of memory");
    return 0;
}

static void summ_free(summ *s)
{
    for (int r = 0; r < s->n; r++) {
        for (int i = 0; s->rows[r][i]; i++)
            free(s->rows[r][i]);
        free(s->rows[r]);
    }
    free(s->rows);
    free(s->line);
    strmap_free(&s->region);
    runread_head_free(&s->h);
}

static int load_summary(const char *dir, summ *s, char *msg, size_t len)
{
    memset(s, 0, sizeof *s);
    int rc = runread_complete_run(dir, msg, len);
    if (rc != GASDEP_OK)
        return rc;
    char *path = path_join(dir, "summary.csv");
    if (!path)
        return runread_fail(msg, len, GASDEP_ENOMEM, "out of memory");
    s->path = path;
    s->msg = msg;
    s->len = len;
    int r = runread_file(path, MAX_INPUT_BYTES, on_summ_row, s, msg, len);
    if (r == 1)
        rc = runread_fail(msg, len, GASDEP_EINPUT, "%s: not a complete run directory "
                          "(no summary.csv)", dir);
    else if (r != 0)
        rc = strcmp(msg, "out of memory") ? GASDEP_EINPUT : GASDEP_ENOMEM;
    else if (!s->h.name)
        rc = runread_fail(msg, len, GASDEP_EINPUT, "%s: empty file (no header)", path);
    else if (s->n == 0)
        rc = runread_fail(msg, len, GASDEP_EINPUT, "%s: no data rows (not a complete "
                          "run)", path);
    free(path);
    s->path = NULL;
    return rc;
}

static const char *field(const summ *s, int row, const char *col)
{
    int c = runread_col(&s->h, col);
    return row >= 0 && c >= 0 ? s->rows[row][c] : "";
}

static int find_row(const summ *s, const char *region)
{
    return strmap_get(&s->region, region);
}

/* The figures compared: fixed ones (unserved and the demand given up by
 * the demand-response blocks first), then every share_mean_*, via_mean_*
 * (corridors) and survival_days_* (disruption events) of either run, in
 * header order. */
static int figures(const summ *a, const summ *b, const char **out, int max)
{
    static const char *const FIXED[] = {"unserved_mcm", "reduced_mcm", "days_short",
                                        "min_storage_fill"};
    int n = 0;
    for (int i = 0; i < 4; i++)
        out[n++] = FIXED[i];
    const summ *both[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < both[k]->h.n && n < max; i++) {
            const char *h = both[k]->h.name[i];
            if (strncmp(h, "share_mean_", 11) && strncmp(h, "via_mean_", 9) &&
                strncmp(h, "survival_days_", 14))
                continue;
            int dup = 0;
            for (int j = 0; j < n; j++)
                dup |= !strcmp(out[j], h);
            if (!dup)
                out[n++] = h;
        }
    return n;
}

static void diff_rows(const summ *a, const summ *b, const char *const *fig, int nfig,
                      FILE *csv, FILE *report, int *differ)
{
    /* regions in A's order, then those only in B */
    for (int pass = 0; pass < 2; pass++) {
        const summ *s = pass ? b : a;
        for (int r = 0; r < s->n; r++) {
            const char *region = s->rows[r][0];
            if (pass && find_row(a, region) >= 0)
                continue;
            int ra = find_row(a, region), rb = find_row(b, region);
            const char *kind = *field(s, r, "kind") ? field(s, r, "kind") : "";
            for (int i = 0; i < nfig; i++) {
                const char *va = field(a, ra, fig[i]), *vb = field(b, rb, fig[i]);
                double xa = NAN, xb = NAN;
                int ha = runread_number(va, &xa) == 1, hb = runread_number(vb, &xb) == 1;
                if (csv) {
                    csv_put_field(csv, region);
                    fprintf(csv, ",%s,%s,", kind, fig[i]);
                    csv_put_num(csv, ha ? xa : NAN, 6);
                    fputc(',', csv);
                    csv_put_num(csv, hb ? xb : NAN, 6);
                    fputc(',', csv);
                    csv_put_num(csv, ha && hb ? xb - xa : NAN, 6);
                    fputc('\n', csv);
                }
                int changed = ha != hb || (ha && hb && fabs(xb - xa) > 1e-9);
                if (changed) {
                    (*differ)++;
                    if (report) {
                        fprintf(report, "%-12s %-6s %-28s %14s -> %-14s", region, kind,
                                fig[i], ha ? va : "NA", hb ? vb : "NA");
                        if (ha && hb)
                            fprintf(report, " (%+.6g)", xb - xa);
                        fputc('\n', report);
                    }
                }
            }
        }
    }
}

int gasdep_diff(const char *run_a, const char *run_b, const char *out_csv,
                FILE *csv_stream, FILE *report, char *msg, size_t msg_len)
{
    if (!run_a || !run_b)
        return runread_fail(msg, msg_len, GASDEP_EARG, "missing argument");
    summ a, b;
    int rc = load_summary(run_a, &a, msg, msg_len);
    if (rc == GASDEP_OK) {
        rc = load_summary(run_b, &b, msg, msg_len);
        if (rc != GASDEP_OK)
            summ_free(&b);
    }
    if (rc != GASDEP_OK) {
        summ_free(&a);
        return rc;
    }
    const char *fig[2 * RUN_MAX_FIELDS + 4];
    int nfig = figures(&a, &b, fig, 2 * RUN_MAX_FIELDS + 4);
    static const char HEAD[] = "region,kind,figure,a,b,b_minus_a\n";
    int differ = 0;
    if (csv_stream) {
        fputs(HEAD, csv_stream);
        diff_rows(&a, &b, fig, nfig, csv_stream, NULL, &differ);
        if (fflush(csv_stream) != 0)
            rc = runread_fail(msg, msg_len, GASDEP_EIO, "write error: %s", strerror(errno));
    }
    if (rc == GASDEP_OK && out_csv) {
        size_t len = strlen(out_csv) + 32;
        char *tmp = malloc(len);
        FILE *f = NULL;
        if (tmp) {
            snprintf(tmp, len, "%s.tmp.%ld", out_csv, (long)getpid());
            f = fopen(tmp, "wb");
        }
        if (!f) {
            rc = runread_fail(msg, msg_len, GASDEP_EIO, "%s: cannot write: %s", out_csv,
                      strerror(errno));
        } else {
            fputs(HEAD, f);
            differ = 0;
            diff_rows(&a, &b, fig, nfig, f, NULL, &differ);
            int bad = ferror(f) != 0;
            bad |= fclose(f) != 0;
            if (bad || rename(tmp, out_csv) != 0) {
                rc = runread_fail(msg, msg_len, GASDEP_EIO, "%s: write error: %s", out_csv,
                          strerror(errno));
                unlink(tmp);
            }
        }
        free(tmp);
    }
    if (rc == GASDEP_OK && report) {
        fprintf(report, "%s -> %s\n", run_a, run_b);
        differ = 0;
        diff_rows(&a, &b, fig, nfig, NULL, report, &differ);
        if (!differ)
            fprintf(report, "no differences in the summary figures\n");
    }
    summ_free(&a);
    summ_free(&b);
    return rc;
}
