/* bench_batch.c: throughput of sweeps and Monte Carlo against the number of
 * worker threads, and the serial fraction from Amdahl's law.
 *
 *   build/gasdep_bench_batch [RUNS] [REPEATS]     (from the repository root)
 *
 * Sweep: scenarios/default.ini with pipeline.TAP-IT.capacity varied over RUNS
 * values; Monte Carlo: scenarios/sweeps/default-stochastic.ini, RUNS runs.
 * Each configuration runs REPEATS times (default 3) and the best wall time is
 * kept (the least disturbed by other load). With speed-up S = rate(-j 2) /
 * rate(-j 1), Amdahl's law S = 1 / (f + (1 - f) / 2) gives the serial
 * fraction f = 2 / S - 1. The machine (cores, CPU model, load average) is
 * printed, since other load on a 2-core machine shows up directly in S.
 *
 * Then Monte Carlo on the European network (issue 20): one winter a run
 * (scenarios/sweeps/europe-winter-stochastic.ini) and the same under a full
 * Russian stop (europe-russian-stop-stochastic.ini), with -j 2: runs/s with
 * the model restarted per worker and with a model per run
 * (GASDEP_BATCH_PER_RUN=1), with water values planned monthly in every run,
 * with water-value curves (the scenarios' valuation: planned once per
 * worker) and with a flat valuation, and the seconds 10^4 runs would take;
 * and the peak resident memory of a whole Monte Carlo process (fork, wait4)
 * at 100, 400 and 1,200 runs (flat valuation, to keep it short: memory does
 * not depend on the valuation).
 *
 *   build/gasdep_bench_batch [RUNS] [REPEATS] [EU_RUNS]   (EU_RUNS default 16)
 *   build/gasdep_bench_batch --europe N     N European winters of each file,
 *                                           timed whole (N = 10000: the issue) */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gasdep/batch.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

static void cpu_model(char *buf, size_t len)
{
    snprintf(buf, len, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "model name", 10)) {
            char *c = strchr(line, ':');
            if (c) {
                c += 2;
                c[strcspn(c, "\n")] = '\0';
                snprintf(buf, len, "%s", c);
            }
            break;
        }
    fclose(f);
}

static void loadavg(char *buf, size_t len)
{
    snprintf(buf, len, "?");
    FILE *f = fopen("/proc/loadavg", "r");
    if (!f)
        return;
    if (fgets(buf, (int)len, f))
        buf[strcspn(buf, "\n")] = '\0';
    fclose(f);
}

/* b prepared when its set-up returned rc == GASDEP_OK; NULL (the error
 * printed, b destroyed) otherwise. */
static gasdep_batch *prepared(gasdep_batch *b, int rc)
{
    if (rc == GASDEP_OK)
        rc = gasdep_batch_prepare(b);
    if (rc != GASDEP_OK) {
        fprintf(stderr, "bench_batch: %s\n", gasdep_batch_errmsg(b));
        gasdep_batch_destroy(b);
        return NULL;
    }
    return b;
}

static gasdep_batch *make(int kind, long runs)
{
    gasdep_batch *b = gasdep_batch_create(kind);
    if (!b)
        return NULL;
    int rc;
    if (kind == GASDEP_SWEEP) {
        char vary[128];
        /* RUNS values from 1 to 30 bcm/y */
        snprintf(vary, sizeof vary, "pipeline.TAP-IT.capacity=1:30:%.12gbcm/y",
                 29.0 / (double)(runs - 1));
        rc = gasdep_batch_set_scenario(b, "scenarios/default.ini");
        if (rc == GASDEP_OK)
            rc = gasdep_batch_vary(b, vary);
    } else {
        rc = gasdep_batch_set_scenario(b, "scenarios/sweeps/default-stochastic.ini");
        if (rc == GASDEP_OK)
            rc = gasdep_batch_set_samples(b, runs);
    }
    return prepared(b, rc);
}

/* Best runs/s over `repeats` runs of the whole batch with `threads`. */
static double rate(gasdep_batch *b, int threads, int repeats, long *runs)
{
    double best = 0;
    for (int r = 0; r < repeats; r++) {
        char dir[] = "/tmp/gasdep-bench-batch-XXXXXX";
        if (!mkdtemp(dir))
            return 0;
        gasdep_batch_options o = {threads, dir, 0, 0, NULL, NULL};
        gasdep_batch_report rep;
        double t0 = now();
        int rc = gasdep_batch_run(b, &o, &rep);
        double t = now() - t0;
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
        if (rc != GASDEP_OK) {
            fprintf(stderr, "bench_batch: %s\n", gasdep_batch_errmsg(b));
            return 0;
        }
        *runs = rep.runs;
        double x = (double)rep.runs / t;
        if (x > best)
            best = x;
    }
    return best;
}

