/* dispatch.c: the dispatch LP over a window of gas days (lp.h), built once
 * and warm-started window to window. The formulation and its rules (stored
 * gas value, target dates, shortage penalty and its refinement, national
 * priority, tie-breaks) are documented in docs/DISPATCH.md. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "lp.h"
#include "gasdep/gasdep.h"

/* Tiny costs (EUR/MWh) that rule out circulation in loops and same-day
 * injection plus withdrawal, without changing any real decision. */
#define EPS_TARIFF 1e-4
#define EPS_STORAGE 1e-4
/* EUR/MWh per mcm and day kept in store: of two equal plans, inject earlier
 * and withdraw later (foresight windows). */
#define HOLD_REWARD 1e-5
/* Distinct costs for a unique optimum: each column's cost is raised by
 * TIE_REL x max(|cost|, 1 EUR/MWh) x (1 + h), h in [0, 1) from its index. */
#define TIE_REL 1e-6
#define SEGMENTS 10     /* unserved segments per region and day */
/* Marginal shortage cost VoLL x (1 + alpha f) at curtailed fraction f:
 * alpha 1 (cooperative); 0.25 under national-first, whose export penalty
 * must lie between alpha VoLL and VoLL; 0 under least-cost. */
#define ALPHA_COOP 1.0
#define ALPHA_NF 0.25
#define NF_EXPORT 0.26  /* national-first: a short region's exports, x VoLL */
#define NF_KEEP 0.5     /* national-first: flags kept while the price is above, x VoLL */
enum { FLAG_NONE, FLAG_WARM, FLAG_SHORT };
#define HARD_TARGET 0.5 /* hard target deficit, x VoLL */
#define FINE_TOL 5e-4   /* fractions: refine until segments are this narrow */
/* Shortage (cooperative and national-first): when the last window was
 * short anywhere, every region-day starts from a fine grid of this
 * half-width (segments FINE_TOL wide) around its fraction in that window
 * (the same day, or for days after it its last block; in myopic mode
 * yesterday's fraction plus yesterday's change, so that a steady drift
 * stays inside), 0 for regions that were whole. Where the fraction has not
 * left the grid one solve suffices; a miss restarts that region-day from
 * the coarse grid. Measured (bench/): 6 -> 1.1 LPs per steady shortage day;
 * shortage days of full-russian-stop-winter 0.59 -> 0.28 ms. National-first
 * also carries its flags (nf_priority, nf_release). */
#define WARM_HALF (0.999 * FINE_TOL * (SEGMENTS - 2) / 2)
#define MAX_SOLVES 12
/* solver = auto: Clp for windows of networks above AUTO_CLP_WINDOW
 * regions and for one-day LPs above AUTO_CLP_DAY */
#define AUTO_CLP_WINDOW 100
#define AUTO_CLP_DAY 1000
#define TOL_UNSERVED 1e-7 /* mcm */

/* One linear piece of a storage rate curve: factor <= a + b fill. */
typedef struct piece {
    int sto;
    int inj; /* 1 injection curve, 0 withdrawal */
    double a, b;
} piece;

struct dispatch {
    lp_prob *P;
    int solver;   /* LP_CLP or LP_GLPK */
    dispatch_opts opts;
    jmp_buf jb;
    int T;       /* blocks built */
    int R;       /* regions */
    int T_used;  /* days in the last window */
    int ncb, nrb; /* columns and rows per block */
    /* offsets in a block (0-based) */
    int c_src, c_mt, c_slot, c_fwd, c_rev, c_inj, c_wd, c_inv, c_def, c_uns,
        c_nex;
    int r_bal, r_mt, r_lng, r_ocap, r_inv, r_tgt, r_cv, r_nex;
    int *ocap_row; /* per origin: offset in r_ocap, -1 where unlimited */
    int n_ocap;
    piece *pc;
    int n_pc;
    double g; /* GWh per mcm: EUR/MWh x g = kEUR per mcm */
    double voll, penalty, mt_penalty;
    int curtailment, foresight_ties;
    double alpha;
    /* per region-day: segment grid (fractions), flags */
    double *seg_lo, *seg_hi; /* T x R x SEGMENTS */
    double *half;            /* T x R: half-width of the fine window */
    unsigned char *flag;     /* T x R: short in some solve (national-first) */
    unsigned char *warm;     /* T x R: grid started from the last window's */
    /* the last window's final fractions by block (-1: nobody was short) */
    double *prev_f; /* T x R */
    unsigned char *prev_flag; /* T x R: national-first flags carried over */
    double *prev_f2; /* R: the window before (myopic: the day before yesterday) */
    int *prev_day, *prev_len, prev_T, prev_ok;
    /* basis kept across windows */
    int *len; /* days per block as loaded in the matrix */
    /* per pipeline: 1 where the smaller direction is fixed at zero */
    unsigned char *oneway; /* T x n_pipe */
    /* market (issue 10), after everything above in a block: tranche
     * columns, demand-block columns, LNG slot floor slacks; tranche-set
     * rows (members - tranches = 0), slot floor rows */
    int c_tr, c_dr, c_smt, r_ts, r_smt;
    int n_smt;     /* slots with a floor */
    int *smt_slot; /* slot of floor i */
};

