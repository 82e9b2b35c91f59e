/* events.c: disruptions and changes: resolve targets, ramp, apply each day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "events.h"
#include "network.h"
#include "suggest.h"

static int find(char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

typedef struct tbuf {
    ev_target *v;
    int n, cap;
} tbuf;

static int push(tbuf *b, int param, int index)
{
    if (b->n == b->cap) {
        int cap = b->cap ? 2 * b->cap : 32;
        ev_target *v = realloc(b->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n].param = param;
    b->v[b->n].index = index;
    b->n++;
    return 0;
}

/* A tranche parameter: PREFIX_volume or PREFIX_price for every tranche of
 * set `ts`, PREFIX_volumeK or PREFIX_priceK for tranche K (from 1). Returns
 * 1 if prm is one, -1 on a bad one (message in *why), 0 if it is not one. */
static int tranche_param(const net *n, const char *prm, const char *prefix, int ts,
                         tbuf *b, int *multi, int *fail, const char **why)
{
    size_t pl = strlen(prefix);
    if (strncmp(prm, prefix, pl) != 0)
        return 0;
    const char *rest = prm + pl;
    int price = !strncmp(rest, "_price", 6), vol = !strncmp(rest, "_volume", 7);
    if (!price && !vol)
        return 0;
    rest += price ? 6 : 7;
    if (ts < 0) {
        *why = "no tranches to change: the element has no tranches";
        return -1;
    }
    int first = n->tranche.set_first[ts], cnt = n->tranche.set_first[ts + 1] - first;
    int param = price ? P_TR_PRICE : P_TR_VOL;
    if (!*rest) {
        *multi = 1;
        for (int j = 0; j < cnt; j++)
            *fail |= push(b, param, first + j);
        return 1;
    }
    char *end;
    long k = strtol(rest, &end, 10);
    if (*end || k < 1 || k > cnt) {
        *why = "no such tranche (they count from 1 in the order written)";
        return -1;
    }
    *multi = price; /* prices take factors only */
    *fail |= push(b, param, first + (int)k - 1);
    return 1;
}

/* Demand-response parameters of region q: demand_response (shares) and
 * demand_response_price, factors only. Returns 1, or 0 if prm is neither. */
static int dr_param(const net *n, const char *prm, int q, tbuf *b, int *fail)
{
    int price = !strcmp(prm, "demand_response_price");
    if (!price && strcmp(prm, "demand_response"))
        return 0;
    for (int j = n->dem.block_first[q]; j < n->dem.block_first[q + 1]; j++)
        *fail |= push(b, price ? P_DR_PRICE : P_DR_SHARE, j);
    return 1;
}

/* pipeline.NAME[.PARAMETER]: capacity or reverse_capacity. */
static const char *expand_pipeline(const net *n, const char *name, const char *prm,
                                   tbuf *b, int *multi, int *fail)
{
    (void)multi; /* one pipeline: values or factors */
    int i;
    if ((i = find(n->pipe.name, n->pipe.count, name)) < 0)
        return "unknown pipeline";
    if (!prm || !strcmp(prm, "capacity"))
        *fail = push(b, P_PIPE_CAP, i);
    else if (!strcmp(prm, "reverse_capacity"))
        *fail = push(b, P_PIPE_REV, i);
    else
        return "pipeline parameters are capacity and reverse_capacity";
    return NULL;
}

/* source.NAME[.PARAMETER]: capacity, min_take or a tranche. */
static const char *expand_source(const net *n, const char *name, const char *prm,
                                 tbuf *b, int *multi, int *fail)
{
    int i, tp;
    const char *why = NULL;
    if ((i = find(n->src.name, n->src.count, name)) < 0)
        return "unknown source";
    if (!prm || !strcmp(prm, "capacity"))
        *fail = push(b, P_SRC_CAP, i);
    else if (!strcmp(prm, "min_take"))
        *fail = push(b, P_SRC_MIN, i);
    else if ((tp = tranche_param(n, prm, "tranche", n->src.tset[i], b, multi,
                                 fail, &why)) < 0)
        return why;
    else if (tp == 0)
        return "source parameters are capacity, min_take, tranche_volume[K] "
               "and tranche_price[K]";
    return NULL;
}

