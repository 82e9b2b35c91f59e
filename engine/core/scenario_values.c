/* scenario_values.c: one key's value checked and stored by its type in the
 * key table (scenario_keys.c): numbers with units, dates, lists, curves,
 * words, paths; the common keys of every element. */
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
#include "scenario_values.h"
#include "suggest.h"
#include "util.h"

#define MAX_BASE_DEPTH SCENARIO_MAX_BASE_DEPTH

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

/* Item i of a list of type from token t (cut at its colon): its key (a
 * name, date or fill level) and value; -1 with the reason in *why. */
static int parse_item(int type, char *t, list *l, int i, const char **why)
{
    char *colon = strchr(t, ':');
    double x;
    switch (type) {
    case T_NAMES:
        if (!scenario_valid_name(t)) {
            *why = "names use letters, digits, '-' and '_'";
            return -1;
        }
        l->key[i] = xstrdup(t);
        return 0;
    case T_PRICES:
        if (units_parse_number(t, "EUR/MWh", &l->val[i], why) != 0)
            return -1;
        if (fabs(l->val[i]) > UNITS_MAX_PRICE) {
            *why = "price too large (at most 1000000 EUR/MWh)";
            return -1;
        }
        return 0;
    case T_FRACTIONS:
        return units_parse_share(t, 1.0, &l->val[i], why) != 0 ? -1 : 0;
    case T_SHAPE:
        if (units_parse_number(t, NULL, &l->val[i], why) != 0)
            return -1;
        if (l->val[i] < 0) {
            *why = "monthly factors must not be negative";
            return -1;
        }
        if (l->val[i] > UNITS_MAX_FLOW) {
            *why = "monthly factor too large";
            return -1;
        }
        return 0;
    }
    /* T_CURVE, T_TARGETS, T_MIX: pairs a:b */
    if (!colon) {
        *why = "expected pairs written a:b";
        return -1;
    }
    *colon = '\0';
    if (units_parse_share(colon + 1, type == T_CURVE ? UNITS_MAX_FACTOR : 1.0, &x,
                          why) != 0)
        return -1;
    l->val[i] = x;
    if (type == T_TARGETS) {
        int ty, tm, td;
        if (dates_parse_target(t, &ty, &tm, &td) != 0) {
            *why = "target dates are written MM-DD (every year, e.g. "
                   "11-01:90%) or YYYY-MM-DD (e.g. 2022-11-01:80%)";
            return -1;
        }
        l->key[i] = xstrdup(t);
    } else if (type == T_MIX) {
        if (!scenario_valid_name(t)) {
            *why = "expected origin:share pairs";
            return -1;
        }
        l->key[i] = xstrdup(t);
    } else {
        double f;
        if (units_parse_share(t, 1.0, &f, why) != 0)
            return -1;
        char num[64];
        snprintf(num, sizeof num, "%.17g", f);
        l->key[i] = xstrdup(num);
    }
    return 0;
}

/* What a whole list of type must satisfy: 12 monthly factors, a curve's
 * fill levels rising over at least two points. */
static int check_list(int type, const list *l, const char **why)
{
    if (type == T_SHAPE && l->n != 12) {
        *why = "shape takes 12 monthly factors (Jan..Dec)";
        return -1;
    }
    if (type == T_CURVE) {
        for (int i = 1; i < l->n; i++)
            if (atof(l->key[i]) <= atof(l->key[i - 1])) {
                *why = "curve fill levels must increase";
                return -1;
            }
        if (l->n < 2) {
            *why = "a curve needs at least two points";
            return -1;
        }
    }
    return 0;
}

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
    for (int i = 0; i < n; i++)
        if (parse_item(type, tok[i], &l, i, why))
            goto fail;
    if (check_list(type, &l, why))
        goto fail;
    scenario_list_free(out);
    *out = l;
    return 0;
fail:
    scenario_list_free(&l);
    return -1;
}

/* ---- priced lists: tranches, demand blocks, flows ---------------------- */

#define MAX_PAIRS 32

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
    scenario_plist_free(out);
    *out = l;
    return 0;
fail:
    scenario_plist_free(&l);
    return -1;
}

