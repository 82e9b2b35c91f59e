/* resolve.c: references, required quantities and name lists for the
 * builders of the network (resolve.h). */
#include <string.h>

#include "resolve.h"
#include "suggest.h"

/* Resolve a reference to an enabled element of `kind` (nodes or origins,
 * looked up in idx); -1 with an error. */
int resolve_ref(const scenario *scn, const ref *r, int kind, const strmap *idx,
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

double resolve_qty(const scenario *scn, const qty *q, const char *who,
                   const char *key, srcloc at)
{
    if (!q->set) {
        err_at(scn->err, at, "%s: '%s' is required", who, key);
        return 0.0;
    }
    return units_mcm(q, scn->sc.gcv);
}

int resolve_add_name(arena *a, char ***names, int *count, int *cap,
                     strmap *idx, const char *name)
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
