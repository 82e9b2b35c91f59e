/* lp_glpk_dual.c: a bounded dual simplex on GLPK's basis factorization and
 * an eta file (lp_glpk_dual.h). The algorithm is the textbook one for
 * boxed variables (dual phase 2, Dantzig's choice of the leaving row, the
 * bound-flipping ratio test); docs/DISPATCH.md, "Warm solves of our own",
 * says why and what was measured. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lp_glpk_dual.h"

/* Feasibility: a value within PRIMAL_TOL (1 + |bound|) of its bounds, a
 * reduced cost within DUAL_TOL (1 + |cost|) of its sign (the backend's
 * kept-basis tolerance and its simplex's tol_dj, lp_glpk.c). */
#define PRIMAL_TOL 1e-9
#define DUAL_TOL 1e-9
/* A pivot smaller than this is not taken (GLPK's tol_piv is 1e-10). */
#define PIVOT_TOL 1e-9
/* The pivot element from the row and from the column must agree to this
 * (relative): else the factorization has lost accuracy. */
#define AGREE_TOL 1e-7
/* The eta file is refactorized (GLPK's LU afresh) past this many etas or
 * ETA_FILL nonzeros a row of the basis. */
#define ETA_MAX 32
#define ETA_FILL 8

struct lp_dual {
    int m, n, valid;
    unsigned char *stat; /* 1..m+n */
    int *head;           /* 1..m: the variable at each position of B */
    /* eta file: eta e replaces column er[e] of B by the vector
     * (ei, ev)[es[e] .. es[e+1]-1], whose entry at er[e] is ep[e] */
    int neta, *er, *es, *ei, cap;
    double *ev, *ep;
    int *ein, *eout; /* the variables that entered and left at each eta */
    double *x;     /* 1..m+n: values */
    double *d;     /* 1..m+n: reduced costs */
    double *xb;    /* 1..m: the basic values by position */
    double *w;     /* 1..m: work (a column of B^-1 N, then B^-1 a) */
    double *rho;   /* 1..m: a row of B^-1 */
    double *alpha; /* 1..m+n: the pivot row */
    /* the bounds of the basic variable at each position (-inf, +inf when
     * open) and the same widened by the primal tolerance, for the choice
     * of the leaving row; set at a solve's start, moved with each pivot */
    double *pl, *pu, *tl, *tu;
    int *cand;     /* the ratio test's candidates */
    double *ratio; /* their breakpoints */
    int *heap, *tie, *flip; /* the ratio test's heap, ties, passed columns */
    /* A by rows (1-based, rp[i]..rp[i+1]-1), for the pivot row from the
     * few nonzeros of a row of B^-1; entry e of the rows is entry rce[e] of
     * the columns (coefficients are read there, so set_row needs nothing) */
    int *rp, *rc, *rce;
    int *touched, *mark; /* the variables of the pivot row, marked 1..m+n */
    int dfresh; /* d holds the reduced costs of the basis and costs held */
    int xfresh; /* x, xb hold the values of the basis and bounds held but
                 * those of the variables in dirty */
    int *dirty, ndirty; /* variables whose bounds moved, marked in dmark */
    unsigned char *dmark;
    int pivots;
};

int lpd_bound_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi))
        return GLP_FR;
    if (isinf(hi))
        return GLP_LO;
    if (isinf(lo))
        return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

