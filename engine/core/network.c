/* network.c: resolve a parsed scenario into the indexed network used by the
 * daily model: nodes, areas and pipelines here, each other element kind by
 * its own module (market.c, demand.c, storage.c, events.c). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "network.h"
#include "resolve.h"
#include "validate.h"

void network_free(net *n)
{
    strmap_free(&n->node.idx);
    strmap_free(&n->origin.idx);
    memset(n, 0, sizeof *n);
}

static int build_nodes_and_areas(net *n, arena *a, const scenario *scn)
{
    const elist *nl = &scn->el[SK_NODE];
    BUILD_ALLOC(a, scn->err, n->node.name, nl->n);
    BUILD_ALLOC(a, scn->err, n->node.region, nl->n);
    BUILD_ALLOC(a, scn->err, n->area.node, nl->n);
    for (int i = 0; i < nl->n; i++) {
        node_el *e = nl->v[i];
        if (!e->h.enabled)
            continue;
        int k = n->node.count++;
        n->node.name[k] = e->h.name;
        if (strmap_put(&n->node.idx, e->h.name, k) != 0)
            return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
        n->node.region[k] = -1;
        if (e->is_region) {
            n->node.region[k] = n->area.n_regions;
            n->area.node[n->area.n_regions++] = k;
        }
    }
    /* region groups, in order of first mention */
    char **gnames = NULL;
    int ng = 0, gcap = 0, total_members = 0;
    strmap gidx = {0};
    for (int r = 0; r < n->area.n_regions; r++) {
        node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        for (int j = 0; j < e->groups.n; j++) {
            if (strmap_get(&n->node.idx, e->groups.key[j]) >= 0)
                err_at(scn->err, e->groups.at, "region '%s': group '%s' has the name "
                       "of a node", e->h.name, e->groups.key[j]);
            if (resolve_add_name(a, &gnames, &ng, &gcap, &gidx, e->groups.key[j]) < 0) {
                strmap_free(&gidx);
                return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
            }
            total_members++;
        }
    }
    n->area.n_groups = ng;
    n->area.count = n->area.n_regions + ng;
    int *count = calloc((size_t)ng + 1, sizeof *count);
    int *last = malloc(((size_t)ng + 1) * sizeof *last); /* region that last counted */
    n->area.name = arena_alloc(a, (size_t)n->area.count, sizeof *n->area.name);
    n->area.member_first = arena_alloc(a, (size_t)n->area.count + 1,
                                     sizeof *n->area.member_first);
    n->area.members = arena_alloc(a, (size_t)(n->area.n_regions + total_members),
                                sizeof *n->area.members);
    if (!count || !last || !n->area.name || !n->area.member_first ||
        !n->area.members) {
        free(count);
        free(last);
        strmap_free(&gidx);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    /* members of each group in region order, a region once however often
     * it names the group: counted, then placed (CSR) */
    for (int pass = 0; pass < 2; pass++) {
        for (int g = 0; g < ng; g++)
            last[g] = -1;
        for (int r = 0; r < n->area.n_regions; r++) {
            node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
            for (int j = 0; j < e->groups.n; j++) {
                int g = strmap_get(&gidx, e->groups.key[j]);
                if (g < 0 || last[g] == r)
                    continue;
                last[g] = r;
                if (pass == 0)
                    count[g]++;
                else
                    n->area.members[count[g]++] = r;
            }
        }
        if (pass == 0) { /* count[g] becomes the next free slot of group g */
            int pos = n->area.n_regions;
            for (int g = 0; g < ng; g++) {
                n->area.member_first[n->area.n_regions + g] = pos;
                pos += count[g];
                count[g] = n->area.member_first[n->area.n_regions + g];
            }
            n->area.member_first[n->area.count] = pos;
        }
    }
    for (int r = 0; r < n->area.n_regions; r++) {
        n->area.name[r] = n->node.name[n->area.node[r]];
        n->area.member_first[r] = r;
        n->area.members[r] = r;
    }
    for (int g = 0; g < ng; g++)
        n->area.name[n->area.n_regions + g] = gnames[g];
    free(count);
    free(last);
    strmap_free(&gidx);
    return GASDEP_OK;
}

static int build_pipelines(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_PIPELINE];
    BUILD_ALLOC(a, scn->err, n->pipe.from, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.to, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.on, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.off, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.cap, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.rev, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.tariff, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.loss, l->n);
    BUILD_ALLOC(a, scn->err, n->pipe.name, l->n);
    for (int i = 0; i < l->n; i++) {
        pipeline_el *p = l->v[i];
        if (!p->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "pipeline '%s'", p->h.name);
        int k = n->pipe.count++;
        n->pipe.name[k] = p->h.name;
        n->pipe.from[k] = resolve_ref(scn, &p->from, SK_NODE, &n->node.idx, who,
                                  "from", p->h.at);
        n->pipe.to[k] = resolve_ref(scn, &p->to, SK_NODE, &n->node.idx, who,
                                "to", p->h.at);
        if (n->pipe.from[k] >= 0 && n->pipe.from[k] == n->pipe.to[k])
            err_at(scn->err, p->to.at, "%s: 'from' and 'to' are the same node", who);
        n->pipe.cap[k] = resolve_qty(scn, &p->capacity, who, "capacity", p->h.at);
        n->pipe.rev[k] = units_mcm(&p->reverse, scn->sc.gcv);
        n->pipe.tariff[k] = p->tariff;
        n->pipe.loss[k] = p->loss;
        n->pipe.on[k] = p->online;
        n->pipe.off[k] = p->offline;
    }
    return GASDEP_OK;
}

