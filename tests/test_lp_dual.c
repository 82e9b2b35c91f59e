/* test_lp_dual.c: the dual simplex of our own under the GLPK backend
 * (engine/core/lp_glpk_dual.c): pivots and flips worked by hand, hand-overs
 * where it must not decide, and random LPs whose warm solves are checked
 * against GLPK solving each from scratch and against the optimality
 * conditions computed here. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "lp_glpk_dual.h"

#define TOL 1e-9

/* An LP held twice, as GLPK's problem and as the arrays lp_glpk_dual reads
 * (what lp_glpk.c keeps), changed through the setters below. */
typedef struct {
    glp_prob *P;
    int m, n;
    int *cp, *ri;
    double *cv;
    unsigned char *type;
    double *lo, *hi, *cost;
    lpd_lp view;
    lp_dual *D;
} held;

/* Triplets (ia, ja, ar)[1..nnz] sorted by column. */
static held *held_create(int m, int n, int nnz, const int *ia, const int *ja,
                         const double *ar)
{
    held *H = calloc(1, sizeof *H);
    cr_assert_not_null(H);
    H->m = m, H->n = n;
    H->cp = calloc((size_t)n + 2, sizeof *H->cp);
    H->ri = calloc((size_t)nnz + 1, sizeof *H->ri);
    H->cv = calloc((size_t)nnz + 1, sizeof *H->cv);
    H->type = calloc((size_t)(m + n + 1), 1);
    H->lo = calloc((size_t)(m + n + 1), sizeof *H->lo);
    H->hi = calloc((size_t)(m + n + 1), sizeof *H->hi);
    H->cost = calloc((size_t)n + 1, sizeof *H->cost);
    for (int k = 1; k <= nnz; k++) {
        cr_assert(k == 1 || ja[k] >= ja[k - 1], "triplets by column");
        H->ri[k] = ia[k], H->cv[k] = ar[k];
        H->cp[ja[k] + 1] = k + 1;
    }
    H->cp[1] = 1;
    for (int j = 2; j <= n + 1; j++)
        if (H->cp[j] < H->cp[j - 1])
            H->cp[j] = H->cp[j - 1];
    for (int k = 1; k <= m + n; k++)
        H->type[k] = GLP_FX;
    glp_term_out(GLP_OFF);
    H->P = glp_create_prob();
    glp_add_rows(H->P, m);
    glp_add_cols(H->P, n);
    glp_load_matrix(H->P, nnz, ia, ja, ar);
    for (int i = 1; i <= m; i++)
        glp_set_row_bnds(H->P, i, GLP_FX, 0, 0);
    H->view = (lpd_lp){.m = m, .n = n, .cp = H->cp, .ri = H->ri, .cv = H->cv,
                       .type = H->type, .lo = H->lo, .hi = H->hi, .cost = H->cost};
    H->D = lpd_create(m, n, H->cp, H->ri);
    cr_assert_not_null(H->D);
    return H;
}

static void held_destroy(held *H)
{
    lpd_destroy(H->D);
    glp_delete_prob(H->P);
    free(H->cp), free(H->ri), free(H->cv), free(H->type);
    free(H->lo), free(H->hi), free(H->cost);
    free(H);
}

/* Bounds of variable k (1..m rows, m+1.. columns). */
static void bounds(held *H, int k, double lo, double hi)
{
    int t = lpd_bound_type(lo, hi);
    double l = isinf(lo) ? 0 : lo, u = isinf(hi) ? 0 : hi;
    H->type[k] = (unsigned char)t, H->lo[k] = l, H->hi[k] = u;
    if (k <= H->m)
        glp_set_row_bnds(H->P, k, t, l, u);
    else
        glp_set_col_bnds(H->P, k - H->m, t, l, u);
    lpd_bounds_changed(H->D, k);
}

static void cost(held *H, int j, double c)
{
    H->cost[j] = c;
    glp_set_obj_coef(H->P, j, c);
    lpd_costs_changed(H->D);
}

/* GLPK's simplex from scratch; the basis goes to the workspace. */
static void glpk_solve(held *H)
{
    glp_smcp p;
    glp_init_smcp(&p);
    p.msg_lev = GLP_MSG_OFF;
    glp_adv_basis(H->P, 0);
    cr_assert_eq(glp_simplex(H->P, &p), 0);
    cr_assert_eq(glp_get_status(H->P), GLP_OPT);
    lpd_take(H->D, H->P);
}

static double col(const held *H, int j)
{
    return lpd_x(H->D)[H->m + j];
}

