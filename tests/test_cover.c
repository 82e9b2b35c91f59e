/* test_cover.c: days of cover and survival times (engine/core/cover.c,
 * cover.csv and survival.csv) and their Monte Carlo distribution
 * (engine/batch/survival_stats.c, survival_distribution.csv). Every expected
 * number is worked out by hand in the comments. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "survival_stats.h"

#define TOL 1e-6

/* Region R: demand 100 mcm/d, its own source s of 100 mcm/d and a full store
 * of 300 mcm (withdrawal up to 100 mcm/d). Event `cut` halves s from
 * 2022-01-03: from then R draws 50 mcm/d from the store, which holds
 *   day 3: 250, day 4: 200, day 5: 150, day 6: 100, day 7: 50, day 8: 0,
 * with a gap of 50 mcm/d, so the days of cover are 250/50 = 5, 4, 3, 2, 1, 0;
 * on day 9 the store is empty and R is 50 mcm short (gap = unserved = 50,
 * cover 0). Survival time = 2022-01-09 - 2022-01-03 = 6 days = 300 / 50: the
 * store keeps R whole on days 3..8. Region Q (demand 10, raised 10 % by the
 * demand event `cold` from day 2, which is no disruption; source 20) is never
 * short: no survival time, no gap, no cover. Group EU = R + Q: its storage and
 * gap are R's, its survival time R's. The horizon ends on 2022-01-12: 10 days
 * observed from the cut's start. */
#define HAND(END, WINDOW)                                                     \
    "[scenario]\nname = hand\nstart = 2022-01-01\nend = " END "\n"            \
    "storage_valuation = flat\n"                                              \
    "[origin o]\n"                                                            \
    "[region R]\ndemand = 100 mcm/d\ngroups = EU\n"                           \
    "[region Q]\ndemand = 10 mcm/d\ngroups = EU\n"                            \
    "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\ncost = 10\n"     \
    "[source sq]\nnode = Q\norigin = o\ncapacity = 20 mcm/d\ncost = 10\n"     \
    "[storage S]\nnode = R\nvolume = 300 mcm\ninjection = 100 mcm/d\n"        \
    "withdrawal = 100 mcm/d\ninitial_fill = 100%\ninitial_mix = o:1\n"        \
    "[event cut]\ntarget = source.s\nstart = 2022-01-03\nfactor = 50%\n"      \
    WINDOW                                                                    \
    "[event cold]\ntarget = region.Q\nstart = 2022-01-02\nfactor = 110%\n"

Test(cover, days_of_cover_and_survival_by_hand)
{
    gasdep_model *m = th_model(HAND("2022-01-12", ""));
    int R = th_area(m, "R"), Q = th_area(m, "Q"), EU = th_area(m, "EU");
    cr_assert_eq(gasdep_disruption_count(m), 1, "cold is a demand event");
    int start = 0;
    cr_expect_str_eq(gasdep_disruption(m, 0, &start), "cut");
    cr_expect_eq(start, th_day("2022-01-03"));
    /* end-of-day storage of R, days 1..12; its gap is 0 before the cut */
    const double sto[12] = {300, 300, 250, 200, 150, 100, 50, 0, 0, 0, 0, 0};
    for (int k = 0; k < 12; k++) {
        th_step(m);
        gasdep_area_cover c;
        cr_assert_eq(gasdep_area_cover_get(m, R, &c), GASDEP_OK);
        double gap = k < 2 ? 0 : 50;
        cr_expect_float_eq(c.storage_mcm, sto[k], TOL, "day %d", k + 1);
        cr_expect_float_eq(c.gap_mcm, gap, TOL, "day %d", k + 1);
        if (k < 2)
            cr_expect(isnan(c.days_of_cover), "day %d: no gap, no cover", k + 1);
        else
            cr_expect_float_eq(c.days_of_cover, sto[k] / 50, TOL, "day %d", k + 1);
        cr_assert_eq(gasdep_area_cover_get(m, Q, &c), GASDEP_OK);
        cr_expect_float_eq(c.storage_mcm, 0, TOL);
        cr_expect_float_eq(c.gap_mcm, 0, TOL);
        cr_expect(isnan(c.days_of_cover));
        cr_assert_eq(gasdep_area_cover_get(m, EU, &c), GASDEP_OK);
        cr_expect_float_eq(c.storage_mcm, sto[k], TOL);
        cr_expect_float_eq(c.gap_mcm, gap, TOL);
        /* survival so far: none before day 9 */
        int fs;
        cr_expect_eq(gasdep_area_survival(m, R, 0, &fs), k < 8 ? -1 : 6, "day %d", k + 1);
        cr_expect_eq(fs, k < 8 ? -1 : th_day("2022-01-09"));
    }
    int fs = 0;
    cr_expect_eq(gasdep_area_survival(m, Q, 0, &fs), -1);
    cr_expect_eq(fs, -1);
    cr_expect_eq(gasdep_area_survival(m, EU, 0, NULL), 6);
    cr_expect_eq(gasdep_area_survival(m, R, 1, NULL), -1, "no second disruption");
    cr_expect_null(gasdep_disruption(m, 1, NULL));
    gasdep_destroy(m);
}

