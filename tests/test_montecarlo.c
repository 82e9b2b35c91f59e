/* test_montecarlo.c: Monte Carlo (issue 4): shortfall probability and
 * expected unserved energy against closed forms for one failing pipeline,
 * the AR(1) weather process, random event starts, determinism across
 * threads and seeds, resume after SIGKILL, bands.csv. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "montecarlo.h"
#include "gasdep/batch.h"
#include "helpers.h"

#define T_DAYS 60 /* 2022-01-01 .. 2022-03-01 */

/* Region R, flat demand 10 mcm/d, fed only by pipeline P whose capacity is
 * exactly the demand: any outage of P is a shortfall, and a day covered for a
 * fraction f by an outage of depth d loses 10 * d * f mcm. */
static const char *BASE =
    "[scenario]\nname = mc\nstart = 2022-01-01\nend = 2022-03-01\n"
    "[origin ru]\ngroup = russia\n"
    "[node SRC]\n"
    "[region R]\ndemand = 10 mcm/d\n"
    "[source s]\nnode = SRC\norigin = ru\ncapacity = 1000 mcm/d\n"
    "[pipeline P]\nfrom = SRC\nto = R\ncapacity = 10 mcm/d\n";

/* ---- helpers (the shared ones are in helpers.c) ---------------------------- */

TH_TMPDIR_SUITE(montecarlo, "gasdep-test-mc");

static gasdep_batch *mc_of(const char *extra, long runs, uint64_t seed)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", BASE, extra);
    th_write_file(path_in("mc.ini"), text);
    gasdep_batch *b = gasdep_batch_create(GASDEP_MONTECARLO);
    cr_assert_not_null(b);
    cr_assert_eq(gasdep_batch_set_scenario(b, path_in("mc.ini")), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_samples(b, runs), GASDEP_OK);
    cr_assert_eq(gasdep_batch_set_seed(b, seed), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    return b;
}

