/* test_results.c: areas (regions and region groups), run summaries and the
 * N-1 indicator (engine/core/results.c). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define TOL 1e-6
/* cooperative splits come from a chain of LPs, each exact only to GLPK's
 * feasibility tolerance (1e-7 relative): 1e-5 mcm on volumes of 10-40 */
#define FAIR_TOL 0.0035 /* shared shortage, tariffs 3 apart: see test_dispatch.c */

/* Region R: entry pipelines E1 (10) from X and E2 (5) from Y, storage
 * withdrawal 4, LNG 3, production 2, peak demand 20. Exit pipeline R->Z
 * (50, no reverse) is not an entry. */
#define N1_NET(extra)                                                          \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"                       \
    "[origin o]\n[node X]\n[node Y]\n[node Z]\n"                               \
    "[region R]\ndemand = 10 mcm/d\npeak_demand = 20 mcm/d\n"                  \
    "[source prod]\nnode = R\norigin = o\ncapacity = 2 mcm/d\n"                \
    "[source imp1]\nnode = X\norigin = o\ncapacity = 100 mcm/d\n"              \
    "[source imp2]\nnode = Y\norigin = o\ncapacity = 100 mcm/d\n"              \
    "[pipeline E1]\nfrom = X\nto = R\ncapacity = 10 mcm/d\n"                   \
    "[pipeline E2]\nfrom = Y\nto = R\ncapacity = 5 mcm/d\n"                    \
    "[pipeline EXIT]\nfrom = R\nto = Z\ncapacity = 50 mcm/d\n"                 \
    "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"           \
    "withdrawal = 4 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"            \
    "[lng L]\nnode = R\ncapacity = 3 mcm/d\norigins = o\n" extra

Test(results, n1_worked_example)
{
    /* N-1 = 100 (EP 10+5 + P 2 + S 4 + LNG 3 - I 10) / D_max 20 = 70 % */
    gasdep_model *m = th_model(N1_NET(""));
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "R")), 70.0, 1e-9);
    th_run(m);
    gasdep_area_summary s;
    cr_assert_eq(gasdep_area_summary_get(m, th_area(m, "R"), &s), GASDEP_OK);
    cr_expect_float_eq(s.n1_pct, 70.0, 1e-9);
    gasdep_destroy(m);
}

Test(results, n1_reverse_capacity_of_an_exit_counts_as_entry)
{
    /* EXIT gets a reverse capacity of 12 > E1: EP = 10 + 5 + 12, I = 12:
     * 100 (27 + 2 + 4 + 3 - 12) / 20 = 120 % */
    gasdep_model *m = th_model(N1_NET("[pipeline EXIT]\nreverse_capacity = 12 mcm/d\n"));
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "R")), 120.0, 1e-9);
    gasdep_destroy(m);
}

Test(results, n1_uses_first_day_capacities)
{
    /* E1 is offline on the first day (online 2022-01-02): EP = 5; the
     * largest single infrastructure is then E2 (5 > storage 4 > LNG 3 >
     * production 2). N-1 = 100 (5 + 2 + 4 + 3 - 5) / 20 = 45 % */
    gasdep_model *m = th_model(N1_NET("[pipeline E1]\nonline = 2022-01-02\n"));
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "R")), 45.0, 1e-9);
    gasdep_destroy(m);
}

Test(results, n1_storage_uses_the_best_curve_rate)
{
    /* withdrawal 4 with a curve peaking at 100 % -> deliverability 4 whatever
     * the first-day fill; the example stays at 70 % */
    gasdep_model *m = th_model(N1_NET("[storage S]\ninitial_fill = 5%\n"
                                      "withdrawal_curve = 0:20% 50%:100% 100%:100%\n"));
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "R")), 70.0, 1e-9);
    gasdep_destroy(m);
}

Test(results, n1_peak_defaults_to_the_highest_month)
{
    /* monthly profile, no peak_demand: D_max = mean x highest normalised
     * monthly factor.
     * Shape 2 for January, 1 otherwise: sum of factor x days = 31 x 2 + 334
     * = 396; normalised January factor 2 x 365 / 396; mean 10 => D_max =
     * 7300 / 396. N-1 = 100 x 14 / D_max */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\ndemand_profile = monthly\n"
        "[origin o]\n[node X]\n"
        "[region R]\ndemand = 10 mcm/d\nshape = 2 1 1 1 1 1 1 1 1 1 1 1\n"
        "[source imp]\nnode = X\norigin = o\ncapacity = 100 mcm/d\n"
        "[pipeline E1]\nfrom = X\nto = R\ncapacity = 10 mcm/d\n"
        "[pipeline E2]\nfrom = X\nto = R\ncapacity = 14 mcm/d\n");
    double dmax = 7300.0 / 396.0;
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "R")), 100.0 * 10.0 / dmax, 1e-9);
    /* and January demand is that same 7300/396 mcm/d */
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").demand_mcm, dmax, 1e-9);
    gasdep_destroy(m);
}

