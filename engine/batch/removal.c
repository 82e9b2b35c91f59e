/* removal.c: dependence and criticality batches. Run 1 is the scenario as it
 * is; run 1 + i removes the i-th element for the whole horizon, through the
 * core's external factors (gasdep_set_capacity_factor with factor 0), so
 * that a run depends only on (batch, run id) like every other batch run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "removal.h"

#define SHORT_EPS 1e-6 /* mcm: a day is short above this (as days_short) */

/* Kinds each batch can remove, in the order their elements are listed. */
static const struct {
    const char *word;
    int kind;
    int dependence; /* 1: dependence (--by), 0: criticality (--kind) */
} KINDS[] = {
    {"origin", GASDEP_ORIGIN, 1},     {"group", GASDEP_ORIGIN_GROUP, 1},
    {"corridor", GASDEP_CORRIDOR, 1}, {"pipeline", GASDEP_PIPELINE, 0},
    {"lng", GASDEP_LNG, 0},           {"storage", GASDEP_STORAGE, 0},
    {"source", GASDEP_SOURCE, 0},     {"corridor", GASDEP_CORRIDOR, 0},
};
#define N_KINDS (int)(sizeof KINDS / sizeof KINDS[0])

const char *removal_kind_word(int kind)
{
    for (int i = 0; i < N_KINDS; i++)
        if (KINDS[i].kind == kind)
            return KINDS[i].word;
    return "";
}

/* The entry of KINDS for word in this batch, or -1. */
static int kind_entry(const gasdep_batch *b, const char *word, size_t len)
{
    int dep = b->kind == GASDEP_DEPENDENCE;
    for (int i = 0; i < N_KINDS; i++)
        if (KINDS[i].dependence == dep && strlen(KINDS[i].word) == len &&
            !strncasecmp(KINDS[i].word, word, len))
            return i;
    return -1;
}

int removal_parse(gasdep_batch *b, const char *kinds)
{
    int dep = b->kind == GASDEP_DEPENDENCE;
    const char *opt = dep ? "--by" : "--kind";
    const char *valid = dep ? "origin, group or corridor"
                            : "pipeline, lng, storage, source or corridor";
    int n = 0;
    for (const char *p = kinds;; p++) {
        size_t len = strcspn(p, ",");
        if (!len || kind_entry(b, p, len) < 0) {
            batch_err(b, "%s '%.*s': expected %s%s", opt, (int)len, p, valid,
                      dep ? "" : " (a comma list)");
            return GASDEP_EINPUT;
        }
        n++;
        p += len;
        if (!*p)
            break;
    }
    if (dep && n > 1) {
        batch_err(b, "--by '%s': one of %s", kinds, valid);
        return GASDEP_EINPUT;
    }
    char *s = strdup(kinds);
    if (!s)
        return GASDEP_ENOMEM;
    free(b->rm_kinds);
    b->rm_kinds = s;
    return GASDEP_OK;
}

void removal_free(gasdep_batch *b)
{
    for (int i = 0; i < b->n_rm; i++)
        free(b->rm[i].name);
    free(b->rm);
    free(b->origin_group);
    b->rm = NULL;
    b->origin_group = NULL;
    b->n_rm = b->n_origins = 0;
}

/* 1 if kinds (a comma list) names KINDS[e]. */
static int wants(const gasdep_batch *b, const char *kinds, int e)
{
    for (const char *p = kinds;; p++) {
        size_t len = strcspn(p, ",");
        if (kind_entry(b, p, len) == e)
            return 1;
        p += len;
        if (!*p)
            return 0;
    }
}

