/* survival_stats.c: quantiles of right-censored survival times. A run without
 * a shortfall survived longer than the horizon let us watch: it sorts after
 * every shortfall, and a quantile that falls among such runs is unknown
 * (empty), not a number of days. */
#include <math.h>
#include <stdlib.h>

#include "survival_stats.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void survival_sort(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            x[i] = INFINITY;
    qsort(x, n, sizeof *x, cmp);
}

double survival_quantile(const double *x, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double idx = (double)(n - 1) * p;
    size_t lo = (size_t)floor(idx);
    double delta = idx - (double)lo;
    if (!isfinite(x[lo]))
        return NAN;
    if (delta <= 0 || lo + 1 >= n)
        return x[lo];
    if (!isfinite(x[lo + 1]))
        return NAN;
    return (1 - delta) * x[lo] + delta * x[lo + 1];
}
