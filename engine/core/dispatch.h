/* dispatch.h: the dispatch LP (GLPK or Clp, lp.h) over a window of gas
 * days, built once and warm-started: one day in myopic mode, `lookahead`
 * days (rolling) or a gas year (perfect foresight). Shortage is shared in the same LP by a convex
 * piecewise-linear penalty on each region-day's curtailed fraction, refined
 * around the solution (docs/DISPATCH.md). */
#ifndef GASDEP_CORE_DISPATCH_H
#define GASDEP_CORE_DISPATCH_H

#include <stddef.h>

#include "day.h"

struct dispatch;

/* What the dispatch needs of a window: T blocks of one or more days, each
 * with the daily means of its capacities and demand and the target at its
 * end, and the inventory at the start of the first day. */
typedef struct dispatch_window {
    int T;                /* blocks, 1 .. the size given to dispatch_create */
    const day_caps *caps; /* caps[t], t < T */
    const int *len;       /* days in block t (NULL: every block one day) */
    const double *inv0;   /* n_sto, mcm at the start of day 0 */
    int first_day;        /* day number of day 0 (for messages) */
    /* storage_valuation = water: the value (EUR/MWh) of gas left in each
     * store at the window's end (water.h); NULL: none */
    const double *end_value;
} dispatch_window;

/* The solution of a window, by block (daily means for blocks of several
 * days): arrays of T x count (block-major). */
typedef struct dispatch_plan {
    double *src, *slot, *fwd, *rev, *inj, *wd, *inv; /* mcm */
    double *unserved;       /* per region, mcm */
    double *price;          /* per region, EUR/MWh (balance dual) */
    double *sto_value;      /* per storage, EUR/MWh (inventory dual) */
    double *missed;         /* per day: minimum take not taken, mcm */
    double *tr;             /* per tranche, mcm (issue 10) */
    double *reduced;        /* per region: demand given up by demand blocks, mcm */
    double *cap_value;      /* per pipeline, EUR/MWh: one more MWh/d of its
                             * capacity in the flow's direction (LP dual) */
    int stages;             /* LP solves for the window */
} dispatch_plan;

/* Solver settings that must not change results (tests use them to show
 * that the optimum does not depend on the simplex path). */
typedef struct dispatch_opts {
    int pricing;    /* 0 default, 1 projected steepest edge, -1 Dantzig */
    int cold_start; /* 1: a fresh advanced basis before every solve */
    int iter_limit; /* > 0: a solve stops after that many simplex iterations
                     * and fails (tests of GASDEP_ESOLVER); 0: none */
} dispatch_opts;

/* An LP for windows of up to T days. */
struct dispatch *dispatch_create(const net *n, const scenario_el *sc, int T);
void dispatch_destroy(struct dispatch *lp);
void dispatch_set_opts(struct dispatch *lp, const dispatch_opts *o);
/* Draw this LP's tie-breaks from other indices (salt added to each), before
 * its first window: a planning LP whose duals price another LP's columns. */
void dispatch_salt_ties(struct dispatch *lp, int salt);
/* Allocate a plan for windows of up to T days (from arena a). */
int dispatch_plan_alloc(dispatch_plan *p, const net *n, arena *a, int T);
/* Solve a window; on failure a status with the reason in why. */
int dispatch_solve(struct dispatch *lp, const net *n, const dispatch_window *w,
                   dispatch_plan *out, char *why, size_t whylen);
/* The LP's basis (a status per row and column, dispatch_basis_size bytes):
 * read after a solve, and set where the next solve starts, in a dispatch
 * created alike (the first day's basis of a probe, model.c). */
size_t dispatch_basis_size(const struct dispatch *lp);
void dispatch_basis_save(const struct dispatch *lp, unsigned char *st);
void dispatch_basis_load(struct dispatch *lp, const unsigned char *st);
/* The LP as last set up, as a CPLEX LP file (to inspect it, or to time other
 * solvers on it: bench/). */
/* "glpk" or "clp": the backend this dispatch solves with. */
const char *dispatch_solver_name(const struct dispatch *lp);
int dispatch_write_mps(const struct dispatch *lp, const char *path);
/* Free the solver's per-thread environment (gasdep_thread_finish). */
void dispatch_thread_finish(void);

#endif
