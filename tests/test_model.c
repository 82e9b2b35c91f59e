/* test_model.c: the model handle (engine/core/model.c): create, load, init,
 * step, finish in order and out of it, perturbations between steps, and
 * init running out of memory at every allocation (arena fault hook). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model.h"

#define TOL 1e-6 /* mcm: LP solutions are exact up to simplex tolerances */

Test(model, default_scenario_runs_and_balances)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, "scenarios/default.ini"), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_run(m);
    double worst;
    gasdep_mass_imbalance_mcm(m, &worst);
    cr_expect_lt(worst, 1e-6);
    gasdep_destroy(m);
}

Test(model, step_after_the_horizon_is_done)
{
    gasdep_model *m = th_model(TH_GROUPS);
    int first, last;
    cr_assert_eq(gasdep_horizon(m, &first, &last), GASDEP_OK);
    cr_expect_eq(first, th_day("2022-01-01"));
    cr_expect_eq(last, th_day("2022-01-03"));
    cr_expect_eq(gasdep_day(m), -1);
    gasdep_area_day d;
    cr_expect_eq(gasdep_area_result(m, 0, &d), GASDEP_EARG);
    for (int i = 0; i < 3; i++)
        th_step(m);
    cr_expect_eq(gasdep_day(m), last);
    cr_expect_eq(gasdep_step(m), GASDEP_DONE);
    cr_expect_eq(gasdep_day(m), last);
    cr_expect_eq(gasdep_finish(m), GASDEP_OK);
    cr_expect_eq(gasdep_step(m), GASDEP_ESTATE);
    gasdep_destroy(m);
}

Test(model, perturbation_factors_apply_from_the_next_step)
{
    /* demand 10 supplied by a 10 mcm/d pipe; day 2 the pipe is at 50 % and
     * demand at 120 %: demand 12, supply 5 => unserved 7 */
    gasdep_model *m = th_model("[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
                               "[origin o]\n[node H]\n[region R]\ndemand = 10 mcm/d\n"
                               "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
                               "[pipeline P]\nfrom = H\nto = R\ncapacity = 10 mcm/d\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, TOL);
    cr_assert_eq(gasdep_set_capacity_factor(m, GASDEP_PIPELINE, th_pipe(m, "P"), 0.5),
                 GASDEP_OK);
    cr_assert_eq(gasdep_set_demand_factor(m, gasdep_find(m, GASDEP_REGION, "R"), 1.2),
                 GASDEP_OK);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").demand_mcm, 12.0, TOL);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 7.0, TOL);
    /* invalid perturbations are refused */
    cr_expect_eq(gasdep_set_demand_factor(m, 99, 1.0), GASDEP_EARG);
    cr_expect_eq(gasdep_set_capacity_factor(m, GASDEP_PIPELINE, 0, -1.0), GASDEP_EARG);
    gasdep_destroy(m);
}

/* ---- calls out of sequence (GASDEP_ESTATE) ------------------------------- */

Test(model, calls_out_of_sequence_are_state_errors)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    cr_expect_eq(gasdep_init(m), GASDEP_ESTATE, "init before load");
    cr_expect(strstr(gasdep_errmsg(m), "init needs a loaded scenario") != NULL, "%s",
              gasdep_errmsg(m));
    cr_expect_eq(gasdep_step(m), GASDEP_ESTATE, "step before init");
    cr_assert_eq(gasdep_load_string(m, "test.ini", TH_GROUPS), GASDEP_OK);
    cr_expect_eq(gasdep_step(m), GASDEP_ESTATE, "step after load, before init");
    cr_expect(strstr(gasdep_errmsg(m), "step needs init") != NULL, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_expect_eq(gasdep_init(m), GASDEP_ESTATE, "init twice");
    th_step(m);
    cr_expect_eq(gasdep_init(m), GASDEP_ESTATE, "init while running");
    gasdep_destroy(m);
    /* NULL handles are argument errors, not crashes */
    cr_expect_eq(gasdep_init(NULL), GASDEP_EARG);
    cr_expect_eq(gasdep_step(NULL), GASDEP_EARG);
    gasdep_destroy(NULL);
}

/* ---- out of memory (GASDEP_ENOMEM) through the arena's fault hook --------- */

/* Allocations init makes from the model's arena for TH_GROUPS (with a
 * storage site and an LNG terminal, so that their builders run too). */
#define OOM_SCENARIO                                                          \
    TH_GROUPS "[storage S]\nnode = A\nvolume = 100 mcm\ninjection = 5 mcm/d\n" \
              "withdrawal = 5 mcm/d\ninitial_fill = 50%\ninitial_mix = o:1\n"  \
              "[lng L]\nnode = B\ncapacity = 3 mcm/d\norigins = o\n"

static gasdep_model *loaded(void)
{
    gasdep_model *m = gasdep_create();
    cr_assert_not_null(m);
    cr_assert_eq(gasdep_load_string(m, "test.ini", OOM_SCENARIO), GASDEP_OK, "%s",
                 gasdep_errmsg(m));
    return m;
}

Test(model, init_out_of_memory_at_every_allocation)
{
    /* count init's allocations on an unhooked model */
    gasdep_model *m = loaded();
    size_t before = m->mem.n;
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    long allocs = (long)(m->mem.n - before);
    gasdep_destroy(m);
    cr_assert_gt(allocs, 20, "init made only %ld arena allocations", allocs);
    /* the k-th allocation fails (k = 0 .. allocs-1): init must say so, leave
     * the model failed (no step) and free everything with the model (the
     * sanitizer build runs this under LeakSanitizer) */
    for (long k = 0; k < allocs; k++) {
        m = loaded();
        arena_fail_after(&m->mem, k);
        int rc = gasdep_init(m);
        cr_expect_eq(rc, GASDEP_ENOMEM, "allocation %ld of %ld failed: init gave %d (%s)",
                     k, allocs, rc, gasdep_strerror(rc));
        cr_expect(strstr(gasdep_errmsg(m), "out of memory") != NULL,
                  "allocation %ld of %ld failed: message '%s'", k, allocs,
                  gasdep_errmsg(m));
        cr_expect_eq(gasdep_step(m), GASDEP_ESTATE, "step after a failed init (k = %ld)", k);
        cr_expect_eq(gasdep_count(m, GASDEP_AREA), 0, "areas after a failed init (k = %ld)", k);
        gasdep_destroy(m);
    }
    /* with room for every allocation init succeeds and the model runs */
    m = loaded();
    arena_fail_after(&m->mem, allocs);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_run(m);
    cr_expect_float_eq(th_area_day(m, "EU").unserved_mcm, 0.0, TOL);
    gasdep_destroy(m);
}