lp_dual *lpd_create(int m, int n, const int *cp, const int *ri)
{
    lp_dual *D = calloc(1, sizeof *D);
    if (!D)
        return NULL;
    size_t mn = (size_t)m + (size_t)n + 1, m1 = (size_t)m + 1;
    D->m = m, D->n = n;
    D->cap = ETA_FILL * m + 64;
    D->stat = calloc(mn, 1);
    D->head = calloc(m1, sizeof *D->head);
    D->er = calloc(ETA_MAX + 1, sizeof *D->er);
    D->es = calloc(ETA_MAX + 2, sizeof *D->es);
    D->ep = calloc(ETA_MAX + 1, sizeof *D->ep);
    D->ein = calloc(ETA_MAX + 1, sizeof *D->ein);
    D->eout = calloc(ETA_MAX + 1, sizeof *D->eout);
    D->ei = calloc((size_t)D->cap, sizeof *D->ei);
    D->ev = calloc((size_t)D->cap, sizeof *D->ev);
    D->x = calloc(mn, sizeof *D->x);
    D->d = calloc(mn, sizeof *D->d);
    D->xb = calloc(m1, sizeof *D->xb);
    D->w = calloc(m1, sizeof *D->w);
    D->rho = calloc(m1, sizeof *D->rho);
    D->alpha = calloc(mn, sizeof *D->alpha);
    D->cand = calloc(mn, sizeof *D->cand);
    D->pl = calloc(m1, sizeof *D->pl);
    D->pu = calloc(m1, sizeof *D->pu);
    D->tl = calloc(m1, sizeof *D->tl);
    D->tu = calloc(m1, sizeof *D->tu);
    D->ratio = calloc(mn, sizeof *D->ratio);
    D->heap = calloc(mn, sizeof *D->heap);
    D->tie = calloc(mn, sizeof *D->tie);
    D->flip = calloc(mn, sizeof *D->flip);
    D->touched = calloc(mn, sizeof *D->touched);
    D->mark = calloc(mn, sizeof *D->mark);
    D->dirty = calloc(mn, sizeof *D->dirty);
    D->dmark = calloc(mn, 1);
    D->rp = calloc(m1 + 1, sizeof *D->rp);
    if (!D->stat || !D->head || !D->er || !D->es || !D->ep || !D->ein || !D->eout ||
        !D->ei || !D->ev ||
        !D->x || !D->d || !D->xb || !D->w || !D->rho || !D->alpha || !D->cand ||
        !D->pl || !D->pu || !D->tl || !D->tu || !D->ratio || !D->heap || !D->tie || !D->flip || !D->touched || !D->mark || !D->dirty || !D->dmark || !D->rp) {
        lpd_destroy(D);
        return NULL;
    }
    /* the rows: counts, starts, entries */
    int nnz = cp[n + 1] - 1;
    D->rc = malloc(((size_t)nnz + 1) * sizeof *D->rc);
    D->rce = malloc(((size_t)nnz + 1) * sizeof *D->rce);
    if (!D->rc || !D->rce) {
        lpd_destroy(D);
        return NULL;
    }
    for (int e = 1; e <= nnz; e++)
        D->rp[ri[e] + 1]++;
    D->rp[1] = 1;
    for (int i = 1; i <= m; i++)
        D->rp[i + 1] += D->rp[i];
    int *at = D->touched; /* free until the first pivot */
    for (int i = 1; i <= m; i++)
        at[i] = D->rp[i];
    for (int j = 1; j <= n; j++)
        for (int e = cp[j]; e < cp[j + 1]; e++) {
            int k = at[ri[e]]++;
            D->rc[k] = j, D->rce[k] = e;
        }
    return D;
}

void lpd_destroy(lp_dual *D)
{
    if (!D)
        return;
    free(D->stat), free(D->head), free(D->er), free(D->es), free(D->ep);
    free(D->ein), free(D->eout);
    free(D->ei), free(D->ev), free(D->x), free(D->d), free(D->xb);
    free(D->w), free(D->rho), free(D->alpha), free(D->cand), free(D->ratio);
    free(D->heap), free(D->tie), free(D->flip);
    free(D->pl), free(D->pu), free(D->tl), free(D->tu);
    free(D->touched), free(D->mark), free(D->dirty), free(D->dmark), free(D->rp), free(D->rc), free(D->rce);
    free(D);
}

/* The basis header of P's factorization, an empty eta file, and values and
 * reduced costs to be recomputed. */
static void take_header(lp_dual *D, glp_prob *P)
{
    for (int i = 1; i <= D->m; i++)
        D->head[i] = glp_get_bhead(P, i);
    D->neta = 0;
    D->es[0] = 0;
    D->dfresh = D->xfresh = 0;
}

void lpd_take(lp_dual *D, glp_prob *P)
{
    int m = D->m;
    for (int i = 1; i <= m; i++)
        D->stat[i] = (unsigned char)glp_get_row_stat(P, i);
    for (int j = 1; j <= D->n; j++)
        D->stat[m + j] = (unsigned char)glp_get_col_stat(P, j);
    take_header(D, P);
    D->valid = 1;
}

int lpd_valid(const lp_dual *D)
{
    return D->valid;
}

void lpd_invalidate(lp_dual *D)
{
    D->valid = 0;
}

void lpd_give(const lp_dual *D, glp_prob *P)
{
    int m = D->m;
    for (int i = 1; i <= m; i++)
        glp_set_row_stat(P, i, D->stat[i]);
    for (int j = 1; j <= D->n; j++)
        glp_set_col_stat(P, j, D->stat[m + j]);
}

