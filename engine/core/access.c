/* access.c: the model's read-only API: messages, the network description,
 * the day's results and the run summaries. */
#include <math.h>
#include <string.h>

#include "model.h"
#include "scenario_keys.h"

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

/* gasdep_count, inlined in this file's range checks: the public one cannot
 * be (it may be interposed in the shared library), and the daily results are
 * read per value by the CSV writer. */
static inline int count_of(const gasdep_model *m, int kind)
{
    if (!m || !m->ready)
        return 0;
    const net *n = &m->n;
    switch (kind) {
    case GASDEP_ORIGIN: return n->origin.count;
    case GASDEP_SOURCE: return n->src.count;
    case GASDEP_NODE: return n->node.count;
    case GASDEP_REGION: return n->area.n_regions;
    case GASDEP_PIPELINE: return n->pipe.count;
    case GASDEP_STORAGE: return n->sto.count;
    case GASDEP_LNG: return n->lng.count;
    case GASDEP_EVENT: return n->ev.count;
    case GASDEP_AREA: return n->area.count;
    case GASDEP_ORIGIN_GROUP: return n->origin.n_groups;
    case GASDEP_CORRIDOR: return n->corr.count;
    default: return 0;
    }
}

int gasdep_count(const gasdep_model *m, int kind)
{
    return count_of(m, kind);
}

const char *gasdep_name(const gasdep_model *m, int kind, int i)
{
    if (i < 0 || i >= count_of(m, kind))
        return NULL;
    const net *n = &m->n;
    switch (kind) {
    case GASDEP_ORIGIN: return n->origin.name[i];
    case GASDEP_SOURCE: return n->src.name[i];
    case GASDEP_NODE: return n->node.name[i];
    case GASDEP_REGION: return n->area.name[i];
    case GASDEP_PIPELINE: return n->pipe.name[i];
    case GASDEP_STORAGE: return n->sto.name[i];
    case GASDEP_LNG: return n->lng.name[i];
    case GASDEP_EVENT: return n->ev.rt[i].name;
    case GASDEP_AREA: return n->area.name[i];
    case GASDEP_ORIGIN_GROUP: return n->origin.group_name[i];
    case GASDEP_CORRIDOR: return n->corr.name[i];
    default: return NULL;
    }
}

int gasdep_find(const gasdep_model *m, int kind, const char *name)
{
    int c = count_of(m, kind);
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

const char *gasdep_foresight_used(const gasdep_model *m)
{
    static const char *const name[] = {"myopic", "rolling", "perfect"};
    return m && m->ready && m->lp ? name[model_foresight(m)] : "";
}

const char *gasdep_solver_used(const gasdep_model *m)
{
    return m && m->ready && m->lp ? dispatch_solver_name(m->lp) : "";
}

const char *gasdep_version(void)
{
    return GASDEP_VERSION;
}

const char *gasdep_content_sha256(const gasdep_model *m)
{
    return m ? m->scn.content_sha256 : "";
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
    return o >= 0 && o < count_of(m, GASDEP_ORIGIN) ? m->n.origin.group[o] : -1;
}

int gasdep_area_is_group(const gasdep_model *m, int a)
{
    return a >= m->n.area.n_regions;
}

int gasdep_area_members(const gasdep_model *m, int a, const int **regions)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA))
        return -1;
    const int *first = m->n.area.member_first;
    *regions = m->n.area.members + first[a];
    return first[a + 1] - first[a];
}

int gasdep_pipeline_ends(const gasdep_model *m, int p, int *from, int *to)
{
    if (p < 0 || p >= count_of(m, GASDEP_PIPELINE))
        return GASDEP_EARG;
    *from = m->n.pipe.from[p];
    *to = m->n.pipe.to[p];
    return GASDEP_OK;
}

