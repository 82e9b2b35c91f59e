/* test_sweep.c: parameter sweeps (issue 4): closed-form results on a tiny
 * network, designs, sweep files, determinism across -j, resume after a
 * SIGKILL through the CLI, atomic outputs (the journal itself:
 * test_journal.c). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_qrng.h>

#include "gasdep/batch.h"
#include "helpers.h"

static const char *TINY = TH_TINY_SWEEP;

/* ---- small helpers ------------------------------------------------------ */

TH_TMPDIR_SUITE(sweep, "gasdep-test-sweep");

static void run_ok(gasdep_batch *b, int threads, const char *out, int keep)
{
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    gasdep_batch_options o = {threads, out, 0, keep, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(r.failed, 0, "%s", r.first_error);
}


/* ---- closed forms --------------------------------------------------------- */

Test(sweep, unserved_is_closed_form_in_capacity)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    /* the event is disabled here: the whole horizon at capacity C */
    cr_assert_eq(gasdep_batch_set(b, "event.cut.enabled=false"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=4:14:2mcm/d"), GASDEP_OK);
    run_ok(b, 2, path_in("out"), 0);
    cr_assert_eq(gasdep_batch_runs(b), 6);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    cr_assert_eq(t.rows, 6);
    for (int i = 0; i < t.rows; i++) {
        double C = 4 + 2 * i;
        cr_expect_eq(th_num(&t, i, "run"), i + 1);
        cr_expect_float_eq(th_num(&t, i, "pipeline.P.capacity_mcm_d"), C, 1e-9);
        cr_expect_str_eq(th_at(&t, i, "region"), "R");
        cr_expect_str_eq(th_at(&t, i, "kind"), "region");
        cr_expect_float_eq(th_num(&t, i, "demand_mcm"), 300, 1e-6);
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 30 * fmax(0, 10 - C), 1e-6,
                           "C = %g", C);
        cr_expect_float_eq(th_num(&t, i, "unserved_share"), fmax(0, 10 - C) / 10, 1e-6);
        cr_expect_eq((int)th_num(&t, i, "days_short"), C < 10 ? 30 : 0);
        cr_expect_float_eq(th_num(&t, i, "share_mean_russia"), 1, 1e-9);
        cr_expect_float_eq(th_num(&t, i, "share_min_russia"), 1, 1e-9);
        cr_expect_float_eq(th_num(&t, i, "share_mean_caspian"), 0, 1e-9);
        cr_expect_float_eq(th_num(&t, i, "share_max_other"), 0, 1e-9);
        cr_expect_str_eq(th_at(&t, i, "min_storage_fill"), "");
        cr_expect_str_eq(th_at(&t, i, "status"), "ok");
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(sweep, unserved_is_closed_form_in_event_start_date)
{
    /* the cut stops P from `start` to Jan 30: unserved = 10 * (31 - day) */
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "event.cut.start=2022-01-06:2022-01-28:7"),
                 GASDEP_OK);
    run_ok(b, 3, path_in("out"), 0);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    cr_assert_eq(t.rows, 4); /* 6, 13, 20, 27 */
    for (int i = 0; i < t.rows; i++) {
        int day = 6 + 7 * i;
        char iso[32];
        snprintf(iso, sizeof iso, "2022-01-%02d", day);
        cr_expect_str_eq(th_at(&t, i, "event.cut.start"), iso);
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 10.0 * (31 - day), 1e-6);
        cr_expect_eq((int)th_num(&t, i, "days_short"), 31 - day);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(sweep, grid_order_units_and_lists)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_set(b, "event.cut.enabled=false"), GASDEP_OK);
    /* 2.92 bcm/y = 8 mcm/d, 3.65 bcm/y = 10 mcm/d; the column keeps the
     * unit the sweep was written in (bcm/y) */
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=2.92bcm/y,3.65bcm/y"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "region.R.demand=9:12:3mcm/d"), GASDEP_OK);
    run_ok(b, 2, path_in("out"), 0);
    cr_assert_eq(gasdep_batch_runs(b), 4);
    char v[64];
    /* the last parameter varies fastest */
    gasdep_batch_value(b, 2, 0, v, sizeof v);
    cr_expect_str_eq(v, "2.92bcm/y");
    gasdep_batch_value(b, 2, 1, v, sizeof v);
    cr_expect_str_eq(v, "12mcm/d");
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    double C[] = {8, 8, 10, 10}, D[] = {9, 12, 9, 12};
    double CW[] = {2.92, 2.92, 3.65, 3.65};
    for (int i = 0; i < 4; i++) {
        cr_expect_float_eq(th_num(&t, i, "pipeline.P.capacity_bcm_y"), CW[i], 1e-9);
        cr_expect_float_eq(th_num(&t, i, "region.R.demand_mcm_d"), D[i], 1e-9);
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 30 * fmax(0, D[i] - C[i]),
                           1e-4);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(sweep, columns_keep_the_written_unit_percent_and_canonical_when_mixed)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    /* % stays % (column _pct, 50 not 0.5); a list in two units has no one
     * written unit and falls back to canonical mcm/d */
    cr_assert_eq(gasdep_batch_vary(b, "event.cut.factor=0:100:50%"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=8mcm/d,3.65bcm/y"), GASDEP_OK);
    run_ok(b, 1, path_in("out"), 0);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    double F[] = {0, 0, 50, 50, 100, 100}, C[] = {8, 10, 8, 10, 8, 10};
    for (int i = 0; i < 6; i++) {
        cr_expect_float_eq(th_num(&t, i, "event.cut.factor_pct"), F[i], 1e-9);
        cr_expect_float_eq(th_num(&t, i, "pipeline.P.capacity_mcm_d"), C[i], 1e-6);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(sweep, zip_pairs_values_and_repeats_single_ones)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_set(b, "event.cut.enabled=false"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=5:9:2mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "region.R.demand=6mcm/d,10mcm/d,8mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "scenario.voll=2000"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_design(b, "zip"), GASDEP_OK);
    run_ok(b, 1, path_in("out"), 0);
    cr_assert_eq(gasdep_batch_runs(b), 3);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    double C[] = {5, 7, 9}, D[] = {6, 10, 8};
    for (int i = 0; i < 3; i++) {
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 30 * fmax(0, D[i] - C[i]),
                           1e-6);
        cr_expect_float_eq(th_num(&t, i, "scenario.voll_eur_mwh"), 2000, 1e-9);
    }
    th_free_csv(&t);
    /* lists of different lengths cannot be zipped */
    gasdep_batch *z = th_sweep_of(tmpdir, TINY);
    gasdep_batch_vary(z, "pipeline.P.capacity=5:9:2mcm/d");
    gasdep_batch_vary(z, "region.R.demand=6mcm/d,10mcm/d");
    gasdep_batch_set_design(z, "zip");
    cr_expect_eq(gasdep_batch_prepare(z), GASDEP_EINPUT);
    cr_expect(strstr(gasdep_batch_errmsg(z), "same length") != NULL, "%s",
              gasdep_batch_errmsg(z));
    gasdep_batch_destroy(z);
    gasdep_batch_destroy(b);
}

/* ---- sampled designs -------------------------------------------------------- */

Test(sweep, latin_hypercube_puts_one_sample_in_each_stratum)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_set(b, "event.cut.enabled=false"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=0:20mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "region.R.demand=5:15mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_design(b, "lhs"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, 10), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_seed(b, 42), GASDEP_OK);
    run_ok(b, 2, path_in("out"), 0);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    cr_assert_eq(t.rows, 10);
    int seen_c[10] = {0}, seen_d[10] = {0};
    for (int i = 0; i < 10; i++) {
        double C = th_num(&t, i, "pipeline.P.capacity_mcm_d"),
               D = th_num(&t, i, "region.R.demand_mcm_d");
        seen_c[(int)floor(C / 2)]++;
        seen_d[(int)floor(D - 5)]++;
        /* the closed form holds at every sampled point */
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 30 * fmax(0, D - C), 1e-4,
                           "C %g D %g", C, D);
    }
    for (int k = 0; k < 10; k++) {
        cr_expect_eq(seen_c[k], 1, "capacity stratum %d has %d samples", k, seen_c[k]);
        cr_expect_eq(seen_d[k], 1, "demand stratum %d has %d samples", k, seen_d[k]);
    }
    th_free_csv(&t);
    /* same seed, same design; another seed, other points */
    gasdep_batch *c = th_sweep_of(tmpdir, TINY);
    gasdep_batch_vary(c, "pipeline.P.capacity=0:20mcm/d");
    gasdep_batch_vary(c, "region.R.demand=5:15mcm/d");
    gasdep_batch_set_design(c, "lhs");
    gasdep_batch_set_samples(c, 10);
    gasdep_batch_set_seed(c, 42);
    cr_assert_eq(gasdep_batch_prepare(c), GASDEP_OK);
    char v1[64], v2[64];
    for (long r = 1; r <= 10; r++) {
        gasdep_batch_value(b, r, 0, v1, sizeof v1);
        gasdep_batch_value(c, r, 0, v2, sizeof v2);
        cr_expect_str_eq(v1, v2);
    }
    gasdep_batch_set_seed(c, 43);
    cr_assert_eq(gasdep_batch_prepare(c), GASDEP_OK);
    int differ = 0;
    for (long r = 1; r <= 10; r++) {
        gasdep_batch_value(b, r, 0, v1, sizeof v1);
        gasdep_batch_value(c, r, 0, v2, sizeof v2);
        differ += strcmp(v1, v2) != 0;
    }
    cr_expect_gt(differ, 0);
    gasdep_batch_destroy(c);
    gasdep_batch_destroy(b);
}

Test(sweep, sobol_points_are_gsl_sobol_and_grids_snap)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=0:16mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "region.R.demand=2:10:2mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_vary(b, "event.cut.start=2022-01-01:2022-01-31"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_design(b, "sobol"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, 16), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 3);
    char v[64], want[64];
    for (long r = 1; r <= 16; r++) {
        double u[3];
        gsl_qrng_get(q, u);
        gasdep_batch_value(b, r, 0, v, sizeof v);
        snprintf(want, sizeof want, "%.10gmcm/d", 16 * u[0]);
        cr_expect_str_eq(v, want, "run %ld", r);
        /* a range with a step: u picks one of its 5 grid points */
        gasdep_batch_value(b, r, 1, v, sizeof v);
        snprintf(want, sizeof want, "%dmcm/d", 2 + 2 * (int)floor(u[1] * 5));
        cr_expect_str_eq(v, want, "run %ld", r);
        /* dates: whole days within the range, ends included */
        gasdep_batch_value(b, r, 2, v, sizeof v);
        int d;
        cr_expect_eq(gasdep_date_parse(v, &d), 0);
        cr_expect_eq(d, th_day("2022-01-01") + (int)floor(u[2] * 31), "%s", v);
    }
    gsl_qrng_free(q);
    gasdep_batch_destroy(b);
}

Test(sweep, random_design_stays_in_range)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "scenario.voll=500:1500"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_design(b, "random"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, 200), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    char v[64];
    double lo = 1e9, hi = -1e9, sum = 0;
    for (long r = 1; r <= 200; r++) {
        gasdep_batch_value(b, r, 0, v, sizeof v);
        double x = atof(v);
        lo = fmin(lo, x);
        hi = fmax(hi, x);
        sum += x;
    }
    cr_expect_geq(lo, 500);
    cr_expect_lt(hi, 1500);
    /* mean of 200 U(500,1500): sd 288.7/sqrt(200) = 20.4; 4 sd */
    cr_expect_float_eq(sum / 200, 1000, 82);
    gasdep_batch_destroy(b);
}

