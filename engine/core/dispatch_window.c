/* dispatch_window.c: a window's bounds and costs in the dispatch LP
 * (capacities, demand, tariffs, storage rates and targets, tranches) and
 * the shortage grids of every region-day (flat, coarse, fine; national-first
 * flags). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch_lp.h"
#include "gasdep/gasdep.h"

/* ---- a window's bounds and costs ------------------------------------------- */

static void bounds(lp_prob *P, int j, double lo, double hi)
{
    lp_col_bounds(P, j, lo, hi - lo > 1e-12 ? hi : lo);
}

static void ub(lp_prob *P, int j, double hi)
{
    bounds(P, j, 0.0, hi > 0 ? hi : 0.0);
}

/* Unserved segments of region q in block t from its grid. */
void dispatch_set_segments(struct dispatch *lp, int t, int q, double demand,
                         int R)
{
    double L = lp->len[t];
    lp_prob *P = lp->P;
    size_t i = (size_t)t * R + q, base = i * SEGMENTS;
    int flat = lp->half[i] < 0;
    if (flat && lp->flat_len[i] == lp->len[t]) {
        /* flat as in the last window (a normal day): only the demand moved;
         * the other segments are still fixed at 0, the costs unchanged */
        ub(P, col(lp, t, lp->c_uns + q * SEGMENTS), demand > 0 ? demand : 0.0);
        return;
    }
    lp->flat_len[i] = flat ? lp->len[t] : 0;
    for (int s = 0; s < SEGMENTS; s++) {
        int off = lp->c_uns + q * SEGMENTS + s, j = col(lp, t, off);
        double lo = lp->seg_lo[base + s], hi = lp->seg_hi[base + s];
        ub(P, j, demand > 0 ? (hi - lo) * demand : 0.0);
        /* ties between regions and days within one segment: by index */
        double c = lp->half[(size_t)t * R + q] < 0 ? lp->voll
                                                    : marginal(lp, 0.5 * (lo + hi));
        lp_obj(P, j, L * cost_of(lp, c, off + 7919 * t));
    }
}

/* One segment at voll: until a window shows shortage (and always under
 * least-cost, which does not share), the LP stays small. */
static void grid_flat(struct dispatch *lp, int t, int q, int R)
{
    size_t base = ((size_t)t * R + q) * SEGMENTS;
    lp->seg_lo[base] = 0.0, lp->seg_hi[base] = 1.0;
    for (int s = 1; s < SEGMENTS; s++)
        lp->seg_lo[base + s] = lp->seg_hi[base + s] = 1.0;
    lp->half[(size_t)t * R + q] = -1.0; /* flat */
}

void dispatch_grid_coarse(struct dispatch *lp, int t, int q, int R)
{
    size_t base = ((size_t)t * R + q) * SEGMENTS;
    for (int s = 0; s < SEGMENTS; s++) {
        lp->seg_lo[base + s] = (double)s / SEGMENTS;
        lp->seg_hi[base + s] = (double)(s + 1) / SEGMENTS;
    }
    lp->half[(size_t)t * R + q] = 0.0; /* coarse */
}

/* Fine grid around f: [0, lo], SEGMENTS - 2 segments over [lo, lo + 2h],
 * [lo + 2h, 1]. The costs of all segments follow one convex marginal cost,
 * so regions on different grids still compare. */
void dispatch_grid_fine(struct dispatch *lp, int t, int q, int R, double f, double h)
{
    size_t base = ((size_t)t * R + q) * SEGMENTS;
    double w = 2.0 * h > 1.0 ? 1.0 : 2.0 * h;
    double lo = f - h;
    if (lo > 1.0 - w)
        lo = 1.0 - w;
    if (lo < 0)
        lo = 0;
    double hi = lo + w;
    lp->seg_lo[base] = 0.0, lp->seg_hi[base] = lo;
    for (int s = 0; s < SEGMENTS - 2; s++) {
        lp->seg_lo[base + 1 + s] = lo + w * s / (SEGMENTS - 2);
        lp->seg_hi[base + 1 + s] = lo + w * (s + 1) / (SEGMENTS - 2);
    }
    lp->seg_lo[base + SEGMENTS - 1] = hi, lp->seg_hi[base + SEGMENTS - 1] = 1.0;
    lp->half[(size_t)t * R + q] = h;
}

