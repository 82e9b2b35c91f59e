/* bench.c: cost per simulated gas day, normal days and shortage days apart,
 * in myopic and rolling mode, on synthetic networks of 40, 400 and 4,000
 * regions and on the European reference scenarios. Prints figures; asserts
 * nothing.
 *
 *   build/gasdep_bench [full] [--repeat N] [--only TEXT] [--peer DIR]
 *   build/gasdep_bench --dump R [std|normal|short] [moving]   (a network as a scenario;
 *   `moving` leaves its weather files in /tmp/gasdep-bench-weather-*, which it names)
 *
 * --only runs the cases whose "name mode" contains TEXT (e.g. "40-short
 * myopic"). Run from the project root (the reference scenarios are read from
 * scenarios/). `full` adds the 4,000-region cases. --repeat runs every case
 * N times and prints the medians. --peer DIR writes, for the storage-free
 * networks, the per-day LP data and gasdep's figures for bench/peer_highs.py.
 *
 * A "day" cost is the time of gasdep_step (LP, storage, origin tracing,
 * per-day results; CSV output apart). In rolling mode one step in
 * `resolve_every` solves the window: the cost of a window is the sum of its
 * implemented days' steps, divided by those days. A window (a day in myopic
 * mode) counts as a shortage window when its LP leaves demand unserved on
 * any day it covers, implemented or not. The first window starts from a
 * cold basis: it is timed apart (first_s) and left out of the per-day
 * figures. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_output.h"
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

/* Network variants: V_STD is the network of earlier releases (storage in
 * every other region, winter shape, a Russian cut and a Norwegian reduction
 * in mid-winter, so a few weeks are short). The storage-free variants have
 * the same regions, demands and pipelines, a mild shape and no events; the
 * three hubs supply twice the mean demand (V_NORMAL: nobody is short) or 55 %
 * of it, 65 % with LNG (V_SHORT: 25-45 % of demand unserved every day). */
enum { V_STD, V_NORMAL, V_SHORT };

/* Moving demand (issue 20): the same networks with a seasonal curve
 * (demand_profile smooth) times a temperature-like factor that moves a few
 * per cent a day. Eight climate zones (consecutive eighths of the ring),
 * each a daily AR(1) temperature anomaly, a(t) = 0.85 a(t-1) + e, e normal
 * with sd 1.5 K, half shared by all zones and half the zone's own; every
 * region takes its zone's series with a heating sensitivity of 1-3 % per K
 * (demand x (1 - s a)): day-to-day changes of 2-5 %, up to 10-15 % off the
 * curve. The files are written once per process into a temporary
 * directory; the network's own draws (demands, pipes) are those of the
 * constant-demand network, so the two differ in demand alone. */
#define ZONES 8
static char weather_dir[64];

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int write_weather(void)
{
    if (weather_dir[0])
        return 0;
    snprintf(weather_dir, sizeof weather_dir, "/tmp/gasdep-bench-weather-XXXXXX");
    if (!mkdtemp(weather_dir)) {
        weather_dir[0] = 0;
        return -1;
    }
    unsigned long long g = 0x9E3779B97F4A7C15ULL; /* its own stream */
    double common = 0, zone[ZONES] = {0};
    FILE *f[ZONES];
    for (int z = 0; z < ZONES; z++) {
        char path[128];
        snprintf(path, sizeof path, "%s/zone%d.csv", weather_dir, z);
        if (!(f[z] = fopen(path, "w")))
            return -1;
        fprintf(f[z], "date,temperature_anomaly_k\n");
    }
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int y = 2021; y <= 2023; y++)
        for (int mo = 0; mo < 12; mo++)
            for (int d = 1; d <= mdays[mo] + (mo == 1 && is_leap(y)); d++) {
                double e[ZONES + 1];
                for (int k = 0; k <= ZONES; k++) { /* Box-Muller */
                    g = g * 6364136223846793005ULL + 1442695040888963407ULL;
                    double u1 = ((double)(g >> 11) + 0.5) / 9007199254740992.0;
                    g = g * 6364136223846793005ULL + 1442695040888963407ULL;
                    double u2 = (double)(g >> 11) / 9007199254740992.0;
                    e[k] = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
                }
                common = 0.85 * common + 1.5 * sqrt(0.5) * e[ZONES];
                for (int z = 0; z < ZONES; z++) {
                    zone[z] = 0.85 * zone[z] + 1.5 * sqrt(0.5) * e[z];
                    fprintf(f[z], "%04d-%02d-%02d,%.3f\n", y, mo + 1, d, common + zone[z]);
                }
            }
    int bad = 0;
    for (int z = 0; z < ZONES; z++)
        bad |= fclose(f[z]) != 0;
    return bad ? -1 : 0;
}

