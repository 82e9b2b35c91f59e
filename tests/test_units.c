/* test_units.c: quantities with units -> canonical units (engine/core/units.c).
 * Canonical: flows mcm/d, volumes mcm, fractions 0..1. A 365-day year;
 * energy converts with the scenario's gcv (1 mcm = gcv GWh). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "units.h"

#define EPS 1e-12

/* A valid scenario whose pipeline P capacity, storage S volume and pipeline
 * P loss are given by the caller; `extra` is appended at the end. Lines:
 * capacity is on line 15, loss on line 16, volume on line 19. */
static char *scenario(const char *cap, const char *loss, const char *vol,
                      const char *extra)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             "[scenario]\n"            /* 1 */
             "start = 2022-01-01\n"    /* 2 */
             "end = 2022-01-01\n"      /* 3 */
             "[origin o]\n"            /* 4 */
             "[node H]\n"              /* 5 */
             "[region R]\n"            /* 6 */
             "demand = 10 mcm/d\n"     /* 7 */
             "[source s]\n"            /* 8 */
             "node = H\n"              /* 9 */
             "origin = o\n"            /* 10 */
             "capacity = 100 mcm/d\n"  /* 11 */
             "[pipeline P]\n"          /* 12 */
             "from = H\nto = R\n"      /* 13-14 -> 'to' on 14 */
             "capacity = %s\n"         /* 15 */
             "loss = %s\n"             /* 16 */
             "[storage S]\n"           /* 17 */
             "node = R\n"              /* 18 */
             "volume = %s\n"           /* 19 */
             "injection = 1 mcm/d\n"   /* 20 */
             "withdrawal = 1 mcm/d\n"  /* 21 */
             "initial_fill = 0\n"      /* 22 */
             "%s",
             cap, loss, vol, extra ? extra : "");
    return buf;
}

static gasdep_model *load_ok(const char *text)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    int rc = gasdep_load_string(m, "test.ini", text);
    cr_assert_eq(rc, GASDEP_OK, "load failed: %s", gasdep_errmsg(m));
    return m;
}

static double get(gasdep_model *m, const char *path)
{
    double v = NAN;
    cr_assert_eq(gasdep_get(m, path, &v), GASDEP_OK, "gasdep_get(%s)", path);
    return v;
}

static double capacity_of(const char *cap)
{
    gasdep_model *m = load_ok(scenario(cap, "0", "100 mcm", NULL));
    double v = get(m, "pipeline.P.capacity");
    gasdep_destroy(m);
    return v;
}

static double volume_of(const char *vol, const char *extra)
{
    gasdep_model *m = load_ok(scenario("10 mcm/d", "0", vol, extra));
    double v = get(m, "storage.S.volume");
    gasdep_destroy(m);
    return v;
}

Test(units, mcm_per_day_is_canonical)
{
    cr_expect_float_eq(capacity_of("12.5 mcm/d"), 12.5, EPS);
}

Test(units, bcm_per_year_uses_365_days)
{
    /* 3.65 bcm/y = 3650 mcm / 365 d = 10 mcm/d */
    cr_expect_float_eq(capacity_of("3.65 bcm/y"), 10.0, EPS);
    /* 1 bcm/y = 1000/365 = 2.739726027... mcm/d */
    cr_expect_float_eq(capacity_of("1 bcm/y"), 1000.0 / 365.0, EPS);
    /* 36.5 bcm/y = 100 mcm/d */
    cr_expect_float_eq(capacity_of("36.5 bcm/y"), 100.0, 1e-10);
}

Test(units, unit_without_space_is_accepted)
{
    /* FORMAT.md's --set example writes "20bcm/y": 20000/365 mcm/d */
    cr_expect_float_eq(capacity_of("20bcm/y"), 20000.0 / 365.0, 1e-10);
    cr_expect_float_eq(capacity_of("7mcm/d"), 7.0, EPS);
}

Test(units, gwh_per_day_with_default_gcv)
{
    /* default gcv 10.83 kWh/m3: 1 mcm = 10.83 GWh; 108.3 GWh/d = 10 mcm/d */
    cr_expect_float_eq(capacity_of("108.3 GWh/d"), 10.0, 1e-10);
    /* 1 GWh/d = 1/10.83 mcm/d */
    cr_expect_float_eq(capacity_of("1 GWh/d"), 1.0 / 10.83, EPS);
}

Test(units, twh_per_year_with_default_gcv)
{
    /* 39.5295 TWh/y = 39529.5 GWh / 365 d = 108.3 GWh/d = 10 mcm/d */
    cr_expect_float_eq(capacity_of("39.5295 TWh/y"), 10.0, 1e-10);
}

