/* model.c: the model handle and its stepping API (load, init, step, finish)
 * and the perturbations between steps; gasdep_run is in run.c, the result
 * accessors in access.c. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <limits.h>

#include "caps.h"
#include "dates.h"
#include "demand.h"
#include "events.h"
#include "model.h"
#include "storage.h"
#include "util.h"
#include "validate.h"

/* GSL's default handler aborts; the library returns codes instead. Setting
 * the handler is process-wide, so it is done exactly once. */
static pthread_once_t gsl_once = PTHREAD_ONCE_INIT;
static void gsl_quiet(void)
{
    gsl_set_error_handler_off();
}

gasdep_model *gasdep_create(void)
{
    pthread_once(&gsl_once, gsl_quiet);
    gasdep_model *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    scenario_init(&m->scn, &m->err);
    m->day = -1;
    m->state = ST_EMPTY;
    return m;
}

void gasdep_destroy(gasdep_model *m)
{
    if (!m)
        return;
    dispatch_destroy(m->lp);
    water_destroy(&m->water);
    trace_destroy(m->tr);
    network_free(&m->n);
    arena_free(&m->mem);
    scenario_free(&m->scn);
    err_free(&m->err);
    free(m);
}

int gasdep_load(gasdep_model *m, const char *path)
{
    if (!m || !path)
        return GASDEP_EARG;
    if (m->state > ST_LOADED)
        return err_fail(&m->err, GASDEP_ESTATE, "load after init");
    err_reset(&m->err);
    srcloc none = {-1, 0};
    int rc = scenario_load_file(&m->scn, path, none);
    m->state = ST_LOADED;
    if (rc != GASDEP_OK)
        m->input_bad = 1;
    return rc;
}

int gasdep_load_string(gasdep_model *m, const char *name, const char *text)
{
    if (!m || !name || !text)
        return GASDEP_EARG;
    if (m->state > ST_LOADED)
        return err_fail(&m->err, GASDEP_ESTATE, "load after init");
    err_reset(&m->err);
    int rc = scenario_load_text(&m->scn, name, text);
    m->state = ST_LOADED;
    if (rc != GASDEP_OK)
        m->input_bad = 1;
    return rc;
}

int gasdep_set(gasdep_model *m, const char *path, const char *value)
{
    if (!m || !path || !value)
        return GASDEP_EARG;
    if (m->state != ST_LOADED)
        return err_fail(&m->err, GASDEP_ESTATE, "set before load or after init");
    int rc = scenario_set(&m->scn, path, value);
    if (rc != GASDEP_OK)
        m->input_bad = 1;
    return rc;
}

int gasdep_set_assignment(gasdep_model *m, const char *assignment)
{
    if (!m || !assignment)
        return GASDEP_EARG;
    const char *eq = strchr(assignment, '=');
    if (!eq) {
        srcloc at = {-1, m->scn.n_overrides + 1};
        err_at(&m->err, at, "'%s': expected PATH=VALUE", assignment);
        m->input_bad = 1;
        return GASDEP_EINPUT;
    }
    char path[512];
    size_t len = (size_t)(eq - assignment);
    if (len >= sizeof path)
        len = sizeof path - 1;
    memcpy(path, assignment, len);
    path[len] = '\0';
    while (len > 0 && (path[len - 1] == ' ' || path[len - 1] == '\t'))
        path[--len] = '\0'; /* "PATH = VALUE", as a sweep file's set reads */
    const char *value = eq + 1;
    while (*value == ' ' || *value == '\t')
        value++;
    return gasdep_set(m, path, value);
}

/* The foresight a run solves with. A network without storage carries
 * nothing from one day to the next (storage inventory is the only row that
 * links the days of a window), so its window LP falls apart into
 * independent days: rolling and perfect foresight then solve day by day,
 * the same optimum at a myopic day's cost (docs/DISPATCH.md). */
int model_foresight(const gasdep_model *m)
{
    return m->n.sto.count > 0 ? m->scn.sc.foresight : FS_MYOPIC;
}

/* The LP window that starts on `day`: its days, their blocks (daily for
 * the days implemented, then `lookahead_block` days each in rolling mode),
 * and how many days are implemented before the next solve. */