static double row_dual(const held *H, int i)
{
    return lpd_reduced_cost(H->D, &H->view, i);
}

/* min -x - 2y  s.t.  r1: x + y <= 4,  r2: x + 3y <= 6,  x, y >= 0
 * (test_lp.c): optimum (3, 1), both rows binding, duals -1/2. */
static held *two_by_two(void)
{
    static const int ia[] = {0, 1, 2, 1, 2};
    static const int ja[] = {0, 1, 1, 2, 2};
    static const double ar[] = {0, 1, 1, 1, 3};
    held *H = held_create(2, 2, 4, ia, ja, ar);
    bounds(H, 1, -INFINITY, 4);
    bounds(H, 2, -INFINITY, 6);
    bounds(H, 3, 0, INFINITY);
    bounds(H, 4, 0, INFINITY);
    cost(H, 1, -1);
    cost(H, 2, -2);
    glpk_solve(H);
    return H;
}

Test(lp_dual, a_bound_that_keeps_the_basis_takes_no_pivot)
{
    /* r1 <= 5: x + y = 5, x + 3y = 6 -> (4.5, 0.5), duals unchanged */
    held *H = two_by_two();
    bounds(H, 1, -INFINITY, 5);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cr_expect_eq(lpd_pivots(H->D), 0);
    cr_expect_float_eq(col(H, 1), 4.5, TOL);
    cr_expect_float_eq(col(H, 2), 0.5, TOL);
    cr_expect_float_eq(row_dual(H, 1), -0.5, TOL);
    cr_expect_float_eq(row_dual(H, 2), -0.5, TOL);
    held_destroy(H);
}

Test(lp_dual, a_bound_that_cuts_the_vertex_takes_one_pivot)
{
    /* x <= 2: x basic at 3 is above its bound and leaves to it; r1 (slack
     * at 4 - 2 - 4/3) enters: x = 2, y = 4/3 on r2 alone, dual of r2 from
     * 3 y2 = -2, r1's 0; x's reduced cost -1 - (-2/3) = -1/3 */
    held *H = two_by_two();
    bounds(H, 3, 0, 2);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cr_expect_eq(lpd_pivots(H->D), 1);
    cr_expect_float_eq(col(H, 1), 2, TOL);
    cr_expect_float_eq(col(H, 2), 4.0 / 3.0, TOL);
    cr_expect_float_eq(row_dual(H, 1), 0, TOL);
    cr_expect_float_eq(row_dual(H, 2), -2.0 / 3.0, TOL);
    cr_expect_float_eq(lpd_reduced_cost(H->D, &H->view, 3), -1.0 / 3.0, TOL);
    cr_expect_eq(lpd_stat(H->D)[3], GLP_NU);
    /* and back (x <= 10): (3, 1) again, one pivot the other way */
    bounds(H, 3, 0, 10);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cr_expect_float_eq(col(H, 1), 3, TOL);
    cr_expect_float_eq(col(H, 2), 1, TOL);
    cr_expect_float_eq(row_dual(H, 1), -0.5, TOL);
    held_destroy(H);
}

Test(lp_dual, a_long_step_flips_the_boxed_columns_it_passes)
{
    /* min x1 + 2 x2 + 3 x3 + 4 x4, x1 + x2 + x3 + x4 = b, 0 <= x <= 1.
     * b = 1: x1 = 1. b = 3.5: the row's variable lies 2.5 below its bound;
     * the breakpoints of x2, x3, x4 are their reduced costs 1, 2, 3, each
     * passed costs the slope 1 (range 1 x |alpha| 1): x2 and x3 flip to 1
     * (slope 2.5 -> 1.5 -> 0.5), x4 enters at 0.5 -- one pivot; x1 ends at
     * its upper bound (its reduced cost 1 - 4 < 0). Price: the marginal
     * column's cost, 4 (GLPK's row dual). */
    static const int ia[] = {0, 1, 1, 1, 1};
    static const int ja[] = {0, 1, 2, 3, 4};
    static const double ar[] = {0, 1, 1, 1, 1};
    held *H = held_create(1, 4, 4, ia, ja, ar);
    bounds(H, 1, 1, 1);
    for (int j = 1; j <= 4; j++) {
        bounds(H, 1 + j, 0, 1);
        cost(H, j, j);
    }
    glpk_solve(H);
    cr_assert_float_eq(glp_get_col_prim(H->P, 1), 1, TOL);
    bounds(H, 1, 3.5, 3.5);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cr_expect_eq(lpd_pivots(H->D), 1, "pivots %d", lpd_pivots(H->D));
    static const double want[] = {0, 1, 1, 1, 0.5};
    for (int j = 1; j <= 4; j++)
        cr_expect_float_eq(col(H, j), want[j], TOL, "x%d %g", j, col(H, j));
    cr_expect_float_eq(row_dual(H, 1), 4, TOL, "price %g", row_dual(H, 1));
    held_destroy(H);
}

