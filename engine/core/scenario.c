/* scenario.c: reading scenario files (libinih), base files, --set overrides,
 * and numeric look-up by kind.name.key path. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>

#include <ini.h>

#include "dates.h"
#include "scenario.h"
#include "scenario_keys.h"
#include "suggest.h"
#include "util.h"

#define MAX_BASE_DEPTH SCENARIO_MAX_BASE_DEPTH

void scenario_defaults(scenario_el *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->start = DAY_NONE_LO;
    sc->end = DAY_NONE_LO;
    sc->gcv = 10.83;
    sc->voll = 1000.0;
    sc->target_penalty = 100.0;
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
static void sha256_hex(scenario *scn)
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
    sha256_hex(scn);
}

const char *scenario_kind_name(int kind)
{
    for (const kind_def *k = KINDS; k->word; k++)
        if (k->kind == kind)
            return k->word;
    return "?";
}

static int valid_name(const char *s)
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
static const char *near_key(int kind, const char *key, char *buf, size_t len)
{
    suggest sg;
    suggest_begin(&sg, key);
    for (const key_def *k = KEYS; k->key; k++)
        if (k->kind == kind)
            suggest_offer(&sg, k->key);
    return suggest_format(&sg, buf, len);
}

static const char *near_element(const scenario *scn, int kind, const char *name,
                                char *buf, size_t len)
{
    suggest sg;
    suggest_begin(&sg, name);
    for (int i = 0; i < scn->el[kind].n; i++)
        suggest_offer(&sg, ((const elem *)scn->el[kind].v[i])->name);
    return suggest_format(&sg, buf, len);
}

static const char *near_kind(const char *word, char *buf, size_t len)
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

static void *element_new(scenario *scn, int kind, size_t size,
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
    default:
        break;
    }
    l->v[l->n++] = e;
    return e;
}

/* ---- list values ------------------------------------------------------ */

static void list_free(list *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->key ? l->key[i] : NULL);
    free(l->key);
    free(l->val);
    memset(l, 0, sizeof *l);
}

/* Split on spaces and commas into at most `max` tokens (modifies buf). */
static int split_tokens(char *buf, char **tok, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *p = strtok_r(buf, " \t,", &save); p;
         p = strtok_r(NULL, " \t,", &save)) {
        if (n == max)
            return -1;
        tok[n++] = p;
    }
    return n;
}

#define MAX_LIST 256

static int parse_list(const char *value, int type, list *out, const char **why)
{
    char buf[2048];
    char *tok[MAX_LIST];
    if (strlen(value) >= sizeof buf) {
        *why = "list too long";
        return -1;
    }
    strcpy(buf, value);
    int n = split_tokens(buf, tok, MAX_LIST);
    if (type == T_PRICES && n > 0) {
        /* "30 32 EUR/MWh" or "30 EUR/MWh, 32 EUR/MWh": the unit is a token */
        int k = 0;
        for (int i = 0; i < n; i++)
            if (strcasecmp(tok[i], "EUR/MWh") != 0)
                tok[k++] = tok[i];
        n = k;
    }
    if (n < 0) {
        *why = "too many list items";
        return -1;
    }
    if (n == 0) {
        *why = "empty list";
        return -1;
    }
    list l = {0};
    l.key = xcalloc((size_t)n, sizeof *l.key);
    l.val = xcalloc((size_t)n, sizeof *l.val);
    if (!l.key || !l.val) {
        free(l.key);
        free(l.val);
        *why = "out of memory";
        return -1;
    }
    l.n = n;
    for (int i = 0; i < n; i++) {
        char *t = tok[i];
        char *colon = strchr(t, ':');
        double x;
        switch (type) {
        case T_NAMES:
            if (!valid_name(t)) {
                *why = "names use letters, digits, '-' and '_'";
                goto fail;
            }
            l.key[i] = xstrdup(t);
            break;
        case T_PRICES:
            if (units_parse_number(t, "EUR/MWh", &l.val[i], why) != 0)
                goto fail;
            if (fabs(l.val[i]) > UNITS_MAX_PRICE) {
                *why = "price too large (at most 1000000 EUR/MWh)";
                goto fail;
            }
            break;
        case T_FRACTIONS:
            if (units_parse_share(t, 1.0, &l.val[i], why) != 0)
                goto fail;
            break;
        case T_SHAPE:
            if (units_parse_number(t, NULL, &l.val[i], why) != 0)
                goto fail;
            if (l.val[i] < 0) {
                *why = "monthly factors must not be negative";
                goto fail;
            }
            if (l.val[i] > UNITS_MAX_FLOW) {
                *why = "monthly factor too large";
                goto fail;
            }
            break;
        case T_CURVE:
        case T_TARGETS:
        case T_MIX:
            if (!colon) {
                *why = "expected pairs written a:b";
                goto fail;
            }
            *colon = '\0';
            if (units_parse_share(colon + 1,
                                  type == T_CURVE ? UNITS_MAX_FACTOR : 1.0, &x,
                                  why) != 0)
                goto fail;
            l.val[i] = x;
            if (type == T_TARGETS) {
                int ty, tm, td;
                if (dates_parse_target(t, &ty, &tm, &td) != 0) {
                    *why = "target dates are written MM-DD (every year, e.g. "
                           "11-01:90%) or YYYY-MM-DD (e.g. 2022-11-01:80%)";
                    goto fail;
                }
                l.key[i] = xstrdup(t);
            } else if (type == T_MIX) {
                if (!valid_name(t)) {
                    *why = "expected origin:share pairs";
                    goto fail;
                }
                l.key[i] = xstrdup(t);
            } else {
                double f;
                if (units_parse_share(t, 1.0, &f, why) != 0)
                    goto fail;
                char num[64];
                snprintf(num, sizeof num, "%.17g", f);
                l.key[i] = xstrdup(num);
            }
            break;
        }
    }
    if (type == T_SHAPE && n != 12) {
        *why = "shape takes 12 monthly factors (Jan..Dec)";
        goto fail;
    }
    if (type == T_CURVE) {
        for (int i = 1; i < n; i++)
            if (atof(l.key[i]) <= atof(l.key[i - 1])) {
                *why = "curve fill levels must increase";
                goto fail;
            }
        if (n < 2) {
            *why = "a curve needs at least two points";
            goto fail;
        }
    }
    list_free(out);
    *out = l;
    return 0;
fail:
    list_free(&l);
    return -1;
}