/* Warn about regions that no pipeline path joins to a source, an LNG
 * terminal or a storage site (their demand can only go unserved). */
static int warn_unsupplied(net *n, const scenario *scn)
{
    int N = n->node.count, P = n->pipe.count;
    char *reached = calloc((size_t)N + 1, 1);
    int *queue = calloc((size_t)N + 1, sizeof *queue);
    int *first = calloc((size_t)N + 2, sizeof *first); /* CSR of neighbours */
    int *adj = calloc(2 * (size_t)P + 1, sizeof *adj);
    if (!reached || !queue || !first || !adj) {
        free(reached);
        free(queue);
        free(first);
        free(adj);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    for (int p = 0; p < P; p++) {
        int a = n->pipe.from[p], b = n->pipe.to[p];
        if (a < 0 || b < 0)
            continue;
        first[a + 1]++;
        if (n->pipe.rev[p] > 0)
            first[b + 1]++;
    }
    for (int v = 0; v < N; v++)
        first[v + 1] += first[v];
    int *fill = queue; /* borrowed as insertion counters before the search */
    for (int p = 0; p < P; p++) {
        int a = n->pipe.from[p], b = n->pipe.to[p];
        if (a < 0 || b < 0)
            continue;
        adj[first[a] + fill[a]++] = b;
        if (n->pipe.rev[p] > 0)
            adj[first[b] + fill[b]++] = a;
    }
    memset(queue, 0, ((size_t)N + 1) * sizeof *queue);
    int head = 0, tail = 0;
    int nsup = n->src.count + n->lng.count + n->sto.count;
    for (int i = 0; i < nsup; i++) {
        int v = i < n->src.count ? n->src.node[i]
                : i < n->src.count + n->lng.count ? n->lng.node[i - n->src.count]
                                          : n->sto.node[i - n->src.count - n->lng.count];
        if (v >= 0 && v < N && !reached[v]) {
            reached[v] = 1;
            queue[tail++] = v;
        }
    }
    while (head < tail) {
        int v = queue[head++];
        for (int j = first[v]; j < first[v + 1]; j++)
            if (!reached[adj[j]]) {
                reached[adj[j]] = 1;
                queue[tail++] = adj[j];
            }
    }
    for (int r = 0; r < n->area.n_regions; r++)
        if (!reached[n->area.node[r]]) {
            const node_el *e =
                scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
            warn_at(scn->err, e->h.at, "region '%s' has no path to any supply "
                    "(source, LNG or storage): its demand goes unserved",
                    e->h.name);
        }
    free(reached);
    free(queue);
    free(first);
    free(adj);
    return GASDEP_OK;
}

/* An origin's lng_tranches that no terminal lists: a warning, not an error
 * (a variant may switch the terminals off and keep the origin's curve). */
static void warn_unused_tranches(const net *n, const scenario *scn)
{
    for (int o = 0; o < n->origin.count; o++) {
        const origin_el *e = scenario_find(scn, SK_ORIGIN, n->origin.name[o]);
        if (!e || !e->lng_tranches.n)
            continue;
        int listed = 0;
        for (int s = 0; s < n->slot.count && !listed; s++)
            listed = n->slot.origin[s] == o;
        if (!listed)
            warn_at(scn->err, e->lng_tranches.at, "origin '%s': no [lng] terminal "
                    "lists it in 'origins': its 'lng_tranches' are not used",
                    e->h.name);
    }
}

int network_build(net *n, arena *a, const scenario *scn)
{
    const scenario_el *sc = &scn->sc;
    n->gwh_per_mcm = sc->gcv; /* 1 mcm x gcv kWh/m3 = gcv GWh */
    scenario_check(scn, 1);
    n->first_day = sc->start;
    n->last_day = sc->end;
    /* the horizon only from dates that passed validation: a missing 'start'
     * (DAY_NONE_LO) must not size the day arrays at 2e9 days */
    int dated = sc->start != DAY_NONE_LO && sc->end != DAY_NONE_LO;
    n->n_days = dated && sc->end >= sc->start ? sc->end - sc->start + 1 : 0;
    int rc;
    if ((rc = build_nodes_and_areas(n, a, scn)) || (rc = market_build_origins(n, a, scn)) ||
        (rc = market_build_sources(n, a, scn)) || (rc = build_pipelines(n, a, scn)) ||
        (rc = market_build_lng(n, a, scn)) || (rc = demand_build_regions(n, a, scn)) ||
        (rc = market_build_tranches(n, a, scn)) ||
        (rc = demand_build_blocks(n, a, scn)) ||
        (rc = storage_build_sites(n, a, scn)) || (rc = corridor_build(n, a, scn)) ||
        (rc = events_resolve(n, a, scn)) ||
        (rc = storage_paths_build(n, a, scn)))
        return rc;
    if (scn->err->n_errors == 0 && (rc = warn_unsupplied(n, scn)) != GASDEP_OK)
        return rc;
    if (scn->err->n_errors == 0)
        warn_unused_tranches(n, scn);
    if (n->area.n_regions == 0 && scn->err->n_errors == 0)
        err_fail(scn->err, GASDEP_EINPUT, "%s: the scenario declares no [region]",
                 scn->err->n_files ? scn->err->files[0] : "scenario");
    return scn->err->n_errors ? GASDEP_EINPUT : GASDEP_OK;
}
