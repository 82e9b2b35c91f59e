/* test_cli.c: the gasdep command line (engine/cli/cli.c), run as a process.
 * ctest sets GASDEP_BIN to the binary. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

/* Run a shell command; exit status, with stdout and stderr captured. */
static int sh(const char *cmd, char *out, size_t outlen, char *err, size_t errlen,
              const char *dir)
{
    char full[2048], po[600], pe[600];
    snprintf(po, sizeof po, "%s/stdout.txt", dir);
    snprintf(pe, sizeof pe, "%s/stderr.txt", dir);
    snprintf(full, sizeof full, "%s >'%s' 2>'%s'", cmd, po, pe);
    int st = system(full);
    cr_assert(st != -1 && WIFEXITED(st), "command did not exit: %s", full);
    const char *paths[2] = {po, pe};
    char *bufs[2] = {out, err};
    size_t lens[2] = {outlen, errlen};
    for (int i = 0; i < 2; i++) {
        if (!bufs[i])
            continue;
        FILE *f = fopen(paths[i], "r");
        cr_assert_not_null(f);
        size_t n = fread(bufs[i], 1, lens[i] - 1, f);
        bufs[i][n] = '\0';
        fclose(f);
    }
    remove(po);
    remove(pe);
    return WEXITSTATUS(st);
}

static char out[1 << 16], err[1 << 16];

/* Occurrences of needle in text. */
static int count_of(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

Test(cli, version)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' --version", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0);
    cr_expect_str_eq(out, "gasdep " GASDEP_VERSION "\n");
    th_rm_rf(dir);
}

Test(cli, no_arguments_is_a_usage_error)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s'", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "usage") != NULL);
    snprintf(cmd, sizeof cmd, "'%s' frobnicate", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    th_rm_rf(dir);
}

Test(cli, bad_scenario_exits_2_with_file_line_and_writes_nothing)
{
    char dir[64], cmd[1024], scen[128], outdir[128], where[200];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(scen, sizeof scen, "%s/bad.ini", dir);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    FILE *f = fopen(scen, "w");
    cr_assert_not_null(f);
    fputs("[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
          "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
          "[source s]\nnode = R\norigin = o\n"
          "capacity = 5 furlongs\n", /* line 10 */
          f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "'%s' run '%s' -o '%s'", th_bin(), scen, outdir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    snprintf(where, sizeof where, "%s:10:", scen);
    cr_expect(strstr(err, where) != NULL, "stderr: %s", err);
    struct stat st;
    cr_expect_neq(stat(outdir, &st), 0, "output directory created");
    th_rm_rf(dir);
}

Test(cli, bad_override_exits_2)
{
    char dir[64], cmd[1024], outdir[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    snprintf(cmd, sizeof cmd,
             "'%s' run scenarios/default.ini -q -o '%s' --set pipeline.NOPE.capacity=1mcm/d",
             th_bin(), outdir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "--set:1:") != NULL, "stderr: %s", err);
    struct stat st;
    cr_expect_neq(stat(outdir, &st), 0, "output directory created");
    th_rm_rf(dir);
}

Test(cli, check_default_scenario)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' check scenarios/default.ini", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "ok\n") != NULL, "stdout: %s", out);
    cr_expect(strstr(out, "default-see-russian-cut") != NULL, "stdout: %s", out);
    /* group demand is the sum of its members' (default.ini: SEE = BG 3.2 +
     * GR 6.5 + RS 3.0 bcm/y; EU = BG + GR + IT 70 bcm/y), never nan */
    cr_expect(strstr(out, "nan") == NULL, "stdout: %s", out);
    /* demand in mcm/d beside bcm/y (12.70 bcm/y = 34.79 mcm/d; 79.70 = 218.36) */
    cr_expect(strstr(out, "SEE        group           34.79          12.70") != NULL, "%s", out);
    cr_expect(strstr(out, "EU         group          218.36          79.70") != NULL, "%s", out);
    th_rm_rf(dir);
}

