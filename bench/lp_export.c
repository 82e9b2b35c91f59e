/* lp_export.c: run a scenario to a given day and write the dispatch LP of
 * that day's window as a free MPS file, to time other solvers on the same
 * problem (bench/compare_solvers.sh). Usage:
 *   gasdep_lp_export SCENARIO DAYS OUT.mps [PATH=VALUE]... */
#include <stdio.h>
#include <stdlib.h>

#include "dispatch.h"
#include "gasdep/gasdep.h"
#include "model.h"

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s SCENARIO DAYS OUT.mps [PATH=VALUE]...\n", argv[0]);
        return 2;
    }
    gasdep_model *m = gasdep_create();
    int rc = gasdep_load(m, argv[1]);
    for (int i = 4; rc == GASDEP_OK && i < argc; i++)
        rc = gasdep_set_assignment(m, argv[i]);
    if (rc == GASDEP_OK)
        rc = gasdep_init(m);
    for (int d = 0; rc == GASDEP_OK && d < atoi(argv[2]); d++)
        rc = gasdep_step(m);
    if (rc != GASDEP_OK && rc != GASDEP_DONE) {
        fprintf(stderr, "%s\n", gasdep_errmsg(m));
        gasdep_destroy(m);
        return 1;
    }
    rc = dispatch_write_mps(m->lp, argv[3]);
    gasdep_destroy(m);
    return rc == GASDEP_OK ? 0 : 1;
}
