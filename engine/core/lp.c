/* lp.c: the solver interface of the dispatch over GLPK and COIN-OR Clp. */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include <Clp_C_Interface.h>
#include <glpk.h>

#include "lp.h"

struct lp_prob {
    int solver;
    int nrows, ncols;
    int iterations; /* total over the solves */
    /* GLPK */
    glp_prob *P;
    glp_smcp smcp;
    /* Clp: the model and our copies of bounds and costs (0-based), handed
     * over whole before a solve when changed */
    Clp_Simplex *C;
    double *collb, *colub, *obj, *rowlb, *rowub;
    int dirty;
};

static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

int lp_solver_of(const lp_prob *L)
{
    return L->solver;
}

int lp_ok(const lp_prob *L)
{
    return L && (L->P || L->C);
}

void lp_destroy(lp_prob *L)
{
    if (!L)
        return;
    if (L->P)
        glp_delete_prob(L->P);
    if (L->C)
        Clp_deleteModel(L->C);
    free(L->collb), free(L->colub), free(L->obj), free(L->rowlb), free(L->rowub);
    free(L);
}

static lp_prob *create_glpk(lp_prob *L, int nnz, const int *ia, const int *ja, const double *ar)
{
    glp_term_out(GLP_OFF);
    L->P = glp_create_prob();
    if (!L->P)
        return NULL;
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
    L->smcp.it_lim = 20000 + 20 * (L->nrows + L->ncols);
    glp_adv_basis(L->P, 0);
    return L;
}

static lp_prob *create_clp(lp_prob *L, int nnz, const int *ia, const int *ja, const double *ar)
{
    int m = L->nrows, n = L->ncols;
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
    return ok ? L : NULL;
}

lp_prob *lp_create(int solver, int nrows, int ncols, int nnz, const int *ia,
              const int *ja, const double *ar)
{
    lp_prob *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->solver = solver;
    L->nrows = nrows;
    L->ncols = ncols;
    lp_prob *made = solver == LP_GLPK ? create_glpk(L, nnz, ia, ja, ar)
                                 : create_clp(L, nnz, ia, ja, ar);
    if (!made)
        lp_destroy(L);
    return made;
}

static double clp_inf(double x)
{
    return isinf(x) ? (x > 0 ? DBL_MAX : -DBL_MAX) : x;
}

static int glpk_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return GLP_FR;
    if (isinf(hi))
        return GLP_LO;
    if (isinf(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

void lp_col_bounds(lp_prob *L, int j, double lo, double hi)
{
    if (L->P) {
        glp_set_col_bnds(L->P, j, glpk_type(lo, hi), isinf(lo) ? 0 : lo,
                         isinf(hi) ? 0 : hi);
    } else if (L->C) {
        L->collb[j - 1] = clp_inf(lo);
        L->colub[j - 1] = clp_inf(hi);
        L->dirty = 1;
    }
}

void lp_row_bounds(lp_prob *L, int i, double lo, double hi)
{
    if (L->P) {
        glp_set_row_bnds(L->P, i, glpk_type(lo, hi), isinf(lo) ? 0 : lo,
                         isinf(hi) ? 0 : hi);
    } else if (L->C) {
        L->rowlb[i - 1] = clp_inf(lo);
        L->rowub[i - 1] = clp_inf(hi);
        L->dirty = 1;
    }
}

void lp_obj(lp_prob *L, int j, double cost)
{
    if (L->P) {
        glp_set_obj_coef(L->P, j, cost);
    } else if (L->C) {
        L->obj[j - 1] = cost;
        L->dirty = 1;
    }
}

void lp_set_row(lp_prob *L, int i, int n, const int *ind, const double *val)
{
    if (L->P) {
        glp_set_mat_row(L->P, i, n, ind, val);
    } else if (L->C) {
        for (int k = 1; k <= n; k++)
            Clp_modifyCoefficient(L->C, i - 1, ind[k] - 1, val[k], 0);
    }
}

void lp_pricing(lp_prob *L, int pricing)
{
    if (L->P)
        L->smcp.pricing = pricing > 0 ? GLP_PT_PSE : GLP_PT_STD;
}

static int solve_glpk(lp_prob *L, int cold)
{
    glp_prob *P = L->P;
    if (cold)
        glp_adv_basis(P, 0);
    int it0 = glp_get_it_cnt(P);
    int rc = glp_simplex(P, &L->smcp);
    if (rc != 0 || glp_get_status(P) != GLP_OPT) {
        /* a stale basis can stall the warm start: rebuild and go primal */
        glp_adv_basis(P, 0);
        glp_smcp s = L->smcp;
        s.meth = GLP_PRIMAL;
        rc = glp_simplex(P, &s);
    }
    L->iterations += glp_get_it_cnt(P) - it0;
    return rc == 0 && glp_get_status(P) == GLP_OPT ? 0 : -1;
}

/* Hand changed bounds and costs over to Clp. */
static void clp_flush(lp_prob *L)
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

static int solve_clp(lp_prob *L, int cold)
{
    Clp_Simplex *C = L->C;
    clp_flush(L);
    if (cold) { /* the slack basis */
        for (int i = 0; i < L->nrows; i++)
            Clp_setRowStatus(C, i, 1);
        for (int j = 0; j < L->ncols; j++)
            Clp_setColumnStatus(C, j, 3);
    }
    Clp_dual(C, 0);
    L->iterations += Clp_numberIterations(C);
    if (Clp_status(C) != 0) {
        Clp_primal(C, 0);
        L->iterations += Clp_numberIterations(C);
    }
    if (Clp_status(C) != 0) {
        Clp_initialSolve(C);
        L->iterations += Clp_numberIterations(C);
    }
    return Clp_status(C) == 0 ? 0 : -1;
}

int lp_solve(lp_prob *L, int cold)
{
    if (L->P)
        return solve_glpk(L, cold);
    if (L->C)
        return solve_clp(L, cold);
    return -1;
}

int lp_iterations(const lp_prob *L)
{
    return L->iterations;
}

double lp_col_value(const lp_prob *L, int j)
{
    if (L->P)
        return glp_get_col_prim(L->P, j);
    return Clp_primalColumnSolution(L->C)[j - 1];
}

double lp_row_dual(const lp_prob *L, int i)
{
    if (L->P)
        return glp_get_row_dual(L->P, i);
    return Clp_dualRowSolution(L->C)[i - 1];
}

int lp_write(lp_prob *L, const char *path)
{
    if (L->P) {
        glp_set_obj_name(L->P, "cost");
        return glp_write_lp(L->P, NULL, path) == 0 ? 0 : -1;
    }
    if (L->C) {
        clp_flush(L);
        return Clp_writeMps(L->C, path, 0, 1, 0.0) == 0 ? 0 : -1;
    }
    return -1;
}

void lp_guard(lp_prob *L, jmp_buf *jb)
{
    if (L->P)
        glp_error_hook(on_glpk_error, jb);
}

void lp_unguard(lp_prob *L)
{
    if (L->P)
        glp_error_hook(NULL, NULL);
}

void lp_broken(lp_prob *L)
{
    if (L->solver == LP_GLPK) {
        glp_error_hook(NULL, NULL);
        glp_free_env(); /* GLPK's state is undefined after an error */
        L->P = NULL;
    }
}

void lp_thread_finish(void)
{
    glp_free_env();
}