/* National-first flags of a region-day: FLAG_NONE, FLAG_WARM kept from the
 * last window, FLAG_SHORT short in a solve of this window. A flagged
 * region-day pays NF_EXPORT x voll on its exports. */
void dispatch_nf_priority(struct dispatch *lp, int t, int q, int flag)
{
    lp_prob *P = lp->P;
    int jn = col(lp, t, lp->c_nex + q);
    lp->flag[(size_t)t * (size_t)lp->R + q] = (unsigned char)flag;
    if (lp->curtailment != CURT_NATIONAL_FIRST)
        return; /* never flagged: no export rows, the columns fixed at 0 */
    /* the column's bounds and cost are the same flagged or not (only
     * the row's bounds move): a flag keeps the basis dual feasible */
    lp_col_bounds(P, jn, 0.0, LP_INF);
    lp_obj(P, jn, lp->len[t] * cost_of(lp, NF_EXPORT * lp->voll, lp->c_nex + q + 7919 * t));
    if (flag == FLAG_WARM || flag == FLAG_SHORT)
        lp_row_bounds(P, row(lp, t, lp->r_nex + q), 0.0, LP_INF);
    else
        lp_row_bounds(P, row(lp, t, lp->r_nex + q), -LP_INF, LP_INF);
}

static void market_window(struct dispatch *lp, const net *n, int t,
                          const day_caps *c, double L, int costs)
{
    lp_prob *P = lp->P;
    for (int i = 0; i < n->tranche.count; i++) {
        int j = col(lp, t, lp->c_tr + i);
        ub(P, j, c ? c->tr_vol[i] : 0.0);
        lp_obj(P, j, L * cost_of(lp, c ? c->tr_price[i] : 0.0,
                                           lp->c_tr + i + 7919 * t));
    }
    /* a demand block gives way at its willingness to pay (below voll) */
    for (int b = 0; b < n->dem.n_blocks; b++) {
        int j = col(lp, t, lp->c_dr + b);
        ub(P, j, c ? c->dr_cap[b] : 0.0);
        lp_obj(P, j, L * cost_of(lp, c ? c->dr_price[b] : 0.0,
                                           lp->c_dr + b + 7919 * t));
    }
    for (int i = 0; i < lp->n_smt; i++) {
        int s = lp->smt_slot[i], j = col(lp, t, lp->c_smt + i);
        double cap = c ? c->slot_cap[s] : 0.0;
        double mt = c ? (c->slot_min[s] < cap ? c->slot_min[s] : cap) : 0.0;
        ub(P, j, mt);
        if (costs)
            lp_obj(P, j, L * cost_of(lp, lp->mt_penalty, lp->c_smt + i + 7919 * t));
        if (mt > 0)
            lp_row_bounds(P, row(lp, t, lp->r_smt + i), mt, LP_INF);
        else
            lp_row_bounds(P, row(lp, t, lp->r_smt + i), -LP_INF, LP_INF);
    }
}

/* Block t of len days: its inventory rows count the block's injections and
 * withdrawals len times (inv_t - inv_{t-1} - L inj + L wd). */
static void block_length(struct dispatch *lp, const net *n, int t, int len)
{
    if (len == lp->len[t])
        return;
    double L = len;
    lp->len[t] = len;
    for (int k = 0; k < n->sto.count; k++) {
        int ind[5] = {0, col(lp, t, lp->c_inv + k), col(lp, t, lp->c_inj + k),
                      col(lp, t, lp->c_wd + k), t > 0 ? col(lp, t - 1, lp->c_inv + k) : 0};
        double v[5] = {0, 1.0, -L, L, -1.0};
        lp_set_row(lp->P, row(lp, t, lp->r_inv + k), t > 0 ? 4 : 3, ind, v);
    }
}

