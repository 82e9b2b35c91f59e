/* test_mpi.c: sweeps and Monte Carlo across MPI ranks (issue 4) give the
 * same bytes as threads. Needs the MPI build (cmake -DGASDEP_MPI=ON) and
 * mpirun; skipped otherwise. Runs as root in CI: --allow-run-as-root and
 * --oversubscribe (3 ranks on 2 cores). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gasdep/batch.h"
#include "helpers.h"

#ifndef GASDEP_MPI

Test(mpi, ranks_give_the_same_bytes_as_threads)
{
    cr_skip("MPI build is off: configure with cmake -DGASDEP_MPI=ON to run the "
            "MPI tests");
}

#else

static const char *TINY =
    "[scenario]\nname = tiny\nstart = 2022-01-01\nend = 2022-02-28\n"
    "[origin ru]\ngroup = russia\n[origin az]\ngroup = caspian\n"
    "[node SRC]\n"
    "[region R]\ndemand = 10 mcm/d\ngroups = G\nheating_sensitivity = 4%\n"
    "[region Q]\ndemand = 5 mcm/d\ngroups = G\n"
    "[source s]\nnode = SRC\norigin = ru\ncapacity = 1000 mcm/d\n"
    "[source a]\nnode = Q\norigin = az\ncapacity = 3 mcm/d\n"
    "outage_rate = 3\noutage_days = 4\n"
    "[pipeline P]\nfrom = SRC\nto = R\ncapacity = 10 mcm/d\n"
    "outage_rate = 5\noutage_days = 3\n"
    "[pipeline RQ]\nfrom = R\nto = Q\ncapacity = 4 mcm/d\nreverse_capacity = 2 mcm/d\n"
    "[storage st]\nnode = Q\nvolume = 50 mcm\ninjection = 2 mcm/d\n"
    "withdrawal = 3 mcm/d\ninitial_fill = 60%\n"
    "[event cut]\ntarget = pipeline.P\nstart = 2022-01-20\nend = 2022-01-25\n"
    "factor = 40%\nstart_window = 14\n"
    "[weather]\npersistence = 0.7\nsigma = 2\n";

static char tmpdir[256];

static void setup(void)
{
    th_tmpdir_make(tmpdir, sizeof tmpdir, "gasdep-test-mpi");
    th_write_file(th_path(tmpdir, "tiny.ini"), TINY);
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
}

static void teardown(void)
{
    th_rm_rf(tmpdir);
}

/* mpirun with the options CI needs; leak checks off in the ranks (Open MPI
 * keeps allocations until exit, which LeakSanitizer would report). */
static const char *mpirun(void)
{
    static char buf[1024];
    const char *exe = getenv("GASDEP_MPIEXEC");
    snprintf(buf, sizeof buf,
             "%s --allow-run-as-root --oversubscribe -x ASAN_OPTIONS=detect_leaks=0",
             exe && *exe ? exe : "mpirun");
    return buf;
}

static int same_file(const char *dir1, const char *dir2, const char *name)
{
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/%s/%s", tmpdir, dir1, name);
    snprintf(b, sizeof b, "%s/%s/%s", tmpdir, dir2, name);
    return th_same_file(a, b);
}

TestSuite(mpi, .init = setup, .fini = teardown);

static const char *VARY =
    "--vary pipeline.P.capacity=6:12:1mcm/d --vary pipeline.RQ.capacity=2:5:1mcm/d "
    "--keep-series";

Test(mpi, sweep_on_2_and_3_ranks_matches_threads)
{
    cr_assert_eq(th_sh("%s sweep %s/tiny.ini %s -q -j 2 -o %s/thr", th_bin(), tmpdir,
                       VARY, tmpdir), 0);
    cr_assert_eq(th_sh("%s -n 2 %s sweep %s/tiny.ini %s -q -j 1 -o %s/r2", mpirun(),
                       th_bin(), tmpdir, VARY, tmpdir), 0);
    cr_assert_eq(th_sh("%s -n 3 %s sweep %s/tiny.ini %s -q -j 2 -o %s/r3", mpirun(),
                       th_bin(), tmpdir, VARY, tmpdir), 0);
    cr_expect(same_file("thr", "r2", "sweep.csv"), "2 ranks: sweep.csv differs");
    cr_expect(same_file("thr", "r2", "series.csv"), "2 ranks: series.csv differs");
    cr_expect(same_file("thr", "r3", "sweep.csv"), "3 ranks: sweep.csv differs");
    cr_expect(same_file("thr", "r3", "series.csv"), "3 ranks: series.csv differs");
}

Test(mpi, montecarlo_on_2_ranks_matches_threads)
{
    cr_assert_eq(th_sh("%s montecarlo %s/tiny.ini -n 80 --seed 4 -q -j 2 -o %s/thr",
                       th_bin(), tmpdir, tmpdir), 0);
    cr_assert_eq(th_sh("%s -n 2 %s montecarlo %s/tiny.ini -n 80 --seed 4 -q -j 1 "
                       "-o %s/r2", mpirun(), th_bin(), tmpdir, tmpdir), 0);
    const char *files[] = {"runs.csv", "bands.csv", "probabilities.csv",
                           "survival_distribution.csv"};
    for (int i = 0; i < 4; i++)
        cr_expect(same_file("thr", "r2", files[i]), "%s differs", files[i]);
}

Test(mpi, killed_mpi_sweep_resumes_with_threads)
{
    cr_assert_eq(th_sh("%s sweep %s/tiny.ini %s -q -j 2 -o %s/thr", th_bin(), tmpdir,
                       VARY, tmpdir), 0);
    int st = th_sh("%s -n 2 -x GASDEP_BATCH_KILL_AFTER=9 %s sweep %s/tiny.ini %s -q -j 1 "
                   "-o %s/cut >/dev/null 2>&1", mpirun(), th_bin(), tmpdir, VARY, tmpdir);
    cr_expect_neq(st, 0, "the killed job reported success");
    char path[600];
    snprintf(path, sizeof path, "%s/cut/sweep.csv", tmpdir);
    struct stat sb;
    cr_expect(stat(path, &sb) != 0, "sweep.csv written by a killed job");
    cr_assert_eq(th_sh("%s sweep %s/tiny.ini %s -q -j 2 --resume -o %s/cut", th_bin(),
                       tmpdir, VARY, tmpdir), 0);
    cr_expect(same_file("thr", "cut", "sweep.csv"));
    cr_expect(same_file("thr", "cut", "series.csv"));
}

#endif
