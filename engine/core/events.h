/* events.h: events: capacity, demand and origin changes with dates and ramps. */
#ifndef GASDEP_CORE_EVENTS_H
#define GASDEP_CORE_EVENTS_H

#include "scenario.h"

typedef struct net net;
typedef struct arena arena;

/* What an event changes: each a daily parameter array (events_apply). */
enum param_id {
    P_PIPE_CAP,
    P_PIPE_REV,
    P_SRC_CAP,
    P_SRC_MIN,
    P_LNG_CAP,
    P_STO_WD,
    P_STO_INJ,
    P_DEMAND,
    P_ORIGIN, /* multiplies every supply variable of an origin */
    P_TR_VOL,   /* tranche volume (mcm/d) */
    P_TR_PRICE, /* tranche price (EUR/MWh), factors only */
    P_SLOT_MIN, /* LNG slot minimum take, factors only */
    P_DR_SHARE, /* demand-response block share, factors only */
    P_DR_PRICE, /* demand-response block willingness to pay, factors only */
    P_COUNT,
    P_STO_PATH = P_COUNT /* a target-path event on a storage (not a number) */
};

typedef struct ev_target {
    int param, index;
} ev_target;

typedef struct ev_rt {
    const char *name;
    int start, end, ramp;
    int is_factor;
    double factor, value_mcm_d;
    int first, count; /* slice of the event set's targets */
    const list *targets; /* target-path event: the points (borrowed), or NULL */
    int hard;            /* target-path event: its targets are hard */
} ev_rt;

/* The resolved events, in start order, and what each one targets. */
typedef struct event_set {
    int count, n_targets;
    ev_rt *rt;
    ev_target *targets;
} event_set;

/* Resolve the [event] elements of s into n->ev. */
int events_resolve(net *n, arena *a, const scenario *s);
/* Apply every event active on day that started by known_by (INT_MAX: every
 * event) to the day's parameter arrays. */
void events_apply(const net *n, int day, int known_by,
                  double *const params[P_COUNT]);
/* Share of an event's effect on day (0..1, with its ramps). */
double events_ramp(const ev_rt *e, int day);

#endif
