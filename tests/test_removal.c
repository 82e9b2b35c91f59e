/* test_removal.c: dependence and criticality batches (issue 19, parts 2 and
 * 3): hand-computed unserved gas with an origin, group or element removed,
 * the ranking, the period, bad input, and bytes that depend on nothing but
 * the batch (threads, --resume after a SIGKILL). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "gasdep/batch.h"
#include "helpers.h"

TH_TMPDIR_SUITE(removal, "gasdep-test-removal");

/* Region R, demand 100 mcm/d for 10 days, fed by two origins of 60 mcm/d
 * each (a at 10 EUR/MWh, b at 20): the base run takes a 60 + b 40 and
 * serves everything. Without a: 60 of b, 40 mcm/d short; without b: 60 of
 * a, 40 mcm/d short. */
static const char *TWO =
    "[scenario]\nname = two\nstart = 2022-01-01\nend = 2022-01-10\n"
    "[origin a]\ngroup = ga\n[origin b]\ngroup = gb\n"
    "[node SA]\n[node SB]\n"
    "[region R]\ndemand = 100 mcm/d\ngroups = G\n"
    "[source sa]\nnode = SA\norigin = a\ncapacity = 60 mcm/d\ncost = 10 EUR/MWh\n"
    "[source sb]\nnode = SB\norigin = b\ncapacity = 60 mcm/d\ncost = 20 EUR/MWh\n"
    "[pipeline PA]\nfrom = SA\nto = R\ncapacity = 1000 mcm/d\n"
    "[pipeline PB]\nfrom = SB\nto = R\ncapacity = 1000 mcm/d\n";

/* R, demand 100 mcm/d: P1 (70 mcm/d) brings s1 (70, cheap), P2 (50) brings
 * s2 (50, dear). Base: 70 + 30, nothing short. Without P1 or s1: 50 supplied,
 * 50 mcm/d short; without P2 or s2: 70 supplied, 30 mcm/d short. */
static const char *RANK =
    "[scenario]\nname = rank\nstart = 2022-01-01\nend = 2022-01-10\n"
    "[origin o]\ngroup = g\n[node S1]\n[node S2]\n"
    "[region R]\ndemand = 100 mcm/d\n"
    "[source s1]\nnode = S1\norigin = o\ncapacity = 70 mcm/d\ncost = 10 EUR/MWh\n"
    "[source s2]\nnode = S2\norigin = o\ncapacity = 50 mcm/d\ncost = 20 EUR/MWh\n"
    "[pipeline P1]\nfrom = S1\nto = R\ncapacity = 70 mcm/d\n"
    "[pipeline P2]\nfrom = S2\nto = R\ncapacity = 50 mcm/d\n";

static gasdep_batch *batch_of(int kind, const char *text, const char *remove)
{
    th_write_file(path_in("s.ini"), text);
    gasdep_batch *b = gasdep_batch_create(kind);
    cr_assert_not_null(b);
    cr_assert_eq(gasdep_batch_set_scenario(b, path_in("s.ini")), GASDEP_OK);
    if (remove)
        cr_assert_eq(gasdep_batch_remove(b, remove), GASDEP_OK, "%s",
                     gasdep_batch_errmsg(b));
    return b;
}

