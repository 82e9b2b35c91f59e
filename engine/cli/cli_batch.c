/* cli_batch.c: `gasdep sweep`, `montecarlo`, `dependence` and `criticality`,
 * thin clients of the batch API (include/gasdep/batch.h). This file parses
 * options, prints progress and summaries; the library does the work. Under
 * mpirun only rank 0 prints. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_batch.h"
#include "cli_common.h"
#include "gasdep/batch.h"
#include "gasdep/gasdep.h"


static const char *SWEEP_USAGE =
    "usage: gasdep sweep FILE [--vary PATH=SPEC]... [--design D] [--samples N]\n"
    "                    [--seed S] [--set PATH=VALUE]... [-o DIR] [-j N]\n"
    "                    [--resume] [--keep-series] [--list] [-q]\n"
    "\n"
    "FILE is a scenario, or a sweep file with a [sweep] section naming one\n"
    "(scenarios/sweeps/README.md). Every run is the scenario with one set of\n"
    "values; results go to DIR/sweep.csv, one row per run x region/group.\n"
    "\n"
    "  --vary PATH=SPEC   vary a parameter (repeatable). SPEC is\n"
    "                       LO:HI:STEP[unit]  pipeline.TAP-IT.capacity=10:30:5bcm/y\n"
    "                       v1,v2,...         scenario.curtailment=cooperative,least-cost\n"
    "                       dates, step in days  event.cut.start=2022-01-01:2022-03-01:14\n"
    "                       LO:HI[unit]       continuous range (sampled designs)\n"
    "  --design D         grid (default: every combination), zip (i-th values\n"
    "                     together), random, lhs (Latin hypercube) or sobol\n"
    "  --zip              same as --design zip\n"
    "  --samples N        number of runs of a sampled design\n"
    "  --seed S           seed of the random and lhs designs (default 1)\n"
    "  --set PATH=VALUE   fixed override for every run (repeatable)\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  -j, --jobs N       worker threads (default: number of cores)\n"
    "  --resume           continue an interrupted sweep from DIR/sweep.journal\n"
    "  --keep-series      also write DIR/series.csv (run x day x region/group)\n"
    "  --list             print the runs and their values, run nothing\n"
    "  -q, --quiet        no progress and no summary on standard error\n"
    "\n"
    "Output is byte-identical for any -j, any number of MPI ranks\n"
    "(mpirun -n K gasdep sweep ...) and after --resume. A varied parameter's\n"
    "column in sweep.csv carries its canonical unit (..._mcm_d).\n"
    "\n"
    "example: gasdep sweep scenarios/default.ini --vary pipeline.TAP-IT.capacity=10:30:10bcm/y -o out/sweep -q\n";

static const char *MC_USAGE =
    "usage: gasdep montecarlo SCENARIO -n RUNS [--seed S] [--set PATH=VALUE]...\n"
    "                         [-o DIR] [-j N] [--resume] [--keep-series] [-q]\n"
    "\n"
    "Runs the scenario RUNS times with random outages (outage_rate, outage_days,\n"
    "outage_dist, outage_sigma, outage_depth of pipelines, sources, storage and\n"
    "LNG), weather-driven demand ([weather] persistence and sigma, regions'\n"
    "heating_sensitivity) and random event starts (start_window). Run i draws\n"
    "from generators seeded by (S, i): results do not depend on -j or ranks.\n"
    "\n"
    "  -n, --runs N       number of runs\n"
    "  --seed S           seed (default 1)\n"
    "  --set PATH=VALUE   fixed override for every run (repeatable)\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  -j, --jobs N       worker threads (default: number of cores)\n"
    "  --resume           continue an interrupted Monte Carlo (or extend it to\n"
    "                     more runs with the same seed)\n"
    "  --keep-series      also write DIR/series.csv (run x day x region/group)\n"
    "  -q, --quiet        no progress and no summary on standard error\n"
    "\n"
    "writes DIR/runs.csv (run x region/group summaries), DIR/bands.csv (per\n"
    "date x region/group x metric: mean, P5, P25, P50, P75, P95),\n"
    "DIR/probabilities.csv (probability of any shortfall, expected unserved\n"
    "energy) and DIR/survival_distribution.csv (per region/group: days from\n"
    "the run's first disruption event to the first shortfall, P5 ... P95 over\n"
    "the runs, and the share of runs without a shortfall).\n"
    "\n"
    "example: gasdep montecarlo scenarios/sweeps/default-stochastic.ini -n 20 -o out/mc -q\n";

static const char *DEP_USAGE =
    "usage: gasdep dependence SCENARIO [--by origin|group|corridor]\n"
    "                         [--from DATE --days N] [--set PATH=VALUE]...\n"
    "                         [-o DIR] [-j N] [--resume] [-q]\n"
    "\n"
    "Supply-source dependence by simulation: runs the scenario as it is, then\n"
    "once with each origin group (--by group, the default), origin or corridor\n"
    "removed for the whole horizon, and reports per region and group the\n"
    "unserved gas (mcm, GWh, share of demand), days short, the first day short\n"
    "and the share of the source the region cannot do without:\n"
    "(unserved without it - unserved in the first run) / gas it got from it in\n"
    "the first run, clipped to 0..1.\n"
    "\n"
    "  --by WHAT          origin, group (default) or corridor\n"
    "  --from DATE        remove it from DATE on (default: the scenario's start)\n"
    "  --days N           for N days, counting those days (default: to the end)\n"
    "  --set PATH=VALUE   fixed override for every run (repeatable)\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  -j, --jobs N       worker threads (default: number of cores)\n"
    "  --resume           continue an interrupted batch from DIR/dependence.journal\n"
    "  -q, --quiet        no progress and no summary on standard error\n"
    "\n"
    "writes DIR/dependence.csv (source x region/group) and DIR/runs.csv (the\n"
    "summary rows of every run); byte-identical for any -j, MPI ranks, --resume.\n"
    "\n"
    "example: gasdep dependence scenarios/full-russian-stop-winter.ini --by group -o out/dep -q\n";

static const char *CRIT_USAGE =
    "usage: gasdep criticality SCENARIO [--kind LIST] [--from DATE --days N]\n"
    "                          [--set PATH=VALUE]... [-o DIR] [-j N] [--resume]\n"
    "                          [--top N] [-q]\n"
    "\n"
    "N-1 by simulation: runs the scenario as it is, then once with each element\n"
    "removed over the period (capacity 0; storage: no injection or withdrawal),\n"
    "and ranks the elements by the unserved gas they add over the period, in\n"
    "EU, in SEE and in each region (beside the Annex II N-1 formula of check).\n"
    "Runs start at the scenario's start (storage as it stands on DATE) and\n"
    "stop at the period's end.\n"
    "\n"
    "  --kind LIST        comma list of pipeline, lng, storage, source, corridor\n"
    "                     (default pipeline,lng,storage,source)\n"
    "  --from DATE        first day of the period (default: the scenario's start)\n"
    "  --days N           length of the period (default: to the horizon's end)\n"
    "  --set PATH=VALUE   fixed override for every run (repeatable)\n"
    "  -o, --output DIR   output directory (default: out)\n"
    "  -j, --jobs N       worker threads (default: number of cores)\n"
    "  --resume           continue an interrupted batch from DIR/criticality.journal\n"
    "  --top N            elements printed per group at the end (default 10)\n"
    "  -q, --quiet        no progress and no summary on standard error\n"
    "\n"
    "writes DIR/criticality.csv (region/group x element, ranked) and\n"
    "DIR/runs.csv; byte-identical for any -j, MPI ranks and --resume.\n"
    "\n"
    "example: gasdep criticality scenarios/russia-cut-2022.ini --kind storage --from 2021-12-01 --days 14 -o out/crit-storage -q\n";

static int rank0(void)
{
    return gasdep_batch_mpi_rank() == 0;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    if (!rank0())
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ---- progress ------------------------------------------------------------ */

