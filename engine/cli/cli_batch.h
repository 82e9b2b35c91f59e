/* cli_batch.h: the batch subcommands `gasdep sweep`, `montecarlo`, `dependence`, `criticality`. */
#ifndef GASDEP_CLI_BATCH_H
#define GASDEP_CLI_BATCH_H

int cli_sweep(int argc, char **argv);
int cli_montecarlo(int argc, char **argv);
int cli_dependence(int argc, char **argv);
int cli_criticality(int argc, char **argv);

#endif