/* R regions on a ring with random chords (~3 pipelines per region), four
 * supply hubs of different origins, LNG in every fifth region. */
static char *synthetic(int R, int v, int moving, const char *start, const char *end)
{
    sbuf b = {0};
    lcg = 88172645463325252ULL;
    double *dem = malloc((size_t)R * sizeof *dem), total = 0;
    if (!dem)
        abort();
    for (int r = 0; r < R; r++) /* drawn in the order of earlier releases */
        total += dem[r] = 2.0 + 8.0 * urand();
    static const char *const vname[] = {"", "-normal", "-short"};
    add(&b, "[scenario]\nname = synthetic-%d%s%s\nstart = %s\nend = %s\n", R, vname[v],
        moving ? "-moving" : "", start, end);
    if (moving && write_weather())
        abort();
    const char *orig[] = {"russia", "norway", "azerbaijan", "lng-us"};
    const char *grp[] = {"russia", "norway", "caspian", "lng"};
    for (int o = 0; o < 4; o++)
        add(&b, "[origin %s]\ngroup = %s\n", orig[o], grp[o]);
    /* mean demand in mcm/d: bcm/y x 1000 / 365 */
    double hub = v == V_STD      ? 15.0 * R
                 : v == V_NORMAL ? 2.0 * total * 1000 / 365 / 3
                                 : 0.55 * total * 1000 / 365 / 3;
    for (int h = 0; h < 3; h++) {
        add(&b, "[node HUB%d]\n", h);
        add(&b, "[source S%d]\nnode = HUB%d\norigin = %s\ncapacity = %.1f mcm/d\n"
                "cost = %.1f EUR/MWh\n", h, h, orig[h], hub, 15.0 + 3 * h);
    }
    for (int r = 0; r < R; r++) {
        add(&b, "[region R%d]\ndemand = %.2f bcm/y\nshape = %s\ngroups = %s\n", r, dem[r],
            v == V_STD ? "1.6 1.5 1.2 0.9 0.7 0.6 0.6 0.6 0.7 1.0 1.3 1.5"
                       : "1.1 1.1 1.05 1.0 0.95 0.9 0.9 0.9 0.95 1.0 1.05 1.1",
            r % 2 ? "EU ODD" : "EU EVEN");
        if (moving) /* sensitivity from r alone: the network's draws stay */
            add(&b, "heating_sensitivity = %.4f\nweather_series = %s/zone%d.csv\n",
                0.01 + 0.02 * (double)((r * 7919) % 101) / 100.0, weather_dir,
                (int)((long)r * ZONES / R));
        if (r % 2 == 0 && v == V_STD)
            add(&b, "[storage ST%d]\nnode = R%d\nvolume = 1 bcm\ninjection = 6 mcm/d\n"
                    "withdrawal = 12 mcm/d\nwithdrawal_curve = 0:0.4 0.5:1 1:1\n"
                    "initial_fill = 70%%\ninitial_mix = norway:1\n"
                    "targets = 11-01:90%% 02-01:45%% 04-01:25%%\n", r, r);
        if (r % 5 == 0)
            add(&b, "[lng L%d]\nnode = R%d\ncapacity = 8 mcm/d\norigins = lng-us\n"
                    "costs = 30\n", r, r);
    }
    free(dem);
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
    if (v == V_STD) {
        add(&b, "[event cut]\ntarget = origin.russia\nstart = 2022-01-10\n"
                "end = 2022-02-20\nramp = 5\nfactor = 0%%\n");
        add(&b, "[event cut-norway]\ntarget = origin.norway\nstart = 2022-01-10\n"
                "end = 2022-02-20\nramp = 5\nfactor = 30%%\n");
    }
    return b.s;
}

/* ---- one case --------------------------------------------------------------- */

typedef struct bcase {
    const char *name; /* printed */
    const char *path; /* reference scenario, or NULL: synthetic */
    int R, variant;
    const char *start, *end; /* synthetic horizon */
    int measure;             /* days measured (0: all); the horizon runs on */
    int rolling, lookahead, resolve, block;
    int out;                 /* CSV output timed too */
    int full;                /* only with `full` */
    int national;            /* curtailment = national-first */
    int moving;              /* demand moving day to day (weather) */
} bcase;

