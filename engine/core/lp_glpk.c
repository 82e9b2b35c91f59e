/* lp_glpk.c: the GLPK backend of the LP interface (lp_backend.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "lp_backend.h"
#include "lp_glpk_dual.h"

typedef struct glpk_lp {
    glp_prob *P;
    glp_smcp smcp;
    int nrows, ncols;
    int it_default; /* the iteration limit when none is set */
    /* The bounds as last set (type, lower, upper; rows 1..m, then columns
     * m+1..m+n), so that an unchanged bound is not set again. */
    unsigned char *type;
    double *lo, *hi;
    double *slo, *shi; /* the bounds as given (open sides infinite), to compare */
    /* The matrix by columns (1-based, cp[j]..cp[j+1]-1) and the costs as
     * last set (1..n), for the warm solves of our own (lp_glpk_dual.h). */
    int *cp, *ri;
    double *cv;
    double *cost;
    lpd_lp view; /* all of the above, as lp_glpk_dual.c reads it */
    lp_dual *dual;
    int own; /* the last solve was ours: values, duals, basis in dual */
} glpk_lp;

static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

static void glpk_destroy(void *s)
{
    glpk_lp *L = s;
    if (!L)
        return;
    if (L->P)
        glp_delete_prob(L->P);
    free(L->type), free(L->lo), free(L->hi), free(L->slo), free(L->shi);
    free(L->cp), free(L->ri), free(L->cv), free(L->cost);
    lpd_destroy(L->dual);
    free(L);
}

static void *glpk_create(int nrows, int ncols, int nnz, const int *ia,
                         const int *ja, const double *ar)
{
    glpk_lp *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->nrows = nrows;
    L->ncols = ncols;
    glp_term_out(GLP_OFF);
    L->P = glp_create_prob();
    if (!L->P) {
        glpk_destroy(L);
        return NULL;
    }
    size_t mn = (size_t)nrows + (size_t)ncols + 1;
    L->type = malloc(mn);
    L->lo = calloc(mn, sizeof *L->lo);
    L->hi = calloc(mn, sizeof *L->hi);
    L->slo = calloc(mn, sizeof *L->slo);
    L->shi = calloc(mn, sizeof *L->shi);
    L->cp = calloc((size_t)ncols + 2, sizeof *L->cp);
    L->ri = malloc(((size_t)nnz + 1) * sizeof *L->ri);
    L->cv = malloc(((size_t)nnz + 1) * sizeof *L->cv);
    L->cost = calloc((size_t)ncols + 1, sizeof *L->cost);
    if (!L->type || !L->lo || !L->hi || !L->slo || !L->shi || !L->cp || !L->ri || !L->cv ||
        !L->cost) {
        glpk_destroy(L);
        return NULL;
    }
    for (int i = 1; i <= nrows; i++)
        L->type[i] = GLP_FR, L->slo[i] = -INFINITY, L->shi[i] = INFINITY;
    for (int j = 1; j <= ncols; j++)
        L->type[nrows + j] = GLP_FX;
    /* columns: counts, starts, then the entries in triplet order */
    for (int k = 1; k <= nnz; k++)
        L->cp[ja[k] + 1]++;
    L->cp[1] = 1;
    for (int j = 1; j <= ncols; j++)
        L->cp[j + 1] += L->cp[j];
    for (int k = 1; k <= nnz; k++) {
        int at = L->cp[ja[k]]++;
        L->ri[at] = ia[k];
        L->cv[at] = ar[k];
    }
    for (int j = ncols; j >= 1; j--)
        L->cp[j] = L->cp[j - 1];
    L->cp[1] = 1;
    L->dual = lpd_create(nrows, ncols, L->cp, L->ri);
    if (!L->dual) {
        glpk_destroy(L);
        return NULL;
    }
    glp_set_obj_dir(L->P, GLP_MIN);
    if (L->ncols)
        glp_add_cols(L->P, L->ncols);
    if (L->nrows)
        glp_add_rows(L->P, L->nrows);
    if (nnz)
        glp_load_matrix(L->P, nnz, ia, ja, ar);
    for (int i = 1; i <= L->nrows; i++)
        glp_set_row_bnds(L->P, i, GLP_FR, 0.0, 0.0);
    for (int j = 1; j <= L->ncols; j++)
        glp_set_col_bnds(L->P, j, GLP_FX, 0.0, 0.0);
    glp_init_smcp(&L->smcp);
    L->smcp.msg_lev = GLP_MSG_OFF;
    L->smcp.meth = GLP_DUALP;
    L->smcp.presolve = GLP_OFF;
    L->smcp.pricing = GLP_PT_STD;
    /* Long-step (bound flipping) ratio test in the dual simplex: the LP is
     * mostly boxed columns (unserved segments, flows), and a step may cross
     * many breakpoints. Measured (bench/, callgrind): 3-6x fewer pivots than
     * Harris' test on shortage days, 6x faster rolling windows. */
    L->smcp.r_test = GLP_RT_FLIP;
    /* Dual feasibility tolerance below the tie-breaks (TIE_REL, HOLD_REWARD):
     * at GLPK's default 1e-7 the simplex may stop on a vertex that ignores
     * them, and the flows then depend on the simplex path (measured: Harris'
     * and the long-step test gave different LNG terminals on the first day
     * of baseline-2021, objective 5e-10 apart; at 1e-9 they agree). */
    L->smcp.tol_dj = 1e-9;
    /* a safety net against cycling, far above any solve measured */
    L->it_default = L->smcp.it_lim = 20000 + 20 * (L->nrows + L->ncols);
    glp_adv_basis(L->P, 0);
    L->view = (lpd_lp){.m = nrows, .n = ncols, .cp = L->cp, .ri = L->ri, .cv = L->cv,
                       .type = L->type, .lo = L->lo, .hi = L->hi, .cost = L->cost};
    return L;
}

