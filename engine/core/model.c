/* model.c: the model handle and its stepping API (load, init, step, finish,
 * run) and result accessors. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dates.h"
#include "demand.h"
#include "events.h"
#include "model.h"
#include "output.h"
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
    trace_destroy(m->tr);
    network_free(&m->n);
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

/* Market parts of a day (issue 10) before events: tranches, LNG slot
 * floors, demand blocks as shares of demand. */
static void market_caps_init(const net *n, const day_caps *c)
{
    for (int i = 0; i < n->n_tr; i++) {
        c->tr_vol[i] = n->tr_vol[i];
        c->tr_price[i] = n->tr_price[i];
    }
    for (int s = 0; s < n->n_slots; s++)
        c->slot_min[s] = n->slot_min[s];
    for (int b = 0; b < n->n_dr; b++) {
        c->dr_cap[b] = n->dr_share[b];
        c->dr_price[b] = n->dr_price[b];
    }
}

/* After events and external factors: slot floors follow their terminal's
 * outages and their origin (as a source's minimum take does); a demand
 * block is its share of the day's final demand. */
static void market_caps_finish(const net *n, const day_caps *c, const double *lng_f)
{
    for (int s = 0; s < n->n_slots; s++)
        c->slot_min[s] *= lng_f[n->slot_lng[s]] * c->origin_f[n->slot_origin[s]];
    for (int b = 0; b < n->n_dr; b++)
        c->dr_cap[b] *= c->demand[n->dr_region[b]];
}

/* Capacities, demand and storage targets of `day` into c (online dates,
 * events, then the external factors of Monte Carlo). */
static void day_caps_fill(const gasdep_model *m, int day, const day_caps *c)
{
    const net *n = &m->n;
    int y, mo, dd;
    gasdep_civil(day, &y, &mo, &dd);
    for (int i = 0; i < n->n_src; i++) {
        int on = day >= n->src_on[i] && day < n->src_off[i];
        c->src_cap[i] = on ? n->src_cap[i] : 0.0;
        c->src_min[i] = on ? n->src_min[i] : 0.0;
    }
    for (int k = 0; k < n->n_lng; k++)
        c->lng_cap[k] = day >= n->lng_on[k] && day < n->lng_off[k] ? n->lng_cap[k] : 0.0;
    for (int p = 0; p < n->n_pipe; p++) {
        int on = day >= n->pipe_on[p] && day < n->pipe_off[p];
        c->pipe_cap[p] = on ? n->pipe_cap[p] : 0.0;
        c->pipe_rev[p] = on ? n->pipe_rev[p] : 0.0;
    }
    for (int k = 0; k < n->n_sto; k++)
        c->sto_wd_f[k] = c->sto_inj_f[k] = 1.0;
    for (int q = 0; q < n->n_regions; q++)
        c->demand[q] = demand_base(n, q, day, mo - 1);
    for (int o = 0; o < n->n_origins; o++)
        c->origin_f[o] = 1.0;
    market_caps_init(n, c);
    double *const params[P_COUNT] = {
        [P_PIPE_CAP] = c->pipe_cap, [P_PIPE_REV] = c->pipe_rev,
        [P_SRC_CAP] = c->src_cap,   [P_SRC_MIN] = c->src_min,
        [P_LNG_CAP] = c->lng_cap,   [P_STO_WD] = c->sto_wd_f,
        [P_STO_INJ] = c->sto_inj_f, [P_DEMAND] = c->demand,
        [P_ORIGIN] = c->origin_f,   [P_TR_VOL] = c->tr_vol,
        [P_TR_PRICE] = c->tr_price, [P_SLOT_MIN] = c->slot_min,
        [P_DR_SHARE] = c->dr_cap,   [P_DR_PRICE] = c->dr_price};
    events_apply(n, day, params);
    /* external factors (Monte Carlo outages and weather) */
    for (int q = 0; q < n->n_regions; q++)
        c->demand[q] *= m->ext_demand_f[q];
    for (int p = 0; p < n->n_pipe; p++) {
        c->pipe_cap[p] *= m->ext_cap_f[P_PIPE_CAP][p];
        c->pipe_rev[p] *= m->ext_cap_f[P_PIPE_CAP][p];
    }
    for (int i = 0; i < n->n_src; i++) {
        double f = m->ext_cap_f[P_SRC_CAP][i] * c->origin_f[n->src_origin[i]];
        c->src_cap[i] *= f;
        c->src_min[i] *= f;
    }
    for (int k = 0; k < n->n_lng; k++)
        c->lng_cap[k] *= m->ext_cap_f[P_LNG_CAP][k];
    for (int s = 0; s < n->n_slots; s++)
        c->slot_cap[s] = c->lng_cap[n->slot_lng[s]] * n->slot_avail[s] *
                         c->origin_f[n->slot_origin[s]];
    for (int k = 0; k < n->n_sto; k++) {
        double f = m->ext_cap_f[P_STO_WD][k];
        c->sto_wd_rate[k] = n->sto_wd[k] * c->sto_wd_f[k] * f;
        c->sto_inj_rate[k] = n->sto_inj[k] * c->sto_inj_f[k] * f;
        c->sto_target_fill[k] = storage_target_fill(n, k, day);
        c->sto_tdate[k] = (unsigned char)storage_target_date(n, k, day);
        c->sto_thard[k] = (unsigned char)storage_target_hard(n, k, day);
    }
    market_caps_finish(n, c, m->ext_cap_f[P_LNG_CAP]);
}