const double *lpd_x(const lp_dual *D)
{
    return D->x;
}

double lpd_reduced_cost(const lp_dual *D, const lpd_lp *lp, int k)
{
    if (k <= D->m || D->stat[k] != GLP_NS)
        return D->d[k];
    /* a fixed column's is not kept along the pivots: c - A_k' duals, the
     * duals being the rows' reduced costs (kept) */
    int j = k - D->m;
    double d = lp->cost[j];
    for (int e = lp->cp[j]; e < lp->cp[j + 1]; e++)
        d -= D->d[lp->ri[e]] * lp->cv[e];
    return d;
}

const unsigned char *lpd_stat(const lp_dual *D)
{
    return D->stat;
}

int lpd_pivots(const lp_dual *D)
{
    return D->pivots;
}

/* ---- B^-1 and B^-T: GLPK's factorization, then the etas ---- */

/* v = B^-1 v: B = B0 E1 .. Ek, so B0^-1 first, then E1^-1 .. Ek^-1. */
static void ftran(const lp_dual *D, glp_prob *P, double *v)
{
    glp_ftran(P, v);
    for (int e = 0; e < D->neta; e++) {
        int r = D->er[e];
        double vr = v[r] / D->ep[e];
        if (vr != 0)
            for (int k = D->es[e]; k < D->es[e + 1]; k++)
                v[D->ei[k]] -= D->ev[k] * vr;
        v[r] = vr;
    }
}

/* v = B^-T v: Ek^-T .. E1^-T first, then B0^-T. */
static void btran(const lp_dual *D, glp_prob *P, double *v)
{
    for (int e = D->neta - 1; e >= 0; e--) {
        int r = D->er[e];
        double s = v[r];
        for (int k = D->es[e]; k < D->es[e + 1]; k++)
            s -= D->ev[k] * v[D->ei[k]];
        v[r] = s / D->ep[e];
    }
    glp_btran(P, v);
}

/* Eta of a pivot at position r on column w = B^-1 a_q; 0 when the file is
 * full. */
static int add_eta(lp_dual *D, int r, const double *w)
{
    int e = D->neta, at = D->es[e];
    if (e >= ETA_MAX)
        return 0;
    for (int i = 1; i <= D->m; i++) {
        if (i == r || w[i] == 0)
            continue;
        if (at >= D->cap)
            return 0;
        D->ei[at] = i, D->ev[at] = w[i], at++;
    }
    D->er[e] = r, D->ep[e] = w[r];
    D->es[e + 1] = at;
    D->neta = e + 1;
    return 1;
}

/* ---- the LP's columns ---- */

static double cost_of(const lpd_lp *lp, int k)
{
    return k > lp->m ? lp->cost[k - lp->m] : 0.0;
}

/* v^T a_k for the column a_k of (I | -A) of variable k. */
static double dot_col(const lpd_lp *lp, const double *v, int k)
{
    if (k <= lp->m)
        return v[k];
    int j = k - lp->m;
    double s = 0;
    for (int e = lp->cp[j]; e < lp->cp[j + 1]; e++)
        s -= v[lp->ri[e]] * lp->cv[e];
    return s;
}

/* v += t a_k. */
static void add_col(const lpd_lp *lp, double *v, int k, double t)
{
    if (k <= lp->m) {
        v[k] += t;
        return;
    }
    int j = k - lp->m;
    for (int e = lp->cp[j]; e < lp->cp[j + 1]; e++)
        v[lp->ri[e]] -= t * lp->cv[e];
}

static double bound_of(const lpd_lp *lp, int k, int st)
{
    return st == GLP_NU ? lp->hi[k] : st == GLP_NF ? 0.0 : lp->lo[k];
}

static int has_lo(int t)
{
    return t == GLP_LO || t == GLP_DB || t == GLP_FX;
}

static int has_hi(int t)
{
    return t == GLP_UP || t == GLP_DB || t == GLP_FX;
}

/* The bounds of basic variable k at position i, as leaving reads them. */
static void position_bounds(lp_dual *D, const lpd_lp *lp, int i, int k)
{
    int t = lp->type[k];
    double l = lp->lo[k], u = lp->hi[k];
    D->pl[i] = has_lo(t) ? l : -INFINITY;
    D->pu[i] = has_hi(t) ? u : INFINITY;
    D->tl[i] = has_lo(t) ? l - PRIMAL_TOL * (1 + fabs(l)) : -INFINITY;
    D->tu[i] = has_hi(t) ? u + PRIMAL_TOL * (1 + fabs(u)) : INFINITY;
}