/* ---- priced lists: tranches, demand blocks, flows ---------------------- */

#define MAX_PAIRS 32

static void plist_free(plist *l)
{
    free(l->q);
    free(l->share);
    free(l->price);
    memset(l, 0, sizeof *l);
}

/* Items separated by commas (spaces belong to "100 mcm/d"): "Q:P" flow and
 * price (T_TRANCHES), "F:P" fraction and price (T_BLOCKS), or flows
 * (T_FLOWS, where a bare 0 needs no unit). Prices must not fall from one
 * item to the next: the order written is the order of the curve. */
static int parse_plist(const char *value, int type, plist *out, const char **why)
{
    char buf[2048];
    if (strlen(value) >= sizeof buf) {
        *why = "list too long";
        return -1;
    }
    strcpy(buf, value);
    plist l = {0};
    l.q = xcalloc(MAX_PAIRS, sizeof *l.q);
    l.share = xcalloc(MAX_PAIRS, sizeof *l.share);
    l.price = xcalloc(MAX_PAIRS, sizeof *l.price);
    if (!l.q || !l.share || !l.price) {
        *why = "out of memory";
        goto fail;
    }
    char *save = NULL;
    double total = 0.0;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        while (isspace((unsigned char)*t))
            t++;
        if (!*t)
            continue;
        if (l.n == MAX_PAIRS) {
            *why = "too many items (at most 32)";
            goto fail;
        }
        int i = l.n++;
        char *colon = strchr(t, ':');
        if (type == T_FLOWS) {
            double zero;
            if (colon) {
                *why = "expected flows separated by commas, e.g. 10 mcm/d, 0";
                goto fail;
            }
            if (units_parse_number(t, NULL, &zero, why) == 0 && zero == 0.0) {
                l.q[i].set = 1; /* a bare 0 */
                continue;
            }
            if (units_parse_qty(t, Q_FLOW, &l.q[i], why))
                goto fail;
            continue;
        }
        if (!colon) {
            *why = type == T_TRANCHES
                       ? "expected volume:price pairs separated by commas, e.g. "
                         "100 mcm/d:20 EUR/MWh, 60 mcm/d:40"
                       : "expected share:price pairs separated by commas, e.g. "
                         "5%:60 EUR/MWh, 10%:120";
            goto fail;
        }
        *colon = '\0';
        if (units_parse_number(colon + 1, "EUR/MWh", &l.price[i], why))
            goto fail;
        if (l.price[i] < 0) {
            *why = "prices must not be negative";
            goto fail;
        }
        if (i > 0 && l.price[i] < l.price[i - 1]) {
            *why = "prices must not fall from one item to the next";
            goto fail;
        }
        if (type == T_TRANCHES) {
            if (units_parse_qty(t, Q_FLOW, &l.q[i], why))
                goto fail;
        } else {
            if (units_parse_fraction(t, &l.share[i], why))
                goto fail;
            if (l.share[i] < 0 || l.share[i] > 1) {
                *why = "shares must lie in 0..1 (0%..100%)";
                goto fail;
            }
            total += l.share[i];
            if (total > 1 + 1e-9) {
                *why = "the shares add up to more than 100%";
                goto fail;
            }
        }
    }
    if (l.n == 0) {
        *why = "empty list";
        goto fail;
    }
    plist_free(out);
    *out = l;
    return 0;