typedef struct progress {
    const char *what;
    int tty;
    int quiet;
    double last;
    int decile;
    int drawn;
} progress;

static void fmt_eta(double s, char *buf, size_t len)
{
    if (!isfinite(s) || s < 0) {
        snprintf(buf, len, "--:--");
        return;
    }
    long t = lround(s);
    if (t >= 3600)
        snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

static void on_progress(void *ctx, const gasdep_batch_progress *p)
{
    progress *pg = ctx;
    if (pg->quiet || p->total <= 0)
        return;
    long fresh = p->done - p->resumed;
    double rate = p->elapsed > 0 ? (double)fresh / p->elapsed : NAN;
    double eta = rate > 0 ? (double)(p->total - p->done) / rate : NAN;
    char e[32];
    fmt_eta(eta, e, sizeof e);
    double frac = (double)p->done / (double)p->total;
    if (pg->tty) {
        if (!p->final && p->elapsed - pg->last < 0.1 && p->done < p->total)
            return;
        pg->last = p->elapsed;
        char bar[31];
        int fill = (int)(frac * 30);
        for (int i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '-';
        bar[30] = '\0';
        fprintf(stderr, "\r\033[Kgasdep %s: [%s] %3.0f%% %ld/%ld runs", pg->what, bar,
                100 * frac, p->done, p->total);
        if (isfinite(rate))
            fprintf(stderr, "  %.1f runs/s  ETA %s", rate, e);
        if (p->failed)
            fprintf(stderr, "  (%ld failed)", p->failed);
        pg->drawn = 1;
        if (p->final) {
            fputc('\n', stderr);
            pg->drawn = 0;
        }
        fflush(stderr);
    } else {
        int d = (int)floor(frac * 10 + 1e-9);
        if (p->final || d <= pg->decile)
            return;
        pg->decile = d;
        fprintf(stderr, "gasdep %s: %ld/%ld runs (%.0f%%)", pg->what, p->done,
                p->total, 100 * frac);
        if (isfinite(rate))
            fprintf(stderr, ", %.1f runs/s, ETA %s", rate, e);
        if (p->failed)
            fprintf(stderr, ", %ld failed", p->failed);
        fputc('\n', stderr);
    }
}

/* ---- shared option parsing ------------------------------------------------ */

typedef struct opts {
    const char *file;
    const char *out;
    char **vary, **sets;
    int n_vary, n_sets;
    const char *design;
    long samples; /* sweeps: --samples; MC: -n */
    int samples_set;
    unsigned long long seed;
    int seed_set;
    int jobs;
    int resume, keep, quiet, list;
    const char *remove;          /* --by, --kind */
    const char *from;            /* --from */
    long days;                   /* --days, 0 if not given */
    long top;                    /* --top */
} opts;

enum { O_OUT, O_SET, O_VARY, O_DESIGN, O_ZIP, O_SAMPLES, O_SEED, O_JOBS,
       O_RESUME, O_KEEP, O_LIST, O_QUIET, O_REMOVE, O_FROM, O_DAYS, O_TOP };

static const cli_opt SWEEP_OPTS[] = {
    {"output", 'o', 1, O_OUT},     {"set", 0, 1, O_SET},
    {"vary", 0, 1, O_VARY},        {"design", 0, 1, O_DESIGN},
    {"zip", 0, 0, O_ZIP},          {"samples", 0, 1, O_SAMPLES},
    {"seed", 0, 1, O_SEED},        {"jobs", 'j', 1, O_JOBS},
    {"resume", 0, 0, O_RESUME},    {"keep-series", 0, 0, O_KEEP},
    {"list", 0, 0, O_LIST},        {"quiet", 'q', 0, O_QUIET},
    {NULL, 0, 0, 0}};

static const cli_opt MC_OPTS[] = {
    {"output", 'o', 1, O_OUT},     {"set", 0, 1, O_SET},
    {"runs", 'n', 1, O_SAMPLES},   {"seed", 0, 1, O_SEED},
    {"jobs", 'j', 1, O_JOBS},      {"resume", 0, 0, O_RESUME},
    {"keep-series", 0, 0, O_KEEP}, {"quiet", 'q', 0, O_QUIET},
    {NULL, 0, 0, 0}};

static const cli_opt DEP_OPTS[] = {
    {"output", 'o', 1, O_OUT},     {"set", 0, 1, O_SET},
    {"by", 0, 1, O_REMOVE},        {"jobs", 'j', 1, O_JOBS},
    {"from", 0, 1, O_FROM},        {"days", 0, 1, O_DAYS},
    {"resume", 0, 0, O_RESUME},    {"quiet", 'q', 0, O_QUIET},
    {NULL, 0, 0, 0}};

static const cli_opt CRIT_OPTS[] = {
    {"output", 'o', 1, O_OUT},     {"set", 0, 1, O_SET},
    {"kind", 0, 1, O_REMOVE},      {"from", 0, 1, O_FROM},
    {"days", 0, 1, O_DAYS},        {"top", 0, 1, O_TOP},
    {"jobs", 'j', 1, O_JOBS},      {"resume", 0, 0, O_RESUME},
    {"quiet", 'q', 0, O_QUIET},    {NULL, 0, 0, 0}};

typedef struct opt_ctx {
    opts *o;
    int sweep;
    const char *cmd;
} opt_ctx;

static int on_batch_opt(void *ctx, int id, const char *v)
{
    opt_ctx *c = ctx;
    opts *o = c->o;
    switch (id) {
    case O_OUT: o->out = v; break;
    case O_SET: o->sets[o->n_sets++] = (char *)v; break;
    case O_VARY: o->vary[o->n_vary++] = (char *)v; break;
    case O_DESIGN: o->design = v; break;
    case O_ZIP: o->design = "zip"; break;
    case O_SAMPLES:
    case O_SEED:
    case O_JOBS: {
        /* the bounds and words of gasdep_batch_parse_arg, shared with Python */
        int which = id == O_SAMPLES ? GASDEP_ARG_RUNS
                    : id == O_SEED  ? GASDEP_ARG_SEED
                                    : GASDEP_ARG_THREADS;
        const char *name = id == O_SAMPLES ? (c->sweep ? "--samples" : "-n")
                           : id == O_SEED  ? "--seed"
                                           : "-j";
        uint64_t x;
        char msg[256];
        if (gasdep_batch_parse_arg(which, name, v, &x, NULL, NULL, msg, sizeof msg)) {
            say("gasdep %s: %s\n", c->cmd, msg);
            return EXIT_USAGE;
        }
        if (id == O_SAMPLES) {
            o->samples = (long)x;
            o->samples_set = 1;
        } else if (id == O_SEED) {
            o->seed = (unsigned long long)x;
            o->seed_set = 1;
        } else {
            o->jobs = (int)x;
        }
        break;
    }
    case O_RESUME: o->resume = 1; break;
    case O_KEEP: o->keep = 1; break;
    case O_LIST: o->list = 1; break;
    case O_QUIET: o->quiet = 1; break;
    case O_REMOVE: o->remove = v; break;
    case O_FROM: o->from = v; break;
    case O_DAYS:
    case O_TOP: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (end == v || *end || errno || n < (id == O_TOP ? 0 : 1) || n > 100000) {
            say("gasdep %s: %s needs a whole number >= %d, not '%s'\n", c->cmd,
                id == O_TOP ? "--top" : "--days", id == O_TOP ? 0 : 1, v);
            return EXIT_USAGE;
        }
        *(id == O_TOP ? &o->top : &o->days) = n;
        break;
    }
    }
    return 0;
}

static int parse_opts(int argc, char **argv, int sweep, opts *o, const char *usage,
                      const char *cmd, int *help)
{
    memset(o, 0, sizeof *o);
    o->out = "out";
    o->top = 10;
    o->vary = calloc((size_t)argc + 1, sizeof *o->vary);
    o->sets = calloc((size_t)argc + 1, sizeof *o->sets);
    if (!o->vary || !o->sets)
        return EXIT_RUNTIME;
    opt_ctx c = {o, sweep, cmd};
    const char *pos[2];
    int n_pos;
    const cli_opt *table = sweep                             ? SWEEP_OPTS
                           : !strcmp(cmd, "dependence")       ? DEP_OPTS
                           : !strcmp(cmd, "criticality")      ? CRIT_OPTS
                                                              : MC_OPTS;
    int st = cli_parse(cmd, usage, table, argc, argv, on_batch_opt, &c, pos, 2,
                       &n_pos, help, rank0());
    if (st || *help)
        return st;
    if (n_pos > 1) {
        say("gasdep %s: more than one file given ('%s' and '%s')\n", cmd, pos[0],
            pos[1]);
        return EXIT_USAGE;
    }
    o->file = n_pos ? pos[0] : NULL;
    if (!o->file) {
        say("gasdep %s: no %s given\n%s", cmd, sweep ? "file" : "scenario", usage);
        return EXIT_USAGE;
    }
    if (!*o->out) {
        say("gasdep %s: -o needs a directory\n", cmd);
        return EXIT_USAGE;
    }
    return 0;
}

static void opts_free(opts *o)
{
    free(o->vary);
    free(o->sets);
}

/* Print the input errors of a failed describe/prepare step. */
static int input_error(gasdep_batch *b, const char *cmd, int rc)
{
    const char *msg = gasdep_batch_errmsg(b);
    say("%s%sgasdep %s: %s; nothing run\n", msg, *msg ? "\n" : "", cmd,
        rc == GASDEP_ENOMEM ? "out of memory" : "bad input");
    return rc == GASDEP_ENOMEM || rc == GASDEP_EIO ? EXIT_RUNTIME : EXIT_USAGE;
}

/* The shortfall table of a finished Monte Carlo, from its probabilities.csv. */
static void print_probabilities(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/probabilities.csv", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[1024];
    say("%-12s %-6s %13s %8s %17s %17s\n", "area", "kind", "P(shortfall)", "+-1 se",
        "E[unserved] GWh", "P95 unserved GWh");
    for (int first = 1; fgets(line, sizeof line, f); first = 0) {
        if (first)
            continue;
        char *fld[12];
        int n = 0;
        line[strcspn(line, "\r\n")] = '\0';
        for (char *p = line; n < 12;) { /* fields may be empty */
            fld[n++] = p;
            char *c = strchr(p, ',');
            if (!c)
                break;
            *c = '\0';
            p = c + 1;
        }
        if (n < 9)
            continue;
        say("%-12s %-6s %13.3f %8.3f %17.1f %17.1f\n", fld[0], fld[1], atof(fld[3]),
            atof(fld[4]), atof(fld[6]), atof(fld[7]));
    }
    if (ferror(f))
        say("gasdep: %s: read error; the table above is incomplete\n", path);
    fclose(f);
}

static int run_batch(gasdep_batch *b, opts *o, const char *cmd)
{
    progress pg = {cmd, isatty(2), o->quiet, 0, 0, 0};
    gasdep_batch_options bo = {o->jobs, o->out, o->resume, o->keep, on_progress, &pg};
    gasdep_batch_report r;
    if (!o->quiet)
        say("%s\n", gasdep_batch_describe(b));
    int rc = gasdep_batch_run(b, &bo, &r);
    if (*gasdep_batch_warnings(b) && rank0()) {
        if (pg.drawn)
            say("\n");
        pg.drawn = 0;
        cli_print_warnings(gasdep_batch_warnings(b));
    }
    if (rc != GASDEP_OK) {
        if (pg.drawn)
            say("\n");
        say("gasdep %s: %s\n", cmd, gasdep_batch_errmsg(b));
        say("gasdep %s: failed (%s)%s\n", cmd, gasdep_strerror(rc),
            rc == GASDEP_EINPUT || rc == GASDEP_EARG || r.executed + r.resumed == 0
                ? ""
                : "; finished runs are kept: rerun with --resume to continue");
        if (r.ranks_out_of_step) {
            /* other ranks may wait for this one for ever: end them all */
            if (!rank0())
                fprintf(stderr, "gasdep %s (rank %d): %s\n", cmd,
                        gasdep_batch_mpi_rank(), gasdep_batch_errmsg(b));
            gasdep_batch_mpi_abort(EXIT_RUNTIME);
        }
        return rc == GASDEP_EINPUT || rc == GASDEP_EARG ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (!o->quiet) {
        if (o->resume && !r.resumed)
            say("gasdep %s: note: nothing to resume in %s; ran every run\n", cmd,
                o->out);
        if (r.journal_discarded)
            say("gasdep %s: note: replaced the journal of an earlier, unfinished "
                "batch in %s (use --resume to continue one)\n", cmd, o->out);
        double rate = r.seconds > 0 ? (double)r.executed / r.seconds : 0;
        say("gasdep %s: %ld run%s", cmd, r.runs, r.runs == 1 ? "" : "s");
        if (r.resumed)
            say(" (%ld resumed from the journal)", r.resumed);
        say(" in %.2f s, %d thread%s x %d rank%s, %.1f runs/s\n", r.seconds,
            r.threads, r.threads == 1 ? "" : "s", r.ranks, r.ranks == 1 ? "" : "s",
            rate);
        if (!strcmp(cmd, "montecarlo"))
            print_probabilities(o->out);
        say("gasdep %s: wrote %s\n", cmd, r.files);
        if (r.removed[0])
            say("gasdep %s: note: removed outputs of another batch: %s\n", cmd,
                r.removed);
    }
    if (r.failed) {
        say("gasdep %s: %ld run%s failed (rows marked 'failed'); first: run %ld: %s\n",
            cmd, r.failed, r.failed == 1 ? "" : "s", r.first_failed_run, r.first_error);
        return EXIT_RUNTIME;
    }
    return 0;
}

static int apply_common(gasdep_batch *b, opts *o)
{
    int rc = GASDEP_OK;
    for (int i = 0; i < o->n_sets && rc == GASDEP_OK; i++)
        rc = gasdep_batch_set(b, o->sets[i]);
    for (int i = 0; i < o->n_vary && rc == GASDEP_OK; i++)
        rc = gasdep_batch_vary(b, o->vary[i]);
    if (rc == GASDEP_OK && o->design)
        rc = gasdep_batch_set_design(b, o->design);
    if (rc == GASDEP_OK && o->samples_set)
        rc = gasdep_batch_set_samples(b, o->samples);
    if (rc == GASDEP_OK && o->seed_set)
        rc = gasdep_batch_set_seed(b, (uint64_t)o->seed);
    return rc;
}

static int do_sweep(int argc, char **argv)
{
    opts o;
    int help;
    int st = parse_opts(argc, argv, 1, &o, SWEEP_USAGE, "sweep", &help);
    if (st || help) {
        if (!st && rank0())
            fputs(SWEEP_USAGE, stdout);
        opts_free(&o);
        return st;
    }
    gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
    if (!b) {
        opts_free(&o);
        return EXIT_RUNTIME;
    }
    /* a file that cannot be read is taken as a scenario: prepare says why
     * (cannot open, not a regular file, too large) */
    int kind = gasdep_batch_is_sweep_file(o.file) > 0;
    int rc;
    {
        rc = kind ? gasdep_batch_load_file(b, o.file)
                  : gasdep_batch_set_scenario(b, o.file);
        if (rc == GASDEP_OK)
            rc = apply_common(b, &o);
        if (rc == GASDEP_OK)
            rc = gasdep_batch_prepare(b);
        if (rc != GASDEP_OK)
            st = input_error(b, "sweep", rc);
        else if (rank0())
            cli_print_warnings(gasdep_batch_warnings(b));
    }
    if (rc == GASDEP_OK && o.list) {
        if (rank0()) {
            printf("run");
            for (int p = 0; p < gasdep_batch_params(b); p++)
                printf(",%s", gasdep_batch_param(b, p));
            printf("\n");
            char buf[512];
            for (long r = 1; r <= gasdep_batch_runs(b); r++) {
                printf("%ld", r);
                for (int p = 0; p < gasdep_batch_params(b); p++) {
                    gasdep_batch_value(b, r, p, buf, sizeof buf);
                    printf(",%s", buf);
                }
                printf("\n");
            }
        }
    } else if (rc == GASDEP_OK) {
        st = run_batch(b, &o, "sweep");
    }
    gasdep_batch_destroy(b);
    opts_free(&o);
    return st;
}

static int do_montecarlo(int argc, char **argv)
{
    opts o;
    int help;
    int st = parse_opts(argc, argv, 0, &o, MC_USAGE, "montecarlo", &help);
    if (st || help) {
        if (!st && rank0())
            fputs(MC_USAGE, stdout);
        opts_free(&o);
        return st;
    }
    if (!o.samples_set) {
        say("gasdep montecarlo: give the number of runs with -n RUNS\n%s", MC_USAGE);
        opts_free(&o);
        return EXIT_USAGE;
    }
    gasdep_batch *b = gasdep_batch_create(GASDEP_MONTECARLO);
    if (!b) {
        opts_free(&o);
        return EXIT_RUNTIME;
    }
    int rc = gasdep_batch_set_scenario(b, o.file);
    if (rc == GASDEP_OK)
        rc = apply_common(b, &o);
    if (rc == GASDEP_OK)
        rc = gasdep_batch_prepare(b);
    if (rc != GASDEP_OK)
        st = input_error(b, "montecarlo", rc);
    if (rc == GASDEP_OK && rank0())
        cli_print_warnings(gasdep_batch_warnings(b));
    if (rc == GASDEP_OK)
        st = run_batch(b, &o, "montecarlo");
    gasdep_batch_destroy(b);
    opts_free(&o);
    return st;
}

/* Split a CSV line in place (quoted fields allowed); the number of fields. */
static int split_csv(char *line, char **fld, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        fld[n++] = p;
        int quoted = *p == '"';
        if (quoted)
            p++;
        for (; *p && (quoted || *p != ','); p++) {
            if (quoted && *p == '"') {
                if (p[1] != '"') {
                    quoted = 0;
                    continue;
                }
                p++;
            }
            *out++ = *p;
        }
        int more = *p == ',';
        *out = '\0';
        if (!more)
            break;
        p++;
    }
    return n;
}

/* The end of a finished dependence or criticality batch: per region group,
 * the sources a group cannot do without, or its `top` most critical
 * elements. */
static void print_removal(const char *dir, int dep, long top)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, dep ? "dependence" : "criticality");
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[2048], *fld[16];
    if (dep)
        say("%-20s %-8s %14s %9s %18s\n", "removed", "group", "unserved GWh",
            "of demand", "cannot do without");
    else
        say("%-6s %4s %-28s %-9s %14s %9s\n", "group", "rank", "element removed",
            "kind", "+unserved GWh", "of demand");
    for (int first = 1; fgets(line, sizeof line, f); first = 0) {
        line[strcspn(line, "\r\n")] = '\0';
        int n = split_csv(line, fld, 16);
        if (first || n < 15 || strcmp(fld[dep ? 3 : 1], "group"))
            continue;
        if (dep)
            say("%-20s %-8s %14.1f %8.1f%% %17.1f%%\n", fld[0], fld[2], atof(fld[6]),
                100 * atof(fld[7]), 100 * atof(fld[14]));
        else if (atol(fld[2]) <= top)
            say("%-6s %4s %-28s %-9s %14.1f %8.1f%%\n", fld[0], fld[2], fld[3], fld[4],
                atof(fld[10]), 100 * atof(fld[8]));
    }
    fclose(f);
}