Test(cli, run_flows_table_to_stdout)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -o - --table flows -q",
             th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    const char *header =
        "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,loss_mcm,"
        "capacity_value_eur_mwh\n";
    cr_expect_eq(strncmp(out, header, strlen(header)), 0, "stdout starts: %.100s", out);
    /* nothing but the CSV on stdout, and -q keeps stderr quiet */
    cr_expect_str_eq(err, "");
    th_rm_rf(dir);
}

Test(cli, run_writes_eight_files)
{
    char dir[64], cmd[1024], outdir[128];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -q -o '%s'", th_bin(),
             outdir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    const char *files[] = {"balance.csv", "shares.csv", "group_shares.csv",
                           "flows.csv", "supply.csv", "storage.csv",
                           "summary.csv", "manifest.csv"};
    for (int i = 0; i < 8; i++) {
        char p[256];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", outdir, files[i]);
        cr_expect_eq(stat(p, &st), 0, "%s missing", p);
    }
    th_rm_rf(dir);
}

Test(cli, table_without_stdout_is_a_usage_error)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini --table flows", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -o - --table nope",
             th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    th_rm_rf(dir);
}

Test(cli, missing_scenario_file_exits_2)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' check /nonexistent/x.ini", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "/nonexistent/x.ini") != NULL, "stderr: %s", err);
    th_rm_rf(dir);
}

/* ---- one option parser (getopt_long), list, did you mean, summary ------- */

/* run -o DIR, --output DIR, --output=DIR and -oDIR all work, options after
 * the scenario as well as before */
Test(cli, every_spelling_of_an_option)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    const char *forms[] = {"-o '%s/a' scenarios/default.ini", "scenarios/default.ini --output '%s/b'",
                           "--output='%s/c' scenarios/default.ini", "scenarios/default.ini -o'%s/d'"};
    for (int i = 0; i < 4; i++) {
        char args[512];
        snprintf(args, sizeof args, forms[i], dir);
        snprintf(cmd, sizeof cmd, "'%s' run -q %s", th_bin(), args);
        cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s: %s", cmd, err);
        char p[256];
        snprintf(p, sizeof p, "%s/%c/balance.csv", dir, 'a' + i);
        struct stat st;
        cr_expect_eq(stat(p, &st), 0, "%s: no %s", cmd, p);
    }
    /* --set=PATH=VALUE, and the same for check */
    snprintf(cmd, sizeof cmd, "'%s' check scenarios/default.ini --set=pipeline.TAP-IT.capacity=20bcm/y",
             th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    th_rm_rf(dir);
}

Test(cli, option_errors_name_the_option)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini --frobnicate", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "gasdep run: unknown option '--frobnicate'"), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -o", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "gasdep run: missing value for option '-o'"), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' sweep scenarios/default.ini -x", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "gasdep sweep: unknown option '-x'"), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' check a.ini b.ini", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "unexpected argument 'b.ini'"), "%s", err);
    th_rm_rf(dir);
}

Test(cli, run_prints_a_summary_of_the_groups_unless_quiet)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -o '%s/o'", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(err, "unserved_mcm") && strstr(err, "days_short") &&
                  strstr(err, "min_fill") && strstr(err, "share_russia") &&
                  strstr(err, "share_caspian"),
              "%s", err);
    cr_expect(strstr(err, "gasdep: EU ") && strstr(err, "gasdep: SEE "), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -q -o '%s/o'", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_str_eq(err, "");
    th_rm_rf(dir);
}

/* Progress on a terminal (script(1) gives the run a pty), from
 * GASDEP_PROGRESS_AFTER seconds on (0 here, so a short run shows it);
 * nothing with -q, nothing when stderr is not a terminal, nothing before
 * the default 2 s. */