/* ---- index helpers --------------------------------------------------------- */

static int col(const struct dispatch *lp, int t, int off)
{
    return 1 + t * lp->ncb + off;
}

static int row(const struct dispatch *lp, int t, int off)
{
    return 1 + t * lp->nrb + off;
}

static double tie(int j)
{
    unsigned h = (unsigned)j * 2654435761u;
    return (double)((h >> 16) & 1023u) / 1024.0;
}

/* A column's cost with its tie-break, in kEUR per mcm; j is the column's
 * offset in its block plus 7919 x the block, so that equal columns of
 * different days differ too (a plan that swaps two stores between days is
 * not a tie). */
static double cost_of(const struct dispatch *lp, double eur_mwh, int j)
{
    double scale = fabs(eur_mwh) > 1.0 ? fabs(eur_mwh) : 1.0;
    return (eur_mwh + TIE_REL * scale * (1.0 + tie(j))) * lp->g;
}

static double marginal(const struct dispatch *lp, double f)
{
    return lp->voll * (1.0 + lp->alpha * f);
}

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
static void market_window(struct dispatch *lp, const net *n, int t,
                          const day_caps *c, double L);

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
    free(lp->prev_f);
    free(lp->prev_flag);
    free(lp->prev_f2);
    free(lp->prev_day);
    free(lp->prev_len);
    free(lp->len);
    free(lp->oneway);
    free(lp->smt_slot);
    free(lp);
}