fail:
    plist_free(&l);
    return -1;
}

/* ---- one key = value -------------------------------------------------- */

static const key_def *key_lookup(int kind, const char *key)
{
    for (const key_def *k = KEYS; k->key; k++)
        if (k->kind == kind && strcmp(k->key, key) == 0)
            return k;
    return NULL;
}

static int parse_word(const char *v, const char *const *words, int *out)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(v, words[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

static const char *const CURTAIL_WORDS[] = {"cooperative", "national-first",
                                            "least-cost", NULL};
static const char *const DIST_WORDS[] = {"exponential", "lognormal", NULL};
static const char *const FORESIGHT_WORDS[] = {"myopic", "rolling", "perfect", NULL};
static const char *const BOOL_WORDS[] = {"false", "true", NULL};
static const char *const SOLVER_WORDS[] = {"auto", "clp", "glpk", NULL};

/* Keys whose value is one word of a list: the word's index is stored. */
typedef struct word_type {
    int type;
    const char *const *words;
    const char *expected;
} word_type;
static const word_type WORD_TYPES[] = {
    {T_CURTAIL, CURTAIL_WORDS, "expected cooperative, national-first or least-cost"},
    {T_DIST, DIST_WORDS, "expected exponential or lognormal"},
    {T_FORESIGHT, FORESIGHT_WORDS, "expected myopic, rolling or perfect"},
    {T_SOLVER, SOLVER_WORDS, "expected auto, clp or glpk"},
    {T_BOOL, BOOL_WORDS, "expected true or false"},
    {0, NULL, NULL},
};

/* Join a relative path onto the directory of the file that names it. */
static char *path_join(const char *naming_file, const char *rel)
{
    if (rel[0] == '/' || !naming_file)
        return xstrdup(rel);
    const char *slash = strrchr(naming_file, '/');
    if (!slash)
        return xstrdup(rel);
    size_t dl = (size_t)(slash - naming_file) + 1;
    char *p = malloc(dl + strlen(rel) + 1);
    if (!p)
        return NULL;
    memcpy(p, naming_file, dl);
    strcpy(p + dl, rel);
    return p;
}

static int set_value(scenario *scn, void *base, const key_def *k,
                     const char *v, srcloc at, const char **why)
{
    char *field = (char *)base + k->off;
    double x;
    switch (k->type) {
    case T_TEXT: {
        char **s = (char **)field;
        free(*s);
        *s = xstrdup(v);
        return 0;
    }
    case T_REF: {
        ref *r = (ref *)field;
        if (!valid_name(v)) {
            /* event targets are paths with dots */
            int ok = k->kind == SK_EVENT && *v;
            for (const char *p = v; ok && *p; p++)
                ok = isalnum((unsigned char)*p) || *p == '-' || *p == '_' ||
                     *p == '.';
            if (!ok) {
                *why = "expected a name (letters, digits, '-' and '_')";
                return -1;
            }
        }
        free(r->name);
        r->name = xstrdup(v);
        r->at = at;
        return 0;
    }
    case T_PATH: { /* the two paths of a region: series, weather_series */
        node_el *n = base;
        char **path = (char **)field;
        free(*path);
        *path = path_join(at.file >= 0 ? scn->err->files[at.file] : NULL, v);
        *(path == &n->series ? &n->series_at : &n->weather_at) = at;
        return 0;
    }
    case T_FLOW:
    case T_VOLUME: {
        qty q;
        if (units_parse_qty(v, k->type == T_FLOW ? Q_FLOW : Q_VOLUME, &q, why))
            return -1;
        if (k->kind == SK_EVENT) {
            event_el *e = base;
            if (e->has_factor && e->fv_section == scn->section_seq) {
                *why = "give either 'factor' or 'value', not both";
                return -1;
            }
            e->has_factor = 0;
            e->fv_section = scn->section_seq;
        }
        *(qty *)field = q;
        return 0;
    }
    case T_PRICE:
        if (units_parse_number(v, "EUR/MWh", &x, why))
            return -1;
        if (fabs(x) > UNITS_MAX_PRICE) {
            *why = "price too large (at most 1000000 EUR/MWh)";
            return -1;
        }
        *(double *)field = x;
        return 0;
    case T_FRACTION:
    case T_FRACTION01:
    case T_FACTOR:
        if (units_parse_share(v, k->type == T_FRACTION01 ? 1.0 : UNITS_MAX_FACTOR,
                              &x, why))
            return -1;
        if (k->type == T_FACTOR) {
            event_el *e = base;
            if (e->value.set && e->fv_section == scn->section_seq) {
                *why = "give either 'factor' or 'value', not both";
                return -1;
            }
            e->has_factor = 1;
            e->value.set = 0;
            e->fv_section = scn->section_seq;
        }
        *(double *)field = x;
        return 0;
    case T_NUMBER:
    case T_GCV:
    case T_KELVIN:
    case T_PER_YEAR:
    case T_DAYS_REAL: {
        const char *unit = k->type == T_GCV      ? "kWh/m3"
                           : k->type == T_KELVIN ? "K"
                           : k->type == T_PER_YEAR ? "/y"
                           : k->type == T_DAYS_REAL ? "d"
                                                    : NULL;
        if (units_parse_number(v, unit, &x, why))
            return -1;
        if (k->type == T_GCV && !(x >= 1 && x <= 100)) {
            *why = "must lie in 1..100 kWh/m3";
            return -1;
        }
        if (k->type != T_NUMBER && x < 0) {
            *why = "must not be negative";
            return -1;
        }
        for (const key_range *g = KEY_RANGES; g->key; g++)
            if (g->kind == k->kind && !strcmp(g->key, k->key) &&
                !(x >= g->lo && x <= g->hi)) {
                *why = g->why;
                return -1;
            }
        *(double *)field = x;
        return 0;
    }
    case T_DAYS:
    case T_DAYS_POS: {
        int pos = k->type == T_DAYS_POS; /* windows: 1 to 366 days */
        if (units_parse_number(v, "d", &x, why))
            return -1;
        if (x < pos || x != floor(x) || x > (pos ? 366 : 100000)) {
            *why = pos ? "expected a whole number of days from 1 to 366"
                       : "expected a whole number of days";
            return -1;
        }
        *(int *)field = (int)x;
        return 0;
    }
    case T_DATE: {
        int d;
        if (dates_parse(v, &d, why))
            return -1;
        *(int *)field = d;
        if (k->kind == SK_SCENARIO)
            *(strcmp(k->key, "start") ? &scn->sc.end_at : &scn->sc.start_at) = at;
        return 0;
    }
    case T_NAMES:
    case T_PRICES:
    case T_FRACTIONS:
    case T_SHAPE:
    case T_CURVE:
    case T_TARGETS:
    case T_MIX: {
        list *l = (list *)field;
        if (parse_list(v, k->type, l, why))
            return -1;
        l->at = at;
        return 0;
    }
    case T_CURTAIL:
    case T_DIST:
    case T_FORESIGHT:
    case T_SOLVER:
    case T_BOOL:
        for (const word_type *w = WORD_TYPES; w->words; w++)
            if (w->type == k->type && parse_word(v, w->words, (int *)field)) {
                *why = w->expected;
                return -1;
            }
        return 0;
    case T_TRANCHES:
    case T_BLOCKS:
    case T_FLOWS: {
        plist *l = (plist *)field;
        if (parse_plist(v, k->type, l, why))
            return -1;
        l->at = at;
        return 0;
    }
    }
    *why = "internal: unknown value type";
    return -1;
}

/* Common keys of every named element. */
static int set_common(void *el, const char *key, const char *v,
                      const char **why)
{
    elem *e = el;
    if (strcmp(key, "enabled") == 0) {
        if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
            e->enabled = 1;
        else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0"))
            e->enabled = 0;
        else {
            *why = "expected true or false";
            return -1;
        }
        return 0;
    }
    if (strcmp(key, "description") == 0) {
        free(e->description);
        e->description = xstrdup(v);
        return 0;
    }
    return 1; /* not a common key */
}

/* Apply key=value to (kind, element). Reports errors at `at`. */
static void apply_key(scenario *scn, int kind, void *el, const char *key,
                      const char *value, srcloc at)
{
    const char *why = NULL;
    const char *kname = scenario_kind_name(kind);
    const char *ename = el ? ((elem *)el)->name : NULL;
    char who[300];
    if (ename)
        snprintf(who, sizeof who, "%s '%s'",
                 kind == SK_NODE && ((node_el *)el)->is_region ? "region" : kname,
                 ename);
    else
        snprintf(who, sizeof who, "[%s]", kname);
    if (el) {
        int r = set_common(el, key, value, &why);
        if (r < 0) {
            err_at(scn->err, at, "%s: '%s': %s", who, key, why);
            return;
        }
        if (r == 0)
            return;
    }
    const key_def *k = key_lookup(kind, key);
    if (!k) {
        char near[128];
        err_at(scn->err, at, "%s: unknown key '%s'%s", who, key,
               near_key(kind, key, near, sizeof near));
        return;
    }
    if ((k->flags & KF_REGION) && !((node_el *)el)->is_region) {
        err_at(scn->err, at, "%s: '%s' is a [region] key; a [node] has no demand", who,
               key);
        return;
    }
    void *base = el ? el : (void *)&scn->sc;
    if (set_value(scn, base, k, value, at, &why))
        err_at(scn->err, at, "%s: '%s = %s': %s", who, key, value, why);
}

/* ---- reading files ---------------------------------------------------- */

typedef struct reader {
    scenario *scn;
    const char *p;
} reader;

static void section_begin(scenario *scn, const char *text)
{
    srcloc at = {scn->cur_file, scn->cur_line};
    char buf[256], word[256], name[256], extra[8];
    snprintf(buf, sizeof buf, "%s", text);
    snprintf(scn->cur_section, sizeof scn->cur_section, "%s", text);
    scn->section_seq++;
    scn->file_sections++;
    scn->n_seen = 0;
    scn->cur_kind = -2; /* ignore keys of a bad section */
    scn->cur_elem = NULL;
    name[0] = '\0';
    int nw = sscanf(buf, "%255s %255s %7s", word, name, extra);
    if (nw < 1) {
        err_at(scn->err, at, "empty section name");
        return;
    }
    const kind_def *kd = NULL;
    for (const kind_def *k = KINDS; k->word; k++)
        if (strcmp(k->word, word) == 0)
            kd = k;
    if (!kd) {
        char near[128];
        err_at(scn->err, at, "unknown section kind '%s' (expected scenario, weather, "
                      "origin, source, node, region, pipeline, storage, lng or "
                      "event)%s", word, near_kind(word, near, sizeof near));
        return;
    }
    if (kd->kind >= SK_COUNT) {
        if (nw > 1) {
            err_at(scn->err, at, "[%s] takes no name", word);
            return;
        }
        scn->cur_kind = kd->kind;
        if (kd->kind == SK_SCENARIO && scn->sc_at.line == 0)
            scn->sc_at = at;
        return;
    }
    if (nw != 2) {
        err_at(scn->err, at, nw == 1 ? "[%s] needs a name, e.g. [%s NAME]"
                              : "[%s NAME]: names contain no spaces", word, word);
        return;
    }
    if (!valid_name(name)) {
        err_at(scn->err, at, "%s '%s': names use letters, digits, '-' and '_'", word,
               name);
        return;
    }
    void *el = scenario_find(scn, kd->kind, name);
    if (el && kd->kind == SK_NODE &&
        ((node_el *)el)->is_region != kd->is_region) {
        err_at(scn->err, at, "'%s' is declared both as [node] and [region]", name);
        return;
    }
    if (!el) {
        el = element_new(scn, kd->kind, kd->size, name, at);
        if (!el) {
            err_at(scn->err, at, "out of memory");
            return;
        }
        if (kd->kind == SK_NODE)
            ((node_el *)el)->is_region = kd->is_region;
    }
    scn->cur_kind = kd->kind;
    scn->cur_elem = el;
}

/* 1 if any section kind has this key. */
static int known_key(const char *key, size_t len)
{
    for (const key_def *k = KEYS; k->key; k++)
        if (strlen(k->key) == len && strncmp(k->key, key, len) == 0)
            return 1;
    return (len == 4 && !strncmp(key, "base", 4)) ||
           (len == 7 && !strncmp(key, "enabled", 7)) ||
           (len == 11 && !strncmp(key, "description", 11));
}

/* A line before any section of the file: a file whose first line is
 * neither a section nor a known key, or that has three lines before its
 * first section, is some other file (stop, rather than echo it back). */
static int not_a_scenario(scenario *scn, const char *line)
{
    size_t klen = strcspn(line, "=:\r\n");
    int keyish = line[klen] == '=' || line[klen] == ':';
    while (klen > 0 && isspace((unsigned char)line[klen - 1]))
        klen--;
    scn->pre_lines++;
    if ((scn->pre_lines == 1 && !(keyish && known_key(line, klen))) ||
        scn->pre_lines >= 3) {
        srcloc at = {scn->cur_file, scn->cur_line};
        err_at(scn->err, at, "not a gasdep scenario file (expected a section "
               "such as [scenario] first)");
        scn->stop_file = 1;
        return 1;
    }
    return 0;
}

/* fgets-style reader for inih: counts lines for messages, rejects lines
 * longer than inih's buffer, and opens sections (inih calls no handler for a
 * section without keys, and `[node TR]` alone must still create the node). */
static char *reader_line(char *str, int num, void *stream)
{
    reader *r = stream;
    if (!*r->p || r->scn->stop_file)
        return NULL;
    const char *e = strchr(r->p, '\n');
    size_t len = e ? (size_t)(e - r->p) + 1 : strlen(r->p);
    r->scn->cur_line++;
    size_t content = len;
    while (content > 0 && (r->p[content - 1] == '\n' || r->p[content - 1] == '\r'))
        content--;
    if (content > (size_t)num - 3 || len + 1 > (size_t)num) {
        srcloc at = {r->scn->cur_file, r->scn->cur_line};
        err_at(r->scn->err, at, "line longer than %d characters", num - 3);
        r->p += len;
        strcpy(str, "\n");
        return str;
    }
    memcpy(str, r->p, len);
    str[len] = '\0';
    r->p += len;
    const char *s = str;
    while (isspace((unsigned char)*s))
        s++;
    if (*s && *s != '[' && *s != ';' && *s != '#' && r->scn->file_sections == 0 &&
        not_a_scenario(r->scn, s))
        return NULL;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (close) {
            char sect[256];
            size_t n = (size_t)(close - s - 1);
            if (n >= sizeof sect)
                n = sizeof sect - 1;
            memcpy(sect, s + 1, n);
            sect[n] = '\0';
            section_begin(r->scn, sect);
        }
    }
    return str;
}

static int load_file_into(scenario *scn, const char *path, srcloc from);

static int on_key(void *user, const char *section, const char *name,
                       const char *value)
{
    scenario *scn = user;
    srcloc at = {scn->cur_file, scn->cur_line};
    (void)section;
    int first_key = scn->keys_in_file++ == 0;
    if (scn->cur_kind == -1) {
        err_at(scn->err, at, "'%s' outside any section", name);
        return 1;
    }
    if (scn->cur_kind == -2)
        return 1;
    if (scn->cur_kind == SK_SCENARIO && strcmp(name, "base") == 0) {
        if (!first_key) {
            err_at(scn->err, at, "'base' must be the first key of the file");
            return 1;
        }
        char *p = path_join(scn->err->files[scn->cur_file], value);
        int saved_file = scn->cur_file, saved_line = scn->cur_line;
        int saved_keys = scn->keys_in_file, saved_sections = scn->file_sections;
        load_file_into(scn, p, at);
        free(p);
        scn->cur_file = saved_file;
        scn->cur_line = saved_line;
        scn->keys_in_file = saved_keys;
        scn->file_sections = saved_sections;
        scn->pre_lines = 0;
        scn->stop_file = 0;
        scn->n_seen = 0;
        scn->cur_kind = SK_SCENARIO;
        scn->cur_elem = NULL;
        return 1;
    }
    for (int i = 0; i < scn->n_seen; i++)
        if (strcmp(scn->seen_key[i], name) == 0) {
            err_at(scn->err, at, "'%s' given twice in one section (first on "
                   "line %d)", name, scn->seen_line[i]);
            return 1;
        }
    if (scn->n_seen < 64 && strlen(name) < sizeof scn->seen_key[0]) {
        strcpy(scn->seen_key[scn->n_seen], name);
        scn->seen_line[scn->n_seen++] = scn->cur_line;
    }
    apply_key(scn, scn->cur_kind, scn->cur_elem, name, value, at);
    return 1;
}

static int parse_text(scenario *scn, const char *name, const char *text)
{
    int file = err_add_file(scn->err, name);
    if (file < 0)
        return GASDEP_ENOMEM;
    scn->cur_file = file;
    scn->cur_line = 0;
    scn->cur_kind = -1;
    scn->cur_elem = NULL;
    scn->keys_in_file = 0;
    scn->file_sections = scn->pre_lines = scn->stop_file = scn->n_seen = 0;
    SHA256Update(&scn->sha, (const uint8_t *)text, strlen(text));
    sha256_hex(scn);
    reader r = {scn, text + utf8_bom_len(text)}; /* a UTF-8 BOM is no text */
    int file_index = scn->cur_file;
    int rc = ini_parse_stream(reader_line, &r, on_key, scn);
    if (rc > 0 && !scn->stop_file) {
        srcloc at = {file_index, rc};
        err_at(scn->err, at, "syntax error: expected '[kind name]' or 'key = value'");
    }
    return GASDEP_OK;
}

static int load_file_into(scenario *scn, const char *path, srcloc from)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    if (stat(path, &st) == 0)
        for (int i = 0; i < scn->depth; i++)
            if (scn->open_dev[i] == (unsigned long long)st.st_dev &&
                scn->open_ino[i] == (unsigned long long)st.st_ino &&
                scn->open_file[i] >= 0) {
                char chain[512];
                size_t k = 0;
                chain[0] = '\0';
                for (int j = i; j < scn->depth && k < sizeof chain; j++)
                    k += (size_t)snprintf(chain + k, sizeof chain - k, "%s -> ",
                                          scn->err->files[scn->open_file[j]]);
                err_at(scn->err, from, "base files form a cycle: %s%s", chain,
                       path);
                return GASDEP_EINPUT;
            }
    if (scn->depth >= MAX_BASE_DEPTH) {
        err_at(scn->err, from, "base files nested more than %d deep (a cycle?)",
               MAX_BASE_DEPTH);
        return GASDEP_EINPUT;
    }
    char *text;
    size_t len;
    int rf = read_regular_file(path, MAX_INPUT_BYTES, &text, &len);
    if (rf == RF_NOMEM)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    if (rf != RF_OK) {
        const char *why = rf == RF_OPEN ? "cannot open" : read_file_why(rf);
        if (from.line > 0 && rf == RF_OPEN)
            err_at(scn->err, from, "cannot open '%s'", path);
        else if (from.line > 0)
            err_at(scn->err, from, "'%s': %s", path, why);
        else
            err_fail(scn->err, rf == RF_OPEN ? GASDEP_EIO : GASDEP_EINPUT,
                     "%s: %s", path,
                     rf == RF_OPEN ? "cannot open scenario file" : why);
        return rf == RF_OPEN ? GASDEP_EIO : GASDEP_EINPUT;
    }
    if (memchr(text, '\0', len)) {
        free(text);
        err_fail(scn->err, GASDEP_EINPUT, "%s: not a text file", path);
        return GASDEP_EINPUT;
    }
    scn->open_dev[scn->depth] = (unsigned long long)st.st_dev;
    scn->open_ino[scn->depth] = (unsigned long long)st.st_ino;
    scn->open_file[scn->depth] = scn->err->n_files; /* parse_text adds it */
    scn->depth++;
    int rc = parse_text(scn, path, text);
    scn->depth--;
    free(text);
    return rc;
}

