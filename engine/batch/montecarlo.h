/* montecarlo.h: the stochastic model of Monte Carlo: elements, draws per run. */
#ifndef GASDEP_BATCH_MONTECARLO_H
#define GASDEP_BATCH_MONTECARLO_H

#include "batch_state.h"

int mc_collect(gasdep_batch *b, gasdep_model *probe);
void mc_free(gasdep_batch *b);
/* Per-run schedule: factors per day for each stochastic element, the
 * demand factor per region and day, event start offsets. */
typedef struct mc_draw {
    int n_days, n_el, n_regions, n_ev;
    double *cap;    /* n_el x n_days capacity factors */
    double *demand; /* n_regions x n_days demand factors (NULL if no weather) */
    double *anomaly; /* n_days temperature anomaly, K */
    int *ev_offset; /* n_ev start offsets, days */
    int n_outages;  /* outages started in the horizon, all elements */
} mc_draw;
int mc_draw_run(const gasdep_batch *b, long run, mc_draw *d);
void mc_draw_free(mc_draw *d);

#endif
