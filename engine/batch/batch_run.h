/* batch_run.h: one run of a batch (worker) into one journal record. */
#ifndef GASDEP_BATCH_BATCH_RUN_H
#define GASDEP_BATCH_BATCH_RUN_H

#include "batch_state.h"
#include "buf.h"

typedef struct bworker bworker;
bworker *bworker_create(const gasdep_batch *b, int keep_series);
void bworker_destroy(bworker *w);
/* Simulate run `run` and build its record (header + payload) in `out`.
 * Returns 0, or -1 when memory ran out (a model failure is a record). */
int bworker_run(bworker *w, long run, bbuf *out);
/* CSV header of the summary rows (sweep.csv / runs.csv). */
void batch_rows_header(const gasdep_batch *b, bbuf *out);
void batch_series_header(const gasdep_batch *b, bbuf *out);

#endif
