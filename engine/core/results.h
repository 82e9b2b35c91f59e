/* results.h: the day's results by area (regions and region groups), mass
 * balance check, run summaries and the N-1 indicator. */
#ifndef GASDEP_CORE_RESULTS_H
#define GASDEP_CORE_RESULTS_H

#include "day.h"

typedef struct summary {
    double *demand, *supplied, *unserved, *min_fill, *peak_price, *n1;
    double *reduced; /* demand given up by demand blocks (issue 10), mcm */
    int *days_short;
    double *gsum, *gmin, *gmax; /* n_areas x n_ogroups */
    double *vsum, *vmin, *vmax; /* n_areas x n_corridors: via shares */
} summary;

/* Allocate the summary accumulators (from arena a). */
int results_alloc(summary *s, const net *n, arena *a);
void results_summary_reset(summary *s, const net *n);
/* Area results of the day from the dispatch and tracing; accumulate. */
void results_day(summary *s, const net *n, day_state *d);
/* N-1 of an area from the capacities in d (Reg. 2017/1938 Annex II). */
double results_n1(const net *n, const day_state *d, int area);
/* Largest node imbalance of the day (mcm); scratch has n_nodes doubles. */
double results_imbalance(const net *n, const day_state *d, double *scratch);

#endif