/* The same run through the files: the rows as worked out above. */
Test(cover, cover_csv_and_survival_csv)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cover");
    gasdep_model *m = th_model(HAND("2022-01-12", ""));
    cr_assert_eq(gasdep_run(m, dir), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    char *sv = th_slurp(th_path(dir, "survival.csv"), NULL);
    cr_expect_str_eq(sv, "region,kind,event,event_start,first_short_date,survival_days,"
                         "observed_days\n"
                         "R,region,cut,2022-01-03,2022-01-09,6,10\n"
                         "Q,region,cut,2022-01-03,,,10\n"
                         "EU,group,cut,2022-01-03,2022-01-09,6,10\n");
    free(sv);
    char *cv = th_slurp(th_path(dir, "cover.csv"), NULL);
    cr_expect(strstr(cv, "date,region,storage_mcm,demand_mcm_d,gap_mcm_d,days_of_cover\n"
                         "2022-01-01,R,300,100,0,\n") == cv);
    cr_expect_not_null(strstr(cv, "\n2022-01-03,R,250,100,50,5\n"));
    cr_expect_not_null(strstr(cv, "\n2022-01-03,Q,0,11,0,\n"));
    cr_expect_not_null(strstr(cv, "\n2022-01-08,R,0,100,50,0\n"));
    cr_expect_not_null(strstr(cv, "\n2022-01-09,R,0,100,50,0\n"));
    free(cv);
    /* summary.csv: one survival_days_EVENT column, last; 6 for R and EU,
     * empty for Q (never short) */
    th_table su = th_read_csv(th_path(dir, "summary.csv"), 1);
    int rows = 0;
    for (int r = 0; r < su.rows; r++) {
        const char *reg = th_at(&su, r, "region");
        const char *want = !strcmp(reg, "Q") ? "" : "6";
        cr_expect_str_eq(th_at(&su, r, "survival_days_cut"), want, "%s", reg);
        rows++;
    }
    cr_expect_eq(rows, 3);
    th_free_csv(&su);
    th_rm_rf(dir);
}

/* gasdep diff compares survival: the store of 300 mcm keeps R whole for
 * 300 / 50 = 6 days after the cut, a store of 400 mcm for 8 (400 mcm at
 * 100 % fill, the same 50 mcm/d gap): b - a = +2 days; Q never short, so
 * its figure is empty in both. */
