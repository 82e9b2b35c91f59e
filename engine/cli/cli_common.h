/* cli_common.h: helpers shared by the gasdep subcommands (cli.c, cli_batch.c). */
#ifndef GASDEP_CLI_COMMON_H
#define GASDEP_CLI_COMMON_H

#include "gasdep/gasdep.h"

#define EXIT_RUNTIME 1 /* the run failed (solver, I/O) */
#define EXIT_USAGE 2   /* bad usage or bad input */

/* 1 when argv holds --help or -h. */
int cli_wants_help(int argc, char **argv);
/* Load the scenario, apply the overrides and initialise; prints errors.
 * Returns the model or NULL with *status set to the exit status. */
gasdep_model *cli_load(const char *path, char **sets, int n_sets, int *status);
/* Print each line of a warnings text as "gasdep: warning: LINE" on stderr. */
void cli_print_warnings(const char *warnings);

#endif
