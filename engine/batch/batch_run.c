/* batch_run.c: one run of a sweep or Monte Carlo, on its own model handle,
 * into one self-contained journal record: the summary rows (sweep.csv /
 * runs.csv), optionally the long series rows, and for Monte Carlo the daily
 * band metrics and per-area shortfall figures and survival times in binary.
 * Records are built entirely in the worker thread and depend only on (batch,
 * run id). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvnum.h"
#include "batch_journal.h"
#include "batch_run.h"
#include "batch_state.h"
#include "buf.h"
#include "montecarlo.h"
#include "removal.h"
#include "sweep.h"
#include "util.h"

const char *const BAND_METRICS[BM_COUNT] = {
    "demand_mcm",    "supplied_mcm",  "unserved_mcm",  "storage_fill",
    "share_russia",  "share_caspian", "share_other",   "price_eur_mwh"};

#define N_FIGURES 15 /* summary figure columns after region,kind */
#define SUPPLY_EPS 1e-9
#define SHORT_EPS 1e-6 /* mcm: a day counts as short above this (results.c) */

struct bworker {
    const gasdep_batch *b;
    int keep_series;
    bbuf sec[SEC_COUNT];
    mc_draw draw;
    double *acc;     /* per area: 3 groups x (sum, min, max) */
    double *last_cap; /* per MC element: factor in force */
    size_t acc_cap;
    double *rm_acc;   /* dependence, criticality: removal_len doubles */
    int *first_short; /* Monte Carlo, per area: first day short on or after
                       * surv_from, or -1 */
    int surv_from;    /* the run's first disruption start (or first day) */
    /* The worker's model, loaded, set and initialised once and restarted
     * for every run (gasdep_restart) when no run changes the scenario
     * itself (see reusable); NULL until the first run builds it. */
    gasdep_model *tpl;
    int reuse;        /* runs may restart tpl */
};

/* Runs that differ only in what is set between steps (Monte Carlo draws of
 * outages and weather, the removals of dependence and criticality) reuse
 * the worker's model; a sweep sets scenario values, and a Monte Carlo with
 * random event starts sets event dates, before init, so each of their runs
 * loads its own. GASDEP_BATCH_PER_RUN=1 forces a new model for every run
 * (the byte-identity test runs a batch both ways). */
static int reusable(const gasdep_batch *b)
{
    const char *s = getenv("GASDEP_BATCH_PER_RUN");
    if (s && *s && strcmp(s, "0"))
        return 0;
    return (b->kind == GASDEP_MONTECARLO && b->n_ev == 0) || batch_is_removal(b);
}

bworker *bworker_create(const gasdep_batch *b, int keep_series)
{
    bworker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->b = b;
    w->keep_series = keep_series;
    w->reuse = reusable(b);
    w->last_cap = calloc((size_t)b->n_el + 1, sizeof *w->last_cap);
    w->first_short = calloc((size_t)b->n_areas + 1, sizeof *w->first_short);
    if (batch_is_removal(b))
        w->rm_acc = malloc((removal_len(b) + 1) * sizeof *w->rm_acc);
    if (!w->last_cap || !w->first_short || (batch_is_removal(b) && !w->rm_acc)) {
        free(w->last_cap);
        free(w->first_short);
        free(w);
        return NULL;
    }
    return w;
}

void bworker_destroy(bworker *w)
{
    if (!w)
        return;
    for (int i = 0; i < SEC_COUNT; i++)
        bb_free(&w->sec[i]);
    mc_draw_free(&w->draw);
    gasdep_destroy(w->tpl);
    free(w->acc);
    free(w->last_cap);
    free(w->rm_acc);
    free(w->first_short);
    free(w);
}