static void all_position_bounds(lp_dual *D, const lpd_lp *lp)
{
    for (int i = 1; i <= D->m; i++)
        position_bounds(D, lp, i, D->head[i]);
}

/* ---- from scratch: duals and statuses, values ---- */

/* y = B^-T c_B, d = c - y' (I | -A) for every nonbasic variable. */
static void duals(lp_dual *D, const lpd_lp *lp, glp_prob *P)
{
    int m = D->m, mn = m + D->n;
    double *y = D->rho;
    for (int i = 1; i <= m; i++)
        y[i] = cost_of(lp, D->head[i]);
    btran(D, P, y);
    for (int k = 1; k <= mn; k++)
        D->d[k] = D->stat[k] == GLP_BS ? 0.0 : cost_of(lp, k) - dot_col(lp, y, k);
    D->dfresh = 1;
}

/* Nonbasic variable k's status fitted to its bound type and, boxed, to
 * the sign of its reduced cost (which makes it dual feasible wherever a
 * flip can). Returns 0 when it stays dual infeasible. */
static int fit_status(lp_dual *D, const lpd_lp *lp, int k)
{
    int st = D->stat[k];
    if (st == GLP_NS && lp->type[k] != GLP_FX)
        D->d[k] = lpd_reduced_cost(D, lp, k); /* a fixed column opened */
    double d = D->d[k], tol = DUAL_TOL * (1 + fabs(cost_of(lp, k)));
    switch (lp->type[k]) {
    case GLP_FX:
        st = GLP_NS;
        break;
    case GLP_DB:
        if (d < -tol)
            st = GLP_NU;
        else if (d > tol || (st != GLP_NL && st != GLP_NU))
            st = GLP_NL;
        break;
    case GLP_LO:
        st = GLP_NL;
        if (d < -tol)
            return 0;
        break;
    case GLP_UP:
        st = GLP_NU;
        if (d > tol)
            return 0;
        break;
    default: /* free */
        st = GLP_NF;
        if (fabs(d) > tol)
            return 0;
    }
    D->stat[k] = (unsigned char)st;
    return 1;
}

static int fit_statuses(lp_dual *D, const lpd_lp *lp)
{
    for (int k = 1; k <= D->m + D->n; k++)
        if (D->stat[k] != GLP_BS && !fit_status(D, lp, k))
            return 0;
    return 1;
}

/* x_N at its bounds, x_B = B^-1 (-N x_N). */
static void values(lp_dual *D, const lpd_lp *lp, glp_prob *P)
{
    int m = D->m, mn = m + D->n;
    double *r = D->xb;
    memset(r + 1, 0, (size_t)m * sizeof *r);
    for (int k = 1; k <= mn; k++) {
        if (D->stat[k] == GLP_BS)
            continue;
        double v = bound_of(lp, k, D->stat[k]);
        D->x[k] = v;
        if (v != 0)
            add_col(lp, r, k, -v);
    }
    ftran(D, P, r);
    for (int i = 1; i <= m; i++)
        D->x[D->head[i]] = r[i];
    D->xfresh = 1;
}

/* The values after nonbasic variables moved: those of list[0..count-1]
 * (all variables when list is NULL) fitted and put at their bound, and
 * x_B -= B^-1 (sum a_k dx_k). Returns 0 when a status stays dual
 * infeasible. */
static int move_values(lp_dual *D, const lpd_lp *lp, glp_prob *P, const int *list, int count)
{
    int m = D->m, moved = 0;
    double *v = D->w;
    memset(v + 1, 0, (size_t)m * sizeof *v);
    for (int t = 0; t < count; t++) {
        int k = list ? list[t] : t + 1;
        if (D->stat[k] == GLP_BS)
            continue;
        if (!fit_status(D, lp, k))
            return 0;
        double x = bound_of(lp, k, D->stat[k]), dx = x - D->x[k];
        if (dx != 0) {
            add_col(lp, v, k, dx);
            D->x[k] = x;
            moved = 1;
        }
    }
    if (moved) {
        ftran(D, P, v);
        for (int i = 1; i <= m; i++) {
            D->xb[i] -= v[i];
            D->x[D->head[i]] = D->xb[i];
        }
    }
    return 1;
}