Test(lp_dual, a_cost_that_no_flip_mends_is_handed_over)
{
    /* cost of x to +1: min x - 2y has its optimum at (0, 2); from (3, 1)
     * the duals of the <= rows (upper-bounded only) turn positive, which
     * no flip mends: the primal simplex's work, left to GLPK */
    held *H = two_by_two();
    cost(H, 1, 1);
    cr_expect_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_HAND_OVER);
    held_destroy(H);
}

Test(lp_dual, a_cost_a_flip_mends_is_solved)
{
    /* x <= 2 (x at its upper bound, y = 4/3), then the cost of x to +1:
     * x's reduced cost 1 - (-2/3) > 0, so x flips to 0 -- still dual
     * feasible, and y = 2 on r2: (0, 2), dual of r2 -2/3, no pivot */
    held *H = two_by_two();
    bounds(H, 3, 0, 2);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cost(H, 1, 1);
    cr_assert_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_OPTIMAL);
    cr_expect_eq(lpd_pivots(H->D), 0);
    cr_expect_float_eq(col(H, 1), 0, TOL);
    cr_expect_float_eq(col(H, 2), 2, TOL);
    cr_expect_float_eq(row_dual(H, 2), -2.0 / 3.0, TOL);
    held_destroy(H);
}

Test(lp_dual, an_infeasible_lp_and_a_pivot_limit_are_handed_over)
{
    /* x + y >= 10 with x, y <= 1: no entering column (dual unbounded) */
    held *H = two_by_two();
    bounds(H, 3, 0, 1);
    bounds(H, 4, 0, 1);
    bounds(H, 1, 10, INFINITY);
    cr_expect_eq(lpd_solve(H->D, &H->view, H->P, 10), LPD_HAND_OVER);
    held_destroy(H);
    /* x <= 2 needs one pivot: none allowed */
    H = two_by_two();
    bounds(H, 3, 0, 2);
    cr_expect_eq(lpd_solve(H->D, &H->view, H->P, 0), LPD_HAND_OVER);
    held_destroy(H);
}

/* ---- random LPs against GLPK from scratch ---- */

static double uniform(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return ((*s >> 8) & 0xffffff) / (double)0x1000000;
}

#define M_MAX 25
#define N_MAX 60

/* The optimality conditions of the solution held, checked here from the
 * matrix: rows and columns within their bounds, reduced costs from the
 * row duals of the sign their status asks, and the objective. */
static double check_kkt(const held *H)
{
    int m = H->m, n = H->n;
    const double *x = lpd_x(H->D);
    double d[M_MAX + N_MAX + 1];
    for (int k = 1; k <= m + n; k++)
        d[k] = lpd_reduced_cost(H->D, &H->view, k);
    const unsigned char *st = lpd_stat(H->D);
    double obj = 0;
    for (int j = 1; j <= n; j++) {
        int k = m + j;
        double rc = H->cost[j];
        for (int e = H->cp[j]; e < H->cp[j + 1]; e++)
            rc -= H->cv[e] * d[H->ri[e]];
        obj += H->cost[j] * x[k];
        if (st[k] != GLP_BS)
            cr_expect_float_eq(rc, d[k], 1e-7, "reduced cost of column %d", j);
    }
    for (int i = 1; i <= m; i++) {
        double a = 0;
        for (int j = 1; j <= n; j++)
            for (int e = H->cp[j]; e < H->cp[j + 1]; e++)
                if (H->ri[e] == i)
                    a += H->cv[e] * x[m + j];
        cr_expect_float_eq(a, x[i], 1e-7, "row %d activity", i);
    }
    for (int k = 1; k <= m + n; k++) {
        int t = H->type[k];
        if (t == GLP_LO || t == GLP_DB || t == GLP_FX)
            cr_expect_geq(x[k], H->lo[k] - 1e-7, "variable %d below its bound", k);
        if (t == GLP_UP || t == GLP_DB || t == GLP_FX)
            cr_expect_leq(x[k], H->hi[k] + 1e-7, "variable %d above its bound", k);
        if (st[k] == GLP_NL)
            cr_expect_geq(d[k], -1e-7, "variable %d at lower, reduced cost %g", k, d[k]);
        if (st[k] == GLP_NU)
            cr_expect_leq(d[k], 1e-7, "variable %d at upper, reduced cost %g", k, d[k]);
        if (st[k] == GLP_BS)
            cr_expect_float_eq(d[k], 0, 1e-9);
        if (st[k] == GLP_NL)
            cr_expect_float_eq(x[k], H->lo[k], 1e-9);
        if (st[k] == GLP_NU)
            cr_expect_float_eq(x[k], H->hi[k], 1e-9);
    }
    return obj;
}