/* lng.NAME[.PARAMETER]: capacity, or min_take of every slot. */
static const char *expand_lng(const net *n, const char *name, const char *prm,
                              tbuf *b, int *multi, int *fail)
{
    int i;
    if ((i = find(n->lng.name, n->lng.count, name)) < 0)
        return "unknown lng terminal";
    if (prm && !strcmp(prm, "min_take")) {
        *multi = 1; /* every slot of the terminal */
        for (int s = n->lng.slot_first[i]; s < n->lng.slot_first[i + 1]; s++)
            *fail |= push(b, P_SLOT_MIN, s);
    } else if (prm && strcmp(prm, "capacity")) {
        return "lng parameters are capacity and min_take";
    } else {
        *fail = push(b, P_LNG_CAP, i);
    }
    return NULL;
}

/* storage.NAME[.PARAMETER]: withdrawal and/or injection rates (factors). */
static const char *expand_storage(const net *n, const char *name, const char *prm,
                                  tbuf *b, int *multi, int *fail)
{
    int i;
    if ((i = find(n->sto.name, n->sto.count, name)) < 0)
        return "unknown storage";
    *multi = 1; /* factors only: rates are relative to the curve */
    if (!prm || !strcmp(prm, "withdrawal"))
        *fail |= push(b, P_STO_WD, i);
    if (!prm || !strcmp(prm, "injection"))
        *fail |= push(b, P_STO_INJ, i);
    if (prm && strcmp(prm, "withdrawal") && strcmp(prm, "injection"))
        return "storage parameters are withdrawal and injection";
    return NULL;
}

/* region.NAME[.PARAMETER]: demand or its demand-response blocks. */
static const char *expand_region(const net *n, const char *name, const char *prm,
                                 tbuf *b, int *multi, int *fail)
{
    int i;
    if ((i = find(n->area.name, n->area.n_regions, name)) < 0)
        return "unknown region";
    if (prm && dr_param(n, prm, i, b, fail)) {
        *multi = 1;
        if (n->dem.block_first[i] == n->dem.block_first[i + 1]) /* as for tranches */
            return "no demand response to change: the region has no "
                   "demand_response";
    }
    else if (prm && strcmp(prm, "demand"))
        return "region parameters are demand, demand_response and "
               "demand_response_price";
    else
        *fail = push(b, P_DEMAND, i);
    return NULL;
}

/* group.NAME[.PARAMETER]: every member region's demand or demand-response blocks. */
static const char *expand_group(const net *n, const char *name, const char *prm,
                                tbuf *b, int *multi, int *fail)
{
    int i;
    i = find(n->area.name + n->area.n_regions, n->area.n_groups, name);
    if (i < 0)
        return "unknown region group";
    int is_dr = prm && (!strcmp(prm, "demand_response") ||
                        !strcmp(prm, "demand_response_price"));
    if (prm && !is_dr && strcmp(prm, "demand"))
        return "group parameters are demand, demand_response and "
               "demand_response_price";
    *multi = 1;
    int a = n->area.n_regions + i;
    int blocks = 0;
    for (int j = n->area.member_first[a]; j < n->area.member_first[a + 1]; j++) {
        int q = n->area.members[j];
        if (is_dr)
            dr_param(n, prm, q, b, fail);
        else
            *fail |= push(b, P_DEMAND, q);
        blocks += n->dem.block_first[q + 1] - n->dem.block_first[q];
    }
    if (is_dr && !blocks)
        return "no demand response to change: no region of the group has "
               "demand_response";
    return NULL;
}

/* origin.NAME[.PARAMETER]: every supply of the origin, or an LNG tranche. */
static const char *expand_origin(const net *n, const char *name, const char *prm,
                                 tbuf *b, int *multi, int *fail)
{
    int i, tp;
    const char *why = NULL;
    if ((i = find(n->origin.name, n->origin.count, name)) < 0)
        return "unknown origin";
    *multi = 1;
    if (!prm)
        *fail = push(b, P_ORIGIN, i);
    else if ((tp = tranche_param(n, prm, "lng_tranche", n->origin.tset[i], b,
                                 multi, fail, &why)) < 0)
        return why;
    else if (tp == 0)
        return "origin parameters are lng_tranche_volume[K] and "
               "lng_tranche_price[K] (origin.NAME alone: every supply)";
    return NULL;
}