/* The leaving position: the basic variable farthest outside its bounds
 * (Dantzig), beyond the primal tolerance; 0 when the basis is primal
 * feasible. *delta gets the distance (< 0 below, > 0 above). */
static int leaving(const lp_dual *D, double *delta)
{
    int r = 0;
    double best = 0;
    const double *xb = D->xb;
    for (int i = 1; i <= D->m; i++) {
        double v = xb[i], o;
        if (v < D->tl[i])
            o = D->pl[i] - v;
        else if (v > D->tu[i])
            o = v - D->pu[i];
        else
            continue;
        if (o > best) {
            best = o, r = i;
            *delta = v < D->tl[i] ? -o : o;
        }
    }
    return r;
}

/* ---- one pivot ---- */

/* The pivot row alpha_k = rho' a_k of the nonbasic variables, from the
 * rows where rho is not zero; the variables reached go to touched (marked),
 * their count returned. */
static int pivot_row(lp_dual *D, const lpd_lp *lp)
{
    int m = D->m, nt = 0;
    const double *rho = D->rho;
    double *alpha = D->alpha;
    for (int i = 1; i <= m; i++) {
        double ri = rho[i];
        if (ri == 0)
            continue;
        if (D->stat[i] != GLP_BS && !D->mark[i])
            D->mark[i] = 1, alpha[i] = 0, D->touched[nt++] = i;
        if (D->stat[i] != GLP_BS)
            alpha[i] += ri;
        for (int e = D->rp[i]; e < D->rp[i + 1]; e++) {
            int k = m + D->rc[e];
            if (D->stat[k] == GLP_BS || D->stat[k] == GLP_NS)
                continue; /* a fixed column never enters (lpd_reduced_cost) */
            if (!D->mark[k])
                D->mark[k] = 1, alpha[k] = 0, D->touched[nt++] = k;
            alpha[k] -= ri * lp->cv[D->rce[e]];
        }
    }
    for (int t = 0; t < nt; t++)
        D->mark[D->touched[t]] = 0;
    return nt;
}

/* A binary min-heap h[0..n-1] of candidate numbers by key[c]. */
static void heap_down(int *h, int n, int i, const double *key)
{
    for (;;) {
        int l = 2 * i + 1, m = i;
        if (l < n && key[h[l]] < key[h[m]])
            m = l;
        if (l + 1 < n && key[h[l + 1]] < key[h[m]])
            m = l + 1;
        if (m == i)
            return;
        int t = h[i];
        h[i] = h[m], h[m] = t, i = m;
    }
}

static void heap_push(int *h, int *n, int c, const double *key)
{
    int i = (*n)++;
    h[i] = c;
    while (i > 0 && key[h[(i - 1) / 2]] > key[h[i]]) {
        int p = (i - 1) / 2, t = h[i];
        h[i] = h[p], h[p] = t, i = p;
    }
}

static int heap_pop(int *h, int *n, const double *key)
{
    int c = h[0];
    h[0] = h[--*n];
    heap_down(h, *n, 0, key);
    return c;
}

/* The next breakpoint of the ratio test: the smallest, and of those within
 * 1e-12 relative of it the one with the largest |alpha| (then the lowest
 * variable), the rest of them back into the heap. */
static int next_breakpoint(lp_dual *D, int *nh)
{
    const double *key = D->ratio;
    int c0 = heap_pop(D->heap, nh, key), g = 0;
    double t0 = key[c0];
    D->tie[g++] = c0;
    while (*nh > 0 && key[D->heap[0]] <= t0 + 1e-12 * (1 + t0))
        D->tie[g++] = heap_pop(D->heap, nh, key);
    int b = 0;
    for (int i = 1; i < g; i++) {
        int kb = D->cand[D->tie[b]], ki = D->cand[D->tie[i]];
        double ab = fabs(D->alpha[kb]), ai = fabs(D->alpha[ki]);
        if (ai > ab || (ai == ab && ki < kb))
            b = i;
    }
    for (int i = 0; i < g; i++)
        if (i != b)
            heap_push(D->heap, nh, D->tie[i], key);
    return D->tie[b];
}

/* The pivot on position r, whose variable lies delta outside its bounds.
 * Returns 1 done, 0 when it hands over (no entering variable: the LP is
 * primal infeasible, or numerical trouble, or the eta file full). */
