/* sweep.h: sweep designs: --vary specs, sweep files, the run grid or sample. */
#ifndef GASDEP_BATCH_SWEEP_H
#define GASDEP_BATCH_SWEEP_H

#include <stddef.h>

#include "batch_state.h"

int sweep_parse_vary(gasdep_batch *b, const char *spec);
int sweep_expand(gasdep_batch *b, gasdep_model *probe_loaded);
int sweep_value(const gasdep_batch *b, long run, int p, char *buf, size_t len);
void sweep_free(gasdep_batch *b);
/* Column name of a varied parameter in sweep.csv: the path with its
 * canonical unit, "pipeline.TAP-AL-IT.capacity_mcm_d" ("/" as "_", "1/y" as
 * "per_y"); the bare path for fractions, dates and words (unit "" or NULL).
 * malloc'd; NULL when out of memory. */
char *sweep_column(const char *path, const char *unit);

#endif
