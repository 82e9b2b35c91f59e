/* lp_glpk_dual.h: warm solves of the GLPK backend without glp_simplex: a
 * bounded dual simplex of our own (bound-flipping ratio test) on the basis
 * factorization GLPK keeps in its problem object, with the pivots since
 * that factorization as an eta file (product form). The daily LP of the
 * dispatch changes by bounds and a few costs from one solve to the next and
 * its warm solves take a handful of pivots: glp_simplex spent more on
 * copying the LP into its own structures, factorizing and copying back than
 * on those pivots (docs/DISPATCH.md, "Warm solves of our own").
 *
 * It never decides alone: whatever it cannot settle (a basis that no flip of
 * bounded columns makes dual feasible, a small pivot, a primal infeasible
 * LP, too many pivots) it hands back, and the backend runs glp_simplex from
 * the basis reached. A solution it returns has its basic values
 * recomputed from scratch and within their bounds; its reduced costs are
 * kept along the pivots (recomputed at each refactorization and whenever a
 * cost moves), the ratio test keeping them of the right sign.
 *
 * Variables are GLPK's: 1..m the rows' auxiliary variables, m+1..m+n the
 * columns; the basis matrix B holds the columns of (I | -A) of the basic
 * variables, statuses and bound types are GLPK's codes. */
#ifndef GASDEP_CORE_LP_GLPK_DUAL_H
#define GASDEP_CORE_LP_GLPK_DUAL_H

#include <glpk.h>

/* The LP as the backend holds it (borrowed, read only): A by columns
 * (1-based, cp[j]..cp[j+1]-1), bounds of variables 1..m+n (an open side
 * stored as 0), costs of columns 1..n. */
typedef struct lpd_lp {
    int m, n;
    const int *cp, *ri;
    const double *cv;
    const unsigned char *type;
    const double *lo, *hi;
    const double *cost;
} lpd_lp;

typedef struct lp_dual lp_dual;

/* GLPK's bound type of [lo, hi] (an infinite side open). */
int lpd_bound_type(double lo, double hi);

enum lpd_status {
    LPD_OPTIMAL,  /* values and reduced costs in lpd_x, lpd_reduced_cost */
    LPD_HAND_OVER /* glp_simplex from the basis in lpd_stat */
};

/* A workspace for an LP of m rows and n columns whose matrix has the
 * pattern (cp, ri) of lpd_lp (rows are built from it once: coefficients
 * may change later, the pattern not); NULL when out of memory. */
lp_dual *lpd_create(int m, int n, const int *cp, const int *ri);
void lpd_destroy(lp_dual *D);

/* Take the basis of P, which must be factorized (after glp_simplex or
 * glp_factorize): its statuses and header, no eta. */
void lpd_take(lp_dual *D, glp_prob *P);
/* Costs have changed: the reduced costs held are computed afresh. */
void lpd_costs_changed(lp_dual *D);
/* The bounds of variable k (1..m+n) have changed: its value (nonbasic)
 * and the basic values move at the next solve. */
void lpd_bounds_changed(lp_dual *D, int k);
/* Whether a basis was taken and not invalidated since. */
int lpd_valid(const lp_dual *D);
void lpd_invalidate(lp_dual *D);

/* Solve from the basis held, with at most max_pivots pivots (0: only a
 * basis that is optimal as it stands). P holds the factorization the eta
 * file builds on; when the file is long, P gets the statuses held and is
 * factorized afresh. */
int lpd_solve(lp_dual *D, const lpd_lp *lp, glp_prob *P, int max_pivots);

/* After a solve: the values of all variables (1..m+n), the reduced cost
 * of variable k (a row's is its dual, GLPK's sign), the statuses (1..m+n)
 * and the pivots taken. */
const double *lpd_x(const lp_dual *D);
double lpd_reduced_cost(const lp_dual *D, const lpd_lp *lp, int k);
const unsigned char *lpd_stat(const lp_dual *D);
int lpd_pivots(const lp_dual *D);

/* Write the statuses held into P (before glp_simplex takes over). */
void lpd_give(const lp_dual *D, glp_prob *P);

#endif
