/* lp_backend.h: what an LP backend provides (lp_glpk.c, lp_clp.c), as a table
 * of functions chosen once, when the LP is created (lp.c); the backend's own
 * state is behind a void pointer. Rows and columns are 1-based throughout. */
#ifndef GASDEP_CORE_LP_BACKEND_H
#define GASDEP_CORE_LP_BACKEND_H

#include <setjmp.h>

typedef struct lp_type {
    const char *name;  /* "glpk", "clp": the solver key's words */
    const char *title; /* "GLPK", "Clp": in messages */
    /* an LP as lp_create describes it; NULL when out of memory */
    void *(*create)(int nrows, int ncols, int nnz, const int *ia,
                    const int *ja, const double *ar);
    void (*destroy)(void *s);
    void (*col_bounds)(void *s, int j, double lo, double hi);
    void (*row_bounds)(void *s, int i, double lo, double hi);
    void (*obj)(void *s, int j, double cost);
    void (*set_row)(void *s, int i, int n, const int *ind, const double *val);
    void (*pricing)(void *s, int pricing);
    /* stop a solve after limit simplex iterations (a failure); 0: none */
    void (*iter_limit)(void *s, int limit);
    /* 0 when optimal (cold: from a fresh basis) */
    int (*solve)(void *s, int cold);
    double (*col_value)(const void *s, int j);
    /* the values of columns 1..n into x[1..n] */
    void (*col_values)(const void *s, int n, double *x);
    /* statuses of rows then columns, the backend's codes (lp.h) */
    void (*basis_get)(const void *s, unsigned char *st);
    void (*basis_set)(void *s, const unsigned char *st);
    double (*row_dual)(const void *s, int i);
    double (*col_dual)(const void *s, int j); /* reduced cost */
    int (*write)(void *s, const char *path);
    /* error recovery (GLPK aborts unless its hook jumps out; NULL where the
     * backend returns codes): guard before a solve, unguard after, and
     * broken after a jump, when the backend's state is gone */
    void (*guard)(void *s, jmp_buf *jb);
    void (*unguard)(void *s);
    void (*broken)(void *s);
    /* free the calling thread's solver environment, or NULL */
    void (*thread_finish)(void);
} lp_type;

extern const lp_type lp_glpk_type;
extern const lp_type lp_clp_type;

#endif