/* origin_group.NAME[.PARAMETER]: every origin of the group. */
static const char *expand_origin_group(const net *n, const char *name, const char *prm,
                                       tbuf *b, int *multi, int *fail)
{
    int i;
    if ((i = find(n->origin.group_name, n->origin.n_groups, name)) < 0)
        return "unknown origin group";
    if (prm)
        return "an origin group target takes no parameter";
    *multi = 1;
    for (int o = 0; o < n->origin.count; o++)
        if (n->origin.group[o] == i)
            *fail |= push(b, P_ORIGIN, o);
    return NULL;
}

/* corridor.NAME[.PARAMETER]: every member's capacity (factors). */
static const char *expand_corridor(const net *n, const char *name, const char *prm,
                                   tbuf *b, int *multi, int *fail)
{
    int i;
    const corridor_set *c = &n->corr;
    if ((i = find(c->name, c->count, name)) < 0)
        return "unknown corridor";
    if (prm && strcmp(prm, "capacity"))
        return "a corridor's parameter is capacity (every member's)";
    *multi = 1; /* factors only: the members' capacities differ */
    for (int j = c->pipe_first[i]; j < c->pipe_first[i + 1]; j++) {
        *fail |= push(b, P_PIPE_CAP, c->pipes[j]);
        *fail |= push(b, P_PIPE_REV, c->pipes[j]);
    }
    for (int j = c->src_first[i]; j < c->src_first[i + 1]; j++)
        *fail |= push(b, P_SRC_CAP, c->srcs[j]);
    for (int j = c->lng_first[i]; j < c->lng_first[i + 1]; j++)
        *fail |= push(b, P_LNG_CAP, c->lngs[j]);
    return NULL;
}

/* Target kinds and their expanders (events.c: one row per kind). */
typedef const char *(*expand_fn)(const net *n, const char *name, const char *prm,
                                 tbuf *b, int *multi, int *fail);
static const struct {
    const char *kind;
    expand_fn fn;
} EXPANDERS[] = {
    {"pipeline", expand_pipeline},
    {"source", expand_source},
    {"lng", expand_lng},
    {"storage", expand_storage},
    {"region", expand_region},
    {"group", expand_group},
    {"origin", expand_origin},
    {"origin_group", expand_origin_group},
    {"corridor", expand_corridor},
};

/* Expand one target path into (parameter, index) pairs. Returns a message
 * on error, NULL on success; *multi is set for targets that name many. */
static const char *expand(const net *n, const char *path, tbuf *b, int *multi)
{
    char buf[256], *part[3] = {NULL, NULL, NULL};
    snprintf(buf, sizeof buf, "%s", path);
    int np = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, ".", &save); p && np < 3;
         p = strtok_r(NULL, ".", &save))
        part[np++] = p;
    if (np < 2)
        return "expected KIND.NAME or KIND.NAME.PARAMETER";
    *multi = 0;
    for (size_t i = 0; i < sizeof EXPANDERS / sizeof EXPANDERS[0]; i++)
        if (!strcmp(part[0], EXPANDERS[i].kind)) {
            int fail = 0;
            const char *why = EXPANDERS[i].fn(n, part[1], part[2], b, multi, &fail);
            return why ? why : fail ? "out of memory" : NULL;
        }
    return "unknown target kind (pipeline, source, lng, storage, region, "
           "group, origin, origin_group, corridor)";
}

/* The storages a target-path event names: storage.NAME, or every storage at
 * the node of region.NAME or of the member regions of group.NAME. */