/* Demand at every node, sources with their minimum take, LNG slots and
 * terminals, origin capacities of block t (c NULL: past the window). */
static void supply_window(struct dispatch *lp, const net *n, int t,
                          const day_caps *c, double L, int costs)
{
    lp_prob *P = lp->P;
    int live = c != NULL;
    for (int i = 0; i < n->node.count; i++) {
        int q = n->node.region[i];
        double dem = live && q >= 0 ? c->demand[q] : 0.0;
        lp_row_bounds(P, row(lp, t, lp->r_bal + i), dem, dem);
    }
    for (int i = 0; i < n->src.count; i++) {
        int j = col(lp, t, lp->c_src + i), jm = col(lp, t, lp->c_mt + i);
        double cap = live ? c->src_cap[i] : 0.0;
        double mt = live ? (c->src_min[i] < cap ? c->src_min[i] : cap) : 0.0;
        ub(P, j, cap);
        ub(P, jm, mt);
        if (costs) {
            lp_obj(P, j, L * cost_of(lp, n->src.cost[i], lp->c_src + i + 7919 * t));
            lp_obj(P, jm, L * cost_of(lp, lp->mt_penalty, lp->c_mt + i + 7919 * t));
        }
        if (mt > 0)
            lp_row_bounds(P, row(lp, t, lp->r_mt + i), mt, LP_INF);
        else
            lp_row_bounds(P, row(lp, t, lp->r_mt + i), -LP_INF, LP_INF);
    }
    for (int s = 0; s < n->slot.count; s++) {
        int j = col(lp, t, lp->c_slot + s);
        ub(P, j, live ? c->slot_cap[s] : 0.0);
        if (costs)
            lp_obj(P, j, L * cost_of(lp, n->slot.cost[s], lp->c_slot + s + 7919 * t));
    }
    for (int k = 0; k < n->lng.count; k++)
        lp_row_bounds(P, row(lp, t, lp->r_lng + k), -LP_INF, live ? c->lng_cap[k] : 0.0);
    for (int o = 0; o < n->origin.count; o++)
        if (lp->ocap_row[o] >= 0)
            lp_row_bounds(P, row(lp, t, lp->r_ocap + lp->ocap_row[o]), -LP_INF,
                          live ? n->origin.cap[o] * c->origin_f[o] : 0.0);
}

/* Pipeline capacities both ways and tariffs of block t. */
static void pipe_window(struct dispatch *lp, const net *n, int t,
                        const day_caps *c, double L, int costs)
{
    lp_prob *P = lp->P;
    for (int p = 0; p < n->pipe.count; p++) {
        int jf = col(lp, t, lp->c_fwd + p), jr = col(lp, t, lp->c_rev + p);
        ub(P, jf, c ? c->pipe_cap[p] : 0.0);
        ub(P, jr, c ? c->pipe_rev[p] : 0.0);
        if (!costs)
            continue;
        double tariff = n->pipe.tariff[p] + EPS_TARIFF;
        lp_obj(P, jf, L * cost_of(lp, tariff, lp->c_fwd + p + 7919 * t));
        lp_obj(P, jr, L * cost_of(lp, tariff, lp->c_rev + p + 7919 * t));
    }
}

/* Storage of block t: rates, costs and the value of a withdrawal, the
 * inventory carried in (block 0: inv0), the target where it binds (on its
 * dates and at the end of the window), and the rate-curve pieces: rows
 * (rate x (a + b x fill at the block's start), the fill a column of the
 * block before), except in a one-block LP, where the fill is the day's
 * start and each piece is a bound of its column (the same feasible set:
 * 157 rows fewer on the European network; a curve below 0 at the day's fill
 * bounds the column at 0, where its row made the LP infeasible). */
