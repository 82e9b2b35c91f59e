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
#define WATER_LEVELS 6 /* curves: fills 0, 20, 40, 60, 80, 100 % */

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
    /* storage_valuation = curves: a plan from each curve date (the first
     * day, then the 1st of each month) at each level, planned once per
     * model on expected conditions and kept by water_restart */
    int n_curves;          /* curve dates (0: plans in the run) */
    int curves_ready;
    int *curve_day;        /* n_curves */
    double *curve;         /* n_curves x WATER_LEVELS x WATER_WEEKS x stores */
    double *level_inv;     /* stores: a level's inventories */
    double *ones_f[P_COUNT];
    caps_factors expected; /* every factor 1, no adaptation */
} water;

/* The planning LP and its arrays, for a network with storage under
 * storage_valuation = water or curves (w->lp stays NULL otherwise);
 * GASDEP_ENOMEM. */
int water_create(water *w, const net *n, const scenario_el *sc, arena *a);
void water_destroy(water *w);
/* A fresh planning LP (as water_create made it: no plan, no basis) on the
 * arrays already allocated, for gasdep_restart; curves once planned are
 * kept (they depend on the network and scenario only); GASDEP_ENOMEM. */
int water_restart(water *w, const net *n, const scenario_el *sc);
/* Plan from `day` when due (the first call, then the first day of each
 * month): the year ahead with the events that have started by `day`, the
 * inventories inv, demand raised by `risk_cover` in December to February,
 * and the end of the year held to today's inventories. Under curves, the
 * first call plans every curve (the external factors f are not used: the
 * curves see expected conditions) and each due call interpolates the
 * curve of the month at each store's fill. A status; the reason of a
 * failure in why. */
int water_update(water *w, const net *n, const scenario_el *sc,
                 const caps_factors *f, const double *inv, int day, char *why,
                 size_t whylen);
/* The value (EUR/MWh) of gas in each store at the end of `day`, below voll;
 * NULL without water values. */
const double *water_values(const water *w, int day);

#endif
