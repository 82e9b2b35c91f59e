/* cli_common.h: helpers shared by the gasdep subcommands (cli.c, cli_batch.c):
 * the one option parser (getopt_long) and loading a scenario. */
#ifndef GASDEP_CLI_COMMON_H
#define GASDEP_CLI_COMMON_H

#include "gasdep/gasdep.h"

#define EXIT_RUNTIME 1 /* the run failed (solver, I/O) */
#define EXIT_USAGE 2   /* bad usage or bad input */

/* One option of a subcommand: --name (and -c when shrt is non-zero), with
 * or without a value; id is passed to the handler. */
typedef struct cli_opt {
    const char *name;
    int shrt;
    int has_value;
    int id;
} cli_opt;

/* Handler of one option: value is NULL for a flag. Returns 0, or an exit
 * status to stop parsing (it prints its own message). */
typedef int (*cli_on_opt)(void *ctx, int id, const char *value);

/* Parse a subcommand's arguments with getopt_long: "--opt VALUE",
 * "--opt=VALUE", "-o VALUE", "-oVALUE", flags bundled ("-q"), options
 * before or after the operands, "--" ending options. --help/-h set *help.
 * Operands go to pos (at most max_pos; more is a usage error). argv[0] is
 * the subcommand's name. Messages (unknown option, missing value) go to
 * stderr when `print` is non-zero. Returns 0 or EXIT_USAGE. */
int cli_parse(const char *cmd, const char *usage, const cli_opt *opts, int argc,
              char **argv, cli_on_opt on_opt, void *ctx, const char **pos,
              int max_pos, int *n_pos, int *help, int print);

/* Load the scenario, apply the overrides and initialise; prints errors.
 * Returns the model or NULL with *status set to the exit status. */
gasdep_model *cli_load(const char *path, char **sets, int n_sets, int *status);
/* Print each line of a warnings text as "gasdep: warning: LINE" on stderr. */
void cli_print_warnings(const char *warnings);

#endif