/* A European Monte Carlo of `runs` runs under a storage valuation (NULL:
 * the scenario's); NULL on failure (printed). */
static gasdep_batch *make_eu(const char *path, long runs, const char *valuation)
{
    gasdep_batch *b = gasdep_batch_create(GASDEP_MONTECARLO);
    if (!b)
        return NULL;
    int rc = gasdep_batch_set_scenario(b, path);
    if (rc == GASDEP_OK && valuation) {
        char set[64];
        snprintf(set, sizeof set, "scenario.storage_valuation=%s", valuation);
        rc = gasdep_batch_set(b, set);
    }
    if (rc == GASDEP_OK)
        rc = gasdep_batch_set_samples(b, runs);
    return prepared(b, rc);
}

/* Peak resident memory (kB) of a process that runs a European winter Monte
 * Carlo of `runs` runs, -j 2; -1 on failure. */
static long peak_rss_kb(long runs)
{
    char arg[32];
    snprintf(arg, sizeof arg, "%ld", runs);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) { /* a fresh process image: nothing of this one's heap */
        execl("/proc/self/exe", "gasdep_bench_batch", "--rss", arg, (char *)NULL);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
        return -1;
    return ru.ru_maxrss;
}

/* CPU seconds (user + system, every thread) used by the process so far. */
static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           1e-6 * (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/* CPU seconds (all threads) of a European Monte Carlo of `runs` runs, -j 2,
 * best of `repeats` wall times' runs (their mean CPU); its wall rate in
 * *rate; -1 on failure. */
static double eu_cpu(const char *path, const char *valuation, long runs, int per_run,
                     int repeats, double *wall_rate)
{
    gasdep_batch *b = make_eu(path, runs, valuation);
    if (!b)
        return -1;
    if (per_run)
        setenv("GASDEP_BATCH_PER_RUN", "1", 1);
    long n = 0;
    double c0 = cpu_s();
    *wall_rate = rate(b, 2, repeats, &n);
    double c1 = cpu_s();
    unsetenv("GASDEP_BATCH_PER_RUN");
    gasdep_batch_destroy(b);
    return *wall_rate > 0 ? (c1 - c0) / repeats : -1;
}

static int europe(long eu_runs)
{
    static const struct {
        const char *name, *path;
    } CASES[] = {{"winter", "scenarios/sweeps/europe-winter-stochastic.ini"},
                 {"russian stop", "scenarios/sweeps/europe-russian-stop-stochastic.ini"}};
    /* monthly plans in every run; curves planned once per worker's model
     * (per-run: once per run, too slow to time: tests/test_batch_run.c
     * shows the same results); flat: no plans */
    static const struct {
        const char *name;
        int runs_x, per_run;
    } VAL[] = {{"water", 1, 1}, {"curves", 6, 0}, {"flat", 6, 1}};
    printf("\nEuropean Monte Carlo, -j 2 (issue 20), %ld runs (curves and flat: %ld and "
           "%ld), best of 2\n",
           eu_runs, 6 * eu_runs, 24 * eu_runs);
    printf("%-13s %-7s %13s %13s %11s %11s %9s %10s\n", "winter", "storage",
           "per-run run/s", "restart run/s", "per-run ms", "restart ms", "set-up s",
           "s/10^4 j2");
    int bad = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        for (size_t v = 0; v < sizeof VAL / sizeof VAL[0]; v++) {
            long runs = VAL[v].runs_x * eu_runs;
            double per = 0, re = 0, re4 = 0, cp = -1;
            if (VAL[v].per_run)
                cp = eu_cpu(CASES[i].path, VAL[v].name, runs, 1, 2, &per);
            double cr = eu_cpu(CASES[i].path, VAL[v].name, runs, 0, 2, &re);
            /* a fixed cost (curves: planned once per worker) and a cost per
             * run from two run counts: C(R) = fixed + R per run */
            double fixed = 0, slope = cr / (double)runs;
            if (v == 1 && cr > 0) {
                double cr4 = eu_cpu(CASES[i].path, VAL[v].name, 4 * runs, 0, 2, &re4);
                slope = (cr4 - cr) / (3.0 * (double)runs);
                fixed = cr - slope * (double)runs;
                bad |= cr4 <= 0;
            }
            bad |= cr <= 0 || (VAL[v].per_run && cp <= 0);
            char pr[16] = "-", pm[16] = "-";
            if (VAL[v].per_run) {
                snprintf(pr, sizeof pr, "%.2f", per);
                snprintf(pm, sizeof pm, "%.1f", 1e3 * cp / (double)runs);
            }
            printf("%-13s %-7s %13s %13.2f %11s %11.1f %9.2f %10.0f\n", CASES[i].name,
                   VAL[v].name, pr, re, pm, 1e3 * slope, fixed,
                   (fixed + 1e4 * slope) / 2.0);
            fflush(stdout);
        }
    printf("per-run/restart ms = CPU ms a run (user + system, all threads) with a model\n"
           "per run (GASDEP_BATCH_PER_RUN=1) and with one model per worker restarted;\n"
           "curves: the restart cost per run and the set-up (both workers planning\n"
           "the curves, CPU s) from %ld and %ld runs; s/10^4 j2 = (set-up + 10^4 runs)\n"
           "of CPU on 2 otherwise idle cores (the run/s columns are wall time, under\n"
           "the load printed above and below)\n",
           6 * eu_runs, 24 * eu_runs);
    printf("\npeak resident memory of a European winter Monte Carlo process (-j 2):\n");
    static const long RUNS[] = {100, 400, 1200};
    for (size_t i = 0; i < sizeof RUNS / sizeof RUNS[0]; i++) {
        long kb = peak_rss_kb(RUNS[i]);
        bad |= kb < 0;
        printf("  %5ld runs: %6.1f MB\n", RUNS[i], kb / 1024.0);
        fflush(stdout);
    }
    return bad;
}

/* 10^4 European winters (or n), -j 2, curves, as an analyst runs them:
 * wall seconds. */
static int eu_full(long n)
{
    static const char *const PATHS[] = {"scenarios/sweeps/europe-winter-stochastic.ini",
                                        "scenarios/sweeps/europe-russian-stop-stochastic.ini"};
    int bad = 0;
    for (int i = 0; i < 2; i++) {
        gasdep_batch *b = make_eu(PATHS[i], n, NULL);
        if (!b)
            return 1;
        long runs = 0;
        double t0 = now(), c0 = cpu_s();
        double r = rate(b, 2, 1, &runs);
        double t = now() - t0, c = cpu_s() - c0;
        gasdep_batch_destroy(b);
        bad |= r <= 0;
        printf("%-55s %6ld runs  %7.1f s wall  %7.1f s CPU  %6.2f ms CPU a run\n", PATHS[i],
               runs, t, c, 1e3 * c / (double)(runs > 0 ? runs : 1));
        fflush(stdout);
    }
    return bad;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--rss")) { /* peak_rss_kb's child */
        gasdep_batch *b =
            make_eu("scenarios/sweeps/europe-winter-stochastic.ini", atol(argv[2]), "flat");
        long n = 0;
        return b && rate(b, 2, 1, &n) > 0 ? 0 : 1;
    }
    if (argc == 3 && !strcmp(argv[1], "--europe")) { /* the real thing */
        char load[128];
        loadavg(load, sizeof load);
        printf("European Monte Carlo as run (the scenarios' valuation), -j 2; load %s\n",
               load);
        return eu_full(atol(argv[2]));
    }
    long runs = argc > 1 ? atol(argv[1]) : 300;
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    long eu_runs = argc > 3 ? atol(argv[3]) : 16;
    if (runs < 2 || repeats < 1) {
        fprintf(stderr, "usage: gasdep_bench_batch [RUNS >= 2] [REPEATS >= 1] [EU_RUNS]\n");
        return 2;
    }
    char cpu[256], load[128];
    cpu_model(cpu, sizeof cpu);
    loadavg(load, sizeof load);
    printf("machine: %ld online cores (%d usable), CPU %s\n",
           sysconf(_SC_NPROCESSORS_ONLN), gasdep_batch_cores(), cpu);
    printf("load average before: %s\n", load);
    printf("gasdep %s, %ld runs per batch, best of %d\n\n", GASDEP_VERSION, runs,
           repeats);
    printf("%-11s %8s %10s %10s %9s %16s\n", "batch", "runs", "-j1 run/s",
           "-j2 run/s", "speed-up", "serial fraction");
    int bad = 0;
    for (int kind = GASDEP_SWEEP; kind <= GASDEP_MONTECARLO; kind++) {
        gasdep_batch *b = make(kind, runs);
        if (!b) {
            bad = 1;
            continue;
        }
        long n = 0;
        double r1 = rate(b, 1, repeats, &n);
        double r2 = rate(b, 2, repeats, &n);
        double s = r1 > 0 ? r2 / r1 : 0;
        double f = s > 0 ? 2.0 / s - 1.0 : 1;
        printf("%-11s %8ld %10.1f %10.1f %9.2f %16.3f\n",
               kind == GASDEP_SWEEP ? "sweep" : "montecarlo", n, r1, r2, s, f);
        bad |= r1 <= 0 || r2 <= 0;
        gasdep_batch_destroy(b);
    }
    if (eu_runs > 0)
        bad |= europe(eu_runs);
    loadavg(load, sizeof load);
    printf("\nload average after: %s\n", load);
    printf("serial fraction f from Amdahl, S = 1 / (f + (1 - f) / 2): f = 2/S - 1\n"
           "(f < 0 means super-linear noise; other load on the machine raises f)\n");
    return bad;
}
