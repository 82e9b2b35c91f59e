/* output.h: the CSV outputs of one run, written whole or not at all. Reads
 * the model through the public API only. */
#ifndef GASDEP_CORE_OUTPUT_H
#define GASDEP_CORE_OUTPUT_H

#include <stdio.h>

#include "errors.h"
#include "gasdep/gasdep.h"

struct output;

/* Open the tables in dir (or one table on only_stream); errors to err. */
struct output *output_open(const gasdep_model *m, errlog *err, const char *dir,
                           const char *only_table, FILE *only_stream);
/* Rows of the model's last simulated day. */
int output_day(struct output *o, const gasdep_model *m);
/* Write summary and manifest, close; rename into place when commit. */
int output_close(struct output *o, const gasdep_model *m, errlog *err,
                 int commit);

#endif