Test(cli, run_shows_progress_on_a_terminal_only)
{
    char dir[64], cmd[2048];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "GASDEP_PROGRESS_AFTER=0 script -qec \"'%s' run "
             "scenarios/default.ini -o '%s/a'\" /dev/null", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    /* default.ini: 2021-10-01 .. 2022-03-31, 182 days */
    cr_expect(strstr(out, "gasdep run: 1/182 days (1%), ETA") != NULL, "%.600s", out);
    cr_expect(strstr(out, "\r\033[K") != NULL, "progress line not erased");
    snprintf(cmd, sizeof cmd, "GASDEP_PROGRESS_AFTER=0 script -qec \"'%s' run -q "
             "scenarios/default.ini -o '%s/a'\" /dev/null", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "days (") == NULL, "-q: %.600s", out);
    snprintf(cmd, sizeof cmd, "script -qec \"'%s' run scenarios/default.ini -o '%s/a'\" "
             "/dev/null", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "days (") == NULL, "a 0.1 s run: %.600s", out);
    snprintf(cmd, sizeof cmd, "GASDEP_PROGRESS_AFTER=0 '%s' run scenarios/default.ini "
             "-o '%s/a'", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(err, "days (") == NULL, "not a terminal: %.600s", err);
    th_rm_rf(dir);
}

/* One starting level for a group's storages: group.EU.initial_fill sets
 * the 20 storages at EU regions of the reference network (by hand from
 * scenarios/networks/europe.ini); GB, RS and UA keep their own. */
Test(cli, group_initial_fill_sets_every_storage_of_the_group)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' list scenarios/baseline-2021.ini storage "
             "--set 'group.EU.initial_fill=90%%'", th_bin());
    cr_assert_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_eq(count_of(out, "initial_fill 0.9\n"), 20, "%s", out);
    cr_expect(strstr(out, "storage DE-UGS: ") && strstr(out, "storage BG-Chiren: "), "%s", out);
    cr_expect(strstr(out, "storage GB-UGS: volume 969.5, injection 36.93, withdrawal 73.87, "
                          "initial_fill 0.8\n"), "%s", out);
    cr_expect(strstr(out, "initial_fill 0.61\n"), "UA-UGS keeps its own: %s", out);
    /* a later path for one site wins; an unknown group is an input error */
    snprintf(cmd, sizeof cmd, "'%s' list scenarios/baseline-2021.ini storage --set "
             "'group.EU.initial_fill=90%%' --set storage.DE-UGS.initial_fill=50%%", th_bin());
    cr_assert_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "storage DE-UGS: volume 18596.5, injection 281.16, withdrawal "
                          "494.00, initial_fill 0.5\n"), "%s", out);
    snprintf(cmd, sizeof cmd, "'%s' check scenarios/baseline-2021.ini --set "
             "'group.XX.initial_fill=90%%'", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "--set:1: 'group.XX.initial_fill': no storage at a region of "
                          "group 'XX'"), "%s", err);
    th_rm_rf(dir);
}

/* Narrowing a base scenario's dates: the base's events that fall outside
 * are one line, the user's own event outside keeps its own line. */
Test(cli, base_events_outside_the_horizon_are_one_warning)
{
    char dir[64], cmd[1024], cwd[512];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    char text[2048];
    snprintf(text, sizeof text, "[scenario]\nbase = %s/scenarios/russia-cut-2022.ini\n"
             "start = 2022-10-01\nend = 2022-12-31\n[event my-late]\n"
             "target = pipeline.TAP-AL-IT\nstart = 2023-06-01\nend = 2023-07-01\n"
             "factor = 0\n", cwd);
    th_write_file(th_path(dir, "narrow.ini"), text);
    snprintf(cmd, sizeof cmd, "'%s' check '%s/narrow.ini'", th_bin(), dir);
    cr_assert_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_eq(count_of(err, "outside the horizon"), 2, "%s", err);
    cr_expect(strstr(err, "narrow.ini:5: event 'my-late': entirely outside the horizon"),
              "%s", err);
    cr_expect(strstr(err, "other events of base files: entirely outside the horizon; they "
                          "have no effect"), "%s", err);
    th_rm_rf(dir);
}