Test(lp_dual, random_lps_agree_with_glpk_from_scratch)
{
    /* m rows, n boxed columns (some fixed for a while), 3 entries a column;
     * rows ranged around the activity of a point inside the column bounds
     * (feasible by construction); then 300 rounds of moved bounds (and every tenth
     * round some costs), each solved warm by lp_dual and from scratch by
     * GLPK on a copy; objectives agree to 1e-7 relative */
    enum { M = M_MAX, N = N_MAX, PER = 3 };
    int ia[N * PER + 1], ja[N * PER + 1];
    double ar[N * PER + 1];
    unsigned s = 12345;
    int nnz = 0;
    for (int j = 1; j <= N; j++)
        for (int p = 0, first = nnz + 1; p < PER; p++) {
            int i = 1 + (int)(uniform(&s) * M), dup = 0;
            for (int e = first; e <= nnz; e++)
                dup |= ia[e] == i;
            if (dup)
                continue;
            nnz++;
            ia[nnz] = i, ja[nnz] = j;
            ar[nnz] = (uniform(&s) < 0.5 ? -1 : 1) * (0.5 + uniform(&s));
        }
    held *H = held_create(M, N, nnz, ia, ja, ar);
    int own = 0, rounds = 300;
    double x0[N + 1];
    for (int round = 0; round <= rounds; round++) {
        for (int j = 1; j <= N; j++) {
            double lo = -uniform(&s), hi = uniform(&s) * 3;
            if (round > 0 && uniform(&s) < 0.8)
                continue; /* a fifth of the columns move a round */
            x0[j] = lo + (hi - lo) * uniform(&s);
            if (uniform(&s) < 0.15)
                lo = hi = x0[j]; /* fixed, and opened again later */
            bounds(H, M + j, lo, hi);
        }
        /* each row keeps its kind (equality, upper bound, range): a
         * bound that changes kind can need the primal simplex */
        for (int i = 1; i <= M; i++) {
            double a = 0;
            for (int e = 1; e <= nnz; e++)
                if (ia[e] == i)
                    a += ar[e] * x0[ja[e]];
            if (i % 3 == 0)
                bounds(H, i, a, a);
            else if (i % 3 == 1)
                bounds(H, i, -INFINITY, a + uniform(&s));
            else
                bounds(H, i, a - uniform(&s), a + uniform(&s));
        }
        if (round == 0 || round % 10 == 0)
            for (int j = 1; j <= N; j++)
                cost(H, j, uniform(&s) * 10 - 3);
        if (round == 0) {
            glpk_solve(H);
            continue;
        }
        int rc = lpd_solve(H->D, &H->view, H->P, 200);
        /* GLPK from scratch on a copy */
        glp_prob *Q = glp_create_prob();
        glp_copy_prob(Q, H->P, GLP_OFF);
        glp_smcp p;
        glp_init_smcp(&p);
        p.msg_lev = GLP_MSG_OFF;
        glp_adv_basis(Q, 0);
        cr_assert_eq(glp_simplex(Q, &p), 0);
        cr_assert_eq(glp_get_status(Q), GLP_OPT, "round %d infeasible by construction?", round);
        double want = glp_get_obj_val(Q);
        glp_delete_prob(Q);
        if (rc == LPD_OPTIMAL) {
            own++;
            double got = check_kkt(H);
            cr_expect_float_eq(got, want, 1e-7 * (1 + fabs(want)), "round %d: %.12g, GLPK %.12g",
                               round, got, want);
        } else { /* GLPK takes over, as the backend does */
            lpd_give(H->D, H->P);
            glp_smcp w;
            glp_init_smcp(&w);
            w.msg_lev = GLP_MSG_OFF;
            cr_assert_eq(glp_simplex(H->P, &w), 0);
            lpd_take(H->D, H->P);
        }
    }
    /* bounds that keep their kind leave the basis dual feasible: only
     * the rounds with new costs may go to GLPK (a tenth of them) */
    cr_expect_geq(own, rounds * 9 / 10 - 1, "only %d of %d rounds solved by lp_dual", own, rounds);
    held_destroy(H);
}
