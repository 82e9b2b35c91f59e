/* test_output.c: CSV outputs (engine/core/output.c): the ten files, their
 * headers and row counts, atomic appearance, values read back with libcsv. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>

#include "helpers.h"

/* 3 days; areas R, Q, EU (3); origins a, b = origin groups a, b (2);
 * pipelines P, QR (2). R (demand 10) gets 6 of a over P and 1 of b over
 * QR: supplied 7, unserved 3 every day. Q (demand 2) is served by b. */
#define SCEN                                                                   \
    "[scenario]\nname = out, test\nstart = 2022-01-01\nend = 2022-01-03\n"     \
    "[origin a]\n[origin b]\n[node H]\n"                                       \
    "[region R]\ndemand = 10 mcm/d\ngroups = EU\n"                             \
    "[region Q]\ndemand = 2 mcm/d\ngroups = EU\n"                              \
    "[source sa]\nnode = H\norigin = a\ncapacity = 6 mcm/d\n"                  \
    "[source sb]\nnode = Q\norigin = b\ncapacity = 5 mcm/d\n"                  \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 6 mcm/d\n"                     \
    "[pipeline QR]\nfrom = Q\nto = R\ncapacity = 1 mcm/d\n"

/* ---- reading CSV back with libcsv -------------------------------------- */

#define MAXF 40
#define MAXR 200

typedef struct table {
    int nrows;
    int nf[MAXR];
    char *f[MAXR][MAXF];
    int col; /* current field */
} table;

static void on_field(void *s, size_t len, void *data)
{
    table *t = data;
    if (t->nrows < MAXR && t->col < MAXF) {
        char *c = malloc(len + 1);
        memcpy(c, s, len);
        c[len] = '\0';
        t->f[t->nrows][t->col] = c;
    }
    t->col++;
}

static void on_row(int ch, void *data)
{
    (void)ch;
    table *t = data;
    if (t->nrows < MAXR)
        t->nf[t->nrows] = t->col;
    t->nrows++;
    t->col = 0;
}

static table *read_csv(const char *path)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    table *t = calloc(1, sizeof *t);
    struct csv_parser p;
    cr_assert_eq(csv_init(&p, CSV_APPEND_NULL), 0);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        cr_assert_eq(csv_parse(&p, buf, n, on_field, on_row, t), n, "%s: %s", path,
                     csv_strerror(csv_error(&p)));
    csv_fini(&p, on_field, on_row, t);
    csv_free(&p);
    fclose(fp);
    return t;
}

static void free_table(table *t)
{
    for (int r = 0; r < t->nrows && r < MAXR; r++)
        for (int c = 0; c < t->nf[r] && c < MAXF; c++)
            free(t->f[r][c]);
    free(t);
}

/* Column index of a header name. */
static int col_of(const table *t, const char *name)
{
    for (int c = 0; c < t->nf[0]; c++)
        if (strcmp(t->f[0][c], name) == 0)
            return c;
    cr_assert_fail("no column '%s'", name);
    return -1;
}

/* Row whose first two fields are (k1, k2), or -1. */
static int row_of(const table *t, const char *k1, const char *k2)
{
    for (int r = 1; r < t->nrows; r++)
        if (!strcmp(t->f[r][0], k1) && (!k2 || !strcmp(t->f[r][1], k2)))
            return r;
    return -1;
}

static double num(const table *t, int r, int c)
{
    cr_assert_geq(r, 0);
    char *end;
    double v = strtod(t->f[r][c], &end);
    cr_assert(end != t->f[r][c] && *end == '\0', "not a number: '%s'", t->f[r][c]);
    return v;
}

static char *first_line(const char *path)
{
    static char line[1024];
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "cannot open %s", path);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    fclose(fp);
    return line;
}

/* ---- directories -------------------------------------------------------- */

/* Number of entries in dir (without . and ..); hidden ones counted apart. */
static int count_files(const char *dir, int *hidden)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (hidden)
            *hidden = 0;
        return -1;
    }
    int n = 0, h = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n++;
        h += e->d_name[0] == '.';
    }
    closedir(d);
    if (hidden)
        *hidden = h;
    return n;
}

static int lines_of(const char *path)
{
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "cannot open %s", path);
    int n = 0, ch, last = '\n';
    while ((ch = fgetc(fp)) != EOF) {
        n += ch == '\n';
        last = ch;
    }
    fclose(fp);
    cr_expect_eq(last, '\n', "%s does not end with a newline", path);
    return n;
}

static void run_into(const char *text, const char *dir)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", text), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    int rc = gasdep_run(m, dir);
    cr_assert_eq(rc, GASDEP_OK, "run: %s", gasdep_errmsg(m));
    gasdep_destroy(m);
}

/* ---- tests ---------------------------------------------------------------- */

