/* test_parser.c: the scenario parser (engine/core/scenario.c): errors with file
 * and line, error collection, --set overrides, base files, enabled = false,
 * and daily demand series (libcsv, engine/core/demand.c). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

/* A valid scenario of 15 lines; cases append from line 16 on. */
#define HEAD                                                                   \
    "[scenario]\n"          /* 1 */                                            \
    "start = 2022-01-01\n"  /* 2 */                                            \
    "end = 2022-01-03\n"    /* 3 */                                            \
    "[origin o]\n"          /* 4 */                                            \
    "[node H]\n"            /* 5 */                                            \
    "[region R]\n"          /* 6 */                                            \
    "demand = 10 mcm/d\n"   /* 7 */                                            \
    "[source s]\n"          /* 8 */                                            \
    "node = H\n"            /* 9 */                                            \
    "origin = o\n"          /* 10 */                                           \
    "capacity = 10 mcm/d\n" /* 11 */                                           \
    "[pipeline P]\n"        /* 12 */                                           \
    "from = H\n"            /* 13 */                                           \
    "to = R\n"              /* 14 */                                           \
    "capacity = 20 mcm/d\n" /* 15 */

#define STORAGE16                                                              \
    "[storage S]\n"         /* 16 */                                           \
    "node = R\n"            /* 17 */                                           \
    "volume = 100 mcm\n"    /* 18 */                                           \
    "injection = 5 mcm/d\n" /* 19 */                                           \
    "withdrawal = 5 mcm/d\n" /* 20 */

static char long_line_text[1024];

static const char *long_line_case(void)
{
    /* "description = " (14) + 236 x = a 250-character line 16 */
    char xs[240];
    memset(xs, 'x', 236);
    xs[236] = '\0';
    snprintf(long_line_text, sizeof long_line_text,
             HEAD "description = %s\n", xs);
    return long_line_text;
}

typedef struct bad_case {
    const char *what;
    const char *text;     /* NULL: built by make() */
    const char *(*make)(void);
    const char *where;    /* "test.ini:LINE:" */
    const char *message;  /* a substring of the message on that line */
} bad_case;