static const char *expand_storages(const net *n, const char *path, tbuf *b)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    char *dot = strchr(buf, '.');
    if (!dot || strchr(dot + 1, '.'))
        return "a 'targets' event names storage.NAME, region.NAME or group.NAME";
    *dot = '\0';
    const char *kind = buf, *name = dot + 1;
    int fail = 0;
    if (!strcmp(kind, "storage")) {
        int i = find(n->sto.name, n->sto.count, name);
        if (i < 0)
            return "unknown storage";
        fail = push(b, P_STO_PATH, i);
    } else if (!strcmp(kind, "region") || !strcmp(kind, "group")) {
        int is_group = !strcmp(kind, "group");
        int a = is_group ? find(n->area.name + n->area.n_regions, n->area.n_groups, name)
                         : find(n->area.name, n->area.n_regions, name);
        if (a < 0)
            return is_group ? "unknown region group" : "unknown region";
        if (is_group)
            a += n->area.n_regions;
        for (int j = n->area.member_first[a]; j < n->area.member_first[a + 1]; j++) {
            int node = n->area.node[n->area.members[j]];
            for (int k = 0; k < n->sto.count; k++)
                if (n->sto.node[k] == node)
                    fail |= push(b, P_STO_PATH, k);
        }
    } else {
        return "a 'targets' event names storage.NAME, region.NAME or group.NAME";
    }
    return fail ? "out of memory" : NULL;
}

/* For an unknown name in a target KIND.NAME[.PARAMETER]: " (did you mean
 * ...?)" with the closest known names of that kind (or the closest kind),
 * or "" (suggest.c). */
static void near_target(const net *n, const char *path, char *out, size_t len)
{
    out[0] = '\0';
    static const char *const KINDS_T[] = {"pipeline", "source", "lng", "storage",
                                          "region", "group", "origin",
                                          "origin_group", "corridor", NULL};
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    char *dot = strchr(buf, '.');
    if (!dot)
        return;
    *dot = '\0';
    char *name = dot + 1, *d2 = strchr(name, '.');
    if (d2)
        *d2 = '\0';
    char *const *names = NULL;
    int count = 0;
    if (!strcmp(buf, "pipeline"))
        names = n->pipe.name, count = n->pipe.count;
    else if (!strcmp(buf, "source"))
        names = n->src.name, count = n->src.count;
    else if (!strcmp(buf, "lng"))
        names = n->lng.name, count = n->lng.count;
    else if (!strcmp(buf, "storage"))
        names = n->sto.name, count = n->sto.count;
    else if (!strcmp(buf, "region"))
        names = n->area.name, count = n->area.n_regions;
    else if (!strcmp(buf, "group"))
        names = n->area.name + n->area.n_regions, count = n->area.n_groups;
    else if (!strcmp(buf, "origin"))
        names = n->origin.name, count = n->origin.count;
    else if (!strcmp(buf, "origin_group"))
        names = n->origin.group_name, count = n->origin.n_groups;
    else if (!strcmp(buf, "corridor"))
        names = n->corr.name, count = n->corr.count;
    suggest sg;
    if (!names) {
        suggest_begin(&sg, buf);
        for (int i = 0; KINDS_T[i]; i++)
            suggest_offer(&sg, KINDS_T[i]);
        suggest_format(&sg, out, len);
        return;
    }
    for (int i = 0; i < count; i++)
        if (!strcmp(names[i], name))
            return; /* the name is known: the parameter was wrong */
    suggest_begin(&sg, name);
    for (int i = 0; i < count; i++)
        suggest_offer(&sg, names[i]);
    suggest_format(&sg, out, len);
}

static int cmp_start(const void *a, const void *b)
{
    const ev_rt *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->first > y->first) - (x->first < y->first); /* file order */
}

