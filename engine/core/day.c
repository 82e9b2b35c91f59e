/* day.c: allocation of the day state, once per run. */
#include "day.h"
#include "gasdep/gasdep.h"

int day_alloc(day_state *d, const net *n, arena *a)
{
    int A = n->area.count, O = n->origin.count, G = n->origin.n_groups;
    ARENA_ALLOC(a, d->src_cap, n->src.count);
    ARENA_ALLOC(a, d->src_min, n->src.count);
    ARENA_ALLOC(a, d->lng_cap, n->lng.count);
    ARENA_ALLOC(a, d->slot_cap, n->slot.count);
    ARENA_ALLOC(a, d->pipe_cap, n->pipe.count);
    ARENA_ALLOC(a, d->pipe_rev, n->pipe.count);
    ARENA_ALLOC(a, d->sto_wd_f, n->sto.count);
    ARENA_ALLOC(a, d->sto_inj_f, n->sto.count);
    ARENA_ALLOC(a, d->sto_wd_rate, n->sto.count);
    ARENA_ALLOC(a, d->sto_inj_rate, n->sto.count);
    ARENA_ALLOC(a, d->sto_tdate, n->sto.count);
    ARENA_ALLOC(a, d->sto_thard, n->sto.count);
    ARENA_ALLOC(a, d->sto_value, n->sto.count);
    ARENA_ALLOC(a, d->demand, n->area.n_regions);
    ARENA_ALLOC(a, d->origin_f, O);
    ARENA_ALLOC(a, d->src, n->src.count);
    ARENA_ALLOC(a, d->slot, n->slot.count);
    ARENA_ALLOC(a, d->fwd, n->pipe.count);
    ARENA_ALLOC(a, d->rev, n->pipe.count);
    ARENA_ALLOC(a, d->cap_value, n->pipe.count);
    ARENA_ALLOC(a, d->inj, n->sto.count);
    ARENA_ALLOC(a, d->wd, n->sto.count);
    ARENA_ALLOC(a, d->unserved, n->area.n_regions);
    ARENA_ALLOC(a, d->price, n->area.n_regions);
    ARENA_ALLOC(a, d->sto_inv, n->sto.count);
    ARENA_ALLOC(a, d->sto_mix, (size_t)n->sto.count * O);
    ARENA_ALLOC(a, d->sto_target_fill, n->sto.count);
    ARENA_ALLOC(a, d->node_mix, (size_t)n->node.count * O);
    ARENA_ALLOC(a, d->scratch, n->node.count);
    ARENA_ALLOC(a, d->area_demand, A);
    ARENA_ALLOC(a, d->area_supplied, A);
    ARENA_ALLOC(a, d->area_unserved, A);
    ARENA_ALLOC(a, d->area_storage, A);
    ARENA_ALLOC(a, d->area_volume, A);
    ARENA_ALLOC(a, d->area_target_vol, A);
    ARENA_ALLOC(a, d->area_price, A);
    ARENA_ALLOC(a, d->area_origin, (size_t)A * O);
    ARENA_ALLOC(a, d->area_group, (size_t)A * G);
    ARENA_ALLOC(a, d->node_via, (size_t)n->node.count * n->corr.count);
    ARENA_ALLOC(a, d->sto_via, (size_t)n->sto.count * n->corr.count);
    ARENA_ALLOC(a, d->area_via, (size_t)A * n->corr.count);
    ARENA_ALLOC(a, d->tr_vol, n->tranche.count);
    ARENA_ALLOC(a, d->tr_price, n->tranche.count);
    ARENA_ALLOC(a, d->slot_min, n->slot.count);
    ARENA_ALLOC(a, d->dr_cap, n->dem.n_blocks);
    ARENA_ALLOC(a, d->dr_price, n->dem.n_blocks);
    ARENA_ALLOC(a, d->tr, n->tranche.count);
    ARENA_ALLOC(a, d->reduced, n->area.n_regions);
    ARENA_ALLOC(a, d->area_reduced, A);
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

int day_caps_alloc(day_caps *c, const net *n, arena *a)
{
    ARENA_ALLOC(a, c->src_cap, n->src.count);
    ARENA_ALLOC(a, c->src_min, n->src.count);
    ARENA_ALLOC(a, c->lng_cap, n->lng.count);
    ARENA_ALLOC(a, c->slot_cap, n->slot.count);
    ARENA_ALLOC(a, c->pipe_cap, n->pipe.count);
    ARENA_ALLOC(a, c->pipe_rev, n->pipe.count);
    ARENA_ALLOC(a, c->sto_wd_f, n->sto.count);
    ARENA_ALLOC(a, c->sto_inj_f, n->sto.count);
    ARENA_ALLOC(a, c->sto_wd_rate, n->sto.count);
    ARENA_ALLOC(a, c->sto_inj_rate, n->sto.count);
    ARENA_ALLOC(a, c->demand, n->area.n_regions);
    ARENA_ALLOC(a, c->origin_f, n->origin.count);
    ARENA_ALLOC(a, c->sto_target_fill, n->sto.count);
    ARENA_ALLOC(a, c->sto_tdate, n->sto.count);
    ARENA_ALLOC(a, c->sto_thard, n->sto.count);
    ARENA_ALLOC(a, c->tr_vol, n->tranche.count);
    ARENA_ALLOC(a, c->tr_price, n->tranche.count);
    ARENA_ALLOC(a, c->slot_min, n->slot.count);
    ARENA_ALLOC(a, c->dr_cap, n->dem.n_blocks);
    ARENA_ALLOC(a, c->dr_price, n->dem.n_blocks);
    return GASDEP_OK;
}