static void run_ok(gasdep_batch *b, int threads, const char *out)
{
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    gasdep_batch_options o = {threads, out, 0, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(r.failed, 0, "%s", r.first_error);
}

/* The row of `table` whose first column is `key` and region `region`. */
static int row_of(const th_table *t, const char *col, const char *key,
                  const char *region)
{
    for (int i = 0; i < t->rows; i++)
        if (!strcmp(th_at(t, i, col), key) && !strcmp(th_at(t, i, "region"), region))
            return i;
    cr_assert_fail("no row %s / %s", key, region);
    return -1;
}

Test(removal, dependence_two_origins_of_60_demand_100)
{
    gasdep_batch *b = batch_of(GASDEP_DEPENDENCE, TWO, "origin");
    run_ok(b, 2, path_in("out"));
    cr_expect_eq(gasdep_batch_runs(b), 3);
    const char *kind;
    cr_expect_str_eq(gasdep_batch_removed(b, 1, &kind), "");
    cr_expect_str_eq(gasdep_batch_removed(b, 3, &kind), "b");
    cr_expect_str_eq(kind, "origin");
    double gcv;
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, path_in("s.ini")), GASDEP_OK);
    cr_assert_eq(gasdep_get(m, "scenario.gcv", &gcv), GASDEP_OK);
    gasdep_destroy(m);
    th_table t = th_read_csv(path_in("out/dependence.csv"), 1);
    cr_assert_eq(t.rows, 2 * 2); /* (a, b) x (R, G) */
    for (int k = 0; k < 2; k++) {
        int i = row_of(&t, "source", k ? "b" : "a", "R");
        cr_expect_str_eq(th_at(&t, i, "source_kind"), "origin");
        cr_expect_float_eq(th_num(&t, i, "demand_mcm"), 1000, 1e-6);
        /* 40 mcm/d short for 10 days */
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 400, 1e-6);
        cr_expect_float_eq(th_num(&t, i, "unserved_gwh"), 400 * gcv, 1e-3);
        cr_expect_float_eq(th_num(&t, i, "unserved_share"), 0.4, 1e-9);
        cr_expect_float_eq(th_num(&t, i, "added_unserved_mcm"), 400, 1e-6);
        cr_expect_eq((int)th_num(&t, i, "days_short"), 10);
        cr_expect_str_eq(th_at(&t, i, "first_shortfall"), "2022-01-01");
        cr_expect_float_eq(th_num(&t, i, "base_unserved_mcm"), 0, 1e-9);
        /* base supply: a 60 x 10 = 600, b 40 x 10 = 400; the share R cannot
         * do without: 400 / 600 of a, 400 / 400 of b */
        cr_expect_float_eq(th_num(&t, i, "base_supply_mcm"), k ? 400 : 600, 1e-6);
        cr_expect_float_eq(th_num(&t, i, "cannot_do_without"), k ? 1.0 : 2.0 / 3, 1e-6);
        cr_expect_str_eq(th_at(&t, i, "status"), "ok");
    }
    /* the group row G is R's */
    int g = row_of(&t, "source", "a", "G");
    cr_expect_str_eq(th_at(&t, g, "kind"), "group");
    cr_expect_float_eq(th_num(&t, g, "unserved_mcm"), 400, 1e-6);
    th_free_csv(&t);
    /* runs.csv: every run's summary rows, the removed element named */
    t = th_read_csv(path_in("out/runs.csv"), 1);
    cr_expect_eq(t.rows, 3 * 2);
    cr_expect_str_eq(th_at(&t, 0, "removed"), "");
    cr_expect_str_eq(th_at(&t, 2, "removed"), "a");
    cr_expect_float_eq(th_num(&t, 2, "unserved_mcm"), 400, 1e-6);
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(removal, dependence_by_group_removes_every_origin_of_the_group)
{
    /* a and b in one group: removing it leaves nothing, 100 mcm/d short */
    char text[2048];
    snprintf(text, sizeof text, "%s", TWO);
    char *p = strstr(text, "group = gb");
    memcpy(p, "group = ga", 10);
    gasdep_batch *b = batch_of(GASDEP_DEPENDENCE, text, NULL); /* default: group */
    run_ok(b, 1, path_in("out"));
    th_table t = th_read_csv(path_in("out/dependence.csv"), 1);
    cr_assert_eq(t.rows, 2); /* ga x (R, G) */
    int i = row_of(&t, "source", "ga", "R");
    cr_expect_str_eq(th_at(&t, i, "source_kind"), "group");
    cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 1000, 1e-6);
    cr_expect_float_eq(th_num(&t, i, "base_supply_mcm"), 1000, 1e-6);
    cr_expect_float_eq(th_num(&t, i, "cannot_do_without"), 1, 1e-9);
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(removal, criticality_ranks_by_added_unserved_gas)
{
    gasdep_batch *b = batch_of(GASDEP_CRITICALITY, RANK, NULL);
    run_ok(b, 2, path_in("out"));
    cr_expect_eq(gasdep_batch_runs(b), 5); /* base + P1 P2 s1 s2 */
    th_table t = th_read_csv(path_in("out/criticality.csv"), 1);
    cr_assert_eq(t.rows, 4);
    /* 50 mcm/d x 10 d for P1 and s1 (tie: pipelines come before sources),
     * 30 x 10 for P2 and s2 */
    const char *order[] = {"P1", "s1", "P2", "s2"};
    const double added[] = {500, 500, 300, 300};
    for (int i = 0; i < 4; i++) {
        cr_expect_eq((int)th_num(&t, i, "rank"), i + 1);
        cr_expect_str_eq(th_at(&t, i, "element"), order[i]);
        cr_expect_str_eq(th_at(&t, i, "element_kind"), i % 2 ? "source" : "pipeline");
        cr_expect_float_eq(th_num(&t, i, "added_unserved_mcm"), added[i], 1e-6);
        cr_expect_float_eq(th_num(&t, i, "unserved_share"), added[i] / 1000, 1e-9);
        cr_expect_eq((int)th_num(&t, i, "days_short"), 10);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(removal, criticality_over_a_period_counts_that_period)
{
    /* P1 removed on Jan 3..6 only: 4 days x 50 mcm/d; the runs stop on Jan 6 */
    gasdep_batch *b = batch_of(GASDEP_CRITICALITY, RANK, "pipeline");
    cr_assert_eq(gasdep_batch_set_period(b, th_day("2022-01-03"), 4), GASDEP_OK);
    run_ok(b, 2, path_in("out"));
    th_table t = th_read_csv(path_in("out/criticality.csv"), 1);
    cr_assert_eq(t.rows, 2);
    cr_expect_str_eq(th_at(&t, 0, "element"), "P1");
    cr_expect_float_eq(th_num(&t, 0, "demand_mcm"), 400, 1e-6);
    cr_expect_float_eq(th_num(&t, 0, "added_unserved_mcm"), 200, 1e-6);
    cr_expect_str_eq(th_at(&t, 0, "first_shortfall"), "2022-01-03");
    cr_expect_eq((int)th_num(&t, 0, "days_short"), 4);
    cr_expect_float_eq(th_num(&t, 1, "added_unserved_mcm"), 120, 1e-6);
    th_free_csv(&t);
    gasdep_batch_destroy(b);
    /* a period outside the horizon is refused */
    b = batch_of(GASDEP_CRITICALITY, RANK, NULL);
    cr_assert_eq(gasdep_batch_set_period(b, th_day("2022-01-08"), 5), GASDEP_OK);
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT);
    cr_expect(strstr(gasdep_batch_errmsg(b), "not inside the scenario's horizon"),
              "%s", gasdep_batch_errmsg(b));
    gasdep_batch_destroy(b);
}

Test(removal, bad_kinds_and_absent_corridors_are_refused)
{
    gasdep_batch *b = batch_of(GASDEP_DEPENDENCE, TWO, NULL);
    cr_expect_eq(gasdep_batch_remove(b, "pipeline"), GASDEP_EINPUT);
    cr_expect(strstr(gasdep_batch_errmsg(b), "origin, group or corridor"), "%s",
              gasdep_batch_errmsg(b));
    cr_expect_eq(gasdep_batch_remove(b, "origin,group"), GASDEP_EINPUT);
    cr_assert_eq(gasdep_batch_remove(b, "corridor"), GASDEP_OK);
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT); /* TWO has none */
    cr_expect(strstr(gasdep_batch_errmsg(b), "nothing to remove: the scenario has no "
                     "corridor"), "%s", gasdep_batch_errmsg(b));
    gasdep_batch_destroy(b);
    b = batch_of(GASDEP_CRITICALITY, RANK, NULL);
    cr_expect_eq(gasdep_batch_remove(b, "pipeline,,lng"), GASDEP_EINPUT);
    cr_expect_eq(gasdep_batch_remove(b, "group"), GASDEP_EINPUT);
    cr_expect_eq(gasdep_batch_remove(b, "lng"), GASDEP_OK);
    cr_expect_eq(gasdep_batch_prepare(b), GASDEP_EINPUT); /* no LNG here */
    cr_expect(strstr(gasdep_batch_errmsg(b), "nothing to remove"), "%s",
              gasdep_batch_errmsg(b));
    gasdep_batch_destroy(b);
    /* not for sweeps */
    b = gasdep_batch_create(GASDEP_SWEEP);
    cr_expect_eq(gasdep_batch_remove(b, "pipeline"), GASDEP_EARG);
    cr_expect_eq(gasdep_batch_set_period(b, 0, 1), GASDEP_EARG);
    gasdep_batch_destroy(b);
}