static int pivot(lp_dual *D, const lpd_lp *lp, glp_prob *P, int r, double delta)
{
    int m = D->m, p = D->head[r];
    /* sigma -1: p leaves to its lower bound (its reduced cost must become
     * >= 0, the duals move by -theta rho), +1 to its upper bound */
    double sigma = delta < 0 ? -1.0 : 1.0;
    double *rho = D->rho, *alpha = D->alpha;
    memset(rho + 1, 0, (size_t)m * sizeof *rho);
    rho[r] = 1;
    btran(D, P, rho);
    int nt = pivot_row(D, lp);
    /* the candidates: a nonbasic variable whose reduced cost moves toward
     * the wrong sign as the duals move, and its breakpoint */
    int nc = 0;
    for (int t = 0; t < nt; t++) {
        int k = D->touched[t], st = D->stat[k];
        double a = alpha[k], sa = sigma * a;
        if (st == GLP_NS || fabs(a) < PIVOT_TOL)
            continue;
        if ((st == GLP_NL && sa > 0) || (st == GLP_NU && sa < 0) || st == GLP_NF) {
            double b = D->d[k] / sa;
            D->ratio[nc] = b > 0 ? b : 0;
            D->cand[nc++] = k;
        }
    }
    /* bound-flipping ratio test: the breakpoints in increasing order (a
     * heap); a boxed one is passed (its variable flips to its other bound)
     * while the slope of the dual objective, |delta| at first, stays
     * positive */
    double slope = fabs(delta), theta = 0;
    int q = 0, nh = 0, nflip = 0;
    /* no breakpoint beyond the first column that cannot flip (and its
     * ties) is ever reached: only those up to it go into the heap */
    double tmax = INFINITY;
    for (int c = 0; c < nc; c++)
        if (lp->type[D->cand[c]] != GLP_DB && D->ratio[c] < tmax)
            tmax = D->ratio[c];
    tmax += 1e-12 * (1 + tmax);
    for (int c = 0; c < nc; c++)
        if (D->ratio[c] <= tmax)
            D->heap[nh++] = c;
    for (int i = nh / 2 - 1; i >= 0; i--)
        heap_down(D->heap, nh, i, D->ratio);
    while (nh > 0) {
        int c = next_breakpoint(D, &nh), k = D->cand[c];
        double a = fabs(alpha[k]), range = lp->hi[k] - lp->lo[k];
        theta = D->ratio[c];
        if (lp->type[k] == GLP_DB && slope - a * range > 0) {
            slope -= a * range; /* passed: flipped below */
            D->flip[nflip++] = k;
            continue;
        }
        q = k;
        break;
    }
    if (!q)
        return 0; /* dual unbounded: primal infeasible, GLPK says so */
    /* the entering column, B^-1 a_q; its entry r is the pivot */
    double *w = D->w;
    memset(w + 1, 0, (size_t)m * sizeof *w);
    add_col(lp, w, q, 1.0);
    ftran(D, P, w);
    if (fabs(w[r]) < PIVOT_TOL ||
        fabs(w[r] - alpha[q]) > AGREE_TOL * (1 + fabs(alpha[q])) || !add_eta(D, r, w))
        return 0;
    /* duals: d_k -= sigma theta alpha_k; the leaving variable gets
     * -sigma theta, the entering 0 */
    for (int t = 0; t < nt; t++) {
        int k = D->touched[t];
        D->d[k] -= sigma * theta * alpha[k];
    }
    D->d[p] = -sigma * theta;
    D->d[q] = 0;
    /* flips: each passed variable to its other bound; the basic values
     * follow, x_B -= B^-1 (sum a_k dx_k), with B before this pivot (the
     * eta just added is the last in the file: undone here) */
    if (nflip > 0) {
        double *v = D->rho; /* rho is done with */
        memset(v + 1, 0, (size_t)m * sizeof *v);
        for (int f = 0; f < nflip; f++) {
            int k = D->flip[f];
            double dx = D->stat[k] == GLP_NL ? lp->hi[k] - lp->lo[k] : lp->lo[k] - lp->hi[k];
            D->stat[k] = D->stat[k] == GLP_NL ? GLP_NU : GLP_NL;
            D->x[k] += dx;
            add_col(lp, v, k, dx);
        }
        D->neta--;
        ftran(D, P, v);
        D->neta++;
        for (int i = 1; i <= m; i++)
            D->xb[i] -= v[i];
    }
    double target = sigma < 0 ? lp->lo[p] : lp->hi[p];
    double tp = (D->xb[r] - target) / w[r];
    for (int i = 1; i <= m; i++)
        D->xb[i] -= tp * w[i];
    D->x[q] += tp;
    D->xb[r] = D->x[q];
    D->x[p] = target;
    D->stat[p] = (unsigned char)(lp->type[p] == GLP_FX ? GLP_NS : sigma < 0 ? GLP_NL : GLP_NU);
    D->stat[q] = GLP_BS;
    D->head[r] = q;
    position_bounds(D, lp, r, q);
    D->ein[D->neta - 1] = q, D->eout[D->neta - 1] = p;
    D->pivots++;
    return 1;
}

