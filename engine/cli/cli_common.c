/* cli_common.c: helpers every gasdep subcommand uses (the option parser on
 * getopt_long, loading a scenario with overrides and printing its errors). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"

int cli_parse(const char *cmd, const char *usage, const cli_opt *opts, int argc,
              char **argv, cli_on_opt on_opt, void *ctx, const char **pos,
              int max_pos, int *n_pos, int *help, int print)
{
    int n = 0;
    while (opts[n].name)
        n++;
    struct option *lo = calloc((size_t)n + 2, sizeof *lo);
    char *so = malloc(3 * (size_t)n + 4);
    if (!lo || !so) {
        free(lo);
        free(so);
        if (print)
            fprintf(stderr, "gasdep %s: out of memory\n", cmd);
        return EXIT_RUNTIME;
    }
    /* "+"-less: GNU getopt permutes, so options may follow operands; ":"
     * first: a missing value is reported as ':' */
    size_t k = 0;
    so[k++] = ':';
    so[k++] = 'h';
    for (int i = 0; i < n; i++) {
        lo[i].name = opts[i].name;
        lo[i].has_arg = opts[i].has_value ? required_argument : no_argument;
        lo[i].flag = NULL;
        lo[i].val = 256 + i;
        if (opts[i].shrt) {
            so[k++] = (char)opts[i].shrt;
            if (opts[i].has_value)
                so[k++] = ':';
        }
    }
    so[k] = '\0';
    lo[n].name = "help";
    lo[n].val = 'h';
    *n_pos = 0;
    *help = 0;
    int st = 0;
    opterr = 0;
    optind = 0; /* glibc: full reinitialisation, the parser runs once per call */
    int c, li;
    while (st == 0 && (c = getopt_long(argc, argv, so, lo, &li)) != -1) {
        if (c == 'h') {
            *help = 1;
            continue;
        }
        if (c == '?' || c == ':') {
            const char *what = argv[optind - 1];
            char letter[3] = {'-', (char)optopt, '\0'};
            if (optopt > 0 && optopt < 256 && what[1] != '-')
                what = letter; /* a short option, perhaps inside a bundle */
            if (print)
                fprintf(stderr, "gasdep %s: %s '%s'\n%s", cmd,
                        c == ':' ? "missing value for option" : "unknown option",
                        what, usage);
            st = EXIT_USAGE;
            break;
        }
        int i = -1;
        if (c >= 256)
            i = c - 256;
        else
            for (int j = 0; j < n; j++)
                if (opts[j].shrt == c)
                    i = j;
        if (i < 0)
            continue;
        st = on_opt(ctx, opts[i].id, opts[i].has_value ? optarg : NULL);
    }
    for (int i = optind; st == 0 && i < argc; i++) {
        if (*n_pos >= max_pos) {
            if (print)
                fprintf(stderr, "gasdep %s: unexpected argument '%s'\n%s", cmd,
                        argv[i], usage);
            st = EXIT_USAGE;
        } else {
            pos[(*n_pos)++] = argv[i];
        }
    }
    free(lo);
    free(so);
    return st;
}

/* Load the scenario and apply overrides; prints errors. Returns a model or
 * NULL (with *status set to the exit status). */
gasdep_model *cli_load(const char *path, char **sets, int n_sets, int *status)
{
    gasdep_model *m = gasdep_create();
    if (!m) {
        fprintf(stderr, "gasdep: out of memory\n");
        *status = EXIT_RUNTIME;
        return NULL;
    }
    int rc = gasdep_load(m, path);
    int bad = rc != GASDEP_OK;
    if (rc == GASDEP_EIO) {
        fprintf(stderr, "gasdep: %s\n", gasdep_errmsg(m));
        gasdep_destroy(m);
        *status = EXIT_USAGE;
        return NULL;
    }
    for (int i = 0; i < n_sets; i++)
        if (gasdep_set_assignment(m, sets[i]) != GASDEP_OK)
            bad = 1;
    /* after a failed load or --set, init adds the checks that need no
     * network, so that one pass reports them all */
    if (gasdep_init(m) != GASDEP_OK)
        bad = 1;
    if (bad) {
        fprintf(stderr, "%s\n", gasdep_errmsg(m));
        int n = gasdep_error_count(m);
        fprintf(stderr, "gasdep: %d error%s%s; nothing written\n", n,
                n == 1 ? "" : "s", n > 50 ? " (first 50 shown)" : "");
        gasdep_destroy(m);
        *status = EXIT_USAGE;
        return NULL;
    }
    cli_print_warnings(gasdep_warnings(m));
    *status = 0;
    return m;
}

void cli_print_warnings(const char *w)
{
    while (w && *w) {
        const char *nl = strchr(w, '\n');
        int len = nl ? (int)(nl - w) : (int)strlen(w);
        fprintf(stderr, "gasdep: warning: %.*s\n", len, w);
        w = nl ? nl + 1 : NULL;
    }
}

