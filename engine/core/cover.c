/* cover.c: days of cover and survival times by area (docs/OUTPUTS.md,
 * cover.csv and survival.csv). A day's gap is the gas an area drew beyond
 * what reached it from outside its own stores: their net withdrawal plus its
 * unserved gas; its days of cover are the gas its stores can still release at
 * the end of the day over that gap. The survival time after a disruption
 * event is the count of days from the event's start to the area's first day
 * short (unserved > 1e-6 mcm): the whole days it kept. */
#include <math.h>

#include "arena.h"
#include "cover.h"
#include "dates.h"
#include "events.h"
#include "gasdep/gasdep.h"

#define SHORT_EPS 1e-6 /* mcm: as results.c */

/* The element's capacity an event value replaces (mcm/d); factor-only
 * parameters are relative to 1. */
static double base_of(const net *n, int param, int i)
{
    switch (param) {
    case P_PIPE_CAP:
        return n->pipe.cap[i];
    case P_PIPE_REV:
        return n->pipe.rev[i];
    case P_SRC_CAP:
        return n->src.cap[i];
    case P_LNG_CAP:
        return n->lng.cap[i];
    case P_TR_VOL:
        return n->tranche.vol[i];
    default:
        return 1.0;
    }
}

/* An event that lowers some supply: pipeline, source, LNG, storage
 * withdrawal, origin or tranche volume (corridor events arrive as their
 * members' targets). Demand events are not disruptions. */
static int is_disruption(const net *n, const ev_rt *e)
{
    if (e->targets) /* a fill-target path */
        return 0;
    for (int j = e->first; j < e->first + e->count; j++) {
        int p = n->ev.targets[j].param, i = n->ev.targets[j].index;
        if (p != P_PIPE_CAP && p != P_PIPE_REV && p != P_SRC_CAP && p != P_LNG_CAP &&
            p != P_STO_WD && p != P_ORIGIN && p != P_TR_VOL)
            continue;
        if (e->is_factor ? e->factor < 1.0 : e->value_mcm_d < base_of(n, p, i))
            return 1;
    }
    return 0;
}

/* 1 when event e has an effect inside the horizon. */
static int in_horizon(const net *n, const ev_rt *e)
{
    int last = e->end == DAY_NONE_HI ? DAY_NONE_HI : e->end + e->ramp;
    return e->start <= n->last_day && last >= n->first_day;
}

int cover_alloc(cover_set *c, const net *n, arena *a)
{
    int A = n->area.count, S = n->sto.count;
    ARENA_ALLOC(a, c->floor_mcm, S);
    ARENA_ALLOC(a, c->storage_mcm, A);
    ARENA_ALLOC(a, c->gap_mcm, A);
    ARENA_ALLOC(a, c->days, A);
    for (int k = 0; k < S; k++) {
        /* the curve's leading zero points: no withdrawal at or below them */
        double floor_fill = 0.0;
        for (int j = 0; j < n->sto.wn[k] && n->sto.wy[k][j] <= 0.0; j++)
            floor_fill = n->sto.wx[k][j];
        c->floor_mcm[k] = floor_fill * n->sto.vol[k];
    }
    c->n_events = 0;
    for (int i = 0; i < n->ev.count; i++)
        c->n_events += is_disruption(n, &n->ev.rt[i]) && in_horizon(n, &n->ev.rt[i]);
    ARENA_ALLOC(a, c->event, c->n_events);
    ARENA_ALLOC(a, c->start, c->n_events);
    ARENA_ALLOC(a, c->first_short, (size_t)A * c->n_events);
    int k = 0;
    for (int i = 0; i < n->ev.count; i++) {
        const ev_rt *e = &n->ev.rt[i];
        if (!is_disruption(n, e) || !in_horizon(n, e))
            continue;
        c->event[k] = i;
        c->start[k++] = e->start > n->first_day ? e->start : n->first_day;
    }
    return GASDEP_OK;
}

void cover_reset(cover_set *c, const net *n)
{
    for (int a = 0; a < n->area.count; a++) {
        c->storage_mcm[a] = c->gap_mcm[a] = 0.0;
        c->days[a] = NAN;
        for (int k = 0; k < c->n_events; k++)
            c->first_short[(size_t)a * c->n_events + k] = COVER_NONE;
    }
}

void cover_day(cover_set *c, const net *n, const day_state *d, int day)
{
    int R = n->area.n_regions, A = n->area.count;
    for (int q = 0; q < R; q++) {
        c->storage_mcm[q] = 0.0;
        c->gap_mcm[q] = d->unserved[q];
    }
    for (int k = 0; k < n->sto.count; k++) {
        int q = n->node.region[n->sto.node[k]];
        if (q < 0)
            continue; /* a hub's store belongs to no region */
        double avail = d->sto_inv[k] - c->floor_mcm[k];
        c->storage_mcm[q] += avail > 0 ? avail : 0.0;
        c->gap_mcm[q] += d->wd[k] - d->inj[k];
    }
    for (int a = R; a < A; a++) {
        c->storage_mcm[a] = c->gap_mcm[a] = 0.0;
        for (int j = n->area.member_first[a]; j < n->area.member_first[a + 1]; j++) {
            c->storage_mcm[a] += c->storage_mcm[n->area.members[j]];
            c->gap_mcm[a] += c->gap_mcm[n->area.members[j]];
        }
    }
    for (int a = 0; a < A; a++) {
        c->days[a] = c->gap_mcm[a] > COVER_GAP_EPS ? c->storage_mcm[a] / c->gap_mcm[a]
                                                   : NAN;
        if (d->area_unserved[a] <= SHORT_EPS)
            continue;
        int *fs = c->first_short + (size_t)a * c->n_events;
        for (int k = 0; k < c->n_events; k++)
            if (fs[k] == COVER_NONE && day >= c->start[k])
                fs[k] = day;
    }
}
