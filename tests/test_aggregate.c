/* test_aggregate.c: reading run directories back (engine/core/aggregate.c):
 * gasdep_aggregate on a hand-written two-month run, volume conservation on a
 * real run, gasdep_diff of two runs of a hand example, and the name
 * suggestions of engine/core/suggest.c. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Region R, two origins a, b, January and February 2022 (two days each).
 *   01-30: supplied 10, all a          (daily share of a: 1)
 *   01-31: supplied 30, all b          (daily share of a: 0)
 *   02-01: demand 8, nothing supplied  (shares NA)
 *   02-02: supplied 4: a 1, b 3
 * January, by volume: a = 10 / 40 = 0.25 (a mean of daily shares would say
 * 0.5). February: a = 1 / 4 = 0.25, the NA day adds no volume. */
static void write_run(const char *dir)
{
    th_write_file(th_path(dir, "balance.csv"),
                  "date,region,demand_mcm,supplied_mcm,unserved_mcm,storage_mcm,"
                  "storage_fill,storage_target_fill,price_eur_mwh\n"
                  "2022-01-30,R,10,10,0,50,0.5,0.4,20\n"
                  "2022-01-31,R,30,30,0,40,0.4,0.4,40\n"
                  "2022-02-01,R,8,0,8,30,0.3,0.5,1000\n"
                  "2022-02-02,R,4,4,0,35,0.35,0.5,30\n");
    th_write_file(th_path(dir, "shares.csv"),
                  "date,region,origin,volume_mcm,share\n"
                  "2022-01-30,R,a,10,1\n2022-01-30,R,b,0,0\n"
                  "2022-01-31,R,a,0,0\n2022-01-31,R,b,30,1\n"
                  "2022-02-01,R,a,0,\n2022-02-01,R,b,0,\n"
                  "2022-02-02,R,a,1,0.25\n2022-02-02,R,b,3,0.75\n");
    /* a complete run also has its summary and manifest (not aggregated) */
    th_write_file(th_path(dir, "summary.csv"),
                  "region,kind,demand_mcm,supplied_mcm,unserved_mcm,days_short\n"
                  "R,region,52,44,8,1\n");
    th_write_file(th_path(dir, "manifest.csv"), "key,value\nengine,gasdep\n");
}

Test(aggregate, two_months_by_hand)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-agg");
    write_run(dir);
    char out[128], msg[512];
    snprintf(out, sizeof out, "%s/month", dir);
    cr_assert_eq(gasdep_aggregate(dir, "month", out, msg, sizeof msg), GASDEP_OK, "%s", msg);
    th_table b = th_read_csv(th_path(out, "balance.csv"), 1);
    cr_assert_eq(b.rows, 2);
    cr_expect_str_eq(th_at(&b, 0, "period"), "2022-01");
    cr_expect_str_eq(th_at(&b, 1, "period"), "2022-02");
    cr_expect_str_eq(th_at(&b, 0, "first_date"), "2022-01-30");
    cr_expect_str_eq(th_at(&b, 1, "last_date"), "2022-02-02");
    cr_expect_float_eq(th_num(&b, 0, "days"), 2, 1e-12);
    cr_expect_float_eq(th_num(&b, 0, "demand_mcm"), 40, 1e-9);
    cr_expect_float_eq(th_num(&b, 1, "supplied_mcm"), 4, 1e-9);
    cr_expect_float_eq(th_num(&b, 1, "unserved_mcm"), 8, 1e-9);
    cr_expect_float_eq(th_num(&b, 0, "days_short"), 0, 1e-12);
    cr_expect_float_eq(th_num(&b, 1, "days_short"), 1, 1e-12);
    cr_expect_float_eq(th_num(&b, 0, "storage_mcm"), 40, 1e-9);      /* end of month */
    cr_expect_float_eq(th_num(&b, 1, "min_storage_fill"), 0.3, 1e-9); /* lowest */
    /* demand-weighted: (10 x 20 + 30 x 40) / 40 = 35; (8 x 1000 + 4 x 30) / 12 */
    cr_expect_float_eq(th_num(&b, 0, "price_eur_mwh"), 35, 1e-4);
    /* written to the cent (PRICE_DECIMALS) */
    cr_expect_float_eq(th_num(&b, 1, "price_eur_mwh"), 8120.0 / 12, 0.005);
    cr_expect_float_eq(th_num(&b, 1, "peak_price_eur_mwh"), 1000, 1e-9);
    th_table s = th_read_csv(th_path(out, "shares.csv"), 1);
    cr_assert_eq(s.rows, 4);
    cr_expect_str_eq(th_at(&s, 0, "origin"), "a");
    cr_expect_float_eq(th_num(&s, 0, "volume_mcm"), 10, 1e-9);
    cr_expect_float_eq(th_num(&s, 0, "share"), 0.25, 1e-9);
    cr_expect_float_eq(th_num(&s, 1, "share"), 0.75, 1e-9);
    cr_expect_float_eq(th_num(&s, 2, "share"), 0.25, 1e-9);
    cr_expect_float_eq(th_num(&s, 3, "share"), 0.75, 1e-9);
    th_free_csv(&b);
    th_free_csv(&s);
    /* the year holds all four days; a share over it by volume: 11 / 44 */
    snprintf(out, sizeof out, "%s/year", dir);
    cr_assert_eq(gasdep_aggregate(dir, "year", out, msg, sizeof msg), GASDEP_OK, "%s", msg);
    s = th_read_csv(th_path(out, "shares.csv"), 1);
    cr_assert_eq(s.rows, 2);
    cr_expect_str_eq(th_at(&s, 0, "period"), "2022");
    cr_expect_float_eq(th_num(&s, 0, "share"), 0.25, 1e-9);
    th_free_csv(&s);
    th_rm_rf(dir);
}

