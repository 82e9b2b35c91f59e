/* test_trace.c: origin tracing by proportional mixing (engine/core/trace.c):
 * plain mixing, loops solved as linear systems, the storage mixing tank,
 * shares summing to one, group aggregation, non-finite mixes reported. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "model.h"

#define TOL 1e-7

static double share(gasdep_model *m, const char *region, const char *origin)
{
    int a = th_area(m, region);
    gasdep_area_day d;
    gasdep_area_result(m, a, &d);
    return gasdep_area_origin_mcm(m, a, th_origin(m, origin)) / d.supplied_mcm;
}

Test(trace, two_sources_mix_60_40_downstream)
{
    /* a 6 and b 4 enter hub H; everything goes H -> M -> R (demand 10, so
     * both sources run flat out): R's gas is 60 % a, 40 % b, and so is the
     * gas at the transit node M on its way */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin a]\n[origin b]\n[node H]\n[node M]\n"
        "[region R]\ndemand = 10 mcm/d\n"
        "[source sa]\nnode = H\norigin = a\ncapacity = 6 mcm/d\n"
        "[source sb]\nnode = H\norigin = b\ncapacity = 4 mcm/d\n"
        "[pipeline HM]\nfrom = H\nto = M\ncapacity = 100 mcm/d\n"
        "[pipeline MR]\nfrom = M\nto = R\ncapacity = 100 mcm/d\n");
    th_step(m);
    cr_expect_float_eq(share(m, "R", "a"), 0.6, 1e-9);
    cr_expect_float_eq(share(m, "R", "b"), 0.4, 1e-9);
    int r = th_area(m, "R");
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "a")), 6.0, 1e-7);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "b")), 4.0, 1e-7);
    gasdep_destroy(m);
}

Test(trace, region_mixes_local_and_imported_gas)
{
    /* R (demand 10) has its own source b (1 EUR/MWh, capped at 3) and
     * imports a (10 EUR/MWh) from H; D (demand 5) is fed only through R.
     * Gas entering R: b 3 and a 10 + 5 - 3 = 12, total 15. Proportional
     * mixing: R's gas is a 12/15 = 0.8, b 0.2, and what R passes on to D
     * has the same mix. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin a]\n[origin b]\n[node H]\n"
        "[region R]\ndemand = 10 mcm/d\n"
        "[region D]\ndemand = 5 mcm/d\n"
        "[source sa]\nnode = H\norigin = a\ncapacity = 100 mcm/d\ncost = 10\n"
        "[source sb]\nnode = R\norigin = b\ncapacity = 3 mcm/d\ncost = 1\n"
        "[pipeline HR]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[pipeline RD]\nfrom = R\nto = D\ncapacity = 100 mcm/d\n");
    th_step(m);
    cr_expect_float_eq(share(m, "R", "a"), 0.8, 1e-9);
    cr_expect_float_eq(share(m, "R", "b"), 0.2, 1e-9);
    cr_expect_float_eq(share(m, "D", "a"), 0.8, 1e-9);
    cr_expect_float_eq(share(m, "D", "b"), 0.2, 1e-9);
    gasdep_destroy(m);
}

#define LOOP3 TH_LOOP3

Test(trace, loop_of_flows_solves_the_linear_system)
{
    /* Node A has source a with a hard minimum take 10 (capacity 10); region
     * B (demand 8) has source b with minimum take 2. Three one-way pipes
     * A->B->C->A lose 10 % each. 12 must go somewhere but B burns only 8:
     * the LP circulates gas round the loop to burn the rest in losses
     * (cheaper than the 300 EUR/MWh min-take penalty; a single pipe may not
     * run both ways, so it takes a loop of three). Flows f1 (AB), f2 (BC),
     * f3 (CA) from the balances:
     *   A: 10 + 0.9 f3 = f1,  B: 2 + 0.9 f1 = 8 + f2,  C: 0.9 f2 = f3
     * => f2 = 3 / 0.271, f3 = 0.9 f2, f1 = 10 + 0.81 f2.
     * Mixing (x = share of origin a), T = gas entering the node:
     *   T_A = 10 + 0.9 f3,  T_B = 2 + 0.9 f1,  x_C = x_B
     *   x_A T_A = 10 + 0.9 f3 x_B
     *   x_B T_B = 0.9 f1 x_A
     * => x_B = c x_A with c = 0.9 f1 / T_B; x_A = 10 / (T_A - 0.9 f3 c). */
    gasdep_model *m = th_model(LOOP3);
    th_step(m);
    double f2 = 3.0 / 0.271, f3 = 0.9 * f2, f1 = 10.0 + 0.81 * f2;
    double TA = 10.0 + 0.9 * f3, TB = 2.0 + 0.9 * f1;
    double c = 0.9 * f1 / TB;
    double xA = 10.0 / (TA - 0.9 * f3 * c), xB = c * xA;
    /* the LP did circulate */
    double flow, cap;
    gasdep_pipeline_result(m, th_pipe(m, "AB"), &flow, &cap);
    cr_assert_float_eq(flow, f1, 1e-6, "flow AB %g, expected %g", flow, f1);
    gasdep_pipeline_result(m, th_pipe(m, "CA"), &flow, &cap);
    cr_assert_float_eq(flow, f3, 1e-6, "flow CA %g, expected %g", flow, f3);
    cr_expect_float_eq(th_area_day(m, "B").unserved_mcm, 0.0, 1e-7);
    cr_expect_float_eq(share(m, "B", "a"), xB, TOL);
    cr_expect_float_eq(share(m, "B", "b"), 1.0 - xB, TOL);
    int b = th_area(m, "B");
    cr_expect_float_eq(gasdep_area_origin_mcm(m, b, th_origin(m, "a")), 8.0 * xB,
                       1e-6);
    double worst;
    gasdep_mass_imbalance_mcm(m, &worst);
    cr_expect_lt(worst, 1e-7);
    gasdep_destroy(m);
}