Test(output, ten_files_with_exact_headers_and_no_temporaries)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(SCEN, dir);
    int hidden;
    cr_expect_eq(count_files(dir, &hidden), 10);
    cr_expect_eq(hidden, 0, "temporary files left behind");
    cr_expect_str_eq(first_line(th_path(dir, "balance.csv")),
                     "date,region,demand_mcm,supplied_mcm,unserved_mcm,reduced_mcm,"
                     "storage_mcm,storage_fill,storage_target_fill,price_eur_mwh\n");
    cr_expect_str_eq(first_line(th_path(dir, "shares.csv")),
                     "date,region,origin,volume_mcm,share\n");
    cr_expect_str_eq(first_line(th_path(dir, "group_shares.csv")),
                     "date,region,group,volume_mcm,share\n");
    cr_expect_str_eq(first_line(th_path(dir, "flows.csv")),
                     "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,"
                     "loss_mcm,capacity_value_eur_mwh\n");
    cr_expect_str_eq(first_line(th_path(dir, "supply.csv")),
                     "date,supply,kind,node,origin,volume_mcm,capacity_mcm,"
                     "min_take_mcm,missed_min_take_mcm,cost_eur_mwh\n");
    cr_expect_str_eq(first_line(th_path(dir, "storage.csv")),
                     "date,storage,node,level_mcm,fill,target_fill,injection_mcm,"
                     "withdrawal_mcm,value_eur_mwh\n");
    cr_expect_str_eq(first_line(th_path(dir, "summary.csv")),
                     "region,kind,demand_mcm,supplied_mcm,unserved_mcm,unserved_gwh,"
                     "unserved_share,reduced_mcm,days_short,min_storage_fill,"
                     "peak_price_eur_mwh,n1_pct,share_mean_a,share_min_a,share_max_a,share_mean_b,"
                     "share_min_b,share_max_b\n");
    cr_expect_str_eq(first_line(th_path(dir, "manifest.csv")), "key,value\n");
    cr_expect_str_eq(first_line(th_path(dir, "cover.csv")),
                     "date,region,storage_mcm,demand_mcm_d,gap_mcm_d,days_of_cover\n");
    cr_expect_str_eq(first_line(th_path(dir, "survival.csv")),
                     "region,kind,event,event_start,first_short_date,survival_days,"
                     "observed_days\n");
    th_rm_rf(dir);
}

Test(output, row_counts)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(SCEN, dir);
    /* header + days x areas = 1 + 3 x 3 */
    cr_expect_eq(lines_of(th_path(dir, "balance.csv")), 1 + 3 * 3);
    /* header + days x areas x origins = 1 + 3 x 3 x 2 */
    cr_expect_eq(lines_of(th_path(dir, "shares.csv")), 1 + 3 * 3 * 2);
    /* header + days x areas x origin groups = 1 + 3 x 3 x 2 */
    cr_expect_eq(lines_of(th_path(dir, "group_shares.csv")), 1 + 3 * 3 * 2);
    /* header + days x pipelines = 1 + 3 x 2 */
    cr_expect_eq(lines_of(th_path(dir, "flows.csv")), 1 + 3 * 2);
    /* header + areas */
    cr_expect_eq(lines_of(th_path(dir, "summary.csv")), 1 + 3);
    /* header + days x areas = 1 + 3 x 3; no event: a header alone */
    cr_expect_eq(lines_of(th_path(dir, "cover.csv")), 1 + 3 * 3);
    cr_expect_eq(lines_of(th_path(dir, "survival.csv")), 1);
    /* every row of a table has as many fields as its header */
    const char *files[] = {"balance.csv", "shares.csv", "group_shares.csv",
                           "flows.csv", "supply.csv", "storage.csv",
                           "summary.csv", "manifest.csv", "cover.csv", "survival.csv"};
    for (int i = 0; i < 10; i++) {
        table *t = read_csv(th_path(dir, files[i]));
        for (int r = 1; r < t->nrows; r++)
            cr_expect_eq(t->nf[r], t->nf[0], "%s row %d", files[i], r);
        free_table(t);
    }
    th_rm_rf(dir);
}

/* A day's table larger than the writer's 64 KiB chunk: 150 regions x 20
 * origins = 3000 share rows (~100 KB) a day. Each region takes 1 mcm/d from
 * hub H, where origin o0 is cheapest and unlimited, so every region's row
 * for o0 reads volume 1, share 1 and every other origin 0, 0. Every row,
 * on both sides of each chunk boundary, must be whole and in order. */
