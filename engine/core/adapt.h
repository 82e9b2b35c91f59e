/* adapt.h: demand that adapts to lasting prices (the long run of the price
 * response). The demand-response blocks give the response within the year;
 * this module moves each price-exposed region's demand level towards
 * (P / P0)^e, e = long_run_elasticity, with time constant adaptation_years:
 * the partial-adjustment model in which the short- and long-run elasticities
 * of the literature are estimated (docs/DEMAND.md). */
#ifndef GASDEP_CORE_ADAPT_H
#define GASDEP_CORE_ADAPT_H

#include "arena.h"
#include "network.h"
#include "scenario.h"

typedef struct adapt {
    int on;          /* long_run_elasticity < 0 and a region with blocks */
    double *factor;  /* per region: demand level, 1 = the reference */
    double *log_f;   /* its logarithm */
    double *sum_p;   /* per region: sum of the daily prices since the update */
    int days;        /* days summed */
} adapt;

/* Arrays for n's regions from a; factor 1 everywhere. GASDEP_ENOMEM. */
int adapt_create(adapt *s, const net *n, const scenario_el *sc, arena *a);
/* Back to the reference (a new run). */
void adapt_reset(adapt *s, const net *n);
/* One implemented day's regional prices (EUR/MWh). */
void adapt_add_day(adapt *s, const net *n, const double *price);
/* Move the demand levels by the days added since the last update, towards
 * the level the mean price of those days calls for; called where a new
 * LP window starts, so that every day of a window sees one level. */
void adapt_update(adapt *s, const net *n, const scenario_el *sc);

#endif
