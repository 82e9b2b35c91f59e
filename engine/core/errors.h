/* errors.h: error messages kept on a model: status texts, input errors as
 * file:line: message (collected up to a cap), and the input file table the
 * locations point into. */
#ifndef GASDEP_CORE_ERRORS_H
#define GASDEP_CORE_ERRORS_H

#include <stddef.h>

#include "gasdep/gasdep.h" /* status codes */

#define MAX_INPUT_ERRORS 50

/* Where a value was written: file index into errlog.files (-1 for --set,
 * where line counts the overrides) and line. */
typedef struct srcloc {
    int file;
    int line;
} srcloc;

typedef struct errlog {
    char *msg; /* lines separated by '\n', NUL-terminated */
    size_t len, cap;
    int n_errors;
    char **files; /* input files in the order read (owned) */
    int n_files;
    char *warn; /* warnings, lines separated by '\n' (gasdep_warnings) */
    size_t wlen, wcap;
    int n_warnings;
} errlog;

void err_reset(errlog *e);
/* Free the messages and the file table. */
void err_free(errlog *e);
/* Append a file to the table; its index, or -1 when out of memory. */
int err_add_file(errlog *e, const char *name);
/* Append a message, count one error, return status. */
int err_fail(errlog *e, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append "file:line: message" (up to MAX_INPUT_ERRORS are kept). */
void err_at(errlog *e, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append a warning "file:line: message" (the run goes on; up to
 * MAX_INPUT_ERRORS are kept). */
void warn_at(errlog *e, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void warn_reset(errlog *e);
/* The file a location names ("--set" for overrides). */
const char *err_file(const errlog *e, srcloc at);

#endif