static const bad_case BAD[] = {
    {"unknown section kind", HEAD "[compressor C]\n", NULL, "test.ini:16:",
     "unknown section kind 'compressor'"},
    {"unknown key", HEAD "colour = red\n", NULL, "test.ini:16:",
     "pipeline 'P': unknown key 'colour'"},
    {"key outside any section", "start = 2022-01-01\n" HEAD, NULL,
     "test.ini:1:", "'start' outside any section"},
    {"bad number", HEAD "tariff = cheap\n", NULL, "test.ini:16:",
     "pipeline 'P': 'tariff = cheap': expected a number"},
    {"bad date", HEAD "online = 2022-02-30\n", NULL, "test.ini:16:",
     "no such day (month 01-12, day within the month)"},
    {"unknown node in 'to'",
     HEAD "[pipeline Q]\n" /* 16 */
          "from = H\n"     /* 17 */
          "to = GRR\n"     /* 18 */
          "capacity = 1 mcm/d\n",
     NULL, "test.ini:18:", "pipeline 'Q': unknown node 'GRR' in 'to'"},
    {"unknown origin of a source",
     HEAD "[source t]\nnode = H\norigin = mars\ncapacity = 1 mcm/d\n", NULL,
     "test.ini:18:", "source 't': unknown origin 'mars' in 'origin'"},
    {"demand key in [node]", HEAD "[node X]\ndemand = 5 mcm/d\n", NULL,
     "test.ini:17:", "'demand' is a [region] key"},
    {"missing required capacity",
     HEAD "[pipeline Q]\nfrom = H\nto = R\n", NULL, "test.ini:16:",
     "pipeline 'Q': 'capacity' is required"},
    {"missing region demand", HEAD "[region Q]\ngroups = EU\n", NULL,
     "test.ini:16:", "region 'Q': 'demand' is required"},
    {"region/node name clash", HEAD "[node R]\n", NULL, "test.ini:16:",
     "'R' is declared both as [node] and [region]"},
    {"'base' not first key",
     "[scenario]\nname = x\nbase = other.ini\n" /* base on line 3 */
     "start = 2022-01-01\nend = 2022-01-01\n",
     NULL, "test.ini:3:", "'base' must be the first key"},
    {"event with neither factor nor value",
     HEAD "[event e]\ntarget = pipeline.P\nstart = 2022-01-02\n", NULL,
     "test.ini:16:", "event 'e': give either 'factor' or 'value'"},
    {"event unknown target",
     HEAD "[event e]\n"              /* 16 */
          "target = pipeline.NOPE\n" /* 17 */
          "start = 2022-01-02\nfactor = 0\n",
     NULL, "test.ini:17:", "event 'e': target 'pipeline.NOPE': unknown pipeline"},
    {"event value on a many-element target",
     HEAD "[event e]\ntarget = origin.o\n" /* 17 */
          "start = 2022-01-02\nvalue = 1 mcm/d\n",
     NULL, "test.ini:17:", "takes a 'factor', not a 'value'"},
    {"curve not increasing",
     HEAD STORAGE16 "withdrawal_curve = 0:50% 60%:1 40%:1\n", NULL,
     "test.ini:21:", "curve fill levels must increase"},
    {"initial_mix not summing to 1",
     HEAD STORAGE16 "initial_fill = 50%\ninitial_mix = o:0.5\n", NULL,
     "test.ini:22:", "'initial_mix' shares sum to 0.5, not 1"},
    {"shape with 11 values",
     HEAD "[region Q]\ndemand = 1 mcm/d\nshape = 1 1 1 1 1 1 1 1 1 1 1\n",
     NULL, "test.ini:18:", "shape takes 12 monthly factors"},
    {"line too long", NULL, long_line_case, "test.ini:16:",
     "line longer than 197 characters"},
    {"syntax error", HEAD "this line has no equals sign\n", NULL,
     "test.ini:16:", "syntax error"},
    {"unknown curtailment word", HEAD "[scenario]\ncurtailment = fair\n", NULL,
     "test.ini:17:", "expected cooperative, national-first or least-cost"},
    {"section name with a space", HEAD "[node A B]\n", NULL, "test.ini:16:",
     "names contain no spaces"},
};

/* Load + init fails with EINPUT, and one message line holds both the
 * "test.ini:LINE:" prefix and the expected text. */
static void check_case(const bad_case *c)
{
    {
        const char *text = c->text ? c->text : c->make();
        gasdep_model *m = NULL;
        int rc = th_try(text, &m);
        const char *msg = gasdep_errmsg(m);
        cr_expect_eq(rc, GASDEP_EINPUT, "[%s] status %d, expected EINPUT", c->what,
                     rc);
        /* both on the same message line */
        const char *line = strstr(msg, c->where);
        int found = 0;
        while (line && !found) {
            const char *eol = strchr(line, '\n');
            size_t len = eol ? (size_t)(eol - line) : strlen(line);
            char buf[1200];
            snprintf(buf, sizeof buf, "%.*s", (int)(len < 1199 ? len : 1199), line);
            found = strstr(buf, c->message) != NULL;
            line = strstr(line + 1, c->where);
        }
        cr_expect(found, "[%s] expected '%s ... %s' in:\n%s", c->what, c->where,
                  c->message, msg);
        gasdep_destroy(m);
    }
}

Test(parser, every_bad_case_names_file_line_and_problem)
{
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++)
        check_case(&BAD[i]);
}