void dispatch_set_opts(struct dispatch *lp, const dispatch_opts *o)
{
    lp->opts = *o;
    if (o->pricing && lp->P)
        lp_pricing(lp->P, o->pricing);
    if (lp->P)
        lp_iter_limit(lp->P, o->iter_limit);
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
    lp->alpha = sc->curtailment == CURT_NATIONAL_FIRST ? ALPHA_NF
                : sc->curtailment == CURT_LEAST_COST   ? 0.0
                                                       : ALPHA_COOP;
    int R = n->area.n_regions, K = n->sto.count;
    for (int k = 0; k < K; k++) {
        if (curve_pieces(n->sto.wx[k], n->sto.wy[k], n->sto.wn[k], k, 0, &lp->pc,
                         &lp->n_pc) ||
            curve_pieces(n->sto.ix[k], n->sto.iy[k], n->sto.in[k], k, 1, &lp->pc,
                         &lp->n_pc))
            goto fail;
    }
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
    lp->smt_slot = malloc(((size_t)n->slot.count + 1) * sizeof *lp->smt_slot);
    if (!lp->smt_slot)
        goto fail;
    for (int s = 0; s < n->slot.count; s++)
        if (n->slot.min[s] > 0) /* events scale floors, never create them */
            lp->smt_slot[lp->n_smt++] = s;
    lp->c_tr = c, c += n->tranche.count;
    lp->c_dr = c, c += n->dem.n_blocks;
    lp->c_smt = c, c += lp->n_smt;
    lp->ncb = c;
    lp->ocap_row = malloc(((size_t)n->origin.count + 1) * sizeof *lp->ocap_row);
    if (!lp->ocap_row)
        goto fail;
    for (int o = 0; o < n->origin.count; o++)
        lp->ocap_row[o] = n->origin.cap[o] >= 0 ? lp->n_ocap++ : -1;
    int r = 0;
    lp->r_bal = r, r += n->node.count;
    lp->r_mt = r, r += n->src.count;
    lp->r_lng = r, r += n->lng.count;
    lp->r_ocap = r, r += lp->n_ocap;
    lp->r_inv = r, r += K;
    lp->r_tgt = r, r += K;
    lp->r_cv = r, r += lp->n_pc;
    lp->r_nex = r, r += R;
    lp->r_ts = r, r += n->tranche.n_sets;
    lp->r_smt = r, r += lp->n_smt;
    lp->nrb = r;

    size_t TR = (size_t)T * (size_t)(R ? R : 1);
    lp->seg_lo = calloc(TR * SEGMENTS, sizeof *lp->seg_lo);
    lp->seg_hi = calloc(TR * SEGMENTS, sizeof *lp->seg_hi);
    lp->half = calloc(TR, sizeof *lp->half);
    lp->flag = calloc(TR, 1);
    lp->warm = calloc(TR, 1);
    lp->prev_f = calloc(TR, sizeof *lp->prev_f);
    lp->prev_flag = calloc(TR, 1);
    lp->prev_f2 = calloc((size_t)(R ? R : 1), sizeof *lp->prev_f2);
    lp->prev_day = calloc((size_t)T, sizeof *lp->prev_day);
    lp->prev_len = calloc((size_t)T, sizeof *lp->prev_len);
    lp->oneway = calloc((size_t)T * (size_t)(n->pipe.count ? n->pipe.count : 1), 1);
    size_t ncols = (size_t)T * lp->ncb, nrows = (size_t)T * lp->nrb;
    lp->len = malloc((size_t)T * sizeof *lp->len);
    if (!lp->seg_lo || !lp->seg_hi || !lp->half || !lp->flag || !lp->warm ||
        !lp->prev_f || !lp->prev_flag || !lp->prev_f2 || !lp->prev_day ||
        !lp->prev_len || !lp->oneway || !lp->len)
        goto fail;
    for (int t = 0; t < T; t++)
        lp->len[t] = 1;

    triplets tr = {0};
    int bad = 0;
    for (int t = 0; t < T; t++) {
        for (int i = 0; i < n->src.count; i++) {
            int j = col(lp, t, lp->c_src + i), o = n->src.origin[i];
            bad |= put(&tr, row(lp, t, lp->r_bal + n->src.node[i]), j, 1.0);
            bad |= put(&tr, row(lp, t, lp->r_mt + i), j, 1.0);
            if (lp->ocap_row[o] >= 0)
                bad |= put(&tr, row(lp, t, lp->r_ocap + lp->ocap_row[o]), j, 1.0);
            bad |= put(&tr, row(lp, t, lp->r_mt + i), col(lp, t, lp->c_mt + i), 1.0);
        }
        for (int s = 0; s < n->slot.count; s++) {
            int k = n->slot.lng[s], o = n->slot.origin[s];
            int j = col(lp, t, lp->c_slot + s);
            bad |= put(&tr, row(lp, t, lp->r_bal + n->lng.node[k]), j, 1.0);
            bad |= put(&tr, row(lp, t, lp->r_lng + k), j, 1.0);
            if (lp->ocap_row[o] >= 0)
                bad |= put(&tr, row(lp, t, lp->r_ocap + lp->ocap_row[o]), j, 1.0);
        }
        for (int p = 0; p < n->pipe.count; p++) {
            int a = n->pipe.from[p], b = n->pipe.to[p];
            int ra = n->node.region[a], rb = n->node.region[b];
            double keep = 1.0 - n->pipe.loss[p];
            int jf = col(lp, t, lp->c_fwd + p), jr = col(lp, t, lp->c_rev + p);
            bad |= put(&tr, row(lp, t, lp->r_bal + a), jf, -1.0);
            bad |= put(&tr, row(lp, t, lp->r_bal + b), jf, keep);
            bad |= put(&tr, row(lp, t, lp->r_bal + b), jr, -1.0);
            bad |= put(&tr, row(lp, t, lp->r_bal + a), jr, keep);
            /* exports: nex_r - out_r >= 0 */
            if (ra >= 0)
                bad |= put(&tr, row(lp, t, lp->r_nex + ra), jf, -1.0);
            if (rb >= 0)
                bad |= put(&tr, row(lp, t, lp->r_nex + rb), jr, -1.0);
        }
        for (int k = 0; k < K; k++) {
            int nd = n->sto.node[k];
            int ji = col(lp, t, lp->c_inj + k), jw = col(lp, t, lp->c_wd + k);
            int jv = col(lp, t, lp->c_inv + k);
            bad |= put(&tr, row(lp, t, lp->r_bal + nd), ji, -1.0);
            bad |= put(&tr, row(lp, t, lp->r_bal + nd), jw, 1.0);
            /* inv_t - inv_{t-1} - inj_t + wd_t = (t = 0: inv0) */
            bad |= put(&tr, row(lp, t, lp->r_inv + k), jv, 1.0);
            bad |= put(&tr, row(lp, t, lp->r_inv + k), ji, -1.0);
            bad |= put(&tr, row(lp, t, lp->r_inv + k), jw, 1.0);
            if (t + 1 < T)
                bad |= put(&tr, row(lp, t + 1, lp->r_inv + k), jv, -1.0);
            /* inv_t + def_t >= target */
            bad |= put(&tr, row(lp, t, lp->r_tgt + k), jv, 1.0);
            bad |= put(&tr, row(lp, t, lp->r_tgt + k), col(lp, t, lp->c_def + k), 1.0);
        }
        /* curve pieces: x_t - coef inv_{t-1} <= rhs (coef set per window) */
        for (int i = 0; i < lp->n_pc; i++) {
            const piece *q = &lp->pc[i];
            int jx = col(lp, t, (q->inj ? lp->c_inj : lp->c_wd) + q->sto);
            bad |= put(&tr, row(lp, t, lp->r_cv + i), jx, 1.0);
            if (t > 0 && q->b != 0)
                bad |= put(&tr, row(lp, t, lp->r_cv + i),
                           col(lp, t - 1, lp->c_inv + q->sto), -q->b);
        }
        for (int q = 0; q < R; q++) {
            int nd = n->area.node[q];
            for (int s = 0; s < SEGMENTS; s++)
                bad |= put(&tr, row(lp, t, lp->r_bal + nd),
                           col(lp, t, lp->c_uns + q * SEGMENTS + s), 1.0);
            bad |= put(&tr, row(lp, t, lp->r_nex + q), col(lp, t, lp->c_nex + q), 1.0);
        }
        bad |= market_matrix(lp, n, t, &tr);
    }
    /* auto (measured, docs/DISPATCH.md): GLPK for the windows of networks
     * up to AUTO_CLP_WINDOW regions (the European reference network: its
     * long-step ratio test needs 4x fewer pivots there) and for the one-day
     * LPs of networks up to AUTO_CLP_DAY regions (its lower cost per solve);
     * Clp above, where the cost of a pivot decides (windows at 400 regions
     * 10x faster, one-day LPs at 4,000 regions 2.6-7x) */
    int big = R > (T > 1 ? AUTO_CLP_WINDOW : AUTO_CLP_DAY);
    lp->solver = sc->solver == SOLVER_CLP    ? LP_CLP
                 : sc->solver == SOLVER_GLPK ? LP_GLPK
                 : big                       ? LP_CLP
                                             : LP_GLPK;
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
#undef PALLOC
    return GASDEP_OK;
}

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
static void set_segments(struct dispatch *lp, int t, int q, double demand,
                         int R)
{
    double L = lp->len[t];
    lp_prob *P = lp->P;
    size_t base = ((size_t)t * R + q) * SEGMENTS;
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

static void grid_coarse(struct dispatch *lp, int t, int q, int R)
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
static void grid_fine(struct dispatch *lp, int t, int q, int R, double f, double h)
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
static void nf_priority(struct dispatch *lp, int t, int q, int flag)
{
    lp_prob *P = lp->P;
    int jn = col(lp, t, lp->c_nex + q);
    lp->flag[(size_t)t * (size_t)lp->R + q] = (unsigned char)flag;
    if (flag == FLAG_WARM || flag == FLAG_SHORT) {
        lp_col_bounds(P, jn, 0.0, LP_INF);
        lp_obj(P, jn,
               lp->len[t] * cost_of(lp, NF_EXPORT * lp->voll, lp->c_nex + q + 7919 * t));
        lp_row_bounds(P, row(lp, t, lp->r_nex + q), 0.0, LP_INF);
    } else {
        ub(P, jn, 0.0);
        lp_obj(P, jn, 0.0);
        lp_row_bounds(P, row(lp, t, lp->r_nex + q), -LP_INF, LP_INF);
    }
}

static void set_window(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    lp_prob *P = lp->P;
    int R = n->area.n_regions, K = n->sto.count;
    int day = w->first_day, ps = 0; /* block t's first day; the last window's block */
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
        if (len != lp->len[t]) {
            lp->len[t] = len;
            for (int k = 0; k < K; k++) { /* inv_t - inv_{t-1} - L inj + L wd */
                int ind[5] = {0, col(lp, t, lp->c_inv + k), col(lp, t, lp->c_inj + k),
                              col(lp, t, lp->c_wd + k), t > 0 ? col(lp, t - 1, lp->c_inv + k) : 0};
                double v[5] = {0, 1.0, -L, L, -1.0};
                lp_set_row(P, row(lp, t, lp->r_inv + k), t > 0 ? 4 : 3, ind, v);
            }
        }
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
            lp_obj(P, j, L * cost_of(lp, n->src.cost[i], lp->c_src + i + 7919 * t));
            ub(P, jm, mt);
            lp_obj(P, jm, L * cost_of(lp, lp->mt_penalty, lp->c_mt + i + 7919 * t));
            if (mt > 0)
                lp_row_bounds(P, row(lp, t, lp->r_mt + i), mt, LP_INF);
            else
                lp_row_bounds(P, row(lp, t, lp->r_mt + i), -LP_INF, LP_INF);
        }
        for (int s = 0; s < n->slot.count; s++) {
            int j = col(lp, t, lp->c_slot + s);
            ub(P, j, live ? c->slot_cap[s] : 0.0);
            lp_obj(P, j, L * cost_of(lp, n->slot.cost[s], lp->c_slot + s + 7919 * t));
        }
        for (int k = 0; k < n->lng.count; k++)
            lp_row_bounds(P, row(lp, t, lp->r_lng + k), -LP_INF, live ? c->lng_cap[k] : 0.0);
        for (int o = 0; o < n->origin.count; o++)
            if (lp->ocap_row[o] >= 0)
                lp_row_bounds(P, row(lp, t, lp->r_ocap + lp->ocap_row[o]), -LP_INF,
                              live ? n->origin.cap[o] * c->origin_f[o] : 0.0);
        for (int p = 0; p < n->pipe.count; p++) {
            int jf = col(lp, t, lp->c_fwd + p), jr = col(lp, t, lp->c_rev + p);
            ub(P, jf, live ? c->pipe_cap[p] : 0.0);
            ub(P, jr, live ? c->pipe_rev[p] : 0.0);
            double tariff = n->pipe.tariff[p] + EPS_TARIFF;
            lp_obj(P, jf, L * cost_of(lp, tariff, lp->c_fwd + p + 7919 * t));
            lp_obj(P, jr, L * cost_of(lp, tariff, lp->c_rev + p + 7919 * t));
        }
        for (int k = 0; k < K; k++) {
            double vol = n->sto.vol[k];
            int ji = col(lp, t, lp->c_inj + k), jw = col(lp, t, lp->c_wd + k);
            int jv = col(lp, t, lp->c_inv + k), jd = col(lp, t, lp->c_def + k);
            ub(P, ji, live ? c->sto_inj_rate[k] : 0.0);
            ub(P, jw, live ? c->sto_wd_rate[k] : 0.0);
            lp_obj(P, ji, L * cost_of(lp, n->sto.icost[k] + EPS_STORAGE,
                                                lp->c_inj + k + 7919 * t));
            lp_obj(P, jw, L * cost_of(lp, n->sto.wcost[k] + EPS_STORAGE +
                                                        n->sto.value[k],
                                                lp->c_wd + k + 7919 * t));
            if (live)
                bounds(P, jv, 0.0, vol);
            else
                ub(P, jv, 0.0);
            lp_obj(P, jv, lp->foresight_ties ? -L * HOLD_REWARD * lp->g : 0.0);
            double rhs = t == 0 ? w->inv0[k] : 0.0;
            if (!live) /* past the window: nothing carried */
                lp_row_bounds(P, row(lp, t, lp->r_inv + k), -LP_INF, LP_INF);
            else
                lp_row_bounds(P, row(lp, t, lp->r_inv + k), rhs, rhs);
            /* targets bind on their dates and at the end of the window */
            double target = live ? c->sto_target_fill[k] * vol : 0.0;
            int binds = live && target > 0 && (t == w->T - 1 || c->sto_tdate[k]);
            if (binds) {
                lp_row_bounds(P, row(lp, t, lp->r_tgt + k), target, LP_INF);
                ub(P, jd, target);
                double pen = c->sto_thard[k] ? HARD_TARGET * lp->voll : lp->penalty;
                lp_obj(P, jd, cost_of(lp, pen, lp->c_def + k + 7919 * t));
            } else {
                lp_row_bounds(P, row(lp, t, lp->r_tgt + k), -LP_INF, LP_INF);
                ub(P, jd, 0.0);
                lp_obj(P, jd, 0.0);
            }
        }
        for (int i = 0; i < lp->n_pc; i++) {
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
        for (int q = 0; q < R; q++) {
            size_t i = (size_t)t * R + q;
            double f = prev >= 0 ? lp->prev_f[(size_t)prev * R + q] : -1.0;
            if (f >= 0 && lp->T == 1 && lp->prev_f2[q] >= 0) {
                f += f - lp->prev_f2[q]; /* myopic: a drift goes on */
                f = f < 0 ? 0 : f > 1 ? 1 : f;
            }
            lp->warm[i] = f >= 0;
            if (f >= 0) /* the last window was short: start near the fraction */
                grid_fine(lp, t, q, R, f, WARM_HALF);
            else
                grid_flat(lp, t, q, R);
            set_segments(lp, t, q, live ? c->demand[q] : 0.0, R);
            /* national-first: a region-day flagged in the last window
             * starts with its exports after its own demand */
            nf_priority(lp, t, q, prev >= 0 && lp->prev_flag[(size_t)prev * R + q]
                                      ? FLAG_WARM : FLAG_NONE);
        }
        memset(lp->oneway + (size_t)t * n->pipe.count, 0, (size_t)n->pipe.count);
        market_window(lp, n, t, c, L);
    }
}

