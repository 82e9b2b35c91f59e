/* market.h: the supply side of the network: origins, sources, LNG terminals
 * and their origin slots, and the tranche sets (supply curves) that price
 * them; built from the scenario by market_build (market.c). */
#ifndef GASDEP_CORE_MARKET_H
#define GASDEP_CORE_MARKET_H

#include "util.h"

typedef struct net net;
typedef struct arena arena;
typedef struct scenario scenario;

/* Origins of gas (what tracing follows) and their groups. */
typedef struct origin_set {
    int count, n_groups;
    char **name, **group_name;
    int *group;  /* group of origin o */
    double *cap; /* mcm/d over all of an origin's supply, <0 unlimited */
    int *tset;   /* tranche set pricing the origin's LNG slots, or -1 */
    strmap idx;  /* name -> index */
} origin_set;

/* Pipeline and field sources. */
typedef struct source_set {
    int count;
    char **name;
    int *node, *origin;
    int *on, *off;                /* first and last day in service */
    double *cap, *min, *cost;     /* mcm/d, mcm/d, EUR/MWh */
    int *tset;                    /* tranche set pricing the source, or -1 */
} source_set;

/* LNG terminals; the origin slots of terminal i are slot_first[i] ..
 * slot_first[i + 1] - 1. */
typedef struct lng_set {
    int count;
    char **name;
    int *node, *on, *off, *slot_first;
    double *cap; /* send-out, mcm/d */
} lng_set;

/* One slot per (terminal, origin) pair the terminal lists. */
typedef struct slot_set {
    int count;
    int *lng, *origin;
    double *cost;  /* EUR/MWh */
    double *avail; /* mcm/d available to the slot, <0 unlimited */
    double *min;   /* mcm/d: contract floor (minimum take) */
} slot_set;

/* Supply curves: set i prices the LNG slots of origin set_origin[i] or the
 * source set_src[i] (the other is -1); its tranches are set_first[i] ..
 * set_first[i + 1] - 1 (CSR, n_sets + 1 entries). */
typedef struct tranche_set {
    int n_sets, count;
    int *set_origin, *set_src, *set_first;
    double *vol, *price; /* per tranche: mcm/d, EUR/MWh */
} tranche_set;

/* The builders, called by network_build in this order (each after the
 * nodes): origins and their groups (with "unknown" when a storage starts
 * with gas of no stated origin), sources, LNG terminals and slots, then the
 * tranche sets of origins and sources. Input errors go to scn->err. */
int market_build_origins(net *n, arena *a, const scenario *scn);
int market_build_sources(net *n, arena *a, const scenario *scn);
int market_build_lng(net *n, arena *a, const scenario *scn);
int market_build_tranches(net *n, arena *a, const scenario *scn);

#endif