Test(parser, event_with_both_factor_and_value_is_an_error)
{
    /* FORMAT.md: "give `factor` or `value`"; both in one section is an
     * error, not "the last one wins" */
    static const bad_case c = {
        "event with both factor and value",
        HEAD "[event e]\n"           /* 16 */
             "target = pipeline.P\n" /* 17 */
             "start = 2022-01-02\n"  /* 18 */
             "factor = 50%\n"        /* 19 */
             "value = 5 mcm/d\n",    /* 20 */
        /* reported at the second of the two keys, where the conflict arises */
        NULL, "test.ini:20:", "give either 'factor' or 'value', not both"};
    check_case(&c);
}

Test(parser, end_before_start_names_the_line_of_end)
{
    /* errors name the line of the problem: here the 'end' key on line 3 */
    static const bad_case c = {
        "end before start",
        "[scenario]\nstart = 2022-01-05\n"
        "end = 2022-01-01\n" /* line 3 */
        "[origin o]\n[region R]\ndemand = 1 mcm/d\n",
        NULL, "test.ini:3:", "'end' is before 'start'"};
    check_case(&c);
}

Test(parser, line_of_198_characters_is_rejected)
{
    /* the message says "longer than 197 characters": a 198-character line
     * (LF ending) must be rejected too, not only in CRLF files */
    char text[1024], xs[200];
    size_t n = 198 - strlen("description = ");
    memset(xs, 'x', n);
    xs[n] = '\0';
    snprintf(text, sizeof text, HEAD "description = %s\n", xs);
    gasdep_model *m = NULL;
    int rc = th_try(text, &m);
    cr_expect_eq(rc, GASDEP_EINPUT, "a 198-character line was accepted");
    cr_expect(strstr(gasdep_errmsg(m), "test.ini:16: line longer than 197") !=
                  NULL, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
}

Test(parser, head_is_valid)
{
    gasdep_model *m = th_model(HEAD);
    gasdep_destroy(m);
    m = th_model(HEAD STORAGE16 "initial_fill = 50%\ninitial_mix = o:1\n");
    gasdep_destroy(m);
}

Test(parser, line_of_197_characters_is_accepted)
{
    /* the limit the message states: 197 characters are fine */
    char text[1024], xs[200];
    size_t n = 197 - strlen("description = ");
    memset(xs, 'x', n);
    xs[n] = '\0';
    snprintf(text, sizeof text, HEAD "description = %s\n", xs);
    gasdep_model *m = th_model(text);
    gasdep_destroy(m);
}

Test(parser, comments_and_inline_comments)
{
    gasdep_model *m = th_model("; leading comment\n# hash comment\n" HEAD
                               "tariff = 2 EUR/MWh ; inline comment\n");
    double v;
    cr_assert_eq(gasdep_get(m, "pipeline.P.tariff", &v), GASDEP_OK);
    cr_expect_float_eq(v, 2.0, 1e-12);
    gasdep_destroy(m);
}

Test(parser, errors_are_collected)
{
    /* three independent errors on lines 16, 18 and 19 */
    const char *text = HEAD "colour = red\n"      /* 16 */
                            "[source s]\n"        /* 17 */
                            "cost = free\n"       /* 18 */
                            "[compressor C]\n";   /* 19 */
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load_string(m, "test.ini", text), GASDEP_EINPUT);
    cr_expect_eq(gasdep_error_count(m), 3);
    const char *msg = gasdep_errmsg(m);
    int lines = 1;
    for (const char *p = msg; *p; p++)
        lines += *p == '\n';
    cr_expect_eq(lines, 3, "%s", msg);
    cr_expect(strstr(msg, "test.ini:16:") && strstr(msg, "test.ini:18:") &&
                  strstr(msg, "test.ini:19:"),
              "%s", msg);
    gasdep_destroy(m);
}

