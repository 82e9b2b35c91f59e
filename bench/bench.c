/* bench.c: cost per simulated gas day (LP solve, origin tracing, CSV output)
 * on a synthetic network of ~40 regions / ~120 pipelines and on networks
 * 10x and 100x that size. Prints figures; asserts nothing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gasdep/gasdep.h"
#include "model.h"
#include "output.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Deterministic LCG so every machine builds the same networks. */
static unsigned long long lcg = 88172645463325252ULL;
static double urand(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) / 9007199254740992.0;
}

typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void add(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k >= 0 && (size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap ? 2 * b->cap : 1 << 16;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
}

/* R regions on a ring with random chords (~3 pipelines per region), four
 * supply hubs of different origins, storage in every other region, LNG in
 * every fifth, and a Russian cut at mid-winter so shortage days occur. */
static char *synthetic(int R, const char *start, const char *end)
{
    sbuf b = {0};
    lcg = 88172645463325252ULL;
    add(&b, "[scenario]\nname = synthetic-%d\nstart = %s\nend = %s\n", R, start, end);
    const char *orig[] = {"russia", "norway", "azerbaijan", "lng-us"};
    const char *grp[] = {"russia", "norway", "caspian", "lng"};
    for (int o = 0; o < 4; o++)
        add(&b, "[origin %s]\ngroup = %s\n", orig[o], grp[o]);
    for (int h = 0; h < 3; h++) {
        add(&b, "[node HUB%d]\n", h);
        add(&b, "[source S%d]\nnode = HUB%d\norigin = %s\ncapacity = %.1f mcm/d\n"
                "cost = %.1f EUR/MWh\n", h, h, orig[h], 15.0 * R, 15.0 + 3 * h);
    }
    for (int r = 0; r < R; r++) {
        add(&b, "[region R%d]\ndemand = %.2f bcm/y\n"
                "shape = 1.6 1.5 1.2 0.9 0.7 0.6 0.6 0.6 0.7 1.0 1.3 1.5\ngroups = %s\n",
            r, 2.0 + 8.0 * urand(), r % 2 ? "EU ODD" : "EU EVEN");
        if (r % 2 == 0)
            add(&b, "[storage ST%d]\nnode = R%d\nvolume = 1 bcm\ninjection = 6 mcm/d\n"
                    "withdrawal = 12 mcm/d\nwithdrawal_curve = 0:0.4 0.5:1 1:1\n"
                    "initial_fill = 70%%\ninitial_mix = norway:1\n"
                    "targets = 11-01:90%% 02-01:45%% 04-01:25%%\n", r, r);
        if (r % 5 == 0)
            add(&b, "[lng L%d]\nnode = R%d\ncapacity = 8 mcm/d\norigins = lng-us\n"
                    "costs = 30\n", r, r);
    }
    int P = 0;
    for (int r = 0; r < R; r++) {
        add(&b, "[pipeline P%d]\nfrom = R%d\nto = R%d\ncapacity = %.1f mcm/d\n"
                "reverse_capacity = %.1f mcm/d\ntariff = 0.5\nloss = 0.3%%\n",
            P++, r, (r + 1) % R, 20 + 20 * urand(), r % 2 ? 10.0 : 0.0);
        /* one chord from every region, a second from every odd one */
        for (int k = 0; k < 1 + r % 2; k++) {
            int t = (int)(urand() * R);
            if (t != r)
                add(&b, "[pipeline P%d]\nfrom = R%d\nto = R%d\ncapacity = %.1f mcm/d\n"
                        "tariff = 0.5\n", P++, r, t, 5 + 10 * urand());
        }
    }
    for (int r = 0; r < R; r += 2)
        add(&b, "[pipeline P%d]\nfrom = HUB%d\nto = R%d\ncapacity = %.1f mcm/d\n"
                "tariff = 1\n", P++, (r / 2) % 3, r, 60 + 60 * urand());
    add(&b, "[event cut]\ntarget = origin.russia\nstart = 2022-01-10\nend = 2022-02-20\n"
            "ramp = 5\nfactor = 0%%\n");
    add(&b, "[event cut-norway]\ntarget = origin.norway\nstart = 2022-01-10\n"
            "end = 2022-02-20\nramp = 5\nfactor = 30%%\n");
    return b.s;
}

typedef struct figures {
    int regions, pipelines, days;
    double step_us, trace_us, output_us;
    double normal_us, short_us; /* days solved in one LP / with curtailment stages */
    int short_days;
    int stages_max;
} figures;

/* Scenario file `path` when non-NULL, else the synthetic text. */
static gasdep_model *load(const char *path, const char *text)
{
    gasdep_model *m = gasdep_create();
    int rc = path ? gasdep_load(m, path) : gasdep_load_string(m, "synthetic", text);
    if (rc || gasdep_init(m)) {
        fprintf(stderr, "bench: %s\n", gasdep_errmsg(m));
        gasdep_destroy(m);
        return NULL;
    }
    return m;
}

/* One pass over the horizon: per day, time the step (LP, storage, tracing,
 * results), the tracing again alone (idempotent on the same state) and the
 * day's CSV rows (written whole, committed at the end as gasdep_run does). */
static int bench_one(const char *path, const char *text, int with_output,
                     figures *f)
{
    gasdep_model *m = load(path, text);
    if (!m)
        return -1;
    f->regions = gasdep_count(m, GASDEP_REGION);
    f->pipelines = gasdep_count(m, GASDEP_PIPELINE);
    char dir[] = "/tmp/gasdep-bench-XXXXXX";
    struct output *o = NULL;
    if (with_output) {
        if (!mkdtemp(dir) || !(o = output_open(m, &m->err, dir, NULL, NULL))) {
            gasdep_destroy(m);
            return -1;
        }
    }
    double t_step = 0, t_trace = 0, t_out = 0, t_normal = 0, t_short = 0;
    f->short_days = 0;
    int days = 0, rc;
    f->stages_max = 0;
    for (;;) {
        double t0 = now();
        rc = gasdep_step(m);
        double t1 = now();
        if (rc != GASDEP_OK) {
            if (rc != GASDEP_DONE)
                fprintf(stderr, "bench: %s\n", gasdep_errmsg(m));
            break;
        }
        trace_day(m->tr, &m->n, &m->d);
        double t2 = now();
        if (o && output_day(o, m) != GASDEP_OK) {
            rc = -1;
            break;
        }
        double t3 = now();
        t_step += t1 - t0;
        if (m->d.lp_stages > 1)
            t_short += t1 - t0, f->short_days++;
        else
            t_normal += t1 - t0;
        t_trace += t2 - t1;
        t_out += t3 - t2;
        if (m->d.lp_stages > f->stages_max)
            f->stages_max = m->d.lp_stages;
        days++;
    }
    if (o) {
        double t0 = now();
        output_close(o, m, &m->err, rc == GASDEP_DONE);
        t_out += now() - t0; /* summary, manifest, fsync-free rename */
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench: could not remove %s\n", dir);
    }
    gasdep_destroy(m);
    f->days = days;
    int nd = days > 0 ? days : 1;
    f->normal_us = 1e6 * t_normal / (days - f->short_days > 0 ? days - f->short_days : 1);
    f->short_us = f->short_days ? 1e6 * t_short / f->short_days : 0;
    f->step_us = 1e6 * t_step / nd;
    f->trace_us = 1e6 * t_trace / nd;
    f->output_us = 1e6 * t_out / nd;
    return rc == GASDEP_DONE ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--dump") == 0) {
        /* the synthetic network as a scenario file, to run with the CLI */
        char *t = synthetic(atoi(argv[2]), "2021-10-01", "2022-09-30");
        fputs(t, stdout);
        free(t);
        return 0;
    }
    int big = argc > 1 && strcmp(argv[1], "--quick") != 0;
    char cpu[256] = "unknown";
    FILE *ci = fopen("/proc/cpuinfo", "r");
    if (ci) {
        char line[512];
        while (fgets(line, sizeof line, ci))
            if (!strncmp(line, "model name", 10)) {
                char *c = strchr(line, ':');
                snprintf(cpu, sizeof cpu, "%.200s", c ? c + 2 : line);
                cpu[strcspn(cpu, "\n")] = 0;
                break;
            }
        fclose(ci);
    }
    printf("gasdep %s benchmark; machine: %s, %ld cores\n", GASDEP_VERSION, cpu,
           sysconf(_SC_NPROCESSORS_ONLN));
    printf("%-24s %7s %9s %5s %10s %10s %11s %10s %11s %10s %5s\n", "case", "regions",
           "pipelines", "days", "solve_us/d", "trace_us/d", "output_us/d",
           "total_us/d", "normal_us/d", "short_us/d", "short");
    /* synthetic networks (name NULL) of R regions, then the reference
     * European scenarios (run from the project root, as `make bench` does) */
    struct {
        const char *path;
        int R;
        const char *start, *end;
        int out;
    } cases[] = {
        {NULL, 40, "2021-10-01", "2022-09-30", 1},
        {"scenarios/baseline-2021.ini", 0, NULL, NULL, 1},
        {"scenarios/russia-cut-2022.ini", 0, NULL, NULL, 1},
        {"scenarios/full-russian-stop-winter.ini", 0, NULL, NULL, 1},
        {NULL, 400, "2021-10-01", "2022-03-31", 1},
        {NULL, 4000, "2022-01-01", "2022-01-21", 0},
    };
    int n = (int)(sizeof cases / sizeof cases[0]) - (big ? 0 : 1);
    for (int i = 0; i < n; i++) {
        figures f;
        char name[64];
        char *text = NULL;
        if (cases[i].path) {
            const char *b = strrchr(cases[i].path, '/');
            snprintf(name, sizeof name, "%.50s", b ? b + 1 : cases[i].path);
            name[strcspn(name, ".")] = 0;
            if (access(cases[i].path, R_OK) != 0) {
                printf("%-24s (skipped: run from the project root)\n", name);
                continue;
            }
        } else {
            snprintf(name, sizeof name, "synthetic-%d", cases[i].R);
            text = synthetic(cases[i].R, cases[i].start, cases[i].end);
        }
        int rc = bench_one(cases[i].path, text, cases[i].out, &f);
        free(text);
        if (rc) {
            printf("%s failed\n", name);
            return 1;
        }
        double solve = f.step_us - f.trace_us;
        char outs[32] = "n/a";
        if (cases[i].out)
            snprintf(outs, sizeof outs, "%.1f", f.output_us);
        printf("%-24s %7d %9d %5d %10.1f %10.1f %11s %10.1f %11.1f %10.1f %5d\n",
               name, f.regions, f.pipelines, f.days, solve, f.trace_us, outs,
               f.step_us + f.output_us, f.normal_us, f.short_us, f.short_days);
        fflush(stdout);
    }
    printf("solve = LP (all curtailment stages) + storage + results; normal days\n"
           "need one LP, shortage days (short) add the curtailment stages.\n");
    if (!big)
        printf("(run with an argument, e.g. `gasdep_bench full`, for the 100x network)\n");
    return 0;
}