static void market_window(struct dispatch *lp, const net *n, int t,
                          const day_caps *c, double L)
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
        lp_obj(P, j, L * cost_of(lp, lp->mt_penalty, lp->c_smt + i + 7919 * t));
        if (mt > 0)
            lp_row_bounds(P, row(lp, t, lp->r_smt + i), mt, LP_INF);
        else
            lp_row_bounds(P, row(lp, t, lp->r_smt + i), -LP_INF, LP_INF);
    }
}

/* ---- solving --------------------------------------------------------------- */


static int simplex(struct dispatch *lp)
{
    return lp_solve(lp->P, lp->opts.cold_start);
}

static double prim(const struct dispatch *lp, int t, int off)
{
    double x = lp_col_value(lp->P, col(lp, t, off));
    return x > 0 ? x : 0.0;
}

/* Region q's price in block t, EUR/MWh: its balance dual per day. */
static double price_of(const struct dispatch *lp, const net *n, int t, int q)
{
    return lp_row_dual(lp->P, row(lp, t, lp->r_bal + n->area.node[q])) /
           (lp->g * lp->len[t]);
}

static double unserved_of(const struct dispatch *lp, int t, int q)
{
    double u = 0.0;
    for (int s = 0; s < SEGMENTS; s++)
        u += prim(lp, t, lp->c_uns + q * SEGMENTS + s);
    return u;
}

