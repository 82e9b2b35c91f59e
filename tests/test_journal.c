/* test_journal.c: the batch journal (engine/batch/batch_journal.c): resume
 * after a kill gives the bytes of an uninterrupted run, torn and damaged
 * records are found, a journal of another batch or behind a link is
 * refused. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gasdep/batch.h"
#include "helpers.h"

TH_TMPDIR_SUITE(journal, "gasdep-test-journal");


static const char *TINY = TH_TINY_SWEEP;

static const char *VARY =
    "--vary pipeline.P.capacity=2:12:0.5mcm/d --vary event.cut.start=2022-01-05:2022-01-25:5";

Test(journal, resume_after_sigkill_gives_identical_bytes)
{
    th_write_file(path_in("tiny.ini"), TINY);
    cr_assert_eq(th_sh("%s sweep %s %s --keep-series -q -j 2 -o %s", th_bin(),
                       path_in("tiny.ini"), VARY, path_in("full")), 0);
    /* the writer SIGKILLs its own process after 20 of 105 records, with
     * half of a 21st written (a torn record) */
    int st = th_sh("(GASDEP_BATCH_KILL_AFTER=20 GASDEP_BATCH_KILL_TORN=1 %s sweep %s %s "
                   "--keep-series -q -j 2 -o %s; exit $?) 2>/dev/null", th_bin(),
                   path_in("tiny.ini"), VARY, path_in("cut"));
    cr_assert(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGKILL),
              "not killed: status %d", st);
    cr_expect(!th_exists(path_in("cut/sweep.csv")), "half a sweep written");
    cr_expect(th_exists(path_in("cut/sweep.journal")));
    /* a different sweep must not resume this journal */
    cr_expect_eq(WEXITSTATUS(th_sh("%s sweep %s --vary pipeline.P.capacity=1:2:1mcm/d "
                                   "-q --resume -o %s 2>/dev/null", th_bin(),
                                   path_in("tiny.ini"), path_in("cut"))), 2);
    cr_assert_eq(th_sh("%s sweep %s %s --keep-series -q -j 3 --resume -o %s", th_bin(),
                       path_in("tiny.ini"), VARY, path_in("cut")), 0);
    same_bytes(path_in("full/sweep.csv"), path_in("cut/sweep.csv"));
    same_bytes(path_in("full/series.csv"), path_in("cut/series.csv"));
    cr_expect(!th_exists(path_in("cut/sweep.journal")));
}

Test(journal, resume_after_external_kill_9)
{
    /* A slower sweep (2 years a run) killed from outside as soon as its
     * journal holds a record. */
    char text[2048];
    snprintf(text, sizeof text, "%s", TINY);
    char *end = strstr(text, "end = 2022-01-30");
    memcpy(end, "end = 2023-12-31", 16);
    th_write_file(path_in("long.ini"), text);
    const char *vary = "--vary pipeline.P.capacity=1:12:0.25mcm/d";
    const char *exe = th_bin(); /* before fork: the child must not assert */
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        execl(exe, exe, "sweep", path_in("long.ini"), "--vary",
              "pipeline.P.capacity=1:12:0.25mcm/d", "-j", "1", "-o", path_in("cut"),
              (char *)NULL);
        _exit(127);
    }
    struct stat st;
    for (int i = 0; i < 20000; i++) { /* up to 20 s */
        if (stat(path_in("cut/sweep.journal"), &st) == 0 && st.st_size > 200)
            break;
        usleep(1000);
    }
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    int killed = WIFSIGNALED(status);
    if (killed)
        cr_expect(!th_exists(path_in("cut/sweep.csv")), "half a sweep written");
    cr_assert_eq(th_sh("%s sweep %s %s -q -j 2 --resume -o %s", th_bin(),
                       path_in("long.ini"), vary, path_in("cut")), 0);
    cr_assert_eq(th_sh("%s sweep %s %s -q -j 2 -o %s", th_bin(), path_in("long.ini"),
                       vary, path_in("full")), 0);
    same_bytes(path_in("full/sweep.csv"), path_in("cut/sweep.csv"));
}