/* ---- input errors ------------------------------------------------------------ */

Test(sweep, bad_specs_are_input_errors)
{
    const char *bad[] = {
        "pipeline.P.capacity=4:14mcm/d",      /* grid needs a step */
        "pipeline.P.capacity=4:14:2",         /* no unit: rejected by gasdep_set */
        "pipeline.NOPE.capacity=1:2:1mcm/d",  /* no such element */
        "pipeline.P.capacity=4:14:-2mcm/d",   /* step away from HI */
        "pipeline.P.capacity=4mcm/d:14bcm/y:2mcm/d", /* two units */
        "event.cut.start=2022-01-01:2022-02-01:1.5", /* fractional days */
        "nothing",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        gasdep_batch *b = th_sweep_of(tmpdir, TINY);
        int rc = gasdep_batch_vary(b, bad[i]);
        if (rc == GASDEP_OK)
            rc = gasdep_batch_prepare(b);
        cr_expect_eq(rc, GASDEP_EINPUT, "'%s' accepted", bad[i]);
        cr_expect_neq(gasdep_batch_errmsg(b)[0], '\0');
        gasdep_batch_destroy(b);
    }
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    gasdep_batch_vary(b, "pipeline.P.capacity=1:2mcm/d");
    gasdep_batch_set_design(b, "lhs");
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT); /* no --samples */
    cr_expect_eq(gasdep_batch_set_design(b, "nope"), GASDEP_EINPUT);
    gasdep_batch_destroy(b);
}

