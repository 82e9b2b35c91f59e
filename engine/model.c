/* model.c: the model handle and its stepping API (load, init, step, finish,
 * run) and result accessors. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "model.h"

void *xcalloc(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

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
    scenario_defaults(&m->sc);
    m->cur_kind = -1;
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
    scenario_free(m);
    free(m->errmsg);
    free(m);
}

int gasdep_load(gasdep_model *m, const char *path)
{
    if (!m || !path)
        return GASDEP_EARG;
    if (m->state > ST_LOADED)
        return err_fail(m, GASDEP_ESTATE, "load after init");
    err_reset(m);
    srcloc none = {-1, 0};
    int rc = scenario_load_file(m, path, none);
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
        return err_fail(m, GASDEP_ESTATE, "load after init");
    err_reset(m);
    int rc = scenario_load_text(m, name, text);
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
        return err_fail(m, GASDEP_ESTATE, "set before load or after init");
    int rc = scenario_set(m, path, value);
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
        srcloc at = {-1, m->n_overrides + 1};
        err_at(m, at, "'%s': expected PATH=VALUE", assignment);
        m->input_bad = 1;
        return GASDEP_EINPUT;
    }
    char path[512];
    size_t len = (size_t)(eq - assignment);
    if (len >= sizeof path)
        len = sizeof path - 1;
    memcpy(path, assignment, len);
    path[len] = '\0';
    return gasdep_set(m, path, eq + 1);
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
    results_summary_reset(m);
}

int gasdep_init(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_LOADED)
        return err_fail(m, GASDEP_ESTATE, "init needs a loaded scenario");
    if (m->input_bad) /* keep the load errors on the handle */
        return GASDEP_EINPUT;
    err_reset(m);
    int rc = network_build(m);
    if (rc == GASDEP_OK && (rc = results_alloc(m)) != GASDEP_OK)
        err_fail(m, rc, "out of memory");
    if (rc != GASDEP_OK) {
        m->state = ST_FAILED;
        return rc;
    }
    m->lp = dispatch_create(&m->n, &m->sc);
    m->tr = trace_create(&m->n);
    if (!m->lp || !m->tr) {
        m->state = ST_FAILED;
        return err_fail(m, GASDEP_ENOMEM, "out of memory building the LP");
    }
    reset_run(m);
    /* N-1 uses the first day's capacities */
    day_parameters(m, m->n.first_day);
    for (int a = 0; a < m->n.n_areas; a++)
        m->s.n1[a] = results_n1(m, a);
    m->state = ST_READY;
    m->ready = 1;
    return GASDEP_OK;
}

int gasdep_step(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_READY && m->state != ST_RUNNING)
        return err_fail(m, GASDEP_ESTATE, "step needs init");
    net *n = &m->n;
    day_state *d = &m->d;
    int day = m->next_day;
    if (day > n->last_day)
        return GASDEP_DONE;
    m->state = ST_RUNNING;
    day_parameters(m, day);
    char why[256];
    int rc = dispatch_solve(m->lp, n, d, m->sc.curtailment, why, sizeof why);
    if (rc == GASDEP_OK) {
        rc = trace_day(m->tr, n, d);
        if (rc != GASDEP_OK)
            snprintf(why, sizeof why, "origin tracing failed (singular mixing system)");
    }
    if (rc != GASDEP_OK) {
        char date[11];
        gasdep_date_format(day, date);
        m->state = ST_FAILED;
        return err_fail(m, rc, "%s: %s", date, why);
    }
    int O = n->n_origins;
    for (int k = 0; k < n->n_sto; k++) {
        storage_mix_update(d->sto_mix + (size_t)k * O, d->sto_inv[k], d->inj[k],
                           d->node_mix + (size_t)n->sto_node[k] * O, d->wd[k], O);
        double inv = d->sto_inv[k] + d->inj[k] - d->wd[k];
        d->sto_inv[k] = inv < 0 ? 0 : (inv > n->sto_vol[k] ? n->sto_vol[k] : inv);
    }
    d->imbalance = results_imbalance(m, d->scratch);
    if (d->imbalance > d->imbalance_max)
        d->imbalance_max = d->imbalance;
    results_day(m);
    m->day = day;
    m->next_day = day + 1;
    return GASDEP_OK;
}

