/* test_cli.c: the gasdep command line (engine/cli/cli.c), run as a process.
 * ctest sets GASDEP_BIN to the binary. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

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
    cr_expect(strstr(out, "SEE        group           12.70") != NULL, "%s", out);
    cr_expect(strstr(out, "EU         group           79.70") != NULL, "%s", out);
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
        "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,loss_mcm\n";
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