Test(parser, at_most_50_errors_are_listed_but_all_counted)
{
    /* 60 unknown keys: 60 counted, 50 shown */
    char text[8192];
    size_t k = (size_t)snprintf(text, sizeof text, "%s", HEAD);
    for (int i = 0; i < 60; i++)
        k += (size_t)snprintf(text + k, sizeof text - k, "bogus%d = 1\n", i);
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load_string(m, "test.ini", text), GASDEP_EINPUT);
    cr_expect_eq(gasdep_error_count(m), 60);
    int lines = 1;
    for (const char *p = gasdep_errmsg(m); *p; p++)
        lines += *p == '\n';
    cr_expect_eq(lines, 50);
    gasdep_destroy(m);
}

/* ---- overrides --------------------------------------------------------- */

Test(parser, set_assignment_overrides_a_value)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", HEAD), GASDEP_OK);
    /* 7.3 bcm/y = 7300/365 = 20 mcm/d; written without a space as on the CLI */
    cr_assert_eq(gasdep_set_assignment(m, "pipeline.P.capacity=7.3bcm/y"),
                 GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_assert_eq(gasdep_set_assignment(m, "scenario.end=2022-01-02"), GASDEP_OK);
    cr_assert_eq(gasdep_set(m, "source.s.cost", "12.5 EUR/MWh"), GASDEP_OK);
    double v;
    cr_assert_eq(gasdep_get(m, "pipeline.P.capacity", &v), GASDEP_OK);
    cr_expect_float_eq(v, 20.0, 1e-10);
    cr_assert_eq(gasdep_get(m, "source.s.cost", &v), GASDEP_OK);
    cr_expect_float_eq(v, 12.5, 1e-12);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    int first, last;
    cr_assert_eq(gasdep_horizon(m, &first, &last), GASDEP_OK);
    cr_expect_eq(first, th_day("2022-01-01"));
    cr_expect_eq(last, th_day("2022-01-02"));
    /* overrides are refused after init */
    cr_expect_eq(gasdep_set(m, "source.s.cost", "1"), GASDEP_ESTATE);
    gasdep_destroy(m);
}

Test(parser, set_unknown_path_is_an_error_at_its_position)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", HEAD), GASDEP_OK);
    cr_expect_eq(gasdep_set_assignment(m, "pipeline.NOPE.capacity=1mcm/d"),
                 GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "--set:1:") != NULL, "%s",
              gasdep_errmsg(m));
    cr_expect(strstr(gasdep_errmsg(m), "pipeline.NOPE.capacity") != NULL, "%s",
              gasdep_errmsg(m));
    /* second override, bad value */
    cr_expect_eq(gasdep_set_assignment(m, "pipeline.P.capacity=abc"),
                 GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "--set:2:") != NULL, "%s",
              gasdep_errmsg(m));
    /* third: no '=' */
    cr_expect_eq(gasdep_set_assignment(m, "pipeline.P.capacity"), GASDEP_EINPUT);
    /* unknown key of a known element */
    cr_expect_eq(gasdep_set(m, "pipeline.P.colour", "red"), GASDEP_EINPUT);
    gasdep_destroy(m);
}

Test(parser, init_after_a_failed_override_fails)
{
    /* a rejected override leaves the scenario invalid: init must not quietly
     * simulate without it (the CLI refuses; the library must too) */
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini", HEAD), GASDEP_OK);
    cr_expect_eq(gasdep_set_assignment(m, "pipeline.P.capacity=abc"),
                 GASDEP_EINPUT);
    cr_expect_neq(gasdep_init(m), GASDEP_OK,
                  "init succeeded although an override was rejected");
    gasdep_destroy(m);
}

Test(parser, init_after_a_failed_load_fails)
{
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load_string(m, "test.ini", HEAD "colour = red\n"),
                 GASDEP_EINPUT);
    cr_expect_neq(gasdep_init(m), GASDEP_OK,
                  "init succeeded on a scenario that failed to load");
    gasdep_destroy(m);
}

/* ---- base files ---------------------------------------------------------- */