Test(trace, three_node_cycle)
{
    /* X (source a, min take 10) -> Y (source b, min take 3) -> Z (region,
     * demand 5) -> X, every pipe losing 10 %, forward only. 13 enter, Z burns
     * 5, losses must burn 8, so gas circulates. Balances:
     *   X: 10 + 0.9 f3 = f1;  Y: 3 + 0.9 f1 = f2;  Z: 0.9 f2 = 5 + f3
     * => f3 = 5.8 / 0.271, f1 = 10 + 0.9 f3, f2 = 3 + 0.9 f1.
     * Mixing for origin a (T_X = f1, T_Y = f2, T_Z = 0.9 f2):
     *   x_X f1 = 10 + 0.9 f3 x_Z;  x_Y f2 = 0.9 f1 x_X;  x_Z = x_Y
     * => x_X = 10 / (f1 (1 - 0.81 f3 / f2)), x_Z = 0.9 f1 x_X / f2. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin a]\n[origin b]\n[node X]\n[node Y]\n"
        "[region Z]\ndemand = 5 mcm/d\n"
        "[source sa]\nnode = X\norigin = a\ncapacity = 10 mcm/d\nmin_take = 10 mcm/d\n"
        "[source sb]\nnode = Y\norigin = b\ncapacity = 3 mcm/d\nmin_take = 3 mcm/d\n"
        "[pipeline XY]\nfrom = X\nto = Y\ncapacity = 100 mcm/d\nloss = 10%\n"
        "[pipeline YZ]\nfrom = Y\nto = Z\ncapacity = 100 mcm/d\nloss = 10%\n"
        "[pipeline ZX]\nfrom = Z\nto = X\ncapacity = 100 mcm/d\nloss = 10%\n");
    th_step(m);
    double f3 = 5.8 / 0.271, f1 = 10.0 + 0.9 * f3, f2 = 3.0 + 0.9 * f1;
    double fl, cap;
    gasdep_pipeline_result(m, th_pipe(m, "ZX"), &fl, &cap);
    cr_assert_float_eq(fl, f3, 1e-6);
    gasdep_pipeline_result(m, th_pipe(m, "XY"), &fl, &cap);
    cr_assert_float_eq(fl, f1, 1e-6);
    double xX = 10.0 / (f1 * (1.0 - 0.81 * f3 / f2));
    double xZ = 0.9 * f1 * xX / f2;
    cr_expect_float_eq(share(m, "Z", "a"), xZ, TOL);
    cr_expect_float_eq(share(m, "Z", "b"), 1.0 - xZ, TOL);
    gasdep_destroy(m);
}

/* Summer: sources a 12 and b 8 at H, region R 15 and a store injecting 5/d
 * (target 90 %), so all 20 run and R's gas is 60/40. From 01-06 both
 * sources stop; the store (rate 10) serves R alone. */
#define TANK(fill)                                                             \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-08\n"                       \
    "[origin a]\n[origin b]\n[node H]\n"                                       \
    "[region R]\ndemand = 15 mcm/d\n"                                          \
    "[source sa]\nnode = H\norigin = a\ncapacity = 12 mcm/d\n"                 \
    "[source sb]\nnode = H\norigin = b\ncapacity = 8 mcm/d\n"                  \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"                   \
    "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"           \
    "withdrawal = 10 mcm/d\ninitial_fill = " fill "\n"                         \
    "targets = 01-01:90% 07-01:90%\n"                                          \
    "[event stop-a]\ntarget = source.sa\nstart = 2022-01-06\nfactor = 0\n"     \
    "[event stop-b]\ntarget = source.sb\nstart = 2022-01-06\nfactor = 0\n"

Test(trace, storage_carries_the_mix_it_was_filled_with)
{
    gasdep_model *m = th_model(TANK("0"));
    for (int k = 1; k <= 5; k++) {
        th_step(m);
        cr_expect_float_eq(share(m, "R", "a"), 0.6, 1e-9, "day %d", k);
    }
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 25.0, 1e-6);
    /* winter: R gets 10/d from the store (25 -> 15 -> 5), then the last 5;
     * always 60 % a, 40 % b */
    const double got[3] = {10, 10, 5};
    for (int k = 6; k <= 8; k++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").supplied_mcm, got[k - 6], 1e-6,
                           "day %d", k);
        cr_expect_float_eq(share(m, "R", "a"), 0.6, 1e-9, "day %d", k);
        cr_expect_float_eq(share(m, "R", "b"), 0.4, 1e-9, "day %d", k);
    }
    gasdep_destroy(m);
}

