/* removal_output.c: dependence.csv and criticality.csv, derived from the
 * per-area figures of every run in the journal (run 1 the scenario as it is,
 * run 1 + i with element i removed); written whole, in a fixed order, so the
 * bytes depend only on the batch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofile.h"
#include "removal.h"
#include "removal_output.h"

/* Every run's per-area figures (NaN for a failed run), and the base run's
 * volumes by origin. */
typedef struct figures {
    double *f;    /* n_runs x areas x RF_COUNT */
    double *vol;  /* base run: areas x origins, then areas x corridors */
    char *failed; /* per run */
} figures;

static void figures_free(figures *x)
{
    free(x->f);
    free(x->vol);
    free(x->failed);
}

static int figures_read(const gasdep_batch *b, journal *j, figures *x, bbuf *err)
{
    size_t A = (size_t)b->n_areas, per = A * RF_COUNT;
    size_t len = removal_len(b);
    x->f = malloc(((size_t)b->n_runs * per + 1) * sizeof *x->f);
    size_t nvol = A * ((size_t)b->n_origins + (size_t)b->n_corr);
    x->vol = calloc(nvol + 1, sizeof *x->vol);
    x->failed = calloc((size_t)b->n_runs + 1, 1);
    double *rec = malloc((len + 1) * sizeof *rec);
    if (!x->f || !x->vol || !x->failed || !rec) {
        free(rec);
        bb_puts(err, "out of memory");
        return GASDEP_ENOMEM;
    }
    for (long run = 1; run <= b->n_runs; run++) {
        double *f = x->f + (size_t)(run - 1) * per;
        size_t st = 0, n = 0;
        if (journal_section(j, run, SEC_STATUS, 0, 0, NULL, &st) ||
            journal_section(j, run, SEC_PROB, 0, 0, NULL, &n) ||
            (!st && n != len * sizeof *rec) ||
            (!st && journal_section(j, run, SEC_PROB, 0, n, rec, NULL))) {
            bb_printf(err, "%s: run %ld missing or unreadable", j->path, run);
            free(rec);
            return GASDEP_EIO;
        }
        x->failed[run - 1] = st > 0;
        for (size_t i = 0; i < per; i++)
            f[i] = st ? NAN : rec[i];
        if (run == 1 && !st)
            memcpy(x->vol, rec + per, nvol * sizeof *rec);
    }
    free(rec);
    return GASDEP_OK;
}

static const double *fig(const gasdep_batch *b, const figures *x, long run, int a)
{
    return x->f + ((size_t)(run - 1) * (size_t)b->n_areas + (size_t)a) * RF_COUNT;
}

/* The run's figures of one area: demand, unserved (mcm, GWh, share of
 * demand), added over the base (mcm, GWh), days short, first shortfall and
 * the base run's unserved gas. */
static void put_figures(bbuf *o, const gasdep_batch *b, const double *f,
                        const double *base)
{
    double g = b->gwh_per_mcm;
    double added = f[RF_UNSERVED] - base[RF_UNSERVED];
    double v[] = {f[RF_DEMAND], f[RF_UNSERVED], f[RF_UNSERVED] * g,
                  f[RF_DEMAND] > 0 ? f[RF_UNSERVED] / f[RF_DEMAND] : NAN,
                  added, added * g};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        bb_num(o, v[i], 6);
        bb_putc(o, ',');
    }
    if (!isnan(f[RF_DAYS_SHORT]))
        bb_printf(o, "%d", (int)f[RF_DAYS_SHORT]);
    bb_putc(o, ',');
    if (!isnan(f[RF_FIRST_SHORT])) {
        char date[16];
        gasdep_date_format((int)f[RF_FIRST_SHORT], date);
        bb_puts(o, date);
    }
    bb_putc(o, ',');
    bb_num(o, base[RF_UNSERVED], 6);
}

/* Gas the base run supplied to area a from removed element r (an origin,
 * every origin of a group, or the gas that passed a corridor). */
static double base_supply(const gasdep_batch *b, const figures *x, int a,
                          const rm_elem *r)
{
    if (r->kind == GASDEP_CORRIDOR)
        return x->vol[(size_t)b->n_areas * b->n_origins + (size_t)a * b->n_corr +
                      (size_t)r->index];
    double s = 0;
    for (int o = 0; o < b->n_origins; o++)
        if (r->kind == GASDEP_ORIGIN ? o == r->index : b->origin_group[o] == r->index)
            s += x->vol[(size_t)a * b->n_origins + o];
    return s;
}