/* Corridors (issue 19): TWO with a corridor on PA, the pipe that brings
 * a's 60 mcm/d, and one on PB. Removing corridor ca (PA at capacity 0)
 * leaves b's 60: 40 mcm/d short, 400 mcm over 10 days; the base run sent
 * 60 x 10 = 600 mcm through ca, so R cannot do without 400/600 of it; cb
 * carried 40 x 10 = 400, all needed (1). Criticality over corridors ranks
 * the same two removals: 400 mcm each, in file order. */
Test(removal, dependence_and_criticality_by_corridor)
{
    char text[2048];
    snprintf(text, sizeof text, "%s[corridor ca]\npipelines = PA\n"
             "[corridor cb]\npipelines = PB\n", TWO);
    gasdep_batch *b = batch_of(GASDEP_DEPENDENCE, text, "corridor");
    run_ok(b, 2, path_in("dep"));
    th_table t = th_read_csv(path_in("dep/dependence.csv"), 1);
    for (int k = 0; k < 2; k++) {
        int i = row_of(&t, "source", k ? "cb" : "ca", "R");
        cr_expect_str_eq(th_at(&t, i, "source_kind"), "corridor");
        cr_expect_float_eq(th_num(&t, i, "unserved_mcm"), 400, 1e-6);
        cr_expect_float_eq(th_num(&t, i, "base_supply_mcm"), k ? 400 : 600, 1e-6);
        cr_expect_float_eq(th_num(&t, i, "cannot_do_without"), k ? 1.0 : 2.0 / 3, 1e-6);
    }
    th_free_csv(&t);
    gasdep_batch_destroy(b);
    b = batch_of(GASDEP_CRITICALITY, text, "corridor");
    run_ok(b, 1, path_in("crit"));
    t = th_read_csv(path_in("crit/criticality.csv"), 1);
    int i = row_of(&t, "element", "ca", "R");
    cr_expect_float_eq(th_num(&t, i, "added_unserved_mcm"), 400, 1e-6);
    i = row_of(&t, "element", "cb", "R");
    cr_expect_float_eq(th_num(&t, i, "added_unserved_mcm"), 400, 1e-6);
    th_free_csv(&t);
    gasdep_batch_destroy(b);
}