Test(trace, storage_mixes_new_gas_into_old_stock)
{
    /* 25 mcm of 'unknown' gas in store, then 25 mcm of 60/40 a/b injected:
     * stock 50 mcm = unknown 0.5, a 0.3, b 0.2; withdrawals carry that */
    gasdep_model *m = th_model(TANK("25%"));
    for (int k = 1; k <= 5; k++)
        th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 50.0, 1e-6);
    th_step(m);
    cr_expect_float_eq(share(m, "R", "unknown"), 0.5, 1e-9);
    cr_expect_float_eq(share(m, "R", "a"), 0.3, 1e-9);
    cr_expect_float_eq(share(m, "R", "b"), 0.2, 1e-9);
    gasdep_destroy(m);
}

Test(trace, summer_origin_comes_back_in_winter)
{
    /* summer: only origin a (20 at H), R 10, store injects 5/d for 5 days.
     * From 01-06 a stops and source b (6) comes online: R takes b 6 and 4
     * from the store, all of origin a: R's share of a is 4/10 = 0.4 */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-07\n"
        "[origin a]\n[origin b]\n[node H]\n"
        "[region R]\ndemand = 10 mcm/d\n"
        "[source sa]\nnode = H\norigin = a\ncapacity = 20 mcm/d\n"
        "[source sb]\nnode = H\norigin = b\ncapacity = 6 mcm/d\n"
        "online = 2022-01-06\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\ninitial_fill = 0\n"
        "targets = 01-01:90% 07-01:90%\n"
        "[event cut]\ntarget = origin.a\nstart = 2022-01-06\nfactor = 0\n");
    for (int k = 1; k <= 5; k++)
        th_step(m);
    for (int k = 6; k <= 7; k++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, 1e-6);
        cr_expect_float_eq(share(m, "R", "a"), 0.4, 1e-9, "day %d", k);
        cr_expect_float_eq(share(m, "R", "b"), 0.6, 1e-9, "day %d", k);
    }
    /* 25 injected, 2 x 4 withdrawn */
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 17.0, 1e-6);
    gasdep_destroy(m);
}

