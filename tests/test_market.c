/* test_market.c: market behaviour (issue 10): LNG and source tranches, LNG
 * slot floors, price-responsive demand blocks (reduced apart from
 * unserved); every figure worked out by hand from the scenario text.
 * Weather series driving demand are in test_demand.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "helpers.h"

#define TOL 1e-6
/* prices carry the LP's tie-break, a relative 2e-6 at most */
#define PTOL(p) (3e-6 * fmax(fabs(p), 1.0))
/* shared shortage: equal fractions within 0.05 pp (docs/DISPATCH.md) */
#define FAIR(d) (0.0005 * (d) + 1e-6)

static gasdep_supply_day supply(gasdep_model *m, int i)
{
    gasdep_supply_day s;
    cr_assert_eq(gasdep_supply_result(m, i, &s), GASDEP_OK);
    return s;
}

/* Two terminals in two regions share one US supply curve: 100 mcm/d at
 * 20 EUR/MWh, then 60 at 40. Demand 70 + 60 = 130 needs all of the first
 * tranche and 30 of the second, so both regions pay the second tranche's
 * 40 EUR/MWh plus their terminal's cost (1 and 2 EUR/MWh). */
#define TWO_TERMINALS(extra)                                                   \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"                       \
    "[origin us]\nlng_tranches = 100 mcm/d:20 EUR/MWh, 60 mcm/d:40\n" extra   \
    "[region A]\ndemand = 70 mcm/d\n[region B]\ndemand = 60 mcm/d\n"           \
    "[lng TA]\nnode = A\ncapacity = 80 mcm/d\norigins = us\ncosts = 1\n"       \
    "[lng TB]\nnode = B\ncapacity = 80 mcm/d\norigins = us\ncosts = 2\n"

Test(market, lng_origin_two_tranches_part_of_the_second)
{
    gasdep_model *m = th_model(TWO_TERMINALS(""));
    th_step(m);
    gasdep_area_day a = th_area_day(m, "A"), b = th_area_day(m, "B");
    cr_expect_float_eq(a.supplied_mcm, 70.0, TOL);
    cr_expect_float_eq(b.supplied_mcm, 60.0, TOL);
    cr_expect_float_eq(a.unserved_mcm + b.unserved_mcm, 0.0, TOL);
    cr_expect_float_eq(a.price_eur_mwh, 41.0, PTOL(41.0), "A %g", a.price_eur_mwh);
    cr_expect_float_eq(b.price_eur_mwh, 42.0, PTOL(42.0), "B %g", b.price_eur_mwh);
    /* the supply table: the terminal's cost plus the mean tranche price,
     * (100 x 20 + 30 x 40) / 130 */
    gasdep_supply_day s = supply(m, 0);
    cr_expect_float_eq(s.volume_mcm, 70.0, TOL);
    cr_expect_float_eq(s.cost_eur_mwh, 1.0 + 3200.0 / 130.0, 1e-6);
    gasdep_destroy(m);
}

Test(market, origin_capacity_still_caps_the_curve)
{
    /* capacity 120 < 130 demand: 10 unserved, shared 70:60 by fraction
     * (cooperative) up to the terminals' cost difference: 1 EUR/MWh against
     * the penalty's slope VoLL = 1000 EUR/MWh per unit fraction moves the
     * fractions apart by up to 0.001; the price of a short day is VoLL-based */
    gasdep_model *m = th_model(TWO_TERMINALS("capacity = 120 mcm/d\n"));
    th_step(m);
    gasdep_area_day a = th_area_day(m, "A"), b = th_area_day(m, "B");
    cr_expect_float_eq(a.unserved_mcm + b.unserved_mcm, 10.0, 1e-5);
    cr_expect_float_eq(a.unserved_mcm / 70.0, b.unserved_mcm / 60.0, FAIR(1.0) + 0.001);
    cr_expect_float_eq(a.reduced_mcm + b.reduced_mcm, 0.0, TOL);
    cr_expect_gt(a.price_eur_mwh, 999.0);
    gasdep_destroy(m);
}