Test(removal, cli_bytes_do_not_depend_on_threads_and_resume_after_kill)
{
    th_write_file(path_in("s.ini"), RANK);
    cr_assert_eq(th_sh("%s criticality %s -q -j 1 -o %s", th_bin(), path_in("s.ini"),
                       path_in("j1")), 0);
    cr_assert_eq(th_sh("%s criticality %s -q -j 3 -o %s", th_bin(), path_in("s.ini"),
                       path_in("j3")), 0);
    same_bytes(path_in("j1/criticality.csv"), path_in("j3/criticality.csv"));
    same_bytes(path_in("j1/runs.csv"), path_in("j3/runs.csv"));
    /* killed after 2 records (and half of a third), then resumed */
    int st = th_sh("GASDEP_BATCH_KILL_AFTER=2 GASDEP_BATCH_KILL_TORN=1 %s criticality "
                   "%s -q -j 1 -o %s 2>/dev/null", th_bin(), path_in("s.ini"),
                   path_in("k"));
    cr_expect(!(WIFEXITED(st) && WEXITSTATUS(st) == 0), "the kill did not happen");
    cr_expect(th_exists(path_in("k/criticality.journal")));
    cr_assert_eq(th_sh("%s criticality %s -q -j 2 --resume -o %s 2>/dev/null", th_bin(),
                       path_in("s.ini"), path_in("k")), 0);
    same_bytes(path_in("j1/criticality.csv"), path_in("k/criticality.csv"));
    /* a dependence journal is not resumed as a criticality one */
    cr_assert_eq(th_sh("%s dependence %s -q -o %s", th_bin(), path_in("s.ini"),
                       path_in("d")), 0);
    cr_expect(th_exists(path_in("d/dependence.csv")));
}

