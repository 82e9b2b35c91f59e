/* cli_batch.c: sweep and Monte Carlo commands (placeholder until built). */
#include <stdio.h>

#include "cli.h"

int cli_sweep(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "gasdep sweep: not available in this build\n");
    return 2;
}

int cli_montecarlo(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "gasdep montecarlo: not available in this build\n");
    return 2;
}
