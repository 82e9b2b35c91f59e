/* quantiles.c: quantiles by selection (quantiles.h). */
#include "quantiles.h"

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Reorder x[lo..hi] so that x[k] is the value a sort would put there, with
 * no larger value before it and no smaller one after (Hoare's selection,
 * median-of-three pivots; ties split between the sides, so runs of equal
 * values cost no more than distinct ones). */
static void select_kth(double *x, size_t lo, size_t hi, size_t k)
{
    while (hi > lo) {
        size_t mid = lo + (hi - lo) / 2;
        if (x[mid] < x[lo])
            swap(&x[mid], &x[lo]);
        if (x[hi] < x[lo])
            swap(&x[hi], &x[lo]);
        if (x[hi] < x[mid])
            swap(&x[hi], &x[mid]);
        double pivot = x[mid];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (x[i] < pivot)
                i++;
            while (pivot < x[j])
                j--;
            if (i <= j) {
                swap(&x[i], &x[j]);
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        /* x[lo..j] <= pivot <= x[i..hi], and x[j+1..i-1] == pivot */
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

void quantiles_select(double *x, size_t n, const double *p, int np, double *q)
{
    size_t lo = 0; /* x[0..lo) holds the order statistics below lo, placed */
    for (int t = 0; t < np; t++) {
        double index = p[t] * (double)(n - 1);
        size_t lhs = (size_t)index;
        double delta = index - (double)lhs;
        if (lhs >= lo) {
            select_kth(x, lo, n - 1, lhs);
            lo = lhs;
        }
        if (lhs == n - 1) {
            q[t] = x[lhs];
            continue;
        }
        /* the next order statistic: the least value after lhs */
        double next = x[lhs + 1];
        for (size_t i = lhs + 2; i < n; i++)
            if (x[i] < next)
                next = x[i];
        q[t] = (1 - delta) * x[lhs] + delta * next;
    }
}