Test(removal, cli_usage_errors_exit_2)
{
    th_write_file(path_in("s.ini"), TWO);
    const char *bad[] = {"dependence %s --by pipeline", "dependence %s --by corridor",
                         "criticality %s --kind group", "criticality %s --days 3",
                         "criticality %s --from 2022-13-01", "criticality %s --top -1",
                         "criticality %s --kind corridor"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, bad[i], path_in("s.ini"));
        int st = th_sh("%s %s -q -o %s 2>/dev/null", th_bin(), cmd, path_in("x"));
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "'%s': status %d", bad[i], st);
    }
    cr_expect_eq(th_sh("%s dependence --help >/dev/null", th_bin()), 0);
    cr_expect_eq(th_sh("%s criticality --help >/dev/null", th_bin()), 0);
}

/* Width and height of a PNG (its IHDR chunk); 0 x 0 when not a PNG. */
static void png_size(const char *path, unsigned *w, unsigned *h)
{
    unsigned char b[24] = {0};
    FILE *f = fopen(path, "rb");
    *w = *h = 0;
    if (!f)
        return;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    if (n < 24 || memcmp(b, "\x89PNG\r\n\x1a\n", 8))
        return;
    *w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19];
    *h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 | (unsigned)b[22] << 8 | b[23];
}

Test(removal, figures_heat_map_and_ranked_bars)
{
    if (system("command -v gnuplot >/dev/null 2>&1"))
        cr_skip("gnuplot not installed: figures not tested");
    th_write_file(path_in("s.ini"), TWO);
    cr_assert_eq(th_sh("%s dependence %s --by origin -q -o %s 2>/dev/null", th_bin(),
                       path_in("s.ini"), path_in("d")), 0);
    cr_assert_eq(th_sh("%s criticality %s -q -o %s 2>/dev/null", th_bin(),
                       path_in("s.ini"), path_in("c")), 0);
    cr_assert_eq(th_sh("plots/removal.sh %s -o %s >/dev/null", path_in("d/dependence.csv"),
                       path_in("fig")), 0);
    cr_assert_eq(th_sh("plots/removal.sh %s --region G --top 3 -o %s >/dev/null",
                       path_in("c/criticality.csv"), path_in("fig")), 0);
    unsigned w, h;
    png_size(path_in("fig/dependence_cannot_do_without.png"), &w, &h);
    cr_expect(w == 1000 && h == 700, "dependence: %u x %u", w, h);
    png_size(path_in("fig/criticality_G_added_unserved_gwh.png"), &w, &h);
    cr_expect(w == 1000 && h == 700, "criticality: %u x %u", w, h);
    char *svg = th_slurp(path_in("fig/criticality_G_added_unserved_gwh.svg"), NULL);
    cr_assert_not_null(svg);
    cr_expect(strstr(svg, "<svg") && strstr(svg, "</svg>"), "not a whole SVG");
    cr_expect(strstr(svg, "PA (pipeline)"), "the top element is not labelled");
    free(svg);
    /* a region that is not in the table, and a table of another kind */
    cr_expect_neq(th_sh("plots/removal.sh %s --region XX -o %s 2>/dev/null",
                        path_in("c/criticality.csv"), path_in("fig")), 0);
    cr_expect_neq(th_sh("plots/removal.sh %s -o %s 2>/dev/null", path_in("c/runs.csv"),
                        path_in("fig")), 0);
}