/* A long eta file goes into a fresh factorization of GLPK's: P learns the
 * variables that entered and left since its last factorization (which
 * variables are basic is all a factorization needs; GLPK fits a status to
 * its bound type itself), and its basis header gives the new positions.
 * Values and reduced costs are recomputed by the caller. */
static int refactorize(lp_dual *D, glp_prob *P)
{
    int m = D->m;
    for (int e = 0; e < D->neta; e++)
        for (int side = 0; side < 2; side++) {
            int k = side ? D->ein[e] : D->eout[e];
            if (k <= m)
                glp_set_row_stat(P, k, D->stat[k]);
            else
                glp_set_col_stat(P, k - m, D->stat[k]);
        }
    if (glp_factorize(P) != 0) {
        D->valid = 0;
        return 0;
    }
    take_header(D, P);
    return 1;
}

static int eta_full(const lp_dual *D)
{
    return D->neta >= ETA_MAX / 2 || D->es[D->neta] > D->cap / 2;
}

void lpd_costs_changed(lp_dual *D)
{
    D->dfresh = 0;
}

void lpd_bounds_changed(lp_dual *D, int k)
{
    if (D->dmark[k])
        return;
    D->dmark[k] = 1;
    D->dirty[D->ndirty++] = k;
}

static void clear_dirty(lp_dual *D)
{
    for (int t = 0; t < D->ndirty; t++)
        D->dmark[D->dirty[t]] = 0;
    D->ndirty = 0;
}

/* The start of a solve: reduced costs afresh when costs moved, statuses
 * fitted, values; values that stand are moved by the columns that moved
 * (the bounds changed, or a status that new costs flipped) in one FTRAN. */
static int start(lp_dual *D, const lpd_lp *lp, glp_prob *P)
{
    int costs = !D->dfresh;
    if (costs)
        duals(D, lp, P);
    if (!D->xfresh) {
        if (!fit_statuses(D, lp))
            return 0;
        values(D, lp, P);
        return 1;
    }
    return costs ? move_values(D, lp, P, NULL, D->m + D->n)
                 : move_values(D, lp, P, D->dirty, D->ndirty);
}

int lpd_solve(lp_dual *D, const lpd_lp *lp, glp_prob *P, int max_pivots)
{
    D->pivots = 0;
    if (!D->valid || !glp_bf_exists(P)) {
        clear_dirty(D);
        return LPD_HAND_OVER;
    }
    int ok = (!eta_full(D) || refactorize(D, P)) && start(D, lp, P);
    clear_dirty(D);
    if (!ok)
        return LPD_HAND_OVER;
    all_position_bounds(D, lp);
    double delta = 0;
    int r = leaving(D, &delta);
    if (!r)
        return LPD_OPTIMAL;
    /* pivots until the values kept along say feasible, then the values
     * from scratch to confirm (drifted values go on pivoting); the reduced
     * costs kept along are those of the basis reached (afresh at each
     * refactorization) */
    for (;;) {
        do {
            if (D->pivots >= max_pivots)
                return LPD_HAND_OVER;
            if (eta_full(D)) {
                if (!refactorize(D, P))
                    return LPD_HAND_OVER;
                all_position_bounds(D, lp);
                duals(D, lp, P);
                if (!fit_statuses(D, lp))
                    return LPD_HAND_OVER;
                values(D, lp, P);
                r = leaving(D, &delta);
                if (!r)
                    break;
            }
            if (!pivot(D, lp, P, r, delta))
                return LPD_HAND_OVER;
            r = leaving(D, &delta);
        } while (r);
        values(D, lp, P);
        r = leaving(D, &delta);
        if (!r)
            return LPD_OPTIMAL;
    }
}
