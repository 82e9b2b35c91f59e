/* dispatch_build.c: the dispatch LP built once for windows of up to T
 * blocks: the layout of a block's columns and rows, the matrix, the
 * solver chosen (solver = auto), and the plan's arrays. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch_lp.h"
#include "gasdep/gasdep.h"

/* ---- triplets ------------------------------------------------------------ */

typedef struct triplets {
    int *ia, *ja;
    double *ar;
    int n, cap;
} triplets;

static int put(triplets *t, int i, int j, double v)
{
    if (t->n + 1 >= t->cap) {
        int cap = t->cap ? 2 * t->cap : 4096;
        int *ia = realloc(t->ia, (size_t)cap * sizeof *ia);
        if (ia)
            t->ia = ia;
        int *ja = realloc(t->ja, (size_t)cap * sizeof *ja);
        if (ja)
            t->ja = ja;
        double *ar = realloc(t->ar, (size_t)cap * sizeof *ar);
        if (ar)
            t->ar = ar;
        if (!ia || !ja || !ar)
            return -1;
        t->cap = cap;
    }
    t->n++; /* GLPK triplet arrays are 1-based */
    t->ia[t->n] = i;
    t->ja[t->n] = j;
    t->ar[t->n] = v;
    return 0;
}

/* ---- rate curves as linear pieces ----------------------------------------- */

/* The concave envelope of a curve (x ascending) as lines a + b x, plus the
 * flat lines at its ends. Appends to pc; returns the count or -1. */
static int curve_pieces(const double *x, const double *y, int np, int sto,
                        int inj, piece **pc, int *n_pc)
{
    int *hull = malloc((size_t)np * sizeof *hull), h = 0;
    if (!hull)
        return -1;
    for (int i = 0; i < np; i++) { /* upper hull, monotone chain */
        while (h >= 2) {
            int a = hull[h - 2], b = hull[h - 1];
            double cross = (x[b] - x[a]) * (y[i] - y[a]) - (y[b] - y[a]) * (x[i] - x[a]);
            if (cross >= 0)
                h--;
            else
                break;
        }
        hull[h++] = i;
    }
    int add = h - 1 + 2;
    piece *p = realloc(*pc, (size_t)(*n_pc + add) * sizeof *p);
    if (!p) {
        free(hull);
        return -1;
    }
    *pc = p;
    for (int i = 0; i + 1 < h; i++) {
        int a = hull[i], b = hull[i + 1];
        if (x[b] <= x[a])
            continue;
        double s = (y[b] - y[a]) / (x[b] - x[a]);
        p[(*n_pc)++] = (piece){sto, inj, y[a] - s * x[a], s};
    }
    /* flat ends: a curve rising from its left end is extended by its first
     * line (below it), one falling at its right end by its last */
    p[(*n_pc)++] = (piece){sto, inj, y[hull[0]] > y[hull[h - 1]] ? y[hull[0]]
                                                                  : y[hull[h - 1]], 0};
    free(hull);
    return 0;
}

/* ---- market (issue 10) ------------------------------------------------------ */

/* Block t's market entries: a tranche set's row sums its members (the LNG
 * slots of its origin, or its source) less its tranches; a demand block
 * enters its region's balance like unserved demand; a slot floor row is
 * slot + slack >= floor. */
static int market_matrix(const struct dispatch *lp, const net *n, int t,
                         triplets *tr)
{
    int bad = 0;
    for (int s = 0; s < n->tranche.n_sets; s++) {
        int r = row(lp, t, lp->r_ts + s), o = n->tranche.set_origin[s];
        if (o >= 0) {
            for (int j = 0; j < n->slot.count; j++)
                if (n->slot.origin[j] == o)
                    bad |= put(tr, r, col(lp, t, lp->c_slot + j), 1.0);
        } else {
            bad |= put(tr, r, col(lp, t, lp->c_src + n->tranche.set_src[s]), 1.0);
        }
        for (int i = n->tranche.set_first[s]; i < n->tranche.set_first[s + 1]; i++)
            bad |= put(tr, r, col(lp, t, lp->c_tr + i), -1.0);
    }
    for (int b = 0; b < n->dem.n_blocks; b++)
        bad |= put(tr, row(lp, t, lp->r_bal + n->area.node[n->dem.block_region[b]]),
                   col(lp, t, lp->c_dr + b), 1.0);
    for (int i = 0; i < lp->n_smt; i++) {
        int r = row(lp, t, lp->r_smt + i);
        bad |= put(tr, r, col(lp, t, lp->c_slot + lp->smt_slot[i]), 1.0);
        bad |= put(tr, r, col(lp, t, lp->c_smt + i), 1.0);
    }
    return bad;
}

