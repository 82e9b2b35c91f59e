/* lp_glpk.c: the GLPK backend of the LP interface (lp_backend.h). */
#include <math.h>
#include <stdlib.h>

#include <glpk.h>

#include "lp_backend.h"

typedef struct glpk_lp {
    glp_prob *P;
    glp_smcp smcp;
    int nrows, ncols;
    int it_default; /* the iteration limit when none is set */
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

static void glpk_col_bounds(void *s, int j, double lo, double hi)
{
    glpk_lp *L = s;
    glp_set_col_bnds(L->P, j, glpk_bound_type(lo, hi), isinf(lo) ? 0 : lo,
                     isinf(hi) ? 0 : hi);
}

static void glpk_row_bounds(void *s, int i, double lo, double hi)
{
    glpk_lp *L = s;
    glp_set_row_bnds(L->P, i, glpk_bound_type(lo, hi), isinf(lo) ? 0 : lo,
                     isinf(hi) ? 0 : hi);
}

static void glpk_obj(void *s, int j, double cost)
{
    glp_set_obj_coef(((glpk_lp *)s)->P, j, cost);
}

static void glpk_set_row(void *s, int i, int n, const int *ind, const double *val)
{
    glp_set_mat_row(((glpk_lp *)s)->P, i, n, ind, val);
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

static int glpk_solve(void *s, int cold)
{
    glpk_lp *L = s;
    glp_prob *P = L->P;
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
    return rc == 0 && glp_get_status(P) == GLP_OPT ? 0 : -1;
}

static double glpk_col_value(const void *s, int j)
{
    return glp_get_col_prim(((const glpk_lp *)s)->P, j);
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
    .row_dual = glpk_row_dual,
    .col_dual = glpk_col_dual,
    .write = glpk_write,
    .guard = glpk_guard,
    .unguard = glpk_unguard,
    .broken = glpk_broken,
    .thread_finish = glpk_thread_finish,
};
