/* helpers.h: small helpers shared by the Criterion suites. */
#ifndef GASDEP_TEST_HELPERS_H
#define GASDEP_TEST_HELPERS_H

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

#endif