static void run_ok(gasdep_batch *b, int threads, const char *out)
{
    gasdep_batch_options o = {threads, out, 0, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(r.failed, 0, "%s", r.first_error);
}

/* Expected covered time (days) of [0, T) by outages arriving at rate lam
 * per day with survival function surv(u): the number of outages in progress
 * at time s is Poisson with mean m(s) = lam * int_0^s surv(u) du (an M/G/inf
 * queue starting empty), so P(s covered) = 1 - exp(-m(s)). Midpoint rule. */
static double covered_days(double lam, double (*surv)(double, const double *),
                           const double *par, double T)
{
    const int N = 60000;
    double h = T / N, m = 0, cov = 0, prev = surv(0, par);
    for (int i = 0; i < N; i++) {
        double next = surv((i + 1) * h, par);
        double m1 = m + lam * 0.5 * (prev + next) * h; /* m(s) by trapezoids */
        cov += (1 - exp(-0.5 * (m + m1))) * h;
        m = m1;
        prev = next;
    }
    return cov;
}

static double surv_exp(double u, const double *par)
{
    return exp(-u / par[0]);
}

static double surv_lognormal(double u, const double *par)
{
    double mu = log(par[0]) - 0.5 * par[1] * par[1];
    return u <= 0 ? 1 : 0.5 * erfc((log(u) - mu) / (par[1] * sqrt(2.0)));
}


/* ---- closed forms for one failing pipeline -------------------------------- */

static void check_failing_pipeline(const char *dist_keys, double depth,
                                   double (*surv)(double, const double *),
                                   const double *par)
{
    /* rate chosen so that P(no outage starts in T days) = exp(-lam T / 365) = 1/2 */
    double lam_y = 365.0 * log(2.0) / T_DAYS;
    char extra[512];
    snprintf(extra, sizeof extra,
             "outage_rate = %.12g\noutage_days = 5\noutage_depth = %g%%\n%s", lam_y,
             100 * depth, dist_keys);
    const long n = 2000;
    gasdep_batch *b = mc_of(extra, n, 2024);
    run_ok(b, 2, path_in("out"));
    th_table p = th_read_csv(path_in("out/probabilities.csv"), 0);
    cr_assert_eq(p.rows, 1);
    cr_expect_str_eq(th_at(&p, 0, "region"), "R");
    cr_expect_eq((long)th_num(&p, 0, "runs"), n);
    /* Any outage starting in the horizon cuts supply below demand on its
     * first day: P(shortfall) = 1 - exp(-lam T / 365) = 0.5. The estimate is
     * a binomial proportion with standard error sqrt(0.25 / 2000) = 0.0112;
     * 4 standard errors (0.045) fail a correct engine with probability
     * 6e-5, while an off-by-one-day or a wrong rate unit (x365) is caught. */
    double P = 1 - exp(-lam_y * T_DAYS / 365.0);
    double se = sqrt(P * (1 - P) / n);
    double p_hat = th_num(&p, 0, "p_shortfall");
    cr_expect_float_eq(p_hat, P, 4 * se, "P(shortfall) %g, expected %g +- %g", p_hat, P,
                       4 * se);
    cr_expect_float_eq(th_num(&p, 0, "p_shortfall_se"), sqrt(p_hat * (1 - p_hat) / n),
                       1e-6);
    /* Expected unserved energy: 10 mcm/d * depth * E[covered days], with
     * E[covered days] from the M/G/inf closed form. Tolerance: 4 standard
     * errors of the mean, from the sample standard deviation of the runs. */
    th_table r = th_read_csv(path_in("out/runs.csv"), 0);
    cr_assert_eq(r.rows, n);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < r.rows; i++) {
        double u = th_num(&r, i, "unserved_mcm");
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, sd = sqrt((sum2 - n * mean * mean) / (n - 1));
    double want = 10 * depth * covered_days(lam_y / 365.0, surv, par, T_DAYS);
    cr_expect_float_eq(mean, want, 4 * sd / sqrt(n), "E[unserved] %g, expected %g +- %g",
                       mean, want, 4 * sd / sqrt(n));
    cr_expect_float_eq(th_num(&p, 0, "expected_unserved_mcm"), mean, 1e-5);
    cr_expect_float_eq(th_num(&p, 0, "expected_unserved_gwh"), mean * 10.83, 1e-3);
    th_free_csv(&r);
    th_free_csv(&p);
    gasdep_batch_destroy(b);
}

Test(montecarlo, shortfall_probability_and_energy_exponential_outages)
{
    double par[] = {5};
    check_failing_pipeline("", 1.0, surv_exp, par);
}

Test(montecarlo, shortfall_probability_and_energy_lognormal_partial_outages)
{
    double par[] = {5, 0.8};
    check_failing_pipeline("outage_dist = lognormal\noutage_sigma = 0.8\n", 0.5,
                           surv_lognormal, par);
}

Test(montecarlo, outage_count_is_poisson)
{
    /* white box: the mean number of outage starts per run is lam T / 365;
     * Poisson, so its standard error is sqrt(mean / n) */
    gasdep_batch *b = mc_of("outage_rate = 12\noutage_days = 2\n", 5000, 9);
    cr_assert_eq(b->n_el, 1);
    mc_draw d = {0};
    double sum = 0, cover = 0;
    for (long run = 1; run <= 5000; run++) {
        cr_assert_eq(mc_draw_run(b, run, &d), 0);
        sum += d.n_outages;
        for (int t = 0; t < T_DAYS; t++) {
            cr_assert(d.cap[t] >= 0 && d.cap[t] <= 1, "factor %g", d.cap[t]);
            cover += 1 - d.cap[t];
        }
    }
    double mean = sum / 5000, want = 12.0 * T_DAYS / 365.0;
    cr_expect_float_eq(mean, want, 4 * sqrt(want / 5000), "%g vs %g", mean, want);
    double par[] = {2};
    double cov = covered_days(12.0 / 365.0, surv_exp, par, T_DAYS);
    /* covered days per run: sd < T, so 4 * T / sqrt(n) is a safe bound */
    cr_expect_float_eq(cover / 5000, cov, 4.0 * 4 / sqrt(5000.0), "%g vs %g",
                       cover / 5000, cov);
    mc_draw_free(&d);
    gasdep_batch_destroy(b);
}

/* ---- weather ----------------------------------------------------------------- */

Test(montecarlo, weather_is_a_stationary_ar1_driving_demand)
{
    gasdep_batch *b = mc_of("[region R]\nheating_sensitivity = 5%\n"
                            "[weather]\npersistence = 0.8\nsigma = 2\n",
                            4000, 5);
    cr_assert(b->weather);
    mc_draw d = {0};
    const int n = 4000;
    double s0 = 0, q0 = 0, s10 = 0, q10 = 0, lag = 0;
    for (long run = 1; run <= n; run++) {
        cr_assert_eq(mc_draw_run(b, run, &d), 0);
        double a0 = d.anomaly[0], a10 = d.anomaly[10], a11 = d.anomaly[11];
        s0 += a0;
        q0 += a0 * a0;
        s10 += a10;
        q10 += a10 * a10;
        lag += a10 * a11;
        for (int t = 0; t < T_DAYS; t++)
            cr_assert_float_eq(d.demand[t], fmax(0, 1 - 0.05 * d.anomaly[t]), 1e-12);
    }
    /* stationary variance sigma^2 / (1 - phi^2) = 4 / 0.36 = 11.1 K^2 from
     * the first day on; standard errors: mean sqrt(11.1 / n) = 0.053,
     * variance 11.1 * sqrt(2 / n) = 0.25, lag-1 correlation (1 - phi^2) /
     * sqrt(n) = 0.0057; 4 standard errors each */
    double var = 4 / 0.36;
    cr_expect_float_eq(s0 / n, 0, 4 * sqrt(var / n));
    cr_expect_float_eq(s10 / n, 0, 4 * sqrt(var / n));
    cr_expect_float_eq(q0 / n, var, 4 * var * sqrt(2.0 / n), "var(a0) %g", q0 / n);
    cr_expect_float_eq(q10 / n, var, 4 * var * sqrt(2.0 / n), "var(a10) %g", q10 / n);
    cr_expect_float_eq(lag / q10, 0.8, 4 * 0.36 / sqrt(n), "lag-1 corr %g", lag / q10);
    mc_draw_free(&d);
    gasdep_batch_destroy(b);

    /* end to end: the demand band is centred on the base demand (symmetric
     * response), with P5..P95 = +-1.645 sd, sd = 10 * 0.05 * 3.33 = 1.67 */
    b = mc_of("[region R]\nheating_sensitivity = 5%\n[pipeline P]\ncapacity = 100 mcm/d\n"
              "[weather]\npersistence = 0.8\nsigma = 2\n", 400, 5);
    run_ok(b, 2, path_in("w"));
    th_table t = th_read_csv(path_in("w/bands.csv"), 0);
    int rows = 0;
    for (int i = 0; i < t.rows; i++) {
        if (strcmp(th_at(&t, i, "metric"), "demand_mcm"))
            continue;
        rows++;
        cr_expect_float_eq(th_num(&t, i, "p50"), 10, 0.5, "%s", th_at(&t, i, "date"));
        double spread = th_num(&t, i, "p95") - th_num(&t, i, "p5");
        cr_expect(spread > 4.0 && spread < 7.0, "%s: P5..P95 %g", th_at(&t, i, "date"),
                  spread);
        cr_expect_float_eq(th_num(&t, i, "n"), 400, 0);
    }
    cr_expect_eq(rows, T_DAYS);
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

/* ---- random event starts ----------------------------------------------------- */

Test(montecarlo, event_starts_are_uniform_in_window_and_keep_duration)
{
    const char *ev = "[event cut]\ntarget = pipeline.P\nstart = 2022-01-10\n"
                     "end = 2022-01-19\nfactor = 0\nstart_window = 4\n";
    gasdep_batch *b = mc_of(ev, 1000, 3);
    cr_assert_eq(b->n_ev, 1);
    mc_draw d = {0};
    int hist[5] = {0};
    for (long run = 1; run <= 1000; run++) {
        cr_assert_eq(mc_draw_run(b, run, &d), 0);
        cr_assert(d.ev_offset[0] >= 0 && d.ev_offset[0] <= 4);
        hist[d.ev_offset[0]]++;
    }
    /* 200 expected per value, binomial sd 12.6: 4 sd */
    for (int k = 0; k < 5; k++)
        cr_expect_float_eq(hist[k], 200, 51, "offset %d drawn %d times", k, hist[k]);
    mc_draw_free(&d);
    gasdep_batch_destroy(b);

    b = mc_of(ev, 50, 3);
    run_ok(b, 2, path_in("ev"));
    th_table t = th_read_csv(path_in("ev/runs.csv"), 0);
    for (int i = 0; i < t.rows; i++) {
        /* 10 days stopped, wherever they start */
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 100, 1e-6);
        cr_expect_eq((int)th_num(&t, i, "days_short"), 10);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

/* ---- determinism, seeds, bands ----------------------------------------------- */

static const char *MIXED =
    "outage_rate = 6\noutage_days = 3\n"
    "[source s]\noutage_rate = 2\noutage_days = 4\noutage_dist = lognormal\n"
    "outage_depth = 99%\n"
    "[region R]\nheating_sensitivity = 3%\n"
    "[weather]\npersistence = 0.9\nsigma = 1.5\n"
    "[event cut]\ntarget = pipeline.P\nstart = 2022-02-01\nend = 2022-02-03\n"
    "factor = 50%\nstart_window = 10\n";

Test(montecarlo, results_do_not_depend_on_threads_and_follow_the_seed)
{
    gasdep_batch *b = mc_of(MIXED, 120, 77);
    run_ok(b, 1, path_in("j1"));
    run_ok(b, 3, path_in("j3"));
    const char *files[] = {"runs.csv", "bands.csv", "probabilities.csv",
                           "survival_distribution.csv"};
    char a[600], c[600];
    for (int i = 0; i < 4; i++) {
        snprintf(a, sizeof a, "%s/j1/%s", tmpdir, files[i]);
        snprintf(c, sizeof c, "%s/j3/%s", tmpdir, files[i]);
        cr_expect(th_same_file(a, c), "%s differs between -j 1 and -j 3", files[i]);
    }
    gasdep_batch_destroy(b);
    /* another seed gives other runs */
    b = mc_of(MIXED, 120, 78);
    run_ok(b, 2, path_in("s78"));
    cr_expect(!th_same_file(path_in("j1/runs.csv"), path_in("s78/runs.csv")));
    gasdep_batch_destroy(b);
    /* bands computed in many small slices (tiny memory budget) are the same */
    setenv("GASDEP_BATCH_MEM_MB", "0.002", 1);
    b = mc_of(MIXED, 120, 77);
    run_ok(b, 2, path_in("slices"));
    unsetenv("GASDEP_BATCH_MEM_MB");
    cr_expect(th_same_file(path_in("j1/bands.csv"), path_in("slices/bands.csv")));
    gasdep_batch_destroy(b);
}

Test(montecarlo, bands_are_exact_statistics_of_the_runs)
{
    /* without stochastic keys every run is the deterministic run */
    gasdep_batch *b = mc_of("[event cut]\ntarget = pipeline.P\nstart = 2022-01-05\n"
                            "end = 2022-01-06\nfactor = 30%\n", 20, 1);
    run_ok(b, 2, path_in("d"));
    th_table t = th_read_csv(path_in("d/bands.csv"), 0);
    /* 60 days x 1 area x 7 metrics (no storage: storage_fill rows left out) */
    cr_expect_eq(t.rows, T_DAYS * 7);
    for (int i = 0; i < t.rows; i++) {
        cr_expect_float_eq(th_num(&t, i, "p5"), th_num(&t, i, "p95"), 1e-9);
        cr_expect_float_eq(th_num(&t, i, "mean"), th_num(&t, i, "p50"), 1e-9);
        if (!strcmp(th_at(&t, i, "metric"), "unserved_mcm")) {
            const char *date = th_at(&t, i, "date");
            int cut = !strcmp(date, "2022-01-05") || !strcmp(date, "2022-01-06");
            cr_expect_float_eq(th_num(&t, i, "mean"), cut ? 7 : 0, 1e-6, "%s", date);
        }
    }
    th_free_csv(&t);
    th_table p = th_read_csv(path_in("d/probabilities.csv"), 0);
    cr_expect_float_eq(th_num(&p, 0, "p_shortfall"), 1, 0);
    cr_expect_float_eq(th_num(&p, 0, "expected_unserved_mcm"), 14, 1e-6);
    cr_expect_float_eq(th_num(&p, 0, "expected_days_short"), 2, 0);
    th_free_csv(&p);
    gasdep_batch_destroy(b);
}

Test(montecarlo, resume_after_sigkill_gives_identical_bytes)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", BASE, MIXED);
    th_write_file(path_in("mc.ini"), text);
    const char *bin = th_bin();
    cr_assert_eq(th_sh("%s montecarlo %s -n 150 --seed 11 -q -j 2 -o %s", bin,
                       path_in("mc.ini"), path_in("full")), 0);
    int st = th_sh("(GASDEP_BATCH_KILL_AFTER=60 GASDEP_BATCH_KILL_TORN=1 %s montecarlo "
                   "%s -n 150 --seed 11 -q -j 2 -o %s; exit $?) 2>/dev/null", bin,
                   path_in("mc.ini"), path_in("cut"));
    cr_assert(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGKILL),
              "not killed: %d", st);
    struct stat sb;
    cr_expect(stat(path_in("cut/runs.csv"), &sb) != 0, "runs.csv before the end");
    /* a different seed must not resume this journal */
    st = th_sh("%s montecarlo %s -n 150 --seed 12 -q --resume -o %s 2>/dev/null", bin,
               path_in("mc.ini"), path_in("cut"));
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "status %d", st);
    cr_assert_eq(th_sh("%s montecarlo %s -n 150 --seed 11 -q -j 1 --resume -o %s", bin,
                       path_in("mc.ini"), path_in("cut")), 0);
    const char *files[] = {"runs.csv", "bands.csv", "probabilities.csv",
                           "survival_distribution.csv"};
    char a[600], c[600];
    for (int i = 0; i < 4; i++) {
        snprintf(a, sizeof a, "%s/full/%s", tmpdir, files[i]);
        snprintf(c, sizeof c, "%s/cut/%s", tmpdir, files[i]);
        cr_expect(th_same_file(a, c), "%s differs after resume", files[i]);
    }
}

