/* day.h: the state of one gas day: capacities, the dispatch, storage, tracing
 * and area results; allocated once per run (day_alloc) and reused every day. */
#ifndef GASDEP_CORE_DAY_H
#define GASDEP_CORE_DAY_H

#include "network.h"

/* Capacities, demand and storage targets of one gas day, after online dates,
 * events and external factors: what the dispatch needs to know of a day.
 * Pointers into arrays owned by the network (today's in day_state, or the
 * days of a foresight window). */
typedef struct day_caps {
    double *src_cap, *src_min, *lng_cap, *slot_cap, *pipe_cap, *pipe_rev; /* mcm/d */
    double *sto_wd_f, *sto_inj_f; /* event factors on storage rates */
    double *sto_wd_rate, *sto_inj_rate; /* mcm/d at full curve factor */
    double *demand;               /* per region, mcm/d */
    double *origin_f;             /* factor on every supply of an origin */
    double *sto_target_fill;      /* fill target at the end of the day */
    unsigned char *sto_tdate;     /* 1 where a target point falls on this day */
    unsigned char *sto_thard;     /* 1 where the target is hard */
    /* market (issue 10) */
    double *tr_vol, *tr_price;    /* per tranche: mcm/d, EUR/MWh */
    double *slot_min;             /* LNG slot minimum take, mcm/d */
    double *dr_cap, *dr_price;    /* per demand block: mcm/d, EUR/MWh */
} day_caps;

typedef struct day_state {
    /* capacities of the day, after online dates, events and factors */
    double *src_cap, *src_min, *lng_cap, *slot_cap, *pipe_cap, *pipe_rev;
    double *sto_wd_f, *sto_inj_f, *demand, *origin_f;
    double *sto_wd_rate, *sto_inj_rate;
    unsigned char *sto_tdate, *sto_thard;
    /* LP solution */
    double *src, *slot, *fwd, *rev, *inj, *wd, *unserved, *price;
    double *sto_value; /* EUR/MWh: value of one more MWh in store (LP dual) */
    double *cap_value; /* EUR/MWh: one more MWh/d of pipeline capacity (LP dual) */
    double min_take_missed; /* mcm of minimum take not taken */
    int lp_stages; /* LP solves for this day (shared by the days of a window) */
    /* storage state */
    double *sto_inv, *sto_mix; /* mcm; n_sto x n_origins */
    double *sto_target_fill;
    /* tracing */
    double *node_mix;          /* n_nodes x n_origins */
    double *area_demand, *area_supplied, *area_unserved, *area_storage,
        *area_volume, *area_target_vol, *area_price;
    double *area_origin; /* n_areas x n_origins */
    double *area_group;  /* n_areas x n_ogroups */
    /* route tracing: fraction of the gas that has passed each corridor */
    double *node_via;    /* n_nodes x n_corridors */
    double *sto_via;     /* n_sto x n_corridors: the stock's fractions */
    double *area_via;    /* n_areas x n_corridors, mcm of supplied gas */
    double imbalance, imbalance_max;
    double *scratch; /* n_nodes */
    /* market (issue 10): capacities of the day, then the LP solution */
    double *tr_vol, *tr_price, *slot_min, *dr_cap, *dr_price;
    double *tr;           /* per tranche, mcm taken */
    double *reduced;      /* per region, mcm of demand given up (demand blocks) */
    double *area_reduced; /* per area */
} day_state;

/* Allocate every array of d from n's sizes (from arena a). */
int day_alloc(day_state *d, const net *n, arena *a);
/* The capacity arrays of d as a day_caps view. */
day_caps day_caps_of(day_state *d);
/* Allocate the arrays of one day_caps (from arena a). */
int day_caps_alloc(day_caps *c, const net *n, arena *a);

#endif