Test(cover, diff_compares_survival_days)
{
    char dir[64], a[128], b[128], out[160], msg[512];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cover-diff");
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    gasdep_model *m = th_model(HAND("2022-01-14", ""));
    cr_assert_eq(gasdep_run(m, a), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    char text[2048];
    snprintf(text, sizeof text, "%s", HAND("2022-01-14", ""));
    char *v = strstr(text, "volume = 300 mcm");
    cr_assert_not_null(v);
    v[9] = '4'; /* volume = 400 mcm */
    m = th_model(text);
    cr_assert_eq(gasdep_run(m, b), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    snprintf(out, sizeof out, "%s/diff.csv", dir);
    cr_assert_eq(gasdep_diff(a, b, out, NULL, NULL, msg, sizeof msg), GASDEP_OK, "%s", msg);
    th_table d = th_read_csv(out, 1);
    int found = 0;
    for (int r = 0; r < d.rows; r++) {
        if (strcmp(th_at(&d, r, "figure"), "survival_days_cut"))
            continue;
        const char *reg = th_at(&d, r, "region");
        if (!strcmp(reg, "Q")) {
            cr_expect_str_eq(th_at(&d, r, "a"), "");
            cr_expect_str_eq(th_at(&d, r, "b"), "");
        } else {
            cr_expect_float_eq(th_num(&d, r, "a"), 6, TOL, "%s", reg);
            cr_expect_float_eq(th_num(&d, r, "b"), 8, TOL, "%s", reg);
            cr_expect_float_eq(th_num(&d, r, "b_minus_a"), 2, TOL, "%s", reg);
        }
        found++;
    }
    cr_expect_eq(found, 3, "R, Q and EU");
    th_free_csv(&d);
    th_rm_rf(dir);
}

/* Which events are disruptions: a lower capacity value or a factor < 1 on a
 * supply (pipeline, storage withdrawal, origin); not a higher value, a factor
 * > 1, a demand event, or an event after the horizon. An event that started
 * before the horizon counts from its first day. In start order. */
Test(cover, disruption_events_are_the_supply_cuts)
{
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-31\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 20 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 5 mcm/d\n"
        "[event lower]\ntarget = pipeline.P\nstart = 2022-01-20\nvalue = 15 mcm/d\n"
        "[event higher]\ntarget = pipeline.P\nstart = 2022-01-05\nvalue = 25 mcm/d\n"
        "[event boost]\ntarget = source.s\nstart = 2022-01-06\nfactor = 120%\n"
        "[event demand]\ntarget = region.R\nstart = 2022-01-07\nfactor = 50%\n"
        "[event later]\ntarget = source.s\nstart = 2022-03-01\nfactor = 0\n"
        "[event early]\ntarget = storage.S\nstart = 2021-12-01\nfactor = 50%\n"
        "[event origin]\ntarget = origin.o\nstart = 2022-01-10\nfactor = 90%\n");
    cr_assert_eq(gasdep_disruption_count(m), 3);
    int d;
    cr_expect_str_eq(gasdep_disruption(m, 0, &d), "early");
    cr_expect_eq(d, th_day("2022-01-01"));
    cr_expect_str_eq(gasdep_disruption(m, 1, &d), "origin");
    cr_expect_eq(d, th_day("2022-01-10"));
    cr_expect_str_eq(gasdep_disruption(m, 2, &d), "lower");
    cr_expect_eq(d, th_day("2022-01-20"));
    gasdep_destroy(m);
}

/* Gas below a withdrawal curve's zero section never comes out: with the curve
 * 0 up to 20 % fill, a full 300 mcm store covers with 300 - 0.2 x 300 = 240. */
Test(cover, storage_below_the_curve_floor_is_not_cover)
{
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\nstorage_valuation = flat\n"
        "[origin o]\n[region R]\ndemand = 100 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 50 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 300 mcm\ninjection = 100 mcm/d\n"
        "withdrawal = 100 mcm/d\nwithdrawal_curve = 0%:0% 20%:0% 40%:100% 100%:100%\n"
        "initial_fill = 100%\ninitial_mix = o:1\n");
    th_step(m);
    /* day 1: 50 withdrawn (full rate above 40 % fill): level 250, of which
     * 250 - 60 = 190 can come out; gap 50: 3.8 days */
    gasdep_area_cover c;
    cr_assert_eq(gasdep_area_cover_get(m, th_area(m, "R"), &c), GASDEP_OK);
    cr_expect_float_eq(c.storage_mcm, 190, TOL);
    cr_expect_float_eq(c.gap_mcm, 50, TOL);
    cr_expect_float_eq(c.days_of_cover, 3.8, TOL);
    gasdep_destroy(m);
}

/* Quantiles of censored survival times, by hand: {3, 1, none, 2, 5} sorts to
 * {1, 2, 3, 5, +inf}; GSL's rule takes (n - 1) p = 4 p:
 *   p 0.05 -> 0.2: 1 + 0.2 (2 - 1) = 1.2;  p 0.25 -> 1: 2;  p 0.5 -> 2: 3;
 *   p 0.7 -> 2.8: 3 + 0.8 (5 - 3) = 4.6;   p 0.75 -> 3: 5;
 *   p 0.95 -> 3.8: between 5 and a censored run: unknown (NaN). */
Test(cover, censored_quantiles_by_hand)
{
    double x[5] = {3, 1, NAN, 2, 5};
    survival_sort(x, 5);
    cr_expect_float_eq(x[0], 1, TOL);
    cr_expect_float_eq(x[3], 5, TOL);
    cr_expect(isinf(x[4]));
    cr_expect_float_eq(survival_quantile(x, 5, 0.05), 1.2, TOL);
    cr_expect_float_eq(survival_quantile(x, 5, 0.25), 2, TOL);
    cr_expect_float_eq(survival_quantile(x, 5, 0.5), 3, TOL);
    cr_expect_float_eq(survival_quantile(x, 5, 0.7), 4.6, TOL);
    cr_expect_float_eq(survival_quantile(x, 5, 0.75), 5, TOL);
    cr_expect(isnan(survival_quantile(x, 5, 0.95)));
    double none[2] = {NAN, NAN};
    survival_sort(none, 2);
    cr_expect(isnan(survival_quantile(none, 2, 0.05)));
    cr_expect(isnan(survival_quantile(none, 0, 0.5)));
}