Test(journal, journal_symlink_is_refused)
{
    mkdir(path_in("out"), 0755);
    th_write_file(path_in("victim"), "keep me\n");
    cr_assert_eq(symlink(path_in("victim"), path_in("out/sweep.journal")), 0);
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=1:2:1mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK);
    gasdep_batch_options o = {1, path_in("out"), 0, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_expect_eq(gasdep_batch_run(b, &o, &r), GASDEP_EIO);
    cr_expect(strstr(gasdep_batch_errmsg(b), "symbolic link") != NULL, "%s",
              gasdep_batch_errmsg(b));
    char *v = th_slurp(path_in("victim"), NULL);
    cr_expect_str_eq(v, "keep me\n");
    free(v);
    gasdep_batch_destroy(b);
}

/* Kill a 6-run sweep after `after` records; returns the journal's size. */
static long killed_sweep(const char *extra, int after)
{
    int st = th_sh("(GASDEP_BATCH_KILL_AFTER=%d %s sweep %s "
                   "--vary pipeline.P.capacity=1:6:1mcm/d %s -q -j 1 -o %s; "
                   "exit $?) 2>/dev/null",
                   after, th_bin(), path_in("tiny.ini"), extra, path_in("cut"));
    cr_assert(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGKILL),
              "not killed: status %d", st);
    struct stat s;
    cr_assert_eq(stat(path_in("cut/sweep.journal"), &s), 0);
    return (long)s.st_size;
}

Test(journal, damaged_journal_record_is_reported)
{
    th_write_file(path_in("tiny.ini"), TINY);
    long size = killed_sweep("", 4);
    /* damage a byte near the end: the last record (the 4th) fails its
     * checksum, the first three are kept */
    int fd = open(path_in("cut/sweep.journal"), O_RDWR);
    cr_assert_geq(fd, 0);
    unsigned char c;
    cr_assert_eq(pread(fd, &c, 1, size - 3), 1);
    c ^= 0xff;
    cr_assert_eq(pwrite(fd, &c, 1, size - 3), 1);
    close(fd);
    gasdep_batch *b = th_sweep_of(tmpdir, TINY);
    cr_assert_eq(gasdep_batch_vary(b, "pipeline.P.capacity=1:6:1mcm/d"), GASDEP_OK);
    cr_assert_eq(gasdep_batch_prepare(b), GASDEP_OK);
    gasdep_batch_options o = {1, path_in("cut"), 1, 0, NULL, NULL};
    gasdep_batch_report r;
    cr_assert_eq(gasdep_batch_run(b, &o, &r), GASDEP_OK, "%s", gasdep_batch_errmsg(b));
    cr_expect_eq(r.resumed, 3);
    const char *w = gasdep_batch_warnings(b);
    cr_expect(strstr(w, "damaged at record 4: rerunning 3 runs (4..6)") != NULL, "%s", w);
    gasdep_batch_destroy(b);
    cr_assert_eq(th_sh("%s sweep %s --vary pipeline.P.capacity=1:6:1mcm/d -q -o %s",
                       th_bin(), path_in("tiny.ini"), path_in("full")), 0);
    same_bytes(path_in("full/sweep.csv"), path_in("cut/sweep.csv"));
}

Test(journal, resume_refuses_a_changed_file_named_by_set)
{
    /* the series is named only by --set: the old identity (re-scanning the
     * scenario for base/series lines) did not see it change */
    char series[4096] = "date,factor\n";
    for (int d = 1; d <= 30; d++) {
        char row[64];
        snprintf(row, sizeof row, "2022-01-%02d,1\n", d);
        strcat(series, row);
    }
    th_write_file(path_in("s.csv"), series);
    th_write_file(path_in("tiny.ini"), TINY);
    char set[600];
    snprintf(set, sizeof set, "--set region.R.series=%s", path_in("s.csv"));
    killed_sweep(set, 2);
    series[strlen("date,factor\n2022-01-01,")] = '2'; /* day 1 doubled */
    th_write_file(path_in("s.csv"), series);
    int st = th_sh("%s sweep %s --vary pipeline.P.capacity=1:6:1mcm/d %s -q --resume "
                   "-o %s 2>%s", th_bin(), path_in("tiny.ini"), set, path_in("cut"),
                   path_in("err.txt"));
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "status %d", st);
    char *e = th_slurp(path_in("err.txt"), NULL);
    cr_expect(strstr(e, "belongs to another batch") != NULL, "%s", e);
    free(e);
}
