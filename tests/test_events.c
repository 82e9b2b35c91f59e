/* test_events.c: disruptions and changes (engine/core/events.c): factors, values,
 * ramps, order of events on one target, demand, group, origin and origin
 * group targets. Observed through unserved demand and origin volumes. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define TOL 1e-6

/* Region R (demand 10) fed only by source s (capacity 10) at R. */
#define SRC10(start, end)                                                      \
    "[scenario]\nstart = " start "\nend = " end "\n"                           \
    "[origin o]\n[region R]\ndemand = 10 mcm/d\n"                              \
    "[source s]\nnode = R\norigin = o\ncapacity = 10 mcm/d\n"

Test(events, factor_from_start_date)
{
    /* 40 % of 10 from 01-03: unserved 0, 0, then 10 - 4 = 6 */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-05")
                               "[event cut]\ntarget = source.s\n"
                               "start = 2022-01-03\nfactor = 40%\n");
    const double expect[5] = {0, 0, 6, 6, 6};
    for (int i = 0; i < 5; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, end_is_inclusive)
{
    /* stop 01-02..01-03 inclusive: unserved 0, 10, 10, 0 */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-04")
                               "[event stop]\ntarget = source.s.capacity\n"
                               "start = 2022-01-02\nend = 2022-01-03\nfactor = 0\n");
    const double expect[4] = {0, 10, 10, 0};
    for (int i = 0; i < 4; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, ramp_up_and_back)
{
    /* factor 0 from 01-03 to 01-08, ramp 4 days. Weight w = (day-start+1)/4
     * on the way in: 01-03 .25, 01-04 .5, 01-05 .75, 01-06..01-08 1; on the
     * way out 1 - (day-end)/4: 01-09 .75, 01-10 .5, 01-11 .25, 01-12 0.
     * Capacity 10 x (1 - w), unserved = 10 w. */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-12")
                               "[event cut]\ntarget = source.s\nstart = 2022-01-03\n"
                               "end = 2022-01-08\nramp = 4\nfactor = 0%\n");
    const double w[12] = {0, 0, .25, .5, .75, 1, 1, 1, .75, .5, .25, 0};
    for (int i = 0; i < 12; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 10.0 * w[i], TOL,
                           "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, ramp_of_a_value_event)
{
    /* value 2 mcm/d with ramp 2 from 01-02: weight .5 then 1:
     * capacity 10 + (2 - 10) w = 6, then 2 => unserved 0, 4, 8 */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-03")
                               "[event cut]\ntarget = source.s\nstart = 2022-01-02\n"
                               "ramp = 2 d\nvalue = 2 mcm/d\n");
    const double expect[3] = {0, 4, 8};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

/* Pipeline P (capacity 10) from a large source feeds R (demand 20). */
#define PIPE10                                                                 \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-03\n"                       \
    "[origin o]\n[node H]\n[region R]\ndemand = 20 mcm/d\n"                    \
    "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"                 \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 10 mcm/d\n"                    \
    "reverse_capacity = 4 mcm/d\n"

Test(events, value_sets_absolute_capacity)
{
    /* value 3 mcm/d from 01-02: unserved 20-10 = 10, then 20-3 = 17 */
    gasdep_model *m = th_model(PIPE10 "[event v]\ntarget = pipeline.P\n"
                                      "start = 2022-01-02\nvalue = 3 mcm/d\n");
    const double expect[3] = {10, 17, 17};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, value_can_raise_capacity)
{
    /* an expansion: value 15 (above the declared 10) from 01-02 */
    gasdep_model *m = th_model(PIPE10 "[event v]\ntarget = pipeline.P.capacity\n"
                                      "start = 2022-01-02\nvalue = 15 mcm/d\n");
    const double expect[3] = {10, 5, 5};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, factor_then_value_in_start_order)
{
    /* in the file the later event comes first; order is by start:
     * 01-02 factor 50 % (10 -> 5), 01-03 value 6 replaces => 6.
     * unserved: 10, 15, 14 */
    gasdep_model *m = th_model(PIPE10 "[event v]\ntarget = pipeline.P\n"
                                      "start = 2022-01-03\nvalue = 6 mcm/d\n"
                                      "[event f]\ntarget = pipeline.P\n"
                                      "start = 2022-01-02\nfactor = 50%\n");
    const double expect[3] = {10, 15, 14};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, value_then_factor_in_start_order)
{
    /* 01-02 value 6, 01-03 factor 50 % of that => 3. unserved: 10, 14, 17 */
    gasdep_model *m = th_model(PIPE10 "[event f]\ntarget = pipeline.P\n"
                                      "start = 2022-01-03\nfactor = 50%\n"
                                      "[event v]\ntarget = pipeline.P\n"
                                      "start = 2022-01-02\nvalue = 6 mcm/d\n");
    const double expect[3] = {10, 14, 17};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, two_factors_multiply)
{
    /* 50 % from 01-02 and 40 % from 01-03: 10, 5, 2 => unserved 10, 15, 18 */
    gasdep_model *m = th_model(PIPE10 "[event a]\ntarget = pipeline.P\n"
                                      "start = 2022-01-02\nfactor = 50%\n"
                                      "[event b]\ntarget = pipeline.P\n"
                                      "start = 2022-01-03\nfactor = 40%\n");
    const double expect[3] = {10, 15, 18};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, reverse_capacity_target)
{
    /* gas flows R's way only through P's reverse when P is declared R->H */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin o]\n[node H]\n[region R]\ndemand = 20 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\n"
        "[pipeline P]\nfrom = R\nto = H\ncapacity = 10 mcm/d\n"
        "reverse_capacity = 4 mcm/d\n"
        "[event e]\ntarget = pipeline.P.reverse_capacity\n"
        "start = 2022-01-02\nfactor = 25%\n");
    /* reverse 4 then 1: unserved 16, 19 */
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 16.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 19.0, TOL);
    gasdep_destroy(m);
}