static void window_layout(const gasdep_model *m, int day, int *days, int *blocks,
                          int *len, int *implement)
{
    const scenario_el *sc = &m->scn.sc;
    int left = m->n.last_day - day + 1, D = 1;
    switch (model_foresight(m)) {
    case FS_ROLLING:
        D = sc->lookahead < left ? sc->lookahead : left;
        *implement = sc->resolve_every < D ? sc->resolve_every : D;
        break;
    case FS_PERFECT: { /* to the end of the gas year (30 Sep) */
        int y, mo, dd;
        gasdep_civil(day, &y, &mo, &dd);
        int end = dates_from_civil(mo >= 10 ? y + 1 : y, 9, 30);
        D = end - day + 1 < left ? end - day + 1 : left;
        *implement = D;
        break;
    }
    default:
        *implement = 1;
    }
    if (D > m->win_days)
        D = m->win_days;
    if (*implement > D)
        *implement = D;
    int b = 0, d = 0;
    for (; d < *implement; d++)
        len[b++] = 1;
    int agg = model_foresight(m) == FS_ROLLING ? sc->lookahead_block : 1;
    while (d < D && b < m->win_blocks) {
        int l = D - d < agg ? D - d : agg;
        len[b++] = l;
        d += l;
    }
    *days = d;
    *blocks = b;
}

/* Day state, summaries and the external factors (all 1 at first). */
/* Elements that external capacity factors of parameter p apply to. */
static int ext_cap_count(const net *n, int p)
{
    return p == P_PIPE_CAP ? n->pipe.count
           : p == P_SRC_CAP ? n->src.count
           : p == P_LNG_CAP ? n->lng.count
           : p == P_STO_WD  ? n->sto.count
           : p == P_ORIGIN  ? n->origin.count
                            : 0;
}

static int alloc_run(gasdep_model *m)
{
    const net *n = &m->n;
    arena *a = &m->mem;
    const scenario_el *sc = &m->scn.sc;
    int fs = model_foresight(m);
    int D = fs == FS_ROLLING ? sc->lookahead : fs == FS_PERFECT ? 366 : 1;
    if (D > n->n_days)
        D = n->n_days > 0 ? n->n_days : 1;
    int B = D;
    if (fs == FS_ROLLING) {
        int daily = sc->resolve_every < D ? sc->resolve_every : D;
        B = daily + (D - daily + sc->lookahead_block - 1) / sc->lookahead_block;
    }
    m->win_days = D;
    m->win_blocks = B;
    m->win = arena_alloc(a, (size_t)D, sizeof *m->win);
    m->blk = arena_alloc(a, (size_t)B, sizeof *m->blk);
    m->blk_len = arena_alloc(a, (size_t)B, sizeof *m->blk_len);
    if (!m->win || !m->blk || !m->blk_len)
        return GASDEP_ENOMEM;
    for (int t = 0; t < D; t++)
        if (day_caps_alloc(&m->win[t], n, a) != GASDEP_OK)
            return GASDEP_ENOMEM;
    for (int b = 0; b < B; b++)
        if (day_caps_alloc(&m->blk[b], n, a) != GASDEP_OK)
            return GASDEP_ENOMEM;
    if (dispatch_plan_alloc(&m->plan, n, a, B) != GASDEP_OK)
        return GASDEP_ENOMEM;
    int rc = day_alloc(&m->d, n, a);
    if (rc == GASDEP_OK)
        rc = results_alloc(&m->s, n, a);
    if (rc == GASDEP_OK)
        rc = cover_alloc(&m->cov, n, a);
    if (rc != GASDEP_OK)
        return rc;
    if (!(m->ext_demand_f = arena_alloc(a, (size_t)n->area.n_regions, sizeof(double))))
        return GASDEP_ENOMEM;
    for (int p = 0; p < P_COUNT; p++) {
        int cnt = ext_cap_count(n, p);
        if (!(m->ext_cap_f[p] = arena_alloc(a, (size_t)cnt, sizeof(double))))
            return GASDEP_ENOMEM;
        for (int i = 0; i < cnt; i++)
            m->ext_cap_f[p][i] = 1.0;
    }
    for (int r = 0; r < n->area.n_regions; r++)
        m->ext_demand_f[r] = 1.0;
    if (!(m->ext_corr_f = arena_alloc(a, (size_t)n->corr.count, sizeof(double))))
        return GASDEP_ENOMEM;
    for (int k = 0; k < n->corr.count; k++)
        m->ext_corr_f[k] = 1.0;
    m->ext.demand_f = m->ext_demand_f;
    m->ext.cap_f = m->ext_cap_f;
    m->ext.corr_f = m->ext_corr_f;
    rc = adapt_create(&m->adapt, n, &m->scn.sc, a);
    m->ext.adapt_f = m->adapt.on ? m->adapt.factor : NULL;
    return rc;
}