/* ---- sweep files ---------------------------------------------------------------- */

Test(sweep, sweep_file_names_scenario_and_design)
{
    cr_assert_eq(mkdir(path_in("sweeps"), 0755), 0);
    th_write_file(path_in("tiny.ini"), TINY);
    th_write_file(path_in("sweeps/s.ini"),
                  "; a sweep file\n[sweep]\nscenario = ../tiny.ini\n"
                  "set = event.cut.enabled=false\n"
                  "vary = pipeline.P.capacity=6:10:2mcm/d\n"
                  "vary = region.R.demand = 10mcm/d, 12mcm/d\n"
                  "design = zip   ; 3 and 2 values: refused below\n");
    cr_expect_eq(gasdep_batch_is_sweep_file(path_in("sweeps/s.ini")), 1);
    cr_expect_eq(gasdep_batch_is_sweep_file(path_in("tiny.ini")), 0);
    gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
    cr_assert_eq(gasdep_batch_load_file(b, path_in("sweeps/s.ini")), GASDEP_OK, "%s",
                 gasdep_batch_errmsg(b));
    /* zip needs equal lengths: 3 and 2 */
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT);
    cr_assert_eq(gasdep_batch_set_design(b, "grid"), GASDEP_OK); /* CLI override */
    run_ok(b, 2, path_in("out"), 0);
    cr_expect_eq(gasdep_batch_runs(b), 6);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    for (int i = 0; i < 6; i++)
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"),
                           30 * fmax(0, th_num(&t, i, "region.R.demand_mcm_d") -
                                               th_num(&t, i, "pipeline.P.capacity_mcm_d")),
                           1e-6);
    th_free_csv(&t);
    gasdep_batch_destroy(b);

    th_write_file(path_in("sweeps/bad.ini"),
                  "[sweep]\nscenario = ../tiny.ini\n"
                  "vary = pipeline.P.capacity=1:2:1mcm/d\n"
                  "colour = blue\n[other]\nx = 1\n");
    b = gasdep_batch_create(GASDEP_SWEEP);
    cr_expect_eq(gasdep_batch_load_file(b, path_in("sweeps/bad.ini")), GASDEP_EINPUT);
    const char *msg = gasdep_batch_errmsg(b);
    cr_expect(strstr(msg, "bad.ini:4: unknown key 'colour'") != NULL, "%s", msg);
    /* a foreign section is named at its header, keys or not */
    cr_expect(strstr(msg, "bad.ini:5: section [other]") != NULL, "%s", msg);
    gasdep_batch_destroy(b);
}