/* Block t's market bounds and costs (every cost x L, tie-broken). */

/* ---- create / destroy ------------------------------------------------------ */

void dispatch_destroy(struct dispatch *lp)
{
    if (!lp)
        return;
    lp_destroy(lp->P);
    free(lp->ocap_row);
    free(lp->pc);
    free(lp->seg_lo);
    free(lp->seg_hi);
    free(lp->half);
    free(lp->flag);
    free(lp->warm);
    free(lp->flat_len);
    free(lp->prev_f);
    free(lp->prev_flag);
    free(lp->prev_f2);
    free(lp->prev_dem);
    free(lp->base);
    free(lp->drift);
    free(lp->order);
    free(lp->shift);
    free(lp->prev_day);
    free(lp->prev_len);
    free(lp->len);
    free(lp->oneway);
    free(lp->sto_cap);
    free(lp->x);
    free(lp->smt_slot);
    free(lp);
}

void dispatch_salt_ties(struct dispatch *lp, int salt)
{
    lp->tie_salt = salt;
}

void dispatch_set_opts(struct dispatch *lp, const dispatch_opts *o)
{
    lp->opts = *o;
    if (o->pricing && lp->P)
        lp_pricing(lp->P, o->pricing);
    if (lp->P)
        lp_iter_limit(lp->P, o->iter_limit);
}

/* Offsets of every kind of column and row within a block (ncb columns,
 * nrb rows), after the origin-capacity rows and slot floors are known. */
static int lay_out_block(struct dispatch *lp, const net *n)
{
    int R = n->area.n_regions, K = n->sto.count;
    int c = 0;
    lp->c_src = c, c += n->src.count;
    lp->c_mt = c, c += n->src.count;
    lp->c_slot = c, c += n->slot.count;
    lp->c_fwd = c, c += n->pipe.count;
    lp->c_rev = c, c += n->pipe.count;
    lp->c_inj = c, c += K;
    lp->c_wd = c, c += K;
    lp->c_inv = c, c += K;
    lp->c_def = c, c += K;
    lp->c_uns = c, c += R * SEGMENTS;
    lp->c_nex = c, c += R;
    /* the largest hard and soft target deficit of each store over the
     * window (used in block 0 only) */
    lp->c_dmax = c, c += 2 * K;
    lp->smt_slot = malloc(((size_t)n->slot.count + 1) * sizeof *lp->smt_slot);
    if (!lp->smt_slot)
        return -1;
    for (int s = 0; s < n->slot.count; s++)
        if (n->slot.min[s] > 0) /* events scale floors, never create them */
            lp->smt_slot[lp->n_smt++] = s;
    lp->c_tr = c, c += n->tranche.count;
    lp->c_dr = c, c += n->dem.n_blocks;
    lp->c_smt = c, c += lp->n_smt;
    lp->ncb = c;
    lp->ocap_row = malloc(((size_t)n->origin.count + 1) * sizeof *lp->ocap_row);
    if (!lp->ocap_row)
        return -1;
    for (int o = 0; o < n->origin.count; o++)
        lp->ocap_row[o] = n->origin.cap[o] >= 0 ? lp->n_ocap++ : -1;
    int r = 0;
    lp->r_bal = r, r += n->node.count;
    lp->r_mt = r, r += n->src.count;
    lp->r_lng = r, r += n->lng.count;
    lp->r_ocap = r, r += lp->n_ocap;
    lp->r_inv = r, r += K;
    lp->r_tgt = r, r += lp->targets ? K : 0;
    /* a one-block LP bounds its injections and withdrawals by the rate
     * curves directly (dispatch_window.c), without rows */
    lp->r_cv = r, r += lp->T > 1 ? lp->n_pc : 0;
    /* export rows only where national-first can flag a region (their
     * columns stay, empty and fixed at 0, so that every later column keeps
     * its offset and tie-break) */
    lp->r_nex = r, r += lp->curtailment == CURT_NATIONAL_FIRST ? R : 0;
    lp->r_dmax = r, r += lp->targets ? 2 * K : 0;
    lp->r_ts = r, r += n->tranche.n_sets;
    lp->r_smt = r, r += lp->n_smt;
    lp->nrb = r;
    return 0;
}