static th_table mc_survival(const char *dir, const char *end, int runs, int jobs,
                            const char *sub)
{
    char ini[256], out[256], text[4096];
    snprintf(ini, sizeof ini, "%s/mc.ini", dir);
    snprintf(out, sizeof out, "%s/%s", dir, sub);
    /* the cut starts 0..4 days after 2022-01-03, drawn per run */
    if (!strcmp(end, "2022-01-20"))
        snprintf(text, sizeof text, "%s", HAND("2022-01-20", "start_window = 4\n"));
    else
        snprintf(text, sizeof text, "%s", HAND("2022-01-12", "start_window = 4\n"));
    th_write_file(ini, text);
    cr_assert_eq(th_sh("%s montecarlo %s -n %d -j %d -q -o %s", th_bin(), ini, runs,
                       jobs, out), 0);
    return th_read_csv(th_path(out, "survival_distribution.csv"), 1);
}

/* Monte Carlo: whenever the cut starts, R keeps whole for 300 / 50 = 6 days
 * (measured from that run's start): every quantile, the least and the most
 * are 6, no run without a shortfall; Q is never short: every run censored,
 * p_no_shortfall 1, every quantile unknown. */
Test(cover, montecarlo_survival_distribution_by_hand)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cover-mc");
    th_table t = mc_survival(dir, "2022-01-20", 12, 2, "mc");
    cr_assert_eq(t.rows, 3);
    cr_expect_str_eq(th_at(&t, 0, "region"), "R");
    cr_expect_float_eq(th_num(&t, 0, "runs"), 12, TOL);
    cr_expect_float_eq(th_num(&t, 0, "runs_short"), 12, TOL);
    cr_expect_float_eq(th_num(&t, 0, "p_no_shortfall"), 0, TOL);
    const char *q[] = {"p5_days", "p25_days", "p50_days", "p75_days", "p95_days",
                       "min_days", "max_days"};
    for (int i = 0; i < 7; i++) {
        cr_expect_float_eq(th_num(&t, 0, q[i]), 6, TOL, "R %s", q[i]);
        cr_expect_str_eq(th_at(&t, 1, q[i]), "", "Q %s", q[i]);
        cr_expect_float_eq(th_num(&t, 2, q[i]), 6, TOL, "EU %s", q[i]);
    }
    cr_expect_float_eq(th_num(&t, 1, "runs_short"), 0, TOL);
    cr_expect_float_eq(th_num(&t, 1, "p_no_shortfall"), 1, TOL);
    th_free_csv(&t);
    th_rm_rf(dir);
}

/* Censoring: with the horizon ending on 2022-01-12 a cut drawn to start on
 * day 7 (offset 4) would first leave R short on day 13, after the horizon:
 * those runs have no survival time. The share without a shortfall is then
 * exactly 1 - p_shortfall of probabilities.csv, the runs short still survive
 * 6 days; the same bytes with 1 and 2 threads. */
Test(cover, montecarlo_censored_runs_agree_with_probabilities)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cover-mc");
    th_table t = mc_survival(dir, "2022-01-12", 30, 2, "a");
    th_table p = th_read_csv(th_path(th_path(dir, "a"), "probabilities.csv"), 1);
    cr_expect_float_eq(th_num(&t, 0, "p_no_shortfall"), 1 - th_num(&p, 0, "p_shortfall"),
                       TOL);
    cr_expect_float_eq(th_num(&t, 0, "runs_short"), 30 * th_num(&p, 0, "p_shortfall"),
                       1e-3);
    cr_expect_float_eq(th_num(&t, 0, "min_days"), 6, TOL);
    cr_expect_float_eq(th_num(&t, 0, "max_days"), 6, TOL);
    th_table t1 = mc_survival(dir, "2022-01-12", 30, 1, "b");
    cr_expect(th_same_file(th_path(th_path(dir, "a"), "survival_distribution.csv"),
                           th_path(th_path(dir, "b"), "survival_distribution.csv")));
    th_free_csv(&t);
    th_free_csv(&t1);
    th_free_csv(&p);
    th_rm_rf(dir);
}