static int write_dependence(const gasdep_batch *b, const figures *x, ofile *of)
{
    bbuf o = {0};
    bb_puts(&o, "source,source_kind,region,kind,demand_mcm,unserved_mcm,"
                "unserved_gwh,unserved_share,added_unserved_mcm,added_unserved_gwh,"
                "days_short,first_shortfall,base_unserved_mcm,base_supply_mcm,"
                "cannot_do_without,status\n");
    for (int i = 0; i < b->n_rm && !o.oom; i++) {
        const rm_elem *r = &b->rm[i];
        for (int a = 0; a < b->n_areas; a++) {
            const double *f = fig(b, x, i + 2, a), *base = fig(b, x, 1, a);
            bb_field(&o, r->name);
            bb_printf(&o, ",%s,", removal_kind_word(r->kind));
            bb_field(&o, b->area_name[a]);
            bb_printf(&o, ",%s,", b->area_is_group[a] ? "group" : "region");
            put_figures(&o, b, f, base);
            double sup = x->failed[0] ? NAN : base_supply(b, x, a, r);
            double need = sup > SUPPLY_EPS_MCM
                              ? (f[RF_UNSERVED] - base[RF_UNSERVED]) / sup
                              : NAN;
            need = need < 0 ? 0 : need > 1 ? 1 : need;
            bb_putc(&o, ',');
            bb_num(&o, sup, 6);
            bb_putc(&o, ',');
            bb_num(&o, need, 6);
            bb_puts(&o, x->failed[i + 1] || x->failed[0] ? ",failed\n" : ",ok\n");
        }
        fwrite(o.p, 1, o.n, of->f);
        o.n = 0;
    }
    int oom = o.oom;
    bb_free(&o);
    return oom ? GASDEP_ENOMEM : GASDEP_OK;
}

/* Ranking of the removed elements in one area: most added unserved gas
 * first, failed runs last, ties in element order. */
typedef struct rank_key {
    double added;
    int i;
} rank_key;

static int by_added(const void *pa, const void *pb)
{
    const rank_key *a = pa, *b = pb;
    int na = isnan(a->added), nb = isnan(b->added);
    if (na != nb)
        return na - nb;
    if (!na && a->added != b->added)
        return a->added > b->added ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static int write_criticality(const gasdep_batch *b, const figures *x, ofile *of)
{
    bbuf o = {0};
    rank_key *k = malloc(((size_t)b->n_rm + 1) * sizeof *k);
    if (!k)
        return GASDEP_ENOMEM;
    bb_puts(&o, "region,kind,rank,element,element_kind,demand_mcm,unserved_mcm,"
                "unserved_gwh,unserved_share,added_unserved_mcm,added_unserved_gwh,"
                "days_short,first_shortfall,base_unserved_mcm,status\n");
    for (int a = 0; a < b->n_areas && !o.oom; a++) {
        const double *base = fig(b, x, 1, a);
        for (int i = 0; i < b->n_rm; i++) {
            k[i].added = fig(b, x, i + 2, a)[RF_UNSERVED] - base[RF_UNSERVED];
            k[i].i = i;
        }
        qsort(k, (size_t)b->n_rm, sizeof *k, by_added);
        for (int q = 0; q < b->n_rm; q++) {
            const rm_elem *r = &b->rm[k[q].i];
            bb_field(&o, b->area_name[a]);
            bb_printf(&o, ",%s,%d,", b->area_is_group[a] ? "group" : "region", q + 1);
            bb_field(&o, r->name);
            bb_printf(&o, ",%s,", removal_kind_word(r->kind));
            put_figures(&o, b, fig(b, x, k[q].i + 2, a), base);
            bb_puts(&o, x->failed[k[q].i + 1] || x->failed[0] ? ",failed\n" : ",ok\n");
        }
        fwrite(o.p, 1, o.n, of->f);
        o.n = 0;
    }
    free(k);
    int oom = o.oom;
    bb_free(&o);
    return oom ? GASDEP_ENOMEM : GASDEP_OK;
}

int removal_write(const gasdep_batch *b, journal *j, const char *dir,
                  gasdep_batch_report *r, bbuf *err)
{
    figures x = {0};
    int rc = figures_read(b, j, &x, err);
    int dep = b->kind == GASDEP_DEPENDENCE;
    ofile of = {0};
    if (rc == GASDEP_OK)
        rc = of_open(&of, dir, dep ? "dependence.csv" : "criticality.csv", err);
    if (rc == GASDEP_OK) {
        rc = dep ? write_dependence(b, &x, &of) : write_criticality(b, &x, &of);
        if (rc == GASDEP_OK)
            rc = of_commit(&of, r, err);
        else
            bb_puts(err, "out of memory");
    }
    if (rc != GASDEP_OK && of.f)
        of_abort(&of);
    figures_free(&x);
    return rc;
}
