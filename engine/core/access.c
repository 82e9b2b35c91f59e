/* access.c: the model's read-only API: messages, the network description,
 * the day's results and the run summaries. */
#include <math.h>
#include <string.h>

#include "model.h"

const char *gasdep_errmsg(const gasdep_model *m)
{
    if (!m || !m->err.msg)
        return "";
    return m->err.msg;
}

int gasdep_error_count(const gasdep_model *m)
{
    return m ? m->err.n_errors : 0;
}

const char *gasdep_warnings(const gasdep_model *m)
{
    if (!m || !m->err.warn)
        return "";
    return m->err.warn;
}

int gasdep_warning_count(const gasdep_model *m)
{
    return m ? m->err.n_warnings : 0;
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
    return scenario_get(&m->scn, path, value);
}

const char *gasdep_scenario_name(const gasdep_model *m)
{
    if (!m)
        return "";
    if (m->scn.sc.name)
        return m->scn.sc.name;
    return m->err.n_files ? m->err.files[0] : "";
}

const char *gasdep_input_file(const gasdep_model *m, int i)
{
    return m && i >= 0 && i < m->err.n_files ? m->err.files[i] : NULL;
}

const char *gasdep_override(const gasdep_model *m, int i)
{
    return m && i >= 0 && i < m->scn.n_overrides ? m->scn.overrides[i] : NULL;
}

uint64_t gasdep_content_hash(const gasdep_model *m)
{
    return m ? m->scn.content_hash : 0;
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
