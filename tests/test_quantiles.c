/* test_quantiles.c: quantiles by selection (engine/batch/quantiles.c)
 * against the independent method they replace, GSL's sort and
 * gsl_stats_quantile_from_sorted_data, on random samples with and without
 * ties, and by hand. */
#include <criterion/criterion.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <string.h>

#include "quantiles.h"

static const double Q[5] = {0.05, 0.25, 0.50, 0.75, 0.95};

Test(quantiles, by_hand)
{
    /* 1..11 shuffled: (n - 1) p = 0.5, 2.5, 5, 7.5, 9.5 -> 1.5, 3.5, 6, 8.5, 10.5 */
    double x[11] = {7, 3, 11, 1, 9, 5, 2, 10, 4, 8, 6};
    double q[5];
    quantiles_select(x, 11, Q, 5, q);
    const double want[5] = {1.5, 3.5, 6, 8.5, 10.5};
    for (int i = 0; i < 5; i++)
        cr_expect_eq(q[i], want[i], "p%g: %g", 100 * Q[i], q[i]);
    double one = 42, q1[5];
    quantiles_select(&one, 1, Q, 5, q1);
    for (int i = 0; i < 5; i++)
        cr_expect_eq(q1[i], 42.0);
}

/* Bit for bit what the sort gives: n from 1 to 300, values continuous,
 * from a handful of levels (many ties), and already sorted or reversed. */
Test(quantiles, equal_to_sort_and_gsl)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double x[300], y[300];
    for (int kind = 0; kind < 4; kind++)
        for (size_t n = 1; n <= 300; n += (n < 20 ? 1 : 7)) {
            for (size_t i = 0; i < n; i++) {
                double u = gsl_rng_uniform(r);
                x[i] = kind == 0   ? 1e3 * (u - 0.3)
                       : kind == 1 ? (double)(int)(5 * u)
                       : kind == 2 ? (double)i
                                   : (double)(n - i);
            }
            memcpy(y, x, n * sizeof *x);
            gsl_sort(y, 1, n);
            double q[5];
            quantiles_select(x, n, Q, 5, q);
            for (int t = 0; t < 5; t++) {
                double want = gsl_stats_quantile_from_sorted_data(y, 1, n, Q[t]);
                cr_expect_eq(q[t], want, "kind %d n %zu p%g: %.17g, sort %.17g", kind, n,
                             100 * Q[t], q[t], want);
            }
        }
    gsl_rng_free(r);
}
