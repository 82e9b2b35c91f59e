/* test_lp.c: the solver interface (engine/core/lp.c) on LPs solved by hand,
 * with both backends: values and duals, warm starts after a bound, cost and
 * coefficient change, an infeasible LP reported as a failure. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>

#include "lp.h"

#define TOL 1e-9

/* min -x - 2y  s.t.  r1: x + y <= 4,  r2: x + 3y <= 6,  x, y >= 0.
 * Vertices (0,0) 0, (4,0) -4, (3,1) -5, (0,2) -4: the optimum is (3,1),
 * both rows binding; duals from y1 [1 1] + y2 [1 3] = [-1 -2]:
 * y1 = y2 = -1/2 (a <= row of a minimisation has a dual <= 0). */
static lp_prob *two_by_two(int solver)
{
    static const int ia[] = {0, 1, 1, 2, 2};
    static const int ja[] = {0, 1, 2, 1, 2};
    static const double ar[] = {0, 1, 1, 1, 3};
    lp_prob *L = lp_create(solver, 2, 2, 4, ia, ja, ar);
    cr_assert_not_null(L);
    cr_assert(lp_ok(L));
    lp_col_bounds(L, 1, 0, LP_INF);
    lp_col_bounds(L, 2, 0, LP_INF);
    lp_row_bounds(L, 1, -LP_INF, 4);
    lp_row_bounds(L, 2, -LP_INF, 6);
    lp_obj(L, 1, -1);
    lp_obj(L, 2, -2);
    return L;
}

static void expect_solution(const lp_prob *L, double x, double y, double d1, double d2)
{
    cr_expect_float_eq(lp_col_value(L, 1), x, TOL, "x %g, want %g", lp_col_value(L, 1), x);
    cr_expect_float_eq(lp_col_value(L, 2), y, TOL, "y %g, want %g", lp_col_value(L, 2), y);
    cr_expect_float_eq(lp_row_dual(L, 1), d1, TOL, "dual 1 %g, want %g", lp_row_dual(L, 1), d1);
    cr_expect_float_eq(lp_row_dual(L, 2), d2, TOL, "dual 2 %g, want %g", lp_row_dual(L, 2), d2);
}

/* A test run once with each backend (*solver), GLPK's environment freed
 * after it. */
#define BOTH_SOLVERS(name)                                                   \
    ParameterizedTestParameters(lp, name)                                    \
    {                                                                        \
        static int solvers[] = {LP_GLPK, LP_CLP};                            \
        return cr_make_param_array(int, solvers, 2);                         \
    }                                                                        \
    ParameterizedTest(int *solver, lp, name, .fini = lp_thread_finish)

static const char *name_of(int solver)
{
    return lp_solver_title(solver);
}

BOTH_SOLVERS(two_by_two_values_and_duals)
{
    lp_prob *L = two_by_two(*solver);
    cr_assert_eq(lp_solve(L, 1), 0, "%s: not optimal", name_of(*solver));
    expect_solution(L, 3, 1, -0.5, -0.5);
    lp_destroy(L);
}

BOTH_SOLVERS(reduced_cost_of_a_column_at_its_upper_bound)
{
    /* x <= 2 binds: y = 4/3 on r2 (dual -2/3), r1 slack (dual 0). Reduced
     * costs c - y'A: x: -1 - (0 x 1 + (-2/3) x 1) = -1/3, what one more unit
     * of x's bound saves; y basic: 0 */
    lp_prob *L = two_by_two(*solver);
    lp_col_bounds(L, 1, 0, 2);
    cr_assert_eq(lp_solve(L, 1), 0);
    cr_expect_float_eq(lp_col_dual(L, 1), -1.0 / 3.0, TOL, "%s: %g", name_of(*solver),
                       lp_col_dual(L, 1));
    cr_expect_float_eq(lp_col_dual(L, 2), 0, TOL, "%s: %g", name_of(*solver),
                       lp_col_dual(L, 2));
    lp_destroy(L);
}

BOTH_SOLVERS(warm_start_after_changes)
{
    lp_prob *L = two_by_two(*solver);
    cr_assert_eq(lp_solve(L, 1), 0);
    /* r1 <= 5: the same rows bind, x + y = 5, x + 3y = 6 -> (4.5, 0.5),
     * duals unchanged; the optimal basis stays optimal: no pivot needed */
    lp_row_bounds(L, 1, -LP_INF, 5);
    lp_iter_limit(L, 1); /* a warm start that needed pivots would fail */
    cr_assert_eq(lp_solve(L, 0), 0, "%s: pivots after a bound change on an "
                 "optimal basis", name_of(*solver));
    lp_iter_limit(L, 0);
    expect_solution(L, 4.5, 0.5, -0.5, -0.5);
    /* x <= 2: r1 leaves the basis; x = 2, y = 4/3 on r2, dual of r2 from
     * 3 y2 = -2, the bound on x has the rest; r1 slack, dual 0 */
    lp_col_bounds(L, 1, 0, 2);
    cr_assert_eq(lp_solve(L, 0), 0);
    expect_solution(L, 2, 4.0 / 3.0, 0, -2.0 / 3.0);
    /* cost of y to -4 (x <= 2 kept): y = 2 at (0,2) beats (2, 4/3):
     * -8 < -2 - 16/3 = -7.33; r2 binds with dual -4/3 */
    lp_obj(L, 2, -4);
    cr_assert_eq(lp_solve(L, 0), 0);
    expect_solution(L, 0, 2, 0, -4.0 / 3.0);
    lp_destroy(L);
}

