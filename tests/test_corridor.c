/* test_corridor.c: corridors (engine/core/corridor.c) and route tracing
 * (trace.c, the corridor pass): a corridor on one of two parallel paths, a
 * corridor feeding a storage withdrawn later, corridors inside a loop,
 * capacity factors (key, --set, event, API), the summary's via statistics
 * and bad corridor input. Expected values are worked by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "helpers.h"

static int corr(gasdep_model *m, const char *name)
{
    int c = gasdep_find(m, GASDEP_CORRIDOR, name);
    cr_assert_geq(c, 0, "no corridor '%s'", name);
    return c;
}

/* Share of area `region`'s gas today that passed corridor `name`. */
static double via(gasdep_model *m, const char *region, const char *name)
{
    gasdep_area_day d = th_area_day(m, region);
    return gasdep_area_via_mcm(m, th_area(m, region), corr(m, name)) / d.supplied_mcm;
}

/* H (ample source, cost 10) feeds R (demand 10) over P1 (capacity 6, no
 * tariff) and P2 (capacity 100, tariff 1): the LP fills P1 first, so 6 of
 * R's 10 come through P1, 4 through P2. */
#define PARALLEL                                                              \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"                      \
    "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"                   \
    "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\ncost = 10\n"     \
    "[pipeline P1]\nfrom = H\nto = R\ncapacity = 6 mcm/d\n"                   \
    "[pipeline P2]\nfrom = H\nto = R\ncapacity = 100 mcm/d\ntariff = 1\n"     \
    "[corridor one]\npipelines = P1\n"                                        \
    "[corridor both]\npipelines = P1 P2\n"

Test(corridor, parallel_paths_share_is_the_flow_fraction)
{
    /* via one = 6 / 10 = 0.6 (volume 6); via both = 10 / 10 = 1 */
    gasdep_model *m = th_model(PARALLEL);
    cr_assert_eq(gasdep_count(m, GASDEP_CORRIDOR), 2);
    cr_expect_str_eq(gasdep_name(m, GASDEP_CORRIDOR, 1), "both");
    const int *idx;
    cr_assert_eq(gasdep_corridor_members(m, corr(m, "both"), GASDEP_PIPELINE, &idx), 2);
    cr_expect_eq(idx[1], th_pipe(m, "P2"));
    cr_expect_eq(gasdep_corridor_members(m, 0, GASDEP_SOURCE, &idx), 0);
    cr_expect_eq(gasdep_corridor_members(m, 0, GASDEP_REGION, &idx), -1);
    th_step(m);
    cr_expect_float_eq(via(m, "R", "one"), 0.6, 1e-9);
    cr_expect_float_eq(gasdep_area_via_mcm(m, th_area(m, "R"), corr(m, "one")), 6.0,
                       1e-7);
    cr_expect_float_eq(via(m, "R", "both"), 1.0, 1e-9);
    gasdep_destroy(m);
}

Test(corridor, capacity_factor_scales_every_member)
{
    /* capacity_factor 0.5 on 'one' halves P1 to 3: R takes 3 via P1 and 7
     * via P2, share 0.3. On 'both' (factor 0.05) P1 is 0.3 and P2 5, 5.3
     * in all: R is 4.7 short. */
    gasdep_model *m = NULL;
    cr_assert_eq(th_try(PARALLEL "[corridor one]\ncapacity_factor = 0.5\n", &m),
                 GASDEP_OK);
    th_step(m);
    cr_expect_float_eq(via(m, "R", "one"), 0.3, 1e-9);
    gasdep_destroy(m);
    m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "t.ini", PARALLEL), GASDEP_OK);
    cr_assert_eq(gasdep_set(m, "corridor.both.capacity_factor", "0.05"), GASDEP_OK);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 4.7, 1e-7);
    double v = 0;
    cr_expect_eq(gasdep_get(m, "corridor.both.capacity_factor", &v), GASDEP_OK);
    cr_expect_float_eq(v, 0.05, 1e-12);
    gasdep_destroy(m);
}