#define BIG_R 150
#define BIG_O 20
Test(output, tables_larger_than_a_chunk_are_whole_and_in_order)
{
    size_t cap = 1 << 16, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "[scenario]\nname = big\n"
                          "start = 2022-01-01\nend = 2022-01-02\n[node H]\n");
    for (int o = 0; o < BIG_O; o++)
        n += (size_t)snprintf(text + n, cap - n,
                              "[origin o%d]\n[source s%d]\nnode = H\norigin = o%d\n"
                              "capacity = 1000 mcm/d\ncost = %d\n", o, o, o, 10 + o);
    for (int r = 0; r < BIG_R; r++)
        n += (size_t)snprintf(text + n, cap - n,
                              "[region region-with-a-long-name-%03d]\ndemand = 1 mcm/d\n"
                              "[pipeline p%d]\nfrom = H\nto = region-with-a-long-name-%03d\n"
                              "capacity = 10 mcm/d\n", r, r, r);
    cr_assert_lt(n, cap - 1, "scenario text buffer too small");
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(text, dir);
    free(text);

    struct stat st;
    cr_assert_eq(stat(th_path(dir, "shares.csv"), &st), 0);
    cr_expect_gt(st.st_size, 2 * 65536, "a day must span more than one chunk");
    FILE *fp = fopen(th_path(dir, "shares.csv"), "r");
    cr_assert_not_null(fp);
    char line[256], want[256];
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_expect_str_eq(line, "date,region,origin,volume_mcm,share\n");
    int rows = 0;
    for (int d = 0; d < 2; d++)
        for (int r = 0; r < BIG_R; r++)
            for (int o = 0; o < BIG_O; o++) {
                if (!fgets(line, sizeof line, fp))
                    break;
                snprintf(want, sizeof want,
                         "2022-01-0%d,region-with-a-long-name-%03d,o%d,%s\n", d + 1, r, o,
                         o == 0 ? "1,1" : "0,0");
                rows += strcmp(line, want) == 0;
                if (strcmp(line, want) != 0)
                    cr_expect_str_eq(line, want, "row %d", rows);
            }
    cr_expect_eq(rows, 2 * BIG_R * BIG_O);
    cr_expect_null(fgets(line, sizeof line, fp), "extra rows: %s", line);
    fclose(fp);
    /* header + days x (regions) x pipelines in the other tables */
    cr_expect_eq(lines_of(th_path(dir, "balance.csv")), 1 + 2 * BIG_R);
    cr_expect_eq(lines_of(th_path(dir, "flows.csv")), 1 + 2 * BIG_R);
    th_rm_rf(dir);
}

Test(output, balance_values_by_hand)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(SCEN, dir);
    table *t = read_csv(th_path(dir, "balance.csv"));
    int r = row_of(t, "2022-01-02", "R");
    /* R: demand 10, supplied 6 + 1 = 7, unserved 3, no storage (empty
     * fields), price = the shortage cost voll (1 + f) at f = 0.3: 1300,
     * within the refined grid (0.05 pp of f: 0.5 EUR/MWh) */
    cr_expect_float_eq(num(t, r, col_of(t, "demand_mcm")), 10.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "supplied_mcm")), 7.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "unserved_mcm")), 3.0, 1e-6);
    cr_expect_str_eq(t->f[r][col_of(t, "storage_mcm")], "");
    cr_expect_str_eq(t->f[r][col_of(t, "storage_fill")], "");
    cr_expect_float_eq(num(t, r, col_of(t, "price_eur_mwh")), 1300.0, 0.5);
    /* EU = R + Q: demand 12, unserved 3 */
    r = row_of(t, "2022-01-03", "EU");
    cr_expect_float_eq(num(t, r, col_of(t, "demand_mcm")), 12.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "unserved_mcm")), 3.0, 1e-6);
    free_table(t);
    th_rm_rf(dir);
}

Test(output, shares_flows_summary_manifest_by_hand)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(SCEN, dir);
    /* shares: R gets a 6, b 1 of 7 */
    table *t = read_csv(th_path(dir, "shares.csv"));
    int vc = col_of(t, "volume_mcm"), sc = col_of(t, "share");
    int found = 0;
    for (int r = 1; r < t->nrows; r++) {
        if (strcmp(t->f[r][0], "2022-01-01") || strcmp(t->f[r][1], "R"))
            continue;
        if (!strcmp(t->f[r][2], "a")) {
            cr_expect_float_eq(num(t, r, vc), 6.0, 1e-6);
            cr_expect_float_eq(num(t, r, sc), 6.0 / 7.0, 2e-6);
            found++;
        } else if (!strcmp(t->f[r][2], "b")) {
            cr_expect_float_eq(num(t, r, vc), 1.0, 1e-6);
            cr_expect_float_eq(num(t, r, sc), 1.0 / 7.0, 2e-6);
            found++;
        }
    }
    cr_expect_eq(found, 2);
    free_table(t);
    /* flows: P at its capacity 6, utilisation 1 */
    t = read_csv(th_path(dir, "flows.csv"));
    int r = row_of(t, "2022-01-02", "P");
    cr_expect_str_eq(t->f[r][col_of(t, "from")], "H");
    cr_expect_str_eq(t->f[r][col_of(t, "to")], "R");
    cr_expect_float_eq(num(t, r, col_of(t, "flow_mcm")), 6.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "capacity_mcm")), 6.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "utilisation")), 1.0, 1e-6);
    free_table(t);
    /* summary: R demand 30, unserved 9 = 9 x 10.83 = 97.47 GWh, share 0.3,
     * 3 short days; share_mean_a 18/21 */
    t = read_csv(th_path(dir, "summary.csv"));
    r = row_of(t, "R", "region");
    cr_assert_geq(r, 0);
    cr_expect_float_eq(num(t, r, col_of(t, "demand_mcm")), 30.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "unserved_mcm")), 9.0, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "unserved_gwh")), 97.47, 1e-5);
    cr_expect_float_eq(num(t, r, col_of(t, "unserved_share")), 0.3, 1e-6);
    cr_expect_float_eq(num(t, r, col_of(t, "days_short")), 3.0, 0);
    cr_expect_float_eq(num(t, r, col_of(t, "share_mean_a")), 18.0 / 21.0, 2e-6);
    cr_expect_geq(row_of(t, "EU", "group"), 0);
    free_table(t);
    /* manifest: the scenario name with a comma survives CSV quoting */
    t = read_csv(th_path(dir, "manifest.csv"));
    r = row_of(t, "scenario_name", NULL);
    cr_assert_geq(r, 0);
    cr_expect_str_eq(t->f[r][1], "out, test");
    r = row_of(t, "start", NULL);
    cr_expect_str_eq(t->f[r][1], "2022-01-01");
    r = row_of(t, "end", NULL);
    cr_expect_str_eq(t->f[r][1], "2022-01-03");
    r = row_of(t, "engine_version", NULL);
    cr_expect_str_eq(t->f[r][1], GASDEP_VERSION);
    free_table(t);
    th_rm_rf(dir);
}