static void reset_run(gasdep_model *m)
{
    net *n = &m->n;
    day_state *d = &m->d;
    int O = n->origin.count;
    for (int k = 0; k < n->sto.count; k++) {
        d->sto_inv[k] = n->sto.init_fill[k] * n->sto.vol[k];
        memcpy(d->sto_mix + (size_t)k * O, n->sto.init_mix + (size_t)k * O,
               (size_t)O * sizeof(double));
    }
    /* gas in store at the start has passed no corridor (its route is not
     * known, as its origin may be 'unknown') */
    memset(d->sto_via, 0, (size_t)n->sto.count * n->corr.count * sizeof(double));
    d->imbalance = d->imbalance_max = 0.0;
    m->day = -1;
    m->next_day = n->first_day;
    m->plan_first = n->first_day;
    m->plan_days = 0;
    results_summary_reset(&m->s, &m->n);
    adapt_reset(&m->adapt, n);
    cover_reset(&m->cov, &m->n);
}

/* A fresh dispatch LP that starts from the probe's first-day basis. */
static struct dispatch *fresh_lp(gasdep_model *m)
{
    struct dispatch *lp = dispatch_create(&m->n, &m->scn.sc, m->win_blocks);
    if (lp && m->basis0)
        dispatch_basis_load(lp, m->basis0);
    return lp;
}

/* The probe (myopic runs): the first day solved once at init, on the
 * scenario as loaded (external factors 1, no water values: gas left in
 * store worth 0), its basis kept, and the LP created afresh to start from
 * it. Every run of the model, the first and each after gasdep_restart,
 * starts its first day from that basis, where a fresh LP starts from the
 * solver's slack basis: a Monte Carlo run's first day is then a warm solve
 * (docs/DISPATCH.md, "The probe's basis"). Results do not depend on the
 * path the model took: the first run and a restarted one start alike. A
 * failed probe leaves no basis (the slack start). */
static int probe_first_day(gasdep_model *m)
{
    const net *n = &m->n;
    m->basis0 = NULL;
    int D, B, implement;
    window_layout(m, n->first_day, &D, &B, m->blk_len, &implement);
    if (D != 1 || B != 1)
        return GASDEP_OK;
    caps_fill(n, &m->ext, n->first_day, INT_MAX, &m->win[0]);
    double *zero = NULL;
    if (m->scn.sc.storage_valuation != VALUATION_FLAT && n->sto.count > 0 &&
        !(zero = arena_alloc(&m->mem, (size_t)n->sto.count, sizeof *zero)))
        return GASDEP_ENOMEM;
    dispatch_window w = {1, m->win, m->blk_len, m->d.sto_inv, n->first_day, zero};
    char why[256];
    if (dispatch_solve(m->lp, n, &w, &m->plan, why, sizeof why) == GASDEP_OK) {
        m->basis0 = arena_alloc(&m->mem, dispatch_basis_size(m->lp), 1);
        if (!m->basis0)
            return GASDEP_ENOMEM;
        dispatch_basis_save(m->lp, m->basis0);
    } /* failed: the run's own first solve says why, from a fresh LP */
    dispatch_destroy(m->lp);
    m->lp = fresh_lp(m);
    return m->lp ? GASDEP_OK : GASDEP_ENOMEM;
}