Test(corridor, event_and_api_factor_on_a_corridor)
{
    /* an event at 50 % on corridor 'one' from day 2: P1 3, share 0.3 on day
     * 2 and 0.6 on day 1. Then the API: factor 0 on 'both' leaves R with
     * nothing (10 short) from the next step. */
    gasdep_model *m = th_model(PARALLEL "[event half]\ntarget = corridor.one\n"
                                        "start = 2022-01-02\nfactor = 50%\n");
    th_step(m);
    cr_expect_float_eq(via(m, "R", "one"), 0.6, 1e-9);
    th_step(m);
    cr_expect_float_eq(via(m, "R", "one"), 0.3, 1e-9);
    gasdep_destroy(m);
    m = th_model(PARALLEL);
    th_step(m);
    cr_expect_eq(gasdep_set_capacity_factor(m, GASDEP_CORRIDOR, 2, 0.0), GASDEP_EARG);
    cr_assert_eq(gasdep_set_capacity_factor(m, GASDEP_CORRIDOR, corr(m, "both"), 0.0),
                 GASDEP_OK);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 10.0, 1e-7);
    gasdep_destroy(m);
}

Test(corridor, storage_remembers_the_route)
{
    /* Day 1: R (demand 10) has a local source L (5, cheap) and imports over
     * corridor pipeline P from H; storage S at R (empty, injection at most
     * 10) must reach 10 % of 100 by the end of the day, so it injects 10:
     * R takes in 5 + 15 = 20, 15 of it via P, fraction 0.75; S holds 10 at
     * 0.75, R's share is 0.75. Day 2: P is cut; R gets L's 5 (fraction 0)
     * and withdraws 5 (fraction 0.75): (5 x 0.75) / 10 = 0.375. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\ncost = 10\n"
        "[source L]\nnode = R\norigin = o\ncapacity = 5 mcm/d\ncost = 1\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 10 mcm/d\n"
        "withdrawal = 100 mcm/d\ninitial_fill = 0\ntargets = 2022-01-01:10%\n"
        "[corridor C]\npipelines = P\n"
        "[event cut]\ntarget = pipeline.P\nstart = 2022-01-02\nfactor = 0\n");
    th_step(m);
    cr_expect_float_eq(via(m, "R", "C"), 0.75, 1e-9);
    th_step(m);
    gasdep_storage_day st;
    gasdep_storage_result(m, 0, &st);
    cr_assert_float_eq(st.withdrawal_mcm, 5.0, 1e-7);
    cr_expect_float_eq(via(m, "R", "C"), 0.375, 1e-9);
    gasdep_destroy(m);
}

/* The loop of test_trace.c (helpers.h) with a corridor on pipe BC and one
 * on source sb. */
#define LOOP3                                                                 \
    TH_LOOP3 "[corridor bc]\npipelines = BC\n[corridor fromb]\nsources = sb\n"

Test(corridor, corridor_inside_a_loop)
{
    /* Flows (test_trace.c): f2 = 3 / 0.271 (BC), f3 = 0.9 f2 (CA),
     * f1 = 10 + 0.81 f2 (AB); gas entering A: T_A = 10 + 0.9 f3, B:
     * T_B = 2 + 0.9 f1. Corridor bc: all gas at C passed BC (y_C = 1), so
     * y_A = 0.9 f3 / T_A and y_B = 0.9 f1 y_A / T_B.
     * Corridor fromb (source sb) keeps the loop coupled: y_A T_A = 0.9 f3
     * y_C, y_B T_B = 2 + 0.9 f1 y_A, y_C = y_B; it is origin b's share:
     * y_B = 1 - x_B with x_B from test_trace.c. */
    gasdep_model *m = th_model(LOOP3);
    th_step(m);
    double f2 = 3.0 / 0.271, f3 = 0.9 * f2, f1 = 10.0 + 0.81 * f2;
    double TA = 10.0 + 0.9 * f3, TB = 2.0 + 0.9 * f1;
    double yA = 0.9 * f3 / TA;
    cr_expect_float_eq(via(m, "B", "bc"), 0.9 * f1 * yA / TB, 1e-7);
    /* origin a's share x_B = c x_A, c = 0.9 f1 / T_B, x_A = 10 / (T_A -
     * 0.9 f3 c): fromb is 1 - x_B */
    double c = 0.9 * f1 / TB;
    cr_expect_float_eq(via(m, "B", "fromb"), 1.0 - c * 10.0 / (TA - 0.9 * f3 * c), 1e-7);
    gasdep_destroy(m);
}

Test(corridor, summary_statistics)
{
    /* Two days of the event test: shares 0.6 and 0.3 of 10 each: mean
     * (6 + 3) / 20 = 0.45, min 0.3, max 0.6. */
    gasdep_model *m = th_model(PARALLEL "[event half]\ntarget = corridor.one\n"
                                        "start = 2022-01-02\nfactor = 50%\n");
    th_run(m);
    double mean, lo, hi;
    cr_assert_eq(gasdep_area_via_share_stats(m, th_area(m, "R"), corr(m, "one"), &mean,
                                             &lo, &hi), GASDEP_OK);
    cr_expect_float_eq(mean, 0.45, 1e-9);
    cr_expect_float_eq(lo, 0.3, 1e-9);
    cr_expect_float_eq(hi, 0.6, 1e-9);
    gasdep_destroy(m);
}

/* Run scenario text into dir (a fresh temporary directory). */
static void run_into(const char *text, char *dir, size_t len)
{
    th_tmpdir_make(dir, len, "gasdep-corr");
    gasdep_model *m = th_model(text);
    cr_assert_eq(gasdep_run(m, dir), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(corridor, via_shares_csv_and_summary_columns)
{
    char dir[64];
    run_into(PARALLEL, dir, sizeof dir);
    char *via_csv = th_slurp(th_path(dir, "via_shares.csv"), NULL);
    cr_assert(via_csv);
    cr_expect_str_eq(via_csv, "date,region,corridor,volume_mcm,share\n"
                              "2022-01-01,R,one,6,0.6\n2022-01-01,R,both,10,1\n"
                              "2022-01-02,R,one,6,0.6\n2022-01-02,R,both,10,1\n");
    char *sum = th_slurp(th_path(dir, "summary.csv"), NULL);
    cr_assert(sum);
    cr_expect(strstr(sum, ",via_mean_one,via_min_one,via_max_one,via_mean_both,"
                          "via_min_both,via_max_both\n"), "%s", sum);
    cr_expect(strstr(sum, ",0.6,0.6,0.6,1,1,1\n"), "%s", sum);
    free(via_csv);
    free(sum);
    th_rm_rf(dir);
}

Test(corridor, aggregate_weights_via_shares_by_supplied_volume)
{
    /* the event run: 'one' carries 6 then 3 of 10 a day; by month 9 of 20
     * = 0.45 ('both' 20 of 20 = 1), over the region's supplied gas, not
     * over the sum of the corridors' volumes (29) */
    char dir[64], out[96];
    run_into(PARALLEL "[event half]\ntarget = corridor.one\nstart = 2022-01-02\n"
             "factor = 50%\n", dir, sizeof dir);
    snprintf(out, sizeof out, "%s/month", dir);
    char msg[512];
    cr_assert_eq(gasdep_aggregate(dir, "month", out, msg, sizeof msg), GASDEP_OK, "%s",
                 msg);
    char *csv = th_slurp(th_path(out, "via_shares.csv"), NULL);
    cr_assert(csv);
    cr_expect(strstr(csv, "2022-01,2022-01-01,2022-01-02,R,one,9,0.45\n"), "%s", csv);
    cr_expect(strstr(csv, "2022-01,2022-01-01,2022-01-02,R,both,20,1\n"), "%s", csv);
    free(csv);
    th_rm_rf(dir);
}

Test(corridor, no_corridors_no_via_file_and_a_stale_one_goes)
{
    /* a run with corridors writes via_shares.csv; a run without into the
     * same directory writes the eight older files and removes it (a
     * directory never mixes two runs) */
    char dir[64];
    run_into(PARALLEL, dir, sizeof dir);
    cr_assert(th_exists(th_path(dir, "via_shares.csv")));
    gasdep_model *m = th_model("[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                 "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
                 "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
                 "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n");
    cr_assert_eq(gasdep_run(m, dir), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    cr_expect_not(th_exists(th_path(dir, "via_shares.csv")));
    cr_expect(th_exists(th_path(dir, "balance.csv")));
    th_rm_rf(dir);
}