Test(aggregate, period_labels_and_errors)
{
    char dir[64], msg[512], out[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-agg");
    write_run(dir);
    snprintf(out, sizeof out, "%s/gy", dir);
    cr_assert_eq(gasdep_aggregate(dir, "gas-year", out, msg, sizeof msg), GASDEP_OK);
    th_table b = th_read_csv(th_path(out, "balance.csv"), 1);
    cr_assert_eq(b.rows, 1);
    cr_expect_str_eq(th_at(&b, 0, "period"), "2021/2022"); /* from 1 Oct 2021 */
    th_free_csv(&b);
    snprintf(out, sizeof out, "%s/q", dir);
    cr_assert_eq(gasdep_aggregate(dir, "quarter", out, msg, sizeof msg), GASDEP_OK);
    b = th_read_csv(th_path(out, "balance.csv"), 1);
    cr_expect_str_eq(th_at(&b, 0, "period"), "2022-Q1");
    th_free_csv(&b);
    cr_expect_eq(gasdep_aggregate(dir, "week", out, msg, sizeof msg), GASDEP_EARG);
    cr_expect(strstr(msg, "week"), "%s", msg);
    cr_expect_neq(gasdep_aggregate("/nonexistent/run", "month", out, msg, sizeof msg),
                  GASDEP_OK);
    /* an interrupted commit: refuse to read a possibly mixed set */
    th_write_file(th_path(dir, ".gasdep-commit"), "");
    cr_expect_eq(gasdep_aggregate(dir, "month", out, msg, sizeof msg), GASDEP_EINPUT);
    cr_expect(strstr(msg, "interrupted"), "%s", msg);
    th_rm_rf(dir);
}

/* On a real run the monthly volumes add up to the run's totals in
 * summary.csv (computed by the engine, not from the daily files). */
#define RUN_SCEN                                                               \
    "[scenario]\nname = agg\nstart = 2022-01-20\nend = 2022-03-10\n"           \
    "[origin a]\n[origin b]\n[node H]\n"                                       \
    "[region R]\ndemand = 10 mcm/d\n"                                          \
    "[source sa]\nnode = H\norigin = a\ncapacity = CAP mcm/d\n"                \
    "[source sb]\nnode = R\norigin = b\ncapacity = 1 mcm/d\n"                  \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 6 mcm/d\n"

static void run_scen(const char *dir, const char *cap)
{
    char text[1024];
    snprintf(text, sizeof text, "%s", RUN_SCEN);
    char *c = strstr(text, "CAP");
    memmove(c + strlen(cap), c + 3, strlen(c + 3) + 1);
    memcpy(c, cap, strlen(cap));
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "agg.ini", text), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_run(m, dir), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(aggregate, monthly_volumes_add_up_to_the_summary)
{
    char dir[64], out[128], msg[512];
    th_tmpdir_make(dir, sizeof dir, "gasdep-agg");
    run_scen(dir, "6");
    snprintf(out, sizeof out, "%s/month", dir);
    cr_assert_eq(gasdep_aggregate(dir, "month", out, msg, sizeof msg), GASDEP_OK, "%s", msg);
    th_table b = th_read_csv(th_path(out, "balance.csv"), 1);
    th_table u = th_read_csv(th_path(dir, "summary.csv"), 1);
    cr_assert_eq(b.rows, 3); /* Jan, Feb, Mar */
    double days = 0, sup = 0, uns = 0;
    for (int r = 0; r < b.rows; r++) {
        days += th_num(&b, r, "days");
        sup += th_num(&b, r, "supplied_mcm");
        uns += th_num(&b, r, "unserved_mcm");
    }
    cr_expect_float_eq(days, 50, 1e-12); /* 12 + 28 + 10 */
    cr_expect_float_eq(sup, th_num(&u, 0, "supplied_mcm"), 1e-4);
    cr_expect_float_eq(uns, th_num(&u, 0, "unserved_mcm"), 1e-4);
    cr_expect_float_eq(th_num(&b, 1, "unserved_mcm"), 28 * 3, 1e-4); /* 10 - 6 - 1 */
    th_free_csv(&b);
    th_free_csv(&u);
    th_rm_rf(dir);
}

/* The same hand example twice: P carries 6 or, with sa at 8 and P widened
 * by --set, 8. R (demand 10) is short 3 or 1 mcm a day over 50 days:
 * unserved 150 and 50, difference -100; days short 50 both. */
Test(aggregate, diff_of_two_runs_by_hand)
{
    char dir[64], a[128], b[128], out[160], msg[512];
    th_tmpdir_make(dir, sizeof dir, "gasdep-diff");
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    run_scen(a, "6");
    {
        char text[1024];
        snprintf(text, sizeof text, "%s", RUN_SCEN);
        char *c = strstr(text, "CAP");
        memcpy(c, "8  ", 3);
        gasdep_model *m = gasdep_create();
        cr_assert_eq(gasdep_load_string(m, "agg.ini", text), GASDEP_OK);
        cr_assert_eq(gasdep_set(m, "pipeline.P.capacity", "8 mcm/d"), GASDEP_OK);
        cr_assert_eq(gasdep_run(m, b), GASDEP_OK, "%s", gasdep_errmsg(m));
        gasdep_destroy(m);
    }
    snprintf(out, sizeof out, "%s/diff.csv", dir);
    FILE *rep = tmpfile();
    cr_assert_eq(gasdep_diff(a, b, out, NULL, rep, msg, sizeof msg), GASDEP_OK, "%s", msg);
    th_table d = th_read_csv(out, 1);
    int found = 0;
    for (int r = 0; r < d.rows; r++) {
        if (strcmp(th_at(&d, r, "region"), "R"))
            continue;
        const char *fig = th_at(&d, r, "figure");
        if (!strcmp(fig, "unserved_mcm")) {
            cr_expect_float_eq(th_num(&d, r, "a"), 150, 1e-4);
            cr_expect_float_eq(th_num(&d, r, "b"), 50, 1e-4);
            cr_expect_float_eq(th_num(&d, r, "b_minus_a"), -100, 1e-4);
            found++;
        } else if (!strcmp(fig, "days_short")) {
            cr_expect_float_eq(th_num(&d, r, "b_minus_a"), 0, 1e-12);
            found++;
        } else if (!strcmp(fig, "reduced_mcm")) {
            /* R has no demand-response blocks: nothing given up in either */
            cr_expect_float_eq(th_num(&d, r, "a"), 0, 1e-12);
            cr_expect_float_eq(th_num(&d, r, "b"), 0, 1e-12);
            found++;
        } else if (!strcmp(fig, "share_mean_a")) {
            /* a's share of supplied gas: 6 / 7 and 8 / 9 */
            cr_expect_float_eq(th_num(&d, r, "a"), 6.0 / 7, 1e-6);
            cr_expect_float_eq(th_num(&d, r, "b"), 8.0 / 9, 1e-6);
            found++;
        }
        cr_expect_str_eq(th_at(&d, r, "kind"), "region");
    }
    cr_expect_eq(found, 4);
    th_free_csv(&d);
    /* the report names what changed and leaves out what did not */
    rewind(rep);
    char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, rep);
    text[n] = '\0';
    fclose(rep);
    cr_expect(strstr(text, "unserved_mcm") && strstr(text, "(-100)"), "%s", text);
    cr_expect(!strstr(text, "days_short"), "%s", text);
    /* a run compared with itself: no differences */
    rep = tmpfile();
    cr_assert_eq(gasdep_diff(a, a, NULL, NULL, rep, msg, sizeof msg), GASDEP_OK);
    rewind(rep);
    n = fread(text, 1, sizeof text - 1, rep);
    text[n] = '\0';
    fclose(rep);
    cr_expect(strstr(text, "no differences"), "%s", text);
    cr_expect_neq(gasdep_diff(a, "/nonexistent", NULL, NULL, NULL, msg, sizeof msg),
                  GASDEP_OK);
    cr_expect(strstr(msg, "/nonexistent"), "%s", msg);
    th_rm_rf(dir);
}

