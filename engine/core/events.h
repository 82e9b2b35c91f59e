/* events.h: events: capacity, demand and origin changes with dates and ramps. */
#ifndef GASDEP_CORE_EVENTS_H
#define GASDEP_CORE_EVENTS_H

#include "network.h"

/* Resolve the [event] elements of s into n->ev and n->ev_targets. */
int events_resolve(net *n, const scenario *s);
/* Apply every event active on day to the day's parameter arrays. */
void events_apply(const net *n, int day, double *const params[P_COUNT]);
/* Share of an event's effect on day (0..1, with its ramps). */
double events_ramp(const ev_rt *e, int day);

#endif