Test(output, outdir_is_created)
{
    char dir[64], sub[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    snprintf(sub, sizeof sub, "%s/new", dir);
    run_into(SCEN, sub);
    cr_expect_eq(count_files(sub, NULL), 10);
    th_rm_rf(dir);
}

Test(output, init_error_writes_nothing)
{
    char dir[64], sub[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    snprintf(sub, sizeof sub, "%s/out", dir);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini",
                                    SCEN "[pipeline X]\nfrom = H\nto = NOWHERE\n"
                                         "capacity = 1 mcm/d\n"),
                 GASDEP_OK);
    cr_expect_eq(gasdep_run(m, sub), GASDEP_EINPUT);
    int n = count_files(sub, NULL);
    cr_expect(n <= 0, "%d files written by a failed run", n);
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(output, invalid_override_writes_nothing)
{
    /* a rejected --set leaves the scenario invalid: the run must fail and
     * write nothing, as the CLI does ("exits with status 2 and writes no
     * output") */
    char dir[64], sub[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    snprintf(sub, sizeof sub, "%s/out", dir);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    cr_expect_eq(gasdep_set_assignment(m, "pipeline.P.capacity=lots"), GASDEP_EINPUT);
    int rc = gasdep_run(m, sub);
    cr_expect_neq(rc, GASDEP_OK, "the run ignored the rejected override");
    int n = count_files(sub, NULL);
    cr_expect(n <= 0, "%d files written by a run with an invalid override", n);
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(output, failure_during_the_run_leaves_no_files)
{
    /* a second run of a finished model fails at its first step: the output
     * directory may exist but holds nothing, not even temporaries */
    char dir[64], first[128], second[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    snprintf(first, sizeof first, "%s/first", dir);
    snprintf(second, sizeof second, "%s/second", dir);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    cr_assert_eq(gasdep_run(m, first), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_expect_neq(gasdep_run(m, second), GASDEP_OK);
    int n = count_files(second, NULL);
    cr_expect(n <= 0, "%d files left by a failed run", n);
    cr_expect_eq(count_files(first, NULL), 10);
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(output, one_table_to_a_stream)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_assert_eq(gasdep_run_to(m, NULL, "flows", f), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    rewind(f);
    char line[512];
    int n = 0;
    cr_assert_not_null(fgets(line, sizeof line, f));
    cr_expect_str_eq(line, "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,"
                           "loss_mcm,capacity_value_eur_mwh\n");
    while (fgets(line, sizeof line, f))
        n++;
    cr_expect_eq(n, 3 * 2); /* days x pipelines */
    fclose(f);
    gasdep_destroy(m);
}

Test(output, unknown_table_is_refused)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    FILE *f = tmpfile();
    cr_expect_neq(gasdep_run_to(m, NULL, "nonsense", f), GASDEP_OK);
    fclose(f);
    gasdep_destroy(m);
}

Test(output, table_names)
{
    const char *expect[] = {"balance", "shares",  "group_shares", "flows",
                            "supply",  "storage", "summary",      "manifest",
                            "via_shares", "cover", "survival"};
    int n = 0;
    while (gasdep_tables[n])
        n++;
    cr_assert_eq(n, 11);
    for (int i = 0; i < 11; i++)
        cr_expect_str_eq(gasdep_tables[i], expect[i]);
}

/* parents are created as with mkdir -p, so the directory must lie under a
 * file, where no directory can be made (also as root) */
Test(output, unwritable_directory_is_an_io_error)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    cr_expect_eq(gasdep_run(m, "/dev/null/gasdep/out"), GASDEP_EIO);
    cr_expect(strstr(gasdep_errmsg(m), "/dev/null/gasdep/out") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

/* The manifest's content hash is SHA-256: FIPS 180-2's "abc" vector, and for
 * a scenario with a base file the digest coreutils' sha256sum gives for the
 * files concatenated in reading order (an independent implementation). */
Test(output, content_sha256_known_vector)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    gasdep_load_string(m, "abc.ini", "abc"); /* a syntax error; hash still made */
    cr_expect_str_eq(gasdep_content_sha256(m),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    gasdep_destroy(m);
}

Test(output, content_sha256_matches_sha256sum_of_files_read)
{
    char dir[64], cmd[512], want[65] = "";
    th_tmpdir_make(dir, sizeof dir, "gasdep-sha");
    th_write_file(th_path(dir, "base.ini"), SCEN);
    th_write_file(th_path(dir, "top.ini"),
                  "[scenario]\nbase = base.ini\n\n[region R]\ndemand = 11 mcm/d\n");
    snprintf(cmd, sizeof cmd, "cat '%s/top.ini' '%s/base.ini' | sha256sum", dir, dir);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    cr_assert_eq(fscanf(p, "%64s", want), 1);
    pclose(p);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, th_path(dir, "top.ini")), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    cr_assert_eq(gasdep_run(m, th_path(dir, "out")), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    gasdep_destroy(m);
    table *t = read_csv(th_path(dir, "out/manifest.csv"));
    int r = row_of(t, "content_sha256", NULL);
    cr_assert_geq(r, 0);
    cr_expect_str_eq(t->f[r][1], want);
    free_table(t);
}

/* ---- supply.csv, storage.csv, losses: the balance a reader can check ----- */

/* 3 days. Hub H: source sa (origin a, 10 mcm/d, cost 10), store SH (100 mcm,
 * half full, withdrawal 5, injection 2). Pipeline P H->R, 20 mcm/d, loss 25 %:
 * R (demand 6) needs 6 / 0.75 = 8 mcm entering P, and P loses 2 every day.
 * Store SR at R (10 mcm, half full, rates 1) counts in R's balance.csv
 * storage; SH, at a hub, only in storage.csv. */
#define BAL_SCEN                                                               \
    "[scenario]\nname = bal\nstart = 2022-01-01\nend = 2022-01-03\nstorage_valuation = flat\n"           \
    "[origin a]\n[node H]\n"                                                   \
    "[region R]\ndemand = 6 mcm/d\n"                                           \
    "[source sa]\nnode = H\norigin = a\ncapacity = 10 mcm/d\ncost = 10\n"      \
    "[storage SH]\nnode = H\nvolume = 100 mcm\ninjection = 2 mcm/d\n"          \
    "withdrawal = 5 mcm/d\ninitial_fill = 50%\ninitial_mix = a:1\n"            \
    "[storage SR]\nnode = R\nvolume = 10 mcm\ninjection = 1 mcm/d\n"           \
    "withdrawal = 1 mcm/d\ninitial_fill = 50%\ninitial_mix = a:1\n"            \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 20 mcm/d\nloss = 25%\n"

Test(output, supply_and_storage_balance_with_balance_and_flows)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into(BAL_SCEN, dir);
    th_table bal = th_read_csv(th_path(dir, "balance.csv"), 1);
    th_table sup = th_read_csv(th_path(dir, "supply.csv"), 1);
    th_table sto = th_read_csv(th_path(dir, "storage.csv"), 1);
    th_table flo = th_read_csv(th_path(dir, "flows.csv"), 1);
    cr_assert_eq(bal.rows, 3); /* one region, no groups */
    cr_assert_eq(sup.rows, 3); /* one source, no LNG */
    cr_assert_eq(sto.rows, 3 * 2);
    cr_assert_eq(flo.rows, 3);
    double prev[2] = {50, 5}; /* initial levels: half of 100 and of 10 */
    for (int d = 0; d < 3; d++) {
        /* 6 delivered; P loses a quarter of what enters it */
        double f = th_num(&flo, d, "flow_mcm"), loss = th_num(&flo, d, "loss_mcm");
        cr_expect_float_eq(th_num(&bal, d, "supplied_mcm"), 6, 1e-6);
        cr_expect_float_eq(loss, 0.25 * f, 2e-6);
        cr_expect_str_eq(th_at(&sup, d, "kind"), "source");
        cr_expect_str_eq(th_at(&sup, d, "node"), "H");
        cr_expect_str_eq(th_at(&sup, d, "origin"), "a");
        cr_expect_float_eq(th_num(&sup, d, "capacity_mcm"), 10, 1e-9);
        cr_expect_float_eq(th_num(&sup, d, "cost_eur_mwh"), 10, 1e-9);
        double in = th_num(&sup, d, "volume_mcm"), wd = 0, inj = 0;
        for (int k = 0; k < 2; k++) {
            int r = 2 * d + k;
            cr_expect_str_eq(th_at(&sto, r, "storage"), k ? "SR" : "SH");
            cr_expect_str_eq(th_at(&sto, r, "node"), k ? "R" : "H");
            double w = th_num(&sto, r, "withdrawal_mcm"), i = th_num(&sto, r, "injection_mcm");
            double lvl = th_num(&sto, r, "level_mcm");
            /* end-of-day level: yesterday's + injection - withdrawal */
            cr_expect_float_eq(lvl, prev[k] + i - w, 2e-6, "%s day %d", k ? "SR" : "SH", d);
            cr_expect_float_eq(th_num(&sto, r, "fill"), lvl / (k ? 10 : 100), 1e-6);
            /* the stores are not drawn (stored gas is valued at 50, the
             * source costs 10) and no target binds: one more MWh in store
             * is worth nothing that day (docs/DISPATCH.md) */
            cr_expect_float_eq(th_num(&sto, r, "value_eur_mwh"), 0.0, 1e-6);
            prev[k] = lvl;
            wd += w;
            inj += i;
        }
        /* node by node: at H the source and SH feed P; at R what arrives
         * and SR serve the demand */
        double iH = th_num(&sto, 2 * d, "injection_mcm"), wH = th_num(&sto, 2 * d, "withdrawal_mcm");
        double iR = th_num(&sto, 2 * d + 1, "injection_mcm"),
               wR = th_num(&sto, 2 * d + 1, "withdrawal_mcm");
        cr_expect_float_eq(in + wH - iH, f, 5e-6, "H, day %d", d);
        cr_expect_float_eq(f - loss + wR - iR, 6, 5e-6, "R, day %d", d);
        /* only SR, at the region's node, is in balance.csv */
        cr_expect_float_eq(th_num(&bal, d, "storage_mcm"), prev[1], 1e-6);
        /* production + withdrawals = consumption + injections + losses */
        cr_expect_float_eq(in + wd,
                           th_num(&bal, d, "supplied_mcm") + inj + th_num(&flo, d, "loss_mcm"),
                           5e-6, "day %d", d);
    }
    th_free_csv(&bal);
    th_free_csv(&sup);
    th_free_csv(&sto);
    th_free_csv(&flo);
    th_rm_rf(dir);
}

/* Without storage, by hand: R (demand 6) behind a pipe that loses 25 %
 * takes 6 / 0.75 = 8 at the sending end; 2 are lost; the source gives 8. */
Test(output, lossy_pipeline_by_hand)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into("[scenario]\nname = loss\nstart = 2022-01-01\nend = 2022-01-01\n"
             "[origin a]\n[node H]\n[region R]\ndemand = 6 mcm/d\n"
             "[source sa]\nnode = H\norigin = a\ncapacity = 10 mcm/d\n"
             "[pipeline P]\nfrom = H\nto = R\ncapacity = 20 mcm/d\nloss = 25%\n",
             dir);
    th_table flo = th_read_csv(th_path(dir, "flows.csv"), 1);
    th_table sup = th_read_csv(th_path(dir, "supply.csv"), 1);
    cr_expect_float_eq(th_num(&flo, 0, "flow_mcm"), 8, 1e-6);
    cr_expect_float_eq(th_num(&flo, 0, "loss_mcm"), 2, 1e-6);
    cr_expect_float_eq(th_num(&flo, 0, "utilisation"), 0.4, 1e-6);
    cr_expect_float_eq(th_num(&sup, 0, "volume_mcm"), 8, 1e-6);
    th_free_csv(&flo);
    th_free_csv(&sup);
    th_rm_rf(dir);
}

/* A minimum take of 10 mcm/d against a demand of 4 and nowhere to put the
 * rest: 4 taken, 6 missed every day. An LNG terminal (cap 3, two origins at
 * 50 % availability, dearer) lists one slot per origin after the sources. */
Test(output, supply_rows_min_take_and_lng_slots)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into("[scenario]\nname = mt\nstart = 2022-01-01\nend = 2022-01-02\n"
             "[origin a]\n[origin l1]\n[origin l2]\n"
             "[region R]\ndemand = 4 mcm/d\n"
             "[source s]\nnode = R\norigin = a\ncapacity = 10 mcm/d\n"
             "min_take = 10 mcm/d\ncost = 5\n"
             "[lng T]\nnode = R\ncapacity = 3 mcm/d\norigins = l1 l2\n"
             "costs = 30 40\navailability = 50% 50%\n",
             dir);
    th_table sup = th_read_csv(th_path(dir, "supply.csv"), 1);
    cr_assert_eq(sup.rows, 2 * 3);
    for (int d = 0; d < 2; d++) {
        cr_expect_str_eq(th_at(&sup, 3 * d, "supply"), "s");
        cr_expect_float_eq(th_num(&sup, 3 * d, "volume_mcm"), 4, 1e-6);
        cr_expect_float_eq(th_num(&sup, 3 * d, "min_take_mcm"), 10, 1e-9);
        cr_expect_float_eq(th_num(&sup, 3 * d, "missed_min_take_mcm"), 6, 1e-6);
        for (int k = 1; k <= 2; k++) {
            int r = 3 * d + k;
            cr_expect_str_eq(th_at(&sup, r, "supply"), "T");
            cr_expect_str_eq(th_at(&sup, r, "kind"), "lng");
            cr_expect_str_eq(th_at(&sup, r, "origin"), k == 1 ? "l1" : "l2");
            cr_expect_float_eq(th_num(&sup, r, "capacity_mcm"), 1.5, 1e-9);
            cr_expect_float_eq(th_num(&sup, r, "volume_mcm"), 0, 1e-9);
            cr_expect_float_eq(th_num(&sup, r, "cost_eur_mwh"), k == 1 ? 30 : 40, 1e-9);
        }
    }
    th_free_csv(&sup);
    th_rm_rf(dir);
}

/* R's only source comes online on day 2: on day 1 R receives nothing and
 * its shares are empty (NA), not 0; the summary's shares cover day 2 only. */
Test(output, shares_are_empty_on_a_day_without_supply)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    run_into("[scenario]\nname = na\nstart = 2022-01-01\nend = 2022-01-02\n"
             "[origin a]\ngroup = ga\n[origin b]\ngroup = gb\n"
             "[region R]\ndemand = 5 mcm/d\ngroups = G\n"
             "[source s]\nnode = R\norigin = a\ncapacity = 10 mcm/d\n"
             "online = 2022-01-02\n",
             dir);
    th_table sh = th_read_csv(th_path(dir, "shares.csv"), 1);
    th_table gs = th_read_csv(th_path(dir, "group_shares.csv"), 1);
    /* rows: day x (R, G) x (a, b) */
    cr_assert_eq(sh.rows, 2 * 2 * 2);
    cr_assert_eq(gs.rows, 2 * 2 * 2);
    for (int r = 0; r < 4; r++) { /* day 1 */
        cr_expect_str_eq(th_at(&sh, r, "share"), "", "shares row %d", r);
        cr_expect_str_eq(th_at(&gs, r, "share"), "", "group_shares row %d", r);
        cr_expect_float_eq(th_num(&sh, r, "volume_mcm"), 0, 1e-12);
    }
    cr_expect_str_eq(th_at(&sh, 4, "origin"), "a");
    cr_expect_float_eq(th_num(&sh, 4, "share"), 1, 1e-9);
    cr_expect_str_eq(th_at(&sh, 5, "share"), "0");
    th_table su = th_read_csv(th_path(dir, "summary.csv"), 1);
    cr_expect_float_eq(th_num(&su, 0, "share_mean_ga"), 1, 1e-9);
    cr_expect_float_eq(th_num(&su, 0, "share_min_ga"), 1, 1e-9);
    cr_expect_float_eq(th_num(&su, 0, "share_max_gb"), 0, 1e-9);
    th_free_csv(&sh);
    th_free_csv(&gs);
    th_free_csv(&su);
    th_rm_rf(dir);
}

/* ---- the set of files: lock, commit marker, recovery, descriptors ------- */

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include "output.h"

Test(output, a_locked_directory_is_refused_and_nothing_written)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    cr_assert(fd >= 0);
    cr_assert_eq(flock(fd, LOCK_EX | LOCK_NB), 0);
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", SCEN), GASDEP_OK);
    cr_expect_eq(gasdep_run(m, dir), GASDEP_EIO);
    cr_expect(strstr(gasdep_errmsg(m), "another gasdep run is writing this directory"),
              "%s", gasdep_errmsg(m));
    cr_expect(strstr(gasdep_errmsg(m), "nothing written"), "%s", gasdep_errmsg(m));
    cr_expect_eq(count_files(dir, NULL), 0);
    gasdep_destroy(m);
    close(fd);
    /* with the lock released the same directory takes a run */
    run_into(SCEN, dir);
    cr_expect_eq(count_files(dir, NULL), 10);
    th_rm_rf(dir);
}

Test(output, an_interrupted_commit_is_finished_and_leftovers_removed)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    /* a run killed after its marker and one of two renames: flows.csv is
     * already new, balance.csv still old with the new one beside it; and a
     * temporary of another killed run */
    th_write_file(th_path(dir, "balance.csv"), "old\n");
    th_write_file(th_path(dir, "flows.csv"), "new flows\n");
    th_write_file(th_path(dir, ".balance.csv.tmp.1.0x1"), "new balance\n");
    th_write_file(th_path(dir, ".gasdep-commit"),
                  ".balance.csv.tmp.1.0x1 balance.csv\n.flows.csv.tmp.1.0x1 flows.csv\n");
    th_write_file(th_path(dir, ".shares.csv.tmp.999.0x2"), "partial");
    int finished = -1, removed = -1;
    cr_assert_eq(output_recover(dir, &finished, &removed), 0);
    cr_expect_eq(finished, 1);
    cr_expect_eq(removed, 1);
    char *b = th_slurp(th_path(dir, "balance.csv"), NULL);
    cr_expect_str_eq(b, "new balance\n");
    free(b);
    int hidden;
    cr_expect_eq(count_files(dir, &hidden), 2);
    cr_expect_eq(hidden, 0, "marker or temporaries left");
    /* a run into it afterwards replaces the whole set */
    th_write_file(th_path(dir, ".gasdep-commit"), "../escape balance.csv\n");
    run_into(SCEN, dir);
    cr_expect_eq(count_files(dir, &hidden), 10);
    cr_expect_eq(hidden, 0);
    th_rm_rf(dir);
}

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    cr_assert_not_null(d);
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* Files may not grow past 4 KiB (SIGXFSZ ignored: write fails with EFBIG):
 * every run fails with a write error, writes nothing, and keeps no
 * descriptor open. */