int scenario_load_file(scenario *scn, const char *path, srcloc from)
{
    int rc = load_file_into(scn, path, from);
    if (rc == GASDEP_OK && scn->err->n_errors > 0)
        rc = GASDEP_EINPUT;
    return rc;
}

int scenario_load_text(scenario *scn, const char *name, const char *text)
{
    scn->open_file[scn->depth] = -1; /* no file: never part of a cycle */
    scn->depth++;
    int rc = parse_text(scn, name, text);
    scn->depth--;
    if (rc == GASDEP_OK && scn->err->n_errors > 0)
        rc = GASDEP_EINPUT;
    return rc;
}

/* ---- paths: kind.name.key --------------------------------------------- */

static int split_path(const scenario *scn, const char *path, int *kind,
                      void **el, const key_def **kd, char *keybuf,
                      size_t keylen, const char **why)
{
    char buf[512], *parts[4];
    if (strlen(path) >= sizeof buf) {
        *why = "path too long";
        return -1;
    }
    strcpy(buf, path);
    int n = 0;
    for (char *p = buf, *dot; n < 4; p = dot + 1) {
        parts[n++] = p;
        dot = strchr(p, '.');
        if (!dot)
            break;
        *dot = '\0';
    }
    const kind_def *kdef = NULL;
    for (const kind_def *k = KINDS; k->word; k++)
        if (strcmp(k->word, parts[0]) == 0)
            kdef = k;
    if (!kdef) {
        char near[128];
        /* keybuf is free on failure: it holds the message with a hint */
        snprintf(keybuf, keylen, "unknown element kind (scenario, weather, origin, "
                 "source, node, region, pipeline, storage, lng, event)%s",
                 near_kind(parts[0], near, sizeof near));
        *why = keybuf;
        return -1;
    }
    *kind = kdef->kind;
    *el = NULL;
    const char *key;
    if (kdef->kind >= SK_COUNT) {
        if (n != 2) {
            *why = "expected scenario.KEY or weather.KEY";
            return -1;
        }
        key = parts[1];
    } else {
        if (n != 3) {
            *why = "expected KIND.NAME.KEY";
            return -1;
        }
        *el = scenario_find(scn, kdef->kind, parts[1]);
        if (!*el) {
            char near[300];
            snprintf(keybuf, keylen, "no such element in the scenario%s",
                     near_element(scn, kdef->kind, parts[1], near, sizeof near));
            *why = keybuf;
            return -1;
        }
        key = parts[2];
    }
    snprintf(keybuf, keylen, "%s", key);
    *kd = key_lookup(kdef->kind, key);
    if (!*kd && strcmp(key, "enabled") != 0 && strcmp(key, "description") != 0) {
        char near[128];
        near_key(kdef->kind, key, near, sizeof near);
        snprintf(keybuf, keylen, "unknown key%s", near);
        *why = keybuf;
        return -1;
    }
    return 0;
}

