/* corridor.h: corridors: named routes made of pipelines (and optionally
 * sources and LNG terminals), their capacity factors, and the membership
 * the route tracer (trace.c) and corridor events (events.c) use. */
#ifndef GASDEP_CORE_CORRIDOR_H
#define GASDEP_CORE_CORRIDOR_H

typedef struct net net;
typedef struct arena arena;
typedef struct scenario scenario;

/* Corridors c < count. Members in CSR form: the pipelines of corridor c are
 * pipes[pipe_first[c] .. pipe_first[c + 1] - 1], likewise sources (srcs)
 * and LNG terminals (lngs); indices into n->pipe, n->src, n->lng. */
typedef struct corridor_set {
    int count;
    char **name;     /* borrowed from the scenario's elements */
    double *factor;  /* capacity_factor as written (already applied) */
    int *pipe_first, *pipes;
    int *src_first, *srcs;
    int *lng_first, *lngs;
} corridor_set;

/* Every enabled [corridor], after pipelines, sources and LNG terminals:
 * members resolved (unknown or repeated names are input errors), and each
 * corridor's capacity_factor multiplied into its members' capacities
 * (pipelines both ways, sources, LNG send-out). */
int corridor_build(net *n, arena *a, const scenario *scn);

#endif