Test(market, tranche_events_change_volume_and_price)
{
    /* Day 2: the second tranche falls to 60 % (36 mcm/d), 130 = 100 + 30 of
     * it and A's price is the second tranche still, 41; day 3: its price
     * doubles (80); day 4: a factor on every tranche's volume (50 %: 50 +
     * 18 = 68 < 130, 62 unserved). */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-04\n"
        "[origin us]\nlng_tranches = 100 mcm/d:20 EUR/MWh, 60 mcm/d:40\n"
        "[region A]\ndemand = 130 mcm/d\n"
        "[lng TA]\nnode = A\ncapacity = 500 mcm/d\norigins = us\ncosts = 1\n"
        "[event less]\ntarget = origin.us.lng_tranche_volume2\nstart = 2022-01-02\n"
        "factor = 60%\n"
        "[event dear]\ntarget = origin.us.lng_tranche_price2\nstart = 2022-01-03\n"
        "factor = 200%\n"
        "[event all]\ntarget = origin.us.lng_tranche_volume\nstart = 2022-01-04\n"
        "factor = 50%\n");
    double want_price[3] = {41.0, 41.0, 81.0};
    for (int d = 0; d < 3; d++) {
        th_step(m);
        gasdep_area_day a = th_area_day(m, "A");
        cr_expect_float_eq(a.supplied_mcm, 130.0, 1e-6, "day %d", d + 1);
        cr_expect_float_eq(a.price_eur_mwh, want_price[d], PTOL(want_price[d]),
                           "day %d: %g", d + 1, a.price_eur_mwh);
    }
    th_step(m);
    cr_expect_float_eq(th_area_day(m, "A").unserved_mcm, 62.0, 1e-5);
    gasdep_destroy(m);
}

/* A source with tranches (capacity = the curve's total): 80 at 20, 30 at
 * 50 EUR/MWh on top of its cost 0. */
#define CURVE_SOURCE(dr, extra)                                                \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"                       \
    "[origin o]\n[region R]\ndemand = 100 mcm/d\ndemand_response = " dr "\n"   \
    "[source s]\nnode = R\norigin = o\ntranches = 80 mcm/d:20, 30 mcm/d:50\n" \
    extra

Test(market, demand_block_switches_off_above_its_price)
{
    /* A block of 10 % at 40 EUR/MWh: the last 10 mcm would cost 50, so the
     * block gives way (reduced 10, not unserved); the price is the marginal
     * tranche, 50. Day 2: the block's willingness to pay x1.5 = 60 > 50:
     * all 100 served, the second tranche still marginal (20 of 30). */
    gasdep_model *m = th_model(CURVE_SOURCE(
        "10%:40 EUR/MWh",
        "[event wtp]\ntarget = region.R.demand_response_price\nstart = 2022-01-02\n"
        "factor = 150%\n"));
    th_step(m);
    gasdep_area_day r = th_area_day(m, "R");
    cr_expect_float_eq(r.reduced_mcm, 10.0, TOL);
    cr_expect_float_eq(r.unserved_mcm, 0.0, TOL);
    cr_expect_float_eq(r.supplied_mcm, 90.0, TOL);
    cr_expect_float_eq(r.price_eur_mwh, 50.0, PTOL(50.0), "%g", r.price_eur_mwh);
    cr_expect_float_eq(supply(m, 0).volume_mcm, 90.0, TOL);
    th_step(m);
    r = th_area_day(m, "R");
    cr_expect_float_eq(r.reduced_mcm, 0.0, TOL);
    cr_expect_float_eq(r.supplied_mcm, 100.0, TOL);
    cr_expect_float_eq(r.price_eur_mwh, 50.0, PTOL(50.0));
    gasdep_destroy(m);
}

Test(market, price_set_by_a_partly_used_block)
{
    /* A block of 30 % at 40: gas beyond the first tranche (80) costs 50 >
     * 40, so 20 of the block's 30 give way and the block sets the price. */
    gasdep_model *m = th_model(CURVE_SOURCE("30%:40", ""));
    th_step(m);
    gasdep_area_day r = th_area_day(m, "R");
    cr_expect_float_eq(r.reduced_mcm, 20.0, TOL);
    cr_expect_float_eq(r.supplied_mcm, 80.0, TOL);
    cr_expect_float_eq(r.price_eur_mwh, 40.0, PTOL(40.0), "%g", r.price_eur_mwh);
    gasdep_destroy(m);
}

