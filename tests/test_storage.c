/* test_storage.c: storage in the daily model (engine/core/storage.c and the
 * storage rows of dispatch.c): injection up to the target path, withdrawal
 * when short, rate curves, inventory bounds, target-path interpolation. */
/* Issue 18: storage_valuation = water is the default; these tests pin the
 * storage mechanics (rates, curves, targets as floors, window ends) under
 * the flat valuation, which stays an option; water values have their own
 * tests (storage/water_value_*). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define TOL 1e-6

Test(storage, injection_follows_the_target_path)
{
    /* Empty 100 mcm store, injection 5 mcm/d, target 90 % all year, ample
     * cheap supply: inventory after day k is min(5k, 90): it reaches the
     * path (90) on day 18 and stays there (injecting more costs, gains
     * nothing). Demand 10 is always served. */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-25\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\ninitial_fill = 0\n"
        "targets = 01-01:90% 07-01:90%\n");
    for (int k = 1; k <= 25; k++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        double inv = fmin(5.0 * k, 90.0);
        cr_expect_float_eq(r.storage_mcm, inv, TOL, "day %d", k);
        cr_expect_float_eq(r.storage_fill, inv / 100.0, TOL, "day %d", k);
        cr_expect_float_eq(r.storage_target_fill, 0.9, 1e-12, "day %d", k);
        cr_expect_float_eq(r.unserved_mcm, 0.0, TOL, "day %d", k);
        /* the pipe carries demand plus the day's injection */
        double f, cap;
        gasdep_pipeline_result(m, th_pipe(m, "P"), &f, &cap);
        double inj = k <= 18 ? 5.0 : 0.0;
        cr_expect_float_eq(f, 10.0 + inj, TOL, "day %d", k);
    }
    gasdep_destroy(m);
}

Test(storage, injection_limited_by_spare_supply)
{
    /* supply 13, demand 10: only 3 mcm/d to inject although the rate is 5 */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-04\n"
        "[origin o]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 13 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\ninitial_fill = 10%\ninitial_mix = o:1\n"
        "targets = 01-01:90% 07-01:90%\n");
    for (int k = 1; k <= 4; k++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 10.0 + 3.0 * k, TOL,
                           "day %d", k);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, TOL);
    }
    gasdep_destroy(m);
}

Test(storage, withdrawal_only_when_supply_is_short)
{
    /* Store at its path (50 of 100), source 12 at 10 EUR/MWh, demand 10.
     * Days 1-5: no withdrawal (the store holds 50). From 01-06 the source is
     * at 50 % (6): the store gives 4/d (its rate): 46, 42, 38, 34, 30, and
     * nothing is unserved. */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-10\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 12 mcm/d\ncost = 10\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 4 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"
        "targets = 01-01:50% 07-01:50%\n"
        "[event cut]\ntarget = source.s\nstart = 2022-01-06\nfactor = 50%\n");
    const double inv[10] = {50, 50, 50, 50, 50, 46, 42, 38, 34, 30};
    for (int k = 0; k < 10; k++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").storage_mcm, inv[k], TOL, "day %d", k + 1);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, TOL, "day %d", k + 1);
    }
    gasdep_destroy(m);
}

Test(storage, withdrawal_curve_limits_rate_at_low_fill)
{
    /* No supply; demand 20; store 100 mcm, withdrawal 10 mcm/d with curve
     * 0%:20% 50%:100% 100%:100%. For fill f <= 0.5 the factor is
     * 0.2 + 0.8 f / 0.5 = 0.2 + 1.6 f, so the rate is 10 (0.2 + 1.6 inv/100)
     * = 2 + 0.16 inv. The whole rate is drawn (demand 20 is larger):
     * inv' = inv - (2 + 0.16 inv) = 0.84 inv - 2. Start 20: rate 5.2 -> 14.8;
     * rate 4.368 -> 10.432; 6.76288; 3.6808192; 1.09188813. On day 6 the
     * rate 2.17 exceeds the 1.09 left: the store gives what it has and is
     * empty. unserved = 20 - what was drawn. */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-06\n"
        "[origin o]\n[region R]\ndemand = 20 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\nwithdrawal_curve = 0%:20% 50%:100% 100%:100%\n"
        "initial_fill = 20%\ninitial_mix = o:1\n");
    double inv = 20.0;
    for (int k = 1; k <= 6; k++) {
        double rate = fmin(2.0 + 0.16 * inv, inv);
        inv -= rate;
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").storage_mcm, inv, TOL, "day %d", k);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 20.0 - rate, TOL,
                           "day %d", k);
    }
    cr_expect_float_eq(inv, 0.0, 0, "the hand recursion ends empty on day 6");
    gasdep_destroy(m);
}