int gasdep_finish(gasdep_model *m)
{
    if (!m)
        return GASDEP_EARG;
    if (m->state != ST_RUNNING && m->state != ST_READY)
        return err_fail(m, GASDEP_ESTATE, "finish needs init");
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
        o = output_open(m, outdir, table, stream);
        if (!o)
            return GASDEP_EIO;
    }
    while ((rc = gasdep_step(m)) == GASDEP_OK)
        if (o && (rc = output_day(o, m)) != GASDEP_OK)
            break;
    if (rc == GASDEP_DONE)
        rc = gasdep_finish(m);
    if (o) {
        int orc = output_close(o, m, rc == GASDEP_OK);
        if (rc == GASDEP_OK)
            rc = orc;
    }
    return rc;
}

/* ---- perturbations ------------------------------------------------------ */

int gasdep_set_demand_factor(gasdep_model *m, int region, double factor)
{
    if (!m || !m->ready || region < 0 || region >= m->n.n_regions ||
        !(factor >= 0))
        return GASDEP_EARG;
    m->ext_demand_f[region] = factor;
    return GASDEP_OK;
}

int gasdep_set_capacity_factor(gasdep_model *m, int kind, int index,
                               double factor)
{
    if (!m || !m->ready || !(factor >= 0))
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

/* ---- network description ------------------------------------------------ */

int gasdep_count(const gasdep_model *m, int kind)
{
    if (!m || !m->ready)
        return 0;
    const net *n = &m->n;
    switch (kind) {
    case GASDEP_ORIGIN: return n->n_origins;
    case GASDEP_SOURCE: return n->n_src;
    case GASDEP_NODE: return n->n_nodes;
    case GASDEP_REGION: return n->n_regions;
    case GASDEP_PIPELINE: return n->n_pipe;
    case GASDEP_STORAGE: return n->n_sto;
    case GASDEP_LNG: return n->n_lng;
    case GASDEP_EVENT: return n->n_ev;
    case GASDEP_AREA: return n->n_areas;
    case GASDEP_ORIGIN_GROUP: return n->n_ogroups;
    default: return 0;
    }
}

const char *gasdep_name(const gasdep_model *m, int kind, int i)
{
    if (i < 0 || i >= gasdep_count(m, kind))
        return NULL;
    const net *n = &m->n;
    switch (kind) {
    case GASDEP_ORIGIN: return n->origin_name[i];
    case GASDEP_SOURCE: return n->src_name[i];
    case GASDEP_NODE: return n->node_name[i];
    case GASDEP_REGION: return n->area_name[i];
    case GASDEP_PIPELINE: return n->pipe_name[i];
    case GASDEP_STORAGE: return n->sto_name[i];
    case GASDEP_LNG: return n->lng_name[i];
    case GASDEP_EVENT: return n->ev[i].name;
    case GASDEP_AREA: return n->area_name[i];
    case GASDEP_ORIGIN_GROUP: return n->ogroup_name[i];
    default: return NULL;
    }
}

int gasdep_find(const gasdep_model *m, int kind, const char *name)
{
    int c = gasdep_count(m, kind);
    for (int i = 0; i < c; i++)
        if (strcmp(gasdep_name(m, kind, i), name) == 0)
            return i;
    return -1;
}

int gasdep_get(const gasdep_model *m, const char *path, double *value)
{
    if (!m || !path || !value)
        return GASDEP_EARG;
    return scenario_get(m, path, value);
}

const char *gasdep_scenario_name(const gasdep_model *m)
{
    if (!m)
        return "";
    if (m->sc.name)
        return m->sc.name;
    return m->n_files ? m->files[0] : "";
}

int gasdep_horizon(const gasdep_model *m, int *first, int *last)
{
    if (!m || !m->ready)
        return GASDEP_ESTATE;
    *first = m->n.first_day;
    *last = m->n.last_day;
    return GASDEP_OK;
}

int gasdep_origin_group(const gasdep_model *m, int o)
{
    return o >= 0 && o < gasdep_count(m, GASDEP_ORIGIN) ? m->n.origin_group[o] : -1;
}

int gasdep_area_is_group(const gasdep_model *m, int a)
{
    return a >= m->n.n_regions;
}

int gasdep_area_members(const gasdep_model *m, int a, const int **regions)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA))
        return -1;
    const int *first = m->n.area_member_first;
    *regions = m->n.area_members + first[a];
    return first[a + 1] - first[a];
}

