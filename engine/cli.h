/* cli.h: shared helpers of the command-line front end. */
#ifndef GASDEP_CLI_H
#define GASDEP_CLI_H

#include "gasdep/gasdep.h"

int cli_wants_help(int argc, char **argv);
gasdep_model *cli_load(const char *path, char **sets, int n_sets, int *status);
int cli_sweep(int argc, char **argv);
int cli_montecarlo(int argc, char **argv);

#endif