/* Bound k (1..m rows, m+1.. columns) to [lo, hi]; an unchanged bound is
 * not set again. (A nonbasic status the new type moves is fitted again by
 * the warm solve, lp_glpk_dual.c.) */
static void set_bounds(glpk_lp *L, int k, double lo, double hi)
{
    if (lo == L->slo[k] && hi == L->shi[k])
        return; /* as last given (most bounds, most days): GLPK is not touched */
    L->slo[k] = lo, L->shi[k] = hi;
    int type = lpd_bound_type(lo, hi);
    double l = isinf(lo) ? 0 : lo, u = isinf(hi) ? 0 : hi;
    int m = L->nrows;
    L->type[k] = (unsigned char)type, L->lo[k] = l, L->hi[k] = u;
    lpd_bounds_changed(L->dual, k);
    if (k <= m)
        glp_set_row_bnds(L->P, k, type, l, u);
    else
        glp_set_col_bnds(L->P, k - m, type, l, u);
}

static void glpk_col_bounds(void *s, int j, double lo, double hi)
{
    glpk_lp *L = s;
    set_bounds(L, L->nrows + j, lo, hi);
}

static void glpk_row_bounds(void *s, int i, double lo, double hi)
{
    set_bounds(s, i, lo, hi);
}

static void glpk_obj(void *s, int j, double cost)
{
    glpk_lp *L = s;
    if (L->cost[j] == cost)
        return;
    L->cost[j] = cost;
    glp_set_obj_coef(L->P, j, cost);
    lpd_costs_changed(L->dual);
}

static void glpk_set_row(void *s, int i, int n, const int *ind, const double *val)
{
    glpk_lp *L = s;
    glp_set_mat_row(L->P, i, n, ind, val);
    for (int k = 1; k <= n; k++) /* the entries exist (lp.h) */
        for (int e = L->cp[ind[k]]; e < L->cp[ind[k] + 1]; e++)
            if (L->ri[e] == i)
                L->cv[e] = val[k];
    lpd_invalidate(L->dual); /* B changes: GLPK factorizes afresh */
}

static void glpk_pricing(void *s, int pricing)
{
    ((glpk_lp *)s)->smcp.pricing = pricing > 0 ? GLP_PT_PSE : GLP_PT_STD;
}

static void glpk_iter_limit(void *s, int limit)
{
    glpk_lp *L = s;
    L->smcp.it_lim = limit > 0 ? limit : L->it_default;
}

/* Pivots our own warm solve may take before glp_simplex takes over: far
 * above the few a day of the dispatch's LP (docs/DISPATCH.md). */
#define OWN_PIVOTS 200

/* Warm: our own dual simplex from the last optimal basis (which covers a
 * basis still optimal after new bounds: no pivot at all); what it hands
 * over, and every cold solve, goes to glp_simplex. An iteration limit set
 * (tests) leaves every pivot to GLPK, which counts them. */
