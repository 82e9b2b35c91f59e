/* sweep.h: sweep designs: --vary specs, sweep files, the run grid or sample. */
#ifndef GASDEP_BATCH_SWEEP_H
#define GASDEP_BATCH_SWEEP_H

#include <stddef.h>

#include "batch_state.h"

int sweep_parse_vary(gasdep_batch *b, const char *spec);
int sweep_expand(gasdep_batch *b, gasdep_model *probe_loaded);
int sweep_value(const gasdep_batch *b, long run, int p, char *buf, size_t len);
void sweep_free(gasdep_batch *b);

#endif
