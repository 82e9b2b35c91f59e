/* helpers.h: small helpers shared by the Criterion suites. */
#ifndef GASDEP_TEST_HELPERS_H
#define GASDEP_TEST_HELPERS_H

#include <stddef.h>

#include "gasdep/gasdep.h"

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
/* 1 when the two files hold the same bytes; both must exist. */
int th_same_file(const char *a, const char *b);

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

#endif
