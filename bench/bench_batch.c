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
 * printed, since other load on a 2-core machine shows up directly in S. */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    if (rc == GASDEP_OK)
        rc = gasdep_batch_prepare(b);
    if (rc != GASDEP_OK) {
        fprintf(stderr, "bench_batch: %s\n", gasdep_batch_errmsg(b));
        gasdep_batch_destroy(b);
        return NULL;
    }
    return b;
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

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 300;
    int repeats = argc > 2 ? atoi(argv[2]) : 3;
    if (runs < 2 || repeats < 1) {
        fprintf(stderr, "usage: gasdep_bench_batch [RUNS >= 2] [REPEATS >= 1]\n");
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
    loadavg(load, sizeof load);
    printf("\nload average after: %s\n", load);
    printf("serial fraction f from Amdahl, S = 1 / (f + (1 - f) / 2): f = 2/S - 1\n"
           "(f < 0 means super-linear noise; other load on the machine raises f)\n");
    return bad;
}