Test(montecarlo, fanchart_script_draws_png_and_svg)
{
    if (system("command -v gnuplot >/dev/null 2>&1"))
        cr_skip("gnuplot not installed: fan chart not tested");
    gasdep_batch *b = mc_of(MIXED, 40, 3);
    run_ok(b, 2, path_in("out"));
    gasdep_batch_destroy(b);
    cr_assert_eq(th_sh("plots/fanchart.sh %s R unserved_mcm -o %s >/dev/null",
                       path_in("out/bands.csv"), path_in("fig")), 0);
    cr_assert_eq(th_sh("plots/fanchart.sh %s R share_russia -o %s >/dev/null",
                       path_in("out/bands.csv"), path_in("fig")), 0);
    struct stat st;
    cr_expect(stat(path_in("fig/fan_R_unserved_mcm.png"), &st) == 0 && st.st_size > 1000);
    cr_expect(stat(path_in("fig/fan_R_share_russia.svg"), &st) == 0 && st.st_size > 1000);
    cr_expect_neq(th_sh("plots/fanchart.sh %s XX unserved_mcm -o %s 2>/dev/null",
                        path_in("out/bands.csv"), path_in("fig")), 0);
}

/* ---- warnings (issue 12) --------------------------------------------------- */

Test(montecarlo, no_random_element_is_a_warning)
{
    gasdep_batch *b = mc_of("", 3, 1); /* no outage_rate: every run the same */
    const char *w = gasdep_batch_warnings(b);
    cr_expect(strstr(w, "no random element") && strstr(w, "all 3 runs are identical"),
              "%s", w);
    gasdep_batch_destroy(b);
    b = mc_of("outage_rate = 2\noutage_days = 5\n", 3, 1);
    cr_expect_str_eq(gasdep_batch_warnings(b), "");
    gasdep_batch_destroy(b);
}
