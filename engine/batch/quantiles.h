/* quantiles.h: several quantiles of one sample by selection (Monte Carlo
 * bands.csv), without sorting it. */
#ifndef GASDEP_BATCH_QUANTILES_H
#define GASDEP_BATCH_QUANTILES_H

#include <stddef.h>

#define QUANTILES_MAX 16 /* quantiles a call computes at most */

/* The quantiles p[0..np) (ascending, each in 0..1, np <= QUANTILES_MAX)
 * of x[0..n), n > 0, by GSL's rule (gsl_stats_quantile_from_sorted_data:
 * linear between the order statistics around (n - 1) p), into q[0..np).
 * x is reordered. The order statistics are found together by selection
 * (partitions that go on only into the sides holding a wanted rank:
 * expected O(n log np)) instead of a sort (O(n log n)): the same values. */
void quantiles_select(double *x, size_t n, const double *p, int np, double *q);

#endif