static int glpk_solve(void *s, int cold)
{
    glpk_lp *L = s;
    glp_prob *P = L->P;
    L->own = 0;
    if (!cold && lpd_valid(L->dual)) {
        int max = L->smcp.it_lim == L->it_default ? OWN_PIVOTS : 0;
        if (lpd_solve(L->dual, &L->view, P, max) == LPD_OPTIMAL) {
            L->own = 1;
            return 0;
        }
        if (lpd_valid(L->dual))
            lpd_give(L->dual, P); /* GLPK goes on from the basis reached */
    }
    if (cold)
        glp_adv_basis(P, 0);
    int rc = glp_simplex(P, &L->smcp);
    if (rc != 0 || glp_get_status(P) != GLP_OPT) {
        /* a stale basis can stall the warm start: rebuild and go primal */
        glp_adv_basis(P, 0);
        glp_smcp sp = L->smcp;
        sp.meth = GLP_PRIMAL;
        rc = glp_simplex(P, &sp);
    }
    int optimal = rc == 0 && glp_get_status(P) == GLP_OPT;
    if (optimal && glp_bf_exists(P))
        lpd_take(L->dual, P);
    else
        lpd_invalidate(L->dual);
    return optimal ? 0 : -1;
}

static void glpk_basis_get(const void *s, unsigned char *st)
{
    const glpk_lp *L = s;
    if (L->own) {
        memcpy(st, lpd_stat(L->dual) + 1, (size_t)(L->nrows + L->ncols));
        return;
    }
    for (int i = 1; i <= L->nrows; i++)
        st[i - 1] = (unsigned char)glp_get_row_stat(L->P, i);
    for (int j = 1; j <= L->ncols; j++)
        st[L->nrows + j - 1] = (unsigned char)glp_get_col_stat(L->P, j);
}

/* A basis given: no factorization of it yet; the next solve is GLPK's. */
static void glpk_basis_set(void *s, const unsigned char *st)
{
    glpk_lp *L = s;
    for (int i = 1; i <= L->nrows; i++)
        glp_set_row_stat(L->P, i, st[i - 1]);
    for (int j = 1; j <= L->ncols; j++)
        glp_set_col_stat(L->P, j, st[L->nrows + j - 1]);
    lpd_invalidate(L->dual);
    L->own = 0;
}

static double glpk_col_value(const void *s, int j)
{
    const glpk_lp *L = s;
    return L->own ? lpd_x(L->dual)[L->nrows + j] : glp_get_col_prim(L->P, j);
}

static void glpk_col_values(const void *s, int n, double *x)
{
    const glpk_lp *L = s;
    if (L->own)
        memcpy(x + 1, lpd_x(L->dual) + L->nrows + 1, (size_t)n * sizeof *x);
    else
        for (int j = 1; j <= n; j++)
            x[j] = glp_get_col_prim(L->P, j);
}

static double glpk_row_dual(const void *s, int i)
{
    const glpk_lp *L = s;
    return L->own ? lpd_reduced_cost(L->dual, &L->view, i) : glp_get_row_dual(L->P, i);
}

static double glpk_col_dual(const void *s, int j)
{
    const glpk_lp *L = s;
    return L->own ? lpd_reduced_cost(L->dual, &L->view, L->nrows + j)
                  : glp_get_col_dual(L->P, j);
}

static int glpk_write(void *s, const char *path)
{
    glpk_lp *L = s;
    glp_set_obj_name(L->P, "cost");
    return glp_write_lp(L->P, NULL, path) == 0 ? 0 : -1;
}

static void glpk_guard(void *s, jmp_buf *jb)
{
    (void)s;
    glp_error_hook(on_glpk_error, jb);
}

static void glpk_unguard(void *s)
{
    (void)s;
    glp_error_hook(NULL, NULL);
}

/* GLPK's state is undefined after an error: the whole environment goes,
 * and with it the problem (not to be deleted again). */
static void glpk_broken(void *s)
{
    glpk_lp *L = s;
    glp_error_hook(NULL, NULL);
    glp_free_env();
    L->P = NULL;
    lpd_invalidate(L->dual);
}

static void glpk_thread_finish(void)
{
    glp_free_env();
}

const lp_type lp_glpk_type = {
    .name = "glpk",
    .title = "GLPK",
    .create = glpk_create,
    .destroy = glpk_destroy,
    .col_bounds = glpk_col_bounds,
    .row_bounds = glpk_row_bounds,
    .obj = glpk_obj,
    .set_row = glpk_set_row,
    .pricing = glpk_pricing,
    .iter_limit = glpk_iter_limit,
    .solve = glpk_solve,
    .col_value = glpk_col_value,
    .col_values = glpk_col_values,
    .basis_get = glpk_basis_get,
    .basis_set = glpk_basis_set,
    .row_dual = glpk_row_dual,
    .col_dual = glpk_col_dual,
    .write = glpk_write,
    .guard = glpk_guard,
    .unguard = glpk_unguard,
    .broken = glpk_broken,
    .thread_finish = glpk_thread_finish,
};