Test(market, blocks_in_order_of_their_price)
{
    /* Blocks 5 % at 30, 10 % at 45, 15 % at 60 against tranches 80 at 20,
     * 30 at 50: the blocks below 50 give way (5 + 10), the one above does
     * not; 85 served, the second tranche takes 5 and sets the price. */
    gasdep_model *m = th_model(CURVE_SOURCE("5%:30, 10%:45, 15%:60", ""));
    th_step(m);
    gasdep_area_day r = th_area_day(m, "R");
    cr_expect_float_eq(r.reduced_mcm, 15.0, TOL);
    cr_expect_float_eq(r.supplied_mcm, 85.0, TOL);
    cr_expect_float_eq(r.price_eur_mwh, 50.0, PTOL(50.0));
    gasdep_destroy(m);
}

Test(market, reduced_and_unserved_apart_in_the_balance)
{
    /* Supply 70 for a demand of 100 with a block of 20 % at 100 EUR/MWh:
     * the block gives way first (20), the last 10 go unserved; the day is
     * short (unserved > 0) and priced at VoLL. demand = supplied +
     * unserved + reduced, node balances hold. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-03\n"
        "[origin o]\n[region R]\ndemand = 100 mcm/d\ndemand_response = 20%:100\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 70 mcm/d\ncost = 10\n");
    for (int d = 0; d < 3; d++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        cr_expect_float_eq(r.demand_mcm, 100.0, TOL);
        cr_expect_float_eq(r.reduced_mcm, 20.0, TOL);
        cr_expect_float_eq(r.unserved_mcm, 10.0, TOL);
        cr_expect_float_eq(r.supplied_mcm, 70.0, TOL);
        cr_expect_gt(r.price_eur_mwh, 999.0);
        double run_max;
        cr_expect_lt(gasdep_mass_imbalance_mcm(m, &run_max), 1e-9);
        cr_expect_lt(run_max, 1e-9);
        /* the gas traced to R is what it was supplied, not its demand */
        cr_expect_float_eq(gasdep_area_origin_mcm(m, 0, 0), 70.0, TOL);
    }
    cr_assert_eq(gasdep_finish(m), GASDEP_OK);
    gasdep_area_summary s;
    cr_assert_eq(gasdep_area_summary_get(m, 0, &s), GASDEP_OK);
    cr_expect_float_eq(s.demand_mcm, 300.0, TOL);
    cr_expect_float_eq(s.reduced_mcm, 60.0, TOL);
    cr_expect_float_eq(s.unserved_mcm, 30.0, TOL);
    cr_expect_float_eq(s.supplied_mcm, 210.0, TOL);
    cr_expect_eq(s.days_short, 3);
    gasdep_destroy(m);
}

/* fixed_demand (the stress tests' demand): the same region with its block
 * and long-run adaptation written, but no block is built: nothing is
 * reduced, the whole gap of 30 goes unserved, and demand stays 100 after
 * a window at VoLL (no adaptation; with it, -0.5 at 1000 EUR/MWh against
 * 25 would lower the level). */
Test(market, fixed_demand_builds_no_blocks)
{
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-03\nfixed_demand = true\n"
        "long_run_elasticity = -0.5\nadaptation_years = 0.01\n"
        "[origin o]\n[region R]\ndemand = 100 mcm/d\ndemand_response = 20%:100\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 70 mcm/d\ncost = 10\n");
    for (int d = 0; d < 3; d++) {
        th_step(m);
        gasdep_area_day r = th_area_day(m, "R");
        cr_expect_float_eq(r.demand_mcm, 100.0, TOL, "day %d", d + 1);
        cr_expect_float_eq(r.reduced_mcm, 0.0, TOL);
        cr_expect_float_eq(r.unserved_mcm, 30.0, TOL);
        cr_expect_float_eq(r.supplied_mcm, 70.0, TOL);
    }
    gasdep_destroy(m);
}

