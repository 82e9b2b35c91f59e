/* cli.c: the gasdep command line, a thin client of the library API. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_batch.h"
#include "cli_common.h"
#include "gasdep/gasdep.h"


static const char *USAGE =
    "usage: gasdep COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO        simulate and write CSV time series\n"
    "  check SCENARIO      validate; print the network, totals and N-1\n"
    "  list SCENARIO [KIND] list the elements (and key figures) of a scenario\n"
    "  aggregate RUN_DIR --period P  monthly, quarterly or yearly tables of a run\n"
    "  diff RUN_A RUN_B    difference of two runs' summary figures\n"
    "  sweep SCENARIO      batch parameter sweep (gasdep sweep --help)\n"
    "  montecarlo SCENARIO Monte Carlo over outages and weather\n"
    "  dependence SCENARIO unserved gas with each origin (group) removed\n"
    "  criticality SCENARIO rank elements by the unserved gas their loss adds\n"
    "\n"
    "  --help              this text (gasdep COMMAND --help for a command)\n"
    "  --version           print the engine version\n"
    "\n"
    "exit status: 0 ok, 1 runtime failure, 2 bad usage or bad input\n";

static const char *RUN_USAGE =
    "usage: gasdep run SCENARIO [-o DIR] [--set PATH=VALUE]... [--table NAME]\n"
    "                  [--period P] [-q]\n"
    "\n"
    "  -o, --output DIR  output directory (default: out); '-' writes one table\n"
    "                    to standard output (choose it with --table)\n"
    "  --set PATH=VALUE  override a parameter, e.g.\n"
    "                    --set corridor.southern-gas-corridor.capacity_factor=2\n"
    "  --table NAME      with -o -: balance (default), shares, group_shares,\n"
    "                    flows, supply, storage, summary, manifest, via_shares,\n"
    "                    cover or survival\n"
    "  --period P        also write DIR/P/ (gasdep aggregate): month, quarter,\n"
    "                    gas-year or year\n"
    "  -q, --quiet       no summary and no progress on standard error (progress:\n"
    "                    days done and ETA, on a terminal, for runs over 2 s)\n"
    "\n"
    "writes balance.csv, shares.csv, group_shares.csv, flows.csv, supply.csv,\n"
    "storage.csv, summary.csv, manifest.csv, cover.csv (days of cover: a\n"
    "region's storage over the day's gap), survival.csv (days from each\n"
    "disruption event's start to each region's first shortfall) and, when the\n"
    "scenario has corridors, via_shares.csv (docs/OUTPUTS.md), committed as\n"
    "one set when the run has completed; prints a short summary (EU and the\n"
    "region groups) on standard error.\n"
    "\n"
    "example: gasdep run scenarios/russia-cut-2022.ini -o out/cut\n";

static const char *CHECK_USAGE =
    "usage: gasdep check SCENARIO [--set PATH=VALUE]...\n"
    "\n"
    "Validates the scenario (all errors, as file:line: message) and prints the\n"
    "network, demand and supply totals and the N-1 indicator of each region and\n"
    "group (Regulation (EU) 2017/1938, Annex II).\n"
    "\n"
    "example: gasdep check scenarios/default.ini\n";

static const char *LIST_USAGE =
    "usage: gasdep list SCENARIO [KIND] [--set PATH=VALUE]...\n"
    "\n"
    "Lists the names of the scenario's elements with their key figures, in\n"
    "canonical units (mcm/d, mcm, EUR/MWh). KIND is one of origin,\n"
    "origin_group, source, node, region, group, pipeline, storage, lng, event\n"
    "or corridor; without KIND every kind is listed (corridors when there are\n"
    "any). The names are the ones --set,\n"
    "--vary and event targets take (KIND.NAME.KEY).\n"
    "\n"
    "example: gasdep list scenarios/russia-cut-2022.ini pipeline\n";

static const char *AGG_USAGE =
    "usage: gasdep aggregate RUN_DIR --period P [-o DIR] [-q]\n"
    "\n"
    "Reads the daily tables of a run directory (gasdep run -o RUN_DIR) and\n"
    "writes them by period P (month, quarter, gas-year from 1 October, or year)\n"
    "to DIR (default RUN_DIR/P): volumes summed, shares weighted by the\n"
    "supplied volume (sum of the origin's volume over the sum of all\n"
    "volumes, never a mean of daily shares), storage fill at its lowest,\n"
    "levels at the period's end, prices weighted by demand (docs/OUTPUTS.md).\n"
    "\n"
    "  --period P        month, quarter, gas-year or year\n"
    "  -o, --output DIR  output directory (default RUN_DIR/P)\n"
    "  -q, --quiet       nothing on standard error\n"
    "\n"
    "example: gasdep aggregate out/cut --period month\n";

static const char *DIFF_USAGE =
    "usage: gasdep diff RUN_A RUN_B [-o FILE] [-q]\n"
    "\n"
    "Compares the summary.csv of two run directories: per region and group the\n"
    "unserved gas, days short, lowest storage fill and mean share of every\n"
    "origin group, as A, B and B - A. Prints the figures that differ; with -o\n"
    "writes every figure to FILE (the run directories are left as they are).\n"
    "Warns when the runs cover different dates: their totals (demand,\n"
    "unserved gas, days short) are then not comparable.\n"
    "\n"
    "  -o, --output FILE write the table of every figure to FILE (- for\n"
    "                    standard output)\n"
    "  -q, --quiet       print nothing but warnings\n"
    "\n"
    "example: gasdep diff out/base out/cut\n";

/* ---- run ------------------------------------------------------------------ */

