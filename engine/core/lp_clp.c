/* lp_clp.c: the COIN-OR Clp backend of the LP interface (lp_backend.h),
 * through Clp's C interface. Bounds and costs are kept here (0-based) and
 * handed over whole before a solve when changed: one call per array is
 * cheaper than one per entry. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <Clp_C_Interface.h>

#include "lp_backend.h"

typedef struct clp_lp {
    Clp_Simplex *C;
    int nrows, ncols;
    double *collb, *colub, *obj, *rowlb, *rowub;
    int dirty; /* bounds or costs changed since the last hand-over */
} clp_lp;

static void clp_destroy(void *s)
{
    clp_lp *L = s;
    if (!L)
        return;
    if (L->C)
        Clp_deleteModel(L->C);
    free(L->collb), free(L->colub), free(L->obj), free(L->rowlb), free(L->rowub);
    free(L);
}

static void *clp_create(int nrows, int ncols, int nnz, const int *ia,
                        const int *ja, const double *ar)
{
    clp_lp *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    int m = L->nrows = nrows, n = L->ncols = ncols;
    L->collb = calloc((size_t)n + 1, sizeof(double));
    L->colub = calloc((size_t)n + 1, sizeof(double));
    L->obj = calloc((size_t)n + 1, sizeof(double));
    L->rowlb = malloc(((size_t)m + 1) * sizeof(double));
    L->rowub = malloc(((size_t)m + 1) * sizeof(double));
    CoinBigIndex *start = calloc((size_t)n + 2, sizeof *start);
    int *index = malloc(((size_t)nnz + 1) * sizeof *index);
    double *value = malloc(((size_t)nnz + 1) * sizeof *value);
    int *fill = calloc((size_t)n + 1, sizeof *fill);
    L->C = Clp_newModel();
    int ok = L->collb && L->colub && L->obj && L->rowlb && L->rowub && start &&
             index && value && fill && L->C;
    if (ok) {
        for (int i = 0; i < m; i++)
            L->rowlb[i] = -DBL_MAX, L->rowub[i] = DBL_MAX;
        /* triplets (1-based) to compressed columns (0-based) */
        for (int k = 1; k <= nnz; k++)
            start[ja[k]]++;
        for (int j = 1; j <= n; j++)
            start[j] += start[j - 1];
        for (int k = 1; k <= nnz; k++) {
            int j = ja[k] - 1;
            CoinBigIndex at = start[j] + fill[j]++;
            index[at] = ia[k] - 1;
            value[at] = ar[k];
        }
        Clp_setLogLevel(L->C, 0);
        Clp_setPerturbation(L->C, 100); /* none: the tie-break must decide ties */
        Clp_loadProblem(L->C, n, m, start, index, value, L->collb, L->colub, L->obj,
                        L->rowlb, L->rowub);
        Clp_setOptimizationDirection(L->C, 1.0);
    }
    free(start), free(index), free(value), free(fill);
    if (!ok) {
        clp_destroy(L);
        return NULL;
    }
    return L;
}

/* Clp's infinity is DBL_MAX. */
static double clp_inf(double x)
{
    return isinf(x) ? (x > 0 ? DBL_MAX : -DBL_MAX) : x;
}

static void clp_col_bounds(void *s, int j, double lo, double hi)
{
    clp_lp *L = s;
    L->collb[j - 1] = clp_inf(lo);
    L->colub[j - 1] = clp_inf(hi);
    L->dirty = 1;
}

static void clp_row_bounds(void *s, int i, double lo, double hi)
{
    clp_lp *L = s;
    L->rowlb[i - 1] = clp_inf(lo);
    L->rowub[i - 1] = clp_inf(hi);
    L->dirty = 1;
}

static void clp_obj(void *s, int j, double cost)
{
    clp_lp *L = s;
    L->obj[j - 1] = cost;
    L->dirty = 1;
}

static void clp_set_row(void *s, int i, int n, const int *ind, const double *val)
{
    clp_lp *L = s;
    for (int k = 1; k <= n; k++)
        Clp_modifyCoefficient(L->C, i - 1, ind[k] - 1, val[k], 0);
}

