/* test_adapt.c: demand that adapts to lasting prices (engine/core/adapt.c).
 * Expected levels from the closed form of the partial adjustment, worked
 * by hand below; the price is the only source's cost. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "helpers.h"
#include "model.h"

/* Region R, 100 mcm/d, one block of 10 % at 900 EUR/MWh (never given up:
 * it only marks R as price-exposed); the source at R costs `cost`.
 * adaptation_years = 1/365: a time constant of one day, so each daily
 * update keeps e^-1 of the gap to the goal. */
#define ADAPT(cost, dr, extra)                                                 \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-06\n" extra                 \
    "long_run_elasticity = -0.5\nadaptation_years = 0.002739726027\n"          \
    "reference_price = 25 EUR/MWh\n"                                           \
    "[origin o]\n[region R]\ndemand = 100 mcm/d\n" dr                          \
    "[source s]\nnode = R\norigin = o\ncapacity = 1000 mcm/d\ncost = " cost    \
    " EUR/MWh\n"

/* The price is an LP dual, exact to about 3e-6 relative (as in
 * test_market.c); the level moves with half of its logarithm. */
#define DTOL 2e-4

static double demand_of_day(gasdep_model *m)
{
    int rc = gasdep_step(m);
    cr_assert_eq(rc, GASDEP_OK, "rc %d: %s", rc, gasdep_errmsg(m));
    gasdep_area_day a;
    cr_assert_eq(gasdep_area_result(m, th_area(m, "R"), &a), GASDEP_OK);
    return a.demand_mcm;
}

Test(adapt, demand_moves_towards_the_long_run_level)
{
    /* Price 100 = 4 x the reference: goal ln S* = -0.5 ln 4 = -ln 2, the
     * long-run level 50 mcm/d. With tau = 1 day, after k daily updates
     * ln S = -ln 2 (1 - e^-k): day 1 100, day 2 100 x 2^-(1 - e^-1) =
     * 64.52, day 3 100 x 2^-(1 - e^-2) = 54.89, ... towards 50. */
    gasdep_model *m = th_model(ADAPT("100", "demand_response = 10%:900\n", ""));
    for (int k = 0; k < 6; k++) {
        double want = 100.0 * pow(2.0, -(1.0 - exp(-(double)k)));
        double got = demand_of_day(m);
        cr_expect_float_eq(got, want, DTOL, "day %d: %.9g, want %.9g", k + 1, got,
                           want);
    }
    gasdep_destroy(m);
}

Test(adapt, prices_at_or_below_the_reference_leave_demand_alone)
{
    gasdep_model *m = th_model(ADAPT("20", "demand_response = 10%:900\n", ""));
    for (int k = 0; k < 6; k++) {
        double got = demand_of_day(m); /* once: the macro reads it twice */
        cr_expect_float_eq(got, 100.0, 1e-9, "day %d: %.9g", k + 1, got);
    }
    gasdep_destroy(m);
}

Test(adapt, a_region_without_blocks_does_not_adapt)
{
    /* no demand_response: the region's consumers are not price-exposed */
    gasdep_model *m = th_model(ADAPT("100", "", ""));
    for (int k = 0; k < 6; k++) {
        double got = demand_of_day(m); /* once: the macro reads it twice */
        cr_expect_float_eq(got, 100.0, 1e-9, "day %d: %.9g", k + 1, got);
    }
    gasdep_destroy(m);
}

Test(adapt, rolling_windows_move_the_level_once_per_window)
{
    /* (a store, so that the run is not myopic) resolve_every = 3: the level
     * moves on days 1 and 4 only, each time
     * by the days since the last move. Day 4: three days at price 100,
     * ln S = -ln 2 (1 - e^-3): 100 x 2^-(1 - e^-3) = 51.78 for days 4-6. */
    gasdep_model *m = th_model(ADAPT("100", "demand_response = 10%:900\n"
                                     "[storage S]\nnode = R\nvolume = 10 mcm\n"
                                     "injection = 1 mcm/d\nwithdrawal = 1 mcm/d\n",
                                     "foresight = rolling\nlookahead = 3\n"
                                     "resolve_every = 3\n"));
    double later = 100.0 * pow(2.0, -(1.0 - exp(-3.0)));
    const double want[6] = {100, 100, 100, later, later, later};
    for (int k = 0; k < 6; k++) {
        double got = demand_of_day(m);
        cr_expect_float_eq(got, want[k], DTOL, "day %d: %.9g", k + 1, got);
    }
    gasdep_destroy(m);
}

Test(adapt, a_rising_elasticity_is_an_input_error)
{
    gasdep_model *m = NULL;
    int rc = th_try("[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
                    "long_run_elasticity = 0.3\n[origin o]\n[region R]\n"
                    "demand = 1 mcm/d\n", &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "'long_run_elasticity' (0.3) must be "
                     "between -5 and 0") != NULL, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
}
