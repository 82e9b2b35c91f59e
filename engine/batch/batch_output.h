/* batch_output.h: batch output tables (sweep.csv, runs.csv, bands, probabilities). */
#ifndef GASDEP_BATCH_BATCH_OUTPUT_H
#define GASDEP_BATCH_BATCH_OUTPUT_H

#include "batch_journal.h"
#include "batch_state.h"
#include "buf.h"

int batch_write_outputs(const gasdep_batch *b, journal *j, const char *dir,
                        int keep_series, int threads, gasdep_batch_report *r,
                        bbuf *err);

#endif
