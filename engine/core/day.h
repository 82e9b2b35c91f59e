/* day.h: the state of one gas day: capacities, the dispatch, storage, tracing
 * and area results; allocated once per run (day_alloc) and reused every day. */
#ifndef GASDEP_CORE_DAY_H
#define GASDEP_CORE_DAY_H

#include "network.h"

typedef struct day_state {
    /* capacities of the day, after online dates, events and factors */
    double *src_cap, *src_min, *lng_cap, *slot_cap, *pipe_cap, *pipe_rev;
    double *sto_wd_f, *sto_inj_f, *demand, *origin_f;
    double *sto_inj_max, *sto_wd_max, *sto_min_end; /* mcm; min_end = target path */
    /* LP solution */
    double *src, *slot, *fwd, *rev, *inj, *wd, *unserved, *price;
    double min_take_missed; /* mcm of minimum take not taken */
    int lp_stages; /* LP/MIP solves this day */
    /* storage state */
    double *sto_inv, *sto_mix; /* mcm; n_sto x n_origins */
    double *sto_target_fill;
    /* tracing */
    double *node_mix;          /* n_nodes x n_origins */
    double *area_demand, *area_supplied, *area_unserved, *area_storage,
        *area_volume, *area_target_vol, *area_price;
    double *area_origin; /* n_areas x n_origins */
    double *area_group;  /* n_areas x n_ogroups */
    double imbalance, imbalance_max;
    double *scratch; /* n_nodes */
} day_state;

/* Allocate every array of d from n's sizes (owned by n). */
int day_alloc(day_state *d, net *n);

#endif