/* group.NAME.initial_fill = F (a --set path): the initial_fill of every
 * storage at a region of group NAME (its `groups`), `group.*` for every
 * storage; one line for "all EU storages at 90 %" instead of one override
 * per site. A storage named later by its own path still wins. */
static int set_group_initial_fill(scenario *scn, const char *group, const char *value,
                                  srcloc at)
{
    const elist *st = &scn->el[SK_STORAGE];
    int hit = 0;
    for (int i = 0; i < st->n; i++) {
        storage_el *sto = st->v[i];
        const node_el *r = sto->node.name ? scenario_find(scn, SK_NODE, sto->node.name)
                                          : NULL;
        int in = strcmp(group, "*") == 0;
        for (int g = 0; r && r->is_region && !in && g < r->groups.n; g++)
            in = r->groups.key[g] && strcmp(r->groups.key[g], group) == 0;
        if (in) {
            apply_key(scn, SK_STORAGE, sto, "initial_fill", value, at);
            hit++;
        }
    }
    if (!hit)
        err_at(scn->err, at, "'group.%s.initial_fill': no storage at a region of group "
               "'%s'", group, group);
    return hit;
}

int scenario_set(scenario *scn, const char *path, const char *value)
{
    int kind;
    void *el;
    const key_def *kd;
    const char *why;
    char key[256];
    char **o = realloc(scn->overrides, (size_t)(scn->n_overrides + 1) * sizeof *o);
    if (!o)
        return GASDEP_ENOMEM;
    scn->overrides = o;
    size_t len = strlen(path) + strlen(value) + 2;
    char *s = malloc(len);
    if (!s)
        return GASDEP_ENOMEM;
    snprintf(s, len, "%s=%s", path, value);
    scn->overrides[scn->n_overrides++] = s;
    srcloc at = {-1, scn->n_overrides};
    int before = scn->err->n_errors;
    scn->section_seq++;
    const char *last = strrchr(path, '.');
    if (strncmp(path, "group.", 6) == 0 && last > path + 6 &&
        strcmp(last, ".initial_fill") == 0 && (size_t)(last - path - 6) < sizeof key) {
        memcpy(key, path + 6, (size_t)(last - path - 6));
        key[last - path - 6] = '\0';
        set_group_initial_fill(scn, key, value, at);
        return scn->err->n_errors > before ? GASDEP_EINPUT : GASDEP_OK;
    }
    if (split_path(scn, path, &kind, &el, &kd, key, sizeof key, &why)) {
        err_at(scn->err, at, "'%s': %s", path, why);
        return GASDEP_EINPUT;
    }
    apply_key(scn, kind, el, key, value, at);
    return scn->err->n_errors > before ? GASDEP_EINPUT : GASDEP_OK;
}

