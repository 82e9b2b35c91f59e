/* cli_common.c: helpers every gasdep subcommand uses (help flag, loading a
 * scenario with overrides and printing its errors). */
#include <stdio.h>
#include <string.h>

#include "cli_common.h"

int cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
    return 0;
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

