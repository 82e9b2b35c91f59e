/* dispatch.c: solving the dispatch LP of a window (built once by
 * dispatch_build.c, its bounds set by dispatch_window.c), warm-started
 * window to window: the shortage refinement, national-first, the plan. The
 * formulation and its rules (stored gas value, target dates, shortage
 * penalty and its refinement, national priority, tie-breaks) are
 * documented in docs/DISPATCH.md. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch_lp.h"
#include "gasdep/gasdep.h"

/* ---- solving --------------------------------------------------------------- */


/* Solve, and read the values of the window's columns at once. */
static int simplex(struct dispatch *lp)
{
    int rc = lp_solve(lp->P, lp->opts.cold_start);
    if (rc == 0)
        lp_col_values(lp->P, lp->T_used * lp->ncb, lp->x);
    return rc;
}

static double prim(const struct dispatch *lp, int t, int off)
{
    double x = lp->x[col(lp, t, off)];
    return x > 0 ? x : 0.0;
}

/* Region q's price in block t, EUR/MWh: its balance dual per day. */
static double price_of(const struct dispatch *lp, const net *n, int t, int q)
{
    return lp_row_dual(lp->P, row(lp, t, lp->r_bal + n->area.node[q])) /
           (lp->g * lp->len[t]);
}

/* Pipeline p's capacity value in block t, EUR/MWh per day: minus the
 * reduced cost of its flow column at the capacity bound, in the direction
 * flows.csv gives the capacity in (reverse when the net flow is negative);
 * 0 when the bound does not bind. */
static double cap_value_of(const struct dispatch *lp, int t, int p)
{
    double f = prim(lp, t, lp->c_fwd + p) - prim(lp, t, lp->c_rev + p);
    double d = -lp_col_dual(lp->P, col(lp, t, (f < 0 ? lp->c_rev : lp->c_fwd) + p));
    return d > 0 ? d / (lp->g * lp->len[t]) : 0.0;
}

static double unserved_of(const struct dispatch *lp, int t, int q)
{
    double u = 0.0;
    if (lp->half[(size_t)t * lp->R + q] < 0) /* flat: the other segments are fixed at 0 */
        return prim(lp, t, lp->c_uns + q * SEGMENTS);
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
                dispatch_nf_priority(lp, t, q, FLAG_SHORT);
                again = 1;
            }
            if (lp->curtailment == CURT_LEAST_COST)
                continue;
            double h = lp->half[i]; /* -1 flat, 0 coarse, > 0 fine */
            if (h < 0) {
                dispatch_grid_coarse(lp, t, q, R);
                dispatch_set_segments(lp, t, q, dem, R);
                again = 1;
                continue;
            }
            double spacing = h == 0 ? 1.0 / SEGMENTS : 2.0 * h / (SEGMENTS - 2);
            double lo = lp->seg_hi[base], hi = lp->seg_lo[base + SEGMENTS - 1];
            if (h > 0 && ((lo > 0 && f <= lo + 1e-9) || (hi < 1 && f >= hi - 1e-9))) {
                /* against the window's edge. Myopic: widen it WARM_MISS
                 * times on the side it missed (where the fraction lies is
                 * known there, its value in a lump is not), again while
                 * it misses, up to the coarse grid; a grid found by
                 * shrinking too (moving it by its own width a solve was a
                 * crawl that reached MAX_SOLVES on 4 % of the shortage
                 * days of europe-russian-stop-stochastic). Rolling: a
                 * warm grid starts over from the coarse grid, another
                 * moves by its width (widening measured more solves
                 * there: full-russian-stop-winter 6.4 -> 6.9 a window) */
                double H = WARM_MISS * h;
                if (lp->T == 1 && H < 1.0 / SEGMENTS) {
                    lp->warm[i] = lp->warm[i] ? 2 : 0;
                    dispatch_grid_fine(lp, t, q, R,
                                       f <= lo + 1e-9 ? lo + h - H : hi - h + H, H);
                } else if (lp->warm[i]) {
                    lp->warm[i] = 0;
                    dispatch_grid_coarse(lp, t, q, R);
                } else {
                    dispatch_grid_fine(lp, t, q, R, f, h);
                }
                dispatch_set_segments(lp, t, q, dem, R);
                again = 1;
            } else if (spacing > FINE_TOL) {
                /* shrink around f: the new window spans one old segment each side */
                lp->warm[i] = 0;
                dispatch_grid_fine(lp, t, q, R, f, spacing);
                dispatch_set_segments(lp, t, q, dem, R);
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
                dispatch_nf_priority(lp, t, q, FLAG_NONE);
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
            o->cap_value[(size_t)t * n->pipe.count + p] = cap_value_of(lp, t, p);
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
        for (int q = 0; q < R; q++) {
            lp->prev_f2[q] = lp->prev_ok ? lp->prev_f[q] : -1.0;
            lp->prev_dem[q] = w->caps[0].demand[q];
        }
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
            unsigned char fl = lp->flag[(size_t)t * R + q];
            lp->prev_flag[(size_t)t * R + q] =
                (fl == FLAG_WARM || fl == FLAG_SHORT) &&
                (u > TOL_UNSERVED || price_of(lp, n, t, q) >= NF_KEEP * lp->voll);
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
    dispatch_set_window(lp, n, w);
    if (lp->lost_target) {
        lp_unguard(lp->P);
        snprintf(why, whylen, "internal: a fill target in a one-day window without "
                 "water values");
        return GASDEP_ESOLVER;
    }
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

size_t dispatch_basis_size(const struct dispatch *lp)
{
    return (size_t)lp->nrows + (size_t)lp->ncols;
}

void dispatch_basis_save(const struct dispatch *lp, unsigned char *st)
{
    lp_basis_get(lp->P, st);
}

void dispatch_basis_load(struct dispatch *lp, const unsigned char *st)
{
    lp_basis_set(lp->P, st);
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
