/* market.c: the supply side of the network from the scenario: origins and
 * their groups, sources, LNG terminals and their origin slots, tranche sets. */
#include <stdio.h>
#include <string.h>

#include "market.h"
#include "network.h"
#include "resolve.h"

static int needs_unknown_origin(const scenario *scn)
{
    for (int i = 0; i < scn->el[SK_STORAGE].n; i++) {
        const storage_el *s = scn->el[SK_STORAGE].v[i];
        if (s->h.enabled && s->mix.n == 0 && s->initial_fill > 0)
            return 1;
    }
    return 0;
}

int market_build_origins(net *n, arena *a, const scenario *scn)
{
    const elist *ol = &scn->el[SK_ORIGIN];
    int extra = needs_unknown_origin(scn);
    BUILD_ALLOC(a, scn->err, n->origin.name, ol->n + extra);
    BUILD_ALLOC(a, scn->err, n->origin.group, ol->n + extra);
    BUILD_ALLOC(a, scn->err, n->origin.cap, ol->n + extra);
    char **gnames = NULL;
    int ng = 0, gcap = 0;
    strmap gidx = {0};
    for (int i = 0; i < ol->n; i++) {
        origin_el *o = ol->v[i];
        if (!o->h.enabled)
            continue;
        int k = n->origin.count++;
        n->origin.name[k] = o->h.name;
        const char *g = o->group.name ? o->group.name : o->h.name;
        /* -1 (out of memory) is reported below, after gidx is freed */
        n->origin.group[k] = strmap_put(&n->origin.idx, o->h.name, k) == 0
                                 ? resolve_add_name(a, &gnames, &ng, &gcap, &gidx, g)
                                 : -1;
        n->origin.cap[k] = o->capacity.set ? units_mcm(&o->capacity, scn->sc.gcv)
                                           : -1.0;
    }
    if (extra && strmap_get(&n->origin.idx, "unknown") < 0) {
        int k = n->origin.count++;
        n->origin.name[k] = "unknown";
        n->origin.group[k] = strmap_put(&n->origin.idx, "unknown", k) == 0
                                 ? resolve_add_name(a, &gnames, &ng, &gcap, &gidx, "unknown")
                                 : -1;
        n->origin.cap[k] = -1.0;
    }
    strmap_free(&gidx);
    for (int k = 0; k < n->origin.count; k++)
        if (n->origin.group[k] < 0)
            return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    n->origin.group_name = gnames;
    n->origin.n_groups = ng;
    if (n->origin.count == 0)
        err_fail(scn->err, GASDEP_EINPUT, "%s: the scenario declares no [origin]",
                 scn->err->n_files ? scn->err->files[0] : "scenario");
    return GASDEP_OK;
}

int market_build_sources(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_SOURCE];
    BUILD_ALLOC(a, scn->err, n->src.node, l->n);
    BUILD_ALLOC(a, scn->err, n->src.origin, l->n);
    BUILD_ALLOC(a, scn->err, n->src.on, l->n);
    BUILD_ALLOC(a, scn->err, n->src.off, l->n);
    BUILD_ALLOC(a, scn->err, n->src.cap, l->n);
    BUILD_ALLOC(a, scn->err, n->src.min, l->n);
    BUILD_ALLOC(a, scn->err, n->src.cost, l->n);
    BUILD_ALLOC(a, scn->err, n->src.name, l->n);
    for (int i = 0; i < l->n; i++) {
        source_el *s = l->v[i];
        if (!s->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "source '%s'", s->h.name);
        int k = n->src.count++;
        n->src.name[k] = s->h.name;
        n->src.node[k] = resolve_ref(scn, &s->node, SK_NODE, &n->node.idx, who,
                                 "node", s->h.at);
        n->src.origin[k] = resolve_ref(scn, &s->origin, SK_ORIGIN, &n->origin.idx, who,
                                   "origin", s->h.at);
        if (!s->capacity.set && s->tranches.n > 0) { /* the curve's total */
            double sum = 0.0;
            for (int j = 0; j < s->tranches.n; j++)
                sum += units_mcm(&s->tranches.q[j], scn->sc.gcv);
            n->src.cap[k] = sum;
        } else {
            n->src.cap[k] = resolve_qty(scn, &s->capacity, who, "capacity", s->h.at);
        }
        n->src.min[k] = units_mcm(&s->min_take, scn->sc.gcv);
        n->src.cost[k] = s->cost;
        n->src.on[k] = s->online;
        n->src.off[k] = s->offline;
    }
    return GASDEP_OK;
}

