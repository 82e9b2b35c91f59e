/* caps.c: the capacities, demand and storage targets of a gas day after
 * online dates, events and external factors (what the dispatch needs to
 * know of a day), and their means over a block of days. */
#include <string.h>

#include "caps.h"
#include "dates.h"
#include "demand.h"
#include "events.h"
#include "storage.h"

/* Market parts of a day (issue 10) before events: tranches, LNG slot
 * floors, demand blocks as shares of demand. */
static void market_init(const net *n, const day_caps *c)
{
    for (int i = 0; i < n->tranche.count; i++) {
        c->tr_vol[i] = n->tranche.vol[i];
        c->tr_price[i] = n->tranche.price[i];
    }
    for (int s = 0; s < n->slot.count; s++)
        c->slot_min[s] = n->slot.min[s];
    for (int b = 0; b < n->dem.n_blocks; b++) {
        c->dr_cap[b] = n->dem.block_share[b];
        c->dr_price[b] = n->dem.block_price[b];
    }
}


/* After events and external factors: slot floors follow their terminal's
 * outages and their origin (as a source's minimum take does); a demand
 * block is its share of the day's final demand. */
static void market_finish(const net *n, const day_caps *c, const double *lng_f)
{
    for (int s = 0; s < n->slot.count; s++)
        c->slot_min[s] *= lng_f[n->slot.lng[s]] * c->origin_f[n->slot.origin[s]];
    for (int b = 0; b < n->dem.n_blocks; b++)
        c->dr_cap[b] *= c->demand[n->dem.block_region[b]];
}


/* External corridor factors (gasdep_set_capacity_factor on a corridor)
 * on its members' capacities, as a corridor's capacity_factor does. */
static void corridor_factors(const net *n, const double *corr_f, const day_caps *c)
{
    const corridor_set *cs = &n->corr;
    for (int k = 0; k < cs->count; k++) {
        double f = corr_f[k];
        if (f == 1.0)
            continue;
        for (int j = cs->pipe_first[k]; j < cs->pipe_first[k + 1]; j++) {
            c->pipe_cap[cs->pipes[j]] *= f;
            c->pipe_rev[cs->pipes[j]] *= f;
        }
        for (int j = cs->src_first[k]; j < cs->src_first[k + 1]; j++) {
            c->src_cap[cs->srcs[j]] *= f;
            c->src_min[cs->srcs[j]] *= f;
        }
        for (int j = cs->lng_first[k]; j < cs->lng_first[k + 1]; j++)
            c->lng_cap[cs->lngs[j]] *= f;
    }
}