int gasdep_pipeline_ends(const gasdep_model *m, int p, int *from, int *to)
{
    if (p < 0 || p >= gasdep_count(m, GASDEP_PIPELINE))
        return GASDEP_EARG;
    *from = m->n.pipe_from[p];
    *to = m->n.pipe_to[p];
    return GASDEP_OK;
}

double gasdep_n1_pct(const gasdep_model *m, int a)
{
    return a >= 0 && a < gasdep_count(m, GASDEP_AREA) ? m->s.n1[a] : NAN;
}

/* ---- results ------------------------------------------------------------ */

int gasdep_day(const gasdep_model *m)
{
    return m ? m->day : -1;
}

int gasdep_area_result(const gasdep_model *m, int a, gasdep_area_day *out)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA) || m->day < 0)
        return GASDEP_EARG;
    const day_state *d = &m->d;
    out->demand_mcm = d->area_demand[a];
    out->supplied_mcm = d->area_supplied[a];
    out->unserved_mcm = d->area_unserved[a];
    out->storage_mcm = d->area_storage[a];
    int has = d->area_volume[a] > 0;
    out->storage_fill = has ? d->area_storage[a] / d->area_volume[a] : NAN;
    out->storage_target_fill = has ? d->area_target_vol[a] / d->area_volume[a] : NAN;
    out->price_eur_mwh = d->area_price[a];
    return GASDEP_OK;
}

double gasdep_area_origin_mcm(const gasdep_model *m, int a, int o)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA) || o < 0 ||
        o >= m->n.n_origins || m->day < 0)
        return NAN;
    return m->d.area_origin[(size_t)a * m->n.n_origins + o];
}

double gasdep_area_group_mcm(const gasdep_model *m, int a, int g)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA) || g < 0 ||
        g >= m->n.n_ogroups || m->day < 0)
        return NAN;
    return m->d.area_group[(size_t)a * m->n.n_ogroups + g];
}

int gasdep_pipeline_result(const gasdep_model *m, int p, double *flow,
                           double *cap)
{
    if (p < 0 || p >= gasdep_count(m, GASDEP_PIPELINE) || m->day < 0)
        return GASDEP_EARG;
    const day_state *d = &m->d;
    double f = d->fwd[p] - d->rev[p];
    *flow = f;
    *cap = f < 0 ? d->pipe_rev[p] : d->pipe_cap[p];
    return GASDEP_OK;
}

double gasdep_mass_imbalance_mcm(const gasdep_model *m, double *run_max)
{
    if (run_max)
        *run_max = m->d.imbalance_max;
    return m->d.imbalance;
}

int gasdep_area_summary_get(const gasdep_model *m, int a,
                            gasdep_area_summary *out)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA))
        return GASDEP_EARG;
    const summary *s = &m->s;
    out->demand_mcm = s->demand[a];
    out->supplied_mcm = s->supplied[a];
    out->unserved_mcm = s->unserved[a];
    out->days_short = s->days_short[a];
    out->min_storage_fill = s->min_fill[a];
    out->peak_price_eur_mwh = isfinite(s->peak_price[a]) ? s->peak_price[a] : NAN;
    out->n1_pct = s->n1[a];
    return GASDEP_OK;
}

int gasdep_area_group_share_stats(const gasdep_model *m, int a, int g,
                                  double *mean, double *min, double *max)
{
    if (a < 0 || a >= gasdep_count(m, GASDEP_AREA) || g < 0 ||
        g >= m->n.n_ogroups)
        return GASDEP_EARG;
    size_t i = (size_t)a * m->n.n_ogroups + g;
    const summary *s = &m->s;
    *mean = s->supplied[a] > 1e-9 ? s->gsum[i] / s->supplied[a] : NAN;
    *min = isfinite(s->gmin[i]) ? s->gmin[i] : NAN;
    *max = isfinite(s->gmax[i]) ? s->gmax[i] : NAN;
    return GASDEP_OK;
}

void gasdep_thread_finish(void)
{
    glp_free_env();
}
