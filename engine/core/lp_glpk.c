/* lp_glpk.c: the GLPK backend of the LP interface (lp_backend.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "lp_backend.h"

typedef struct glpk_lp {
    glp_prob *P;
    glp_smcp smcp;
    int nrows, ncols;
    int it_default; /* the iteration limit when none is set */
    /* The bounds as last set (type, lower, upper; rows 1..m, then columns
     * m+1..m+n), so that an unchanged bound is not set again. */
    unsigned char *type;
    double *lo, *hi;
    /* The matrix by columns (1-based, cp[j]..cp[j+1]-1), for the kept-basis
     * check (keep_basis below). */
    int *cp, *ri;
    double *cv;
    double *x;   /* column values of the last solve when the basis was kept */
    double *rhs; /* m: workspace of the check */
    double *cost; /* the costs as last set, 1..n */
    /* the statuses (rows, then columns) and the basis header of the last
     * optimal basis, read from P by the first check after the simplex */
    unsigned char *stat;
    int *head;
    int fresh; /* stat and head are those of the basis in P */
    int optimal; /* the basis in P is optimal for the costs and statuses in P */
    int kept;    /* the last solve kept the basis: values in x, not in P */
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
    free(L->type), free(L->lo), free(L->hi);
    free(L->cp), free(L->ri), free(L->cv);
    free(L->x), free(L->rhs);
    free(L->cost), free(L->stat), free(L->head);
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
    L->cp = calloc((size_t)ncols + 2, sizeof *L->cp);
    L->ri = malloc(((size_t)nnz + 1) * sizeof *L->ri);
    L->cv = malloc(((size_t)nnz + 1) * sizeof *L->cv);
    L->x = calloc((size_t)ncols + 1, sizeof *L->x);
    L->rhs = calloc((size_t)nrows + 1, sizeof *L->rhs);
    L->cost = calloc((size_t)ncols + 1, sizeof *L->cost);
    L->stat = calloc(mn, 1);
    L->head = calloc((size_t)nrows + 1, sizeof *L->head);
    if (!L->type || !L->lo || !L->hi || !L->cp || !L->ri || !L->cv || !L->x ||
        !L->rhs || !L->cost || !L->stat || !L->head) {
        glpk_destroy(L);
        return NULL;
    }
    for (int i = 1; i <= nrows; i++)
        L->type[i] = GLP_FR;
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
    return L;
}

