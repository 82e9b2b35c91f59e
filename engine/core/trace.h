/* trace.h: origin and route tracing: proportional mixing through the
 * network (Tarjan strongly connected components, GSL LU for loops). */
#ifndef GASDEP_CORE_TRACE_H
#define GASDEP_CORE_TRACE_H

#include "day.h"

struct trace;

struct trace *trace_create(const net *n);
void trace_destroy(struct trace *tr);
/* The origin mix at every node for the day's flows (d->node_mix) and, for
 * each corridor, the fraction of the gas there that has passed it
 * (d->node_via; storage withdrawals carry d->sto_via). */
int trace_day(struct trace *tr, const net *n, day_state *d);

#endif