/* The foresight a run solves with. A network without storage carries
 * nothing from one day to the next (storage inventory is the only row that
 * links the days of a window), so its window LP falls apart into
 * independent days: rolling and perfect foresight then solve day by day,
 * the same optimum at a myopic day's cost (docs/DISPATCH.md). */
int model_foresight(const gasdep_model *m)
{
    return m->n.n_sto > 0 ? m->scn.sc.foresight : FS_MYOPIC;
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

/* Daily means of n days of capacities into out; the target at the end of
 * the block, raised to the highest target falling on a date inside it. */
static void caps_mean(const net *n, const day_caps *day, int nd, const day_caps *out)
{
    const struct {
        double *const *dst;
        int count;
    } f[] = {{&out->src_cap, n->n_src},       {&out->src_min, n->n_src},
             {&out->lng_cap, n->n_lng},       {&out->slot_cap, n->n_slots},
             {&out->pipe_cap, n->n_pipe},     {&out->pipe_rev, n->n_pipe},
             {&out->sto_wd_f, n->n_sto},      {&out->sto_inj_f, n->n_sto},
             {&out->sto_wd_rate, n->n_sto},   {&out->sto_inj_rate, n->n_sto},
             {&out->demand, n->n_regions},    {&out->origin_f, n->n_origins},
             {&out->tr_vol, n->n_tr},         {&out->tr_price, n->n_tr},
             {&out->slot_min, n->n_slots},    {&out->dr_cap, n->n_dr},
             {&out->dr_price, n->n_dr}};
    for (size_t a = 0; a < sizeof f / sizeof f[0]; a++) {
        size_t off = (size_t)((const char *)f[a].dst - (const char *)out);
        double *dst = *f[a].dst;
        for (int i = 0; i < f[a].count; i++) {
            double sum = 0.0;
            for (int t = 0; t < nd; t++)
                sum += (*(double *const *)((const char *)&day[t] + off))[i];
            dst[i] = sum / nd;
        }
    }
    for (int k = 0; k < n->n_sto; k++) {
        double tgt = day[nd - 1].sto_target_fill[k];
        unsigned char on = day[nd - 1].sto_tdate[k];
        for (int t = 0; t < nd; t++)
            if (day[t].sto_tdate[k]) {
                on = 1;
                if (day[t].sto_target_fill[k] > tgt)
                    tgt = day[t].sto_target_fill[k];
            }
        out->sto_target_fill[k] = tgt;
        out->sto_tdate[k] = on;
        out->sto_thard[k] = day[nd - 1].sto_thard[k];
    }
}

/* Day state, summaries and the external factors (all 1 at first). */
static int alloc_run(gasdep_model *m)
{
    net *n = &m->n;
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
    m->win = net_alloc(n, (size_t)D, sizeof *m->win);
    m->blk = net_alloc(n, (size_t)B, sizeof *m->blk);
    m->blk_len = net_alloc(n, (size_t)B, sizeof *m->blk_len);
    if (!m->win || !m->blk || !m->blk_len)
        return GASDEP_ENOMEM;
    for (int t = 0; t < D; t++)
        if (day_caps_alloc(&m->win[t], n) != GASDEP_OK)
            return GASDEP_ENOMEM;
    for (int b = 0; b < B; b++)
        if (day_caps_alloc(&m->blk[b], n) != GASDEP_OK)
            return GASDEP_ENOMEM;
    if (dispatch_plan_alloc(&m->plan, n, B) != GASDEP_OK)
        return GASDEP_ENOMEM;
    int rc = day_alloc(&m->d, n);
    if (rc == GASDEP_OK)
        rc = results_alloc(&m->s, n);
    if (rc != GASDEP_OK)
        return rc;
    if (!(m->ext_demand_f = net_alloc(n, (size_t)n->n_regions, sizeof(double))))
        return GASDEP_ENOMEM;
    for (int p = 0; p < P_COUNT; p++) {
        int cnt = p == P_PIPE_CAP ? n->n_pipe
                  : p == P_SRC_CAP ? n->n_src
                  : p == P_LNG_CAP ? n->n_lng
                  : p == P_STO_WD  ? n->n_sto
                                   : 0;
        if (!(m->ext_cap_f[p] = net_alloc(n, (size_t)cnt, sizeof(double))))
            return GASDEP_ENOMEM;
        for (int i = 0; i < cnt; i++)
            m->ext_cap_f[p][i] = 1.0;
    }
    for (int r = 0; r < n->n_regions; r++)
        m->ext_demand_f[r] = 1.0;
    return GASDEP_OK;
}

static void reset_run(gasdep_model *m)
{
    net *n = &m->n;
    day_state *d = &m->d;
    int O = n->n_origins;
    for (int k = 0; k < n->n_sto; k++) {
        d->sto_inv[k] = n->sto_init_fill[k] * n->sto_vol[k];
        memcpy(d->sto_mix + (size_t)k * O, n->sto_init_mix + (size_t)k * O,
               (size_t)O * sizeof(double));
    }
    d->imbalance = d->imbalance_max = 0.0;
    m->day = -1;
    m->next_day = n->first_day;
    m->plan_first = n->first_day;
    m->plan_days = 0;
    results_summary_reset(&m->s, &m->n);
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
    int rc = network_build(&m->n, &m->scn);
    if (rc == GASDEP_OK && (rc = alloc_run(m)) != GASDEP_OK)
        err_fail(&m->err, rc, "out of memory");
    if (rc != GASDEP_OK) {
        m->state = ST_FAILED;
        return rc;
    }
    m->lp = dispatch_create(&m->n, &m->scn.sc, m->win_blocks);
    m->tr = trace_create(&m->n);
    if (!m->lp || !m->tr) {
        m->state = ST_FAILED;
        return err_fail(&m->err, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    /* N-1 uses the first day's capacities */
    day_caps today = day_caps_of(&m->d);
    day_caps_fill(m, m->n.first_day, &today);
    for (int a = 0; a < m->n.n_areas; a++)
        m->s.n1[a] = results_n1(&m->n, &m->d, a);
    m->state = ST_READY;
    m->ready = 1;
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
    TAKE(src, src, n->n_src);
    TAKE(slot, slot, n->n_slots);
    TAKE(fwd, fwd, n->n_pipe);
    TAKE(rev, rev, n->n_pipe);
    TAKE(inj, inj, n->n_sto);
    TAKE(wd, wd, n->n_sto);
    TAKE(unserved, unserved, n->n_regions);
    TAKE(price, price, n->n_regions);
    TAKE(sto_value, sto_value, n->n_sto);
    TAKE(tr, tr, n->n_tr);
    TAKE(reduced, reduced, n->n_regions);
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
    int rc = GASDEP_OK;
    if (day < m->plan_first || day >= m->plan_first + m->plan_days) {
        int D, B, implement;
        window_layout(m, day, &D, &B, m->blk_len, &implement);
        for (int t = 0; t < D; t++)
            day_caps_fill(m, day + t, &m->win[t]);
        for (int b = 0, t = 0; b < B; t += m->blk_len[b++])
            caps_mean(n, &m->win[t], m->blk_len[b], &m->blk[b]);
        dispatch_window w = {B, m->blk, m->blk_len, d->sto_inv, day};
        rc = dispatch_solve(m->lp, n, &w, &m->plan, why, sizeof why);
        m->plan_first = day;
        m->plan_days = rc == GASDEP_OK ? implement : 0;
        d->lp_stages = m->plan.stages;
    } else {
        d->lp_stages = 0;
    }
    if (rc == GASDEP_OK) {
        day_caps today = day_caps_of(d);
        day_caps_fill(m, day, &today);
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
    int O = n->n_origins;
    for (int k = 0; k < n->n_sto; k++) {
        storage_mix_update(d->sto_mix + (size_t)k * O, d->sto_inv[k], d->inj[k],
                           d->node_mix + (size_t)n->sto_node[k] * O, d->wd[k], O);
        double inv = d->sto_inv[k] + d->inj[k] - d->wd[k];
        d->sto_inv[k] = inv < 0 ? 0 : (inv > n->sto_vol[k] ? n->sto_vol[k] : inv);
    }
    d->imbalance = results_imbalance(n, d, d->scratch);
    if (d->imbalance > d->imbalance_max)
        d->imbalance_max = d->imbalance;
    results_day(&m->s, n, d);
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

int gasdep_run(gasdep_model *m, const char *outdir)
{
    return gasdep_run_to(m, outdir, NULL, NULL);
}

int gasdep_run_to(gasdep_model *m, const char *outdir, const char *table,
                  FILE *stream)
{
    if (!m)
        return GASDEP_EARG;
    int rc = GASDEP_OK;
    if (m->state == ST_LOADED)
        rc = gasdep_init(m);
    if (rc != GASDEP_OK)
        return rc;
    struct output *o = NULL;
    if (outdir || stream) {
        o = output_open(m, &m->err, outdir, table, stream);
        if (!o)
            return GASDEP_EIO;
    }
    while ((rc = gasdep_step(m)) == GASDEP_OK) {
        if (o && (rc = output_day(o, m)) != GASDEP_OK)
            break;
        if (m->progress)
            m->progress(m->progress_ctx, m->day - m->n.first_day + 1,
                        m->n.last_day - m->n.first_day + 1);
    }
    if (rc == GASDEP_DONE)
        rc = gasdep_finish(m);
    if (o) {
        int orc = output_close(o, m, &m->err, rc == GASDEP_OK);
        if (rc == GASDEP_OK)
            rc = orc;
    }
    return rc;
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
    if (!m || !m->ready || region < 0 || region >= m->n.n_regions ||
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
    int p = kind == GASDEP_PIPELINE ? P_PIPE_CAP
            : kind == GASDEP_SOURCE ? P_SRC_CAP
            : kind == GASDEP_LNG    ? P_LNG_CAP
            : kind == GASDEP_STORAGE ? P_STO_WD
                                    : -1;
    if (p < 0 || index < 0 || index >= gasdep_count(m, kind))
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