int gasdep_corridor_members(const gasdep_model *m, int c, int kind,
                            const int **index)
{
    if (!index || c < 0 || c >= count_of(m, GASDEP_CORRIDOR))
        return -1;
    const corridor_set *cs = &m->n.corr;
    const int *first = kind == GASDEP_PIPELINE ? cs->pipe_first
                       : kind == GASDEP_SOURCE ? cs->src_first
                       : kind == GASDEP_LNG    ? cs->lng_first
                                               : NULL;
    if (!first)
        return -1;
    *index = (kind == GASDEP_PIPELINE ? cs->pipes
              : kind == GASDEP_SOURCE ? cs->srcs
                                      : cs->lngs) + first[c];
    return first[c + 1] - first[c];
}

double gasdep_n1_pct(const gasdep_model *m, int a)
{
    return a >= 0 && a < count_of(m, GASDEP_AREA) ? m->s.n1[a] : NAN;
}

/* ---- results ------------------------------------------------------------ */

int gasdep_day(const gasdep_model *m)
{
    return m ? m->day : -1;
}

int gasdep_area_result(const gasdep_model *m, int a, gasdep_area_day *out)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || m->day < 0)
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
    out->reduced_mcm = d->area_reduced[a];
    return GASDEP_OK;
}

double gasdep_area_origin_mcm(const gasdep_model *m, int a, int o)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || o < 0 ||
        o >= m->n.origin.count || m->day < 0)
        return NAN;
    return m->d.area_origin[(size_t)a * m->n.origin.count + o];
}

double gasdep_area_group_mcm(const gasdep_model *m, int a, int g)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || g < 0 ||
        g >= m->n.origin.n_groups || m->day < 0)
        return NAN;
    return m->d.area_group[(size_t)a * m->n.origin.n_groups + g];
}

double gasdep_area_via_mcm(const gasdep_model *m, int a, int c)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || c < 0 ||
        c >= m->n.corr.count || m->day < 0)
        return NAN;
    return m->d.area_via[(size_t)a * m->n.corr.count + c];
}

int gasdep_pipeline_result(const gasdep_model *m, int p, double *flow,
                           double *cap)
{
    if (p < 0 || p >= count_of(m, GASDEP_PIPELINE) || m->day < 0)
        return GASDEP_EARG;
    const day_state *d = &m->d;
    double f = d->fwd[p] - d->rev[p];
    *flow = f;
    *cap = f < 0 ? d->pipe_rev[p] : d->pipe_cap[p];
    return GASDEP_OK;
}

double gasdep_pipeline_capacity_value(const gasdep_model *m, int p)
{
    double f, cap;
    if (!m || gasdep_pipeline_result(m, p, &f, &cap) != GASDEP_OK)
        return NAN;
    /* a closed pipeline's dual is not determined (nothing flows either
     * side of a zero bound): NA, as its utilisation */
    return cap > 1e-12 ? m->d.cap_value[p] : NAN;
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
    if (a < 0 || a >= count_of(m, GASDEP_AREA))
        return GASDEP_EARG;
    const summary *s = &m->s;
    out->demand_mcm = s->demand[a];
    out->supplied_mcm = s->supplied[a];
    out->unserved_mcm = s->unserved[a];
    out->days_short = s->days_short[a];
    out->min_storage_fill = s->min_fill[a];
    out->peak_price_eur_mwh = isfinite(s->peak_price[a]) ? s->peak_price[a] : NAN;
    out->n1_pct = s->n1[a];
    out->reduced_mcm = s->reduced[a];
    return GASDEP_OK;
}

/* Mean (sum over the area's supply), lowest and highest daily share of
 * summary entry i of area a (NaN where none). */
static int share_stats(const gasdep_model *m, int a, double sum, double lo, double hi,
                       double *mean, double *min, double *max)
{
    double sup = m->s.supplied[a];
    *mean = sup > 1e-9 ? sum / sup : NAN;
    *min = isfinite(lo) ? lo : NAN;
    *max = isfinite(hi) ? hi : NAN;
    return GASDEP_OK;
}

int gasdep_area_group_share_stats(const gasdep_model *m, int a, int g,
                                  double *mean, double *min, double *max)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || g < 0 ||
        g >= m->n.origin.n_groups)
        return GASDEP_EARG;
    size_t i = (size_t)a * m->n.origin.n_groups + g;
    const summary *s = &m->s;
    return share_stats(m, a, s->gsum[i], s->gmin[i], s->gmax[i], mean, min, max);
}