/* Clp chooses its own pricing. */
static void clp_pricing(void *s, int pricing)
{
    (void)s, (void)pricing;
}

static void clp_iter_limit(void *s, int limit)
{
    Clp_setMaximumIterations(((clp_lp *)s)->C, limit > 0 ? limit : 2147483647);
}

/* Hand changed bounds and costs over to Clp. */
static void clp_flush(clp_lp *L)
{
    if (!L->dirty)
        return;
    Clp_chgColumnLower(L->C, L->collb);
    Clp_chgColumnUpper(L->C, L->colub);
    Clp_chgObjCoefficients(L->C, L->obj);
    Clp_chgRowLower(L->C, L->rowlb);
    Clp_chgRowUpper(L->C, L->rowub);
    L->dirty = 0;
}

static int clp_solve(void *s, int cold)
{
    clp_lp *L = s;
    Clp_Simplex *C = L->C;
    clp_flush(L);
    if (cold) { /* the slack basis */
        for (int i = 0; i < L->nrows; i++)
            Clp_setRowStatus(C, i, 1);
        for (int j = 0; j < L->ncols; j++)
            Clp_setColumnStatus(C, j, 3);
    }
    Clp_dual(C, 0);
    if (Clp_status(C) != 0) {
        Clp_primal(C, 0);
        }
    if (Clp_status(C) != 0) {
        Clp_initialSolve(C);
        }
    return Clp_status(C) == 0 ? 0 : -1;
}

/* Clp keeps its statuses columns first, rows after (ClpSimplex::Status
 * codes: 1 basic, 3 at lower, ...); a model never solved has none: the
 * slack basis. */
static void clp_basis_get(const void *s, unsigned char *st)
{
    const clp_lp *L = s;
    const unsigned char *a = Clp_statusArray(L->C);
    for (int i = 0; i < L->nrows; i++)
        st[i] = a ? a[L->ncols + i] : 1;
    for (int j = 0; j < L->ncols; j++)
        st[L->nrows + j] = a ? a[j] : 3;
}

static void clp_basis_set(void *s, const unsigned char *st)
{
    clp_lp *L = s;
    size_t m = (size_t)L->nrows, n = (size_t)L->ncols;
    unsigned char *a = malloc(m + n + 1);
    if (!a)
        return; /* the basis in hand stays: a warm start, if a slower one */
    memcpy(a, st + m, n);
    memcpy(a + n, st, m);
    Clp_copyinStatus(L->C, a);
    free(a);
}

static double clp_col_value(const void *s, int j)
{
    return Clp_primalColumnSolution(((const clp_lp *)s)->C)[j - 1];
}

static void clp_col_values(const void *s, int n, double *x)
{
    memcpy(x + 1, Clp_primalColumnSolution(((const clp_lp *)s)->C), (size_t)n * sizeof *x);
}

static double clp_row_dual(const void *s, int i)
{
    return Clp_dualRowSolution(((const clp_lp *)s)->C)[i - 1];
}

static double clp_col_dual(const void *s, int j)
{
    return Clp_dualColumnSolution(((const clp_lp *)s)->C)[j - 1];
}

static int clp_write(void *s, const char *path)
{
    clp_lp *L = s;
    clp_flush(L);
    return Clp_writeMps(L->C, path, 0, 1, 0.0) == 0 ? 0 : -1;
}

/* Clp returns codes: no guard, and nothing to free per thread. */
const lp_type lp_clp_type = {
    .name = "clp",
    .title = "Clp",
    .create = clp_create,
    .destroy = clp_destroy,
    .col_bounds = clp_col_bounds,
    .row_bounds = clp_row_bounds,
    .obj = clp_obj,
    .set_row = clp_set_row,
    .pricing = clp_pricing,
    .iter_limit = clp_iter_limit,
    .solve = clp_solve,
    .col_value = clp_col_value,
    .col_values = clp_col_values,
    .basis_get = clp_basis_get,
    .basis_set = clp_basis_set,
    .row_dual = clp_row_dual,
    .col_dual = clp_col_dual,
    .write = clp_write,
    .guard = NULL,
    .unguard = NULL,
    .broken = NULL,
    .thread_finish = NULL,
};
