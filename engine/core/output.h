/* output.h: the CSV outputs of one run, committed as a set or not at all.
 * Reads the model through the public API only. */
#ifndef GASDEP_CORE_OUTPUT_H
#define GASDEP_CORE_OUTPUT_H

#include <stdio.h>

#include "errors.h"
#include "gasdep/gasdep.h"

struct output;

/* Open the tables in dir (or one table on only_stream); errors to err.
 * Locks dir for the run and first finishes or removes what a killed run
 * left there (output_recover). */
struct output *output_open(const gasdep_model *m, errlog *err, const char *dir,
                           const char *only_table, FILE *only_stream);
/* Rows of the model's last simulated day. */
int output_day(struct output *o, const gasdep_model *m);
/* Write summary and manifest, close every file; when commit, put the set in
 * place (commit marker, renames, marker removed). */
int output_close(struct output *o, const gasdep_model *m, errlog *err,
                 int commit);
/* In dir (which the caller has locked): finish the renames of a commit that
 * was interrupted (its marker names them), then remove temporaries of killed
 * runs. Counts in *finished and *removed (either may be NULL). 0, or -1
 * when out of memory. */
int output_recover(const char *dir, int *finished, int *removed);
/* After a committed run into dir: remove the previous run's derived files
 * (month/ quarter/ gas-year/ year/ aggregates, figures/, diff.csv), which
 * would describe another run. Returns the count of files and directories
 * removed (output_stale.c). */
int output_remove_stale(const char *dir);

#endif
