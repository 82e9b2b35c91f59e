/* scenario.c: the parsed scenario: defaults, elements (created, found,
 * freed), names and the did-you-mean suggestions its readers share. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>


#include "dates.h"
#include "scenario.h"
#include "scenario_keys.h"
#include "suggest.h"
#include "util.h"


void scenario_defaults(scenario_el *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->start = DAY_NONE_LO;
    sc->end = DAY_NONE_LO;
    sc->gcv = 10.83;
    sc->voll = 1000.0;
    sc->target_penalty = 100.0;
    sc->risk_cover = 0.1;
    sc->long_run_elasticity = 0.0;
    sc->adaptation_years = 3.25;
    sc->reference_price = 25.0;
    sc->min_take_penalty = 300.0;
    sc->curtailment = CURT_COOPERATIVE;
    sc->foresight = FS_MYOPIC;
    sc->resolve_every = 7;
    sc->lookahead = 90;
    sc->lookahead_block = 7;
    sc->storage_value = 50.0;
    sc->persistence = 0.8;
    sc->sigma_k = 2.0;
}

/* Hex digest of the bytes read so far, from a copy of the running context
 * so that later files continue the same hash (`cat FILES | sha256sum`). */
void scenario_hash(scenario *scn)
{
    SHA2_CTX copy = scn->sha;
    SHA256End(&copy, scn->content_sha256);
}

void scenario_init(scenario *scn, errlog *err)
{
    memset(scn, 0, sizeof *scn);
    scenario_defaults(&scn->sc);
    scn->err = err;
    scn->cur_kind = -1;
    SHA256Init(&scn->sha);
    scenario_hash(scn);
}

const char *scenario_kind_name(int kind)
{
    for (const kind_def *k = KINDS; k->word; k++)
        if (k->kind == kind)
            return k->word;
    return "?";
}

int scenario_valid_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return 0;
    return 1;
}

void *scenario_find(const scenario *scn, int kind, const char *name)
{
    int i = strmap_get(&scn->el[kind].index, name);
    return i >= 0 ? scn->el[kind].v[i] : NULL;
}


/* " (did you mean 'X'?)" after a message about an unknown key of `kind` or
 * an unknown element name (names from the scenario), or "" (suggest.c). */
const char *scenario_near_key(int kind, const char *key, char *buf, size_t len)
{
    suggest sg;
    suggest_begin(&sg, key);
    for (const key_def *k = KEYS; k->key; k++)
        if (k->kind == kind)
            suggest_offer(&sg, k->key);
    return suggest_format(&sg, buf, len);
}

const char *scenario_near_element(const scenario *scn, int kind, const char *name,
                                char *buf, size_t len)
{
    suggest sg;
    suggest_begin(&sg, name);
    for (int i = 0; i < scn->el[kind].n; i++)
        suggest_offer(&sg, ((const elem *)scn->el[kind].v[i])->name);
    return suggest_format(&sg, buf, len);
}

const char *scenario_near_kind(const char *word, char *buf, size_t len)
{
    suggest sg;
    suggest_begin(&sg, word);
    for (const kind_def *k = KINDS; k->word; k++)
        suggest_offer(&sg, k->word);
    return suggest_format(&sg, buf, len);
}

static void dates_always(int *from, int *to)
{
    *from = DAY_NONE_LO;
    *to = DAY_NONE_HI;
}

void *scenario_element_new(scenario *scn, int kind, size_t size,
                         const char *name, srcloc at)
{
    elist *l = &scn->el[kind];
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        void **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    elem *e = xcalloc(1, size);
    if (!e)
        return NULL;
    e->name = xstrdup(name);
    if (!e->name || strmap_put(&l->index, e->name, l->n) != 0) {
        free(e->name);
        free(e);
        return NULL;
    }
    e->at = at;
    e->enabled = 1;
    /* defaults that are not zero: always online, outages cut fully */
    static const outage OUT = {0.0, 0.0, 0, 0.5, 1.0};
    switch (kind) {
    case SK_SOURCE:
        dates_always(&((source_el *)e)->online, &((source_el *)e)->offline);
        ((source_el *)e)->out = OUT;
        break;
    case SK_PIPELINE:
        dates_always(&((pipeline_el *)e)->online, &((pipeline_el *)e)->offline);
        ((pipeline_el *)e)->out = OUT;
        break;
    case SK_LNG:
        dates_always(&((lng_el *)e)->online, &((lng_el *)e)->offline);
        ((lng_el *)e)->out = OUT;
        break;
    case SK_STORAGE:
        ((storage_el *)e)->initial_fill = 0.5;
        ((storage_el *)e)->value = NAN;
        ((storage_el *)e)->out = OUT;
        break;
    case SK_EVENT:
        dates_always(&((event_el *)e)->start, &((event_el *)e)->end);
        break;
    case SK_CORRIDOR:
        ((corridor_el *)e)->capacity_factor = 1.0;
        break;
    default:
        break;
    }
    l->v[l->n++] = e;
    return e;
}

/* ---- list values ------------------------------------------------------ */

void scenario_list_free(list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->key ? l->key[i] : NULL);
    free(l->key);
    free(l->val);
    memset(l, 0, sizeof *l);
}

void scenario_plist_free(plist *l)
{
    free(l->q);
    free(l->share);
    free(l->price);
    memset(l, 0, sizeof *l);
}

/* ---- freeing ---------------------------------------------------------- */

static void element_free(int kind, void *el)
{
    elem *e = el;
    for (const key_def *k = KEYS; k->key; k++) {
        if (k->kind != kind)
            continue;
        char *field = (char *)el + k->off;
        switch (k->type) {
        case T_TEXT:
        case T_PATH:
            free(*(char **)field);
            *(char **)field = NULL;
            break;
        case T_REF:
            free(((ref *)field)->name);
            break;
        case T_NAMES:
        case T_PRICES:
        case T_FRACTIONS:
        case T_SHAPE:
        case T_CURVE:
        case T_TARGETS:
        case T_MIX:
            scenario_list_free((list *)field);
            break;
        case T_TRANCHES:
        case T_BLOCKS:
        case T_FLOWS:
            scenario_plist_free((plist *)field);
            break;
        default:
            break;
        }
    }
    free(e->name);
    free(e->description);
    free(e);
}

void scenario_free(scenario *scn)
{
    for (int k = 0; k < SK_COUNT; k++) {
        for (int i = 0; i < scn->el[k].n; i++)
            element_free(k, scn->el[k].v[i]);
        free(scn->el[k].v);
        strmap_free(&scn->el[k].index);
        scn->el[k].v = NULL;
        scn->el[k].n = scn->el[k].cap = 0;
    }
    free(scn->sc.name);
    free(scn->sc.description);
    for (int i = 0; i < scn->n_overrides; i++)
        free(scn->overrides[i]);
    free(scn->overrides);
    scn->overrides = NULL;
    scn->n_overrides = 0;
}