enum { R_OUT, R_SET, R_TABLE, R_QUIET, R_PERIOD };

static const cli_opt RUN_OPTS[] = {
    {"output", 'o', 1, R_OUT},   {"set", 0, 1, R_SET},
    {"table", 0, 1, R_TABLE},    {"quiet", 'q', 0, R_QUIET},
    {"period", 0, 1, R_PERIOD},  {NULL, 0, 0, 0}};

typedef struct run_opts {
    const char *out, *table, *period;
    int quiet;
    char **sets;
    int n_sets;
} run_opts;

static int on_run_opt(void *ctx, int id, const char *v)
{
    run_opts *o = ctx;
    switch (id) {
    case R_OUT: o->out = v; break;
    case R_SET: o->sets[o->n_sets++] = (char *)v; break;
    case R_TABLE: o->table = v; break;
    case R_QUIET: o->quiet = 1; break;
    case R_PERIOD: o->period = v; break;
    }
    return 0;
}

static int valid_period(const char *p)
{
    return !strcmp(p, "month") || !strcmp(p, "quarter") ||
           !strcmp(p, "gas-year") || !strcmp(p, "year");
}

/* EU and the region groups after a run: unserved gas, days short, lowest
 * storage fill, mean Russian and Caspian shares (volume-weighted). */
static void print_run_summary(const gasdep_model *m)
{
    int russia = gasdep_find(m, GASDEP_ORIGIN_GROUP, "russia");
    int caspian = gasdep_find(m, GASDEP_ORIGIN_GROUP, "caspian");
    int A = gasdep_count(m, GASDEP_AREA), shown = 0;
    for (int a = 0; a < A; a++) {
        if (!gasdep_area_is_group(m, a))
            continue;
        if (!shown++) {
            fprintf(stderr, "gasdep: %-10s %14s %10s %9s", "area", "unserved_mcm",
                    "days_short", "min_fill");
            if (russia >= 0)
                fprintf(stderr, " %12s", "share_russia");
            if (caspian >= 0)
                fprintf(stderr, " %13s", "share_caspian");
            fputc('\n', stderr);
        }
        gasdep_area_summary s;
        gasdep_area_summary_get(m, a, &s);
        fprintf(stderr, "gasdep: %-10s %14.1f %10d %9.3f", gasdep_name(m, GASDEP_AREA, a),
                s.unserved_mcm, s.days_short, s.min_storage_fill);
        double mean, lo, hi;
        if (russia >= 0) {
            gasdep_area_group_share_stats(m, a, russia, &mean, &lo, &hi);
            fprintf(stderr, " %12.3f", mean);
        }
        if (caspian >= 0) {
            gasdep_area_group_share_stats(m, a, caspian, &mean, &lo, &hi);
            fprintf(stderr, " %13.3f", mean);
        }
        fputc('\n', stderr);
    }
}

/* ---- progress of a long run --------------------------------------------- */

/* Days done and an ETA on stderr, only on a terminal, only once the run has
 * taken GASDEP_PROGRESS_AFTER seconds (2 by default: short runs stay
 * quiet), redrawn at most 5 times a second, erased at the end. */