BOTH_SOLVERS(nonbasic_bound_moves_the_basic_values)
{
    /* x <= 2: x at its bound, y = 4/3 on r2 (above). x <= 2.5 keeps that
     * basis (GLPK: no pivot of lp_glpk_dual.c): y = (6 -
     * 2.5) / 3 = 7/6, r1: 2.5 + 7/6 < 4 slack; duals unchanged (0, -2/3).
     * The values at once (lp_col_values) are the same. */
    lp_prob *L = two_by_two(*solver);
    lp_col_bounds(L, 1, 0, 2);
    cr_assert_eq(lp_solve(L, 1), 0);
    lp_col_bounds(L, 1, 0, 2.5);
    lp_iter_limit(L, 1);
    cr_assert_eq(lp_solve(L, 0), 0, "%s", name_of(*solver));
    lp_iter_limit(L, 0);
    expect_solution(L, 2.5, 7.0 / 6.0, 0, -2.0 / 3.0);
    double x[3] = {0, 0, 0};
    lp_col_values(L, 2, x);
    double x1 = x[1], x2 = x[2];
    cr_expect_float_eq(x1, 2.5, TOL, "%s: %g", name_of(*solver), x1);
    cr_expect_float_eq(x2, 7.0 / 6.0, TOL, "%s: %g", name_of(*solver), x2);
    lp_destroy(L);
}

BOTH_SOLVERS(fixed_column_freed_needs_pivots)
{
    /* y fixed at 0: x = 4 on r1 (dual -1), r2 slack. Freeing y keeps (4, 0)
     * feasible, but y's reduced cost -2 - (1 x -1 + 3 x 0) = -1 < 0: not
     * optimal, so the kept basis must not be taken (its status moved from
     * fixed to lower bound); the optimum is (3, 1), duals -1/2. */
    lp_prob *L = two_by_two(*solver);
    lp_col_bounds(L, 2, 0, 0);
    cr_assert_eq(lp_solve(L, 1), 0);
    expect_solution(L, 4, 0, -1, 0);
    lp_col_bounds(L, 2, 0, LP_INF);
    cr_assert_eq(lp_solve(L, 0), 0);
    expect_solution(L, 3, 1, -0.5, -0.5);
    lp_destroy(L);
}

BOTH_SOLVERS(changed_coefficients)
{
    /* r1 becomes 2x + y <= 4: with x + 3y <= 6, x = 1.2, y = 1.6 (-4.4,
     * better than (2,0) -2 and (0,2) -4); 2 y1 + y2 = -1, y1 + 3 y2 = -2:
     * y1 = -0.2, y2 = -0.6 (b'y = -0.8 - 3.6 = -4.4) */
    lp_prob *L = two_by_two(*solver);
    cr_assert_eq(lp_solve(L, 1), 0);
    static const int ind[] = {0, 1, 2};
    static const double val[] = {0, 2, 1};
    lp_set_row(L, 1, 2, ind, val);
    cr_assert_eq(lp_solve(L, 0), 0);
    expect_solution(L, 1.2, 1.6, -0.2, -0.6);
    lp_destroy(L);
}

BOTH_SOLVERS(infeasible_lp_is_a_failure)
{
    /* x + y >= 10 with x, y in [0, 1]: no solution, warm or cold; the
     * dispatch turns this into GASDEP_ESOLVER */
    lp_prob *L = two_by_two(*solver);
    lp_col_bounds(L, 1, 0, 1);
    lp_col_bounds(L, 2, 0, 1);
    lp_row_bounds(L, 1, 10, LP_INF);
    cr_expect_neq(lp_solve(L, 1), 0, "%s: an infeasible LP solved", name_of(*solver));
    cr_expect_neq(lp_solve(L, 0), 0, "%s: an infeasible LP solved warm", name_of(*solver));
    /* feasible again: the same LP object recovers */
    lp_row_bounds(L, 1, -LP_INF, 4);
    lp_col_bounds(L, 1, 0, LP_INF);
    lp_col_bounds(L, 2, 0, LP_INF);
    cr_expect_eq(lp_solve(L, 0), 0);
    expect_solution(L, 3, 1, -0.5, -0.5);
    lp_destroy(L);
}