Test(storage, withdrawal_curve_first_day_by_hand)
{
    /* the same store: day 1 draws 5.2 (fill 20 %: 0.2 + 1.6 x 0.2 = 0.52) */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[region R]\ndemand = 20 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 0.1 bcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\nwithdrawal_curve = 0%:20% 50%:100% 100%:100%\n"
        "initial_fill = 20%\ninitial_mix = o:1\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 14.8, TOL);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 14.8, TOL);
    gasdep_destroy(m);
}

Test(storage, injection_curve_limits_rate_at_high_fill)
{
    /* injection 10 mcm/d, curve 0:1 50%:1 100%:0 (factor 2 (1 - f) above
     * half full); start at 80 %: factor 0.4, rate 4 -> 84 mcm. Day 2:
     * 2 (1 - 0.84) = 0.32 -> 3.2 -> 87.2 */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 10 mcm/d\n"
        "withdrawal = 10 mcm/d\ninjection_curve = 0:1 50%:1 100%:0\n"
        "initial_fill = 80%\ninitial_mix = o:1\n"
        "targets = 01-01:100% 07-01:100%\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 84.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 87.2, TOL);
    gasdep_destroy(m);
}

Test(storage, inventory_never_above_volume)
{
    /* 80 of 100 full, injection 50 mcm/d, target 100 %: day 1 injects only
     * the 20 mcm of room left; the store stays at 100 */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-03\n"
        "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 200 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 50 mcm/d\n"
        "withdrawal = 50 mcm/d\ninitial_fill = 80%\ninitial_mix = o:1\n"
        "targets = 01-01:100% 07-01:100%\n");
    for (int k = 1; k <= 3; k++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        cr_expect_float_eq(r.storage_mcm, 100.0, TOL, "day %d", k);
        cr_expect_leq(r.storage_mcm, 100.0 + 1e-9);
        cr_expect_leq(r.storage_fill, 1.0 + 1e-12);
    }
    gasdep_destroy(m);
}

Test(storage, inventory_never_negative)
{
    /* 30 mcm in store, withdrawal 50, demand 100, no supply: day 1 gives the
     * 30 it holds (unserved 70), then nothing (unserved 100) */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-03\n"
        "[origin o]\n[region R]\ndemand = 100 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 50 mcm/d\n"
        "withdrawal = 50 mcm/d\ninitial_fill = 30%\ninitial_mix = o:1\n");
    const double uns[3] = {70, 100, 100};
    for (int k = 0; k < 3; k++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        cr_expect_float_eq(r.storage_mcm, 0.0, TOL, "day %d", k + 1);
        cr_expect_geq(r.storage_mcm, 0.0);
        cr_expect_float_eq(r.unserved_mcm, uns[k], TOL, "day %d", k + 1);
    }
    gasdep_area_summary s;
    gasdep_area_summary_get(m, th_area(m, "R"), &s);
    cr_expect_float_eq(s.min_storage_fill, 0.0, TOL);
    gasdep_destroy(m);
}

Test(storage, withdrawal_event_halves_the_rate)
{
    /* storage.S.withdrawal at 50 % from day 2: 10 -> 5 mcm/d drawn
     * (demand 20, no supply, store large): unserved 10 then 15 */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin o]\n[region R]\ndemand = 20 mcm/d\n"
        "[storage S]\nnode = R\nvolume = 1000 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 10 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"
        "[event e]\ntarget = storage.S.withdrawal\nstart = 2022-01-02\n"
        "factor = 50%\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 10.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 15.0, TOL);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 500.0 - 15.0, TOL);
    gasdep_destroy(m);
}

Test(storage, storage_in_transit_node_serves_a_region)
{
    /* store at node H (not a region) feeds R over a pipe: no supply, store
     * rate 6, demand 10 => unserved 4; R reports no storage (NaN fill) */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
        "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"
        "[storage S]\nnode = H\nvolume = 100 mcm\ninjection = 5 mcm/d\n"
        "withdrawal = 6 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n");
    th_step(m);
    gasdep_area_day r = th_area_day(m, "R");
    cr_expect_float_eq(r.unserved_mcm, 4.0, TOL);
    cr_expect(isnan(r.storage_fill));
    cr_expect(isnan(r.storage_target_fill));
    gasdep_destroy(m);
}

