/* lp.h: the small solver interface under the dispatch: one LP built once,
 * bounds, costs and some coefficients changed between warm-started solves.
 * Two backends behind a table of functions (lp_backend.h), chosen when the
 * LP is created: GLPK and COIN-OR Clp (measured in docs/DISPATCH.md). Rows
 * and columns are 1-based, as in GLPK. */
#ifndef GASDEP_CORE_LP_H
#define GASDEP_CORE_LP_H

#include <math.h>
#include <setjmp.h>

enum lp_solver { LP_CLP, LP_GLPK };
#define LP_INF INFINITY

typedef struct lp_prob lp_prob;

/* An LP of nrows x ncols with the nnz coefficients (ia[k], ja[k], ar[k]),
 * k = 1..nnz (GLPK's triplet convention); every column fixed at 0, every
 * row free, costs 0. NULL when out of memory. */
lp_prob *lp_create(int solver, int nrows, int ncols, int nnz, const int *ia,
              const int *ja, const double *ar);
void lp_destroy(lp_prob *L);
/* The solver's word ("glpk", "clp") and its name in messages ("GLPK"). */
const char *lp_solver_name(int solver);
const char *lp_solver_title(int solver);

/* lo = -LP_INF and/or hi = LP_INF for open sides; lo == hi fixes. */
void lp_col_bounds(lp_prob *L, int j, double lo, double hi);
void lp_row_bounds(lp_prob *L, int i, double lo, double hi);
void lp_obj(lp_prob *L, int j, double cost);
/* Replace the coefficients of row i in columns ind[1..n] (existing
 * entries of the row; others are left alone). */
void lp_set_row(lp_prob *L, int i, int n, const int *ind, const double *val);

/* Pricing of the simplex: 0 the backend's default, 1 steepest edge,
 * -1 Dantzig (GLPK; Clp uses its own choice). */
void lp_pricing(lp_prob *L, int pricing);
/* Stop each solve after limit simplex iterations, a failure (tests); 0
 * restores the backend's own limit. */
void lp_iter_limit(lp_prob *L, int limit);
/* Solve from the current basis (cold: from a fresh crash basis); 0 when
 * optimal. */
int lp_solve(lp_prob *L, int cold);
double lp_col_value(const lp_prob *L, int j);
/* The values of columns 1..n at once, into x[1..n]. */
void lp_col_values(const lp_prob *L, int n, double *x);
double lp_row_dual(const lp_prob *L, int i);
/* Reduced cost of column j (c_j - y'A_j): at an upper bound of a minimum,
 * minus what one more unit of that bound would save. */
double lp_col_dual(const lp_prob *L, int j);
/* The basis: the status of every row, then every column (nrows + ncols
 * bytes, the backend's own codes), read after a solve; set, it is where
 * the next warm solve starts (a basis read from an LP of the same shape
 * and backend). */
void lp_basis_get(const lp_prob *L, unsigned char *st);
void lp_basis_set(lp_prob *L, const unsigned char *st);
/* Write the LP for inspection (GLPK: CPLEX LP format; Clp: MPS). */
int lp_write(lp_prob *L, const char *path);

/* GLPK aborts the process on an internal error unless its error hook
 * leaves: lp_guard makes it jump to *jb (the caller's setjmp); after the
 * jump the caller calls lp_broken, and the LP is gone (lp_ok is 0, lp_solve
 * fails). No-ops for a backend that returns codes (Clp). */
void lp_guard(lp_prob *L, jmp_buf *jb);
void lp_unguard(lp_prob *L);
void lp_broken(lp_prob *L);
int lp_ok(const lp_prob *L);
/* Free the calling thread's solver environments (GLPK's). */
void lp_thread_finish(void);

#endif