int gasdep_area_via_share_stats(const gasdep_model *m, int a, int c, double *mean,
                                double *min, double *max)
{
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || c < 0 ||
        c >= m->n.corr.count)
        return GASDEP_EARG;
    size_t i = (size_t)a * m->n.corr.count + c;
    const summary *s = &m->s;
    return share_stats(m, a, s->vsum[i], s->vmin[i], s->vmax[i], mean, min, max);
}

/* ---- pipelines' losses, supplies and storage ----------------------------- */

double gasdep_pipeline_loss_mcm(const gasdep_model *m, int p)
{
    if (p < 0 || p >= count_of(m, GASDEP_PIPELINE) || m->day < 0)
        return NAN;
    return m->n.pipe.loss[p] * (m->d.fwd[p] + m->d.rev[p]);
}

int gasdep_supply_count(const gasdep_model *m)
{
    return m && m->ready ? m->n.src.count + m->n.slot.count : 0;
}

/* Mean price (EUR/MWh) of tranche set ts's take on the last day, or its
 * first tranche's price when nothing was taken (or before the first day). */
static double tranche_price(const gasdep_model *m, int ts)
{
    const net *n = &m->n;
    int first = n->tranche.set_first[ts], end = n->tranche.set_first[ts + 1];
    double v = 0.0, c = 0.0;
    if (m->day >= 0)
        for (int i = first; i < end; i++) {
            v += m->d.tr[i];
            c += m->d.tr[i] * m->d.tr_price[i];
        }
    return v > 1e-12 ? c / v : m->day >= 0 ? m->d.tr_price[first] : n->tranche.price[first];
}

int gasdep_supply_result(const gasdep_model *m, int i, gasdep_supply_day *out)
{
    if (!out || i < 0 || i >= gasdep_supply_count(m))
        return GASDEP_EARG;
    const net *n = &m->n;
    const day_state *d = &m->d;
    if (i < n->src.count) {
        double cap = d->src_cap[i];
        /* the dispatch bounds the minimum take by the day's capacity */
        double mt = d->src_min[i] < cap ? d->src_min[i] : cap;
        out->kind = GASDEP_SOURCE;
        out->element = i;
        out->node = n->src.node[i];
        out->origin = n->src.origin[i];
        out->volume_mcm = d->src[i];
        out->capacity_mcm = cap;
        out->min_take_mcm = mt > 0 ? mt : 0.0;
        out->missed_min_take_mcm = mt > d->src[i] ? mt - d->src[i] : 0.0;
        out->cost_eur_mwh = n->src.cost[i];
        if (n->src.tset[i] >= 0)
            out->cost_eur_mwh += tranche_price(m, n->src.tset[i]);
    } else {
        int s = i - n->src.count;
        int k = n->slot.lng[s];
        out->kind = GASDEP_LNG;
        out->element = k;
        out->node = n->lng.node[k];
        out->origin = n->slot.origin[s];
        out->volume_mcm = d->slot[s];
        out->capacity_mcm = d->slot_cap[s];
        double cap = d->slot_cap[s];
        double mt = d->slot_min[s] < cap ? d->slot_min[s] : cap;
        out->min_take_mcm = mt > 0 ? mt : 0.0;
        out->missed_min_take_mcm = mt > d->slot[s] ? mt - d->slot[s] : 0.0;
        out->cost_eur_mwh = n->slot.cost[s];
        int ts = n->origin.tset[n->slot.origin[s]];
        if (ts >= 0)
            out->cost_eur_mwh += tranche_price(m, ts);
    }
    if (m->day < 0) /* described, not yet simulated */
        out->volume_mcm = out->capacity_mcm = out->min_take_mcm =
            out->missed_min_take_mcm = NAN;
    return GASDEP_OK;
}