Test(output, a_write_error_closes_every_file)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-out");
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, lim;
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = 4096;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int before = open_fds();
    int rcs[20];
    for (int i = 0; i < 20; i++) {
        gasdep_model *m = gasdep_create();
        gasdep_load_string(m, "test.ini",
                           SCEN "[scenario]\nend = 2022-03-31\n"); /* > 4 KiB of shares */
        rcs[i] = gasdep_run(m, dir);
        gasdep_destroy(m);
    }
    int after = open_fds();
    setrlimit(RLIMIT_FSIZE, &old);
    for (int i = 0; i < 20; i++)
        cr_expect_eq(rcs[i], GASDEP_EIO, "run %d: %d", i, rcs[i]);
    cr_expect_eq(after, before, "%d descriptors leaked", after - before);
    int hidden;
    cr_expect_eq(count_files(dir, &hidden), 0, "files written by failed runs");
    th_rm_rf(dir);
}

/* Two regions: A with gas at 10 EUR/MWh, B with gas at 30, pipeline AB (20
 * mcm/d, tariff 2 EUR/MWh) full from A to B: one more MWh/d of its capacity
 * saves 30 - 10 - 2 = 18 EUR/MWh (B's price 30 less A's 10 and the tariff).
 * BA (B to A, 5 mcm/d) carries nothing: its capacity is worth 0. */