void caps_fill(const net *n, const caps_factors *ext, int day, int known_by,
               const day_caps *c)
{
    int y, mo, dd;
    gasdep_civil(day, &y, &mo, &dd);
    for (int i = 0; i < n->src.count; i++) {
        int on = day >= n->src.on[i] && day < n->src.off[i];
        c->src_cap[i] = on ? n->src.cap[i] : 0.0;
        c->src_min[i] = on ? n->src.min[i] : 0.0;
    }
    for (int k = 0; k < n->lng.count; k++)
        c->lng_cap[k] = day >= n->lng.on[k] && day < n->lng.off[k] ? n->lng.cap[k] : 0.0;
    for (int p = 0; p < n->pipe.count; p++) {
        int on = day >= n->pipe.on[p] && day < n->pipe.off[p];
        c->pipe_cap[p] = on ? n->pipe.cap[p] : 0.0;
        c->pipe_rev[p] = on ? n->pipe.rev[p] : 0.0;
    }
    for (int k = 0; k < n->sto.count; k++)
        c->sto_wd_f[k] = c->sto_inj_f[k] = 1.0;
    for (int q = 0; q < n->area.n_regions; q++)
        c->demand[q] = demand_base(n, q, day, mo - 1);
    for (int o = 0; o < n->origin.count; o++)
        c->origin_f[o] = 1.0;
    market_init(n, c);
    double *const params[P_COUNT] = {
        [P_PIPE_CAP] = c->pipe_cap, [P_PIPE_REV] = c->pipe_rev,
        [P_SRC_CAP] = c->src_cap,   [P_SRC_MIN] = c->src_min,
        [P_LNG_CAP] = c->lng_cap,   [P_STO_WD] = c->sto_wd_f,
        [P_STO_INJ] = c->sto_inj_f, [P_DEMAND] = c->demand,
        [P_ORIGIN] = c->origin_f,   [P_TR_VOL] = c->tr_vol,
        [P_TR_PRICE] = c->tr_price, [P_SLOT_MIN] = c->slot_min,
        [P_DR_SHARE] = c->dr_cap,   [P_DR_PRICE] = c->dr_price};
    events_apply(n, day, known_by, params);
    /* external factors (Monte Carlo outages and weather, corridor what-ifs) */
    for (int q = 0; q < n->area.n_regions; q++)
        c->demand[q] *= ext->demand_f[q];
    if (ext->adapt_f) /* demand adapted to lasting prices: blocks scale too */
        for (int q = 0; q < n->area.n_regions; q++)
            c->demand[q] *= ext->adapt_f[q];
    for (int o = 0; o < n->origin.count; o++) /* removed origins */
        c->origin_f[o] *= ext->cap_f[P_ORIGIN][o];
    if (ext->corr_f)
        corridor_factors(n, ext->corr_f, c);
    for (int p = 0; p < n->pipe.count; p++) {
        c->pipe_cap[p] *= ext->cap_f[P_PIPE_CAP][p];
        c->pipe_rev[p] *= ext->cap_f[P_PIPE_CAP][p];
    }
    for (int i = 0; i < n->src.count; i++) {
        double f = ext->cap_f[P_SRC_CAP][i] * c->origin_f[n->src.origin[i]];
        c->src_cap[i] *= f;
        c->src_min[i] *= f;
    }
    for (int k = 0; k < n->lng.count; k++)
        c->lng_cap[k] *= ext->cap_f[P_LNG_CAP][k];
    for (int s = 0; s < n->slot.count; s++)
        c->slot_cap[s] = c->lng_cap[n->slot.lng[s]] * n->slot.avail[s] *
                         c->origin_f[n->slot.origin[s]];
    for (int k = 0; k < n->sto.count; k++) {
        double f = ext->cap_f[P_STO_WD][k];
        c->sto_wd_rate[k] = n->sto.wd[k] * c->sto_wd_f[k] * f;
        c->sto_inj_rate[k] = n->sto.inj[k] * c->sto_inj_f[k] * f;
        c->sto_target_fill[k] = storage_target_fill(n, k, day);
        c->sto_tdate[k] = (unsigned char)storage_target_date(n, k, day);
        c->sto_thard[k] = (unsigned char)storage_target_hard(n, k, day);
    }
    market_finish(n, c, ext->cap_f[P_LNG_CAP]);
}


void caps_mean(const net *n, const day_caps *day, int nd, const day_caps *out)
{
    const struct {
        double *const *dst;
        int count;
    } f[] = {{&out->src_cap, n->src.count},       {&out->src_min, n->src.count},
             {&out->lng_cap, n->lng.count},       {&out->slot_cap, n->slot.count},
             {&out->pipe_cap, n->pipe.count},     {&out->pipe_rev, n->pipe.count},
             {&out->sto_wd_f, n->sto.count},      {&out->sto_inj_f, n->sto.count},
             {&out->sto_wd_rate, n->sto.count},   {&out->sto_inj_rate, n->sto.count},
             {&out->demand, n->area.n_regions},    {&out->origin_f, n->origin.count},
             {&out->tr_vol, n->tranche.count},         {&out->tr_price, n->tranche.count},
             {&out->slot_min, n->slot.count},    {&out->dr_cap, n->dem.n_blocks},
             {&out->dr_price, n->dem.n_blocks}};
    for (size_t a = 0; a < sizeof f / sizeof f[0]; a++) {
        size_t off = (size_t)((const char *)f[a].dst - (const char *)out);
        double *dst = *f[a].dst;
        if (nd == 1) { /* a copy (model.c: today's caps from the window's) */
            memcpy(dst, *(double *const *)((const char *)day + off),
                   (size_t)f[a].count * sizeof *dst);
            continue;
        }
        for (int i = 0; i < f[a].count; i++) {
            double sum = 0.0;
            for (int t = 0; t < nd; t++)
                sum += (*(double *const *)((const char *)&day[t] + off))[i];
            dst[i] = sum / nd;
        }
    }
    for (int k = 0; k < n->sto.count; k++) {
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