/* After a solve with shortage: flag short regions (national-first) and
 * refine every region-day's grid around its fraction. Returns 1 when
 * another solve is needed. */
static int refine(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    int R = n->area.n_regions, again = 0;
    double total = 0.0;
    for (int t = 0; t < w->T; t++)
        for (int q = 0; q < R; q++)
            total += unserved_of(lp, t, q);
    if (total <= TOL_UNSERVED)
        return 0;
    for (int t = 0; t < w->T; t++)
        for (int q = 0; q < R; q++) {
            double dem = w->caps[t].demand[q];
            if (dem <= 0)
                continue;
            size_t i = (size_t)t * R + q, base = i * SEGMENTS;
            double u = unserved_of(lp, t, q), f = u / dem;
            if (f > 1)
                f = 1;
            if (lp->curtailment == CURT_NATIONAL_FIRST && u > TOL_UNSERVED &&
                lp->flag[i] != FLAG_WARM && lp->flag[i] != FLAG_SHORT) {
                nf_priority(lp, t, q, FLAG_SHORT);
                again = 1;
            }
            if (lp->curtailment == CURT_LEAST_COST)
                continue;
            double h = lp->half[i]; /* -1 flat, 0 coarse, > 0 fine */
            if (h < 0) {
                grid_coarse(lp, t, q, R);
                set_segments(lp, t, q, dem, R);
                again = 1;
                continue;
            }
            double spacing = h == 0 ? 1.0 / SEGMENTS : 2.0 * h / (SEGMENTS - 2);
            double lo = lp->seg_hi[base], hi = lp->seg_lo[base + SEGMENTS - 1];
            if (h > 0 && ((lo > 0 && f <= lo + 1e-9) || (hi < 1 && f >= hi - 1e-9))) {
                /* against the window's edge: move it; a warm start that
                 * missed starts over from the coarse grid */
                if (lp->warm[i]) {
                    lp->warm[i] = 0;
                    grid_coarse(lp, t, q, R);
                } else {
                    grid_fine(lp, t, q, R, f, h);
                }
                set_segments(lp, t, q, dem, R);
                again = 1;
            } else if (spacing > FINE_TOL) {
                /* shrink around f: the new window spans one old segment each side */
                grid_fine(lp, t, q, R, f, spacing);
                set_segments(lp, t, q, dem, R);
                again = 1;
            }
        }
    return again;
}