int events_resolve(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_EVENT];
    tbuf b = {0};
    n->ev.rt = arena_alloc(a, (size_t)l->n, sizeof *n->ev.rt);
    if (!n->ev.rt)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    /* events of base files outside the horizon: one line for all of them
     * (narrowing a base scenario's dates is not a mistake in each) */
    int base_outside = 0;
    const event_el *base_first = NULL;
    for (int i = 0; i < l->n; i++) {
        event_el *e = l->v[i];
        if (!e->h.enabled)
            continue;
        char who[300];
        snprintf(who, sizeof who, "event '%s'", e->h.name);
        if (!e->target.name) {
            err_at(scn->err, e->h.at, "%s: 'target' is required", who);
            continue;
        }
        int is_path = e->targets.n > 0; /* checks: validate.c */
        int first = b.n, multi = 0;
        const char *why = is_path ? expand_storages(n, e->target.name, &b)
                                  : expand(n, e->target.name, &b, &multi);
        if (why) {
            char near[300];
            near_target(n, e->target.name, near, sizeof near);
            err_at(scn->err, e->target.at, "%s: target '%s': %s%s", who,
                   e->target.name, why, near);
            continue;
        }
        if (e->value.set && multi)
            err_at(scn->err, e->target.at, "%s: target '%s' takes a 'factor', not a "
                   "'value'", who, e->target.name);
        int last_effect = e->end == DAY_NONE_HI ? DAY_NONE_HI : e->end + e->ramp;
        if (e->start != DAY_NONE_LO && n->n_days > 0 &&
            (e->start > n->last_day || last_effect < n->first_day)) {
            if (e->h.at.file > 0) { /* 0: the scenario loaded, -1: --set */
                if (!base_outside++)
                    base_first = e;
            } else {
                warn_at(scn->err, e->h.at, "%s: entirely outside the horizon; it has "
                        "no effect", who);
            }
        }
        ev_rt *r = &n->ev.rt[n->ev.count++];
        r->name = e->h.name;
        r->start = e->start;
        r->end = e->end;
        r->ramp = e->ramp;
        r->is_factor = e->has_factor;
        r->factor = e->factor;
        r->value_mcm_d = units_mcm(&e->value, scn->sc.gcv);
        r->first = first;
        r->count = b.n - first;
        r->targets = is_path ? &e->targets : NULL;
        r->hard = e->hard;
    }
    if (base_outside == 1)
        warn_at(scn->err, base_first->h.at, "event '%s' (of a base file): entirely "
                "outside the horizon; it has no effect", base_first->h.name);
    else if (base_outside > 1)
        warn_at(scn->err, base_first->h.at, "event '%s' and %d other events of base "
                "files: entirely outside the horizon; they have no effect",
                base_first->h.name, base_outside - 1);
    qsort(n->ev.rt, (size_t)n->ev.count, sizeof *n->ev.rt, cmp_start);
    n->ev.targets = arena_alloc(a, (size_t)b.n, sizeof *n->ev.targets);
    if (!n->ev.targets) {
        free(b.v);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    if (b.n)
        memcpy(n->ev.targets, b.v, (size_t)b.n * sizeof *b.v);
    n->ev.n_targets = b.n;
    free(b.v);
    return GASDEP_OK;
}

/* Weight 0..1 of an event on `day`: full from day start+ramp-1 to end,
 * linear in between, and back to none on day end+ramp. */
double events_ramp(const ev_rt *e, int day)
{
    if (day < e->start)
        return 0.0;
    if (e->ramp <= 0)
        return day <= e->end ? 1.0 : 0.0;
    double up = (double)(day - e->start + 1) / e->ramp;
    if (up > 1.0)
        up = 1.0;
    if (day > e->end) {
        /* back down at the same slope from wherever the event had got to */
        double top = (double)(e->end - e->start + 1) / e->ramp;
        if (top > 1.0)
            top = 1.0;
        double down = top - (double)(day - e->end) / e->ramp;
        return down > 0.0 ? down : 0.0;
    }
    return up;
}

void events_apply(const net *n, int day, int known_by,
                  double *const params[P_COUNT])
{
    for (int i = 0; i < n->ev.count; i++) {
        const ev_rt *e = &n->ev.rt[i];
        if (e->targets) /* a fill-target path: see storage_paths_build */
            continue;
        if (e->start > known_by) /* not yet known (planning: water.c) */
            continue;
        double w = events_ramp(e, day);
        if (w <= 0.0)
            continue;
        for (int j = e->first; j < e->first + e->count; j++) {
            double *x = &params[n->ev.targets[j].param][n->ev.targets[j].index];
            if (e->is_factor)
                *x *= 1.0 + (e->factor - 1.0) * w;
            else
                *x += (e->value_mcm_d - *x) * w;
        }
    }
}