Test(results, n1_of_a_region_group_ignores_internal_pipes)
{
    /* EU = {A, B}; entries X->A 10 and X->B 6; A->B (30) is internal. Peaks
     * 5 + 5. N-1(EU) = 100 (10 + 6 - 10) / 10 = 60 %.
     * N-1(B) = 100 (6 + 30 - 30) / 5 = 120 % (A->B is an entry of B). */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[node X]\n"
        "[region A]\ndemand = 5 mcm/d\ngroups = EU\n"
        "[region B]\ndemand = 5 mcm/d\ngroups = EU\n"
        "[source imp]\nnode = X\norigin = o\ncapacity = 100 mcm/d\n"
        "[pipeline XA]\nfrom = X\nto = A\ncapacity = 10 mcm/d\n"
        "[pipeline XB]\nfrom = X\nto = B\ncapacity = 6 mcm/d\n"
        "[pipeline AB]\nfrom = A\nto = B\ncapacity = 30 mcm/d\n");
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "EU")), 60.0, 1e-9);
    cr_expect_float_eq(gasdep_n1_pct(m, th_area(m, "B")), 120.0, 1e-9);
    gasdep_destroy(m);
}

/* Hub H (cost 10) feeds A (demand 10, tariff 2) and B (demand 30, tariff
 * 5); both in group EU, only A also in SEE. */
Test(results, group_sums_members_and_weights_price_by_demand)
{
    gasdep_model *m = th_model(TH_GROUPS);
    th_step(m);
    /* prices: A 10 + 2 = 12, B 10 + 5 = 15 EUR/MWh (+1e-4) */
    cr_expect_float_eq(th_area_day(m, "A").price_eur_mwh, 12.0, 1e-3);
    cr_expect_float_eq(th_area_day(m, "B").price_eur_mwh, 15.0, 1e-3);
    /* EU: demand 10 + 30 = 40; price (10 x 12 + 30 x 15) / 40 = 14.25 */
    gasdep_area_day eu = th_area_day(m, "EU");
    cr_expect_float_eq(eu.demand_mcm, 40.0, TOL);
    cr_expect_float_eq(eu.supplied_mcm, 40.0, TOL);
    cr_expect_float_eq(eu.price_eur_mwh, 14.25, 1e-3);
    /* SEE has only A */
    cr_expect_float_eq(th_area_day(m, "SEE").demand_mcm, 10.0, TOL);
    cr_expect_float_eq(th_area_day(m, "SEE").price_eur_mwh, 12.0, 1e-3);
    cr_expect(isnan(eu.storage_fill));
    gasdep_destroy(m);
}

Test(results, summary_totals_over_the_horizon)
{
    /* 3 days; on day 2 source s is at 25 (of 100 needed 40): unserved 15
     * shared cooperatively 37.5 % each: A 3.75, B 11.25. Totals: demand A
     * 30, B 90, EU 120; unserved A 3.75, B 11.25, EU 15; one short day each.
     * Peak prices come from the LP whose allocation is reported: a short
     * region's price is the marginal shortage cost voll (1 + f) at its
     * curtailed fraction f (docs/DISPATCH.md), so 1000 x 1.375 = 1375 for
     * both, within the fairness tolerance of f: 0.05 pp + 0.1 pp per EUR/MWh
     * of tariff difference (HB 5 - HA 2 = 3): 0.35 pp, 3.5 EUR/MWh; EU is
     * their demand-weighted mean. */
    gasdep_model *m = th_model(TH_GROUPS "[event e]\ntarget = source.s\n"
                                      "start = 2022-01-02\nend = 2022-01-02\n"
                                      "value = 25 mcm/d\n");
    th_run(m);
    gasdep_area_summary a, b, eu;
    gasdep_area_summary_get(m, th_area(m, "A"), &a);
    gasdep_area_summary_get(m, th_area(m, "B"), &b);
    gasdep_area_summary_get(m, th_area(m, "EU"), &eu);
    cr_expect_float_eq(a.demand_mcm, 30.0, TOL);
    cr_expect_float_eq(b.demand_mcm, 90.0, TOL);
    cr_expect_float_eq(eu.demand_mcm, 120.0, TOL);
    cr_expect_float_eq(a.unserved_mcm, 3.75, FAIR_TOL * 10, "A unserved %.15g", a.unserved_mcm);
    cr_expect_float_eq(b.unserved_mcm, 11.25, FAIR_TOL * 30, "B unserved %.15g", b.unserved_mcm);
    cr_expect_float_eq(eu.unserved_mcm, 15.0, TOL);
    cr_expect_float_eq(eu.supplied_mcm, 105.0, TOL);
    cr_expect_eq(a.days_short, 1);
    cr_expect_eq(b.days_short, 1);
    cr_expect_eq(eu.days_short, 1);
    cr_expect_float_eq(a.peak_price_eur_mwh, 1000.0 * (1 + a.unserved_mcm / 10), 0.5);
    cr_expect_float_eq(b.peak_price_eur_mwh, 1000.0 * (1 + b.unserved_mcm / 30), 0.5);
    cr_expect_float_eq(a.peak_price_eur_mwh, 1375.0, 3.5);
    cr_expect_float_eq(b.peak_price_eur_mwh, 1375.0, 3.5);
    cr_expect_float_eq(eu.peak_price_eur_mwh,
                       (10 * a.peak_price_eur_mwh + 30 * b.peak_price_eur_mwh) / 40, 1e-6);
    cr_expect(isnan(a.min_storage_fill));
    gasdep_destroy(m);
}