Test(trace, initial_mix_is_what_comes_out)
{
    /* no supply; the store holds 25 % a, 75 % b: R's gas is 0.25 / 0.75 */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin a]\n[origin b]\n[region R]\ndemand = 5 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\ninitial_fill = 50%\ninitial_mix = a:25% b:0.75\n");
    for (int k = 0; k < 2; k++) {
        th_step(m);
        cr_expect_float_eq(share(m, "R", "a"), 0.25, 1e-9);
        cr_expect_float_eq(share(m, "R", "b"), 0.75, 1e-9);
    }
    gasdep_destroy(m);
}

Test(trace, group_volumes_aggregate_origins)
{
    /* origins ru1, ru2 (group russia) and no (group norway), volumes 3, 5
     * and 2 at R: russia 8, norway 2. Region group EU = {R, Q} adds Q's
     * 4 of no: EU russia 8, norway 6. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin ru1]\ngroup = russia\n[origin ru2]\ngroup = russia\n"
        "[origin no]\ngroup = norway\n"
        "[region R]\ndemand = 10 mcm/d\ngroups = EU\n"
        "[region Q]\ndemand = 4 mcm/d\ngroups = EU\n"
        "[source s1]\nnode = R\norigin = ru1\ncapacity = 3 mcm/d\n"
        "[source s2]\nnode = R\norigin = ru2\ncapacity = 5 mcm/d\n"
        "[source s3]\nnode = R\norigin = no\ncapacity = 2 mcm/d\n"
        "[source s4]\nnode = Q\norigin = no\ncapacity = 4 mcm/d\n");
    th_step(m);
    int r = th_area(m, "R"), eu = th_area(m, "EU");
    int ru = th_group(m, "russia"), no = th_group(m, "norway");
    cr_expect_eq(gasdep_origin_group(m, th_origin(m, "ru1")), ru);
    cr_expect_eq(gasdep_origin_group(m, th_origin(m, "ru2")), ru);
    cr_expect_eq(gasdep_origin_group(m, th_origin(m, "no")), no);
    cr_expect_float_eq(gasdep_area_group_mcm(m, r, ru), 8.0, 1e-7);
    cr_expect_float_eq(gasdep_area_group_mcm(m, r, no), 2.0, 1e-7);
    cr_expect_float_eq(gasdep_area_group_mcm(m, eu, ru), 8.0, 1e-7);
    cr_expect_float_eq(gasdep_area_group_mcm(m, eu, no), 6.0, 1e-7);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, eu, th_origin(m, "no")), 6.0, 1e-7);
    cr_expect(gasdep_area_is_group(m, eu));
    cr_expect(!gasdep_area_is_group(m, r));
    /* share statistics over the (one-day) run: russia 8/10 at R */
    cr_assert_eq(gasdep_finish(m), GASDEP_OK);
    double mean, lo, hi;
    cr_assert_eq(gasdep_area_group_share_stats(m, r, ru, &mean, &lo, &hi), GASDEP_OK);
    cr_expect_float_eq(mean, 0.8, 1e-9);
    cr_expect_float_eq(lo, 0.8, 1e-9);
    cr_expect_float_eq(hi, 0.8, 1e-9);
    gasdep_destroy(m);
}