static void storage_window(struct dispatch *lp, const net *n, int t,
                           const day_caps *c, double L, const dispatch_window *w,
                           int costs)
{
    lp_prob *P = lp->P;
    int live = c != NULL, K = n->sto.count;
    double *cap = lp->sto_cap; /* withdrawal k, injection K + k */
    for (int k = 0; k < K; k++) {
        cap[k] = live ? c->sto_wd_rate[k] : 0.0;
        cap[K + k] = live ? c->sto_inj_rate[k] : 0.0;
    }
    if (lp->T == 1) /* one block: the curves at the day's fill are bounds */
        for (int i = 0; i < lp->n_pc; i++) {
            const piece *q = &lp->pc[i];
            int k = q->sto;
            double vol = n->sto.vol[k], fill = vol > 0 ? w->inv0[k] / vol : 0.0;
            double rate = live ? (q->inj ? c->sto_inj_rate[k] : c->sto_wd_rate[k]) : 0.0;
            double at = rate * (q->a + q->b * fill);
            if (at < cap[q->inj * K + k])
                cap[q->inj * K + k] = at;
        }
    for (int k = 0; k < K; k++) {
        double vol = n->sto.vol[k];
        int ji = col(lp, t, lp->c_inj + k), jw = col(lp, t, lp->c_wd + k);
        int jv = col(lp, t, lp->c_inv + k), jd = col(lp, t, lp->c_def + k);
        ub(P, ji, cap[K + k]);
        ub(P, jw, cap[k]);
        double value = lp->water ? 0.0 : n->sto.value[k]; /* flat valuation */
        if (costs) {
            lp_obj(P, ji, L * cost_of(lp, n->sto.icost[k] + EPS_STORAGE,
                                      lp->c_inj + k + 7919 * t));
            lp_obj(P, jw, L * cost_of(lp, n->sto.wcost[k] + EPS_STORAGE + value,
                                      lp->c_wd + k + 7919 * t));
        }
        if (live)
            bounds(P, jv, 0.0, vol);
        else
            ub(P, jv, 0.0);
        double keep = lp->foresight_ties ? L * HOLD_REWARD : 0.0;
        if (w->end_value && t == w->T - 1) /* water: what the rest of the year pays */
            keep += w->end_value[k];
        lp_obj(P, jv, -keep * lp->g);
        double rhs = t == 0 ? w->inv0[k] : 0.0;
        if (!live) /* past the window: nothing carried */
            lp_row_bounds(P, row(lp, t, lp->r_inv + k), -LP_INF, LP_INF);
        else
            lp_row_bounds(P, row(lp, t, lp->r_inv + k), rhs, rhs);
        /* targets bind on their dates and at the end of the window */
        double target = live ? c->sto_target_fill[k] * vol : 0.0;
        /* flat valuation: the path binds on its dates and holds the
         * window's end; water values: targets bind on their dates in the
         * plan (no end value), and reach the daily windows through the
         * values alone, which never stack on a penalty (docs/DISPATCH.md) */
        int binds = live && target > 0 &&
                    (lp->water ? !w->end_value && c->sto_tdate[k]
                               : t == w->T - 1 || c->sto_tdate[k]);
        /* the deficit itself is free: its window's largest, per store and
         * kind, pays the penalty once (docs/DISPATCH.md) */
        int hard = binds && c->sto_thard[k];
        if (!lp->targets) { /* no rows: a target that binds cannot be held */
            lp->lost_target |= binds;
            ub(P, jd, 0.0);
            for (int h = 0; h < 2; h++)
                ub(P, col(lp, t, lp->c_dmax + h * K + k), 0.0);
            continue;
        }
        lp_row_bounds(P, row(lp, t, lp->r_dmax + k), hard ? 0.0 : -LP_INF, LP_INF);
        lp_row_bounds(P, row(lp, t, lp->r_dmax + K + k), binds && !hard ? 0.0 : -LP_INF,
                      LP_INF);
        lp_obj(P, jd, 0.0);
        if (binds) {
            lp_row_bounds(P, row(lp, t, lp->r_tgt + k), target, LP_INF);
            ub(P, jd, target);
        } else {
            lp_row_bounds(P, row(lp, t, lp->r_tgt + k), -LP_INF, LP_INF);
            ub(P, jd, 0.0);
        }
        /* the largest deficits live in block 0 (fixed at 0 elsewhere);
         * their costs take the tie-break of block 0's deficit column */
        for (int h = 0; h < 2; h++) {
            int jm = col(lp, t, lp->c_dmax + h * K + k);
            double pen = h == 0 ? HARD_TARGET * lp->voll : lp->penalty;
            if (t == 0) {
                lp_col_bounds(P, jm, 0.0, LP_INF);
                if (costs)
                    lp_obj(P, jm, cost_of(lp, pen, lp->c_def + k));
            } else {
                ub(P, jm, 0.0);
                lp_obj(P, jm, 0.0);
            }
        }
    }
    for (int i = 0; i < (lp->T > 1 ? lp->n_pc : 0); i++) {
        const piece *q = &lp->pc[i];
        int k = q->sto;
        double vol = n->sto.vol[k];
        double rate = live ? (q->inj ? c->sto_inj_rate[k] : c->sto_wd_rate[k]) : 0.0;
        int r = row(lp, t, lp->r_cv + i);
        if (t == 0) {
            double fill = vol > 0 ? w->inv0[k] / vol : 0.0;
            lp_row_bounds(P, r, -LP_INF, rate * (q->a + q->b * fill));
        } else {
            lp_row_bounds(P, r, -LP_INF, rate * q->a);
            if (q->b != 0) {
                int ind[3] = {0, col(lp, t, (q->inj ? lp->c_inj : lp->c_wd) + k),
                              col(lp, t - 1, lp->c_inv + k)};
                double v[3] = {0, 1.0, vol > 0 ? -rate * q->b / vol : 0.0};
                lp_set_row(P, r, 2, ind, v);
            }
        }
    }
}

