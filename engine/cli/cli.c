/* cli.c: the gasdep command line, a thin client of the library API. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_batch.h"
#include "cli_common.h"
#include "gasdep/gasdep.h"


static const char *USAGE =
    "usage: gasdep COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO        simulate and write CSV time series\n"
    "  check SCENARIO      validate; print the network, totals and N-1\n"
    "  sweep SCENARIO      batch parameter sweep (gasdep sweep --help)\n"
    "  montecarlo SCENARIO Monte Carlo over outages and weather\n"
    "\n"
    "  --help              this text (gasdep COMMAND --help for a command)\n"
    "  --version           print the engine version\n"
    "\n"
    "exit status: 0 ok, 1 runtime failure, 2 bad usage or bad input\n";

static const char *RUN_USAGE =
    "usage: gasdep run SCENARIO [-o DIR] [--set PATH=VALUE]... [--table NAME] [-q]\n"
    "\n"
    "  -o DIR            output directory (default: out); '-' writes one table\n"
    "                    to standard output (choose it with --table)\n"
    "  --set PATH=VALUE  override a parameter, e.g. pipeline.TAP.capacity=20bcm/y\n"
    "  --table NAME      with -o -: balance (default), shares, group_shares,\n"
    "                    flows, summary or manifest\n"
    "  -q, --quiet       no log on standard error\n"
    "\n"
    "writes balance.csv, shares.csv, group_shares.csv, flows.csv, summary.csv\n"
    "and manifest.csv; each file appears only when the run has completed.\n";

static const char *CHECK_USAGE =
    "usage: gasdep check SCENARIO [--set PATH=VALUE]...\n"
    "\n"
    "Validates the scenario (all errors, as file:line: message) and prints the\n"
    "network, demand and supply totals and the N-1 indicator of each region and\n"
    "group (Regulation (EU) 2017/1938, Annex II).\n";

static int cmd_run(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(RUN_USAGE, stdout);
        return 0;
    }
    const char *scenario = NULL, *out = "out", *table = NULL;
    int quiet = 0, n_sets = 0;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets)
        return EXIT_RUNTIME;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--set") && i + 1 < argc)
            sets[n_sets++] = argv[++i];
        else if (!strncmp(a, "--set=", 6))
            sets[n_sets++] = (char *)a + 6;
        else if (!strcmp(a, "--table") && i + 1 < argc)
            table = argv[++i];
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
            quiet = 1;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "gasdep run: unknown or incomplete option '%s'\n%s",
                    a, RUN_USAGE);
            free(sets);
            return EXIT_USAGE;
        } else if (!scenario)
            scenario = a;
        else {
            fprintf(stderr, "gasdep run: more than one scenario given\n");
            free(sets);
            return EXIT_USAGE;
        }
    }
    if (!scenario) {
        fprintf(stderr, "gasdep run: no scenario given\n%s", RUN_USAGE);
        free(sets);
        return EXIT_USAGE;
    }
    int to_stdout = !strcmp(out, "-");
    if (table && !to_stdout) {
        fprintf(stderr, "gasdep run: --table goes with -o -\n");
        free(sets);
        return EXIT_USAGE;
    }
    if (table) {
        int ok = 0;
        for (int i = 0; gasdep_tables[i]; i++)
            ok |= !strcmp(table, gasdep_tables[i]);
        if (!ok) {
            fprintf(stderr, "gasdep run: unknown table '%s'\n", table);
            free(sets);
            return EXIT_USAGE;
        }
    }
    int status;
    gasdep_model *m = cli_load(scenario, sets, n_sets, &status);
    free(sets);
    if (!m)
        return status;
    clock_t t0 = clock();
    int rc = to_stdout ? gasdep_run_to(m, NULL, table ? table : "balance", stdout)
                       : gasdep_run(m, out);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (rc != GASDEP_OK) {
        fprintf(stderr, "gasdep: %s\ngasdep: run failed (%s); no output written\n",
                gasdep_errmsg(m), gasdep_strerror(rc));
        gasdep_destroy(m);
        return rc == GASDEP_EARG || rc == GASDEP_EINPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    if (!quiet) {
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
        if (!to_stdout)
            fprintf(stderr, "gasdep: wrote %s/{balance,shares,group_shares,flows,"
                            "summary,manifest}.csv\n", out);
    }
    gasdep_destroy(m);
    return 0;
}

static int cmd_check(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(CHECK_USAGE, stdout);
        return 0;
    }
    const char *scenario = NULL;
    int n_sets = 0;
    char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets)
        return EXIT_RUNTIME;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--set") && i + 1 < argc)
            sets[n_sets++] = argv[++i];
        else if (argv[i][0] == '-' || scenario) {
            fprintf(stderr, "gasdep check: unexpected argument '%s'\n%s",
                    argv[i], CHECK_USAGE);
            free(sets);
            return EXIT_USAGE;
        } else
            scenario = argv[i];
    }
    if (!scenario) {
        fprintf(stderr, "gasdep check: no scenario given\n%s", CHECK_USAGE);
        free(sets);
        return EXIT_USAGE;
    }
    int status;
    gasdep_model *m = cli_load(scenario, sets, n_sets, &status);
    free(sets);
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
    printf("\n\n%-10s %-6s %14s %10s\n", "area", "kind", "demand_bcm_y", "n1_pct");
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
        printf("%-10s %-6s %14.2f %10.1f\n", gasdep_name(m, GASDEP_AREA, a),
               gasdep_area_is_group(m, a) ? "group" : "region",
               mean * 365.0 / 1000.0, gasdep_n1_pct(m, a));
    }
    printf("\ntotal regional demand: %.2f bcm/y (%.1f mcm/d mean)\n",
           total * 365.0 / 1000.0, total);
    printf("ok\n");
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
    if (!strcmp(cmd, "run"))
        return cmd_run(argc - 2, argv + 2);
    if (!strcmp(cmd, "check"))
        return cmd_check(argc - 2, argv + 2);
    if (!strcmp(cmd, "sweep"))
        return cli_sweep(argc - 2, argv + 2);
    if (!strcmp(cmd, "montecarlo"))
        return cli_montecarlo(argc - 2, argv + 2);
    fprintf(stderr, "gasdep: unknown command '%s'\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