Test(units, gcv_set_after_the_quantity_still_applies)
{
    /* 'gcv = 11' comes after the pipeline in the file: 110 GWh/d / 11 = 10 */
    gasdep_model *m = load_ok(scenario("110 GWh/d", "0", "1100 GWh",
                                       "[scenario]\ngcv = 11\n"));
    cr_expect_float_eq(get(m, "scenario.gcv"), 11.0, EPS);
    cr_expect_float_eq(get(m, "pipeline.P.capacity"), 10.0, 1e-10);
    /* 1100 GWh / 11 = 100 mcm */
    cr_expect_float_eq(get(m, "storage.S.volume"), 100.0, 1e-10);
    gasdep_destroy(m);
}

Test(units, gcv_applies_to_the_simulation_too)
{
    /* demand 110 GWh/d with gcv 11 (declared last) = 10 mcm/d; pipe 66 GWh/d
     * = 6 mcm/d -> unserved 4 mcm/d */
    const char *text = "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                       "[origin o]\n[node H]\n[region R]\ndemand = 110 GWh/d\n"
                       "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
                       "[pipeline P]\nfrom = H\nto = R\ncapacity = 66 GWh/d\n"
                       "[scenario]\ngcv = 11\n";
    gasdep_model *m = th_model(text);
    cr_assert_eq(gasdep_step(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_area_day r;
    cr_assert_eq(gasdep_area_result(m, th_area(m, "R"), &r), GASDEP_OK);
    cr_expect_float_eq(r.demand_mcm, 10.0, 1e-9);
    cr_expect_float_eq(r.unserved_mcm, 4.0, 1e-7);
    gasdep_destroy(m);
}

Test(units, gcv_override_changes_energy_conversion)
{
    /* --set scenario.gcv=11 after loading: 110 GWh/d = 10 mcm/d */
    gasdep_model *m = load_ok(scenario("110 GWh/d", "0", "100 mcm", NULL));
    cr_assert_eq(gasdep_set(m, "scenario.gcv", "11"), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    cr_expect_float_eq(get(m, "pipeline.P.capacity"), 10.0, 1e-10);
    gasdep_destroy(m);
}

Test(units, volumes)
{
    cr_expect_float_eq(volume_of("550 mcm", NULL), 550.0, EPS);
    /* 0.55 bcm = 550 mcm */
    cr_expect_float_eq(volume_of("0.55 bcm", NULL), 550.0, 1e-10);
    /* 5415 GWh / 10.83 = 500 mcm */
    cr_expect_float_eq(volume_of("5415 GWh", NULL), 500.0, 1e-10);
    /* 5.415 TWh = 5415 GWh = 500 mcm */
    cr_expect_float_eq(volume_of("5.415 TWh", NULL), 500.0, 1e-10);
}

Test(units, fractions_percent_and_bare)
{
    gasdep_model *m = load_ok(scenario("10 mcm/d", "2.5%", "100 mcm", NULL));
    cr_expect_float_eq(get(m, "pipeline.P.loss"), 0.025, EPS);
    gasdep_destroy(m);
    m = load_ok(scenario("10 mcm/d", "0.025", "100 mcm", NULL));
    cr_expect_float_eq(get(m, "pipeline.P.loss"), 0.025, EPS);
    gasdep_destroy(m);
    /* initial_fill 40% = 0.4 */
    m = load_ok(scenario("10 mcm/d", "0", "100 mcm",
                         "[storage S]\ninitial_fill = 40%\n"));
    cr_expect_float_eq(get(m, "storage.S.initial_fill"), 0.4, EPS);
    gasdep_destroy(m);
}

Test(units, prices_with_and_without_unit)
{
    gasdep_model *m = load_ok(scenario(
        "10 mcm/d", "0", "100 mcm",
        "[pipeline P]\ntariff = 1.5 EUR/MWh\n[source s]\ncost = 20\n"));
    cr_expect_float_eq(get(m, "pipeline.P.tariff"), 1.5, EPS);
    cr_expect_float_eq(get(m, "source.s.cost"), 20.0, EPS);
    gasdep_destroy(m);
}

/* An invalid value: loading fails with the message at the right line. */
static void expect_load_error(const char *text, const char *where,
                              const char *what)
{
    gasdep_model *m = gasdep_create();
    int rc = gasdep_load_string(m, "test.ini", text);
    cr_expect_eq(rc, GASDEP_EINPUT, "expected EINPUT for %s", what);
    const char *msg = gasdep_errmsg(m);
    cr_expect(strstr(msg, where) != NULL, "'%s' not in: %s", where, msg);
    cr_expect(strstr(msg, what) != NULL, "'%s' not in: %s", what, msg);
    gasdep_destroy(m);
}

Test(units, missing_unit_is_an_error)
{
    expect_load_error(scenario("10", "0", "100 mcm", NULL), "test.ini:15:",
                      "missing unit");
    expect_load_error(scenario("10 mcm/d", "0", "100", NULL), "test.ini:19:",
                      "missing unit");
}

Test(units, unknown_unit_is_an_error)
{
    expect_load_error(scenario("10 m3/h", "0", "100 mcm", NULL), "test.ini:15:",
                      "unknown unit");
    expect_load_error(scenario("10 mcm/d", "0", "100 litres", NULL),
                      "test.ini:19:", "unknown unit");
    expect_load_error(scenario("10 mcm/d", "5 kg", "100 mcm", NULL),
                      "test.ini:16:", "unknown unit");
}

Test(units, volume_unit_where_flow_expected_is_an_error)
{
    expect_load_error(scenario("10 mcm", "0", "100 mcm", NULL), "test.ini:15:",
                      "a volume unit where a flow is expected");
    expect_load_error(scenario("10 bcm", "0", "100 mcm", NULL), "test.ini:15:",
                      "a volume unit where a flow is expected");
    expect_load_error(scenario("10 mcm/d", "0", "100 mcm/d", NULL),
                      "test.ini:19:", "a flow unit where a volume is expected");
}

Test(units, negative_quantity_is_an_error)
{
    expect_load_error(scenario("-5 mcm/d", "0", "100 mcm", NULL), "test.ini:15:",
                      "must not be negative");
}

Test(units, loss_above_one_is_an_error)
{
    expect_load_error(scenario("10 mcm/d", "150%", "100 mcm", NULL),
                      "test.ini:16:", "0..1");
}

Test(units, not_a_number_is_an_error)
{
    expect_load_error(scenario("lots mcm/d", "0", "100 mcm", NULL),
                      "test.ini:15:", "expected a number");
}

/* Shares (issue 12): a bare number is a fraction 0..1; with % a factor may
 * exceed 100 % up to 1000 %, a plain fraction may not. */
Test(units, shares_bare_fractions_and_percent)
{
    static const struct {
        const char *s;
        double max, want; /* want < 0: an error */
    } C[] = {
        {"0.4", 1, 0.4},      {"40%", 1, 0.4},    {"1", 1, 1},
        {"100%", 1, 1},       {"1.01", 1, -1},    {"101%", 1, -1},
        {"150%", 10, 1.5},    {"150", 10, -1},    {"1.5", 10, -1},
        {"1000%", 10, 10},    {"1001%", 10, -1},  {"-1%", 10, -1},
        {"0", 10, 0},         {"40 %", 1, 0.4},   {"inf", 10, -1},
        {"1e999%", 10, -1},   {"nan", 1, -1},
    };
    for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
        double x = -7;
        const char *why = NULL;
        int rc = units_parse_share(C[i].s, C[i].max, &x, &why);
        if (C[i].want < 0)
            cr_expect_neq(rc, 0, "'%s' (max %g) accepted as %g", C[i].s, C[i].max, x);
        else
            cr_expect(rc == 0 && fabs(x - C[i].want) < EPS, "'%s': rc %d, %g (%s)",
                      C[i].s, rc, x, why ? why : "");
    }
}

Test(units, quantities_are_bounded)
{
    qty q;
    const char *why;
    cr_expect_eq(units_parse_qty("1000000 mcm/d", Q_FLOW, &q, &why), 0);
    cr_expect_neq(units_parse_qty("1000001 mcm/d", Q_FLOW, &q, &why), 0);
    /* 365,000 bcm/y = 10^6 mcm/d exactly; a little more is refused */
    cr_expect_eq(units_parse_qty("365000 bcm/y", Q_FLOW, &q, &why), 0);
    cr_expect_neq(units_parse_qty("365001 bcm/y", Q_FLOW, &q, &why), 0);
    cr_expect_neq(units_parse_qty("1e308 bcm/y", Q_FLOW, &q, &why), 0);
    cr_expect_eq(units_parse_qty("100000 bcm", Q_VOLUME, &q, &why), 0);
    cr_expect_neq(units_parse_qty("100001 bcm", Q_VOLUME, &q, &why), 0);
    double x;
    cr_expect_neq(units_parse_number("2e9", NULL, &x, &why), 0);
    cr_expect_eq(units_parse_number("-1e9", NULL, &x, &why), 0);
}
