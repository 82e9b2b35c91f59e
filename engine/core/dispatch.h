/* dispatch.h: the daily linear programme (GLPK), built once and warm-started
 * every gas day; curtailment stages on days with unserved demand. */
#ifndef GASDEP_CORE_DISPATCH_H
#define GASDEP_CORE_DISPATCH_H

#include <stddef.h>

#include "day.h"

struct dispatch;

struct dispatch *dispatch_create(const net *n, const scenario_el *sc);
void dispatch_destroy(struct dispatch *lp);
/* Solve the day in d (capacities in, flows and prices out); on failure a
 * status with the reason in why. */
int dispatch_solve(struct dispatch *lp, const net *n, day_state *d,
                   int curtailment, char *why, size_t whylen);
/* Free the solver's per-thread environment (gasdep_thread_finish). */
void dispatch_thread_finish(void);

#endif
