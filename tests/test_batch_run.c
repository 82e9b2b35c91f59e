/* test_batch_run.c: one run of a batch (batch_run.c). Monte Carlo and
 * dependence runs restart one model per worker (gasdep_restart) instead of
 * loading and building a model per run; the result files must be byte for
 * byte those of a model per run (GASDEP_BATCH_PER_RUN=1, the path before
 * the restart), with water values, weather, outages and shortage, -j 1 and
 * -j 2. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gasdep/batch.h"
#include "gasdep/gasdep.h"
#include "helpers.h"

TH_TMPDIR_SUITE(batch_run, "gasdep-test-batch-run");

static void run_batch(int kind, const char *scenario, const char *set, long runs,
                      int threads, int per_run, const char *out)
{
    if (per_run)
        setenv("GASDEP_BATCH_PER_RUN", "1", 1);
    else
        unsetenv("GASDEP_BATCH_PER_RUN");
    gasdep_batch *b = gasdep_batch_create(kind);
    cr_assert_not_null(b);
    cr_assert_eq(gasdep_batch_set_scenario(b, scenario), GASDEP_OK);
    if (set) { /* overrides separated by ';' */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", set);
        for (char *save, *one = strtok_r(buf, ";", &save); one;
             one = strtok_r(NULL, ";", &save))
            cr_assert_eq(gasdep_batch_set(b, one), GASDEP_OK, "%s", one);
    }
    if (kind == GASDEP_MONTECARLO) {
        cr_assert_eq(gasdep_batch_set_samples(b, runs), GASDEP_OK);
        cr_assert_eq(gasdep_batch_set_seed(b, 11), GASDEP_OK);
    } else {
        cr_assert_eq(gasdep_batch_remove(b, "group"), GASDEP_OK);
    }
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    char dir[600];
    snprintf(dir, sizeof dir, "%s", path_in(out));
    gasdep_batch_options o = {threads, dir, 0, 1 /* series.csv too */, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(r.failed, 0, "%s", r.first_error);
    gasdep_batch_destroy(b);
    unsetenv("GASDEP_BATCH_PER_RUN");
}

static void same_dirs(const char *a, const char *b, const char *const *files)
{
    char x[600], y[600];
    for (int i = 0; files[i]; i++) {
        snprintf(x, sizeof x, "%s/%s/%s", tmpdir, a, files[i]);
        snprintf(y, sizeof y, "%s/%s/%s", tmpdir, b, files[i]);
        same_bytes(x, y);
    }
}

static const char *const MC_FILES[] = {"runs.csv", "bands.csv", "probabilities.csv",
                                       "series.csv", NULL};

/* A Monte Carlo of `runs` runs with a model per run, then restarted with
 * -j 2 (and -j 1 when j1): the same bytes. */
static void restart_matches_per_run(const char *s, const char *set, long runs, int j1)
{
    run_batch(GASDEP_MONTECARLO, s, set, runs, 2, 1, "per-run");
    run_batch(GASDEP_MONTECARLO, s, set, runs, 2, 0, "restart");
    same_dirs("per-run", "restart", MC_FILES);
    if (j1) {
        run_batch(GASDEP_MONTECARLO, s, set, runs, 1, 0, "restart-j1");
        same_dirs("per-run", "restart-j1", MC_FILES);
    }
}

/* The European network with water values (a Clp plan each month, three
 * here, in every run), weather on twelve regions and outages of thirteen
 * elements. */
Test(batch_run, montecarlo_restart_is_byte_identical_to_a_model_per_run)
{
    restart_matches_per_run("scenarios/sweeps/europe-winter-stochastic.ini",
                            "scenario.end=2021-12-15;scenario.storage_valuation=water", 4,
                            1);
}

/* Water-value curves (issue 20): planned once per worker's model and kept
 * by every restart, once per run with a model per run; the same values. */
Test(batch_run, montecarlo_with_water_curves_is_byte_identical)
{
    restart_matches_per_run("scenarios/sweeps/europe-winter-stochastic.ini",
                            "scenario.end=2021-11-10;scenario.storage_valuation=curves", 3,
                            1);
}

/* Under a full Russian stop: shortage days, the shared-shortage grid and
 * its fractions carried from day to day. */
Test(batch_run, montecarlo_restart_under_shortage_is_byte_identical)
{
    restart_matches_per_run("scenarios/sweeps/europe-russian-stop-stochastic.ini",
                            "scenario.end=2021-11-20;scenario.storage_valuation=water", 3,
                            0);
}

/* Dependence: every run removes another origin group by a factor 0; a
 * restart sets every factor back to 1. */
Test(batch_run, dependence_restart_is_byte_identical_to_a_model_per_run)
{
    static const char *const FILES[] = {"runs.csv", "dependence.csv", "series.csv",
                                        NULL};
    const char *s = "scenarios/full-russian-stop-winter.ini";
    const char *horizon = "scenario.end=2021-10-10";
    run_batch(GASDEP_DEPENDENCE, s, horizon, 0, 2, 1, "per-run");
    run_batch(GASDEP_DEPENDENCE, s, horizon, 0, 2, 0, "restart");
    same_dirs("per-run", "restart", FILES);
}

/* gasdep_restart itself: a model stepped with perturbations, restarted,
 * gives the first run's results again; refused before init. */
Test(batch_run, restart_gives_a_fresh_run)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_restart(m), GASDEP_ESTATE);
    cr_assert_eq(gasdep_load(m, "scenarios/full-russian-stop-winter.ini"), GASDEP_OK);
    cr_assert_eq(gasdep_set(m, "scenario.end", "2021-09-20"), GASDEP_OK);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    int A = gasdep_count(m, GASDEP_AREA);
    double first[64];
    cr_assert_leq(A, 64);
    while (gasdep_step(m) == GASDEP_OK)
        ;
    for (int a = 0; a < A; a++) {
        gasdep_area_summary s;
        gasdep_area_summary_get(m, a, &s);
        first[a] = s.unserved_mcm + 1e3 * s.demand_mcm;
    }
    cr_assert_eq(gasdep_restart(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_step(m), GASDEP_OK);
    cr_assert_eq(gasdep_set_demand_factor(m, 0, 1.5), GASDEP_OK);
    cr_assert_eq(gasdep_restart(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    while (gasdep_step(m) == GASDEP_OK)
        ;
    for (int a = 0; a < A; a++) {
        gasdep_area_summary s;
        gasdep_area_summary_get(m, a, &s);
        cr_expect_eq(s.unserved_mcm + 1e3 * s.demand_mcm, first[a], "area %d", a);
    }
    gasdep_destroy(m);
}
