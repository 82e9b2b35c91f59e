/* water.h: water values: the value of gas in each store by date, from a
 * planning pass over the year ahead (as hydro-reservoir scheduling values
 * water), solved on the same network at the start of the run and again on
 * the first day of every month. The daily dispatch values the gas it leaves
 * in store at the end of its window at these values instead of a flat
 * withdrawal value (docs/DISPATCH.md, "Stored gas has a value"). */
#ifndef GASDEP_CORE_WATER_H
#define GASDEP_CORE_WATER_H

#include <stddef.h>

#include "caps.h"
#include "dispatch.h"

#define WATER_WEEKS 26 /* the planning horizon, in blocks of WATER_BLOCK days */
#define WATER_BLOCK 14

typedef struct water {
    struct dispatch *lp; /* the planning LP (NULL: no water values) */
    day_caps *days;      /* WATER_WEEKS x WATER_BLOCK days */
    day_caps *blk;       /* WATER_WEEKS block means */
    int *len;            /* WATER_BLOCK each */
    dispatch_plan plan;
    double *value; /* WATER_WEEKS x stores: EUR/MWh of gas in store */
    int first;     /* first day of the plan in force */
    int next;      /* the day of the next plan */
    int plans;     /* plans solved in the run */
    int n_sto;
} water;

/* The planning LP and its arrays, for a network with storage under
 * storage_valuation = water (w->lp stays NULL otherwise); GASDEP_ENOMEM. */
int water_create(water *w, const net *n, const scenario_el *sc, arena *a);
void water_destroy(water *w);
/* A fresh planning LP (as water_create made it: no plan, no basis) on the
 * arrays already allocated, for gasdep_restart; GASDEP_ENOMEM. */
int water_restart(water *w, const net *n, const scenario_el *sc);
/* Plan from `day` when due (the first call, then the first day of each
 * month): the year ahead with the events that have started by `day`, the
 * inventories inv, demand raised by `risk_cover` in December to February,
 * and the end of the year held to today's inventories. A status; the reason
 * of a failure in why. */
int water_update(water *w, const net *n, const scenario_el *sc,
                 const caps_factors *f, const double *inv, int day, char *why,
                 size_t whylen);
/* The value (EUR/MWh) of gas in each store at the end of `day`, below voll;
 * NULL without water values. */
const double *water_values(const water *w, int day);

#endif
