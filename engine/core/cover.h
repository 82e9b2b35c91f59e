/* cover.h: days of cover (a day's storage against the day's gap) and survival
 * times (days from a disruption event's start to an area's first shortfall),
 * by area. */
#ifndef GASDEP_CORE_COVER_H
#define GASDEP_CORE_COVER_H

#include "day.h"

typedef struct arena arena;

/* Per area (regions, then groups) for the last day, and per area and
 * disruption event over the run. Disruption events are the events that lower
 * a supply capacity (a factor < 1, or a value below the element's capacity)
 * and touch the horizon, in start order. */
typedef struct cover_set {
    double *floor_mcm;   /* per store: working gas the withdrawal curve never
                          * releases (its zero section from empty) */
    double *storage_mcm; /* per area: end-of-day gas its stores can release */
    double *gap_mcm;     /* per area: net storage withdrawal + unserved */
    double *days;        /* per area: storage / gap; NaN where gap <= eps */
    int n_events;
    int *event;          /* per disruption: index into n->ev.rt */
    int *start;          /* per disruption: start day, at least the first day */
    int *first_short;    /* areas x disruptions: first day short on or after
                          * the start; COVER_NONE while there is none */
} cover_set;

#define COVER_NONE (-2000000000)
#define COVER_GAP_EPS 1e-6 /* mcm/d: below this a day has no gap (as SHORT_EPS) */

/* Find the disruption events and allocate (from arena a). */
int cover_alloc(cover_set *c, const net *n, arena *a);
/* Before the first day of a run. */
void cover_reset(cover_set *c, const net *n);
/* The day's cover and survival, after results_day filled d's area arrays. */
void cover_day(cover_set *c, const net *n, const day_state *d, int day);

#endif