/* gasdep diff covers the corridor figures: with corridor C = pipeline P, R
 * (demand 10) gets 6 through P and 1 from sb (via_mean_C = 6 / 7), and with
 * sa and P at 8 it gets 8 + 1 (8 / 9); the difference 8/9 - 6/7 = 2/63. */
Test(aggregate, diff_compares_via_mean_of_corridors)
{
    char dir[64], a[128], b[128], out[160], msg[512];
    th_tmpdir_make(dir, sizeof dir, "gasdep-diff-via");
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    for (int k = 0; k < 2; k++) {
        char text[1024];
        snprintf(text, sizeof text, "%s[corridor C]\npipelines = P\n", RUN_SCEN);
        char *c = strstr(text, "CAP");
        memcpy(c, k ? "8  " : "6  ", 3);
        gasdep_model *m = gasdep_create();
        cr_assert_eq(gasdep_load_string(m, "agg.ini", text), GASDEP_OK, "%s",
                     gasdep_errmsg(m));
        if (k)
            cr_assert_eq(gasdep_set(m, "pipeline.P.capacity", "8 mcm/d"), GASDEP_OK);
        cr_assert_eq(gasdep_run(m, k ? b : a), GASDEP_OK, "%s", gasdep_errmsg(m));
        gasdep_destroy(m);
    }
    snprintf(out, sizeof out, "%s/diff.csv", dir);
    cr_assert_eq(gasdep_diff(a, b, out, NULL, NULL, msg, sizeof msg), GASDEP_OK, "%s", msg);
    th_table d = th_read_csv(out, 1);
    int found = 0;
    for (int r = 0; r < d.rows; r++)
        if (!strcmp(th_at(&d, r, "region"), "R") &&
            !strcmp(th_at(&d, r, "figure"), "via_mean_C")) {
            cr_expect_float_eq(th_num(&d, r, "a"), 6.0 / 7, 1e-6);
            cr_expect_float_eq(th_num(&d, r, "b"), 8.0 / 9, 1e-6);
            cr_expect_float_eq(th_num(&d, r, "b_minus_a"), 2.0 / 63, 1e-6);
            found++;
        }
    cr_expect_eq(found, 1);
    th_free_csv(&d);
    th_rm_rf(dir);
}

/* ---- suggestions ----------------------------------------------------------- */

Test(suggest, closest_names)
{
    const char *pipes[] = {"TAP-GR-exit", "TAP-AL-IT", "NordStream1", "TurkStream", NULL};
    cr_expect_str_eq(gasdep_suggest("NordStrem1", pipes, -1), "NordStream1");
    cr_expect_str_eq(gasdep_suggest("turkstream", pipes, -1), "TurkStream");
    cr_expect_str_eq(gasdep_suggest("TAP-AL", pipes, -1), "TAP-AL-IT"); /* a prefix */
    cr_expect_null(gasdep_suggest("Baltic", pipes, -1));
    cr_expect_null(gasdep_suggest("X", pipes, 4));
    const char *keys[] = {"capacity", "reverse_capacity", "tariff"};
    cr_expect_str_eq(gasdep_suggest("capacty", keys, 3), "capacity");
    cr_expect_str_eq(gasdep_suggest("tarif", keys, 3), "tariff");
}