Test(events, cold_spell_raises_region_demand)
{
    /* 130 % of 10 from 01-02: demand 10, 13; supply 10 => unserved 0, 3 */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-02")
                               "[event cold]\ntarget = region.R.demand\n"
                               "start = 2022-01-02\nfactor = 130%\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").demand_mcm, 10.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").demand_mcm, 13.0, TOL);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 3.0, TOL);
    gasdep_destroy(m);
}

Test(events, group_demand_reduction)
{
    /* EU = {A 10, B 20}, C 5 outside. 85 % on group.EU.demand:
     * A 8.5, B 17, EU 25.5, C unchanged 5 */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n"
        "[region A]\ndemand = 10 mcm/d\ngroups = EU\n"
        "[region B]\ndemand = 20 mcm/d\ngroups = EU\n"
        "[region C]\ndemand = 5 mcm/d\n"
        "[source sa]\nnode = A\norigin = o\ncapacity = 100 mcm/d\n"
        "[source sb]\nnode = B\norigin = o\ncapacity = 100 mcm/d\n"
        "[source sc]\nnode = C\norigin = o\ncapacity = 100 mcm/d\n"
        "[event cut15]\ntarget = group.EU.demand\nstart = 2022-01-01\n"
        "factor = 85%\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "A").demand_mcm, 8.5, TOL);
    cr_expect_float_eq(th_area_day(m, "B").demand_mcm, 17.0, TOL);
    cr_expect_float_eq(th_area_day(m, "EU").demand_mcm, 25.5, TOL);
    cr_expect_float_eq(th_area_day(m, "C").demand_mcm, 5.0, TOL);
    gasdep_destroy(m);
}

/* Two Russian sources (at H and at R), a Russian LNG slot and a Norwegian
 * source; R demand 30. */
#define ORIGINS                                                                \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"                       \
    "[origin ru1]\ngroup = russia\n[origin ru2]\ngroup = russia\n"             \
    "[origin no]\ngroup = norway\n"                                            \
    "[node H]\n[region R]\ndemand = 30 mcm/d\n"                                \
    "[source a]\nnode = H\norigin = ru1\ncapacity = 8 mcm/d\n"                 \
    "[source b]\nnode = R\norigin = ru1\ncapacity = 4 mcm/d\n"                 \
    "[source c]\nnode = R\norigin = ru2\ncapacity = 6 mcm/d\n"                 \
    "[source n]\nnode = R\norigin = no\ncapacity = 10 mcm/d\n"                 \
    "[lng T]\nnode = R\ncapacity = 2 mcm/d\norigins = ru1\n"                   \
    "[pipeline P]\nfrom = H\nto = R\ncapacity = 100 mcm/d\n"

Test(events, origin_target_cuts_every_source_and_lng_slot)
{
    /* day 1: all 8+4+6+10+2 = 30 supplied. Day 2: origin ru1 at 0 cuts a, b
     * and the LNG slot (14): ru2 6 + no 10 = 16 supplied, unserved 14 */
    gasdep_model *m = th_model(ORIGINS "[event cut]\ntarget = origin.ru1\n"
                                       "start = 2022-01-02\nfactor = 0\n");
    int r = th_area(m, "R");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "ru1")), 14.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 14.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "ru1")), 0.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "ru2")), 6.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "no")), 10.0, TOL);
    gasdep_destroy(m);
}

Test(events, origin_group_target_scales_all_its_origins)
{
    /* origin_group.russia at 50 %: ru1 14 -> 7, ru2 6 -> 3; no stays 10:
     * supplied 20, unserved 10 */
    gasdep_model *m = th_model(ORIGINS "[event half]\ntarget = origin_group.russia\n"
                                       "start = 2022-01-02\nfactor = 50%\n");
    int r = th_area(m, "R");
    th_step(m);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 10.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "ru1")), 7.0, TOL);
    cr_expect_float_eq(gasdep_area_origin_mcm(m, r, th_origin(m, "ru2")), 3.0, TOL);
    cr_expect_float_eq(gasdep_area_group_mcm(m, r, th_group(m, "russia")), 10.0, TOL);
    cr_expect_float_eq(gasdep_area_group_mcm(m, r, th_group(m, "norway")), 10.0, TOL);
    gasdep_destroy(m);
}