/* National-first, once the grids have settled: a region-day flagged from
 * the last window that is whole and whose price no longer shows its gas held
 * back (below NF_KEEP x voll) exports freely again, and the window is
 * re-solved (if it then goes short, refine flags it like any other): the
 * flag of a crisis that has ended does not outlive it. Returns 1 when one
 * was released. */
static int nf_release(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    int R = n->area.n_regions, released = 0;
    if (lp->curtailment != CURT_NATIONAL_FIRST)
        return 0;
    for (int t = 0; t < w->T; t++)
        for (int q = 0; q < R; q++) {
            if (lp->flag[(size_t)t * R + q] != FLAG_WARM ||
                unserved_of(lp, t, q) > TOL_UNSERVED)
                continue;
            if (price_of(lp, n, t, q) < NF_KEEP * lp->voll) {
                nf_priority(lp, t, q, FLAG_NONE);
                released = 1;
            }
        }
    return released;
}

/* Lossy pipelines must not run both ways on one day (that would burn gas):
 * fix the smaller direction at zero. Returns 1 when a pipe was fixed. */
static int one_way(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    int fixed = 0;
    for (int t = 0; t < w->T; t++)
        for (int p = 0; p < n->pipe.count; p++) {
            double f = prim(lp, t, lp->c_fwd + p), r = prim(lp, t, lp->c_rev + p);
            if (f <= 1e-9 || r <= 1e-9)
                continue;
            int off = f < r ? lp->c_fwd + p : lp->c_rev + p;
            lp_col_bounds(lp->P, col(lp, t, off), 0.0, 0.0);
            lp->oneway[(size_t)t * n->pipe.count + p] = 1;
            fixed = 1;
        }
    return fixed;
}

