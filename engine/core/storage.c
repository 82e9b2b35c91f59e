/* storage.c: storage rate curves, fill-target paths and the
 * mixing tank that carries each store's origin mix. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "storage.h"
#include "network.h"
#include "resolve.h"

static int build_curve(arena *a, const scenario *scn, const list *c, double **xs,
                       double **ys, int *np)
{
    int cn = c->n ? c->n : 2;
    double *x = arena_alloc(a, (size_t)cn, sizeof *x);
    double *y = arena_alloc(a, (size_t)cn, sizeof *y);
    if (!x || !y)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    if (c->n) {
        for (int i = 0; i < cn; i++) {
            x[i] = atof(c->key[i]);
            y[i] = c->val[i];
        }
    } else {
        x[0] = 0.0, x[1] = 1.0, y[0] = y[1] = 1.0;
    }
    *xs = x, *ys = y, *np = cn;
    return GASDEP_OK;
}

/* Check the target points of a storage (two on one date are an error); the
 * path itself is built after events (storage_paths_build). */
static void check_targets(const scenario *scn, const storage_el *s,
                          const char *who)
{
    for (int i = 0; i < s->targets.n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(s->targets.key[i], s->targets.key[j]) == 0) {
                err_at(scn->err, s->targets.at, "%s: two targets on the same day",
                       who);
                return;
            }
}

static void build_mix(net *n, const scenario *scn, int k, const storage_el *s,
                      const char *who)
{
    double *mix = n->sto.init_mix + (size_t)k * (size_t)n->origin.count;
    if (s->mix.n == 0) {
        for (int o = 0; o < n->origin.count; o++)
            if (strcmp(n->origin.name[o], "unknown") == 0)
                mix[o] = 1.0;
        return;
    }
    double sum = 0.0;
    for (int i = 0; i < s->mix.n; i++) {
        int o = -1;
        for (int j = 0; j < n->origin.count; j++)
            if (strcmp(n->origin.name[j], s->mix.key[i]) == 0)
                o = j;
        if (o < 0) {
            err_at(scn->err, s->mix.at, "%s: unknown origin '%s' in 'initial_mix'",
                   who, s->mix.key[i]);
            continue;
        }
        mix[o] += s->mix.val[i];
        sum += s->mix.val[i];
    }
    if (fabs(sum - 1.0) > 1e-6)
        err_at(scn->err, s->mix.at, "%s: 'initial_mix' shares sum to %g, not 1", who,
               sum);
}

static int storage_build(net *n, arena *a, const scenario *scn, int k,
                         const storage_el *s)
{
    char who[300];
    snprintf(who, sizeof who, "storage '%s'", s->h.name);
    n->sto.node[k] = -1;
    if (!s->node.name)
        err_at(scn->err, s->h.at, "%s: 'node' is required", who);
    else {
        for (int i = 0; i < n->node.count; i++)
            if (strcmp(n->node.name[i], s->node.name) == 0)
                n->sto.node[k] = i;
        if (n->sto.node[k] < 0)
            err_at(scn->err, s->node.at, "%s: unknown node '%s' in 'node'", who,
                   s->node.name);
    }
    const struct {
        const qty *q;
        const char *key;
        double *dst;
    } req[] = {{&s->volume, "volume", &n->sto.vol[k]},
               {&s->injection, "injection", &n->sto.inj[k]},
               {&s->withdrawal, "withdrawal", &n->sto.wd[k]}};
    for (int i = 0; i < 3; i++) {
        if (!req[i].q->set)
            err_at(scn->err, s->h.at, "%s: '%s' is required", who, req[i].key);
        *req[i].dst = units_mcm(req[i].q, scn->sc.gcv);
    }
    n->sto.init_fill[k] = s->initial_fill;
    n->sto.icost[k] = s->icost;
    n->sto.wcost[k] = s->wcost;
    int rc = build_curve(a, scn, &s->wcurve, &n->sto.wx[k], &n->sto.wy[k],
                         &n->sto.wn[k]);
    if (rc == GASDEP_OK)
        rc = build_curve(a, scn, &s->icurve, &n->sto.ix[k], &n->sto.iy[k],
                         &n->sto.in[k]);
    n->sto.tlist[k] = &s->targets;
    n->sto.hard[k] = (unsigned char)(s->target_hard != 0);
    n->sto.value[k] = isnan(s->value) ? scn->sc.storage_value : s->value;
    if (rc == GASDEP_OK) {
        check_targets(scn, s, who);
        build_mix(n, scn, k, s, who);
    }
    return rc;
}

