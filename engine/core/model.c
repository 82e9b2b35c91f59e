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

/* Capacities, demand and storage limits of `day` into m->d. */
static void day_parameters(gasdep_model *m, int day)
{
    const net *n = &m->n;
    day_state *d = &m->d;
    int y, mo, dd;
    gasdep_civil(day, &y, &mo, &dd);
    for (int i = 0; i < n->n_src; i++) {
        int on = day >= n->src_on[i] && day < n->src_off[i];
        d->src_cap[i] = on ? n->src_cap[i] : 0.0;
        d->src_min[i] = on ? n->src_min[i] : 0.0;
    }
    for (int k = 0; k < n->n_lng; k++)
        d->lng_cap[k] = day >= n->lng_on[k] && day < n->lng_off[k] ? n->lng_cap[k] : 0.0;
    for (int p = 0; p < n->n_pipe; p++) {
        int on = day >= n->pipe_on[p] && day < n->pipe_off[p];
        d->pipe_cap[p] = on ? n->pipe_cap[p] : 0.0;
        d->pipe_rev[p] = on ? n->pipe_rev[p] : 0.0;
    }
    for (int k = 0; k < n->n_sto; k++)
        d->sto_wd_f[k] = d->sto_inj_f[k] = 1.0;
    for (int q = 0; q < n->n_regions; q++)
        d->demand[q] = demand_base(n, q, day, mo - 1);
    for (int o = 0; o < n->n_origins; o++)
        d->origin_f[o] = 1.0;
    double *const params[P_COUNT] = {
        [P_PIPE_CAP] = d->pipe_cap, [P_PIPE_REV] = d->pipe_rev,
        [P_SRC_CAP] = d->src_cap,   [P_SRC_MIN] = d->src_min,
        [P_LNG_CAP] = d->lng_cap,   [P_STO_WD] = d->sto_wd_f,
        [P_STO_INJ] = d->sto_inj_f, [P_DEMAND] = d->demand,
        [P_ORIGIN] = d->origin_f};
    events_apply(n, day, params);
    /* external factors (Monte Carlo outages and weather) */
    for (int q = 0; q < n->n_regions; q++)
        d->demand[q] *= m->ext_demand_f[q];
    for (int p = 0; p < n->n_pipe; p++) {
        d->pipe_cap[p] *= m->ext_cap_f[P_PIPE_CAP][p];
        d->pipe_rev[p] *= m->ext_cap_f[P_PIPE_CAP][p];
    }
    for (int i = 0; i < n->n_src; i++) {
        double f = m->ext_cap_f[P_SRC_CAP][i] * d->origin_f[n->src_origin[i]];
        d->src_cap[i] *= f;
        d->src_min[i] *= f;
    }
    for (int k = 0; k < n->n_lng; k++)
        d->lng_cap[k] *= m->ext_cap_f[P_LNG_CAP][k];
    for (int s = 0; s < n->n_slots; s++)
        d->slot_cap[s] = d->lng_cap[n->slot_lng[s]] * n->slot_avail[s] *
                         d->origin_f[n->slot_origin[s]];
    for (int k = 0; k < n->n_sto; k++) {
        double f = m->ext_cap_f[P_STO_WD][k];
        double vol = n->sto_vol[k], inv = d->sto_inv[k];
        double fill = vol > 0 ? inv / vol : 0.0;
        double wd = n->sto_wd[k] * storage_rate_factor(n, k, 0, fill) *
                    d->sto_wd_f[k] * f;
        double inj = n->sto_inj[k] * storage_rate_factor(n, k, 1, fill) *
                     d->sto_inj_f[k] * f;
        d->sto_wd_max[k] = wd < inv ? wd : inv;
        d->sto_inj_max[k] = inj < vol - inv ? inj : vol - inv;
        if (d->sto_inj_max[k] < 0)
            d->sto_inj_max[k] = 0;
        d->sto_target_fill[k] = storage_target_fill(n, k, day);
        d->sto_min_end[k] = d->sto_target_fill[k] * vol;
    }
}

/* Day state, summaries and the external factors (all 1 at first). */
static int alloc_run(gasdep_model *m)
{
    net *n = &m->n;
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
    m->lp = dispatch_create(&m->n, &m->scn.sc);
    m->tr = trace_create(&m->n);
    if (!m->lp || !m->tr) {
        m->state = ST_FAILED;
        return err_fail(&m->err, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    /* N-1 uses the first day's capacities */
    day_parameters(m, m->n.first_day);
    for (int a = 0; a < m->n.n_areas; a++)
        m->s.n1[a] = results_n1(&m->n, &m->d, a);
    m->state = ST_READY;
    m->ready = 1;
    return GASDEP_OK;
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
    day_parameters(m, day);
    char why[256];
    int rc = dispatch_solve(m->lp, n, d, m->scn.sc.curtailment, why, sizeof why);
    if (rc == GASDEP_OK) {
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
    while ((rc = gasdep_step(m)) == GASDEP_OK)
        if (o && (rc = output_day(o, m)) != GASDEP_OK)
            break;
    if (rc == GASDEP_DONE)
        rc = gasdep_finish(m);
    if (o) {
        int orc = output_close(o, m, &m->err, rc == GASDEP_OK);
        if (rc == GASDEP_OK)
            rc = orc;
    }
    return rc;
}

/* ---- perturbations ------------------------------------------------------ */

int gasdep_set_demand_factor(gasdep_model *m, int region, double factor)
{
    if (!m || !m->ready || region < 0 || region >= m->n.n_regions ||
        !(factor >= 0 && isfinite(factor)))
        return GASDEP_EARG;
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
    m->ext_cap_f[p][index] = factor;
    return GASDEP_OK;
}

void gasdep_thread_finish(void)
{
    dispatch_thread_finish();
}