static int do_removal(int argc, char **argv, int kind)
{
    int dep = kind == GASDEP_DEPENDENCE;
    const char *cmd = dep ? "dependence" : "criticality";
    const char *usage = dep ? DEP_USAGE : CRIT_USAGE;
    opts o;
    int help;
    int st = parse_opts(argc, argv, 0, &o, usage, cmd, &help);
    if (st || help) {
        if (!st && rank0())
            fputs(usage, stdout);
        opts_free(&o);
        return st;
    }
    int day;
    if (o.days && !o.from) {
        say("gasdep %s: --days needs --from DATE\n", cmd);
        opts_free(&o);
        return EXIT_USAGE;
    }
    if (o.from && (strlen(o.from) != 10 || gasdep_date_parse(o.from, &day))) {
        say("gasdep %s: --from needs a date YYYY-MM-DD, not '%s'\n", cmd, o.from);
        opts_free(&o);
        return EXIT_USAGE;
    }
    gasdep_batch *b = gasdep_batch_create(kind);
    if (!b) {
        opts_free(&o);
        return EXIT_RUNTIME;
    }
    int rc = gasdep_batch_set_scenario(b, o.file);
    if (rc == GASDEP_OK)
        rc = apply_common(b, &o);
    if (rc == GASDEP_OK && o.remove)
        rc = gasdep_batch_remove(b, o.remove);
    if (rc == GASDEP_OK && o.from)
        rc = gasdep_batch_set_period(b, day, (int)o.days);
    if (rc == GASDEP_OK)
        rc = gasdep_batch_prepare(b);
    if (rc != GASDEP_OK)
        st = input_error(b, cmd, rc);
    if (rc == GASDEP_OK && rank0())
        cli_print_warnings(gasdep_batch_warnings(b));
    if (rc == GASDEP_OK)
        st = run_batch(b, &o, cmd);
    if (rc == GASDEP_OK && st != EXIT_USAGE && !o.quiet && rank0())
        print_removal(o.out, dep, o.top);
    gasdep_batch_destroy(b);
    opts_free(&o);
    return st;
}