/* GLPK's bound type of [lo, hi] (infinite sides open). */
static int glpk_bound_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return GLP_FR;
    if (isinf(hi))
        return GLP_LO;
    if (isinf(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

/* A nonbasic variable whose status a new bound type moved (glp_set_col_bnds
 * puts it on the bound of the new type): the kept basis would need its
 * reduced cost checked against the new status, so the next solve is the
 * simplex's. */
static void set_bounds(glpk_lp *L, int k, double lo, double hi)
{
    int type = glpk_bound_type(lo, hi);
    double l = isinf(lo) ? 0 : lo, u = isinf(hi) ? 0 : hi;
    if (L->type[k] == type && L->lo[k] == l && L->hi[k] == u)
        return; /* as in the LP already: GLPK is not touched */
    /* GLPK moves a nonbasic status only with the bound type */
    int same = L->type[k] == type, m = L->nrows;
    L->type[k] = (unsigned char)type, L->lo[k] = l, L->hi[k] = u;
    if (k <= m) {
        int st = same ? 0 : glp_get_row_stat(L->P, k);
        glp_set_row_bnds(L->P, k, type, l, u);
        if (!same && glp_get_row_stat(L->P, k) != st)
            L->optimal = 0;
    } else {
        int st = same ? 0 : glp_get_col_stat(L->P, k - m);
        glp_set_col_bnds(L->P, k - m, type, l, u);
        if (!same && glp_get_col_stat(L->P, k - m) != st)
            L->optimal = 0;
    }
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

/* A new cost: the reduced costs of the kept basis change. */
static void glpk_obj(void *s, int j, double cost)
{
    glpk_lp *L = s;
    if (L->cost[j] == cost)
        return;
    L->cost[j] = cost;
    glp_set_obj_coef(L->P, j, cost);
    L->optimal = 0;
}

static void glpk_set_row(void *s, int i, int n, const int *ind, const double *val)
{
    glpk_lp *L = s;
    glp_set_mat_row(L->P, i, n, ind, val);
    for (int k = 1; k <= n; k++) /* the entries exist (lp.h) */
        for (int e = L->cp[ind[k]]; e < L->cp[ind[k] + 1]; e++)
            if (L->ri[e] == i)
                L->cv[e] = val[k];
    L->optimal = 0;
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

/* The value of nonbasic variable k (1..m rows, m+1.. columns) of status st. */
static double at_bound(const glpk_lp *L, int k, int st)
{
    return st == GLP_NU ? L->hi[k] : st == GLP_NF ? 0.0 : L->lo[k];
}

/* Within the bounds of variable k, to KEEP_TOL relative (GLPK's own
 * primal tolerance is 1e-7: what passes here passes there). */
#define KEEP_TOL 1e-9
static int inside(const glpk_lp *L, int k, double v)
{
    int t = L->type[k];
    double l = L->lo[k], u = L->hi[k];
    if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && v < l - KEEP_TOL * (1 + fabs(l)))
        return 0;
    if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && v > u + KEEP_TOL * (1 + fabs(u)))
        return 0;
    return 1;
}

/* The last optimal basis, still optimal? Only bounds have moved since the
 * simplex found it (costs, coefficients and the nonbasic statuses are the
 * same), so its reduced costs and duals are unchanged and it stays dual
 * feasible; it is optimal when its basic values, recomputed for today's
 * bounds, lie within their bounds: x_B = B^-1 (-N x_N) with the basis
 * factorization GLPK keeps in P (B of the columns of (I | -A)). Then the
 * simplex would stop at once on this vertex (measured on baseline-2021:
 * 60 % of the days' first solves take no pivot), and its set-up (copying
 * the LP into its own structures and back, 60 % of a normal day) is saved.
 * The values go to x; the duals stay in P. Returns 1 when kept. */
static int keep_basis(glpk_lp *L)
{
    glp_prob *P = L->P;
    int m = L->nrows, n = L->ncols;
    double *r = L->rhs;
    if (!L->fresh) { /* statuses change only in the simplex (or the check fails) */
        for (int i = 1; i <= m; i++)
            L->stat[i] = (unsigned char)glp_get_row_stat(P, i);
        for (int j = 1; j <= n; j++)
            L->stat[m + j] = (unsigned char)glp_get_col_stat(P, j);
        for (int i = 1; i <= m; i++)
            L->head[i] = glp_get_bhead(P, i);
        L->fresh = 1;
    }
    for (int i = 1; i <= m; i++) {
        int st = L->stat[i];
        r[i] = st == GLP_BS ? 0.0 : -at_bound(L, i, st);
    }
    for (int j = 1; j <= n; j++) {
        int st = L->stat[m + j];
        if (st == GLP_BS)
            continue;
        double v = at_bound(L, m + j, st);
        L->x[j] = v;
        if (v != 0)
            for (int e = L->cp[j]; e < L->cp[j + 1]; e++)
                r[L->ri[e]] += L->cv[e] * v;
    }
    if (m > 0)
        glp_ftran(P, r);
    for (int i = 1; i <= m; i++) {
        int k = L->head[i];
        if (!inside(L, k, r[i]))
            return 0;
        if (k > m)
            L->x[k - m] = r[i];
    }
    return 1;
}

static int glpk_solve(void *s, int cold)
{
    glpk_lp *L = s;
    glp_prob *P = L->P;
    L->kept = 0;
    if (!cold && L->optimal && glp_bf_exists(P) && keep_basis(L)) {
        L->kept = 1;
        return 0;
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
    L->optimal = rc == 0 && glp_get_status(P) == GLP_OPT;
    L->fresh = 0;
    return L->optimal ? 0 : -1;
}

static void glpk_basis_get(const void *s, unsigned char *st)
{
    const glpk_lp *L = s;
    for (int i = 1; i <= L->nrows; i++)
        st[i - 1] = (unsigned char)glp_get_row_stat(L->P, i);
    for (int j = 1; j <= L->ncols; j++)
        st[L->nrows + j - 1] = (unsigned char)glp_get_col_stat(L->P, j);
}

/* A basis given: no factorization of it yet, not known optimal. */
static void glpk_basis_set(void *s, const unsigned char *st)
{
    glpk_lp *L = s;
    for (int i = 1; i <= L->nrows; i++)
        glp_set_row_stat(L->P, i, st[i - 1]);
    for (int j = 1; j <= L->ncols; j++)
        glp_set_col_stat(L->P, j, st[L->nrows + j - 1]);
    L->optimal = 0;
    L->fresh = 0;
}

static double glpk_col_value(const void *s, int j)
{
    const glpk_lp *L = s;
    return L->kept ? L->x[j] : glp_get_col_prim(L->P, j);
}

static void glpk_col_values(const void *s, int n, double *x)
{
    const glpk_lp *L = s;
    if (L->kept)
        memcpy(x + 1, L->x + 1, (size_t)n * sizeof *x);
    else
        for (int j = 1; j <= n; j++)
            x[j] = glp_get_col_prim(L->P, j);
}

static double glpk_row_dual(const void *s, int i)
{
    return glp_get_row_dual(((const glpk_lp *)s)->P, i);
}

static double glpk_col_dual(const void *s, int j)
{
    return glp_get_col_dual(((const glpk_lp *)s)->P, j);
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
