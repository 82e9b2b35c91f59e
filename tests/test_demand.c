/* test_demand.c: regional demand (engine/core/demand.c): daily series, weather
 * series and heating sensitivity, monthly shape. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model.h"

#define SERIES_HEAD(path, end)                                                 \
    "[scenario]\nstart = 2022-01-01\nend = " end "\n"                         \
    "[origin o]\n[node H]\n"                                                   \
    "[region R]\n"      /* 6 */                                                \
    "demand = 3.65 bcm/y\n" /* 7: mean 10 mcm/d */                             \
    "series = " path "\n"   /* 8 */                                            \
    "shape = 3 1 1 1 1 1 1 1 1 1 1 1\n" /* ignored: series overrides shape */  \
    "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"                 \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"

Test(demand, series_factor_multiplies_mean_daily_demand)
{
    /* tests/data/series_factor.csv: factors 1.0 1.5 0.5 2 1.2; mean demand
     * 3.65 bcm/y = 10 mcm/d -> 10 15 5 20 12 mcm */
    gasdep_model *m =
        th_model(SERIES_HEAD("tests/data/series_factor.csv", "2022-01-05"));
    const double expect[5] = {10, 15, 5, 20, 12};
    int r = th_area(m, "R");
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(gasdep_step(m), GASDEP_OK, "%s", gasdep_errmsg(m));
        gasdep_area_day a;
        cr_assert_eq(gasdep_area_result(m, r, &a), GASDEP_OK);
        cr_expect_float_eq(a.demand_mcm, expect[i], 1e-9, "day %d", i);
        cr_expect_float_eq(a.supplied_mcm, expect[i], 1e-7, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(demand, series_in_mcm_gives_demand_directly)
{
    /* tests/data/series_mcm.csv: 7, 8.5, 0 mcm */
    gasdep_model *m =
        th_model(SERIES_HEAD("tests/data/series_mcm.csv", "2022-01-03"));
    const double expect[3] = {7, 8.5, 0};
    int r = th_area(m, "R");
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(gasdep_step(m), GASDEP_OK, "%s", gasdep_errmsg(m));
        gasdep_area_day a;
        gasdep_area_result(m, r, &a);
        cr_expect_float_eq(a.demand_mcm, expect[i], 1e-9, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(demand, series_with_a_missing_day_is_an_error)
{
    /* tests/data/series_gap.csv lacks 2022-01-03 */
    gasdep_model *m = NULL;
    int rc = th_try(SERIES_HEAD("tests/data/series_gap.csv", "2022-01-05"), &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "2022-01-03") != NULL, "%s",
              gasdep_errmsg(m));
    cr_expect(strstr(gasdep_errmsg(m), "test.ini:8:") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(demand, series_must_cover_the_horizon)
{
    /* series_factor.csv ends 2022-01-05; a horizon to 01-06 is not covered */
    gasdep_model *m = NULL;
    int rc = th_try(SERIES_HEAD("tests/data/series_factor.csv", "2022-01-06"), &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "2022-01-06") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(demand, missing_series_file_is_an_error)
{
    gasdep_model *m = NULL;
    int rc = th_try(SERIES_HEAD("tests/data/no-such-series.csv", "2022-01-02"), &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "test.ini:8:") != NULL, "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

static void weather_case(const char *header, const double *v, const double *want)
{
    char dir[256], csv[512], text[2048];
    th_tmpdir_make(dir, sizeof dir, "gasdep-weather");
    snprintf(csv, sizeof csv, "%s", th_path(dir, "w.csv"));
    char body[512];
    snprintf(body, sizeof body, "date,%s\n2022-01-01,%g\n2022-01-02,%g\n2022-01-03,%g\n",
             header, v[0], v[1], v[2]);
    th_write_file(csv, body);
    snprintf(text, sizeof text,
             "[scenario]\nstart = 2022-01-01\nend = 2022-01-03\n"
             "[origin o]\n[region R]\ndemand = 100 mcm/d\n"
             "heating_sensitivity = 3%%\nweather_series = %s\n"
             "[source s]\nnode = R\norigin = o\ncapacity = 500 mcm/d\n"
             /* a store: the water values' plan reads the year ahead, past
              * the series (found by fuzz_scenario: a read beyond it) */
             "[storage st]\nnode = R\nvolume = 100 mcm\ninjection = 10 mcm/d\n"
             "withdrawal = 10 mcm/d\n",
             csv);
    gasdep_model *m = th_model(text);
    /* after the horizon: the mean (flat profile), no weather */
    cr_expect_float_eq(demand_base(&m->n, 0, m->n.last_day + 30, 1), 100.0, 1e-12);
    for (int d = 0; d < 3; d++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        cr_expect_float_eq(r.demand_mcm, want[d], 1e-9, "%s day %d: %g", header, d + 1,
                           r.demand_mcm);
        cr_expect_float_eq(r.supplied_mcm, want[d], 1e-6);
    }
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(demand, temperature_series_raises_demand_by_the_sensitivity)
{
    /* 3 % per K: 5 K colder than normal -> 115, 2 K warmer -> 94; 40 K
     * warmer would be negative: demand 0 (Monte Carlo's max(0, .)) */
    const double t[3] = {-5, 2, 40}, want[3] = {115, 94, 0};
    weather_case("temperature_anomaly_k", t, want);
}

Test(demand, hdd_series_raises_demand_by_the_sensitivity)
{
    /* an HDD anomaly is the temperature anomaly with the sign turned */
    const double h[3] = {5, -2, 0}, want[3] = {115, 94, 100};
    weather_case("hdd_anomaly_k", h, want);
}

Test(demand, shape_is_normalised_to_the_annual_demand)
{
    /* 3.65 bcm/y (10 mcm/d mean) with shape 2 in Jan, 1 otherwise: the
     * year's total is 3650 mcm: 31 x 7300/396 + 334 x 3650/396 = 3650 */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-12-31\n"
        "[origin o]\n"
        "[region R]\ndemand = 3.65 bcm/y\nshape = 2 1 1 1 1 1 1 1 1 1 1 1\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\n");
    th_run(m);
    gasdep_area_summary s;
    gasdep_area_summary_get(m, th_area(m, "R"), &s);
    cr_expect_float_eq(s.demand_mcm, 3650.0, 1e-6);
    cr_expect_float_eq(s.supplied_mcm, 3650.0, 1e-5);
    cr_expect_eq(s.days_short, 0);
    gasdep_destroy(m);
}

/* The smooth profile (the default) keeps every month's mean: shape 2 for
 * January, 1 otherwise, normalised by 31 x 2 + 334 = 396 days: January's
 * demand is 31 x 10 x 2 x 365/396 mcm, every other month's its days x 10 x
 * 365/396, the year's 3,650; and it moves by the day: no step at the month
 * boundaries (the monthly profile steps by 10 x 365/396 = 9.2 mcm/d on 1
 * February and on 1 January). */
Test(demand, smooth_profile_keeps_monthly_means_and_has_no_steps)
{
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-12-31\n"
        "[origin o]\n[region R]\ndemand = 10 mcm/d\n"
        "shape = 2 1 1 1 1 1 1 1 1 1 1 1\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\n");
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    double month[12] = {0}, prev = -1.0, step = 0.0, year = 0.0;
    for (int mo = 0, d = 0; mo < 12; mo++)
        for (int i = 0; i < mdays[mo]; i++, d++) {
            th_step(m);
            double x = th_area_day(m, "R").demand_mcm;
            month[mo] += x;
            year += x;
            if (prev >= 0 && fabs(x - prev) > step)
                step = fabs(x - prev);
            prev = x;
        }
    double unit = 10.0 * 365.0 / 396.0;
    cr_expect_float_eq(month[0], 31 * 2 * unit, 1e-9, "January %g", month[0]);
    for (int mo = 1; mo < 12; mo++)
        cr_expect_float_eq(month[mo], mdays[mo] * unit, 1e-9, "month %d: %g", mo + 1,
                           month[mo]);
    cr_expect_float_eq(year, 3650.0, 1e-8);
    /* the largest day-to-day change is a small part of the monthly step */
    cr_expect_lt(step, 0.25 * unit, "largest daily change %g mcm/d", step);
    gasdep_destroy(m);
}

Test(demand, smooth_profile_of_a_flat_shape_is_flat)
{
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-25\nend = 2022-02-05\n"
        "[origin o]\n[region R]\ndemand = 10 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\n");
    for (int d = 0; d < 12; d++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").demand_mcm, 10.0, 1e-12);
    }
    gasdep_destroy(m);
}
