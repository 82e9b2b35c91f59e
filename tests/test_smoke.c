/* test_smoke.c: the default scenario loads, runs, and balances. */
#include <criterion/criterion.h>
#include <math.h>

#include "helpers.h"

Test(smoke, default_scenario_runs_and_balances)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, "scenarios/default.ini"), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_run(m);
    double worst;
    gasdep_mass_imbalance_mcm(m, &worst);
    cr_expect_lt(worst, 1e-6);
    gasdep_destroy(m);
}
