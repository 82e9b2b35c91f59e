/* runread.h: reading the CSV files of a finished run directory with the
 * loader's discipline (regular files only, a size cap, physical line numbers,
 * strict fields): the one reader under gasdep aggregate and gasdep diff. */
#ifndef GASDEP_CORE_RUNREAD_H
#define GASDEP_CORE_RUNREAD_H

#include <stddef.h>
#include <stdint.h>

/* Largest daily table read (balance.csv, shares.csv, ...): streamed, so the
 * cap bounds time, not memory. summary.csv is held whole: MAX_INPUT_BYTES. */
#define RUN_TABLE_MAX_BYTES ((uint64_t)16 << 30)
/* Most bytes one record may take, and most fields in one record. */
#define RUN_RECORD_MAX_BYTES ((size_t)1 << 20)
#define RUN_MAX_FIELDS 4096

/* Called for every record: its fields (NUL-terminated), their count and the
 * file line where the record starts. Returns 0, or non-zero to stop (having
 * written its message with runread_fail). */
typedef int (*runread_row_fn)(void *ctx, char **f, int n, long line);

/* Read `path` record by record. Returns 0; 1 when the file does not exist
 * (nothing written to msg); -1 on any other failure with "path: what" or
 * "path:line: what" in msg: not a regular file, over `max` bytes, a NUL
 * byte, malformed quoting, a record over RUN_RECORD_MAX_BYTES or
 * RUN_MAX_FIELDS fields, a last line without its end of line (a truncated
 * file); or the callback's non-zero status. */
int runread_file(const char *path, uint64_t max, runread_row_fn fn, void *ctx,
                 char *msg, size_t len);

/* A number field: 1 with *x set for a finite decimal number (digits, one
 * point, an exponent; no nan, inf, hex or spaces), 0 for an empty field,
 * -1 for anything else. */
int runread_number(const char *s, double *x);

/* A table's header: its column names (copied) and what each column holds. */
enum { RR_NUM_NA, RR_NUM, RR_TEXT, RR_DATE };
typedef struct runread_head {
    char **name;
    unsigned char *type; /* RR_NUM_NA (a number or empty) unless set */
    int n;
} runread_head;

/* Take a header record: names must be non-empty and distinct. 0, or -1
 * with "path:line: ..." in msg. */
int runread_header(runread_head *h, char **f, int n, const char *path, long line,
                   char *msg, size_t len);
/* Index of a column, -1 if absent. */
int runread_col(const runread_head *h, const char *name);
/* Check a data record against the header: as many fields; a date
 * (YYYY-MM-DD) under RR_DATE; a non-empty field under RR_TEXT; a number
 * under RR_NUM, a number or nothing under RR_NUM_NA. 0, or -1 with
 * "path:line: ..." in msg. */
int runread_check_row(const runread_head *h, char **f, int n, const char *path,
                      long line, char *msg, size_t len);
void runread_head_free(runread_head *h);

/* Write "fmt..." to msg (when there is room) and return rc. */
int runread_fail(char *msg, size_t len, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* 0 when dir is a complete run directory: a directory without a commit
 * marker (.gasdep-commit), holding balance.csv, summary.csv and manifest.csv
 * as regular files; otherwise the message in msg and GASDEP_EINPUT. */
int runread_complete_run(const char *dir, char *msg, size_t len);

#endif