int market_build_lng(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_LNG];
    int slots = 0;
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (g->h.enabled)
            slots += g->origins.n;
    }
    BUILD_ALLOC(a, scn->err, n->lng.node, l->n);
    BUILD_ALLOC(a, scn->err, n->lng.on, l->n);
    BUILD_ALLOC(a, scn->err, n->lng.off, l->n);
    BUILD_ALLOC(a, scn->err, n->lng.cap, l->n);
    BUILD_ALLOC(a, scn->err, n->lng.name, l->n);
    BUILD_ALLOC(a, scn->err, n->lng.slot_first, l->n + 1);
    BUILD_ALLOC(a, scn->err, n->slot.lng, slots);
    BUILD_ALLOC(a, scn->err, n->slot.origin, slots);
    BUILD_ALLOC(a, scn->err, n->slot.cost, slots);
    BUILD_ALLOC(a, scn->err, n->slot.avail, slots);
    BUILD_ALLOC(a, scn->err, n->slot.min, slots);
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (!g->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "lng '%s'", g->h.name);
        int k = n->lng.count++;
        n->lng.name[k] = g->h.name;
        n->lng.node[k] = resolve_ref(scn, &g->node, SK_NODE, &n->node.idx, who,
                                 "node", g->h.at);
        n->lng.cap[k] = resolve_qty(scn, &g->capacity, who, "capacity", g->h.at);
        n->lng.on[k] = g->online;
        n->lng.off[k] = g->offline;
        n->lng.slot_first[k] = n->slot.count;
        for (int j = 0; j < g->origins.n; j++) {
            int s = n->slot.count++;
            ref r = {g->origins.key[j], g->origins.at};
            n->slot.lng[s] = k;
            n->slot.origin[s] = resolve_ref(scn, &r, SK_ORIGIN, &n->origin.idx, who,
                                        "origins", g->h.at);
            n->slot.cost[s] = j < g->costs.n ? g->costs.val[j] : 0.0;
            n->slot.avail[s] = j < g->avail.n ? g->avail.val[j] : 1.0;
            n->slot.min[s] =
                j < g->min_take.n ? units_mcm(&g->min_take.q[j], scn->sc.gcv) : 0.0;
        }
    }
    n->lng.slot_first[n->lng.count] = n->slot.count;
    return GASDEP_OK;
}

/* Tranche sets: an origin's LNG, a source. */
int market_build_tranches(net *n, arena *a, const scenario *scn)
{
    double g = scn->sc.gcv;
    int sets = 0, trs = 0;
    for (int o = 0; o < n->origin.count; o++) {
        const origin_el *e = scenario_find(scn, SK_ORIGIN, n->origin.name[o]);
        if (e && e->lng_tranches.n)
            sets++, trs += e->lng_tranches.n;
    }
    for (int i = 0; i < n->src.count; i++) {
        const source_el *e = scenario_find(scn, SK_SOURCE, n->src.name[i]);
        if (e->tranches.n)
            sets++, trs += e->tranches.n;
    }
    BUILD_ALLOC(a, scn->err, n->tranche.set_origin, sets);
    BUILD_ALLOC(a, scn->err, n->tranche.set_src, sets);
    BUILD_ALLOC(a, scn->err, n->tranche.set_first, sets + 1);
    BUILD_ALLOC(a, scn->err, n->tranche.vol, trs);
    BUILD_ALLOC(a, scn->err, n->tranche.price, trs);
    BUILD_ALLOC(a, scn->err, n->origin.tset, n->origin.count);
    BUILD_ALLOC(a, scn->err, n->src.tset, n->src.count);
    for (int pass = 0; pass < 2; pass++) {
        int count = pass == 0 ? n->origin.count : n->src.count;
        for (int i = 0; i < count; i++) {
            const plist *l;
            if (pass == 0) {
                const origin_el *e = scenario_find(scn, SK_ORIGIN, n->origin.name[i]);
                n->origin.tset[i] = -1;
                l = e ? &e->lng_tranches : NULL;
            } else {
                const source_el *e = scenario_find(scn, SK_SOURCE, n->src.name[i]);
                n->src.tset[i] = -1;
                l = &e->tranches;
            }
            if (!l || l->n == 0)
                continue;
            int t = n->tranche.n_sets++;
            n->tranche.set_origin[t] = pass == 0 ? i : -1;
            n->tranche.set_src[t] = pass == 1 ? i : -1;
            *(pass == 0 ? &n->origin.tset[i] : &n->src.tset[i]) = t;
            n->tranche.set_first[t] = n->tranche.count;
            for (int j = 0; j < l->n; j++) {
                n->tranche.vol[n->tranche.count] = units_mcm(&l->q[j], g);
                n->tranche.price[n->tranche.count++] = l->price[j];
            }
        }
    }
    n->tranche.set_first[n->tranche.n_sets] = n->tranche.count;
    return GASDEP_OK;
}