static void read_plan(const struct dispatch *lp, const net *n,
                      const dispatch_window *w, dispatch_plan *o)
{
    int R = n->area.n_regions, K = n->sto.count;
    for (int t = 0; t < w->T; t++) {
        double missed = 0.0;
        for (int i = 0; i < n->src.count; i++) {
            o->src[(size_t)t * n->src.count + i] = prim(lp, t, lp->c_src + i);
            missed += prim(lp, t, lp->c_mt + i);
        }
        for (int i = 0; i < lp->n_smt; i++)
            missed += prim(lp, t, lp->c_smt + i);
        o->missed[t] = missed;
        for (int i = 0; i < n->tranche.count; i++)
            o->tr[(size_t)t * n->tranche.count + i] = prim(lp, t, lp->c_tr + i);
        for (int q = 0; q < R; q++) {
            double red = 0.0;
            for (int b = n->dem.block_first[q]; b < n->dem.block_first[q + 1]; b++)
                red += prim(lp, t, lp->c_dr + b);
            o->reduced[(size_t)t * R + q] = red;
        }
        for (int s = 0; s < n->slot.count; s++)
            o->slot[(size_t)t * n->slot.count + s] = prim(lp, t, lp->c_slot + s);
        for (int p = 0; p < n->pipe.count; p++) {
            o->fwd[(size_t)t * n->pipe.count + p] = prim(lp, t, lp->c_fwd + p);
            o->rev[(size_t)t * n->pipe.count + p] = prim(lp, t, lp->c_rev + p);
        }
        for (int k = 0; k < K; k++) {
            o->inj[(size_t)t * K + k] = prim(lp, t, lp->c_inj + k);
            o->wd[(size_t)t * K + k] = prim(lp, t, lp->c_wd + k);
            o->inv[(size_t)t * K + k] = prim(lp, t, lp->c_inv + k);
            double y = lp_row_dual(lp->P, row(lp, t, lp->r_inv + k));
            o->sto_value[(size_t)t * K + k] = -y / lp->g;
        }
        for (int q = 0; q < R; q++) {
            double u = unserved_of(lp, t, q), dem = w->caps[t].demand[q];
            o->unserved[(size_t)t * R + q] = u > dem ? dem : u;
            o->price[(size_t)t * R + q] = price_of(lp, n, t, q);
        }
    }
}

