/* corridor.c: resolve [corridor] sections into member lists and apply their
 * capacity factors (docs/ROUTES.md). */
#include <stdio.h>
#include <string.h>

#include "corridor.h"
#include "network.h"
#include "resolve.h"
#include "suggest.h"

static int find_name(char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

/* The members of one list (l) of corridor e among names[0..count) into
 * out[*pos..]: unknown and repeated names are errors at the list's line. */
static void resolve_members(const scenario *scn, const corridor_el *e,
                            const list *l, const char *key, int kind,
                            const char *what, char *const *names, int count,
                            int *out, int *pos)
{
    int start = *pos;
    for (int j = 0; j < l->n; j++) {
        const char *nm = l->key[j];
        int i = find_name(names, count, nm);
        const elem *el = scenario_find(scn, kind, nm);
        if (i < 0 && el && !el->enabled)
            continue; /* switched off: no longer on the route (a typo is not) */
        if (i < 0) {
            suggest sg;
            char near[200];
            suggest_begin(&sg, nm);
            for (int k = 0; k < count; k++)
                suggest_offer(&sg, names[k]);
            err_at(scn->err, l->at, "corridor '%s': unknown %s '%s' in '%s'%s",
                   e->h.name, what, nm, key, suggest_format(&sg, near, sizeof near));
            continue;
        }
        int dup = 0;
        for (int k = start; k < *pos; k++)
            dup |= out[k] == i;
        if (dup) {
            err_at(scn->err, l->at, "corridor '%s': %s '%s' listed twice in '%s'",
                   e->h.name, what, nm, key);
            continue;
        }
        out[(*pos)++] = i;
    }
}

int corridor_build(net *n, arena *a, const scenario *scn)
{
    const elist *l = &scn->el[SK_CORRIDOR];
    corridor_set *c = &n->corr;
    int np = 0, ns = 0, nl = 0;
    for (int i = 0; i < l->n; i++) {
        const corridor_el *e = l->v[i];
        np += e->pipelines.n;
        ns += e->sources.n;
        nl += e->lng.n;
    }
    BUILD_ALLOC(a, scn->err, c->name, l->n);
    BUILD_ALLOC(a, scn->err, c->factor, l->n);
    BUILD_ALLOC(a, scn->err, c->pipe_first, l->n + 1);
    BUILD_ALLOC(a, scn->err, c->src_first, l->n + 1);
    BUILD_ALLOC(a, scn->err, c->lng_first, l->n + 1);
    BUILD_ALLOC(a, scn->err, c->pipes, np);
    BUILD_ALLOC(a, scn->err, c->srcs, ns);
    BUILD_ALLOC(a, scn->err, c->lngs, nl);
    int pp = 0, ps = 0, pl = 0;
    for (int i = 0; i < l->n; i++) {
        const corridor_el *e = l->v[i];
        if (!e->h.enabled)
            continue;
        if (e->pipelines.n + e->sources.n + e->lng.n == 0)
            err_at(scn->err, e->h.at, "corridor '%s': names no member (give "
                   "'pipelines', 'sources' or 'lng')", e->h.name);
        int k = c->count++;
        c->name[k] = e->h.name;
        c->factor[k] = e->capacity_factor;
        c->pipe_first[k] = pp;
        c->src_first[k] = ps;
        c->lng_first[k] = pl;
        resolve_members(scn, e, &e->pipelines, "pipelines", SK_PIPELINE, "pipeline",
                        n->pipe.name, n->pipe.count, c->pipes, &pp);
        resolve_members(scn, e, &e->sources, "sources", SK_SOURCE, "source",
                        n->src.name, n->src.count, c->srcs, &ps);
        resolve_members(scn, e, &e->lng, "lng", SK_LNG, "lng terminal", n->lng.name,
                        n->lng.count, c->lngs, &pl);
    }
    c->pipe_first[c->count] = pp;
    c->src_first[c->count] = ps;
    c->lng_first[c->count] = pl;
    /* the what-if: a member of two corridors takes both factors */
    for (int k = 0; k < c->count; k++) {
        double f = c->factor[k];
        for (int j = c->pipe_first[k]; j < c->pipe_first[k + 1]; j++) {
            n->pipe.cap[c->pipes[j]] *= f;
            n->pipe.rev[c->pipes[j]] *= f;
        }
        for (int j = c->src_first[k]; j < c->src_first[k + 1]; j++)
            n->src.cap[c->srcs[j]] *= f;
        for (int j = c->lng_first[k]; j < c->lng_first[k + 1]; j++)
            n->lng.cap[c->lngs[j]] *= f;
    }
    return GASDEP_OK;
}
