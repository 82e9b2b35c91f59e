/* network.h: the network as resolved by init: every element indexed, in
 * canonical units (mcm/d, mcm, EUR/MWh); arrays owned by the network. */
#ifndef GASDEP_CORE_NETWORK_H
#define GASDEP_CORE_NETWORK_H

#include <stddef.h>

#include <gsl/gsl_interp.h>

#include "scenario.h"

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
    int first, count; /* slice of net.ev_targets */
    const list *targets; /* target-path event: the points (borrowed), or NULL */
    int hard;            /* target-path event: its targets are hard */
} ev_rt;

typedef struct net {
    int n_nodes, n_regions, n_rgroups, n_areas;
    int n_origins, n_ogroups;
    int n_src, n_pipe, n_sto, n_lng, n_slots, n_ev;
    char **node_name;     /* borrowed from node_el */
    int *node_region;     /* region index or -1 */
    int *region_node;     /* node of region r */
    char **area_name;     /* regions then region groups */
    int *area_member_first, *area_members; /* CSR: regions of each area */
    char **origin_name, **ogroup_name;
    int *origin_group;
    double *origin_cap; /* mcm/d, <0 unlimited */
    /* sources */
    int *src_node, *src_origin, *src_on, *src_off;
    double *src_cap, *src_min, *src_cost;
    /* LNG terminals and their origin slots */
    int *lng_node, *lng_on, *lng_off, *lng_slot_first;
    double *lng_cap;
    int *slot_lng, *slot_origin;
    double *slot_cost, *slot_avail;
    /* pipelines */
    int *pipe_from, *pipe_to, *pipe_on, *pipe_off;
    double *pipe_cap, *pipe_rev, *pipe_tariff, *pipe_loss;
    char **pipe_name, **src_name, **sto_name, **lng_name;
    /* storage */
    int *sto_node;
    double *sto_vol, *sto_inj, *sto_wd, *sto_init_fill, *sto_icost, *sto_wcost;
    double *sto_init_mix; /* n_sto x n_origins */
    gsl_interp **sto_wcurve, **sto_icurve;
    double **sto_wx, **sto_wy, **sto_ix, **sto_iy;
    int *sto_wn, *sto_in;
    const list **sto_tlist;   /* fill-target points as written (borrowed) */
    unsigned char *sto_hard;  /* 1: target met unless demand would go unserved */
    double *sto_value;        /* EUR/MWh: valuation of a withdrawal (see FORMAT.md) */
    double *sto_path;         /* n_sto x n_days: fill target at day end; NaN none */
    unsigned char *sto_pdate; /* n_sto x n_days: 1 on the dates of target points */
    unsigned char *sto_phard; /* n_sto x n_days: 1 where the day's target is hard */
    /* regions */
    double *reg_mean;   /* mean daily demand, mcm/d */
    double *reg_shape;  /* 12 normalised monthly factors per region */
    double **reg_series; /* per region: daily demand (mcm) over the horizon, or NULL */
    int *reg_has_series;
    double *reg_peak;
    /* market (issue 10): tranche sets price the LNG slots of an origin
     * (lng_tranches) or a source (tranches); demand-response blocks */
    int n_tset, n_tr, n_dr;
    int *tset_origin, *tset_src; /* what set i prices (the other is -1) */
    int *tset_first;             /* CSR: tranches of set i, n_tset + 1 */
    double *tr_vol, *tr_price;   /* per tranche: mcm/d, EUR/MWh */
    int *origin_tset, *src_tset; /* set of an origin's LNG, of a source; -1 */
    double *slot_min;            /* mcm/d: contract floor of an LNG slot */
    int *reg_dr_first;           /* CSR: demand blocks of region r, n_regions + 1 */
    int *dr_region;
    double *dr_share, *dr_price; /* fraction of the day's demand, EUR/MWh */
    double **reg_weather;        /* per region: daily demand factor of the
                                  * weather series over the horizon, or NULL */
    /* events */
    ev_rt *ev;
    ev_target *ev_targets;
    int n_ev_targets;
    double gwh_per_mcm;
    int first_day, last_day, n_days;
    strmap node_idx, origin_idx; /* name -> index, for resolving references */
    /* every array above is owned through this list (freed together) */
    void **mem;
    int n_mem, cap_mem;
} net;

/* A zeroed array owned by the network (freed by network_free); NULL when
 * out of memory. */
void *net_alloc(net *n, size_t count, size_t size);
/* ptr = a zeroed array of count elements owned by n, or return
 * GASDEP_ENOMEM from the calling function. */
#define NET_ALLOC(n, ptr, count)                                             \
    do {                                                                     \
        (ptr) = net_alloc((n), (size_t)(count), sizeof *(ptr));              \
        if (!(ptr))                                                          \
            return GASDEP_ENOMEM;                                            \
    } while (0)

/* Resolve the scenario into n; input errors go to s->err. */
int network_build(net *n, const scenario *s);
void network_free(net *n);

#endif