static const char *DUAL =
    "[scenario]\nname = dual\nstart = 2022-01-01\nend = 2022-01-02\nsolver = %s\n"
    "[origin o]\ngroup = g\n[region A]\ndemand = 10 mcm/d\n"
    "[region B]\ndemand = 50 mcm/d\n"
    "[source cheap]\nnode = A\norigin = o\ncapacity = 100 mcm/d\ncost = 10 EUR/MWh\n"
    "[source dear]\nnode = B\norigin = o\ncapacity = 100 mcm/d\ncost = 30 EUR/MWh\n"
    "[pipeline AB]\nfrom = A\nto = B\ncapacity = 20 mcm/d\ntariff = 2 EUR/MWh\n"
    "[pipeline BA]\nfrom = B\nto = A\ncapacity = 5 mcm/d\n"
    "[pipeline SHUT]\nfrom = A\nto = B\ncapacity = 0 mcm/d\n";

Test(output, capacity_value_is_the_price_difference_less_the_tariff)
{
    const char *solvers[] = {"glpk", "clp"};
    for (int s = 0; s < 2; s++) {
        char text[1024];
        snprintf(text, sizeof text, DUAL, solvers[s]);
        gasdep_model *m = th_model(text);
        cr_expect(isnan(gasdep_pipeline_capacity_value(m, 0)), "before the first step");
        th_step(m);
        /* Clp's duals carry its tolerances (1e-4 EUR/MWh here) */
        cr_expect_float_eq(gasdep_pipeline_capacity_value(m, th_pipe(m, "AB")), 18, 1e-3,
                           "%s: %g", solvers[s],
                           gasdep_pipeline_capacity_value(m, th_pipe(m, "AB")));
        cr_expect_float_eq(gasdep_pipeline_capacity_value(m, th_pipe(m, "BA")), 0, 1e-3);
        /* closed: its dual is not determined, NA */
        cr_expect(isnan(gasdep_pipeline_capacity_value(m, th_pipe(m, "SHUT"))));
        cr_expect(isnan(gasdep_pipeline_capacity_value(m, 3)));
        gasdep_destroy(m);
        /* and in flows.csv, the last column */
        m = th_model(text);
        FILE *f = tmpfile();
        cr_assert_eq(gasdep_run_to(m, NULL, "flows", f), GASDEP_OK, "%s", gasdep_errmsg(m));
        rewind(f);
        char line[512];
        cr_assert_not_null(fgets(line, sizeof line, f));
        cr_assert_not_null(fgets(line, sizeof line, f));
        cr_expect_str_eq(line, "2022-01-01,AB,A,B,20,20,1,0,18\n", "%s", solvers[s]);
        cr_assert_not_null(fgets(line, sizeof line, f));
        cr_expect_str_eq(line, "2022-01-01,BA,B,A,0,5,0,0,0\n");
        cr_assert_not_null(fgets(line, sizeof line, f));
        cr_expect_str_eq(line, "2022-01-01,SHUT,A,B,0,0,,0,\n");
        fclose(f);
        gasdep_destroy(m);
    }
}