/* ---- fill-target paths ----------------------------------------------------
 * A point list mixes recurring points (MM-DD, every year) and dated ones
 * (YYYY-MM-DD, that year only; on a date that has both, the dated point
 * wins). The path on a day is linear between the latest point on or before
 * it and the next one after it, flat beyond the first and last. */

typedef struct tpt {
    int day;
    double fill;
    int dated;
} tpt;

static int cmp_tpt(const void *a, const void *b)
{
    const tpt *x = a, *y = b;
    if (x->day != y->day)
        return (x->day > y->day) - (x->day < y->day);
    return (y->dated > x->dated) - (y->dated < x->dated); /* dated first */
}

/* Instances of the points of l in the years around [d0, d1]; sorted, one
 * per day. Returns the count (buf holds room for `cap`). */
static int instances(const list *l, int d0, int d1, tpt *buf, int cap)
{
    int y0, y1, m, d;
    gasdep_civil(d0, &y0, &m, &d);
    gasdep_civil(d1, &y1, &m, &d);
    int k = 0;
    for (int i = 0; i < l->n; i++) {
        int ty, tm, td;
        if (dates_parse_target(l->key[i], &ty, &tm, &td) != 0)
            continue;
        if (ty) {
            if (k < cap)
                buf[k++] = (tpt){dates_from_civil(ty, tm, td), l->val[i], 1};
            continue;
        }
        for (int y = y0 - 1; y <= y1 + 1 && k < cap; y++) {
            int dd = td;
            if (tm == 2 && dd == 29) /* not in every year */
                continue;
            buf[k++] = (tpt){dates_from_civil(y, tm, dd), l->val[i], 0};
        }
    }
    qsort(buf, (size_t)k, sizeof *buf, cmp_tpt);
    int u = 0;
    for (int i = 0; i < k; i++)
        if (u == 0 || buf[i].day != buf[u - 1].day)
            buf[u++] = buf[i];
    return u;
}

static double path_at(const tpt *p, int np, int day, int *on_point)
{
    *on_point = 0;
    if (np == 0)
        return NAN;
    if (day <= p[0].day) {
        *on_point = day == p[0].day;
        return p[0].fill;
    }
    if (day >= p[np - 1].day) {
        *on_point = day == p[np - 1].day;
        return p[np - 1].fill;
    }
    int lo = 0, hi = np - 1; /* p[lo].day < day < p[hi].day, or equal */
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (p[mid].day <= day)
            lo = mid;
        else
            hi = mid;
    }
    if (p[lo].day == day) {
        *on_point = 1;
        return p[lo].fill;
    }
    double w = (double)(day - p[lo].day) / (double)(p[hi].day - p[lo].day);
    return p[lo].fill + w * (p[hi].fill - p[lo].fill);
}

/* The daily fill-target path of every storage over the horizon, from its
 * points and the target-path events (the latest-starting active one wins). */