int removal_collect(gasdep_batch *b, const gasdep_model *m)
{
    const char *kinds = b->rm_kinds ? b->rm_kinds
                        : b->kind == GASDEP_DEPENDENCE ? "group"
                                                       : "pipeline,lng,storage,source";
    b->n_origins = gasdep_count(m, GASDEP_ORIGIN);
    b->origin_group = calloc((size_t)b->n_origins + 1, sizeof *b->origin_group);
    if (!b->origin_group)
        return GASDEP_ENOMEM;
    for (int o = 0; o < b->n_origins; o++)
        b->origin_group[o] = gasdep_origin_group(m, o);
    b->n_corr = gasdep_count(m, GASDEP_CORRIDOR);
    int total = 0;
    for (int e = 0; e < N_KINDS; e++)
        if (wants(b, kinds, e)) {
            total += gasdep_count(m, KINDS[e].kind);
        }
    b->rm = calloc((size_t)total + 1, sizeof *b->rm);
    if (!b->rm)
        return GASDEP_ENOMEM;
    for (int e = 0; e < N_KINDS; e++) {
        if (!wants(b, kinds, e))
            continue;
        int k = KINDS[e].kind;
        for (int i = 0; i < gasdep_count(m, k); i++) {
            rm_elem *r = &b->rm[b->n_rm];
            r->kind = k;
            r->index = i;
            if (!(r->name = strdup(gasdep_name(m, k, i))))
                return GASDEP_ENOMEM;
            b->n_rm++;
        }
    }
    int last = b->first_day + b->n_days - 1;
    b->rm_first = b->period_set ? b->period_first : b->first_day;
    b->rm_last = b->period_set && b->period_days ? b->rm_first + b->period_days - 1
                                                 : last;
    if (b->rm_first < b->first_day || b->rm_last > last) {
        char d[4][16];
        gasdep_date_format(b->rm_first, d[0]);
        gasdep_date_format(b->rm_last, d[1]);
        gasdep_date_format(b->first_day, d[2]);
        gasdep_date_format(last, d[3]);
        batch_err(b, "the period %s..%s is not inside the scenario's horizon "
                  "%s..%s", d[0], d[1], d[2], d[3]);
        return GASDEP_EINPUT;
    }
    if (!b->n_rm) {
        batch_err(b, "nothing to remove: the scenario has no %s", kinds);
        return GASDEP_EINPUT;
    }
    b->n_runs = 1 + b->n_rm;
    bbuf d = {0};
    char d0[16], d1[16];
    gasdep_date_format(b->rm_first, d0);
    gasdep_date_format(b->rm_last, d1);
    bb_printf(&d, "%s: %ld runs: the scenario as it is, then each of %d "
              "element%s (%s) removed from %s to %s",
              batch_kind_word(b->kind), b->n_runs, b->n_rm, b->n_rm == 1 ? "" : "s",
              kinds, d0, d1);
    if (d.oom) {
        bb_free(&d);
        return GASDEP_ENOMEM;
    }
    free(b->describe);
    b->describe = d.p;
    return GASDEP_OK;
}

int removal_apply(const gasdep_batch *b, long run, gasdep_model *m, int day)
{
    if (run <= 1 || day != b->rm_first)
        return GASDEP_OK;
    const rm_elem *r = &b->rm[run - 2];
    if (r->kind != GASDEP_ORIGIN_GROUP)
        return gasdep_set_capacity_factor(m, r->kind, r->index, 0.0);
    int rc = GASDEP_OK;
    for (int o = 0; o < b->n_origins && rc == GASDEP_OK; o++)
        if (b->origin_group[o] == r->index)
            rc = gasdep_set_capacity_factor(m, GASDEP_ORIGIN, o, 0.0);
    return rc;
}

size_t removal_len(const gasdep_batch *b)
{
    return (size_t)b->n_areas * (RF_COUNT + (size_t)b->n_origins + (size_t)b->n_corr);
}

void removal_reset(const gasdep_batch *b, double *acc)
{
    memset(acc, 0, removal_len(b) * sizeof *acc);
    for (int a = 0; a < b->n_areas; a++)
        acc[(size_t)a * RF_COUNT + RF_FIRST_SHORT] = NAN;
}

int removal_day(const gasdep_batch *b, const gasdep_model *m, double *acc)
{
    int day = gasdep_day(m);
    if (day < b->rm_first)
        return 0;
    double *vol = acc + (size_t)b->n_areas * RF_COUNT;
    for (int a = 0; a < b->n_areas; a++) {
        gasdep_area_day r;
        gasdep_area_result(m, a, &r);
        double *f = acc + (size_t)a * RF_COUNT;
        f[RF_DEMAND] += r.demand_mcm;
        f[RF_SUPPLIED] += r.supplied_mcm;
        f[RF_UNSERVED] += r.unserved_mcm;
        if (r.unserved_mcm > SHORT_EPS) {
            f[RF_DAYS_SHORT] += 1;
            if (isnan(f[RF_FIRST_SHORT]))
                f[RF_FIRST_SHORT] = day;
        }
        for (int o = 0; o < b->n_origins; o++)
            vol[(size_t)a * b->n_origins + o] += gasdep_area_origin_mcm(m, a, o);
        double *via = vol + (size_t)b->n_areas * b->n_origins; /* routes */
        for (int c = 0; c < b->n_corr; c++)
            via[(size_t)a * b->n_corr + c] += gasdep_area_via_mcm(m, a, c);
    }
    return day >= b->rm_last;
}

void removal_record(const gasdep_batch *b, const double *acc, bbuf *out)
{
    bb_put(out, acc, removal_len(b) * sizeof *acc);
}