/* ---- determinism, resume, atomic files (through the CLI) ----------------------- */

static const char *VARY =
    "--vary pipeline.P.capacity=2:12:0.5mcm/d --vary event.cut.start=2022-01-05:2022-01-25:5";

Test(sweep, output_bytes_do_not_depend_on_threads)
{
    th_write_file(path_in("tiny.ini"), TINY);
    cr_assert_eq(th_sh("%s sweep %s %s --keep-series -q -j 1 -o %s", th_bin(),
                       path_in("tiny.ini"), VARY, path_in("j1")), 0);
    cr_assert_eq(th_sh("%s sweep %s %s --keep-series -q -j 4 -o %s", th_bin(),
                       path_in("tiny.ini"), VARY, path_in("j4")), 0);
    same_bytes(path_in("j1/sweep.csv"), path_in("j4/sweep.csv"));
    same_bytes(path_in("j1/series.csv"), path_in("j4/series.csv"));
    th_table t = th_read_csv(path_in("j1/series.csv"), 1);
    cr_expect_eq(t.rows, 21 * 5 * 30); /* runs x days x areas */
    th_free_csv(&t);
    cr_expect(!th_exists(path_in("j1/sweep.journal")), "journal left behind");
}

Test(sweep, cli_usage_errors_exit_2)
{
    th_write_file(path_in("tiny.ini"), TINY);
    const char *bad[] = {
        "--vary pipeline.P.capacity=1:2mcm/d",          /* grid without step */
        "--design sobol --vary pipeline.P.capacity=1:2mcm/d", /* no samples */
        "--samples 3 --vary pipeline.P.capacity=1:2:1mcm/d",  /* samples on grid */
        "-j 0", "--frobnicate", "--seed -1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int st = th_sh("%s sweep %s %s -o %s 2>/dev/null", th_bin(), path_in("tiny.ini"),
                       bad[i], path_in("x"));
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "'%s': status %d", bad[i], st);
    }
    cr_expect_eq(th_sh("%s sweep --help >/dev/null", th_bin()), 0);
    /* --list prints the runs and runs nothing */
    cr_assert_eq(th_sh("%s sweep %s --vary pipeline.P.capacity=1:3:1mcm/d --list -o %s "
                       "> %s", th_bin(), path_in("tiny.ini"), path_in("x"),
                       path_in("list.csv")),
                 0);
    char *l = th_slurp(path_in("list.csv"), NULL);
    cr_expect_str_eq(l, "run,pipeline.P.capacity\n1,1mcm/d\n2,2mcm/d\n3,3mcm/d\n");
    free(l);
    cr_expect(!th_exists(path_in("x")));
}