Test(cli, list_names_and_key_figures)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' list scenarios/russia-cut-2022.ini pipeline", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "pipeline TAP-AL-IT: AL -> IT, capacity "), "%.400s", out);
    cr_expect(!strstr(out, "\nregion "), "only pipelines: %.400s", out);
    /* default.ini, by hand: TAP-IT 10 bcm/y = 27.40 mcm/d; BG 3.2 bcm/y */
    snprintf(cmd, sizeof cmd, "'%s' list scenarios/default.ini", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "region BG: demand 8.77 (3.20 bcm/y)"), "%s", out);
    /* capacities in mcm/d and bcm/y, as check and the scenario files show
     * them: default.ini TAP-IT 8.5 bcm/y = 8500/365 = 23.29 mcm/d */
    cr_expect(strstr(out, "pipeline TAP-IT: GR -> IT, capacity 23.29 (8.50 bcm/y)"), "%s", out);
    cr_expect(strstr(out, "origin azerbaijan: group caspian"), "%s", out);
    cr_expect(strstr(out, "event russia-cut: "), "%s", out);
    snprintf(cmd, sizeof cmd, "'%s' list scenarios/default.ini pipelines", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "unknown kind 'pipelines' (did you mean 'pipeline'?)"), "%s", err);
    th_rm_rf(dir);
}

Test(cli, did_you_mean_for_unknown_names)
{
    char dir[64], cmd[2048];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    /* --set: element, key, kind */
    snprintf(cmd, sizeof cmd, "'%s' check scenarios/russia-cut-2022.ini "
             "--set pipeline.TAP.capacity=20bcm/y", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "--set:1: 'pipeline.TAP.capacity': no such element in the "
                          "scenario (did you mean 'TAP-GR-exit', 'TAP-GR-Komotini' or "
                          "'TAP-GR-AL'?)"), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' check scenarios/default.ini "
             "--set pipeline.TAP-IT.capacty=20bcm/y --set pipline.TAP-IT.capacity=1bcm/y",
             th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "--set:1: 'pipeline.TAP-IT.capacty': unknown key (did you "
                          "mean 'capacity'?)"), "%s", err);
    cr_expect(strstr(err, "(did you mean 'pipeline'?)"), "%s", err);
    /* --vary goes through the same check */
    snprintf(cmd, sizeof cmd, "'%s' sweep scenarios/default.ini --list "
             "--vary pipeline.TAP-ITT.capacity=10:20:10bcm/y", th_bin());
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "(did you mean 'TAP-IT'?)"), "%s", err);
    /* event target, reference, key in a file */
    char path[128];
    snprintf(path, sizeof path, "%s/bad.ini", dir);
    char text[1024], cwd[512];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    snprintf(text, sizeof text,
             "[scenario]\nbase = %s/scenarios/default.ini\n"
             "[event typo]\ntarget = pipeline.TAP-TI\nstart = 2022-01-10\nfactor = 0\n"
             "[source extra]\nnode = BGG\norigin = russia\ncapacity = 1 mcm/d\n",
             cwd);
    th_write_file(path, text);
    snprintf(cmd, sizeof cmd, "'%s' check '%s'", th_bin(), path);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "bad.ini:4: event 'typo': target 'pipeline.TAP-TI': unknown "
                          "pipeline (did you mean 'TAP-IT'?)"), "%s", err);
    cr_expect(strstr(err, "bad.ini:8: source 'extra': unknown node 'BGG' in 'node' (did "
                          "you mean 'BG'?)"), "%s", err);
    /* a key in a file (found while parsing, before references are resolved) */
    th_write_file(path, "[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
                        "[pipeline X]\ncapacityy = 1 mcm/d\n");
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    cr_expect(strstr(err, "bad.ini:5: pipeline 'X': unknown key 'capacityy' (did "
                          "you mean 'capacity'?)"), "%s", err);
    th_rm_rf(dir);
}