/* The per region-day grids and flags, the carried-over state of the last
 * window and the block lengths, for T blocks. */
static int alloc_grids(struct dispatch *lp, const net *n)
{
    int T = lp->T, R = n->area.n_regions;
    size_t TR = (size_t)T * (size_t)(R ? R : 1);
    lp->seg_lo = calloc(TR * SEGMENTS, sizeof *lp->seg_lo);
    lp->seg_hi = calloc(TR * SEGMENTS, sizeof *lp->seg_hi);
    lp->half = calloc(TR, sizeof *lp->half);
    lp->flag = calloc(TR, 1);
    lp->warm = calloc(TR, 1);
    lp->flat_len = calloc(TR, sizeof *lp->flat_len);
    lp->prev_f = calloc(TR, sizeof *lp->prev_f);
    lp->prev_flag = calloc(TR, 1);
    lp->prev_f2 = calloc((size_t)(R ? R : 1), sizeof *lp->prev_f2);
    lp->prev_dem = calloc((size_t)(R ? R : 1), sizeof *lp->prev_dem);
    lp->base = calloc((size_t)(R ? R : 1), sizeof *lp->base);
    lp->drift = calloc((size_t)(R ? R : 1), sizeof *lp->drift);
    lp->order = calloc((size_t)(R ? R : 1), sizeof *lp->order);
    lp->shift = calloc((size_t)(R ? R : 1), sizeof *lp->shift);
    lp->prev_day = calloc((size_t)T, sizeof *lp->prev_day);
    lp->prev_len = calloc((size_t)T, sizeof *lp->prev_len);
    lp->oneway = calloc((size_t)T * (size_t)(n->pipe.count ? n->pipe.count : 1), 1);
    lp->sto_cap = calloc(2 * (size_t)(n->sto.count ? n->sto.count : 1), sizeof *lp->sto_cap);
    lp->x = calloc((size_t)T * (size_t)lp->ncb + 1, sizeof *lp->x);
    lp->len = malloc((size_t)T * sizeof *lp->len);
    if (!lp->seg_lo || !lp->seg_hi || !lp->half || !lp->flag || !lp->warm || !lp->flat_len ||
        !lp->prev_f || !lp->prev_flag || !lp->prev_f2 || !lp->prev_day ||
        !lp->prev_dem || !lp->base || !lp->drift || !lp->order || !lp->shift ||
        !lp->prev_len || !lp->oneway || !lp->len || !lp->sto_cap || !lp->x)
        return -1;
    for (int t = 0; t < T; t++)
        lp->len[t] = 1;
    return 0;
}

/* The coefficients of block t (the same in every block, linked to the
 * block before by inventory and rate-curve rows); nonzero when out of
 * memory. */