typedef struct figures {
    int regions, pipelines, days;
    int normal_days, short_days, windows, solves;
    double normal_us, short_us, all_us, output_us, wall_s;
    double first_s; /* the first window (cold start), not in the per-day figures */
    double plan_ms;    /* mean step that made a water-value plan (monthly) */
    int plans;         /* such steps; their windows are left out of the per-day figures */
    double fmin, fmax; /* unserved share of demand over short days */
    char solver[16];   /* the backend used; "*": solved day by day (no storage) */
} figures;

static gasdep_model *load(const bcase *c, const char *text)
{
    gasdep_model *m = gasdep_create();
    int rc = c->path ? gasdep_load(m, c->path) : gasdep_load_string(m, c->name, text);
    if (!rc && c->national)
        rc = gasdep_set(m, "scenario.curtailment", "national-first");
    if (!rc && c->rolling) {
        char v[32];
        rc = gasdep_set(m, "scenario.foresight", "rolling");
        snprintf(v, sizeof v, "%d", c->lookahead);
        rc = rc ? rc : gasdep_set(m, "scenario.lookahead", v);
        snprintf(v, sizeof v, "%d", c->resolve);
        rc = rc ? rc : gasdep_set(m, "scenario.resolve_every", v);
        snprintf(v, sizeof v, "%d", c->block);
        rc = rc ? rc : gasdep_set(m, "scenario.lookahead_block", v);
    }
    if (rc || gasdep_init(m)) {
        fprintf(stderr, "bench: %s\n", gasdep_errmsg(m));
        gasdep_destroy(m);
        return NULL;
    }
    return m;
}

static void json_array(sbuf *b, const double *x, int n)
{
    add(b, "[");
    for (int i = 0; i < n; i++)
        add(b, "%s%.9g", i ? "," : "", x[i]);
    add(b, "]");
}

/* The storage-free network's static part for the peer. */
static void peer_head(sbuf *b, const gasdep_model *m, const char *name)
{
    const net *n = &m->n;
    add(b, "{\"name\": \"%s\", \"voll\": %.9g, \"nodes\": %d,\n\"region_node\": [", name,
        m->scn.sc.voll, n->node.count);
    for (int q = 0; q < n->area.n_regions; q++)
        add(b, "%s%d", q ? "," : "", n->area.node[q]);
    add(b, "],\n\"src_node\": [");
    for (int i = 0; i < n->src.count; i++)
        add(b, "%s%d", i ? "," : "", n->src.node[i]);
    add(b, "],\n\"src_cost\": ");
    json_array(b, n->src.cost, n->src.count);
    add(b, ",\n\"slot_lng\": [");
    for (int s = 0; s < n->slot.count; s++)
        add(b, "%s%d", s ? "," : "", n->slot.lng[s]);
    add(b, "],\n\"slot_cost\": ");
    json_array(b, n->slot.cost, n->slot.count);
    add(b, ",\n\"lng_node\": [");
    for (int k = 0; k < n->lng.count; k++)
        add(b, "%s%d", k ? "," : "", n->lng.node[k]);
    add(b, "],\n\"pipe_from\": [");
    for (int p = 0; p < n->pipe.count; p++)
        add(b, "%s%d", p ? "," : "", n->pipe.from[p]);
    add(b, "],\n\"pipe_to\": [");
    for (int p = 0; p < n->pipe.count; p++)
        add(b, "%s%d", p ? "," : "", n->pipe.to[p]);
    add(b, "],\n\"pipe_tariff\": ");
    json_array(b, n->pipe.tariff, n->pipe.count);
    add(b, ",\n\"pipe_loss\": ");
    json_array(b, n->pipe.loss, n->pipe.count);
    add(b, ",\n\"days\": [\n");
}

/* One day's data (the day state holds the day's capacities after a step)
 * and gasdep's unserved total. */