int scenario_get(const scenario *scn, const char *path, double *value)
{
    int kind;
    void *el;
    const key_def *k;
    const char *why;
    char key[256];
    *value = NAN;
    if (split_path(scn, path, &kind, &el, &k, key, sizeof key, &why))
        return GASDEP_EARG;
    if (!k) {
        *value = ((elem *)el)->enabled;
        return strcmp(key, "enabled") == 0 ? GASDEP_OK : GASDEP_EARG;
    }
    const char *field = (const char *)(el ? el : (const void *)&scn->sc) + k->off;
    switch (k->type) {
    case T_FLOW:
    case T_VOLUME:
        *value = units_mcm((const qty *)field, scn->sc.gcv);
        return GASDEP_OK;
    case T_PRICE:
    case T_FRACTION:
    case T_FRACTION01:
    case T_FACTOR:
    case T_NUMBER:
    case T_GCV:
    case T_KELVIN:
    case T_PER_YEAR:
    case T_DAYS_REAL:
        *value = *(const double *)field;
        return GASDEP_OK;
    case T_DAYS:
    case T_DATE:
    case T_CURTAIL:
    case T_DIST:
    case T_FORESIGHT:
    case T_BOOL:
    case T_DAYS_POS:
    case T_SOLVER:
        *value = *(const int *)field;
        return GASDEP_OK;
    default:
        return GASDEP_EARG; /* text and lists have no single number */
    }
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
            list_free((list *)field);
            break;
        case T_TRANCHES:
        case T_BLOCKS:
        case T_FLOWS:
            plist_free((plist *)field);
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