Test(cli, aggregate_and_diff_commands)
{
    char dir[64], cmd[1024];
    th_tmpdir_make(dir, sizeof dir, "gasdep-cli");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -q -o '%s/a' --period month && "
             "'%s' run scenarios/default.ini -q -o '%s/b' --set event.russia-cut.factor=1",
             th_bin(), dir, th_bin(), dir);
    cr_assert_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    struct stat st;
    cr_expect_eq(stat(th_path(dir, "a/month/group_shares.csv"), &st), 0);
    snprintf(cmd, sizeof cmd, "'%s' aggregate '%s/a' --period year -o '%s/y'", th_bin(), dir,
             dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(err, "wrote"), "%s", err);
    cr_expect_eq(stat(th_path(dir, "y/balance.csv"), &st), 0);
    snprintf(cmd, sizeof cmd, "'%s' aggregate '%s/a' --period weekly", th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 2);
    /* without the cut (factor 1) Russian gas flows: its share differs */
    snprintf(cmd, sizeof cmd, "'%s' diff '%s/a' '%s/b'", th_bin(), dir, dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(out, "share_mean_russia"), "%s", out);
    /* the run directories are left as they are; same dates: no warning */
    cr_expect_neq(stat(th_path(dir, "b/diff.csv"), &st), 0);
    cr_expect(!strstr(err, "warning"), "%s", err);
    snprintf(cmd, sizeof cmd, "'%s' diff '%s/a' '%s/b' -q -o '%s/d.csv'", th_bin(), dir, dir, dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_eq(stat(th_path(dir, "d.csv"), &st), 0);
    /* runs over different dates (182 and 31 days, by hand): totals differ
     * for that reason alone, and diff says so */
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -q -o '%s/c' "
             "--set scenario.end=2021-10-31 && '%s' diff '%s/a' '%s/c' -q", th_bin(), dir,
             th_bin(), dir, dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect(strstr(err, "warning: the runs cover different dates") &&
              strstr(err, "2021-10-01 .. 2022-03-31 (182 days)") &&
              strstr(err, "2021-10-01 .. 2021-10-31 (31 days)"), "%s", err);
    /* a new run into a directory removes the old run's aggregates, figures
     * and diff */
    th_write_file(th_path(dir, "c/diff.csv"), "old\n");
    cr_assert_eq(mkdir(th_path(dir, "c/figures"), 0777), 0);
    th_write_file(th_path(dir, "c/figures/shares_BG.png"), "old\n");
    snprintf(cmd, sizeof cmd, "'%s' run scenarios/default.ini -q -o '%s/a' && "
             "'%s' run scenarios/default.ini -q -o '%s/c' --set scenario.end=2021-10-15",
             th_bin(), dir, th_bin(), dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_neq(stat(th_path(dir, "a/month"), &st), 0, "a/month/ of the earlier run left");
    cr_expect_neq(stat(th_path(dir, "c/diff.csv"), &st), 0, "c/diff.csv left");
    cr_expect_neq(stat(th_path(dir, "c/figures"), &st), 0, "c/figures/ left");
    cr_expect_eq(stat(th_path(dir, "c/balance.csv"), &st), 0);
    snprintf(cmd, sizeof cmd, "'%s' diff '%s/a' '%s/a' -o -", th_bin(), dir, dir);
    cr_expect_eq(sh(cmd, out, sizeof out, err, sizeof err, dir), 0, "%s", err);
    cr_expect_eq(strncmp(out, "region,kind,figure,a,b,b_minus_a\n", 33), 0, "%s", out);
    th_rm_rf(dir);
}