static void peer_day(sbuf *b, const gasdep_model *m, int first)
{
    const net *n = &m->n;
    const day_state *d = &m->d;
    double u = 0;
    for (int q = 0; q < n->area.n_regions; q++)
        u += d->unserved[q];
    add(b, "%s{\"demand\": ", first ? "" : ",\n");
    json_array(b, d->demand, n->area.n_regions);
    add(b, ", \"src_cap\": ");
    json_array(b, d->src_cap, n->src.count);
    add(b, ", \"slot_cap\": ");
    json_array(b, d->slot_cap, n->slot.count);
    add(b, ", \"lng_cap\": ");
    json_array(b, d->lng_cap, n->lng.count);
    add(b, ", \"pipe_cap\": ");
    json_array(b, d->pipe_cap, n->pipe.count);
    add(b, ", \"pipe_rev\": ");
    json_array(b, d->pipe_rev, n->pipe.count);
    add(b, ", \"gasdep_unserved\": %.9g}", u);
}

/* One pass: every step timed; the window's unserved (all its blocks) read
 * from the plan; CSV rows written whole and committed at the end as
 * gasdep_run does. `peer` (non-NULL) collects the days for the peer. */
static int bench_one(const bcase *c, figures *f, sbuf *peer)
{
    char *text = c->path ? NULL : synthetic(c->R, c->variant, c->moving, c->start, c->end);
    gasdep_model *m = load(c, text);
    free(text);
    if (!m)
        return -1;
    memset(f, 0, sizeof *f);
    f->regions = gasdep_count(m, GASDEP_REGION);
    f->pipelines = gasdep_count(m, GASDEP_PIPELINE);
    snprintf(f->solver, sizeof f->solver, "%s%s", gasdep_solver_used(m),
             c->rolling && !strcmp(gasdep_foresight_used(m), "myopic") ? "*" : "");
    f->fmin = 1, f->fmax = 0;
    char dir[] = "/tmp/gasdep-bench-XXXXXX";
    struct output *o = NULL;
    if (c->out && (!mkdtemp(dir) || !(o = output_open(m, &m->err, dir, NULL, NULL)))) {
        gasdep_destroy(m);
        return -1;
    }
    if (peer)
        peer_head(peer, m, c->name);
    const net *n = &m->n;
    int R = n->area.n_regions;
    size_t plan_n = (size_t)m->win_blocks * (size_t)R;
    double t_normal = 0, t_short = 0, t_out = 0, t_win = 0, t_plan = 0, t_all = 0;
    double t_start = now();
    int win_days = 0, win_short = 0, win_plan = 0, days = 0, rc = GASDEP_OK, first = 1;
    int n_all = 0;
    while (!c->measure || days < c->measure) {
        int solves = m->next_day >= m->plan_first + m->plan_days;
        if (solves) {
            if (win_days && first) { /* the first window: apart */
                f->first_s = t_win, first = 0;
            } else if (win_days && win_plan) { /* a plan made: apart */
            } else if (win_days) { /* close the previous window */
                if (win_short)
                    t_short += t_win, f->short_days += win_days;
                else
                    t_normal += t_win, f->normal_days += win_days;
            }
            t_win = 0, win_days = 0, win_short = 0, win_plan = 0;
            memset(m->plan.unserved, 0, plan_n * sizeof *m->plan.unserved);
        }
        int plans0 = m->water.plans;
        double t0 = now();
        rc = gasdep_step(m);
        double t1 = now();
        if (rc == GASDEP_OK && m->water.plans != plans0 && days > 0) {
            t_plan += t1 - t0, f->plans++, win_plan = 1;
        }
        if (rc == GASDEP_OK && !first)
            t_all += t1 - t0, n_all++;
        if (rc != GASDEP_OK) {
            if (rc != GASDEP_DONE)
                fprintf(stderr, "bench: %s\n", gasdep_errmsg(m));
            break;
        }
        if (solves) {
            f->windows++;
            f->solves += m->d.lp_stages;
            double u = 0;
            for (size_t i = 0; i < plan_n; i++)
                u += m->plan.unserved[i];
            win_short = u > 1e-6;
        }
        double u = 0, dem = 0;
        for (int q = 0; q < R; q++)
            u += m->d.unserved[q], dem += m->d.demand[q];
        if (u > 1e-6 && dem > 0) {
            if (u / dem < f->fmin)
                f->fmin = u / dem;
            if (u / dem > f->fmax)
                f->fmax = u / dem;
        }
        if (peer)
            peer_day(peer, m, days == 0);
        double t2 = now();
        if (o && output_day(o, m) != GASDEP_OK) {
            rc = -1;
            break;
        }
        t_out += now() - t2;
        t_win += t1 - t0;
        win_days++;
        days++;
    }
    if (first)
        f->first_s = t_win;
    else if (win_plan)
        ;
    else if (win_short)
        t_short += t_win, f->short_days += win_days;
    else
        t_normal += t_win, f->normal_days += win_days;
    if (o) {
        double t0 = now();
        output_close(o, m, &m->err, rc == GASDEP_DONE);
        t_out += now() - t0; /* summary, manifest, rename */
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench: could not remove %s\n", dir);
    }
    if (peer)
        add(peer, "]}\n");
    f->wall_s = now() - t_start;
    gasdep_destroy(m);
    f->days = days;
    f->normal_us = f->normal_days ? 1e6 * t_normal / f->normal_days : 0;
    f->short_us = f->short_days ? 1e6 * t_short / f->short_days : 0;
    f->output_us = days ? 1e6 * t_out / days : 0;
    f->plan_ms = f->plans ? 1e3 * t_plan / f->plans : 0;
    f->all_us = n_all ? 1e6 * t_all / n_all : 0; /* plans included */
    if (f->fmin > f->fmax)
        f->fmin = f->fmax = 0;
    return rc == GASDEP_DONE || (c->measure && days == c->measure) ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_double);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
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

