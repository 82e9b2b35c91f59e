/* day.c: allocation of the day state, once per run. */
#include "day.h"
#include "gasdep/gasdep.h"

#define DALLOC(ptr, count)                                           \
    do {                                                             \
        (ptr) = net_alloc(n, (size_t)(count), sizeof *(ptr));        \
        if (!(ptr))                                                  \
            return GASDEP_ENOMEM;                                    \
    } while (0)

int day_alloc(day_state *d, net *n)
{
    int A = n->n_areas, O = n->n_origins, G = n->n_ogroups;
    DALLOC(d->src_cap, n->n_src);
    DALLOC(d->src_min, n->n_src);
    DALLOC(d->lng_cap, n->n_lng);
    DALLOC(d->slot_cap, n->n_slots);
    DALLOC(d->pipe_cap, n->n_pipe);
    DALLOC(d->pipe_rev, n->n_pipe);
    DALLOC(d->sto_wd_f, n->n_sto);
    DALLOC(d->sto_inj_f, n->n_sto);
    DALLOC(d->sto_wd_rate, n->n_sto);
    DALLOC(d->sto_inj_rate, n->n_sto);
    DALLOC(d->sto_tdate, n->n_sto);
    DALLOC(d->sto_thard, n->n_sto);
    DALLOC(d->sto_value, n->n_sto);
    DALLOC(d->demand, n->n_regions);
    DALLOC(d->origin_f, O);
    DALLOC(d->src, n->n_src);
    DALLOC(d->slot, n->n_slots);
    DALLOC(d->fwd, n->n_pipe);
    DALLOC(d->rev, n->n_pipe);
    DALLOC(d->inj, n->n_sto);
    DALLOC(d->wd, n->n_sto);
    DALLOC(d->unserved, n->n_regions);
    DALLOC(d->price, n->n_regions);
    DALLOC(d->sto_inv, n->n_sto);
    DALLOC(d->sto_mix, (size_t)n->n_sto * O);
    DALLOC(d->sto_target_fill, n->n_sto);
    DALLOC(d->node_mix, (size_t)n->n_nodes * O);
    DALLOC(d->scratch, n->n_nodes);
    DALLOC(d->area_demand, A);
    DALLOC(d->area_supplied, A);
    DALLOC(d->area_unserved, A);
    DALLOC(d->area_storage, A);
    DALLOC(d->area_volume, A);
    DALLOC(d->area_target_vol, A);
    DALLOC(d->area_price, A);
    DALLOC(d->area_origin, (size_t)A * O);
    DALLOC(d->area_group, (size_t)A * G);
    DALLOC(d->tr_vol, n->n_tr);
    DALLOC(d->tr_price, n->n_tr);
    DALLOC(d->slot_min, n->n_slots);
    DALLOC(d->dr_cap, n->n_dr);
    DALLOC(d->dr_price, n->n_dr);
    DALLOC(d->tr, n->n_tr);
    DALLOC(d->reduced, n->n_regions);
    DALLOC(d->area_reduced, A);
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
    DALLOC(c->src_cap, n->n_src);
    DALLOC(c->src_min, n->n_src);
    DALLOC(c->lng_cap, n->n_lng);
    DALLOC(c->slot_cap, n->n_slots);
    DALLOC(c->pipe_cap, n->n_pipe);
    DALLOC(c->pipe_rev, n->n_pipe);
    DALLOC(c->sto_wd_f, n->n_sto);
    DALLOC(c->sto_inj_f, n->n_sto);
    DALLOC(c->sto_wd_rate, n->n_sto);
    DALLOC(c->sto_inj_rate, n->n_sto);
    DALLOC(c->demand, n->n_regions);
    DALLOC(c->origin_f, n->n_origins);
    DALLOC(c->sto_target_fill, n->n_sto);
    DALLOC(c->sto_tdate, n->n_sto);
    DALLOC(c->sto_thard, n->n_sto);
    DALLOC(c->tr_vol, n->n_tr);
    DALLOC(c->tr_price, n->n_tr);
    DALLOC(c->slot_min, n->n_slots);
    DALLOC(c->dr_cap, n->n_dr);
    DALLOC(c->dr_price, n->n_dr);
    return GASDEP_OK;
}
