/* events.c: disruptions and changes: resolve targets, ramp, apply each day. */
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "events.h"

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
    const char *kind = part[0], *name = part[1], *prm = part[2];
    *multi = 0;
    int i, fail = 0;
    if (!strcmp(kind, "pipeline")) {
        if ((i = find(n->pipe_name, n->n_pipe, name)) < 0)
            return "unknown pipeline";
        if (!prm || !strcmp(prm, "capacity"))
            fail = push(b, P_PIPE_CAP, i);
        else if (!strcmp(prm, "reverse_capacity"))
            fail = push(b, P_PIPE_REV, i);
        else
            return "pipeline parameters are capacity and reverse_capacity";
    } else if (!strcmp(kind, "source")) {
        if ((i = find(n->src_name, n->n_src, name)) < 0)
            return "unknown source";
        if (!prm || !strcmp(prm, "capacity"))
            fail = push(b, P_SRC_CAP, i);
        else if (!strcmp(prm, "min_take"))
            fail = push(b, P_SRC_MIN, i);
        else
            return "source parameters are capacity and min_take";
    } else if (!strcmp(kind, "lng")) {
        if ((i = find(n->lng_name, n->n_lng, name)) < 0)
            return "unknown lng terminal";
        if (prm && strcmp(prm, "capacity"))
            return "the lng parameter is capacity";
        fail = push(b, P_LNG_CAP, i);
    } else if (!strcmp(kind, "storage")) {
        if ((i = find(n->sto_name, n->n_sto, name)) < 0)
            return "unknown storage";
        *multi = 1; /* factors only: rates are relative to the curve */
        if (!prm || !strcmp(prm, "withdrawal"))
            fail |= push(b, P_STO_WD, i);
        if (!prm || !strcmp(prm, "injection"))
            fail |= push(b, P_STO_INJ, i);
        if (prm && strcmp(prm, "withdrawal") && strcmp(prm, "injection"))
            return "storage parameters are withdrawal and injection";
    } else if (!strcmp(kind, "region")) {
        if ((i = find(n->area_name, n->n_regions, name)) < 0)
            return "unknown region";
        if (prm && strcmp(prm, "demand"))
            return "the region parameter is demand";
        fail = push(b, P_DEMAND, i);
    } else if (!strcmp(kind, "group")) {
        i = find(n->area_name + n->n_regions, n->n_rgroups, name);
        if (i < 0)
            return "unknown region group";
        if (prm && strcmp(prm, "demand"))
            return "the group parameter is demand";
        *multi = 1;
        int a = n->n_regions + i;
        for (int j = n->area_member_first[a]; j < n->area_member_first[a + 1]; j++)
            fail |= push(b, P_DEMAND, n->area_members[j]);
    } else if (!strcmp(kind, "origin")) {
        if ((i = find(n->origin_name, n->n_origins, name)) < 0)
            return "unknown origin";
        if (prm)
            return "an origin target takes no parameter";
        *multi = 1;
        fail = push(b, P_ORIGIN, i);
    } else if (!strcmp(kind, "origin_group")) {
        if ((i = find(n->ogroup_name, n->n_ogroups, name)) < 0)
            return "unknown origin group";
        if (prm)
            return "an origin group target takes no parameter";
        *multi = 1;
        for (int o = 0; o < n->n_origins; o++)
            if (n->origin_group[o] == i)
                fail |= push(b, P_ORIGIN, o);
    } else {
        return "unknown target kind (pipeline, source, lng, storage, region, "
               "group, origin, origin_group)";
    }
    return fail ? "out of memory" : NULL;
}

static int cmp_start(const void *a, const void *b)
{
    const ev_rt *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->first > y->first) - (x->first < y->first); /* file order */
}

int events_resolve(net *n, const scenario *scn)
{
    const elist *l = &scn->el[SK_EVENT];
    tbuf b = {0};
    n->ev = net_alloc(n, (size_t)l->n, sizeof *n->ev);
    if (!n->ev)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
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
        int first = b.n, multi = 0;
        const char *why = expand(n, e->target.name, &b, &multi);
        if (why) {
            err_at(scn->err, e->target.at, "%s: target '%s': %s", who, e->target.name,
                   why);
            continue;
        }
        if (e->value.set && multi)
            err_at(scn->err, e->target.at, "%s: target '%s' takes a 'factor', not a "
                   "'value'", who, e->target.name);
        int last_effect = e->end == DAY_NONE_HI ? DAY_NONE_HI : e->end + e->ramp;
        if (e->start != DAY_NONE_LO && n->n_days > 0 &&
            (e->start > n->last_day || last_effect < n->first_day))
            warn_at(scn->err, e->h.at, "%s: entirely outside the horizon; it has "
                    "no effect", who);
        ev_rt *r = &n->ev[n->n_ev++];
        r->name = e->h.name;
        r->start = e->start;
        r->end = e->end;
        r->ramp = e->ramp;
        r->is_factor = e->has_factor;
        r->factor = e->factor;
        r->value_mcm_d = units_mcm(&e->value, scn->sc.gcv);
        r->first = first;
        r->count = b.n - first;
    }
    qsort(n->ev, (size_t)n->n_ev, sizeof *n->ev, cmp_start);
    n->ev_targets = net_alloc(n, (size_t)b.n, sizeof *n->ev_targets);
    if (!n->ev_targets) {
        free(b.v);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    if (b.n)
        memcpy(n->ev_targets, b.v, (size_t)b.n * sizeof *b.v);
    n->n_ev_targets = b.n;
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

void events_apply(const net *n, int day, double *const params[P_COUNT])
{
    for (int i = 0; i < n->n_ev; i++) {
        const ev_rt *e = &n->ev[i];
        double w = events_ramp(e, day);
        if (w <= 0.0)
            continue;
        for (int j = e->first; j < e->first + e->count; j++) {
            double *x = &params[n->ev_targets[j].param][n->ev_targets[j].index];
            if (e->is_factor)
                *x *= 1.0 + (e->factor - 1.0) * w;
            else
                *x += (e->value_mcm_d - *x) * w;
        }
    }
}