int gasdep_init(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_LOADED)
        return err_fail(&m->err, GASDEP_ESTATE, "init needs a loaded scenario");
    if (m->input_bad) { /* keep the load errors, add what else is wrong */
        scenario_check(&m->scn, 0);
        return GASDEP_EINPUT;
    }
    err_reset(&m->err);
    warn_reset(&m->err);
    int rc = network_build(&m->n, &m->mem, &m->scn);
    if (rc == GASDEP_OK && (rc = alloc_run(m)) != GASDEP_OK)
        err_fail(&m->err, rc, "out of memory");
    if (rc != GASDEP_OK) {
        m->state = ST_FAILED;
        return rc;
    }
    m->lp = dispatch_create(&m->n, &m->scn.sc, m->win_blocks);
    m->tr = trace_create(&m->n);
    if (!m->lp || !m->tr ||
        water_create(&m->water, &m->n, &m->scn.sc, &m->mem) != GASDEP_OK) {
        m->state = ST_FAILED;
        return err_fail(&m->err, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    if (probe_first_day(m) != GASDEP_OK) {
        m->state = ST_FAILED;
        return err_fail(&m->err, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    /* N-1 uses the first day's capacities */
    day_caps today = day_caps_of(&m->d);
    caps_fill(&m->n, &m->ext, m->n.first_day, INT_MAX, &today);
    for (int a = 0; a < m->n.area.count; a++)
        m->s.n1[a] = results_n1(&m->n, &m->d, a);
    m->state = ST_READY;
    m->ready = 1;
    return GASDEP_OK;
}

/* The run state of a fresh init on the network and arrays in hand: no
 * parse, no build, no allocation from the arena (so a model restarted for
 * every run of a batch does not grow). The LPs are created afresh: a solver
 * warm-started from the last run's basis could take another path to a
 * degenerate optimum, and the runs must give the bytes of new models. */
int gasdep_restart(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (!m->ready || m->state < ST_READY)
        return err_fail(&m->err, GASDEP_ESTATE, "restart needs a model that init has built");
    err_reset(&m->err);
    const net *n = &m->n;
    for (int p = 0; p < P_COUNT; p++)
        for (int i = 0, cnt = ext_cap_count(n, p); i < cnt; i++)
            m->ext_cap_f[p][i] = 1.0;
    for (int r = 0; r < n->area.n_regions; r++)
        m->ext_demand_f[r] = 1.0;
    for (int k = 0; k < n->corr.count; k++)
        m->ext_corr_f[k] = 1.0;
    dispatch_destroy(m->lp);
    trace_destroy(m->tr);
    m->lp = fresh_lp(m);
    m->tr = trace_create(&m->n);
    if (!m->lp || !m->tr || water_restart(&m->water, &m->n, &m->scn.sc) != GASDEP_OK) {
        m->state = ST_FAILED;
        return err_fail(&m->err, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    m->state = ST_READY;
    return GASDEP_OK;
}

/* Day t of the plan into the day state. */
static void plan_day(gasdep_model *m, int t)
{
    const net *n = &m->n;
    const dispatch_plan *p = &m->plan;
    day_state *d = &m->d;
#define TAKE(dst, src, cnt)                                                  \
    memcpy(d->dst, p->src + (size_t)t * (size_t)(cnt), (size_t)(cnt) * sizeof(double))
    TAKE(src, src, n->src.count);
    TAKE(slot, slot, n->slot.count);
    TAKE(fwd, fwd, n->pipe.count);
    TAKE(rev, rev, n->pipe.count);
    TAKE(inj, inj, n->sto.count);
    TAKE(wd, wd, n->sto.count);
    TAKE(unserved, unserved, n->area.n_regions);
    TAKE(price, price, n->area.n_regions);
    TAKE(sto_value, sto_value, n->sto.count);
    TAKE(tr, tr, n->tranche.count);
    TAKE(reduced, reduced, n->area.n_regions);
    TAKE(cap_value, cap_value, n->pipe.count);
#undef TAKE
    d->min_take_missed = p->missed[t];
}

int gasdep_step(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_READY && m->state != ST_RUNNING)
        return err_fail(&m->err, GASDEP_ESTATE, "step needs init");
    net *n = &m->n;
    day_state *d = &m->d;
    int day = m->next_day;
    if (day > n->last_day)
        return GASDEP_DONE;
    m->state = ST_RUNNING;
    char why[256];
    int rc = GASDEP_OK, solved = 0;
    if (day < m->plan_first || day >= m->plan_first + m->plan_days) {
        solved = 1;
        int D, B, implement;
        window_layout(m, day, &D, &B, m->blk_len, &implement);
        /* demand levels move once per window: its days see one level */
        adapt_update(&m->adapt, n, &m->scn.sc);
        /* water values: a plan of the year ahead, due monthly (water.h) */
        rc = water_update(&m->water, n, &m->scn.sc, &m->ext, d->sto_inv, day, why,
                          sizeof why);
        for (int t = 0; t < D; t++)
            caps_fill(n, &m->ext, day + t, INT_MAX, &m->win[t]);
        /* blocks of one day are the days themselves (myopic: always) */
        for (int b = 0, t = 0; B < D && b < B; t += m->blk_len[b++])
            caps_mean(n, &m->win[t], m->blk_len[b], &m->blk[b]);
        dispatch_window w = {B, B < D ? m->blk : m->win, m->blk_len, d->sto_inv, day,
                             water_values(&m->water, day + D - 1)};
        if (rc == GASDEP_OK)
            rc = dispatch_solve(m->lp, n, &w, &m->plan, why, sizeof why);
        m->plan_first = day;
        m->plan_days = rc == GASDEP_OK ? implement : 0;
        d->lp_stages = m->plan.stages;
    } else {
        d->lp_stages = 0;
    }
    if (rc == GASDEP_OK) {
        day_caps today = day_caps_of(d);
        if (solved) /* a window solved today starts today: its caps are today's */
            caps_mean(n, &m->win[0], 1, &today);
        else
            caps_fill(n, &m->ext, day, INT_MAX, &today);
        plan_day(m, day - m->plan_first);
        rc = trace_day(m->tr, n, d);
        if (rc != GASDEP_OK)
            snprintf(why, sizeof why, "origin tracing failed (singular mixing system)");
    }
    if (rc != GASDEP_OK) {
        char date[11];
        gasdep_date_format(day, date);
        m->state = ST_FAILED;
        return err_fail(&m->err, rc, "%s: %s", date, why);
    }
    int O = n->origin.count;
    for (int k = 0; k < n->sto.count; k++) {
        storage_mix_update(d->sto_mix + (size_t)k * O, d->sto_inv[k], d->inj[k],
                           d->node_mix + (size_t)n->sto.node[k] * O, d->wd[k], O);
        int C = n->corr.count; /* the stock remembers its routes as well */
        storage_mix_update(d->sto_via + (size_t)k * C, d->sto_inv[k], d->inj[k],
                           d->node_via + (size_t)n->sto.node[k] * C, d->wd[k], C);
        double inv = d->sto_inv[k] + d->inj[k] - d->wd[k];
        d->sto_inv[k] = inv < 0 ? 0 : (inv > n->sto.vol[k] ? n->sto.vol[k] : inv);
    }
    d->imbalance = results_imbalance(n, d, d->scratch);
    if (d->imbalance > d->imbalance_max)
        d->imbalance_max = d->imbalance;
    results_day(&m->s, n, d);
    adapt_add_day(&m->adapt, n, d->price);
    cover_day(&m->cov, n, d, day);
    m->day = day;
    m->next_day = day + 1;
    return GASDEP_OK;
}

int gasdep_finish(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_RUNNING && m->state != ST_READY)
        return err_fail(&m->err, GASDEP_ESTATE, "finish needs init");
    m->state = ST_FINISHED;
    return GASDEP_OK;
}

int gasdep_set_progress(gasdep_model *m, gasdep_progress_fn fn, void *ctx)
{
    if (!m)
        return GASDEP_EARG;
    m->progress = fn;
    m->progress_ctx = ctx;
    return GASDEP_OK;
}

/* ---- perturbations ------------------------------------------------------ */

int gasdep_set_demand_factor(gasdep_model *m, int region, double factor)
{
    if (!m || !m->ready || region < 0 || region >= m->n.area.n_regions ||
        !(factor >= 0 && isfinite(factor)))
        return GASDEP_EARG;
    if (m->ext_demand_f[region] != factor)
        m->plan_days = 0; /* a window solved before does not know it */
    m->ext_demand_f[region] = factor;
    return GASDEP_OK;
}

int gasdep_set_capacity_factor(gasdep_model *m, int kind, int index,
                               double factor)
{
    if (!m || !m->ready || !(factor >= 0 && isfinite(factor)))
        return GASDEP_EARG;
    if (kind == GASDEP_CORRIDOR) {
        if (index < 0 || index >= m->n.corr.count)
            return GASDEP_EARG;
        if (m->ext_corr_f[index] != factor)
            m->plan_days = 0;
        m->ext_corr_f[index] = factor;
        return GASDEP_OK;
    }
    int p = kind == GASDEP_PIPELINE ? P_PIPE_CAP
            : kind == GASDEP_SOURCE ? P_SRC_CAP
            : kind == GASDEP_LNG    ? P_LNG_CAP
            : kind == GASDEP_STORAGE ? P_STO_WD
            : kind == GASDEP_ORIGIN ? P_ORIGIN
                                    : -1;
    if (p < 0 || index < 0 || index >= ext_cap_count(&m->n, p))
        return GASDEP_EARG;
    if (m->ext_cap_f[p][index] != factor)
        m->plan_days = 0;
    m->ext_cap_f[p][index] = factor;
    return GASDEP_OK;
}

void gasdep_thread_finish(void)
{
    dispatch_thread_finish();
}