static int block_matrix(const struct dispatch *lp, const net *n, int t,
                        triplets *tr)
{
    int T = lp->T, R = n->area.n_regions, K = n->sto.count;
    int bad = 0, nf = lp->curtailment == CURT_NATIONAL_FIRST;
    for (int i = 0; i < n->src.count; i++) {
        int j = col(lp, t, lp->c_src + i), o = n->src.origin[i];
        bad |= put(tr, row(lp, t, lp->r_bal + n->src.node[i]), j, 1.0);
        bad |= put(tr, row(lp, t, lp->r_mt + i), j, 1.0);
        if (lp->ocap_row[o] >= 0)
            bad |= put(tr, row(lp, t, lp->r_ocap + lp->ocap_row[o]), j, 1.0);
        bad |= put(tr, row(lp, t, lp->r_mt + i), col(lp, t, lp->c_mt + i), 1.0);
    }
    for (int s = 0; s < n->slot.count; s++) {
        int k = n->slot.lng[s], o = n->slot.origin[s];
        int j = col(lp, t, lp->c_slot + s);
        bad |= put(tr, row(lp, t, lp->r_bal + n->lng.node[k]), j, 1.0);
        bad |= put(tr, row(lp, t, lp->r_lng + k), j, 1.0);
        if (lp->ocap_row[o] >= 0)
            bad |= put(tr, row(lp, t, lp->r_ocap + lp->ocap_row[o]), j, 1.0);
    }
    for (int p = 0; p < n->pipe.count; p++) {
        int a = n->pipe.from[p], b = n->pipe.to[p];
        int ra = n->node.region[a], rb = n->node.region[b];
        double keep = 1.0 - n->pipe.loss[p];
        int jf = col(lp, t, lp->c_fwd + p), jr = col(lp, t, lp->c_rev + p);
        bad |= put(tr, row(lp, t, lp->r_bal + a), jf, -1.0);
        bad |= put(tr, row(lp, t, lp->r_bal + b), jf, keep);
        bad |= put(tr, row(lp, t, lp->r_bal + b), jr, -1.0);
        bad |= put(tr, row(lp, t, lp->r_bal + a), jr, keep);
        /* exports: nex_r - out_r >= 0 */
        if (ra >= 0 && nf)
            bad |= put(tr, row(lp, t, lp->r_nex + ra), jf, -1.0);
        if (rb >= 0 && nf)
            bad |= put(tr, row(lp, t, lp->r_nex + rb), jr, -1.0);
    }
    for (int k = 0; k < K; k++) {
        int nd = n->sto.node[k];
        int ji = col(lp, t, lp->c_inj + k), jw = col(lp, t, lp->c_wd + k);
        int jv = col(lp, t, lp->c_inv + k);
        bad |= put(tr, row(lp, t, lp->r_bal + nd), ji, -1.0);
        bad |= put(tr, row(lp, t, lp->r_bal + nd), jw, 1.0);
        /* inv_t - inv_{t-1} - inj_t + wd_t = (t = 0: inv0) */
        bad |= put(tr, row(lp, t, lp->r_inv + k), jv, 1.0);
        bad |= put(tr, row(lp, t, lp->r_inv + k), ji, -1.0);
        bad |= put(tr, row(lp, t, lp->r_inv + k), jw, 1.0);
        if (t + 1 < T)
            bad |= put(tr, row(lp, t + 1, lp->r_inv + k), jv, -1.0);
        /* inv_t + def_t >= target */
        if (!lp->targets)
            continue;
        bad |= put(tr, row(lp, t, lp->r_tgt + k), jv, 1.0);
        bad |= put(tr, row(lp, t, lp->r_tgt + k), col(lp, t, lp->c_def + k), 1.0);
        /* dmax_k - def_t >= 0 where t binds (hard: rows 0..K-1, soft: K..) */
        for (int h = 0; h < 2; h++) {
            int rd = row(lp, t, lp->r_dmax + h * K + k);
            bad |= put(tr, rd, col(lp, 0, lp->c_dmax + h * K + k), 1.0);
            bad |= put(tr, rd, col(lp, t, lp->c_def + k), -1.0);
        }
    }
    /* curve pieces: x_t - coef inv_{t-1} <= rhs (coef set per window) */
    for (int i = 0; i < (T > 1 ? lp->n_pc : 0); i++) {
        const piece *q = &lp->pc[i];
        int jx = col(lp, t, (q->inj ? lp->c_inj : lp->c_wd) + q->sto);
        bad |= put(tr, row(lp, t, lp->r_cv + i), jx, 1.0);
        if (t > 0 && q->b != 0)
            bad |= put(tr, row(lp, t, lp->r_cv + i),
                       col(lp, t - 1, lp->c_inv + q->sto), -q->b);
    }
    for (int q = 0; q < R; q++) {
        int nd = n->area.node[q];
        for (int s = 0; s < SEGMENTS; s++)
            bad |= put(tr, row(lp, t, lp->r_bal + nd),
                       col(lp, t, lp->c_uns + q * SEGMENTS + s), 1.0);
        if (nf)
            bad |= put(tr, row(lp, t, lp->r_nex + q), col(lp, t, lp->c_nex + q), 1.0);
    }
    bad |= market_matrix(lp, n, t, tr);
    return bad;
}

/* solver = auto (measured, docs/DISPATCH.md): GLPK for the windows of
 * networks up to AUTO_CLP_WINDOW regions (the European reference network:
 * its long-step ratio test needs 4x fewer pivots there) and for the one-day
 * LPs of networks up to AUTO_CLP_DAY regions (its lower cost per solve);
 * Clp above, where the cost of a pivot decides (windows at 400 regions 10x
 * faster, one-day LPs at 4,000 regions 2.6-7x). */
