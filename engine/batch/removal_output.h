/* removal_output.h: the tables of dependence and criticality batches. */
#ifndef GASDEP_BATCH_REMOVAL_OUTPUT_H
#define GASDEP_BATCH_REMOVAL_OUTPUT_H

#include "batch_journal.h"
#include "batch_state.h"
#include "buf.h"

/* Below this (mcm over the horizon) a region got nothing from a source:
 * its cannot_do_without share is NA. */
#define SUPPLY_EPS_MCM 1e-9

/* dependence.csv or criticality.csv into dir (docs/OUTPUTS.md). */
int removal_write(const gasdep_batch *b, journal *j, const char *dir,
                  gasdep_batch_report *r, bbuf *err);

#endif