int storage_paths_build(net *n, arena *a, const scenario *scn)
{
    int T = n->n_days, K = n->sto.count;
    if (K == 0 || T <= 0)
        return GASDEP_OK;
    n->sto.path = arena_alloc(a, (size_t)K * (size_t)T, sizeof *n->sto.path);
    n->sto.pdate = arena_alloc(a, (size_t)K * (size_t)T, sizeof *n->sto.pdate);
    n->sto.phard = arena_alloc(a, (size_t)K * (size_t)T, sizeof *n->sto.phard);
    if (!n->sto.path || !n->sto.pdate || !n->sto.phard)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    int d0 = n->first_day, d1 = n->last_day;
    int years = (d1 - d0) / 365 + 4;
    /* one buffer large enough for any list: points x years */
    int maxn = 0;
    for (int k = 0; k < K; k++)
        if (n->sto.tlist[k]->n > maxn)
            maxn = n->sto.tlist[k]->n;
    for (int e = 0; e < n->ev.count; e++)
        if (n->ev.rt[e].targets && n->ev.rt[e].targets->n > maxn)
            maxn = n->ev.rt[e].targets->n;
    size_t cap = (size_t)maxn * (size_t)years + 1;
    tpt *base = malloc(cap * sizeof *base), *alt = malloc(cap * sizeof *alt);
    if (!base || !alt) {
        free(base), free(alt);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    for (int k = 0; k < K; k++) {
        int nb = instances(n->sto.tlist[k], d0, d1, base, (int)cap);
        const ev_rt *cur = NULL;
        int na = 0;
        for (int t = 0; t < T; t++) {
            int day = d0 + t;
            /* the target-path event that rules this day, if any */
            const ev_rt *rule = NULL;
            for (int e = 0; e < n->ev.count; e++) {
                const ev_rt *ev = &n->ev.rt[e];
                if (!ev->targets || day < ev->start || day > ev->end)
                    continue;
                for (int j = ev->first; j < ev->first + ev->count; j++)
                    if (n->ev.targets[j].index == k &&
                        (!rule || ev->start >= rule->start))
                        rule = ev;
            }
            if (rule && rule != cur) {
                na = instances(rule->targets, d0, d1, alt, (int)cap);
                cur = rule;
            }
            int on;
            double f = rule ? path_at(alt, na, day, &on) : path_at(base, nb, day, &on);
            n->sto.path[(size_t)k * T + t] = f;
            n->sto.pdate[(size_t)k * T + t] = (unsigned char)on;
            n->sto.phard[(size_t)k * T + t] = rule ? (unsigned char)(rule->hard != 0)
                                                   : n->sto.hard[k];
        }
    }
    free(base), free(alt);
    return GASDEP_OK;
}

/* Fill the target path asks for at the end of `day` (0 where none). */
double storage_target_fill(const net *n, int k, int day)
{
    int t = day - n->first_day;
    if (!n->sto.path || t < 0 || t >= n->n_days)
        return 0.0;
    double f = n->sto.path[(size_t)k * n->n_days + t];
    return isnan(f) ? 0.0 : f;
}

/* 1 when storage k's target on `day` is hard. */
int storage_target_hard(const net *n, int k, int day)
{
    int t = day - n->first_day;
    if (!n->sto.phard || t < 0 || t >= n->n_days)
        return n->sto.hard[k];
    return n->sto.phard[(size_t)k * n->n_days + t];
}

/* 1 when a target point of storage k falls on `day`. */
int storage_target_date(const net *n, int k, int day)
{
    int t = day - n->first_day;
    if (!n->sto.pdate || t < 0 || t >= n->n_days)
        return 0;
    return n->sto.pdate[(size_t)k * n->n_days + t];
}

/* Mixing tank: withdrawals leave with the stock's mix, injections blend in. */
void storage_mix_update(double *mix, double inv, double inj,
                        const double *inj_mix, double wd, int n_orig)
{
    double kept = inv - wd;
    if (kept < 0)
        kept = 0;
    double after = kept + inj;
    if (after <= 1e-12 || inj <= 0)
        return;
    for (int o = 0; o < n_orig; o++)
        mix[o] = (kept * mix[o] + inj * inj_mix[o]) / after;
}

/* Every enabled storage site. */
int storage_build_sites(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_STORAGE];
    int c = l->n;
    BUILD_ALLOC(a, scn->err, n->sto.node, c);
    BUILD_ALLOC(a, scn->err, n->sto.name, c);
    BUILD_ALLOC(a, scn->err, n->sto.vol, c);
    BUILD_ALLOC(a, scn->err, n->sto.inj, c);
    BUILD_ALLOC(a, scn->err, n->sto.wd, c);
    BUILD_ALLOC(a, scn->err, n->sto.init_fill, c);
    BUILD_ALLOC(a, scn->err, n->sto.icost, c);
    BUILD_ALLOC(a, scn->err, n->sto.wcost, c);
    BUILD_ALLOC(a, scn->err, n->sto.init_mix, (size_t)c * (size_t)(n->origin.count ? n->origin.count : 1));
    BUILD_ALLOC(a, scn->err, n->sto.wx, c);
    BUILD_ALLOC(a, scn->err, n->sto.wy, c);
    BUILD_ALLOC(a, scn->err, n->sto.ix, c);
    BUILD_ALLOC(a, scn->err, n->sto.iy, c);
    BUILD_ALLOC(a, scn->err, n->sto.tlist, c);
    BUILD_ALLOC(a, scn->err, n->sto.hard, c);
    BUILD_ALLOC(a, scn->err, n->sto.value, c);
    BUILD_ALLOC(a, scn->err, n->sto.wn, c);
    BUILD_ALLOC(a, scn->err, n->sto.in, c);
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