/* A first guess of today's fractions from today's demand (myopic): a
 * region that was short yesterday shares its shortage with the regions that
 * were short by about as much (yesterday's fractions sorted, neighbours
 * within CLUSTER_GAP joined), and such a group's supply is taken as
 * yesterday's: its fraction becomes 1 - served / today's demand, and every
 * member's fraction moves by the group's change (the offsets between them
 * come from delivery costs and stay). shift[q] holds the change; 0 where
 * the group's demand did not move, so a day with yesterday's demand starts
 * exactly as before. */
#define CLUSTER_GAP 0.005

static int by_fraction(const void *a, const void *b)
{
    const struct frac_of *x = a, *y = b;
    return x->f < y->f ? -1 : x->f > y->f ? 1 : x->q - y->q;
}

static void predict_fractions(struct dispatch *lp, const net *n, const day_caps *c,
                              int prev)
{
    int R = n->area.n_regions, m = 0;
    memset(lp->shift, 0, (size_t)R * sizeof *lp->shift);
    if (prev < 0 || !c)
        return;
    for (int q = 0; q < R; q++) {
        double f = lp->prev_f[(size_t)prev * R + q];
        if (f > 1e-9 && lp->prev_dem[q] > 0 && c->demand[q] > 0)
            lp->order[m++] = (struct frac_of){f, q};
    }
    qsort(lp->order, (size_t)m, sizeof *lp->order, by_fraction);
    for (int i = 0; i < m;) {
        int j = i;
        double served = 0, d0 = 0, d1 = 0;
        do {
            int q = lp->order[j].q;
            served += lp->prev_dem[q] * (1.0 - lp->order[j].f);
            d0 += lp->prev_dem[q], d1 += c->demand[q];
            j++;
        } while (j < m && lp->order[j].f - lp->order[j - 1].f <= CLUSTER_GAP);
        if (d1 != d0) {
            double now = 1.0 - served / d1;
            now = now < 0 ? 0 : now > 1 ? 1 : now;
            for (int k = i; k < j; k++)
                lp->shift[lp->order[k].q] = now - (1.0 - served / d0);
        }
        i = j;
    }
}

