/* day.c: allocation of the day state, once per run. */
#include "day.h"
#include "gasdep/gasdep.h"

int day_alloc(day_state *d, net *n)
{
    int A = n->n_areas, O = n->n_origins, G = n->n_ogroups;
    NET_ALLOC(n, d->src_cap, n->n_src);
    NET_ALLOC(n, d->src_min, n->n_src);
    NET_ALLOC(n, d->lng_cap, n->n_lng);
    NET_ALLOC(n, d->slot_cap, n->n_slots);
    NET_ALLOC(n, d->pipe_cap, n->n_pipe);
    NET_ALLOC(n, d->pipe_rev, n->n_pipe);
    NET_ALLOC(n, d->sto_wd_f, n->n_sto);
    NET_ALLOC(n, d->sto_inj_f, n->n_sto);
    NET_ALLOC(n, d->sto_wd_rate, n->n_sto);
    NET_ALLOC(n, d->sto_inj_rate, n->n_sto);
    NET_ALLOC(n, d->sto_tdate, n->n_sto);
    NET_ALLOC(n, d->sto_thard, n->n_sto);
    NET_ALLOC(n, d->sto_value, n->n_sto);
    NET_ALLOC(n, d->demand, n->n_regions);
    NET_ALLOC(n, d->origin_f, O);
    NET_ALLOC(n, d->src, n->n_src);
    NET_ALLOC(n, d->slot, n->n_slots);
    NET_ALLOC(n, d->fwd, n->n_pipe);
    NET_ALLOC(n, d->rev, n->n_pipe);
    NET_ALLOC(n, d->inj, n->n_sto);
    NET_ALLOC(n, d->wd, n->n_sto);
    NET_ALLOC(n, d->unserved, n->n_regions);
    NET_ALLOC(n, d->price, n->n_regions);
    NET_ALLOC(n, d->sto_inv, n->n_sto);
    NET_ALLOC(n, d->sto_mix, (size_t)n->n_sto * O);
    NET_ALLOC(n, d->sto_target_fill, n->n_sto);
    NET_ALLOC(n, d->node_mix, (size_t)n->n_nodes * O);
    NET_ALLOC(n, d->scratch, n->n_nodes);
    NET_ALLOC(n, d->area_demand, A);
    NET_ALLOC(n, d->area_supplied, A);
    NET_ALLOC(n, d->area_unserved, A);
    NET_ALLOC(n, d->area_storage, A);
    NET_ALLOC(n, d->area_volume, A);
    NET_ALLOC(n, d->area_target_vol, A);
    NET_ALLOC(n, d->area_price, A);
    NET_ALLOC(n, d->area_origin, (size_t)A * O);
    NET_ALLOC(n, d->area_group, (size_t)A * G);
    NET_ALLOC(n, d->tr_vol, n->n_tr);
    NET_ALLOC(n, d->tr_price, n->n_tr);
    NET_ALLOC(n, d->slot_min, n->n_slots);
    NET_ALLOC(n, d->dr_cap, n->n_dr);
    NET_ALLOC(n, d->dr_price, n->n_dr);
    NET_ALLOC(n, d->tr, n->n_tr);
    NET_ALLOC(n, d->reduced, n->n_regions);
    NET_ALLOC(n, d->area_reduced, A);
    return GASDEP_OK;
}

day_caps day_caps_of(day_state *d)
{
    day_caps c = {d->src_cap,     d->src_min,      d->lng_cap,  d->slot_cap,
                  d->pipe_cap,    d->pipe_rev,     d->sto_wd_f, d->sto_inj_f,
                  d->sto_wd_rate, d->sto_inj_rate, d->demand,   d->origin_f,
                  d->sto_target_fill, d->sto_tdate, d->sto_thard, d->tr_vol, d->tr_price,
                  d->slot_min, d->dr_cap, d->dr_price};
    return c;
}

int day_caps_alloc(day_caps *c, net *n)
{
    NET_ALLOC(n, c->src_cap, n->n_src);
    NET_ALLOC(n, c->src_min, n->n_src);
    NET_ALLOC(n, c->lng_cap, n->n_lng);
    NET_ALLOC(n, c->slot_cap, n->n_slots);
    NET_ALLOC(n, c->pipe_cap, n->n_pipe);
    NET_ALLOC(n, c->pipe_rev, n->n_pipe);
    NET_ALLOC(n, c->sto_wd_f, n->n_sto);
    NET_ALLOC(n, c->sto_inj_f, n->n_sto);
    NET_ALLOC(n, c->sto_wd_rate, n->n_sto);
    NET_ALLOC(n, c->sto_inj_rate, n->n_sto);
    NET_ALLOC(n, c->demand, n->n_regions);
    NET_ALLOC(n, c->origin_f, n->n_origins);
    NET_ALLOC(n, c->sto_target_fill, n->n_sto);
    NET_ALLOC(n, c->sto_tdate, n->n_sto);
    NET_ALLOC(n, c->sto_thard, n->n_sto);
    NET_ALLOC(n, c->tr_vol, n->n_tr);
    NET_ALLOC(n, c->tr_price, n->n_tr);
    NET_ALLOC(n, c->slot_min, n->n_slots);
    NET_ALLOC(n, c->dr_cap, n->n_dr);
    NET_ALLOC(n, c->dr_price, n->n_dr);
    return GASDEP_OK;
}
