/* quantiles.h: several quantiles of one sample by selection (Monte Carlo
 * bands.csv), without sorting it. */
#ifndef GASDEP_BATCH_QUANTILES_H
#define GASDEP_BATCH_QUANTILES_H

#include <stddef.h>

/* The quantiles p[0..np) (ascending, each in 0..1) of x[0..n), n > 0, by
 * GSL's rule (gsl_stats_quantile_from_sorted_data: linear between the
 * order statistics around (n - 1) p), into q[0..np). x is reordered. The
 * order statistics are found by selection (expected O(n) each) instead of
 * a sort (O(n log n)): the values are the same. */
void quantiles_select(double *x, size_t n, const double *p, int np, double *q);

#endif