Test(parser, base_file_chain_relative_to_the_naming_file)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-test");
    char p_base[300], p_mid[300], p_child[300], sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(p_base, sizeof p_base, "%s/base.ini", dir);
    snprintf(p_mid, sizeof p_mid, "%s/sub/mid.ini", dir);
    snprintf(p_child, sizeof p_child, "%s/sub/child.ini", dir);
    th_write_file(p_base, HEAD "tariff = 3 EUR/MWh\n");
    /* mid names its base relative to its own directory (sub/) */
    th_write_file(p_mid, "[scenario]\nbase = ../base.ini\nname = mid\n"
                         "[source s]\ncapacity = 7 mcm/d\n");
    th_write_file(p_child, "[scenario]\nbase = mid.ini\nname = child\n"
                           "[pipeline P]\ncapacity = 5 mcm/d\n");
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, p_child), GASDEP_OK, "%s", gasdep_errmsg(m));
    double v;
    /* overridden by the child */
    cr_assert_eq(gasdep_get(m, "pipeline.P.capacity", &v), GASDEP_OK);
    cr_expect_float_eq(v, 5.0, 1e-12);
    /* overridden by mid */
    cr_assert_eq(gasdep_get(m, "source.s.capacity", &v), GASDEP_OK);
    cr_expect_float_eq(v, 7.0, 1e-12);
    /* inherited from base */
    cr_assert_eq(gasdep_get(m, "pipeline.P.tariff", &v), GASDEP_OK);
    cr_expect_float_eq(v, 3.0, 1e-12);
    cr_assert_eq(gasdep_get(m, "region.R.demand", &v), GASDEP_OK);
    cr_expect_float_eq(v, 10.0, 1e-12);
    cr_assert_eq(gasdep_get(m, "scenario.start", &v), GASDEP_OK);
    cr_expect_float_eq(v, (double)th_day("2022-01-01"), 0);
    cr_expect_str_eq(gasdep_scenario_name(m), "child");
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(parser, base_errors_name_the_base_file)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-test");
    char p_base[300], p_child[300], where[400];
    snprintf(p_base, sizeof p_base, "%s/base.ini", dir);
    snprintf(p_child, sizeof p_child, "%s/child.ini", dir);
    th_write_file(p_base, HEAD "colour = red\n"); /* line 16 of base.ini */
    th_write_file(p_child, "[scenario]\nbase = base.ini\n");
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load(m, p_child), GASDEP_EINPUT);
    snprintf(where, sizeof where, "%s:16:", p_base);
    cr_expect(strstr(gasdep_errmsg(m), where) != NULL, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(parser, lines_after_a_base_key_keep_their_numbers)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-test");
    char p_base[300], p_child[300], where[400];
    snprintf(p_base, sizeof p_base, "%s/base.ini", dir);
    snprintf(p_child, sizeof p_child, "%s/child.ini", dir);
    th_write_file(p_base, HEAD);
    th_write_file(p_child, "[scenario]\nbase = base.ini\n"
                           "[pipeline P]\n"
                           "colour = red\n"); /* line 4 of child.ini */
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load(m, p_child), GASDEP_EINPUT);
    snprintf(where, sizeof where, "%s:4:", p_child);
    cr_expect(strstr(gasdep_errmsg(m), where) != NULL, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(parser, missing_base_and_base_cycle_are_errors)
{
    char dir[64];
    th_tmpdir_make(dir, sizeof dir, "gasdep-test");
    char a[300], b[300], c[300], where[400];
    snprintf(a, sizeof a, "%s/a.ini", dir);
    snprintf(b, sizeof b, "%s/b.ini", dir);
    snprintf(c, sizeof c, "%s/c.ini", dir);
    th_write_file(a, "[scenario]\nbase = b.ini\n");
    th_write_file(b, "[scenario]\nbase = a.ini\n");
    th_write_file(c, "[scenario]\nbase = nowhere.ini\n");
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load(m, a), GASDEP_EINPUT);
    cr_expect(strstr(gasdep_errmsg(m), "cycle") != NULL, "%s", gasdep_errmsg(m));
    gasdep_destroy(m);
    m = gasdep_create();
    cr_expect_eq(gasdep_load(m, c), GASDEP_EINPUT);
    snprintf(where, sizeof where, "%s:2:", c);
    cr_expect(strstr(gasdep_errmsg(m), where) != NULL, "%s", gasdep_errmsg(m));
    cr_expect(strstr(gasdep_errmsg(m), "nowhere.ini") != NULL);
    gasdep_destroy(m);
    th_rm_rf(dir);
}