Test(market, reduced_is_not_in_the_fairness_penalty)
{
    /* A hub with 120 mcm/d feeds A (100, a block of 20 % at 100 EUR/MWh)
     * and B (100, none). A's block gives way first (20); the remaining gap
     * 180 - 120 = 60 is shared by unserved fraction of demand: 30 each. Were
     * reduction counted as unserved, A would lose less gas. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[node H]\n"
        "[region A]\ndemand = 100 mcm/d\ndemand_response = 20%:100\n"
        "[region B]\ndemand = 100 mcm/d\n"
        "[source s]\nnode = H\norigin = o\ncapacity = 120 mcm/d\n"
        "[pipeline HA]\nfrom = H\nto = A\ncapacity = 200 mcm/d\n"
        "[pipeline HB]\nfrom = H\nto = B\ncapacity = 200 mcm/d\n");
    th_step(m);
    gasdep_area_day a = th_area_day(m, "A"), b = th_area_day(m, "B");
    cr_expect_float_eq(a.reduced_mcm, 20.0, 1e-5);
    cr_expect_float_eq(b.reduced_mcm, 0.0, TOL);
    cr_expect_float_eq(a.unserved_mcm, 30.0, FAIR(100.0), "A %g", a.unserved_mcm);
    cr_expect_float_eq(b.unserved_mcm, 30.0, FAIR(100.0), "B %g", b.unserved_mcm);
    cr_expect_float_eq(a.supplied_mcm + b.supplied_mcm, 120.0, 1e-5);
    gasdep_destroy(m);
}

Test(market, lng_slot_floor_takes_dear_lng)
{
    /* A pipeline source at 10 could cover all 100; the LNG slot (30 EUR/MWh)
     * has a contract floor of 40 mcm/d and the other origin's slot none:
     * LNG 40, source 60, price 10 (the source is marginal). Day 2: the
     * terminal's send-out is cut to 25 (event), the floor is bounded by it:
     * 25 taken, no floor missed. */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
        "[origin o]\n[origin q]\n[origin z]\n[region R]\ndemand = 100 mcm/d\n"
        "[source s]\nnode = R\norigin = o\ncapacity = 100 mcm/d\ncost = 10\n"
        "[lng T]\nnode = R\ncapacity = 50 mcm/d\norigins = q z\ncosts = 30 35\n"
        "min_take = 40 mcm/d, 0\n"
        "[event cut]\ntarget = lng.T\nstart = 2022-01-02\nvalue = 25 mcm/d\n");
    th_step(m);
    gasdep_supply_day src = supply(m, 0), q = supply(m, 1), z = supply(m, 2);
    cr_expect_float_eq(q.volume_mcm, 40.0, TOL);
    cr_expect_float_eq(z.volume_mcm, 0.0, TOL);
    cr_expect_float_eq(src.volume_mcm, 60.0, TOL);
    cr_expect_float_eq(q.min_take_mcm, 40.0, TOL);
    cr_expect_float_eq(q.missed_min_take_mcm, 0.0, TOL);
    cr_expect_float_eq(th_area_day(m, "R").price_eur_mwh, 10.0, PTOL(10.0));
    th_step(m);
    q = supply(m, 1);
    cr_expect_float_eq(q.volume_mcm, 25.0, TOL);
    cr_expect_float_eq(q.min_take_mcm, 25.0, TOL);
    cr_expect_float_eq(q.missed_min_take_mcm, 0.0, TOL);
    gasdep_destroy(m);
}

Test(market, source_tranches_with_a_minimum_take)
{
    /* A source's minimum take (50) is taken through its curve: 40 at 5 then
     * 10 of the 30 at 25, although the other source costs 15; the rest of
     * the demand of 80 comes from the other source (30). */
    gasdep_model *m = th_model(
        "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
        "[origin o]\n[region R]\ndemand = 80 mcm/d\n"
        "[source c]\nnode = R\norigin = o\ntranches = 40 mcm/d:5, 30 mcm/d:25\n"
        "min_take = 50 mcm/d\n"
        "[source f]\nnode = R\norigin = o\ncapacity = 100 mcm/d\ncost = 15\n");
    th_step(m);
    gasdep_supply_day c = supply(m, 0), f = supply(m, 1);
    cr_expect_float_eq(c.capacity_mcm, 70.0, TOL); /* the curve's total */
    cr_expect_float_eq(c.volume_mcm, 50.0, TOL);
    cr_expect_float_eq(f.volume_mcm, 30.0, TOL);
    cr_expect_float_eq(c.cost_eur_mwh, (40.0 * 5 + 10.0 * 25) / 50.0, 1e-6);
    cr_expect_float_eq(th_area_day(m, "R").price_eur_mwh, 15.0, PTOL(15.0));
    gasdep_destroy(m);
}

/* Tranches, a demand block and a tranche event in a 20-day horizon with no
 * storage: nothing links the days, so a rolling window (daily, then weekly
 * blocks of means) must give the myopic day-1 dispatch. */
