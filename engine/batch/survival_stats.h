/* survival_stats.h: quantiles of right-censored survival times (Monte Carlo
 * survival_distribution.csv). */
#ifndef GASDEP_BATCH_SURVIVAL_STATS_H
#define GASDEP_BATCH_SURVIVAL_STATS_H

#include <stddef.h>

/* Sort x[0..n) ascending with NaN (no shortfall in the horizon: survival
 * longer than observed) as +infinity, after every finite value. */
void survival_sort(double *x, size_t n);
/* Quantile p (0..1) of sorted x[0..n) by GSL's rule (linear between the
 * order statistics around (n - 1) p); NaN when it needs a censored value
 * (the quantile lies beyond the horizon) or n is 0. */
double survival_quantile(const double *x, size_t n, double p);

#endif