/* ---- one key = value -------------------------------------------------- */

const key_def *scenario_key_lookup(int kind, const char *key)
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
static const char *const PROFILE_WORDS[] = {"smooth", "monthly", NULL};
static const char *const VALUATION_WORDS[] = {"water", "flat", "curves", NULL};

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
    {T_PROFILE, PROFILE_WORDS, "expected smooth or monthly"},
    {T_VALUATION, VALUATION_WORDS, "expected water, flat or curves"},
    {T_BOOL, BOOL_WORDS, "expected true or false"},
    {0, NULL, NULL},
};

/* Join a relative path onto the directory of the file that names it. */
char *scenario_path_join(const char *naming_file, const char *rel)
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

/* A reference to an element by name (event targets: a path with dots). */
static int set_ref(const key_def *k, ref *r, const char *v, srcloc at,
                   const char **why)
{
    if (!scenario_valid_name(v)) {
        int ok = k->kind == SK_EVENT && *v;
        for (const char *p = v; ok && *p; p++)
            ok = isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.';
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

/* A flow or volume with its unit; an event's value excludes its factor
 * within one section. */
static int set_quantity(scenario *scn, void *base, const key_def *k, qty *field,
                        const char *v, const char **why)
{
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
    *field = q;
    return 0;
}

/* A fraction (0..1 or a percentage) or a factor; an event's factor excludes
 * its value within one section. */
static int set_share(scenario *scn, void *base, const key_def *k, double *field,
                     const char *v, const char **why)
{
    double x;
    if (units_parse_share(v, k->type == T_FRACTION01 ? 1.0 : UNITS_MAX_FACTOR, &x,
                          why))
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
    *field = x;
    return 0;
}

/* A number in the unit of its type (kWh/m3, K, /y, d or none), within its
 * key's range (KEY_RANGES). */
static int set_number(const key_def *k, double *field, const char *v,
                      const char **why)
{
    double x;
    const char *unit = k->type == T_GCV        ? "kWh/m3"
                       : k->type == T_KELVIN   ? "K"
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
    *field = x;
    return 0;
}

/* A whole number of days (windows: 1 to 366). */
static int set_days(const key_def *k, int *field, const char *v, const char **why)
{
    double x;
    int pos = k->type == T_DAYS_POS;
    if (units_parse_number(v, "d", &x, why))
        return -1;
    if (x < pos || x != floor(x) || x > (pos ? 366 : 100000)) {
        *why = pos ? "expected a whole number of days from 1 to 366"
                   : "expected a whole number of days";
        return -1;
    }
    *field = (int)x;
    return 0;
}

/* Store value v of key k in the element at base, by the key's type; -1
 * with the reason in *why. */
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
    case T_REF:
        return set_ref(k, (ref *)field, v, at, why);
    case T_PATH: { /* the two paths of a region: series, weather_series */
        node_el *n = base;
        char **path = (char **)field;
        free(*path);
        *path = scenario_path_join(at.file >= 0 ? scn->err->files[at.file] : NULL, v);
        *(path == &n->series ? &n->series_at : &n->weather_at) = at;
        return 0;
    }
    case T_FLOW:
    case T_VOLUME:
        return set_quantity(scn, base, k, (qty *)field, v, why);
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
        return set_share(scn, base, k, (double *)field, v, why);
    case T_NUMBER:
    case T_GCV:
    case T_KELVIN:
    case T_PER_YEAR:
    case T_DAYS_REAL:
        return set_number(k, (double *)field, v, why);
    case T_DAYS:
    case T_DAYS_POS:
        if (set_days(k, (int *)field, v, why))
            return -1;
        if (k->kind == SK_SCENARIO && !strcmp(k->key, "resolve_every"))
            scn->sc.resolve_at = at; /* for the check against lookahead */
        return 0;
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
    case T_PROFILE:
    case T_VALUATION:
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
void scenario_apply_key(scenario *scn, int kind, void *el, const char *key,
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
    const key_def *k = scenario_key_lookup(kind, key);
    if (!k) {
        char near[128];
        err_at(scn->err, at, "%s: unknown key '%s'%s", who, key,
               scenario_near_key(kind, key, near, sizeof near));
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