/* Target path 11-01:90% 02-01:45%, wrapping round the year: between 11-01
 * (day of year 304) and 02-01 (day 31 of the next year = 396) the path
 * falls linearly from 0.9 to 0.45 over 92 days: on day-of-year t (t >= 304)
 * or t + 365 (t < 31): 0.9 - 0.45 (t' - 304) / 92. From 02-01 to 11-01 it
 * rises over 273 days: 0.45 + 0.45 (t - 31) / 273. */
#define WRAP_STORE(start, end)                                                 \
    "[scenario]\nstorage_valuation = flat\nstart = " start "\nend = " end "\n"                           \
    "[origin o]\n[region R]\ndemand = 1 mcm/d\n"                               \
    "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\n"                 \
    "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 1 mcm/d\n"           \
    "withdrawal = 1 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"            \
    "targets = 11-01:90% 02-01:45%\n"

Test(storage, target_path_wraps_round_the_turn_of_the_year)
{
    gasdep_model *m = th_model(WRAP_STORE("2022-12-30", "2023-01-02"));
    /* 12-30 = doy 363, 12-31 = 364, 01-01 = 0 (365), 01-02 = 1 (366) */
    const double t[4] = {363, 364, 365, 366};
    for (int i = 0; i < 4; i++) {
        th_step(m);
        double expect = 0.9 - 0.45 * (t[i] - 304.0) / 92.0;
        cr_expect_float_eq(th_area_day(m, "R").storage_target_fill, expect, 1e-12,
                           "day %d", i);
    }
    gasdep_destroy(m);
}

Test(storage, target_path_between_points_in_summer)
{
    /* 2022-06-16 = doy 151 + 15 = 166: 0.45 + 0.45 x 135 / 273 */
    gasdep_model *m = th_model(WRAP_STORE("2022-06-16", "2022-06-16"));
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_target_fill,
                       0.45 + 0.45 * 135.0 / 273.0, 1e-12);
    gasdep_destroy(m);
}

Test(storage, target_path_at_its_points)
{
    gasdep_model *m = th_model(WRAP_STORE("2022-11-01", "2022-11-01"));
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_target_fill, 0.9, 1e-12);
    gasdep_destroy(m);
    m = th_model(WRAP_STORE("2023-02-01", "2023-02-01"));
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_target_fill, 0.45, 1e-12);
    gasdep_destroy(m);
}

Test(storage, two_targets_on_one_day_is_an_error)
{
    gasdep_model *m = NULL;
    int rc = th_try("[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-01\n"
                    "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
                    "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 1 mcm/d\n"
                    "withdrawal = 1 mcm/d\ninitial_fill = 0\n"
                    "targets = 11-01:90% 11-01:80%\n",
                    &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "test.ini:14:") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(storage, region_storage_sums_several_stores)
{
    /* two stores at R: 100 mcm at 50 % and 300 mcm at 10 %: R holds 80 of
     * 400 mcm = 20 % (no flows: no demand for storage, no targets) */
    gasdep_model *m = th_model(
        "[scenario]\nstorage_valuation = flat\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 10 mcm/d\n"
        "[storage S1]\nnode = R\nvolume = 100 mcm\ninjection = 1 mcm/d\n"
        "withdrawal = 1 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"
        "[storage S2]\nnode = R\nvolume = 300 mcm\ninjection = 1 mcm/d\n"
        "withdrawal = 1 mcm/d\ninitial_fill = 10%\ninitial_mix = o:1\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 80.0, TOL);
    cr_expect_float_eq(th_area_day(m, "R").storage_fill, 0.2, TOL);
    gasdep_destroy(m);
}

/* Water values by hand: a cheap source (10 EUR/MWh, 20 mcm/d) that goes
 * offline on 15 January for good, a dear one (50 EUR/MWh, 10 mcm/d) always,
 * demand 10 mcm/d, a store of 1,000 mcm injecting at most 10 mcm/d, empty at
 * the start, no risk cover. The plan of the year ahead sees every MWh stored
 * before the 15th replace a MWh of the dear source later: the value of gas
 * in store is 50 EUR/MWh (less the 1e-4 EUR/MWh of a withdrawal), so the
 * myopic days inject the cheap surplus at the full 10 mcm/d: 140 mcm on 14
 * January. Under the flat valuation nothing rewards gas left in store and
 * the store stays empty. */
#define WATER_CASE(valuation)                                                  \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-20\nrisk_cover = 0\n"         \
    "storage_valuation = " valuation "\n"                                      \
    "[origin o]\n[region R]\ndemand = 10 mcm/d\n"                              \
    "[source cheap]\nnode = R\norigin = o\ncapacity = 20 mcm/d\ncost = 10\n"  \
    "offline = 2022-01-15\n"                                                   \
    "[source dear]\nnode = R\norigin = o\ncapacity = 10 mcm/d\ncost = 50\n"   \
    "[storage S]\nnode = R\nvolume = 1000 mcm\ninjection = 10 mcm/d\n"        \
    "withdrawal = 10 mcm/d\ninitial_fill = 0\n"                               \
    "injection_cost = 0\nwithdrawal_cost = 0\n"

Test(storage, water_value_fills_the_store_before_dear_gas)
{
    gasdep_model *m = th_model(WATER_CASE("water"));
    for (int d = 0; d < 14; d++) {
        th_step(m);
        gasdep_storage_day s;
        cr_assert_eq(gasdep_storage_result(m, 0, &s), GASDEP_OK);
        cr_expect_float_eq(s.injection_mcm, 10.0, 1e-6, "day %d: %g", d + 1,
                           s.injection_mcm);
        cr_expect_float_eq(s.value_eur_mwh, 50.0, 0.01, "day %d: %g EUR/MWh", d + 1,
                           s.value_eur_mwh);
    }
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 140.0, 1e-5);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, 1e-9);
    gasdep_destroy(m);
    m = th_model(WATER_CASE("flat"));
    for (int d = 0; d < 14; d++)
        th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").storage_mcm, 0.0, 1e-6);
    gasdep_destroy(m);
}

