/* lp.c: the solver interface of the dispatch: each call goes to the backend
 * chosen when the LP was created (lp_backend.h: GLPK, COIN-OR Clp). */
#include <stdlib.h>

#include "lp.h"
#include "lp_backend.h"

/* The backends by enum lp_solver. */
static const lp_type *const BACKENDS[] = {
    [LP_CLP] = &lp_clp_type,
    [LP_GLPK] = &lp_glpk_type,
};
#define N_BACKENDS (sizeof BACKENDS / sizeof BACKENDS[0])

struct lp_prob {
    const lp_type *type;
    void *s; /* the backend's LP; NULL once broken */
};

const char *lp_solver_name(int solver)
{
    return BACKENDS[solver]->name;
}

const char *lp_solver_title(int solver)
{
    return BACKENDS[solver]->title;
}

lp_prob *lp_create(int solver, int nrows, int ncols, int nnz, const int *ia,
                   const int *ja, const double *ar)
{
    lp_prob *L = calloc(1, sizeof *L);
    if (!L)
        return NULL;
    L->type = BACKENDS[solver];
    L->s = L->type->create(nrows, ncols, nnz, ia, ja, ar);
    if (!L->s) {
        free(L);
        return NULL;
    }
    return L;
}

void lp_destroy(lp_prob *L)
{
    if (!L)
        return;
    if (L->s)
        L->type->destroy(L->s);
    free(L);
}

int lp_ok(const lp_prob *L)
{
    return L && L->s;
}

void lp_col_bounds(lp_prob *L, int j, double lo, double hi)
{
    L->type->col_bounds(L->s, j, lo, hi);
}

void lp_row_bounds(lp_prob *L, int i, double lo, double hi)
{
    L->type->row_bounds(L->s, i, lo, hi);
}

void lp_obj(lp_prob *L, int j, double cost)
{
    L->type->obj(L->s, j, cost);
}

void lp_set_row(lp_prob *L, int i, int n, const int *ind, const double *val)
{
    L->type->set_row(L->s, i, n, ind, val);
}

void lp_pricing(lp_prob *L, int pricing)
{
    L->type->pricing(L->s, pricing);
}

void lp_iter_limit(lp_prob *L, int limit)
{
    L->type->iter_limit(L->s, limit);
}

int lp_solve(lp_prob *L, int cold)
{
    return L->s ? L->type->solve(L->s, cold) : -1;
}

double lp_col_value(const lp_prob *L, int j)
{
    return L->type->col_value(L->s, j);
}

void lp_col_values(const lp_prob *L, int n, double *x)
{
    L->type->col_values(L->s, n, x);
}

void lp_basis_get(const lp_prob *L, unsigned char *st)
{
    L->type->basis_get(L->s, st);
}

void lp_basis_set(lp_prob *L, const unsigned char *st)
{
    L->type->basis_set(L->s, st);
}

double lp_row_dual(const lp_prob *L, int i)
{
    return L->type->row_dual(L->s, i);
}

double lp_col_dual(const lp_prob *L, int j)
{
    return L->type->col_dual(L->s, j);
}

int lp_write(lp_prob *L, const char *path)
{
    return L->s ? L->type->write(L->s, path) : -1;
}

void lp_guard(lp_prob *L, jmp_buf *jb)
{
    if (L->type->guard)
        L->type->guard(L->s, jb);
}

void lp_unguard(lp_prob *L)
{
    if (L->type->unguard)
        L->type->unguard(L->s);
}

void lp_broken(lp_prob *L)
{
    if (!L->type->broken)
        return;
    L->type->broken(L->s);
    L->type->destroy(L->s); /* what the backend left of its LP */
    L->s = NULL;
}

void lp_thread_finish(void)
{
    for (size_t i = 0; i < N_BACKENDS; i++)
        if (BACKENDS[i]->thread_finish)
            BACKENDS[i]->thread_finish();
}