/* Shortage grids of block t: near the last window's fraction where that
 * window was short (prev, its block; -1: none), flat otherwise; and the
 * national-first flags carried over. */
static void shortage_window(struct dispatch *lp, const net *n, int t,
                            const day_caps *c, int prev)
{
    int R = n->area.n_regions;
    for (int q = 0; q < R; q++) {
        size_t i = (size_t)t * R + q;
        double f = prev >= 0 ? lp->prev_f[(size_t)prev * R + q] : -1.0;
        if (f >= 0 && lp->T == 1) {
            /* myopic: the change today's demand makes, and the part of
             * yesterday's change that the demand did not explain (u: a
             * supply that moves, as stores empty and their withdrawal
             * rates fall). Where the demand did not move, u goes on; where
             * it did, u is partly noise (groups that re-form), so only the
             * smaller of two changes in the same direction goes on */
            double b = f + lp->shift[q];
            double u = lp->prev_f2[q] >= 0 ? f - lp->base[q] : 0.0;
            if (lp->shift[q] == 0)
                f = b + u;
            else if (u * lp->drift[q] > 0)
                f = b + (fabs(u) < fabs(lp->drift[q]) ? u : lp->drift[q]);
            else
                f = b;
            lp->drift[q] = u;
            lp->base[q] = b;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
        }
        lp->warm[i] = f >= 0;
        if (f >= 0) /* the last window was short: start near the fraction */
            dispatch_grid_fine(lp, t, q, R, f, WARM_HALF);
        else
            grid_flat(lp, t, q, R);
        dispatch_set_segments(lp, t, q, c ? c->demand[q] : 0.0, R);
        /* national-first: a region-day flagged in the last window starts
         * with its exports after its own demand */
        dispatch_nf_priority(lp, t, q, prev >= 0 && lp->prev_flag[(size_t)prev * R + q]
                                           ? FLAG_WARM : FLAG_NONE);
    }
}

void dispatch_set_window(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    lp->lost_target = 0;
    int day = w->first_day, ps = 0; /* block t's first day; the last window's block */
    if (lp->T == 1)
        predict_fractions(lp, n, &w->caps[0],
                          lp->prev_T > 0 && lp->prev_day[0] <= day &&
                                  lp->curtailment != CURT_LEAST_COST ? 0 : -1);
    for (int t = 0; t < lp->T; t++) {
        int live = t < w->T;
        const day_caps *c = live ? &w->caps[t] : NULL;
        int len = live && w->len ? w->len[t] : 1;
        /* the last window's block holding this block's first day, or its
         * last block for days after it (myopic: yesterday) */
        while (ps + 1 < lp->prev_T && lp->prev_day[ps] + lp->prev_len[ps] <= day)
            ps++;
        int prev = live && ps < lp->prev_T && lp->prev_day[ps] <= day &&
                   lp->curtailment != CURT_LEAST_COST ? ps : -1;
        day += len;
        double L = len; /* costs of a block's daily means count L times */
        block_length(lp, n, t, len);
        /* the costs that follow from the network alone (and L): a one-block
         * LP has L = 1 every day, so they are set once; the others (stored
         * gas's end value, tranche and demand-block prices, shortage
         * segments, export penalties) every window */
        int costs = lp->T > 1 || !lp->static_costs;
        supply_window(lp, n, t, c, L, costs);
        pipe_window(lp, n, t, c, L, costs);
        storage_window(lp, n, t, c, L, w, costs);
        shortage_window(lp, n, t, c, prev);
        memset(lp->oneway + (size_t)t * n->pipe.count, 0, (size_t)n->pipe.count);
        market_window(lp, n, t, c, L, costs);
    }
    lp->static_costs = 1;
}