Test(trace, share_statistics_are_volume_weighted)
{
    /* day 1: R gets a 6 + b 4 (share a .6); day 2 source b stops: a 6 only,
     * unserved 4 (share a 1). Mean = (6 + 6) / (10 + 6) = 0.75, min 0.6,
     * max 1 */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin a]\n[origin b]\n[region R]\ndemand = 10 mcm/d\n"
        "[source sa]\nnode = R\norigin = a\ncapacity = 6 mcm/d\n"
        "[source sb]\nnode = R\norigin = b\ncapacity = 4 mcm/d\n"
        "offline = 2022-01-02\n");
    th_run(m);
    double mean, lo, hi;
    int r = th_area(m, "R");
    cr_assert_eq(gasdep_area_group_share_stats(m, r, th_group(m, "a"), &mean, &lo, &hi),
                 GASDEP_OK);
    cr_expect_float_eq(mean, 0.75, 1e-9);
    cr_expect_float_eq(lo, 0.6, 1e-9);
    cr_expect_float_eq(hi, 1.0, 1e-9);
    gasdep_destroy(m);
}

Test(trace, shares_sum_to_one_wherever_supplied)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, "scenarios/default.ini"), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    int A = gasdep_count(m, GASDEP_AREA), O = gasdep_count(m, GASDEP_ORIGIN);
    int G = gasdep_count(m, GASDEP_ORIGIN_GROUP);
    int rc, days = 0, checked = 0;
    while ((rc = gasdep_step(m)) == GASDEP_OK) {
        days++;
        for (int a = 0; a < A; a++) {
            gasdep_area_day d;
            gasdep_area_result(m, a, &d);
            double so = 0, sg = 0;
            for (int o = 0; o < O; o++) {
                double v = gasdep_area_origin_mcm(m, a, o);
                cr_assert_geq(v, -1e-12);
                so += v;
            }
            for (int g = 0; g < G; g++)
                sg += gasdep_area_group_mcm(m, a, g);
            double tol = 1e-7 * fmax(1.0, d.supplied_mcm);
            cr_assert_float_eq(so, d.supplied_mcm, tol, "day %d area %s: %g vs %g",
                               days, gasdep_name(m, GASDEP_AREA, a), so,
                               d.supplied_mcm);
            cr_assert_float_eq(sg, d.supplied_mcm, tol);
            cr_assert_float_eq(d.supplied_mcm + d.unserved_mcm, d.demand_mcm, 1e-7);
            checked += d.supplied_mcm > 0;
        }
    }
    cr_assert_eq(rc, GASDEP_DONE, "%s", gasdep_errmsg(m));
    cr_expect_gt(checked, 0);
    gasdep_destroy(m);
}

/* ---- numerical failure (GASDEP_ENUMERIC) --------------------------------- */

Test(trace, non_finite_mix_in_a_loop_is_a_numeric_error)
{
    /* The loop of loop_of_flows_solves_the_linear_system (A -> B -> C -> A,
     * solved by LU): traced again on its own day state it gives the same
     * shares; with a non-finite supply entering the loop at A (as a broken
     * dispatch would hand over) the solve gives non-finite mixes, which
     * trace_day must report as GASDEP_ENUMERIC rather than pass on. */
    gasdep_model *m = th_model(LOOP3);
    th_step(m);
    int B = gasdep_find(m, GASDEP_NODE, "B"), O = m->n.origin.count;
    cr_assert_geq(B, 0);
    double xb = m->d.node_mix[(size_t)B * O + th_origin(m, "a")];
    cr_assert_eq(trace_day(m->tr, &m->n, &m->d), GASDEP_OK);
    cr_expect_float_eq(m->d.node_mix[(size_t)B * O + th_origin(m, "a")], xb, 1e-12);
    for (int k = 0; k < 2; k++) {
        m->d.src[0] = k ? INFINITY : NAN; /* source sa, at A in the loop */
        cr_expect_eq(trace_day(m->tr, &m->n, &m->d), GASDEP_ENUMERIC,
                     "a %s supply in the loop was traced", k ? "infinite" : "NaN");
    }
    gasdep_destroy(m);
}
