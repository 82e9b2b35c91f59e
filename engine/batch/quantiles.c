/* quantiles.c: quantiles by selection (quantiles.h). */
#include "quantiles.h"

static void swap(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Hoare partition of x[lo..hi] (hi > lo) around a median-of-three pivot:
 * on return x[lo..*j] <= pivot <= x[*i..hi], and x[*j+1..*i-1] == pivot
 * (ties split between the sides, so runs of equal values cost no more
 * than distinct ones). */
static void partition(double *x, size_t lo, size_t hi, size_t *pi, size_t *pj)
{
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
    *pi = i;
    *pj = j;
}

/* Reorder x[lo..hi] so that each of the ranks k[0..nk) (ascending, inside
 * lo..hi) holds the value a sort would put there: partition, then go on in
 * each side that holds wanted ranks (the smaller side by recursion, the
 * larger by the loop, so the depth stays logarithmic). */
static void select_ranks(double *x, size_t lo, size_t hi, const size_t *k, int nk)
{
    while (nk > 0 && hi > lo) {
        size_t i, j;
        partition(x, lo, hi, &i, &j);
        int left = 0, right = nk; /* ranks <= j, ranks >= i */
        while (left < nk && k[left] <= j)
            left++;
        while (right > 0 && k[right - 1] >= i)
            right--;
        /* k[left..right) lie between j and i: equal to the pivot, placed */
        if (j - lo < hi - i) {
            if (left > 0)
                select_ranks(x, lo, j, k, left);
            k += right, nk -= right, lo = i;
        } else {
            if (nk - right > 0)
                select_ranks(x, i, hi, k + right, nk - right);
            nk = left, hi = j;
        }
    }
}

void quantiles_select(double *x, size_t n, const double *p, int np, double *q)
{
    size_t lhs[QUANTILES_MAX], rank[2 * QUANTILES_MAX] = {0};
    double delta[QUANTILES_MAX];
    int nr = 0;
    for (int t = 0; t < np && t < QUANTILES_MAX; t++) {
        double index = p[t] * (double)(n - 1);
        lhs[t] = (size_t)index;
        delta[t] = index - (double)lhs[t];
        for (size_t r = lhs[t]; r <= lhs[t] + 1 && r < n; r++)
            if (nr == 0 || rank[nr - 1] < r)
                rank[nr++] = r;
    }
    select_ranks(x, 0, n - 1, rank, nr);
    /* GSL's arithmetic, so the same bits */
    for (int t = 0; t < np && t < QUANTILES_MAX; t++)
        q[t] = lhs[t] == n - 1 ? x[lhs[t]]
                               : (1 - delta[t]) * x[lhs[t]] + delta[t] * x[lhs[t] + 1];
}