Test(sweep, failed_runs_are_marked_and_reported)
{
    /* starts after the event's end are refused at init: runs 3 and 4 fail */
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "event.cut.start=2022-01-25:2022-02-09:5"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    gasdep_batch_options o = {2, path_in("out"), 0, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK);
    cr_expect_eq(r.failed, 2);
    cr_expect_eq(r.first_failed_run, 3);
    cr_expect(strstr(r.first_error, "before") != NULL, "%s", r.first_error);
    th_table t = th_read_csv(path_in("out/sweep.csv"), 1);
    cr_assert_eq(t.rows, 4);
    cr_expect_str_eq(th_at(&t, 0, "status"), "ok");
    cr_expect_str_eq(th_at(&t, 1, "status"), "ok");
    cr_expect_str_eq(th_at(&t, 2, "status"), "failed");
    cr_expect_str_eq(th_at(&t, 2, "event.cut.start"), "2022-02-04");
    cr_expect_str_eq(th_at(&t, 2, "unserved_mcm"), "");
    cr_expect_str_eq(th_at(&t, 3, "status"), "failed");
    th_free_csv(&t);
    gasdep_batch_destroy(b);
    /* the CLI writes the rows and exits 1 */
    int st = th_sh("%s sweep %s --vary event.cut.start=2022-01-25:2022-02-09:5 -q -o %s "
                   "2>/dev/null", th_bin(), path_in("tiny.ini"), path_in("cli"));
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1, "status %d", st);
    same_bytes(path_in("out/sweep.csv"), path_in("cli/sweep.csv"));
}

Test(sweep, heatmap_script_draws_png_and_svg)
{
    if (system("command -v gnuplot >/dev/null 2>&1"))
        cr_skip("gnuplot not installed: heatmap not tested");
    th_write_file(path_in("tiny.ini"), TINY);
    cr_assert_eq(th_sh("%s sweep %s %s -q -o %s", th_bin(), path_in("tiny.ini"), VARY,
                       path_in("out")), 0);
    cr_assert_eq(th_sh("plots/heatmap.sh %s --region R -o %s >/dev/null",
                       path_in("out/sweep.csv"), path_in("fig")), 0);
    struct stat st;
    cr_expect(stat(path_in("fig/heatmap_R_unserved_share.png"), &st) == 0 && st.st_size > 1000);
    cr_expect(stat(path_in("fig/heatmap_R_unserved_share.svg"), &st) == 0 && st.st_size > 1000);
    /* a parameter that is not in the file is an error */
    cr_expect_neq(th_sh("plots/heatmap.sh %s --x nope -o %s 2>/dev/null",
                        path_in("out/sweep.csv"), path_in("fig")), 0);
}

