/* dispatch_lp.h: the dispatch's own LP, shared by its three files:
 * dispatch_build.c (the matrix, once), dispatch_window.c (a window's
 * bounds and costs, the shortage grids) and dispatch.c (solving, the
 * refinement, national-first, reading the plan). Not for other modules:
 * they use dispatch.h. */
#ifndef GASDEP_CORE_DISPATCH_LP_H
#define GASDEP_CORE_DISPATCH_LP_H

#include <math.h>
#include <setjmp.h>

#include "dispatch.h"
#include "lp.h"
#include "network.h"

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
/* A fine grid that missed (myopic: a warm one, or one found by
 * shrinking): WARM_MISS times as wide on the side it missed, widened again
 * while it misses; two more solves where the coarse restart took five. */
#define WARM_MISS 4
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
    int ncols, nrows; /* of the LP: T blocks */
    /* offsets in a block (0-based) */
    int c_src, c_mt, c_slot, c_fwd, c_rev, c_inj, c_wd, c_inv, c_def, c_uns,
        c_nex, c_dmax;
    int r_bal, r_mt, r_lng, r_ocap, r_inv, r_tgt, r_cv, r_nex, r_dmax;
    int *ocap_row; /* per origin: offset in r_ocap, -1 where unlimited */
    int n_ocap;
    piece *pc;
    int n_pc;
    double g; /* GWh per mcm: EUR/MWh x g = kEUR per mcm */
    double voll, penalty, mt_penalty;
    int curtailment, foresight_ties;
    int tie_salt; /* added to every tie-break's index (dispatch_salt_ties) */
    int water; /* storage_valuation = water: no flat withdrawal value, targets
                * bind on their dates only, the window's end is valued */
    double alpha;
    /* per region-day: segment grid (fractions), flags */
    double *seg_lo, *seg_hi; /* T x R x SEGMENTS */
    double *half;            /* T x R: half-width of the fine window */
    unsigned char *flag;     /* T x R: short in some solve (national-first) */
    unsigned char *warm;     /* T x R: grid started from the last window's (1),
                              * widened after it missed (2), neither (0) */
    int *flat_len;           /* T x R: block length of a flat grid in the LP, 0 none */
    /* the last window's final fractions by block (-1: nobody was short) */
    double *prev_f; /* T x R */
    unsigned char *prev_flag; /* T x R: national-first flags carried over */
    double *prev_f2; /* R: the window before (myopic: the day before yesterday) */
    /* myopic: yesterday's demand, and the part of today's first guess that
     * comes from the demand (see predict_fractions in dispatch_window.c) */
    double *prev_dem, *base; /* R */
    double *drift; /* R: myopic: yesterday's change the demand did not explain */
    struct frac_of { double f; int q; } *order; /* R: a sorting workspace */
    double *shift; /* R: today's guessed change of each region's fraction */
    int *prev_day, *prev_len, prev_T, prev_ok;
    /* basis kept across windows */
    int *len; /* days per block as loaded in the matrix */
    /* per pipeline: 1 where the smaller direction is fixed at zero */
    unsigned char *oneway; /* T x n_pipe */
    /* one-block LP: each store's withdrawal (k) and injection (K + k) cap
     * of the day after its rate curves */
    double *sto_cap; /* 2 x n_sto */
    double *x; /* 1..T x ncb: the column values of the last solve */
    int static_costs; /* the network's own costs are in the LP (T = 1) */
    /* Target rows, except in the one-day LP under water values: its
     * window always carries the end values (model.c), so no target binds
     * there (docs/DISPATCH.md) and the rows (a deficit and the largest
     * deficits of each store, 69 of 227 on the European network) and
     * their columns are left out. lost_target: a window without end values
     * asked for a target all the same (dispatch_solve refuses it). */
    int targets, lost_target;
    /* market (issue 10), after everything above in a block: tranche
     * columns, demand-block columns, LNG slot floor slacks; tranche-set
     * rows (members - tranches = 0), slot floor rows */
    int c_tr, c_dr, c_smt, r_ts, r_smt;
    int n_smt;     /* slots with a floor */
    int *smt_slot; /* slot of floor i */
};

/* ---- index helpers --------------------------------------------------------- */

static inline int col(const struct dispatch *lp, int t, int off)
{
    return 1 + t * lp->ncb + off;
}

static inline int row(const struct dispatch *lp, int t, int off)
{
    return 1 + t * lp->nrb + off;
}

/* h in [0, 1) from index j by a mixing hash (C. Wellons' lowbias32): a
 * multiplicative hash alone is linear, so that columns a fixed distance
 * apart kept the same difference in every block and every salt, and two
 * stores could swap days (or a plan's duals price the day's tie-breaks
 * away) at exactly equal cost; and 24 bits, as 10 (1,024 values) let the
 * tie-breaks around a cycle of columns cancel now and then. */
static inline double tie(int j)
{
    unsigned h = (unsigned)j;
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return (double)(h >> 8) / 16777216.0; /* 24 bits: 10 let sums coincide */
}

/* A column's cost with its tie-break, in kEUR per mcm; j is the column's
 * offset in its block plus 7919 x the block, so that equal columns of
 * different days differ too (a plan that swaps two stores between days is
 * not a tie). */
static inline double cost_of(const struct dispatch *lp, double eur_mwh, int j)
{
    double scale = fabs(eur_mwh) > 1.0 ? fabs(eur_mwh) : 1.0;
    return (eur_mwh + TIE_REL * scale * (1.0 + tie(j + lp->tie_salt))) * lp->g;
}

static inline double marginal(const struct dispatch *lp, double f)
{
    return lp->voll * (1.0 + lp->alpha * f);
}

/* ---- dispatch_window.c ------------------------------------------------------ */

/* Bounds, costs and shortage grids of window w (every block built). */
void dispatch_set_window(struct dispatch *lp, const net *n, const dispatch_window *w);
/* Unserved segments of region q in block t from its grid. */
void dispatch_set_segments(struct dispatch *lp, int t, int q, double demand, int R);
/* The coarse grid (SEGMENTS equal segments) of region q in block t. */
void dispatch_grid_coarse(struct dispatch *lp, int t, int q, int R);
/* A fine grid of half-width h around fraction f (see dispatch_window.c). */
void dispatch_grid_fine(struct dispatch *lp, int t, int q, int R, double f, double h);
/* National-first flag of region q in block t (FLAG_*), with its export cost. */
void dispatch_nf_priority(struct dispatch *lp, int t, int q, int flag);

#endif