void batch_rows_header(const gasdep_batch *b, bbuf *out)
{
    bb_puts(out, "run");
    if (batch_is_removal(b))
        bb_puts(out, ",removed,removed_kind");
    for (int p = 0; p < b->n_par; p++) {
        bb_putc(out, ',');
        bb_field(out, b->par[p].column ? b->par[p].column : b->par[p].path);
    }
    bb_puts(out, ",region,kind,demand_mcm,unserved_mcm,unserved_share,days_short,"
                 "min_storage_fill,share_mean_russia,share_min_russia,"
                 "share_max_russia,share_mean_caspian,share_min_caspian,"
                 "share_max_caspian,share_mean_other,share_min_other,"
                 "share_max_other,peak_price_eur_mwh,status\n");
}

void batch_series_header(const gasdep_batch *b, bbuf *out)
{
    (void)b;
    bb_puts(out, "run,date,region,demand_mcm,supplied_mcm,unserved_mcm,"
                 "storage_fill,share_russia,share_caspian,share_other,"
                 "price_eur_mwh\n");
}

static int is_date(const char *s)
{
    int d;
    return strlen(s) == 10 && gasdep_date_parse(s, &d) == 0;
}

/* The value starts like a number ("12.5bcm/y", "-3", ".5", "40%"). */
static int numeric(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    return (*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9');
}

/* The run's parameter columns: dates as ISO dates, numbers in the unit the
 * sweep was written in when it names one (the number as given), else in
 * canonical units (gasdep_get after the override), anything else (words
 * such as a curtailment rule, lists) as given. */
static void param_columns(const gasdep_batch *b, long run, gasdep_model *m,
                          int loaded, bbuf *out)
{
    char v[512], num[64];
    if (batch_is_removal(b)) {
        const char *kind, *name = gasdep_batch_removed(b, run, &kind);
        bb_putc(out, ',');
        bb_field(out, name ? name : "");
        bb_putc(out, ',');
        bb_puts(out, kind ? kind : "");
    }
    for (int p = 0; p < b->n_par; p++) {
        sweep_value(b, run, p, v, sizeof v);
        double x;
        bb_putc(out, ',');
        if (b->par[p].written && numeric(v)) {
            snprintf(num, sizeof num, "%.10g", strtod(v, NULL));
            bb_puts(out, num);
        } else if (!is_date(v) && numeric(v) && loaded &&
            gasdep_get(m, b->par[p].path, &x) == GASDEP_OK &&
            isfinite(x)) {
            snprintf(num, sizeof num, "%.10g", x);
            bb_puts(out, num);
        } else {
            bb_field(out, v);
        }
    }
}

static void fail_row(bworker *w, long run, const char *params, const char *msg)
{
    bbuf *rows = &w->sec[SEC_ROWS];
    rows->n = 0;
    bb_printf(rows, "%ld%s,,", run, params);
    for (int i = 0; i < N_FIGURES; i++)
        bb_putc(rows, ',');
    bb_puts(rows, ",failed\n");
    w->sec[SEC_SERIES].n = 0;
    w->sec[SEC_BANDS].n = 0;
    w->sec[SEC_PROB].n = 0;
    bbuf *st = &w->sec[SEC_STATUS];
    st->n = 0;
    bb_puts(st, msg && *msg ? msg : "run failed");
}

/* Apply the run's overrides to a loaded model. Returns GASDEP_OK or the
 * first failing status (message on the model). */
static int apply_overrides(bworker *w, long run, gasdep_model *m)
{
    const gasdep_batch *b = w->b;
    char v[512];
    for (int i = 0; i < b->n_sets; i++)
        if (gasdep_set_assignment(m, b->sets[i]) != GASDEP_OK)
            return GASDEP_EINPUT;
    for (int p = 0; p < b->n_par; p++) {
        sweep_value(b, run, p, v, sizeof v);
        if (gasdep_set(m, b->par[p].path, v) != GASDEP_OK)
            return GASDEP_EINPUT;
    }
    if (b->kind == GASDEP_MONTECARLO)
        for (int i = 0; i < b->n_ev; i++) {
            const mc_event *e = &b->ev[i];
            char path[512], date[16];
            int off = w->draw.ev_offset[i];
            snprintf(path, sizeof path, "event.%s.start", e->name);
            gasdep_date_format(e->start + off, date);
            if (gasdep_set(m, path, date) != GASDEP_OK)
                return GASDEP_EINPUT;
            if (e->has_end) {
                snprintf(path, sizeof path, "event.%s.end", e->name);
                gasdep_date_format(e->end + off, date);
                if (gasdep_set(m, path, date) != GASDEP_OK)
                    return GASDEP_EINPUT;
            }
        }
    return GASDEP_OK;
}

static void put_share(bbuf *o, double v, double sup)
{
    bb_putc(o, ',');
    bb_num(o, sup > SUPPLY_EPS ? v / sup : NAN, 6);
}

/* Room for the share accumulators of A areas (russia, caspian, other x
 * volume sum, min share, max share), reset; -1 when out of memory. */
static int acc_reset(bworker *w, int A)
{
    size_t need = (size_t)A * 9 + 1;
    if (need > w->acc_cap) {
        free(w->acc);
        w->acc = malloc(need * sizeof *w->acc);
        w->acc_cap = w->acc ? need : 0;
        if (!w->acc)
            return -1;
    }
    for (int a = 0; a < A; a++)
        for (int k = 0; k < 3; k++) {
            w->acc[a * 9 + k * 3] = 0;
            w->acc[a * 9 + k * 3 + 1] = INFINITY;
            w->acc[a * 9 + k * 3 + 2] = -INFINITY;
        }
    return 0;
}

/* Monte Carlo: the run's drawn capacity factors and weather demand factors
 * of day t (a factor set only when it changes). */
static void apply_draw(bworker *w, gasdep_model *m, int t)
{
    const gasdep_batch *b = w->b;
    for (int k = 0; k < b->n_el; k++) {
        double f = w->draw.cap[(size_t)k * b->n_days + t];
        if (f != w->last_cap[k]) {
            gasdep_set_capacity_factor(m, b->el[k].kind, b->el[k].index, f);
            w->last_cap[k] = f;
        }
    }
    if (b->weather)
        for (int q = 0; q < b->n_regions; q++)
            if (b->heat[q] > 0)
                gasdep_set_demand_factor(m, q, w->draw.demand[(size_t)q * b->n_days + t]);
}

/* The groups a run's shares are reported in: russia, caspian, the rest. */
typedef struct share_groups {
    int n_groups, russia, caspian;
} share_groups;

/* The day just stepped, area by area: shares accumulated, a series row
 * (keep_series) and the Monte Carlo band values. */
static void record_day(bworker *w, const gasdep_model *m, long run, int A,
                       share_groups sg)
{
    int mc = w->b->kind == GASDEP_MONTECARLO;
    bbuf *ser = &w->sec[SEC_SERIES];
    bbuf *bands = &w->sec[SEC_BANDS];
    char date[16];
    if (w->keep_series)
        gasdep_date_format(gasdep_day(m), date);
    for (int a = 0; a < A; a++) {
        gasdep_area_day r;
        gasdep_area_result(m, a, &r);
        double v[3] = {0, 0, 0}, sup = r.supplied_mcm;
        for (int g = 0; g < sg.n_groups; g++) {
            double x = gasdep_area_group_mcm(m, a, g);
            v[g == sg.russia ? 0 : g == sg.caspian ? 1 : 2] += x;
        }
        double *acc = w->acc + (size_t)a * 9;
        for (int k = 0; k < 3; k++) {
            acc[k * 3] += v[k];
            if (sup > SUPPLY_EPS) {
                double sh = v[k] / sup;
                if (sh < acc[k * 3 + 1])
                    acc[k * 3 + 1] = sh;
                if (sh > acc[k * 3 + 2])
                    acc[k * 3 + 2] = sh;
            }
        }
        if (w->keep_series) {
            bb_printf(ser, "%ld,%s,%s,", run, date, gasdep_name(m, GASDEP_AREA, a));
            bb_num(ser, r.demand_mcm, 6);
            bb_putc(ser, ',');
            bb_num(ser, sup, 6);
            bb_putc(ser, ',');
            bb_num(ser, r.unserved_mcm, 6);
            bb_putc(ser, ',');
            bb_num(ser, r.storage_fill, 6);
            for (int k = 0; k < 3; k++)
                put_share(ser, v[k], sup);
            bb_putc(ser, ',');
            bb_num(ser, r.price_eur_mwh, PRICE_DECIMALS);
            bb_putc(ser, '\n');
        }
        if (mc && a < w->b->n_areas && w->first_short[a] < 0 &&
            gasdep_day(m) >= w->surv_from && r.unserved_mcm > SHORT_EPS)
            w->first_short[a] = gasdep_day(m);
        if (mc) {
            double x[BM_COUNT] = {
                r.demand_mcm, sup, r.unserved_mcm, r.storage_fill,
                sup > SUPPLY_EPS ? v[0] / sup : NAN,
                sup > SUPPLY_EPS ? v[1] / sup : NAN,
                sup > SUPPLY_EPS ? v[2] / sup : NAN, r.price_eur_mwh};
            bb_put(bands, x, sizeof x);
        }
    }
}

/* The run's summary rows (one per area, its parameter columns after the
 * run number) and, for Monte Carlo, its probability record. */
static void summary_rows(bworker *w, const gasdep_model *m, long run, int A,
                         const char *params)
{
    bbuf *rows = &w->sec[SEC_ROWS];
    for (int a = 0; a < A; a++) {
        gasdep_area_summary s;
        gasdep_area_summary_get(m, a, &s);
        bb_printf(rows, "%ld%s,%s,%s,", run, params, gasdep_name(m, GASDEP_AREA, a),
                  gasdep_area_is_group(m, a) ? "group" : "region");
        bb_num(rows, s.demand_mcm, 6);
        bb_putc(rows, ',');
        bb_num(rows, s.unserved_mcm, 6);
        bb_putc(rows, ',');
        bb_num(rows, s.demand_mcm > 0 ? s.unserved_mcm / s.demand_mcm : NAN, 6);
        bb_printf(rows, ",%d,", s.days_short);
        bb_num(rows, s.min_storage_fill, 6);
        const double *acc = w->acc + (size_t)a * 9;
        for (int k = 0; k < 3; k++) {
            double mean = s.supplied_mcm > SUPPLY_EPS ? acc[k * 3] / s.supplied_mcm : NAN;
            double st[3] = {mean, isfinite(acc[k * 3 + 1]) ? acc[k * 3 + 1] : NAN,
                            isfinite(acc[k * 3 + 2]) ? acc[k * 3 + 2] : NAN};
            for (int i = 0; i < 3; i++) {
                bb_putc(rows, ',');
                bb_num(rows, st[i], 6);
            }
        }
        bb_putc(rows, ',');
        bb_num(rows, s.peak_price_eur_mwh, PRICE_DECIMALS);
        bb_puts(rows, ",ok\n");
        if (w->b->kind == GASDEP_MONTECARLO) {
            double pr[2] = {s.unserved_mcm, (double)s.days_short};
            bb_put(&w->sec[SEC_PROB], pr, sizeof pr);
        }
    }
    /* then the survival times, NaN for none (survival_distribution.csv) */
    if (w->b->kind == GASDEP_MONTECARLO)
        for (int a = 0; a < A; a++) {
            double sv = w->first_short[a] >= 0 ? w->first_short[a] - w->surv_from : NAN;
            bb_put(&w->sec[SEC_PROB], &sv, sizeof sv);
        }
}

int bworker_run(bworker *w, long run, bbuf *out)
{
    const gasdep_batch *b = w->b;
    int mc = b->kind == GASDEP_MONTECARLO;
    for (int i = 0; i < SEC_COUNT; i++)
        w->sec[i].n = 0;
    bbuf params = {0};
    if (mc && mc_draw_run(b, run, &w->draw))
        return -1;
    int rc;
    gasdep_model *m = w->tpl;
    if (m) {
        rc = gasdep_restart(m);
        param_columns(b, run, m, 1, &params); /* no varied values here */
    } else {
        if (!(m = gasdep_create()))
            return -1;
        rc = gasdep_load(m, b->scenario);
        int loaded = rc == GASDEP_OK;
        if (loaded)
            rc = apply_overrides(w, run, m);
        /* canonical values only when every override took (else as given) */
        param_columns(b, run, m, loaded && rc == GASDEP_OK, &params);
        if (rc == GASDEP_OK)
            rc = gasdep_init(m);
        if (rc == GASDEP_OK && w->reuse)
            w->tpl = m; /* the same for every run: kept for the next */
    }
    int A = gasdep_count(m, GASDEP_AREA);
    int first = 0, last = -1;
    if (rc == GASDEP_OK) {
        gasdep_horizon(m, &first, &last);
        if ((mc || batch_is_removal(b)) &&
            (A != b->n_areas || last - first + 1 != b->n_days ||
             (batch_is_removal(b) &&
              gasdep_count(m, GASDEP_ORIGIN) != b->n_origins))) {
            rc = GASDEP_ESTATE;
            fail_row(w, run, params.p ? params.p : "",
                     "network differs from the probe model");
        }
    }
    share_groups sg = {gasdep_count(m, GASDEP_ORIGIN_GROUP),
                       gasdep_find(m, GASDEP_ORIGIN_GROUP, "russia"),
                       gasdep_find(m, GASDEP_ORIGIN_GROUP, "caspian")};
    if (acc_reset(w, A)) {
        if (m != w->tpl)
            gasdep_destroy(m);
        bb_free(&params);
        return -1;
    }
    for (int k = 0; k < b->n_el; k++)
        w->last_cap[k] = 1.0;
    /* survival from the run's first disruption (its start drawn in a start
     * window), or from the first day without one */
    w->surv_from = first;
    if (rc == GASDEP_OK)
        gasdep_disruption(m, 0, &w->surv_from);
    for (int a = 0; a < b->n_areas; a++)
        w->first_short[a] = -1;
    if (w->rm_acc)
        removal_reset(b, w->rm_acc);
    for (int t = 0; rc == GASDEP_OK; t++) {
        if (mc && t < b->n_days)
            apply_draw(w, m, t);
        if (w->rm_acc && (rc = removal_apply(b, run, m, first + t)) != GASDEP_OK)
            break;
        rc = gasdep_step(m);
        if (rc == GASDEP_OK) {
            record_day(w, m, run, A, sg);
            /* a removal batch stops at its period's end */
            if (w->rm_acc && removal_day(b, m, w->rm_acc))
                rc = GASDEP_DONE;
        }
        if (rc == GASDEP_DONE) {
            rc = gasdep_finish(m);
            break;
        }
    }
    if (rc != GASDEP_OK) {
        if (!w->sec[SEC_STATUS].n)
            fail_row(w, run, params.p ? params.p : "", gasdep_errmsg(m));
    } else {
        summary_rows(w, m, run, A, params.p ? params.p : "");
        if (w->rm_acc)
            removal_record(b, w->rm_acc, &w->sec[SEC_PROB]);
    }
    if (m != w->tpl)
        gasdep_destroy(m);
    int oom = params.oom;
    bb_free(&params);
    for (int i = 0; i < SEC_COUNT; i++)
        oom |= w->sec[i].oom;
    if (oom)
        return -1;
    bbuf *secs[SEC_COUNT];
    for (int i = 0; i < SEC_COUNT; i++)
        secs[i] = &w->sec[i];
    return rec_build(out, run, secs);
}
