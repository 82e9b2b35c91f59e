/* test_validate.c: whole-scenario checks (engine/core/validate.c): dates,
 * events, LNG lists, losses; each names file and line. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define ONE_DAY "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"

Test(validate, offline_before_online_is_an_error)
{
    gasdep_model *m = NULL;
    int rc = th_try(ONE_DAY "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
                            "[source s]\nnode = R\norigin = o\ncapacity = 1 mcm/d\n"
                            "online = 2022-02-01\noffline = 2022-01-01\n",
                    &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "'offline' must be after 'online'"), "%s",
              gasdep_errmsg(m));
    gasdep_destroy(m);
}

/* Error of a scenario that must fail validation: status EINPUT and the
 * message holds `where` and `what`. */
static void expect_invalid(const char *text, const char *where, const char *what)
{
    gasdep_model *m = NULL;
    cr_expect_eq(th_try(text, &m), GASDEP_EINPUT, "accepted:\n%s", text);
    const char *msg = gasdep_errmsg(m);
    cr_expect(strstr(msg, where) != NULL, "no '%s' in: %s", where, msg);
    cr_expect(strstr(msg, what) != NULL, "no '%s' in: %s", what, msg);
    gasdep_destroy(m);
}

/* after a [scenario] of 1 to 3 lines */
#define NET "[origin o]\n[region R]\ndemand = 1 mcm/d\n"

Test(validate, scenario_needs_start_and_end)
{
    expect_invalid("[scenario]\nend = 2022-01-01\n" NET, "test.ini:1:",
                   "'start' is required");
    expect_invalid("[scenario]\nstart = 2022-01-01\n" NET, "test.ini:1:",
                   "'end' is required");
}

Test(validate, lng_costs_must_match_the_origins)
{
    expect_invalid(ONE_DAY NET "[origin p]\n"    /* 7 */
                   "[lng T]\nnode = R\n"          /* 8-9 */
                   "capacity = 5 mcm/d\n"         /* 10 */
                   "origins = o p\ncosts = 1\n", /* 11-12 */
                   "test.ini:12:", "'costs' has 1 values for 2 origins");
}

Test(validate, hard_goes_with_targets)
{
    expect_invalid(ONE_DAY NET "[source s]\nnode = R\norigin = o\n"
                   "capacity = 1 mcm/d\n"
                   "[event e]\ntarget = source.s\nstart = 2022-01-01\n" /* 11-13 */
                   "factor = 0\nhard = true\n",
                   "test.ini:11:", "'hard' goes with 'targets'");
}

Test(validate, target_penalty_stays_below_half_of_voll)
{
    /* voll 300: a soft target at 150 (+ a hard one at voll/2) could cost
     * demand; 149 is allowed */
    expect_invalid("[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n" /* 1-3 */
                   "voll = 300\ntarget_penalty = 150\n" NET,
                   "test.ini:1:", "'target_penalty' (150 EUR/MWh) must be below half");
    gasdep_model *m = NULL;
    cr_expect_eq(th_try("[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                        "voll = 300\ntarget_penalty = 149\n" NET
                        "[source s]\nnode = R\norigin = o\ncapacity = 1 mcm/d\n",
                        &m),
                 GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
}