Test(parser, missing_file_is_an_io_error)
{
    gasdep_model *m = gasdep_create();
    cr_expect_eq(gasdep_load(m, "/nonexistent/gasdep/x.ini"), GASDEP_EIO);
    gasdep_destroy(m);
}

/* ---- upsert and enabled ------------------------------------------------- */

Test(parser, upsert_modifies_an_existing_element)
{
    gasdep_model *m = th_model(HEAD "[source s]\ncapacity = 4 mcm/d\n");
    double v;
    cr_assert_eq(gasdep_get(m, "source.s.capacity", &v), GASDEP_OK);
    cr_expect_float_eq(v, 4.0, 1e-12);
    cr_expect_eq(gasdep_count(m, GASDEP_SOURCE), 1);
    gasdep_destroy(m);
}

Test(parser, enabled_false_removes_an_element)
{
    gasdep_model *m = th_model(HEAD "[region Q]\ndemand = 1 mcm/d\n"
                                    "[pipeline PQ]\nfrom = H\nto = Q\n"
                                    "capacity = 1 mcm/d\n"
                                    "[pipeline PQ]\nenabled = false\n"
                                    "[region Q]\nenabled = false\n");
    cr_expect_eq(gasdep_count(m, GASDEP_REGION), 1);
    cr_expect_eq(gasdep_find(m, GASDEP_AREA, "Q"), -1);
    cr_expect_eq(gasdep_count(m, GASDEP_PIPELINE), 1);
    cr_expect_eq(gasdep_find(m, GASDEP_PIPELINE, "PQ"), -1);
    gasdep_destroy(m);
}

Test(parser, reference_to_a_disabled_element_is_an_error)
{
    gasdep_model *m = NULL;
    int rc = th_try(HEAD "[region Q]\ndemand = 1 mcm/d\n" /* 16-17 */
                         "[pipeline PQ]\nfrom = H\n"        /* 18-19 */
                         "to = Q\n"                         /* 20 */
                         "capacity = 1 mcm/d\n"
                         "[region Q]\nenabled = false\n",
                    &m);
    cr_expect_eq(rc, GASDEP_EINPUT);
    const char *msg = gasdep_errmsg(m);
    cr_expect(strstr(msg, "test.ini:20:") != NULL, "%s", msg);
    cr_expect(strstr(msg, "disabled") != NULL, "%s", msg);
    cr_expect(strstr(msg, "'Q'") != NULL, "%s", msg);
    gasdep_destroy(m);
}

Test(parser, enabled_via_set_override)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "test.ini",
                                    HEAD "[pipeline P2]\nfrom = H\nto = R\n"
                                         "capacity = 1 mcm/d\n"),
                 GASDEP_OK);
    cr_assert_eq(gasdep_set_assignment(m, "pipeline.P2.enabled=false"), GASDEP_OK,
                 "%s", gasdep_errmsg(m));
    double v;
    cr_assert_eq(gasdep_get(m, "pipeline.P2.enabled", &v), GASDEP_OK);
    cr_expect_float_eq(v, 0.0, 0);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    cr_expect_eq(gasdep_find(m, GASDEP_PIPELINE, "P2"), -1);
    gasdep_destroy(m);
}

/* ---- daily demand series (libcsv) --------------------------------------- */

/* ---- name look-up at scale (issue 12) --------------------------------------- */