static int choose_solver(const scenario_el *sc, int R, int T)
{
    int big = R > (T > 1 ? AUTO_CLP_WINDOW : AUTO_CLP_DAY);
    return sc->solver == SOLVER_CLP    ? LP_CLP
           : sc->solver == SOLVER_GLPK ? LP_GLPK
           : big                       ? LP_CLP
                                       : LP_GLPK;
}

struct dispatch *dispatch_create(const net *n, const scenario_el *sc, int T)
{
    struct dispatch *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->T = T < 1 ? 1 : T;
    lp->R = n->area.n_regions;
    T = lp->T;
    lp->g = n->gwh_per_mcm;
    lp->voll = sc->voll;
    lp->penalty = sc->target_penalty;
    lp->mt_penalty = sc->min_take_penalty;
    lp->curtailment = sc->curtailment;
    lp->water = sc->storage_valuation != VALUATION_FLAT;
    lp->targets = !(lp->water && lp->T == 1);
    lp->alpha = sc->curtailment == CURT_NATIONAL_FIRST ? ALPHA_NF
                : sc->curtailment == CURT_LEAST_COST   ? 0.0
                                                       : ALPHA_COOP;
    for (int k = 0; k < n->sto.count; k++) {
        if (curve_pieces(n->sto.wx[k], n->sto.wy[k], n->sto.wn[k], k, 0, &lp->pc,
                         &lp->n_pc) ||
            curve_pieces(n->sto.ix[k], n->sto.iy[k], n->sto.in[k], k, 1, &lp->pc,
                         &lp->n_pc))
            goto fail;
    }
    if (lay_out_block(lp, n) || alloc_grids(lp, n))
        goto fail;
    triplets tr = {0};
    int bad = 0;
    for (int t = 0; t < T; t++)
        bad |= block_matrix(lp, n, t, &tr);
    lp->solver = choose_solver(sc, n->area.n_regions, T);
    size_t ncols = (size_t)T * lp->ncb, nrows = (size_t)T * lp->nrb;
    lp->ncols = (int)ncols, lp->nrows = (int)nrows;
    if (!bad)
        lp->P = lp_create(lp->solver, (int)nrows, (int)ncols, tr.n, tr.ia, tr.ja, tr.ar);
    free(tr.ia), free(tr.ja), free(tr.ar);
    if (bad || !lp->P)
        goto fail;
    /* GLPK pricing, measured (docs/DISPATCH.md): Dantzig is faster on one-day
     * LPs, projected steepest edge 3x faster on windows of many days */
    lp_pricing(lp->P, T > 1 ? 1 : -1);
    for (int t = 0; t < T; t++) /* what an origin or source sells is its tranches */
        for (int s = 0; s < n->tranche.n_sets; s++)
            lp_row_bounds(lp->P, row(lp, t, lp->r_ts + s), 0.0, 0.0);
    lp->foresight_ties = T > 1;
    return lp;
fail:
    dispatch_destroy(lp);
    return NULL;
}

int dispatch_plan_alloc(dispatch_plan *p, const net *n, arena *a, int T)
{
    size_t t = (size_t)(T < 1 ? 1 : T);
#define PALLOC(f, cnt)                                                    \
    if (!(p->f = arena_alloc(a, t * (size_t)(cnt), sizeof *p->f)))          \
        return GASDEP_ENOMEM;
    PALLOC(src, n->src.count);
    PALLOC(slot, n->slot.count);
    PALLOC(fwd, n->pipe.count);
    PALLOC(rev, n->pipe.count);
    PALLOC(inj, n->sto.count);
    PALLOC(wd, n->sto.count);
    PALLOC(inv, n->sto.count);
    PALLOC(unserved, n->area.n_regions);
    PALLOC(price, n->area.n_regions);
    PALLOC(sto_value, n->sto.count);
    PALLOC(missed, 1);
    PALLOC(tr, n->tranche.count);
    PALLOC(reduced, n->area.n_regions);
    PALLOC(cap_value, n->pipe.count);
#undef PALLOC
    return GASDEP_OK;
}