typedef struct run_progress {
    struct timespec t0;
    double after_s, last_s;
    int drawn;
} run_progress;

static double since_s(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void on_run_progress(void *ctx, int done, int total)
{
    run_progress *p = ctx;
    double el = since_s(&p->t0);
    if (done >= total) {
        if (p->drawn)
            fputs("\r\033[K", stderr);
        p->drawn = 0;
        return;
    }
    if (el < p->after_s || (p->drawn && el - p->last_s < 0.2))
        return;
    p->last_s = el;
    p->drawn = 1;
    double eta = done > 0 ? el * (total - done) / done : NAN;
    fprintf(stderr, "\r\033[Kgasdep run: %d/%d days (%.0f%%)", done, total,
            100.0 * done / total);
    if (isfinite(eta))
        fprintf(stderr, ", ETA %ld:%02ld", lround(eta) / 60, lround(eta) % 60);
    fflush(stderr);
}

static int cmd_run(int argc, char **argv)
{
    run_opts o = {"out", NULL, NULL, 0, NULL, 0};
    o.sets = calloc((size_t)argc + 1, sizeof *o.sets);
    if (!o.sets)
        return EXIT_RUNTIME;
    const char *pos[2] = {NULL, NULL};
    int n_pos, help;
    int st = cli_parse("run", RUN_USAGE, RUN_OPTS, argc, argv, on_run_opt, &o, pos,
                       2, &n_pos, &help, 1);
    if (st || help) {
        if (!st)
            fputs(RUN_USAGE, stdout);
        free(o.sets);
        return st;
    }
    const char *why = NULL;
    int to_stdout = !strcmp(o.out, "-");
    if (n_pos == 0)
        why = "no scenario given";
    else if (n_pos > 1)
        why = "more than one scenario given";
    else if (!*o.out)
        why = "-o needs a directory";
    else if (o.table && !to_stdout)
        why = "--table goes with -o -";
    else if (o.period && to_stdout)
        why = "--period needs an output directory, not -o -";
    else if (o.period && !valid_period(o.period))
        why = "--period is month, quarter, gas-year or year";
    if (!why && o.table) {
        int ok = 0;
        for (int i = 0; gasdep_tables[i]; i++)
            ok |= !strcmp(o.table, gasdep_tables[i]);
        if (!ok) {
            fprintf(stderr, "gasdep run: unknown table '%s'\n", o.table);
            free(o.sets);
            return EXIT_USAGE;
        }
    }
    if (why) {
        fprintf(stderr, "gasdep run: %s\n%s", why, RUN_USAGE);
        free(o.sets);
        return EXIT_USAGE;
    }
    gasdep_model *m = cli_load(pos[0], o.sets, o.n_sets, &st);
    free(o.sets);
    if (!m)
        return st;
    run_progress prog = {{0, 0}, 2.0, 0, 0};
    if (!o.quiet && isatty(2)) {
        const char *after = getenv("GASDEP_PROGRESS_AFTER");
        if (after && *after)
            prog.after_s = atof(after);
        clock_gettime(CLOCK_MONOTONIC, &prog.t0);
        gasdep_set_progress(m, on_run_progress, &prog);
    }
    clock_t t0 = clock();
    int rc = to_stdout ? gasdep_run_to(m, NULL, o.table ? o.table : "balance", stdout)
                       : gasdep_run(m, o.out);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (prog.drawn)
        fputs("\r\033[K", stderr);
    if (rc != GASDEP_OK) {
        fprintf(stderr, "gasdep: %s\ngasdep: run failed (%s)%s\n", gasdep_errmsg(m),
                gasdep_strerror(rc),
                to_stdout ? "; the table on standard output is incomplete" : "");
        gasdep_destroy(m);
        return rc == GASDEP_EARG || rc == GASDEP_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (!o.quiet) {
        int first, last;
        gasdep_horizon(m, &first, &last);
        double imb_max;
        gasdep_mass_imbalance_mcm(m, &imb_max);
        double uns = 0;
        int short_regions = 0;
        for (int a = 0; a < gasdep_count(m, GASDEP_AREA); a++) {
            gasdep_area_summary s;
            gasdep_area_summary_get(m, a, &s);
            if (!gasdep_area_is_group(m, a)) {
                uns += s.unserved_mcm;
                short_regions += s.days_short > 0;
            }
        }
        fprintf(stderr,
                "gasdep: %s: %d days, %d regions, %d pipelines in %.2f s "
                "(%.0f us/day)\n"
                "gasdep: unserved %.1f mcm in %d region%s; largest mass "
                "imbalance %.2g mcm\n",
                gasdep_scenario_name(m), last - first + 1,
                gasdep_count(m, GASDEP_REGION), gasdep_count(m, GASDEP_PIPELINE),
                secs, 1e6 * secs / (last - first + 1), uns, short_regions,
                short_regions == 1 ? "" : "s", imb_max);
        print_run_summary(m);
        if (!to_stdout) {
            fprintf(stderr, "gasdep: wrote %s/{", o.out);
            int any = 0; /* via_shares only with corridors */
            for (int i = 0; gasdep_tables[i]; i++)
                if (strcmp(gasdep_tables[i], "via_shares") ||
                    gasdep_count(m, GASDEP_CORRIDOR) > 0)
                    fprintf(stderr, "%s%s", any++ ? "," : "", gasdep_tables[i]);
            fprintf(stderr, "}.csv\n");
        }
    }
    gasdep_destroy(m);
    if (o.period) {
        char msg[1024];
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", o.out, o.period);
        if (gasdep_aggregate(o.out, o.period, sub, msg, sizeof msg) != GASDEP_OK) {
            fprintf(stderr, "gasdep run: --period: %s\n", msg);
            return EXIT_RUNTIME;
        }
        if (!o.quiet)
            fprintf(stderr, "gasdep: wrote %s\n", msg);
    }
    return 0;
}

/* ---- aggregate and diff ----------------------------------------------------- */

enum { A_PERIOD, A_OUT, A_QUIET };
static const cli_opt AGG_OPTS[] = {{"period", 0, 1, A_PERIOD},
                                   {"output", 'o', 1, A_OUT},
                                   {"quiet", 'q', 0, A_QUIET},
                                   {NULL, 0, 0, 0}};

typedef struct agg_opts {
    const char *period, *out;
    int quiet;
} agg_opts;

static int on_agg_opt(void *ctx, int id, const char *v)
{
    agg_opts *o = ctx;
    if (id == A_PERIOD)
        o->period = v;
    else if (id == A_OUT)
        o->out = v;
    else
        o->quiet = 1;
    return 0;
}

static int cmd_aggregate(int argc, char **argv)
{
    agg_opts o = {NULL, NULL, 0};
    const char *pos[1] = {NULL};
    int n_pos, help;
    int st = cli_parse("aggregate", AGG_USAGE, AGG_OPTS, argc, argv, on_agg_opt, &o,
                       pos, 1, &n_pos, &help, 1);
    if (st || help) {
        if (!st)
            fputs(AGG_USAGE, stdout);
        return st;
    }
    const char *why = !n_pos ? "no run directory given"
                      : !o.period ? "--period is required"
                      : !valid_period(o.period)
                          ? "--period is month, quarter, gas-year or year"
                          : NULL;
    if (why) {
        fprintf(stderr, "gasdep aggregate: %s\n%s", why, AGG_USAGE);
        return EXIT_USAGE;
    }
    char sub[4096], msg[1024];
    if (!o.out) {
        snprintf(sub, sizeof sub, "%s/%s", pos[0], o.period);
        o.out = sub;
    }
    int rc = gasdep_aggregate(pos[0], o.period, o.out, msg, sizeof msg);
    if (rc != GASDEP_OK) {
        fprintf(stderr, "gasdep aggregate: %s\n", msg);
        return rc == GASDEP_EINPUT || rc == GASDEP_EARG ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (!o.quiet)
        fprintf(stderr, "gasdep aggregate: wrote %s\n", msg);
    return 0;
}

/* The value of `key` in RUN/manifest.csv ("key,value" rows) into v; 0 if
 * found. */
static int manifest_value(const char *run, const char *key, char *v, size_t len)
{
    char path[4096], line[4096];
    snprintf(path, sizeof path, "%s/manifest.csv", run);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t k = strlen(key);
    int found = -1;
    while (found && fgets(line, sizeof line, f))
        if (!strncmp(line, key, k) && line[k] == ',') {
            snprintf(v, len, "%s", line + k + 1);
            v[strcspn(v, "\r\n")] = '\0';
            found = 0;
        }
    fclose(f);
    return found;
}

/* Summaries are totals over each run's dates: say so when they differ. */
static void warn_horizons(const char *a, const char *b)
{
    char s[2][32], e[2][32];
    const char *run[2] = {a, b};
    int days[2];
    for (int i = 0; i < 2; i++) {
        int d0, d1;
        if (manifest_value(run[i], "start", s[i], sizeof s[i]) ||
            manifest_value(run[i], "end", e[i], sizeof e[i]) ||
            gasdep_date_parse(s[i], &d0) || gasdep_date_parse(e[i], &d1))
            return; /* an older run without dates: nothing to compare */
        days[i] = d1 - d0 + 1;
    }
    if (!strcmp(s[0], s[1]) && !strcmp(e[0], e[1]))
        return;
    fprintf(stderr,
            "gasdep diff: warning: the runs cover different dates: %s %s .. %s (%d days), "
            "%s %s .. %s (%d days); totals (demand, unserved, days short) are not "
            "comparable\n", a, s[0], e[0], days[0], b, s[1], e[1], days[1]);
}

static int cmd_diff(int argc, char **argv)
{
    agg_opts o = {NULL, NULL, 0};
    const char *pos[2] = {NULL, NULL};
    int n_pos, help;
    int st = cli_parse("diff", DIFF_USAGE, AGG_OPTS + 1, argc, argv, on_agg_opt, &o,
                       pos, 2, &n_pos, &help, 1);
    if (st || help) {
        if (!st)
            fputs(DIFF_USAGE, stdout);
        return st;
    }
    if (n_pos != 2) {
        fprintf(stderr, "gasdep diff: give two run directories\n%s", DIFF_USAGE);
        return EXIT_USAGE;
    }
    char msg[1024];
    int to_stdout = o.out && !strcmp(o.out, "-");
    const char *file = o.out && !to_stdout ? o.out : NULL;
    int rc = gasdep_diff(pos[0], pos[1], file, to_stdout ? stdout : NULL,
                         o.quiet || to_stdout ? NULL : stdout, msg, sizeof msg);
    if (rc != GASDEP_OK) {
        fprintf(stderr, "gasdep diff: %s\n", msg);
        return rc == GASDEP_EINPUT || rc == GASDEP_EARG ? EXIT_USAGE : EXIT_RUNTIME;
    }
    warn_horizons(pos[0], pos[1]);
    if (!o.quiet && file)
        fprintf(stderr, "gasdep diff: wrote %s\n", file);
    return 0;
}

/* ---- check and list ---------------------------------------------------------- */

enum { C_SET };
static const cli_opt CHECK_OPTS[] = {{"set", 0, 1, C_SET}, {NULL, 0, 0, 0}};

typedef struct set_list {
    char **sets;
    int n_sets;
} set_list;

static int on_set_opt(void *ctx, int id, const char *v)
{
    set_list *l = ctx;
    (void)id;
    l->sets[l->n_sets++] = (char *)v;
    return 0;
}

/* The end of option handling shared by check and list: print the usage for
 * --help, or load the scenario with its overrides. NULL with *status set
 * when there is nothing (more) to do. */
static gasdep_model *load_after_parse(int st, int help, const char *usage,
                                      set_list *l, const char *scenario,
                                      int *status)
{
    if (st || help) {
        if (!st)
            fputs(usage, stdout);
        free(l->sets);
        *status = st;
        return NULL;
    }
    gasdep_model *m = cli_load(scenario, l->sets, l->n_sets, status);
    free(l->sets);
    return m;
}

static int cmd_check(int argc, char **argv)
{
    set_list l = {calloc((size_t)argc + 1, sizeof(char *)), 0};
    if (!l.sets)
        return EXIT_RUNTIME;
    const char *pos[1] = {NULL};
    int n_pos, help;
    int st = cli_parse("check", CHECK_USAGE, CHECK_OPTS, argc, argv, on_set_opt, &l,
                       pos, 1, &n_pos, &help, 1);
    if (!st && !help && !n_pos) {
        fprintf(stderr, "gasdep check: no scenario given\n%s", CHECK_USAGE);
        st = EXIT_USAGE;
    }
    int status;
    gasdep_model *m = load_after_parse(st, help, CHECK_USAGE, &l, pos[0], &status);
    if (!m)
        return status;
    int first, last;
    gasdep_horizon(m, &first, &last);
    char d0[11], d1[11];
    gasdep_date_format(first, d0);
    gasdep_date_format(last, d1);
    printf("scenario %s: %s .. %s (%d days)\n", gasdep_scenario_name(m), d0, d1,
           last - first + 1);
    printf("network: %d nodes (%d regions), %d pipelines, %d sources, "
           "%d storage sites, %d LNG terminals, %d events\n",
           gasdep_count(m, GASDEP_NODE), gasdep_count(m, GASDEP_REGION),
           gasdep_count(m, GASDEP_PIPELINE), gasdep_count(m, GASDEP_SOURCE),
           gasdep_count(m, GASDEP_STORAGE), gasdep_count(m, GASDEP_LNG),
           gasdep_count(m, GASDEP_EVENT));
    printf("origins:");
    for (int o = 0; o < gasdep_count(m, GASDEP_ORIGIN); o++)
        printf(" %s(%s)", gasdep_name(m, GASDEP_ORIGIN, o),
               gasdep_name(m, GASDEP_ORIGIN_GROUP, gasdep_origin_group(m, o)));
    /* mcm/d and bcm/y side by side, as `list` shows them */
    printf("\n\n%-10s %-6s %14s %14s %10s\n", "area", "kind", "demand_mcm_d",
           "demand_bcm_y", "n1_pct");
    double total = 0;
    for (int a = 0; a < gasdep_count(m, GASDEP_AREA); a++) {
        const int *mem;
        int k = gasdep_area_members(m, a, &mem);
        double mean = 0; /* mcm/d */
        for (int i = 0; i < k; i++) {
            char path[300];
            double r = 0;
            snprintf(path, sizeof path, "region.%s.demand",
                     gasdep_name(m, GASDEP_AREA, mem[i]));
            gasdep_get(m, path, &r);
            mean += r;
        }
        if (!gasdep_area_is_group(m, a))
            total += mean;
        printf("%-10s %-6s %14.2f %14.2f %10.1f\n", gasdep_name(m, GASDEP_AREA, a),
               gasdep_area_is_group(m, a) ? "group" : "region", mean,
               mean * 365.0 / 1000.0, gasdep_n1_pct(m, a));
    }
    printf("\ntotal regional demand: %.2f bcm/y (%.1f mcm/d mean)\n",
           total * 365.0 / 1000.0, total);
    printf("ok\n");
    gasdep_destroy(m);
    return 0;
}

static const char *LIST_KINDS[] = {"origin", "origin_group", "source", "node",
                                   "region", "group", "pipeline", "storage",
                                   "lng", "event", "corridor", NULL};

/* A parameter of an element by path, NaN when it has none. */
static double par(const gasdep_model *m, const char *kind, const char *name,
                  const char *key)
{
    char path[512];
    double v = NAN;
    snprintf(path, sizeof path, "%s.%s.%s", kind, name, key);
    if (gasdep_get(m, path, &v) != GASDEP_OK)
        v = NAN;
    return v;
}

static void list_kind(const gasdep_model *m, const char *kind)
{
    char d0[11], d1[11];
    if (!strcmp(kind, "origin")) {
        printf("# origin: group\n");
        for (int i = 0; i < gasdep_count(m, GASDEP_ORIGIN); i++)
            printf("origin %s: group %s\n", gasdep_name(m, GASDEP_ORIGIN, i),
                   gasdep_name(m, GASDEP_ORIGIN_GROUP, gasdep_origin_group(m, i)));
    } else if (!strcmp(kind, "origin_group")) {
        printf("# origin_group\n");
        for (int i = 0; i < gasdep_count(m, GASDEP_ORIGIN_GROUP); i++)
            printf("origin_group %s\n", gasdep_name(m, GASDEP_ORIGIN_GROUP, i));
    } else if (!strcmp(kind, "source")) {
        printf("# source: node, origin, capacity mcm/d (bcm/y), min_take mcm/d, cost EUR/MWh\n");
        for (int i = 0; i < gasdep_count(m, GASDEP_SOURCE); i++) {
            const char *n = gasdep_name(m, GASDEP_SOURCE, i);
            gasdep_supply_day r = {0};
            /* node and origin of a source: from its supply record */
            int node = -1, origin = -1;
            if (gasdep_supply_result(m, i, &r) == GASDEP_OK) {
                node = r.node;
                origin = r.origin;
            }
            double cap = par(m, "source", n, "capacity");
            printf("source %s: node %s, origin %s, capacity %.2f (%.2f bcm/y), "
                   "min_take %.2f, cost %.2f\n", n,
                   node >= 0 ? gasdep_name(m, GASDEP_NODE, node) : "?",
                   origin >= 0 ? gasdep_name(m, GASDEP_ORIGIN, origin) : "?", cap,
                   cap * 0.365, par(m, "source", n, "min_take"), par(m, "source", n, "cost"));
        }
    } else if (!strcmp(kind, "node")) {
        printf("# node: region or hub\n");
        for (int i = 0; i < gasdep_count(m, GASDEP_NODE); i++) {
            const char *n = gasdep_name(m, GASDEP_NODE, i);
            printf("node %s: %s\n", n,
                   gasdep_find(m, GASDEP_REGION, n) >= 0 ? "region" : "hub");
        }
    } else if (!strcmp(kind, "region") || !strcmp(kind, "group")) {
        int groups = !strcmp(kind, "group");
        printf("# %s: mean demand mcm/d (bcm/y), N-1 %%%s\n", kind,
               groups ? ", member regions" : "");
        for (int a = 0; a < gasdep_count(m, GASDEP_AREA); a++) {
            if (gasdep_area_is_group(m, a) != groups)
                continue;
            const int *mem;
            int k = gasdep_area_members(m, a, &mem);
            double mean = 0;
            for (int i = 0; i < k; i++)
                mean += par(m, "region", gasdep_name(m, GASDEP_AREA, mem[i]), "demand");
            printf("%s %s: demand %.2f (%.2f bcm/y), N-1 %.1f", kind,
                   gasdep_name(m, GASDEP_AREA, a), mean, mean * 0.365,
                   gasdep_n1_pct(m, a));
            for (int i = 0; groups && i < k; i++)
                printf("%s%s", i ? " " : ", members ", gasdep_name(m, GASDEP_AREA, mem[i]));
            printf("\n");
        }
    } else if (!strcmp(kind, "pipeline")) {
        printf("# pipeline: from -> to, capacity mcm/d (bcm/y), reverse_capacity mcm/d, loss\n");
        for (int p = 0; p < gasdep_count(m, GASDEP_PIPELINE); p++) {
            const char *n = gasdep_name(m, GASDEP_PIPELINE, p);
            int from, to;
            gasdep_pipeline_ends(m, p, &from, &to);
            double cap = par(m, "pipeline", n, "capacity");
            printf("pipeline %s: %s -> %s, capacity %.2f (%.2f bcm/y), reverse_capacity "
                   "%.2f, loss %g\n", n, gasdep_name(m, GASDEP_NODE, from),
                   gasdep_name(m, GASDEP_NODE, to), cap, cap * 0.365,
                   par(m, "pipeline", n, "reverse_capacity"), par(m, "pipeline", n, "loss"));
        }
    } else if (!strcmp(kind, "storage")) {
        printf("# storage: volume mcm, injection mcm/d, withdrawal mcm/d, initial_fill\n");
        for (int k = 0; k < gasdep_count(m, GASDEP_STORAGE); k++) {
            const char *n = gasdep_name(m, GASDEP_STORAGE, k);
            printf("storage %s: volume %.1f, injection %.2f, withdrawal %.2f, "
                   "initial_fill %g\n", n, par(m, "storage", n, "volume"),
                   par(m, "storage", n, "injection"), par(m, "storage", n, "withdrawal"),
                   par(m, "storage", n, "initial_fill"));
        }
    } else if (!strcmp(kind, "lng")) {
        printf("# lng: capacity mcm/d (bcm/y), origins\n");
        int S = gasdep_count(m, GASDEP_SOURCE), N = gasdep_supply_count(m);
        for (int k = 0; k < gasdep_count(m, GASDEP_LNG); k++) {
            const char *n = gasdep_name(m, GASDEP_LNG, k);
            double cap = par(m, "lng", n, "capacity");
            printf("lng %s: capacity %.2f (%.2f bcm/y), origins", n, cap, cap * 0.365);
            gasdep_supply_day r;
            for (int i = S; i < N; i++)
                if (gasdep_supply_result(m, i, &r) == GASDEP_OK && r.element == k)
                    printf(" %s", gasdep_name(m, GASDEP_ORIGIN, r.origin));
            printf("\n");
        }
    } else if (!strcmp(kind, "event")) {
        printf("# event: start .. end\n");
        for (int e = 0; e < gasdep_count(m, GASDEP_EVENT); e++) {
            const char *n = gasdep_name(m, GASDEP_EVENT, e);
            double s = par(m, "event", n, "start"), t = par(m, "event", n, "end");
            gasdep_date_format((int)s, d0);
            if (isnan(t) || t <= 0)
                snprintf(d1, sizeof d1, "open");
            else
                gasdep_date_format((int)t, d1);
            printf("event %s: %s .. %s\n", n, d0, d1);
        }
    } else if (!strcmp(kind, "corridor")) {
        printf("# corridor: capacity_factor, member pipelines, sources, lng\n");
        static const int KIND_OF[] = {GASDEP_PIPELINE, GASDEP_SOURCE, GASDEP_LNG};
        static const char *const WORD[] = {"pipelines", "sources", "lng"};
        for (int c = 0; c < gasdep_count(m, GASDEP_CORRIDOR); c++) {
            const char *n = gasdep_name(m, GASDEP_CORRIDOR, c);
            printf("corridor %s: capacity_factor %g", n,
                   par(m, "corridor", n, "capacity_factor"));
            for (int j = 0; j < 3; j++) {
                const int *idx;
                int k = gasdep_corridor_members(m, c, KIND_OF[j], &idx);
                if (k > 0)
                    printf(", %s", WORD[j]);
                for (int i = 0; i < k; i++)
                    printf(" %s", gasdep_name(m, KIND_OF[j], idx[i]));
            }
            printf("\n");
        }
    }
}

static int cmd_list(int argc, char **argv)
{
    set_list l = {calloc((size_t)argc + 1, sizeof(char *)), 0};
    if (!l.sets)
        return EXIT_RUNTIME;
    const char *pos[2] = {NULL, NULL};
    int n_pos, help;
    int st = cli_parse("list", LIST_USAGE, CHECK_OPTS, argc, argv, on_set_opt, &l,
                       pos, 2, &n_pos, &help, 1);
    if (!st && !help && !n_pos) {
        fprintf(stderr, "gasdep list: no scenario given\n%s", LIST_USAGE);
        st = EXIT_USAGE;
    }
    const char *kind = !st && !help && n_pos == 2 ? pos[1] : NULL;
    if (kind) {
        int ok = 0;
        for (int i = 0; LIST_KINDS[i]; i++)
            ok |= !strcmp(kind, LIST_KINDS[i]);
        if (!ok) {
            const char *near = gasdep_suggest(kind, LIST_KINDS, -1);
            fprintf(stderr, "gasdep list: unknown kind '%s'", kind);
            if (near)
                fprintf(stderr, " (did you mean '%s'?)", near);
            fprintf(stderr, "\n%s", LIST_USAGE);
            st = EXIT_USAGE;
        }
    }
    int status;
    gasdep_model *m = load_after_parse(st, help, LIST_USAGE, &l, pos[0], &status);
    if (!m)
        return status;
    for (int i = 0; LIST_KINDS[i]; i++) {
        int none = !strcmp(LIST_KINDS[i], "corridor") && !gasdep_count(m, GASDEP_CORRIDOR);
        if ((!kind && !none) || (kind && !strcmp(kind, LIST_KINDS[i])))
            list_kind(m, LIST_KINDS[i]);
    }
    gasdep_destroy(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("gasdep %s\n", GASDEP_VERSION);
        return 0;
    }
    /* each subcommand parses argv[1..]: its own name is its argv[0] */
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } CMDS[] = {{"run", cmd_run},           {"check", cmd_check},
                {"list", cmd_list},         {"aggregate", cmd_aggregate},
                {"diff", cmd_diff},         {"sweep", cli_sweep},
                {"montecarlo", cli_montecarlo}, {"dependence", cli_dependence},
                {"criticality", cli_criticality}};
    for (size_t i = 0; i < sizeof CMDS / sizeof CMDS[0]; i++)
        if (!strcmp(cmd, CMDS[i].name))
            return CMDS[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "gasdep: unknown command '%s'\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
