/* network.h: the network as resolved by init, in canonical units (mcm/d, mcm,
 * EUR/MWh): nodes, areas and pipelines here, and the sub-structs of the
 * modules that own the other element kinds (market.h, storage.h, demand.h,
 * events.h). Every array comes from the arena given to network_build. */
#ifndef GASDEP_CORE_NETWORK_H
#define GASDEP_CORE_NETWORK_H

#include <stddef.h>

#include "arena.h"
#include "corridor.h"
#include "demand.h"
#include "events.h"
#include "market.h"
#include "scenario.h"
#include "storage.h"

/* Nodes: regions, hubs and transit points. */
typedef struct node_set {
    int count;
    char **name; /* borrowed from the scenario's elements */
    int *region; /* region index of node i, or -1 */
    strmap idx;  /* name -> index */
} node_set;

/* Areas: the regions (0 .. n_regions - 1), then the region groups; the
 * regions of area a are members[member_first[a] .. member_first[a + 1] - 1]
 * (CSR; a region is its own only member). */
typedef struct area_set {
    int count, n_regions, n_groups;
    char **name;
    int *member_first, *members;
    int *node; /* node of region r (r < n_regions) */
} area_set;

/* Pipelines, directed from -> to (reverse flow up to rev). */
typedef struct pipe_set {
    int count;
    char **name;
    int *from, *to, *on, *off;  /* nodes; first and last day in service */
    double *cap, *rev;          /* mcm/d forward and reverse */
    double *tariff, *loss;      /* EUR/MWh; fraction lost in transit */
} pipe_set;

struct net {
    node_set node;
    area_set area;
    pipe_set pipe;
    origin_set origin;   /* market.h */
    source_set src;      /* market.h */
    lng_set lng;         /* market.h */
    slot_set slot;       /* market.h */
    tranche_set tranche; /* market.h */
    storage_set sto;     /* storage.h */
    demand_set dem;      /* demand.h */
    event_set ev;        /* events.h */
    corridor_set corr;   /* corridor.h */
    double gwh_per_mcm;
    int first_day, last_day, n_days; /* the horizon, day numbers */
};

/* Resolve the scenario into n, allocating from a; input errors go to
 * s->err. */
int network_build(net *n, arena *a, const scenario *s);
/* Free what n holds outside its arena (the name maps) and zero it. */
void network_free(net *n);

#endif