#define ROLLING(fs)                                                            \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-20\n" fs                    \
    "[origin us]\nlng_tranches = 60 mcm/d:20, 60 mcm/d:35, 50 mcm/d:90\n"     \
    "[origin qa]\nlng_tranches = 30 mcm/d:25, 30 mcm/d:45\n"                  \
    "[region R]\ndemand = 140 mcm/d\ndemand_response = 10%:70\n"               \
    "[lng T]\nnode = R\ncapacity = 200 mcm/d\norigins = us qa\ncosts = 1 2\n" \
    "[event fall]\ntarget = origin.us.lng_tranche_volume\nstart = 2022-01-05\n" \
    "factor = 70%\n"

Test(market, rolling_window_day_one_equals_myopic)
{
    gasdep_model *a = th_model(ROLLING(""));
    gasdep_model *b = th_model(ROLLING("foresight = rolling\nlookahead = 20\n"
                                       "resolve_every = 1\nlookahead_block = 7\n"));
    th_step(a);
    th_step(b);
    /* by hand: us 60 at 21, qa 30 at 27, us 50 of 60 at 36: 140 served,
     * price 36, the block (at 70) untouched */
    gasdep_area_day ra = th_area_day(a, "R"), rb = th_area_day(b, "R");
    cr_expect_float_eq(ra.supplied_mcm, 140.0, TOL);
    cr_expect_float_eq(ra.reduced_mcm, 0.0, TOL);
    cr_expect_float_eq(ra.price_eur_mwh, 36.0, PTOL(36.0));
    cr_expect_float_eq(rb.supplied_mcm, ra.supplied_mcm, TOL);
    cr_expect_float_eq(rb.reduced_mcm, ra.reduced_mcm, TOL);
    cr_expect_float_eq(rb.price_eur_mwh, ra.price_eur_mwh, PTOL(36.0));
    for (int i = 0; i < gasdep_supply_count(a); i++)
        cr_expect_float_eq(supply(b, i).volume_mcm, supply(a, i).volume_mcm, TOL,
                           "supply %d", i);
    gasdep_destroy(a);
    gasdep_destroy(b);
}

Test(market, input_errors_name_file_and_line)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"[origin us]\nlng_tranches = 100 mcm/d:40, 60 mcm/d:20\n",
         "test.ini:8: origin 'us': 'lng_tranches = 100 mcm/d:40, 60 mcm/d:20': "
         "prices must not fall"},
        {"[origin us]\nlng_tranches = 100:40\n", "test.ini:8: origin 'us'"},
        {"[region R]\ndemand_response = 60%:10, 50%:20\n",
         "the shares add up to more than 100%"},
        {"[region R]\ndemand_response = 5%:2000\n",
         "'demand_response' price 2000 EUR/MWh must be below voll"},
        {"[event e]\ntarget = origin.o.lng_tranche_volume\nstart = 2022-01-01\n"
         "factor = 50%\n",
         "the element has no tranches"},
        {"[origin us]\nlng_tranches = 10 mcm/d:1\n[event e]\n"
         "target = origin.us.lng_tranche_price3\nstart = 2022-01-01\nfactor = 200%\n",
         "no such tranche"},
        {"[origin us]\nlng_tranches = 10 mcm/d:1\n[event e]\n"
         "target = origin.us.lng_tranche_price\nstart = 2022-01-01\n"
         "value = 5 mcm/d\n",
         "takes a 'factor', not a 'value'"},
        {"[lng T]\nnode = R\ncapacity = 5 mcm/d\norigins = o\n"
         "min_take = 1 mcm/d, 2 mcm/d\n",
         "'min_take' has 2 values for 1 origins"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n" /* 1-3 */
                 "[origin o]\n[region R]\ndemand = 10 mcm/d\n%s"      /* 4-6 */
                 "[source s]\nnode = R\norigin = o\ncapacity = 10 mcm/d\n",
                 cases[i].text);
        gasdep_model *m = NULL;
        int rc = th_try(text, &m);
        cr_expect_eq(rc, GASDEP_EINPUT, "case %zu accepted", i);
        cr_expect(strstr(gasdep_errmsg(m), cases[i].want) != NULL, "case %zu: %s", i,
                  gasdep_errmsg(m));
        gasdep_destroy(m);
    }
}