int gasdep_storage_result(const gasdep_model *m, int k, gasdep_storage_day *out)
{
    if (!out || k < 0 || k >= count_of(m, GASDEP_STORAGE) || m->day < 0)
        return GASDEP_EARG;
    const net *n = &m->n;
    const day_state *d = &m->d;
    double vol = n->sto.vol[k];
    out->node = n->sto.node[k];
    out->level_mcm = d->sto_inv[k];
    out->fill = vol > 0 ? d->sto_inv[k] / vol : NAN;
    out->target_fill = d->sto_target_fill[k];
    out->injection_mcm = d->inj[k];
    out->withdrawal_mcm = d->wd[k];
    /* the dual of the store's inventory balance (docs/DISPATCH.md) */
    out->value_eur_mwh = d->sto_value[k];
    return GASDEP_OK;
}

/* ---- days of cover and survival times (cover.c) --------------------------- */

int gasdep_area_cover_get(const gasdep_model *m, int a, gasdep_area_cover *out)
{
    if (!out || a < 0 || a >= count_of(m, GASDEP_AREA) || m->day < 0)
        return GASDEP_EARG;
    out->storage_mcm = m->cov.storage_mcm[a];
    out->gap_mcm = m->cov.gap_mcm[a];
    out->days_of_cover = m->cov.days[a];
    return GASDEP_OK;
}

int gasdep_disruption_count(const gasdep_model *m)
{
    return m && m->ready ? m->cov.n_events : 0;
}

const char *gasdep_disruption(const gasdep_model *m, int i, int *start_day)
{
    if (i < 0 || i >= gasdep_disruption_count(m))
        return NULL;
    if (start_day)
        *start_day = m->cov.start[i];
    return m->n.ev.rt[m->cov.event[i]].name;
}

int gasdep_area_survival(const gasdep_model *m, int a, int i, int *first_short_day)
{
    if (first_short_day)
        *first_short_day = -1;
    if (a < 0 || a >= count_of(m, GASDEP_AREA) || i < 0 ||
        i >= gasdep_disruption_count(m))
        return -1;
    int day = m->cov.first_short[(size_t)a * m->cov.n_events + i];
    if (day == COVER_NONE)
        return -1;
    if (first_short_day)
        *first_short_day = day;
    return day - m->cov.start[i];
}

/* ---- units of parameters ------------------------------------------------- */

static const char *type_unit(int type)
{
    switch (type) {
    case T_FLOW: return "mcm/d";
    case T_VOLUME: return "mcm";
    case T_PRICE: return "EUR/MWh";
    case T_GCV: return "kWh/m3";
    case T_KELVIN: return "K";
    case T_PER_YEAR: return "1/y";
    case T_DAYS:
    case T_DAYS_REAL: return "d";
    case T_FRACTION:
    case T_FRACTION01:
    case T_FACTOR:
    case T_NUMBER:
    case T_DATE:
    case T_CURTAIL:
    case T_DIST: return "";
    default: return NULL; /* text and lists: no single number */
    }
}

const char *gasdep_unit(const gasdep_model *m, const char *path)
{
    if (!m || !path)
        return NULL;
    char buf[512];
    if (strlen(path) >= sizeof buf)
        return NULL;
    strcpy(buf, path);
    char *dot = strchr(buf, '.');
    if (!dot)
        return NULL;
    *dot = '\0';
    const kind_def *kd = NULL;
    for (const kind_def *k = KINDS; k->word; k++)
        if (!strcmp(k->word, buf))
            kd = k;
    if (!kd)
        return NULL;
    char *key = dot + 1;
    if (kd->kind < SK_COUNT) {
        char *dot2 = strchr(key, '.');
        if (!dot2)
            return NULL;
        *dot2 = '\0';
        if (!scenario_find(&m->scn, kd->kind, key))
            return NULL;
        key = dot2 + 1;
    }
    if (!strcmp(key, "enabled"))
        return "";
    for (const key_def *k = KEYS; k->key; k++)
        if (k->kind == kd->kind && !strcmp(k->key, key))
            return type_unit(k->type);
    return NULL;
}