Test(events, lng_target)
{
    /* lng.T at 0 from day 2: R loses its 2 mcm/d of LNG */
    gasdep_model *m = th_model(ORIGINS "[event e]\ntarget = lng.T\n"
                                       "start = 2022-01-02\nfactor = 0\n");
    th_step(m);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 2.0, TOL);
    gasdep_destroy(m);
}

Test(events, disabled_event_has_no_effect)
{
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-01")
                               "[event cut]\ntarget = source.s\n"
                               "start = 2022-01-01\nfactor = 0\nenabled = false\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 0.0, TOL);
    gasdep_destroy(m);
}

Test(events, event_start_override)
{
    /* --set event.cut.start moves the cut from 01-02 to 01-03 */
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini",
                                    SRC10("2022-01-01", "2022-01-03")
                                    "[event cut]\ntarget = source.s\n"
                                    "start = 2022-01-02\nfactor = 0\n"),
                 GASDEP_OK);
    cr_assert_eq(gasdep_set_assignment(m, "event.cut.start=2022-01-03"), GASDEP_OK,
                 "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    const double expect[3] = {0, 0, 10};
    for (int i = 0; i < 3; i++) {
        th_step(m);
        cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, expect[i], TOL, "day %d", i);
    }
    gasdep_destroy(m);
}

Test(events, override_value_replaces_a_factor)
{
    /* the file gives factor 0; --set event.cut.value=4mcm/d replaces it:
     * capacity 4, unserved 6 */
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini",
                                    SRC10("2022-01-01", "2022-01-01")
                                    "[event cut]\ntarget = source.s\n"
                                    "start = 2022-01-01\nfactor = 0\n"),
                 GASDEP_OK);
    cr_assert_eq(gasdep_set_assignment(m, "event.cut.value=4mcm/d"), GASDEP_OK,
                 "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 6.0, TOL);
    gasdep_destroy(m);
}

Test(events, event_names_are_listed)
{
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-01")
                               "[event later]\ntarget = source.s\n"
                               "start = 2022-03-01\nfactor = 0\n"
                               "[event sooner]\ntarget = source.s\n"
                               "start = 2022-02-01\nfactor = 0\n");
    cr_expect_eq(gasdep_count(m, GASDEP_EVENT), 2);
    cr_expect_geq(gasdep_find(m, GASDEP_EVENT, "later"), 0);
    cr_expect_geq(gasdep_find(m, GASDEP_EVENT, "sooner"), 0);
    gasdep_destroy(m);
}

Test(events, origin_factor_applies_when_the_origin_capacity_binds)
{
    /* Origin o may deliver at most 10 mcm/d in all (origin capacity) over
     * two sources of 15. Day 1: 10 supplied to R (demand 20). From day 2
     * the event keeps 50 % of origin o: 50 % of its 10 = 5 supplied,
     * unserved 15. (Scaling only the sources, 2 x 7.5 = 15 > 10, would
     * leave the cut without effect.) */
    gasdep_model *m = th_model("[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
                               "[origin o]\ncapacity = 10 mcm/d\n"
                               "[region R]\ndemand = 20 mcm/d\n"
                               "[source s1]\nnode = R\norigin = o\ncapacity = 15 mcm/d\n"
                               "[source s2]\nnode = R\norigin = o\ncapacity = 15 mcm/d\n"
                               "[event half]\ntarget = origin.o\nstart = 2022-01-02\n"
                               "factor = 50%\n");
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").supplied_mcm, 10.0, TOL);
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "R").supplied_mcm, 5.0, TOL, "supplied %g",
                       th_area_day(m, "R").supplied_mcm);
    cr_expect_float_eq(th_area_day(m, "R").unserved_mcm, 15.0, TOL);
    gasdep_destroy(m);
}

Test(events, short_event_ramps_back_from_where_it_was)
{
    /* factor 0 on source s (10) from 01-02 to 01-03 with ramp 4: the ramp
     * in reaches 25 % and 50 % (unserved 2.5 and 5). After 'end' the event
     * ramps back out: the effect must not grow after the event has ended,
     * and it is gone by end + ramp (01-07). */
    gasdep_model *m = th_model(SRC10("2022-01-01", "2022-01-07")
                               "[event blip]\ntarget = source.s\nstart = 2022-01-02\n"
                               "end = 2022-01-03\nramp = 4\nfactor = 0\n");
    double uns[7];
    for (int i = 0; i < 7; i++) {
        th_step(m);
        uns[i] = th_area_day(m, "R").unserved_mcm;
    }
    cr_expect_float_eq(uns[0], 0.0, TOL);
    cr_expect_float_eq(uns[1], 2.5, TOL);
    cr_expect_float_eq(uns[2], 5.0, TOL);
    for (int i = 3; i < 7; i++)
        cr_expect_leq(uns[i], uns[i - 1] + TOL,
                      "day %d after the end: unserved %g rose from %g", i - 2,
                      uns[i], uns[i - 1]);
    cr_expect_float_eq(uns[6], 0.0, TOL);
    gasdep_destroy(m);
}