/* The column of a varied parameter carries the canonical unit of the
 * numbers written in it (gasdep_unit), whatever unit the range used. */
#include "sweep.h"
Test(sweep, parameter_columns_carry_their_unit)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, "scenarios/default.ini"), GASDEP_OK);
    struct {
        const char *path, *column;
    } cases[] = {
        {"pipeline.TAP-IT.capacity", "pipeline.TAP-IT.capacity_mcm_d"},
        {"storage.BG-Chiren.volume", "storage.BG-Chiren.volume_mcm"},
        {"scenario.voll", "scenario.voll_eur_mwh"},
        {"scenario.gcv", "scenario.gcv_kwh_m3"},
        {"event.russia-cut.factor", "event.russia-cut.factor"},
        {"event.russia-cut.start", "event.russia-cut.start"},
        {"scenario.curtailment", "scenario.curtailment"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *u = gasdep_unit(m, cases[i].path);
        cr_expect_not_null(u, "%s", cases[i].path);
        char *c = sweep_column(cases[i].path, u);
        cr_expect_str_eq(c, cases[i].column);
        free(c);
    }
    cr_expect_null(gasdep_unit(m, "pipeline.NOPE.capacity"));
    cr_expect_null(gasdep_unit(m, "pipeline.TAP-IT.colour"));
    char *c = sweep_column("weather.x", "1/y");
    cr_expect_str_eq(c, "weather.x_per_y");
    free(c);
    gasdep_destroy(m);
}

/* ---- hardening (issue 12): stale files, symlinks, damaged journals,
 * resume identity, bounds ------------------------------------------------ */

Test(sweep, outputs_of_another_batch_are_removed)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=1:2:1mcm/d"), GASDEP_OK);
    run_ok(b, 1, path_in("out"), 1);
    cr_assert(th_exists(path_in("out/series.csv")));
    th_write_file(path_in("out/runs.csv"), "run\n1\n"); /* a Monte Carlo's */
    /* the same sweep without --keep-series: the old series.csv would read as
     * this sweep's */
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK);
    gasdep_batch_options o = {1, path_in("out"), 0, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect(th_exists(path_in("out/sweep.csv")));
    cr_expect(!th_exists(path_in("out/series.csv")));
    cr_expect(!th_exists(path_in("out/runs.csv")));
    cr_expect(strstr(r.removed, "series.csv") && strstr(r.removed, "runs.csv"), "%s",
              r.removed);
    gasdep_batch_destroy(b);
}

Test(sweep, counts_are_bounded)
{
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_expect_eq(gasdep_batch_set_samples(b, GASDEP_BATCH_MAX_RUNS + 1), GASDEP_EINPUT);
    cr_expect_eq(gasdep_batch_set_samples(b, GASDEP_BATCH_MAX_RUNS), GASDEP_OK);
    /* a random design of 10^9 samples prepares without holding its points */
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=1:2mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_design(b, "random"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(gasdep_batch_runs(b), GASDEP_BATCH_MAX_RUNS);
    /* sample i does not depend on N: run 3 of 10^9 is run 3 of 5 */
    char big[64], small[64];
    cr_assert_eq(gasdep_batch_value(b, 3, 0, big, sizeof big), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, 5), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK);
    cr_assert_eq(gasdep_batch_value(b, 3, 0, small, sizeof small), GASDEP_OK);
    cr_expect_str_eq(big, small);
    /* Latin hypercube points are drawn together: bounded */
    cr_assert_eq(gasdep_batch_set_design(b, "lhs"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, GASDEP_BATCH_MAX_POINTS + 1), GASDEP_OK);
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT);
    cr_expect(strstr(gasdep_batch_errmsg(b), "points") != NULL, "%s",
              gasdep_batch_errmsg(b));
    gasdep_batch_destroy(b);
    int st = th_sh("%s montecarlo %s -n 99999999999 -o %s 2>/dev/null", th_bin(),
                   path_in("tiny.ini"), path_in("mc"));
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "status %d", st);
}