static int write_file(const char *path, const char *s, size_t n)
{
    FILE *fp = fopen(path, "w");
    if (!fp || fwrite(s, 1, n, fp) != n || fclose(fp) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

#define MAX_REPEAT 15

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--dump") == 0) {
        /* a synthetic network as a scenario file, to run with the CLI */
        int v = argc > 3 && !strcmp(argv[3], "short")    ? V_SHORT
                : argc > 3 && !strcmp(argv[3], "normal") ? V_NORMAL
                                                         : V_STD;
        int mv = argc > 4 && !strcmp(argv[4], "moving");
        char *t = synthetic(atoi(argv[2]), v, mv, v == V_STD ? "2021-10-01" : "2022-01-01",
                            v == V_STD ? "2022-09-30" : "2022-12-31");
        fputs(t, stdout);
        free(t);
        return 0;
    }
    int big = 0, repeat = 1;
    const char *only = NULL, *peer_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "full"))
            big = 1;
        else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--peer") && i + 1 < argc)
            peer_dir = argv[++i];
        else if (strcmp(argv[i], "--quick") != 0) {
            fprintf(stderr, "usage: gasdep_bench [full] [--repeat N] [--only TEXT] "
                            "[--peer DIR]\n       gasdep_bench --dump R [std|normal|short] [moving]\n");
            return 2;
        }
    }
    if (repeat < 1)
        repeat = 1;
    if (repeat > MAX_REPEAT)
        repeat = MAX_REPEAT;
    char cpu[256] = "unknown", la[64];
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
    loadavg(la, sizeof la);
    printf("gasdep %s benchmark; machine: %s, %ld cores; load average %s; "
           "medians of %d run(s)\n", GASDEP_VERSION, cpu, sysconf(_SC_NPROCESSORS_ONLN), la,
           repeat);
    /* Horizons: the storage-free networks run `lookahead` days past the days
     * measured, so that every measured window is full length. */
    const bcase cases[] = {
        {"synthetic-40", NULL, 40, V_STD, "2021-10-01", "2022-09-30", 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {"synthetic-40", NULL, 40, V_STD, "2021-10-01", "2022-09-30", 0, 1, 90, 7, 7, 1, 0, 0, 0},
        {"free-40-normal", NULL, 40, V_NORMAL, "2022-01-01", "2022-12-31", 120, 0, 0, 0, 0, 0, 0, 0, 0},
        {"free-40-normal", NULL, 40, V_NORMAL, "2022-01-01", "2022-12-31", 120, 1, 90, 7, 7, 0, 0, 0, 0},
        {"free-40-short", NULL, 40, V_SHORT, "2022-01-01", "2022-12-31", 120, 0, 0, 0, 0, 0, 0, 0, 0},
        {"free-40-short", NULL, 40, V_SHORT, "2022-01-01", "2022-12-31", 120, 1, 90, 7, 7, 0, 0, 0, 0},
        {"baseline-2021", "scenarios/baseline-2021.ini", 0, 0, NULL, NULL, 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {"baseline-2021", "scenarios/baseline-2021.ini", 0, 0, NULL, NULL, 0, 1, 90, 7, 7, 1, 0, 0, 0},
        {"russia-cut-2022", "scenarios/russia-cut-2022.ini", 0, 0, NULL, NULL, 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {"russia-cut-2022", "scenarios/russia-cut-2022.ini", 0, 0, NULL, NULL, 0, 1, 90, 7, 7, 1, 0, 0, 0},
        {"full-russian-stop-winter", "scenarios/full-russian-stop-winter.ini", 0, 0, NULL,
         NULL, 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {"full-russian-stop-winter", "scenarios/full-russian-stop-winter.ini", 0, 0, NULL,
         NULL, 0, 1, 90, 7, 7, 1, 0, 0, 0},
        {"synthetic-400", NULL, 400, V_STD, "2021-10-01", "2022-03-31", 0, 0, 0, 0, 0, 1, 0, 0, 0},
        {"synthetic-400", NULL, 400, V_STD, "2021-10-01", "2022-03-31", 0, 1, 90, 7, 7, 0, 0, 0, 0},
        {"free-400-normal", NULL, 400, V_NORMAL, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 0, 0},
        {"free-400-normal", NULL, 400, V_NORMAL, "2022-01-01", "2022-12-31", 28, 1, 90, 7, 7, 0, 0, 0, 0},
        {"free-400-short", NULL, 400, V_SHORT, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 0, 0},
        {"free-400-short", NULL, 400, V_SHORT, "2022-01-01", "2022-12-31", 28, 1, 90, 7, 7, 0, 0, 0, 0},
        {"free-4000-normal", NULL, 4000, V_NORMAL, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 0, 0},
        {"free-4000-normal", NULL, 4000, V_NORMAL, "2022-01-01", "2022-03-31", 14, 1, 14, 7, 7, 0, 1, 0, 0},
        {"free-4000-short", NULL, 4000, V_SHORT, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 0, 0},
        {"free-4000-short", NULL, 4000, V_SHORT, "2022-01-01", "2022-03-31", 14, 1, 14, 7, 7, 0, 1, 0, 0},
        {"synthetic-4000", NULL, 4000, V_STD, "2022-01-01", "2022-01-21", 0, 0, 0, 0, 0, 0, 1, 0, 0},
        {"synthetic-4000", NULL, 4000, V_STD, "2022-01-01", "2022-01-28", 0, 1, 14, 7, 7, 0, 1, 0, 0},
        /* national-first (own-demand priority): it must run at every size */
        {"full-russian-stop-winter", "scenarios/full-russian-stop-winter.ini", 0, 0, NULL,
         NULL, 0, 0, 0, 0, 0, 1, 0, 1, 0},
        {"full-russian-stop-winter", "scenarios/full-russian-stop-winter.ini", 0, 0, NULL,
         NULL, 0, 1, 90, 7, 7, 1, 0, 1, 0},
        {"synthetic-400", NULL, 400, V_STD, "2021-10-01", "2022-03-31", 0, 0, 0, 0, 0, 0, 0, 1, 0},
        {"free-400-short", NULL, 400, V_SHORT, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 1, 0},
        {"free-4000-short", NULL, 4000, V_SHORT, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 1, 0},
        {"synthetic-4000", NULL, 4000, V_STD, "2022-01-01", "2022-01-14", 0, 0, 0, 0, 0, 0, 1, 1, 0},
        /* moving demand (issue 20): a seasonal curve and daily weather */
        {"free-40-normal-mv", NULL, 40, V_NORMAL, "2022-01-01", "2022-12-31", 120, 0, 0, 0, 0, 0, 0, 0, 1},
        {"free-40-short-mv", NULL, 40, V_SHORT, "2022-01-01", "2022-12-31", 120, 0, 0, 0, 0, 0, 0, 0, 1},
        {"free-40-short-mv", NULL, 40, V_SHORT, "2022-01-01", "2022-12-31", 120, 0, 0, 0, 0, 0, 0, 1, 1},
        {"synthetic-40-mv", NULL, 40, V_STD, "2021-10-01", "2022-09-30", 0, 0, 0, 0, 0, 0, 0, 0, 1},
        {"synthetic-40-mv", NULL, 40, V_STD, "2021-10-01", "2022-09-30", 0, 1, 90, 7, 7, 0, 0, 0, 1},
        {"free-400-normal-mv", NULL, 400, V_NORMAL, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 0, 1},
        {"free-400-short-mv", NULL, 400, V_SHORT, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 0, 1},
        {"free-400-short-mv", NULL, 400, V_SHORT, "2022-01-01", "2022-12-31", 28, 0, 0, 0, 0, 0, 0, 1, 1},
        {"synthetic-400-mv", NULL, 400, V_STD, "2021-10-01", "2022-03-31", 0, 0, 0, 0, 0, 0, 0, 0, 1},
        {"synthetic-400-mv", NULL, 400, V_STD, "2021-10-01", "2022-03-31", 0, 0, 0, 0, 0, 0, 0, 1, 1},
        {"free-4000-normal-mv", NULL, 4000, V_NORMAL, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 0, 1},
        {"free-4000-short-mv", NULL, 4000, V_SHORT, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 0, 1},
        {"free-4000-short-mv", NULL, 4000, V_SHORT, "2022-01-01", "2022-03-31", 7, 0, 0, 0, 0, 0, 1, 1, 1},
        {"synthetic-4000-mv", NULL, 4000, V_STD, "2022-01-01", "2022-01-21", 0, 0, 0, 0, 0, 0, 1, 0, 1},
    };
    printf("%-25s %-13s %-6s %7s %6s %5s %11s %10s %6s %11s %7s %11s %8s %8s %8s %8s\n",
           "case", "mode", "solver", "regions", "pipes", "days", "normal_us/d", "short_us/d",
           "short", "unserved_%", "LPs/win", "output_us/d", "first_s", "wall_s", "plan_ms",
           "incl_us/d");
    int n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        const bcase *c = &cases[i];
        char mode[32] = "myopic", label[96];
        if (c->rolling)
            snprintf(mode, sizeof mode, "rolling %d/%d/%d", c->lookahead, c->resolve,
                     c->block);
        if (c->national)
            strncat(mode, " NF", sizeof mode - strlen(mode) - 1);
        snprintf(label, sizeof label, "%s %s", c->name, mode);
        if ((c->full && !big) || (only && !strstr(label, only)))
            continue;
        if (c->path && access(c->path, R_OK) != 0) {
            printf("%-25s (skipped: run from the project root)\n", c->name);
            continue;
        }
        figures f[MAX_REPEAT];
        double nu[MAX_REPEAT], su[MAX_REPEAT], ou[MAX_REPEAT], ws[MAX_REPEAT], fs[MAX_REPEAT];
        double pm[MAX_REPEAT], au[MAX_REPEAT];
        int want_peer = peer_dir && c->variant != V_STD && !c->path && !c->rolling &&
                        !c->national;
        sbuf pb = {0};
        for (int k = 0; k < repeat; k++) {
            if (bench_one(c, &f[k], want_peer && k == 0 ? &pb : NULL)) {
                printf("%s (%s) failed\n", c->name, mode);
                return 1;
            }
            nu[k] = f[k].normal_us, su[k] = f[k].short_us;
            ou[k] = f[k].output_us, ws[k] = f[k].wall_s, fs[k] = f[k].first_s;
            pm[k] = f[k].plan_ms, au[k] = f[k].all_us;
        }
        double mn = median(nu, repeat), ms = median(su, repeat);
        double mo = median(ou, repeat), mw = median(ws, repeat), mf = median(fs, repeat);
        double mp = median(pm, repeat), ma = median(au, repeat);
        char plans[32] = "-";
        if (f[0].plans)
            snprintf(plans, sizeof plans, "%.1f", mp);
        char outs[32] = "n/a", uns[32] = "-", shs[32] = "-", nos[32] = "-";
        if (c->out)
            snprintf(outs, sizeof outs, "%.1f", mo);
        if (f[0].fmax > 0)
            snprintf(uns, sizeof uns, "%.0f-%.0f", 100 * f[0].fmin, 100 * f[0].fmax);
        if (f[0].short_days)
            snprintf(shs, sizeof shs, "%.1f", ms);
        if (f[0].normal_days)
            snprintf(nos, sizeof nos, "%.1f", mn);
        printf("%-25s %-13s %-6s %7d %6d %5d %11s %10s %6d %11s %7.2f %11s %8.3f %8.2f %8s "
               "%8.1f\n",
               c->name, mode, f[0].solver, f[0].regions, f[0].pipelines, f[0].days, nos, shs,
               f[0].short_days, uns, (double)f[0].solves / (f[0].windows ? f[0].windows : 1),
               outs, mf, mw, plans, ma);
        fflush(stdout);
        if (peer_dir && c->variant != V_STD && !c->path) {
            char path[512], fig[256];
            if (want_peer) {
                snprintf(path, sizeof path, "%s/%s.json", peer_dir, c->name);
                if (write_file(path, pb.s, pb.n))
                    return 1;
            }
            snprintf(path, sizeof path, "%s/%s.%s.fig", peer_dir, c->name,
                     c->rolling ? "rolling" : c->national ? "myopic-NF" : "myopic");
            int k = snprintf(fig, sizeof fig, "%s %.3f %.3f %d %d %d\n", mode, mn, ms,
                             f[0].normal_days, f[0].short_days, repeat);
            if (write_file(path, fig, (size_t)k))
                return 1;
        }
        free(pb.s);
    }
    printf("normal/short_us/d: gasdep_step per day (LP, storage, tracing, results), over\n"
           "windows without/with unserved demand; rolling L/E/B = lookahead L days,\n"
           "re-solved every E days, blocks of B days after the first E; unserved_%% = range\n"
           "of the daily unserved share over short days; LPs/win = LP solves per window;\n"
           "first_s = the first window (a cold start), left out of the per-day figures;\n"
           "wall_s = the whole case (days of the first window included, output included);\n"
           "plan_ms = a step that made a water-value plan (monthly; such windows are left\n"
           "out of normal/short_us/d); incl_us/d = every step after the first window, plans\n"
           "included, output not;\n"
           "solver = the LP backend solver = auto chose; * = a network without storage,\n"
           "solved day by day whatever the foresight (nothing links its days).\n");
    if (!big)
        printf("(`gasdep_bench full` adds the 4,000-region networks)\n");
    printf("-mv: the network with moving demand (a seasonal curve and daily weather,\n"
           "AR(1) in eight zones, 2-5 %% a day); without: demand constant or smooth.\n");
    if (weather_dir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf %s", weather_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bench: could not remove %s\n", weather_dir);
    }
    /* the CSV writer against the floor of a plain writer of the same bytes */
    static const char *const OUT_CASES[][2] = {
        {"baseline-2021", "scenarios/baseline-2021.ini"},
        {"full-russian-stop-winter", "scenarios/full-russian-stop-winter.ini"}};
    printf("\n%-25s %5s %9s %11s %10s %8s %9s\n", "output (myopic)", "days", "kB/day",
           "writer_us/d", "floor_us/d", "ratio", "ratio_med");
    for (size_t i = 0; i < sizeof OUT_CASES / sizeof OUT_CASES[0]; i++) {
        char label[96];
        snprintf(label, sizeof label, "output %s", OUT_CASES[i][0]);
        if (only && !strstr(label, only))
            continue;
        output_figures of[MAX_REPEAT];
        double w[MAX_REPEAT], fl[MAX_REPEAT], ra[MAX_REPEAT];
        int k = 0;
        for (; k < repeat && bench_output(OUT_CASES[i][1], &of[k]) == 0; k++)
            w[k] = of[k].writer_us, fl[k] = of[k].floor_us, ra[k] = w[k] / fl[k];
        if (k < repeat) {
            printf("%s: output benchmark failed\n", OUT_CASES[i][0]);
            return 1;
        }
        double bw = w[0], bf = fl[0]; /* best of the repeats: the least disturbed */
        for (int j = 1; j < repeat; j++)
            bw = w[j] < bw ? w[j] : bw, bf = fl[j] < bf ? fl[j] : bf;
        printf("%-25s %5d %9.1f %11.1f %10.1f %8.2f %9.2f\n", OUT_CASES[i][0], of[0].days,
               of[0].kb_per_day, bw, bf, bw / bf, median(ra, repeat));
        fflush(stdout);
    }
    printf("writer_us/d = output_day (every daily table, through the public accessors),\n"
           "in CPU time of the thread (user + system: less sensitive to other load);\n"
           "floor_us/d = a plain fixed-point writer of the same bytes from parsed fields\n"
           "(csv_fixed, memcpy, 64 KiB of rows to stdio), once per repeat as the writer;\n"
           "both the best of --repeat runs; ratio = writer / floor (target <= 1.2,\n"
           "issue 20); ratio_med = the median of the runs' own ratios (writer and floor\n"
           "of one run are measured back to back, so load disturbs both alike).\n");
    return 0;
}