/* The window's final fractions by block (all -1 when nobody was short) to
 * start the next window's grids from. */
static void remember(struct dispatch *lp, const net *n, const dispatch_window *w)
{
    int R = n->area.n_regions, day = w->first_day;
    double total = 0.0;
    for (int t = 0; t < w->T; t++)
        for (int q = 0; q < R; q++)
            total += unserved_of(lp, t, q);
    if (lp->T == 1)
        for (int q = 0; q < R; q++)
            lp->prev_f2[q] = lp->prev_ok ? lp->prev_f[q] : -1.0;
    for (int t = 0; t < w->T; t++) {
        lp->prev_day[t] = day;
        lp->prev_len[t] = lp->len[t];
        day += lp->len[t];
        for (int q = 0; q < R; q++) {
            double dem = w->caps[t].demand[q], u = unserved_of(lp, t, q);
            lp->prev_f[(size_t)t * R + q] =
                dem > 0 && total > TOL_UNSERVED ? (u < dem ? u / dem : 1.0) : -1.0;
            /* national-first: a flag is kept while the region-day is short
             * or its price shows the flag holding its gas back (a whole
             * region next to short ones is worth what they would pay less
             * the export penalty, above NF_KEEP x voll) */
            double price = price_of(lp, n, t, q);
            unsigned char fl = lp->flag[(size_t)t * R + q];
            lp->prev_flag[(size_t)t * R + q] =
                (fl == FLAG_WARM || fl == FLAG_SHORT) &&
                (u > TOL_UNSERVED || price >= NF_KEEP * lp->voll);
        }
    }
    lp->prev_T = w->T;
}

int dispatch_solve(struct dispatch *lp, const net *n, const dispatch_window *w,
                   dispatch_plan *out, char *why, size_t whylen)
{
    if (!lp_ok(lp->P)) {
        snprintf(why, whylen, "the solver failed earlier in this thread");
        return GASDEP_ESOLVER;
    }
    if (w->T < 1 || w->T > lp->T) {
        snprintf(why, whylen, "internal: window of %d days (LP built for %d)", w->T,
                 lp->T);
        return GASDEP_ESOLVER;
    }
    /* a GLPK error (which would abort the process) jumps back here */
    if (setjmp(lp->jb)) {
        lp_broken(lp->P);
        snprintf(why, whylen, "GLPK internal error (the solver was reset)");
        return GASDEP_ESOLVER;
    }
    lp_guard(lp->P, &lp->jb);
    /* Window to window the previous optimal basis is kept as it is, block
     * for block: moving it by the days between the windows' starts makes it
     * singular for GLPK (measured: a cold restart every window), while the
     * unmoved one is a valid start a few hundred pivots from the optimum. */
    set_window(lp, n, w);
    lp->prev_ok = lp->prev_T > 0;
    lp->prev_T = 0; /* until this window is solved */
    lp->T_used = w->T;
    int solves = 0, rc = 0;
    for (;;) {
        solves++;
        if ((rc = simplex(lp)) != 0)
            break;
        if (solves >= MAX_SOLVES)
            break;
        if (refine(lp, n, w))
            continue;
        if (nf_release(lp, n, w))
            continue;
        if (one_way(lp, n, w))
            continue;
        break;
    }
    lp_unguard(lp->P);
    out->stages = solves;
    if (rc) {
        char date[11];
        gasdep_date_format(w->first_day, date);
        snprintf(why, whylen, "%s: no optimal solution (window from %s, %d days)",
                 lp_solver_title(lp->solver), date, w->T);
        return GASDEP_ESOLVER;
    }
    read_plan(lp, n, w, out);
    remember(lp, n, w);
    return GASDEP_OK;
}

const char *dispatch_solver_name(const struct dispatch *lp)
{
    return lp_solver_name(lp->solver);
}

int dispatch_write_mps(const struct dispatch *lp, const char *path)
{
    return lp && lp_ok(lp->P) && lp_write(lp->P, path) == 0 ? GASDEP_OK : GASDEP_EIO;
}

void dispatch_thread_finish(void)
{
    lp_thread_finish();
}
