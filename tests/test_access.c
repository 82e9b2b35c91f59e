/* test_access.c: the public getters (engine/core/access.c): what they return
 * after a failed init and for indices out of range. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define BROKEN TH_GROUPS "[pipeline Q]\nfrom = H\nto = NOWHERE\ncapacity = 1 mcm/d\n"

Test(access, counts_are_zero_after_a_failed_init)
{
    /* init fails on an unknown node: the network description is not valid
     * ("valid after init"), so every count is 0 */
    gasdep_model *m = NULL;
    cr_assert_eq(th_try(BROKEN, &m), GASDEP_EINPUT);
    cr_expect_eq(gasdep_count(m, GASDEP_REGION), 0);
    cr_expect_eq(gasdep_count(m, GASDEP_AREA), 0,
                 "gasdep_count(AREA) = %d after a failed init",
                 gasdep_count(m, GASDEP_AREA));
    cr_expect_eq(gasdep_step(m), GASDEP_ESTATE);
    gasdep_destroy(m);
}

Test(access, accessors_do_not_crash_after_a_failed_init)
{
    /* the summary arrays were never allocated: accessors must refuse, not
     * dereference them */
    gasdep_model *m = NULL;
    cr_assert_eq(th_try(BROKEN, &m), GASDEP_EINPUT);
    cr_expect(isnan(gasdep_n1_pct(m, 0)));
    gasdep_area_summary s;
    cr_expect_eq(gasdep_area_summary_get(m, 0, &s), GASDEP_EARG);
    double mean, lo, hi;
    cr_expect_eq(gasdep_area_group_share_stats(m, 0, 0, &mean, &lo, &hi),
                 GASDEP_EARG);
    gasdep_destroy(m);
}

Test(access, indices_out_of_range_are_refused)
{
    /* TH_GROUPS: 2 regions, 4 areas, 2 pipelines, 1 source; one step run */
    gasdep_model *m = th_model(TH_GROUPS);
    th_step(m);
    gasdep_area_day d;
    gasdep_area_summary s;
    double flow, cap;
    int from, to;
    const int *mem;
    for (int bad = -1; bad <= 4; bad += 5) { /* -1 and one past the last area */
        cr_expect_eq(gasdep_area_result(m, bad, &d), GASDEP_EARG, "area %d", bad);
        cr_expect_eq(gasdep_area_summary_get(m, bad, &s), GASDEP_EARG, "area %d", bad);
        cr_expect_eq(gasdep_area_members(m, bad, &mem), -1, "area %d", bad);
        cr_expect_null(gasdep_name(m, GASDEP_AREA, bad), "area %d", bad);
    }
    cr_expect_eq(gasdep_pipeline_result(m, 2, &flow, &cap), GASDEP_EARG);
    cr_expect_eq(gasdep_pipeline_ends(m, -1, &from, &to), GASDEP_EARG);
    cr_expect_eq(gasdep_find(m, GASDEP_PIPELINE, "no-such-pipe"), -1);
    cr_expect_eq(gasdep_count(m, GASDEP_KIND_COUNT), 0);
    /* and the valid ones answer: area 3 is the group SEE = A */
    cr_expect_eq(gasdep_area_result(m, 3, &d), GASDEP_OK);
    cr_expect_float_eq(d.demand_mcm, 10.0, 1e-9);
    cr_expect_eq(gasdep_pipeline_ends(m, 1, &from, &to), GASDEP_OK);
    cr_expect_str_eq(gasdep_name(m, GASDEP_NODE, to), "B");
    gasdep_destroy(m);
    /* a NULL handle */
    cr_expect_eq(gasdep_count(NULL, GASDEP_AREA), 0);
    cr_expect_eq(gasdep_area_result(NULL, 0, &d), GASDEP_EARG);
    cr_expect_eq(gasdep_day(NULL), -1);
}
