/* helpers.h: small helpers shared by the Criterion suites. */
#ifndef GASDEP_TEST_HELPERS_H
#define GASDEP_TEST_HELPERS_H

#include <stddef.h>

#include "gasdep/batch.h"
#include "gasdep/gasdep.h"

/* Regions A (10 mcm/d, groups EU SEE) and B (30 mcm/d, group EU) fed from
 * hub H (source s, cost 10; pipelines HA tariff 2, HB tariff 5) over three
 * days 2022-01-01..03: the areas are A, B, EU, SEE. */
#define TH_GROUPS                                                              \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-03\n"                       \
    "[origin o]\n[node H]\n"                                                   \
    "[region A]\ndemand = 10 mcm/d\ngroups = EU SEE\n"                         \
    "[region B]\ndemand = 30 mcm/d\ngroups = EU\n"                             \
    "[source s]\nnode = H\norigin = o\ncapacity = 100 mcm/d\ncost = 10\n"      \
    "[pipeline HA]\nfrom = H\nto = A\ncapacity = 100 mcm/d\ntariff = 2\n"      \
    "[pipeline HB]\nfrom = H\nto = B\ncapacity = 100 mcm/d\ntariff = 5\n"

/* TH_TINY_SWEEP: one region R with flat demand D = 10 mcm/d over N = 30
 * days, fed only by pipeline P (capacity C) from an ample source: unserved = N * max(0, D - C),
 * days short = N if C < D else 0, the Russian share 1 throughout. */
#define TH_TINY_SWEEP                                                         \
    "[scenario]\nname = tiny\nstart = 2022-01-01\nend = 2022-01-30\n"         \
    "[origin ru]\ngroup = russia\n"                                           \
    "[node SRC]\n"                                                            \
    "[region R]\ndemand = 10 mcm/d\n"                                         \
    "[source s]\nnode = SRC\norigin = ru\ncapacity = 1000 mcm/d\n"            \
    "[pipeline P]\nfrom = SRC\nto = R\ncapacity = 10 mcm/d\n"                 \
    "[event cut]\ntarget = pipeline.P\nstart = 2022-01-21\nend = 2022-01-30\n"\
    "factor = 0\n"

/* Three lossy one-way pipes A -> B -> C -> A with minimum takes that force
 * gas round the loop: A (source sa, origin a, min take 10), region B (demand
 * 8, source sb, origin b, min take 2), pipes losing 10 % each; flows and
 * mixing worked out in test_trace.c (loop_of_flows_solves_the_linear_system). */
#define TH_LOOP3                                                              \
    "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"                      \
    "[origin a]\n[origin b]\n[node A]\n[node C]\n"                            \
    "[region B]\ndemand = 8 mcm/d\n"                                          \
    "[source sa]\nnode = A\norigin = a\ncapacity = 10 mcm/d\nmin_take = 10 mcm/d\n"\
    "[source sb]\nnode = B\norigin = b\ncapacity = 2 mcm/d\nmin_take = 2 mcm/d\n"\
    "[pipeline AB]\nfrom = A\nto = B\ncapacity = 100 mcm/d\nloss = 10%\n"     \
    "[pipeline BC]\nfrom = B\nto = C\ncapacity = 100 mcm/d\nloss = 10%\n"     \
    "[pipeline CA]\nfrom = C\nto = A\ncapacity = 100 mcm/d\nloss = 10%\n"

/* Load scenario text, init; fails the test with the error log otherwise. */
gasdep_model *th_model(const char *text);
/* Load scenario text and return the status of load+init (model kept in *out
 * when non-NULL, else destroyed). */
int th_try(const char *text, gasdep_model **out);
/* Run a model to the end without outputs. */
void th_run(gasdep_model *m);
/* Index helpers that fail the test when the name is unknown. */
int th_area(gasdep_model *m, const char *name);
int th_pipe(gasdep_model *m, const char *name);
int th_origin(gasdep_model *m, const char *name);
int th_group(gasdep_model *m, const char *name);
/* Days since 1970 of an ISO date. */
int th_day(const char *iso);
/* One day step that must succeed. */
void th_step(gasdep_model *m);
/* The current day's result of the named area. */
gasdep_area_day th_area_day(gasdep_model *m, const char *name);

/* ---- files and directories ---- */

/* Make a fresh directory /tmp/<prefix>-XXXXXX, its name in buf (n bytes). */
void th_tmpdir_make(char *buf, size_t n, const char *prefix);
/* Remove a directory and everything below it (links are not followed);
 * expects it to succeed. */
void th_rm_rf(const char *dir);
/* "<dir>/<name>", in one of four static buffers used in turn. */
char *th_path(const char *dir, const char *name);
/* Write text to path (replacing it). */
void th_write_file(const char *path, const char *text);
/* Whole file, NUL-terminated, malloc'd (its length in *len when non-NULL);
 * NULL when it cannot be opened. */
char *th_slurp(const char *path, size_t *len);
/* 1 when path exists (stat succeeds). */
int th_exists(const char *path);
/* 1 when the two files hold the same bytes; both must exist. */
int th_same_file(const char *a, const char *b);

/* A sweep of scenario text written to <dir>/tiny.ini (fails the test when it
 * cannot be made). */
gasdep_batch *th_sweep_of(const char *dir, const char *text);

/* ---- processes ---- */

/* system() of a printf-formatted command. */
int th_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The gasdep binary (GASDEP_BIN, set by ctest). */
const char *th_bin(void);

/* ---- CSV files written by the batch runs (no quoted fields) ---- */

typedef struct th_table {
    char *text;
    char **cell; /* row 0 is the header */
    int rows, cols; /* rows: data rows */
} th_table;

/* Read a CSV file (must exist); strict: fail on a row with too few fields. */
th_table th_read_csv(const char *path, int strict);
/* Column index of a header name; fails the test when there is none. */
int th_col(const th_table *t, const char *name);
/* Field of data row `row` (from 0) in column `name`, as text or number. */
const char *th_at(const th_table *t, int row, const char *name);
double th_num(const th_table *t, int row, const char *name);
void th_free_csv(th_table *t);

/* A test file whose suite `suite` works in a fresh temporary directory per
 * test (tmpdir, made by its .init and removed by its .fini), with path_in()
 * for a file in it and same_bytes() for two files that must be equal. */
#define TH_TMPDIR_SUITE(suite, prefix)                                       \
    static char tmpdir[256];                                                 \
    static void setup(void)                                                  \
    {                                                                        \
        th_tmpdir_make(tmpdir, sizeof tmpdir, prefix);                       \
    }                                                                        \
    static void teardown(void)                                               \
    {                                                                        \
        th_rm_rf(tmpdir);                                                    \
    }                                                                        \
    static inline char *path_in(const char *name)                            \
    {                                                                        \
        return th_path(tmpdir, name);                                        \
    }                                                                        \
    static inline __attribute__((unused)) void same_bytes(const char *a,     \
                                                          const char *b)  \
    {                                                                        \
        cr_expect(th_same_file(a, b), "%s and %s differ", a, b);             \
    }                                                                        \
    TestSuite(suite, .init = setup, .fini = teardown)

#endif
