/* network.c: resolve a parsed scenario into the indexed network used by the
 * daily model (names -> indices, units -> mcm/d and mcm, validation). */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "network.h"
#include "suggest.h"
#include "demand.h"
#include "events.h"
#include "storage.h"
#include "validate.h"

void network_free(net *n)
{
    strmap_free(&n->node.idx);
    strmap_free(&n->origin.idx);
    memset(n, 0, sizeof *n);
}

#define ALLOC(ptr, count)                                              \
    do {                                                               \
        (ptr) = arena_alloc(a, (size_t)(count), sizeof *(ptr));          \
        if (!(ptr))                                                    \
            return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");        \
    } while (0)

/* Resolve a reference to an enabled element of `kind` (nodes or origins,
 * looked up in idx); -1 with an error. */
static int resolve(const scenario *scn, const ref *r, int kind, const strmap *idx,
                   const char *who, const char *key, srcloc at)
{
    if (!r->name) {
        err_at(scn->err, at, "%s: '%s' is required", who, key);
        return -1;
    }
    int i = strmap_get(idx, r->name);
    if (i < 0) {
        const elem *e = scenario_find(scn, kind, r->name);
        char near[300] = "";
        if (!e) {
            suggest sg;
            suggest_begin(&sg, r->name);
            const elist *l = &scn->el[kind]; /* the names it could be */
            for (int j = 0; j < l->n; j++)
                if (((const elem *)l->v[j])->enabled)
                    suggest_offer(&sg, ((const elem *)l->v[j])->name);
            suggest_format(&sg, near, sizeof near);
        }
        err_at(scn->err, r->at, "%s: %s %s '%s' in '%s'%s", who,
               e ? "disabled" : "unknown", scenario_kind_name(kind), r->name,
               key, near);
    }
    return i;
}

static double need_qty(const scenario *scn, const qty *q, const char *who,
                       const char *key, srcloc at)
{
    if (!q->set) {
        err_at(scn->err, at, "%s: '%s' is required", who, key);
        return 0.0;
    }
    return units_mcm(q, scn->sc.gcv);
}

/* Index of name in a growing list of names (idx maps them), added if new;
 * -1 when out of memory. */
static int add_name(arena *a, char ***names, int *count, int *cap, strmap *idx,
                    const char *name)
{
    int i = strmap_get(idx, name);
    if (i >= 0)
        return i;
    if (strmap_put(idx, name, *count) != 0)
        return -1;
    if (*count == *cap) {
        int c = *cap ? *cap * 2 : 16;
        char **p = arena_alloc(a, (size_t)c, sizeof *p);
        if (!p)
            return -1;
        if (*count)
            memcpy(p, *names, (size_t)*count * sizeof *p);
        *names = p;
        *cap = c;
    }
    (*names)[*count] = (char *)name;
    return (*count)++;
}

static int build_nodes_and_areas(net *n, arena *a, const scenario *scn)
{
    const elist *nl = &scn->el[SK_NODE];
    ALLOC(n->node.name, nl->n);
    ALLOC(n->node.region, nl->n);
    ALLOC(n->area.node, nl->n);
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
            if (add_name(a, &gnames, &ng, &gcap, &gidx, e->groups.key[j]) < 0) {
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

static int needs_unknown_origin(const scenario *scn)
{
    for (int i = 0; i < scn->el[SK_STORAGE].n; i++) {
        const storage_el *s = scn->el[SK_STORAGE].v[i];
        if (s->h.enabled && s->mix.n == 0 && s->initial_fill > 0)
            return 1;
    }
    return 0;
}

static int build_origins(net *n, arena *a, const scenario *scn)
{
    const elist *ol = &scn->el[SK_ORIGIN];
    int extra = needs_unknown_origin(scn);
    ALLOC(n->origin.name, ol->n + extra);
    ALLOC(n->origin.group, ol->n + extra);
    ALLOC(n->origin.cap, ol->n + extra);
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
                                 ? add_name(a, &gnames, &ng, &gcap, &gidx, g)
                                 : -1;
        n->origin.cap[k] = o->capacity.set ? units_mcm(&o->capacity, scn->sc.gcv)
                                           : -1.0;
    }
    if (extra && strmap_get(&n->origin.idx, "unknown") < 0) {
        int k = n->origin.count++;
        n->origin.name[k] = "unknown";
        n->origin.group[k] = strmap_put(&n->origin.idx, "unknown", k) == 0
                                 ? add_name(a, &gnames, &ng, &gcap, &gidx, "unknown")
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

static int build_sources(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_SOURCE];
    ALLOC(n->src.node, l->n);
    ALLOC(n->src.origin, l->n);
    ALLOC(n->src.on, l->n);
    ALLOC(n->src.off, l->n);
    ALLOC(n->src.cap, l->n);
    ALLOC(n->src.min, l->n);
    ALLOC(n->src.cost, l->n);
    ALLOC(n->src.name, l->n);
    for (int i = 0; i < l->n; i++) {
        source_el *s = l->v[i];
        if (!s->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "source '%s'", s->h.name);
        int k = n->src.count++;
        n->src.name[k] = s->h.name;
        n->src.node[k] = resolve(scn, &s->node, SK_NODE, &n->node.idx, who,
                                 "node", s->h.at);
        n->src.origin[k] = resolve(scn, &s->origin, SK_ORIGIN, &n->origin.idx, who,
                                   "origin", s->h.at);
        if (!s->capacity.set && s->tranches.n > 0) { /* the curve's total */
            double sum = 0.0;
            for (int j = 0; j < s->tranches.n; j++)
                sum += units_mcm(&s->tranches.q[j], scn->sc.gcv);
            n->src.cap[k] = sum;
        } else {
            n->src.cap[k] = need_qty(scn, &s->capacity, who, "capacity", s->h.at);
        }
        n->src.min[k] = units_mcm(&s->min_take, scn->sc.gcv);
        n->src.cost[k] = s->cost;
        n->src.on[k] = s->online;
        n->src.off[k] = s->offline;
    }
    return GASDEP_OK;
}

static int build_pipelines(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_PIPELINE];
    ALLOC(n->pipe.from, l->n);
    ALLOC(n->pipe.to, l->n);
    ALLOC(n->pipe.on, l->n);
    ALLOC(n->pipe.off, l->n);
    ALLOC(n->pipe.cap, l->n);
    ALLOC(n->pipe.rev, l->n);
    ALLOC(n->pipe.tariff, l->n);
    ALLOC(n->pipe.loss, l->n);
    ALLOC(n->pipe.name, l->n);
    for (int i = 0; i < l->n; i++) {
        pipeline_el *p = l->v[i];
        if (!p->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "pipeline '%s'", p->h.name);
        int k = n->pipe.count++;
        n->pipe.name[k] = p->h.name;
        n->pipe.from[k] = resolve(scn, &p->from, SK_NODE, &n->node.idx, who,
                                  "from", p->h.at);
        n->pipe.to[k] = resolve(scn, &p->to, SK_NODE, &n->node.idx, who,
                                "to", p->h.at);
        if (n->pipe.from[k] >= 0 && n->pipe.from[k] == n->pipe.to[k])
            err_at(scn->err, p->to.at, "%s: 'from' and 'to' are the same node", who);
        n->pipe.cap[k] = need_qty(scn, &p->capacity, who, "capacity", p->h.at);
        n->pipe.rev[k] = units_mcm(&p->reverse, scn->sc.gcv);
        n->pipe.tariff[k] = p->tariff;
        n->pipe.loss[k] = p->loss;
        n->pipe.on[k] = p->online;
        n->pipe.off[k] = p->offline;
    }
    return GASDEP_OK;
}

static int build_lng(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_LNG];
    int slots = 0;
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (g->h.enabled)
            slots += g->origins.n;
    }
    ALLOC(n->lng.node, l->n);
    ALLOC(n->lng.on, l->n);
    ALLOC(n->lng.off, l->n);
    ALLOC(n->lng.cap, l->n);
    ALLOC(n->lng.name, l->n);
    ALLOC(n->lng.slot_first, l->n + 1);
    ALLOC(n->slot.lng, slots);
    ALLOC(n->slot.origin, slots);
    ALLOC(n->slot.cost, slots);
    ALLOC(n->slot.avail, slots);
    ALLOC(n->slot.min, slots);
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (!g->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "lng '%s'", g->h.name);
        int k = n->lng.count++;
        n->lng.name[k] = g->h.name;
        n->lng.node[k] = resolve(scn, &g->node, SK_NODE, &n->node.idx, who,
                                 "node", g->h.at);
        n->lng.cap[k] = need_qty(scn, &g->capacity, who, "capacity", g->h.at);
        n->lng.on[k] = g->online;
        n->lng.off[k] = g->offline;
        n->lng.slot_first[k] = n->slot.count;
        for (int j = 0; j < g->origins.n; j++) {
            int s = n->slot.count++;
            ref r = {g->origins.key[j], g->origins.at};
            n->slot.lng[s] = k;
            n->slot.origin[s] = resolve(scn, &r, SK_ORIGIN, &n->origin.idx, who,
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

static int build_regions(net *n, arena *a, const scenario *scn)
{
    ALLOC(n->dem.mean, n->area.n_regions);
    ALLOC(n->dem.shape, 12 * n->area.n_regions);
    ALLOC(n->dem.series, n->area.n_regions);
    ALLOC(n->dem.has_series, n->area.n_regions);
    ALLOC(n->dem.peak, n->area.n_regions);
    ALLOC(n->dem.weather, n->area.n_regions);
    /* month lengths of a 365-day year, for normalising monthly shapes */
    static const double mdays[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    for (int r = 0; r < n->area.n_regions; r++) {
        node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        char who[300];
        snprintf(who, sizeof who, "region '%s'", e->h.name);
        n->dem.mean[r] = need_qty(scn, &e->demand, who, "demand", e->h.at);
        double *sh = n->dem.shape + 12 * r;
        double wsum = 0.0, peak = 0.0;
        for (int k = 0; k < 12; k++) {
            sh[k] = e->shape.n == 12 ? e->shape.val[k] : 1.0;
            wsum += sh[k] * mdays[k];
        }
        if (wsum <= 0) {
            err_at(scn->err, e->shape.at, "%s: 'shape' factors are all zero", who);
            wsum = 365.0;
        }
        for (int k = 0; k < 12; k++) {
            sh[k] *= 365.0 / wsum;
            if (sh[k] > peak)
                peak = sh[k];
        }
        n->dem.peak[r] = e->peak.set ? units_mcm(&e->peak, scn->sc.gcv)
                                     : peak * n->dem.mean[r];
        if (e->series) {
            int rc = demand_load_series(n, a, scn->err, r, e->series, e->series_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
        if (e->weather) {
            int rc = demand_load_weather(n, a, scn->err, r, e->weather, e->heating,
                                         e->weather_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
    }
    return GASDEP_OK;
}

/* Tranche sets (an origin's LNG, a source) and demand-response blocks. */
static int build_market(net *n, arena *a, const scenario *scn)
{
    double g = scn->sc.gcv;
    int sets = 0, trs = 0, drs = 0;
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
    ALLOC(n->tranche.set_origin, sets);
    ALLOC(n->tranche.set_src, sets);
    ALLOC(n->tranche.set_first, sets + 1);
    ALLOC(n->tranche.vol, trs);
    ALLOC(n->tranche.price, trs);
    ALLOC(n->origin.tset, n->origin.count);
    ALLOC(n->src.tset, n->src.count);
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
    ALLOC(n->dem.block_first, n->area.n_regions + 1);
    for (int r = 0; r < n->area.n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        drs += e->demand_response.n;
    }
    ALLOC(n->dem.block_region, drs);
    ALLOC(n->dem.block_share, drs);
    ALLOC(n->dem.block_price, drs);
    for (int r = 0; r < n->area.n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        const plist *l = &e->demand_response;
        n->dem.block_first[r] = n->dem.n_blocks;
        for (int j = 0; j < l->n; j++) {
            /* a block gives way before any demand goes unserved */
            if (l->price[j] >= scn->sc.voll)
                err_at(scn->err, l->at, "region '%s': 'demand_response' price %g "
                       "EUR/MWh must be below voll (%g EUR/MWh)", e->h.name,
                       l->price[j], scn->sc.voll);
            n->dem.block_region[n->dem.n_blocks] = r;
            n->dem.block_share[n->dem.n_blocks] = l->share[j];
            n->dem.block_price[n->dem.n_blocks++] = l->price[j];
        }
    }
    n->dem.block_first[n->area.n_regions] = n->dem.n_blocks;
    return GASDEP_OK;
}

static int build_storage(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_STORAGE];
    int c = l->n;
    ALLOC(n->sto.node, c);
    ALLOC(n->sto.name, c);
    ALLOC(n->sto.vol, c);
    ALLOC(n->sto.inj, c);
    ALLOC(n->sto.wd, c);
    ALLOC(n->sto.init_fill, c);
    ALLOC(n->sto.icost, c);
    ALLOC(n->sto.wcost, c);
    ALLOC(n->sto.init_mix, (size_t)c * (size_t)(n->origin.count ? n->origin.count : 1));
    ALLOC(n->sto.wx, c);
    ALLOC(n->sto.wy, c);
    ALLOC(n->sto.ix, c);
    ALLOC(n->sto.iy, c);
    ALLOC(n->sto.tlist, c);
    ALLOC(n->sto.hard, c);
    ALLOC(n->sto.value, c);
    ALLOC(n->sto.wn, c);
    ALLOC(n->sto.in, c);
    for (int i = 0; i < l->n; i++) {
        storage_el *s = l->v[i];
        if (!s->h.enabled)
            continue;
        int k = n->sto.count++;
        n->sto.name[k] = s->h.name;
        int rc = storage_build(n, a, scn, k, s);
        if (rc != GASDEP_OK)
            return rc;
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

int network_build(net *n, arena *a, const scenario *scn)
{
    const scenario_el *sc = &scn->sc;
    n->gwh_per_mcm = sc->gcv; /* 1 mcm x gcv kWh/m3 = gcv GWh */
    scenario_check(scn, 1);
    n->first_day = sc->start;
    n->last_day = sc->end;
    n->n_days = sc->end >= sc->start ? sc->end - sc->start + 1 : 0;
    int rc;
    if ((rc = build_nodes_and_areas(n, a, scn)) || (rc = build_origins(n, a, scn)) ||
        (rc = build_sources(n, a, scn)) || (rc = build_pipelines(n, a, scn)) ||
        (rc = build_lng(n, a, scn)) || (rc = build_regions(n, a, scn)) ||
        (rc = build_market(n, a, scn)) ||
        (rc = build_storage(n, a, scn)) || (rc = events_resolve(n, a, scn)) ||
        (rc = storage_paths_build(n, a, scn)))
        return rc;
    if (scn->err->n_errors == 0 && (rc = warn_unsupplied(n, scn)) != GASDEP_OK)
        return rc;
    if (n->area.n_regions == 0 && scn->err->n_errors == 0)
        err_fail(scn->err, GASDEP_EINPUT, "%s: the scenario declares no [region]",
                 scn->err->n_files ? scn->err->files[0] : "scenario");
    return scn->err->n_errors ? GASDEP_EINPUT : GASDEP_OK;
}