/* Risk cover, by hand: demand 10 mcm/d all year, a source of exactly 10
 * mcm/d at 10 EUR/MWh, a store half full (50 of 100 mcm), no rate costs.
 * Without risk cover the plan of the year ahead never needs the stored gas:
 * a MWh taken out is only replaced by the source, so it is worth the
 * source's 10 EUR/MWh (the plan's year-end target brings the store back).
 * With risk_cover = 50 % the plan sees December-February demand of 15
 * mcm/d against 10 of supply: 450 mcm short against 50 in store, so every
 * MWh in store avoids a MWh unserved in winter: worth voll, capped at
 * 0.999 voll = 999 EUR/MWh. With supply equal to demand the next MWh of
 * demand today would come from the store, so the price is that value. */
#define RISK_CASE(cover)                                                       \
    "[scenario]\nstart = 2022-11-01\nend = 2022-11-03\nrisk_cover = " cover   \
    "\n[origin o]\n[region R]\ndemand = 10 mcm/d\n"                            \
    "[source s]\nnode = R\norigin = o\ncapacity = 10 mcm/d\ncost = 10\n"      \
    "[storage S]\nnode = R\nvolume = 100 mcm\ninjection = 10 mcm/d\n"         \
    "withdrawal = 10 mcm/d\ninitial_fill = 50%\n"                             \
    "injection_cost = 0\nwithdrawal_cost = 0\n"

Test(storage, risk_cover_values_the_gas_held_for_a_cold_winter)
{
    const struct {
        const char *text;
        double value;
    } cases[] = {{RISK_CASE("0"), 10.0}, {RISK_CASE("50%"), 999.0}};
    for (int c = 0; c < 2; c++) {
        gasdep_model *m = th_model(cases[c].text);
        for (int d = 0; d < 3; d++) {
            th_step(m);
            gasdep_storage_day s;
            cr_assert_eq(gasdep_storage_result(m, 0, &s), GASDEP_OK);
            cr_expect_float_eq(s.value_eur_mwh, cases[c].value, 0.01,
                               "case %d day %d: %g EUR/MWh", c, d + 1,
                               s.value_eur_mwh);
            cr_expect_float_eq(s.level_mcm, 50.0, 1e-6, "case %d day %d", c, d + 1);
            gasdep_area_day r = th_area_day(m, "R");
            cr_expect_float_eq(r.price_eur_mwh, cases[c].value, 0.01,
                               "case %d day %d: price %g", c, d + 1, r.price_eur_mwh);
        }
        gasdep_destroy(m);
    }
}