static int do_batch(int argc, char **argv, int kind)
{
    return kind == GASDEP_SWEEP        ? do_sweep(argc, argv)
           : kind == GASDEP_MONTECARLO ? do_montecarlo(argc, argv)
                                       : do_removal(argc, argv, kind);
}

/* MPI is initialised around the whole command (only when started by a
 * launcher), so usage errors are printed once, by rank 0. */
static int with_mpi(int argc, char **argv, const char *cmd, int kind)
{
    if (gasdep_batch_mpi_begin(&argc, &argv) != GASDEP_OK) {
        fprintf(stderr, "gasdep %s: MPI initialisation failed\n", cmd);
        return EXIT_RUNTIME;
    }
    int st = do_batch(argc, argv, kind);
    fflush(stdout);
    gasdep_batch_mpi_end();
    return st;
}

int cli_sweep(int argc, char **argv)
{
    return with_mpi(argc, argv, "sweep", GASDEP_SWEEP);
}

int cli_montecarlo(int argc, char **argv)
{
    return with_mpi(argc, argv, "montecarlo", GASDEP_MONTECARLO);
}

int cli_dependence(int argc, char **argv)
{
    return with_mpi(argc, argv, "dependence", GASDEP_DEPENDENCE);
}

int cli_criticality(int argc, char **argv)
{
    return with_mpi(argc, argv, "criticality", GASDEP_CRITICALITY);
}
