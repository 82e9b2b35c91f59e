/* caps.h: a gas day's capacities, demand and storage targets (day_caps),
 * filled from the network, the events and the external factors, and their
 * means over a block of days. */
#ifndef GASDEP_CORE_CAPS_H
#define GASDEP_CORE_CAPS_H

#include "day.h"

/* External factors set between steps (gasdep_set_demand_factor,
 * gasdep_set_capacity_factor): per region, and per element for the
 * capacity parameters P_PIPE_CAP, P_SRC_CAP, P_LNG_CAP, P_STO_WD. */
typedef struct caps_factors {
    const double *demand_f;
    double *const *cap_f; /* P_COUNT arrays (NULL for the others) */
    const double *corr_f; /* per corridor, on its members' capacities */
    const double *adapt_f; /* per region: demand level (adapt.h), or NULL */
} caps_factors;

/* Capacities, demand and storage targets of `day` into c: online dates,
 * demand, the events that started by `known_by` (INT_MAX: all), then the
 * external factors. */
void caps_fill(const net *n, const caps_factors *ext, int day, int known_by,
               const day_caps *c);
/* Daily means of nd days of capacities into out; the target at the end of
 * the block, raised to the highest target falling on a date inside it. */
void caps_mean(const net *n, const day_caps *day, int nd, const day_caps *out);

#endif
