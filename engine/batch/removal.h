/* removal.h: dependence and criticality batches: the elements removed one per
 * run, removing one from a model, and each run's per-area figures. */
#ifndef GASDEP_BATCH_REMOVAL_H
#define GASDEP_BATCH_REMOVAL_H

#include <stddef.h>

#include "batch_state.h"
#include "buf.h"

/* Figures kept per area and run (the run's SEC_PROB section): RF_COUNT
 * doubles per area, then per area the volume supplied from each origin. */
enum { RF_DEMAND, RF_SUPPLIED, RF_UNSERVED, RF_DAYS_SHORT, RF_FIRST_SHORT, RF_COUNT };

/* Check and keep the kinds to remove ("group", "pipeline,lng", ...). */
int removal_parse(gasdep_batch *b, const char *kinds);
/* From the initialised probe model: the elements to remove, the origins'
 * groups, the number of runs and the description. */
int removal_collect(gasdep_batch *b, const gasdep_model *probe);
void removal_free(gasdep_batch *b);
/* Before the step of `day`: remove run's element when it is the first day
 * of the period (run 1: nothing). */
int removal_apply(const gasdep_batch *b, long run, gasdep_model *m, int day);
/* The word of a removed element's kind ("origin", "group", "pipeline", ...). */
const char *removal_kind_word(int kind);

/* Doubles of a run's accumulator and of its record section. */
size_t removal_len(const gasdep_batch *b);
void removal_reset(const gasdep_batch *b, double *acc);
/* Add the day just stepped when it lies in the period; 1 when it was the
 * period's last day (the run can stop). */
int removal_day(const gasdep_batch *b, const gasdep_model *m, double *acc);
/* The run's totals, appended to out. */
void removal_record(const gasdep_batch *b, const double *acc, bbuf *out);

#endif
