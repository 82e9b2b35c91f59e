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

void *net_alloc(net *n, size_t count, size_t size)
{
    if (n->n_mem == n->cap_mem) {
        int cap = n->cap_mem ? 2 * n->cap_mem : 64;
        void **p = realloc(n->mem, (size_t)cap * sizeof *p);
        if (!p)
            return NULL;
        n->mem = p;
        n->cap_mem = cap;
    }
    void *p = calloc(count ? count : 1, size);
    if (p)
        n->mem[n->n_mem++] = p;
    return p;
}

void network_free(net *n)
{
    for (int i = 0; i < n->n_sto; i++) {
        if (n->sto_wcurve)
            gsl_interp_free(n->sto_wcurve[i]);
        if (n->sto_icurve)
            gsl_interp_free(n->sto_icurve[i]);
    }
    strmap_free(&n->node_idx);
    strmap_free(&n->origin_idx);
    for (int i = 0; i < n->n_mem; i++)
        free(n->mem[i]);
    free(n->mem);
    memset(n, 0, sizeof *n);
}

#define ALLOC(ptr, count)                                              \
    do {                                                               \
        (ptr) = net_alloc(n, (size_t)(count), sizeof *(ptr));          \
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
static int add_name(net *n, char ***names, int *count, int *cap, strmap *idx,
                    const char *name)
{
    int i = strmap_get(idx, name);
    if (i >= 0)
        return i;
    if (strmap_put(idx, name, *count) != 0)
        return -1;
    if (*count == *cap) {
        int c = *cap ? *cap * 2 : 16;
        char **p = net_alloc(n, (size_t)c, sizeof *p);
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

static int build_nodes_and_areas(net *n, const scenario *scn)
{
    const elist *nl = &scn->el[SK_NODE];
    ALLOC(n->node_name, nl->n);
    ALLOC(n->node_region, nl->n);
    ALLOC(n->region_node, nl->n);
    for (int i = 0; i < nl->n; i++) {
        node_el *e = nl->v[i];
        if (!e->h.enabled)
            continue;
        int k = n->n_nodes++;
        n->node_name[k] = e->h.name;
        if (strmap_put(&n->node_idx, e->h.name, k) != 0)
            return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
        n->node_region[k] = -1;
        if (e->is_region) {
            n->node_region[k] = n->n_regions;
            n->region_node[n->n_regions++] = k;
        }
    }
    /* region groups, in order of first mention */
    char **gnames = NULL;
    int ng = 0, gcap = 0, total_members = 0;
    strmap gidx = {0};
    for (int r = 0; r < n->n_regions; r++) {
        node_el *e = scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
        for (int j = 0; j < e->groups.n; j++) {
            if (strmap_get(&n->node_idx, e->groups.key[j]) >= 0)
                err_at(scn->err, e->groups.at, "region '%s': group '%s' has the name "
                       "of a node", e->h.name, e->groups.key[j]);
            if (add_name(n, &gnames, &ng, &gcap, &gidx, e->groups.key[j]) < 0) {
                strmap_free(&gidx);
                return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
            }
            total_members++;
        }
    }
    n->n_rgroups = ng;
    n->n_areas = n->n_regions + ng;
    int *count = calloc((size_t)ng + 1, sizeof *count);
    int *last = malloc(((size_t)ng + 1) * sizeof *last); /* region that last counted */
    n->area_name = net_alloc(n, (size_t)n->n_areas, sizeof *n->area_name);
    n->area_member_first = net_alloc(n, (size_t)n->n_areas + 1,
                                     sizeof *n->area_member_first);
    n->area_members = net_alloc(n, (size_t)(n->n_regions + total_members),
                                sizeof *n->area_members);
    if (!count || !last || !n->area_name || !n->area_member_first ||
        !n->area_members) {
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
        for (int r = 0; r < n->n_regions; r++) {
            node_el *e = scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
            for (int j = 0; j < e->groups.n; j++) {
                int g = strmap_get(&gidx, e->groups.key[j]);
                if (g < 0 || last[g] == r)
                    continue;
                last[g] = r;
                if (pass == 0)
                    count[g]++;
                else
                    n->area_members[count[g]++] = r;
            }
        }
        if (pass == 0) { /* count[g] becomes the next free slot of group g */
            int pos = n->n_regions;
            for (int g = 0; g < ng; g++) {
                n->area_member_first[n->n_regions + g] = pos;
                pos += count[g];
                count[g] = n->area_member_first[n->n_regions + g];
            }
            n->area_member_first[n->n_areas] = pos;
        }
    }
    for (int r = 0; r < n->n_regions; r++) {
        n->area_name[r] = n->node_name[n->region_node[r]];
        n->area_member_first[r] = r;
        n->area_members[r] = r;
    }
    for (int g = 0; g < ng; g++)
        n->area_name[n->n_regions + g] = gnames[g];
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

static int build_origins(net *n, const scenario *scn)
{
    const elist *ol = &scn->el[SK_ORIGIN];
    int extra = needs_unknown_origin(scn);
    ALLOC(n->origin_name, ol->n + extra);
    ALLOC(n->origin_group, ol->n + extra);
    ALLOC(n->origin_cap, ol->n + extra);
    char **gnames = NULL;
    int ng = 0, gcap = 0;
    strmap gidx = {0};
    for (int i = 0; i < ol->n; i++) {
        origin_el *o = ol->v[i];
        if (!o->h.enabled)
            continue;
        int k = n->n_origins++;
        n->origin_name[k] = o->h.name;
        const char *g = o->group.name ? o->group.name : o->h.name;
        /* -1 (out of memory) is reported below, after gidx is freed */
        n->origin_group[k] = strmap_put(&n->origin_idx, o->h.name, k) == 0
                                 ? add_name(n, &gnames, &ng, &gcap, &gidx, g)
                                 : -1;
        n->origin_cap[k] = o->capacity.set ? units_mcm(&o->capacity, scn->sc.gcv)
                                           : -1.0;
    }
    if (extra && strmap_get(&n->origin_idx, "unknown") < 0) {
        int k = n->n_origins++;
        n->origin_name[k] = "unknown";
        n->origin_group[k] = strmap_put(&n->origin_idx, "unknown", k) == 0
                                 ? add_name(n, &gnames, &ng, &gcap, &gidx, "unknown")
                                 : -1;
        n->origin_cap[k] = -1.0;
    }
    strmap_free(&gidx);
    for (int k = 0; k < n->n_origins; k++)
        if (n->origin_group[k] < 0)
            return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    n->ogroup_name = gnames;
    n->n_ogroups = ng;
    if (n->n_origins == 0)
        err_fail(scn->err, GASDEP_EINPUT, "%s: the scenario declares no [origin]",
                 scn->err->n_files ? scn->err->files[0] : "scenario");
    return GASDEP_OK;
}

static int build_sources(net *n, const scenario *scn)
{
    const elist *l = &scn->el[SK_SOURCE];
    ALLOC(n->src_node, l->n);
    ALLOC(n->src_origin, l->n);
    ALLOC(n->src_on, l->n);
    ALLOC(n->src_off, l->n);
    ALLOC(n->src_cap, l->n);
    ALLOC(n->src_min, l->n);
    ALLOC(n->src_cost, l->n);
    ALLOC(n->src_name, l->n);
    for (int i = 0; i < l->n; i++) {
        source_el *s = l->v[i];
        if (!s->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "source '%s'", s->h.name);
        int k = n->n_src++;
        n->src_name[k] = s->h.name;
        n->src_node[k] = resolve(scn, &s->node, SK_NODE, &n->node_idx, who,
                                 "node", s->h.at);
        n->src_origin[k] = resolve(scn, &s->origin, SK_ORIGIN, &n->origin_idx, who,
                                   "origin", s->h.at);
        if (!s->capacity.set && s->tranches.n > 0) { /* the curve's total */
            double sum = 0.0;
            for (int j = 0; j < s->tranches.n; j++)
                sum += units_mcm(&s->tranches.q[j], scn->sc.gcv);
            n->src_cap[k] = sum;
        } else {
            n->src_cap[k] = need_qty(scn, &s->capacity, who, "capacity", s->h.at);
        }
        n->src_min[k] = units_mcm(&s->min_take, scn->sc.gcv);
        n->src_cost[k] = s->cost;
        n->src_on[k] = s->online;
        n->src_off[k] = s->offline;
    }
    return GASDEP_OK;
}

static int build_pipelines(net *n, const scenario *scn)
{
    const elist *l = &scn->el[SK_PIPELINE];
    ALLOC(n->pipe_from, l->n);
    ALLOC(n->pipe_to, l->n);
    ALLOC(n->pipe_on, l->n);
    ALLOC(n->pipe_off, l->n);
    ALLOC(n->pipe_cap, l->n);
    ALLOC(n->pipe_rev, l->n);
    ALLOC(n->pipe_tariff, l->n);
    ALLOC(n->pipe_loss, l->n);
    ALLOC(n->pipe_name, l->n);
    for (int i = 0; i < l->n; i++) {
        pipeline_el *p = l->v[i];
        if (!p->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "pipeline '%s'", p->h.name);
        int k = n->n_pipe++;
        n->pipe_name[k] = p->h.name;
        n->pipe_from[k] = resolve(scn, &p->from, SK_NODE, &n->node_idx, who,
                                  "from", p->h.at);
        n->pipe_to[k] = resolve(scn, &p->to, SK_NODE, &n->node_idx, who,
                                "to", p->h.at);
        if (n->pipe_from[k] >= 0 && n->pipe_from[k] == n->pipe_to[k])
            err_at(scn->err, p->to.at, "%s: 'from' and 'to' are the same node", who);
        n->pipe_cap[k] = need_qty(scn, &p->capacity, who, "capacity", p->h.at);
        n->pipe_rev[k] = units_mcm(&p->reverse, scn->sc.gcv);
        n->pipe_tariff[k] = p->tariff;
        n->pipe_loss[k] = p->loss;
        n->pipe_on[k] = p->online;
        n->pipe_off[k] = p->offline;
    }
    return GASDEP_OK;
}

static int build_lng(net *n, const scenario *scn)
{
    const elist *l = &scn->el[SK_LNG];
    int slots = 0;
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (g->h.enabled)
            slots += g->origins.n;
    }
    ALLOC(n->lng_node, l->n);
    ALLOC(n->lng_on, l->n);
    ALLOC(n->lng_off, l->n);
    ALLOC(n->lng_cap, l->n);
    ALLOC(n->lng_name, l->n);
    ALLOC(n->lng_slot_first, l->n + 1);
    ALLOC(n->slot_lng, slots);
    ALLOC(n->slot_origin, slots);
    ALLOC(n->slot_cost, slots);
    ALLOC(n->slot_avail, slots);
    ALLOC(n->slot_min, slots);
    for (int i = 0; i < l->n; i++) {
        lng_el *g = l->v[i];
        if (!g->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "lng '%s'", g->h.name);
        int k = n->n_lng++;
        n->lng_name[k] = g->h.name;
        n->lng_node[k] = resolve(scn, &g->node, SK_NODE, &n->node_idx, who,
                                 "node", g->h.at);
        n->lng_cap[k] = need_qty(scn, &g->capacity, who, "capacity", g->h.at);
        n->lng_on[k] = g->online;
        n->lng_off[k] = g->offline;
        n->lng_slot_first[k] = n->n_slots;
        for (int j = 0; j < g->origins.n; j++) {
            int s = n->n_slots++;
            ref r = {g->origins.key[j], g->origins.at};
            n->slot_lng[s] = k;
            n->slot_origin[s] = resolve(scn, &r, SK_ORIGIN, &n->origin_idx, who,
                                        "origins", g->h.at);
            n->slot_cost[s] = j < g->costs.n ? g->costs.val[j] : 0.0;
            n->slot_avail[s] = j < g->avail.n ? g->avail.val[j] : 1.0;
            n->slot_min[s] =
                j < g->min_take.n ? units_mcm(&g->min_take.q[j], scn->sc.gcv) : 0.0;
        }
    }
    n->lng_slot_first[n->n_lng] = n->n_slots;
    return GASDEP_OK;
}

static int build_regions(net *n, const scenario *scn)
{
    ALLOC(n->reg_mean, n->n_regions);
    ALLOC(n->reg_shape, 12 * n->n_regions);
    ALLOC(n->reg_series, n->n_regions);
    ALLOC(n->reg_has_series, n->n_regions);
    ALLOC(n->reg_peak, n->n_regions);
    ALLOC(n->reg_weather, n->n_regions);
    /* month lengths of a 365-day year, for normalising monthly shapes */
    static const double mdays[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    for (int r = 0; r < n->n_regions; r++) {
        node_el *e = scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
        char who[300];
        snprintf(who, sizeof who, "region '%s'", e->h.name);
        n->reg_mean[r] = need_qty(scn, &e->demand, who, "demand", e->h.at);
        double *sh = n->reg_shape + 12 * r;
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
        n->reg_peak[r] = e->peak.set ? units_mcm(&e->peak, scn->sc.gcv)
                                     : peak * n->reg_mean[r];
        if (e->series) {
            int rc = demand_load_series(n, scn->err, r, e->series, e->series_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
        if (e->weather) {
            int rc = demand_load_weather(n, scn->err, r, e->weather, e->heating,
                                         e->weather_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
    }
    return GASDEP_OK;
}

/* Tranche sets (an origin's LNG, a source) and demand-response blocks. */
static int build_market(net *n, const scenario *scn)
{
    double g = scn->sc.gcv;
    int sets = 0, trs = 0, drs = 0;
    for (int o = 0; o < n->n_origins; o++) {
        const origin_el *e = scenario_find(scn, SK_ORIGIN, n->origin_name[o]);
        if (e && e->lng_tranches.n)
            sets++, trs += e->lng_tranches.n;
    }
    for (int i = 0; i < n->n_src; i++) {
        const source_el *e = scenario_find(scn, SK_SOURCE, n->src_name[i]);
        if (e->tranches.n)
            sets++, trs += e->tranches.n;
    }
    ALLOC(n->tset_origin, sets);
    ALLOC(n->tset_src, sets);
    ALLOC(n->tset_first, sets + 1);
    ALLOC(n->tr_vol, trs);
    ALLOC(n->tr_price, trs);
    ALLOC(n->origin_tset, n->n_origins);
    ALLOC(n->src_tset, n->n_src);
    for (int pass = 0; pass < 2; pass++) {
        int count = pass == 0 ? n->n_origins : n->n_src;
        for (int i = 0; i < count; i++) {
            const plist *l;
            if (pass == 0) {
                const origin_el *e = scenario_find(scn, SK_ORIGIN, n->origin_name[i]);
                n->origin_tset[i] = -1;
                l = e ? &e->lng_tranches : NULL;
            } else {
                const source_el *e = scenario_find(scn, SK_SOURCE, n->src_name[i]);
                n->src_tset[i] = -1;
                l = &e->tranches;
            }
            if (!l || l->n == 0)
                continue;
            int t = n->n_tset++;
            n->tset_origin[t] = pass == 0 ? i : -1;
            n->tset_src[t] = pass == 1 ? i : -1;
            *(pass == 0 ? &n->origin_tset[i] : &n->src_tset[i]) = t;
            n->tset_first[t] = n->n_tr;
            for (int j = 0; j < l->n; j++) {
                n->tr_vol[n->n_tr] = units_mcm(&l->q[j], g);
                n->tr_price[n->n_tr++] = l->price[j];
            }
        }
    }
    n->tset_first[n->n_tset] = n->n_tr;
    ALLOC(n->reg_dr_first, n->n_regions + 1);
    for (int r = 0; r < n->n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
        drs += e->demand_response.n;
    }
    ALLOC(n->dr_region, drs);
    ALLOC(n->dr_share, drs);
    ALLOC(n->dr_price, drs);
    for (int r = 0; r < n->n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
        const plist *l = &e->demand_response;
        n->reg_dr_first[r] = n->n_dr;
        for (int j = 0; j < l->n; j++) {
            /* a block gives way before any demand goes unserved */
            if (l->price[j] >= scn->sc.voll)
                err_at(scn->err, l->at, "region '%s': 'demand_response' price %g "
                       "EUR/MWh must be below voll (%g EUR/MWh)", e->h.name,
                       l->price[j], scn->sc.voll);
            n->dr_region[n->n_dr] = r;
            n->dr_share[n->n_dr] = l->share[j];
            n->dr_price[n->n_dr++] = l->price[j];
        }
    }
    n->reg_dr_first[n->n_regions] = n->n_dr;
    return GASDEP_OK;
}

static int build_storage(net *n, const scenario *scn)
{
    const elist *l = &scn->el[SK_STORAGE];
    int c = l->n;
    ALLOC(n->sto_node, c);
    ALLOC(n->sto_name, c);
    ALLOC(n->sto_vol, c);
    ALLOC(n->sto_inj, c);
    ALLOC(n->sto_wd, c);
    ALLOC(n->sto_init_fill, c);
    ALLOC(n->sto_icost, c);
    ALLOC(n->sto_wcost, c);
    ALLOC(n->sto_init_mix, (size_t)c * (size_t)(n->n_origins ? n->n_origins : 1));
    ALLOC(n->sto_wcurve, c);
    ALLOC(n->sto_icurve, c);
    ALLOC(n->sto_wx, c);
    ALLOC(n->sto_wy, c);
    ALLOC(n->sto_ix, c);
    ALLOC(n->sto_iy, c);
    ALLOC(n->sto_tlist, c);
    ALLOC(n->sto_hard, c);
    ALLOC(n->sto_value, c);
    ALLOC(n->sto_wn, c);
    ALLOC(n->sto_in, c);
    for (int i = 0; i < l->n; i++) {
        storage_el *s = l->v[i];
        if (!s->h.enabled)
            continue;
        int k = n->n_sto++;
        n->sto_name[k] = s->h.name;
        int rc = storage_build(n, scn, k, s);
        if (rc != GASDEP_OK)
            return rc;
    }
    return GASDEP_OK;
}

/* Warn about regions that no pipeline path joins to a source, an LNG
 * terminal or a storage site (their demand can only go unserved). */
static int warn_unsupplied(net *n, const scenario *scn)
{
    int N = n->n_nodes, P = n->n_pipe;
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
        int a = n->pipe_from[p], b = n->pipe_to[p];
        if (a < 0 || b < 0)
            continue;
        first[a + 1]++;
        if (n->pipe_rev[p] > 0)
            first[b + 1]++;
    }
    for (int v = 0; v < N; v++)
        first[v + 1] += first[v];
    int *fill = queue; /* borrowed as insertion counters before the search */
    for (int p = 0; p < P; p++) {
        int a = n->pipe_from[p], b = n->pipe_to[p];
        if (a < 0 || b < 0)
            continue;
        adj[first[a] + fill[a]++] = b;
        if (n->pipe_rev[p] > 0)
            adj[first[b] + fill[b]++] = a;
    }
    memset(queue, 0, ((size_t)N + 1) * sizeof *queue);
    int head = 0, tail = 0;
    int nsup = n->n_src + n->n_lng + n->n_sto;
    for (int i = 0; i < nsup; i++) {
        int v = i < n->n_src ? n->src_node[i]
                : i < n->n_src + n->n_lng ? n->lng_node[i - n->n_src]
                                          : n->sto_node[i - n->n_src - n->n_lng];
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
    for (int r = 0; r < n->n_regions; r++)
        if (!reached[n->region_node[r]]) {
            const node_el *e =
                scenario_find(scn, SK_NODE, n->node_name[n->region_node[r]]);
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

int network_build(net *n, const scenario *scn)
{
    const scenario_el *sc = &scn->sc;
    n->gwh_per_mcm = sc->gcv; /* 1 mcm x gcv kWh/m3 = gcv GWh */
    scenario_check(scn, 1);
    n->first_day = sc->start;
    n->last_day = sc->end;
    n->n_days = sc->end >= sc->start ? sc->end - sc->start + 1 : 0;
    int rc;
    if ((rc = build_nodes_and_areas(n, scn)) || (rc = build_origins(n, scn)) ||
        (rc = build_sources(n, scn)) || (rc = build_pipelines(n, scn)) ||
        (rc = build_lng(n, scn)) || (rc = build_regions(n, scn)) ||
        (rc = build_market(n, scn)) ||
        (rc = build_storage(n, scn)) || (rc = events_resolve(n, scn)) ||
        (rc = storage_paths_build(n, scn)))
        return rc;
    if (scn->err->n_errors == 0 && (rc = warn_unsupplied(n, scn)) != GASDEP_OK)
        return rc;
    if (n->n_regions == 0 && scn->err->n_errors == 0)
        err_fail(scn->err, GASDEP_EINPUT, "%s: the scenario declares no [region]",
                 scn->err->n_files ? scn->err->files[0] : "scenario");
    return scn->err->n_errors ? GASDEP_EINPUT : GASDEP_OK;
}