/* Water-value curves by hand (issue 20): demand 10 mcm/d, a source of
 * exactly 10 mcm/d, a store of 1,000 mcm, risk_cover 50 % from 1 November:
 * the plan's winter (December to February, 90 days) is 5 mcm/d = 450 mcm
 * short. At a fill of 40 % (400 mcm) every MWh in store avoids a MWh
 * unserved: 0.999 voll = 999 EUR/MWh. At 60 % (600 mcm) the winter is
 * covered and a MWh taken out is a MWh short of the plan's year-end target
 * (the store back at today's fill; the source has nothing to refill it
 * with): the target penalty, 100 EUR/MWh (within 0.01: the plan's small
 * rate costs). The curves plan 0, 20, ..., 100 % once; a fill on a level
 * gives that level's plan, which is the monthly plan at that inventory
 * (solved apart, by storage_valuation = water); a fill of 50 % gives the
 * mean of the 40 and 60 % plans, about 549.5, where the monthly plan at
 * 50 % says 100: the error of a linear interpolation between two levels
 * across the kink at 45 %. */
#define CURVE_CASE(valuation, fill)                                            \
    "[scenario]\nstart = 2022-11-01\nend = 2022-11-02\nrisk_cover = 50%\n"       \
    "storage_valuation = " valuation "\n"                                      \
    "[origin o]\n[region R]\ndemand = 10 mcm/d\n"                              \
    "[source s]\nnode = R\norigin = o\ncapacity = 10 mcm/d\ncost = 10\n"      \
    "[storage S]\nnode = R\nvolume = 1000 mcm\ninjection = 10 mcm/d\n"        \
    "withdrawal = 10 mcm/d\ninitial_fill = " fill "\n"                        \
    "injection_cost = 0\nwithdrawal_cost = 0\n"

static double first_value(const char *text)
{
    gasdep_model *m = th_model(text);
    th_step(m);
    gasdep_storage_day s;
    cr_assert_eq(gasdep_storage_result(m, 0, &s), GASDEP_OK);
    double v = s.value_eur_mwh;
    gasdep_destroy(m);
    return v;
}

Test(storage, water_curves_interpolate_the_plans_of_the_fill_levels)
{
    double w40 = first_value(CURVE_CASE("water", "40%"));
    double w50 = first_value(CURVE_CASE("water", "50%"));
    double w60 = first_value(CURVE_CASE("water", "60%"));
    double w10 = first_value(CURVE_CASE("water", "10%"));
    /* the monthly plans, by hand */
    cr_expect_float_eq(w40, 999.0, 0.01, "%g", w40);
    cr_expect_float_eq(w10, 999.0, 0.01, "%g", w10);
    cr_expect_float_eq(w60, 100.0, 0.01, "%g", w60);
    cr_expect_float_eq(w50, 100.0, 0.01, "%g", w50);
    /* the curves: the level plans, and between them the line */
    double c40 = first_value(CURVE_CASE("curves", "40%"));
    double c60 = first_value(CURVE_CASE("curves", "60%"));
    double c50 = first_value(CURVE_CASE("curves", "50%"));
    double c10 = first_value(CURVE_CASE("curves", "10%"));
    cr_expect_float_eq(c40, w40, 1e-9, "%.17g against %.17g", c40, w40);
    cr_expect_float_eq(c60, w60, 1e-9, "%.17g against %.17g", c60, w60);
    cr_expect_float_eq(c50, (w40 + w60) / 2, 1e-9, "%.17g", c50);
    cr_expect_float_eq(c10, 999.0, 0.01, "%g (0 and 20 %% both short)", c10);
}

/* Curves are planned once per model and kept by gasdep_restart: a
 * restarted model gives its first run's values again. */
Test(storage, water_curves_survive_a_restart)
{
    gasdep_model *m = th_model(CURVE_CASE("curves", "50%"));
    th_step(m);
    gasdep_storage_day a, b;
    cr_assert_eq(gasdep_storage_result(m, 0, &a), GASDEP_OK);
    cr_assert_eq(gasdep_restart(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_step(m);
    cr_assert_eq(gasdep_storage_result(m, 0, &b), GASDEP_OK);
    double va = a.value_eur_mwh, vb = b.value_eur_mwh;
    cr_expect_float_eq(va, (999.0 + 100.0) / 2, 0.01, "%g", va);
    cr_expect_eq(va, vb, "%.17g then %.17g", va, vb);
    gasdep_destroy(m);
}
