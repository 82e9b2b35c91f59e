/* dispatch.c: the daily linear programme (GLPK), built once and warm-started
 * every gas day; curtailment stages on days with unserved demand. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "dispatch.h"
#include "gasdep/gasdep.h"

/* Tiny costs (EUR/MWh) that rule out circulation in loops and same-day
 * injection plus withdrawal, without changing any real decision. */
#define EPS_TARIFF 1e-4
#define EPS_STORAGE 1e-4
#define TOL_UNSERVED 1e-7 /* mcm */
#define MAX_FAIR_ROUNDS 30

struct dispatch {
    glp_prob *lp;
    glp_smcp smcp;
    glp_iocp iocp;
    int national_first;
    /* first column / row of each block (GLPK is 1-based) */
    int c_src, c_mt, c_slot, c_fwd, c_rev, c_inj, c_wd, c_def, c_uns, c_phi,
        c_y, ncols;
    int r_bal, r_mt, r_lng, r_def, r_coop, r_tot, r_nfo, r_nfu, nrows;
    int *ocap_row; /* per origin; 0 where unlimited */
    double *obj;   /* cost coefficients, to restore after fairness stages */
    double *big_out, *big_dem; /* national-first big-M per region */
    int *is_free;
    int use_mip; /* solution to read: 0 simplex, 1 MIP */
};

static void col(struct dispatch *lp, int j, double cost)
{
    glp_set_col_bnds(lp->lp, j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp->lp, j, cost);
    lp->obj[j] = cost;
}

typedef struct triplets {
    int *ia, *ja;
    double *ar;
    int n, cap;
} triplets;

static int put(triplets *t, int i, int j, double v)
{
    if (t->n + 1 >= t->cap) {
        int cap = t->cap ? 2 * t->cap : 1024;
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

void dispatch_destroy(struct dispatch *lp)
{
    if (!lp)
        return;
    if (lp->lp)
        glp_delete_prob(lp->lp);
    free(lp->ocap_row);
    free(lp->obj);
    free(lp->big_out);
    free(lp->big_dem);
    free(lp->is_free);
    free(lp);
}

struct dispatch *dispatch_create(const net *n, const scenario_el *sc)
{
    struct dispatch *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    glp_term_out(GLP_OFF);
    lp->national_first = sc->curtailment == CURT_NATIONAL_FIRST;
    int R = n->n_regions;
    /* column blocks */
    int c = 1;
    lp->c_src = c, c += n->n_src;
    lp->c_mt = c, c += n->n_src;
    lp->c_slot = c, c += n->n_slots;
    lp->c_fwd = c, c += n->n_pipe;
    lp->c_rev = c, c += n->n_pipe;
    lp->c_inj = c, c += n->n_sto;
    lp->c_wd = c, c += n->n_sto;
    lp->c_def = c, c += n->n_sto;
    lp->c_uns = c, c += R;
    lp->c_phi = c, c += 1;
    lp->c_y = c, c += lp->national_first ? R : 0;
    lp->ncols = c - 1;
    /* row blocks */
    int r = 1;
    lp->r_bal = r, r += n->n_nodes;
    lp->r_mt = r, r += n->n_src;
    lp->r_lng = r, r += n->n_lng;
    lp->ocap_row = calloc((size_t)n->n_origins + 1, sizeof *lp->ocap_row);
    if (!lp->ocap_row)
        goto fail;
    for (int o = 0; o < n->n_origins; o++)
        if (n->origin_cap[o] >= 0)
            lp->ocap_row[o] = r++;
    lp->r_def = r, r += n->n_sto;
    lp->r_coop = r, r += R;
    lp->r_tot = r, r += 1;
    lp->r_nfo = r, r += lp->national_first ? R : 0;
    lp->r_nfu = r, r += lp->national_first ? R : 0;
    lp->nrows = r - 1;

    lp->obj = calloc((size_t)lp->ncols + 1, sizeof *lp->obj);
    lp->big_out = calloc((size_t)R + 1, sizeof *lp->big_out);
    lp->big_dem = calloc((size_t)R + 1, sizeof *lp->big_dem);
    lp->is_free = calloc((size_t)R + 1, sizeof *lp->is_free);
    lp->lp = glp_create_prob();
    if (!lp->obj || !lp->big_out || !lp->big_dem || !lp->is_free || !lp->lp)
        goto fail;
    glp_set_obj_dir(lp->lp, GLP_MIN);
    glp_add_cols(lp->lp, lp->ncols);
    glp_add_rows(lp->lp, lp->nrows);
    double g = n->gwh_per_mcm; /* EUR/MWh x GWh/mcm = kEUR per mcm */

    triplets t = {0};
    int bad = 0;
    for (int i = 0; i < n->n_src; i++) {
        int o = n->src_origin[i];
        col(lp, lp->c_src + i, n->src_cost[i] * g);
        bad |= put(&t, lp->r_bal + n->src_node[i], lp->c_src + i, 1.0);
        bad |= put(&t, lp->r_mt + i, lp->c_src + i, 1.0);
        if (lp->ocap_row[o])
            bad |= put(&t, lp->ocap_row[o], lp->c_src + i, 1.0);
        col(lp, lp->c_mt + i, sc->min_take_penalty * g);
        bad |= put(&t, lp->r_mt + i, lp->c_mt + i, 1.0);
    }
    for (int s = 0; s < n->n_slots; s++) {
        int k = n->slot_lng[s], o = n->slot_origin[s];
        col(lp, lp->c_slot + s, n->slot_cost[s] * g);
        bad |= put(&t, lp->r_bal + n->lng_node[k], lp->c_slot + s, 1.0);
        bad |= put(&t, lp->r_lng + k, lp->c_slot + s, 1.0);
        if (lp->ocap_row[o])
            bad |= put(&t, lp->ocap_row[o], lp->c_slot + s, 1.0);
    }
    for (int p = 0; p < n->n_pipe; p++) {
        int a = n->pipe_from[p], b = n->pipe_to[p];
        double keep = 1.0 - n->pipe_loss[p];
        double cost = (n->pipe_tariff[p] + EPS_TARIFF) * g;
        col(lp, lp->c_fwd + p, cost);
        col(lp, lp->c_rev + p, cost);
        bad |= put(&t, lp->r_bal + a, lp->c_fwd + p, -1.0);
        bad |= put(&t, lp->r_bal + b, lp->c_fwd + p, keep);
        bad |= put(&t, lp->r_bal + b, lp->c_rev + p, -1.0);
        bad |= put(&t, lp->r_bal + a, lp->c_rev + p, keep);
        if (lp->national_first) {
            int ra = n->node_region[a], rb = n->node_region[b];
            if (ra >= 0) {
                bad |= put(&t, lp->r_nfo + ra, lp->c_fwd + p, 1.0);
                lp->big_out[ra] += 2.0 * n->pipe_cap[p] + 1.0;
            }
            if (rb >= 0) {
                bad |= put(&t, lp->r_nfo + rb, lp->c_rev + p, 1.0);
                lp->big_out[rb] += 2.0 * n->pipe_rev[p] + 1.0;
            }
        }
    }
    for (int k = 0; k < n->n_sto; k++) {
        int nd = n->sto_node[k];
        col(lp, lp->c_inj + k, (n->sto_icost[k] + EPS_STORAGE) * g);
        col(lp, lp->c_wd + k, (n->sto_wcost[k] + EPS_STORAGE) * g);
        col(lp, lp->c_def + k, sc->target_penalty * g);
        bad |= put(&t, lp->r_bal + nd, lp->c_inj + k, -1.0);
        bad |= put(&t, lp->r_bal + nd, lp->c_wd + k, 1.0);
        bad |= put(&t, lp->r_def + k, lp->c_inj + k, 1.0);
        bad |= put(&t, lp->r_def + k, lp->c_wd + k, -1.0);
        bad |= put(&t, lp->r_def + k, lp->c_def + k, 1.0);
    }
    for (int q = 0; q < R; q++) {
        int j = lp->c_uns + q;
        col(lp, j, sc->voll * g);
        bad |= put(&t, lp->r_bal + n->region_node[q], j, 1.0);
        bad |= put(&t, lp->r_coop + q, j, 1.0);
        bad |= put(&t, lp->r_coop + q, lp->c_phi, -1.0); /* scaled per day */
        bad |= put(&t, lp->r_tot, j, 1.0);
        if (lp->national_first) {
            /* out_r <= M (1 - y_r) and u_r <= M' y_r: a short region exports
             * nothing. Constant big-M keeps the matrix fixed day to day. */
            lp->big_dem[q] = 3.0 * n->reg_peak[q] + 10.0 * n->reg_mean[q] + 1.0;
            bad |= put(&t, lp->r_nfu + q, j, 1.0);
            bad |= put(&t, lp->r_nfu + q, lp->c_y + q, -lp->big_dem[q]);
            bad |= put(&t, lp->r_nfo + q, lp->c_y + q, lp->big_out[q] + 1.0);
            lp->big_out[q] += 1.0;
            col(lp, lp->c_y + q, 0.0);
            glp_set_col_bnds(lp->lp, lp->c_y + q, GLP_DB, 0.0, 1.0);
        }
    }
    col(lp, lp->c_phi, 0.0);
    glp_set_col_bnds(lp->lp, lp->c_phi, GLP_DB, 0.0, 1.0);
    if (bad) {
        free(t.ia), free(t.ja), free(t.ar);
        goto fail;
    }
    glp_load_matrix(lp->lp, t.n, t.ia, t.ja, t.ar);
    free(t.ia), free(t.ja), free(t.ar);
    for (int i = 1; i <= lp->nrows; i++)
        glp_set_row_bnds(lp->lp, i, GLP_FR, 0.0, 0.0);
    for (int o = 0; o < n->n_origins; o++)
        if (lp->ocap_row[o])
            glp_set_row_bnds(lp->lp, lp->ocap_row[o], GLP_UP, 0.0,
                             n->origin_cap[o]);
    glp_init_smcp(&lp->smcp);
    lp->smcp.msg_lev = GLP_MSG_OFF;
    lp->smcp.meth = GLP_DUALP;
    lp->smcp.presolve = GLP_OFF;
    /* Dantzig pricing: measured 4x faster than projected steepest edge on
     * these small, warm-started daily LPs (bench/, synthetic-40) */
    lp->smcp.pricing = GLP_PT_STD;
    /* a degenerate warm start can stall the simplex; give up early and
     * restart from a fresh basis instead (see simplex_meth) */
    lp->smcp.it_lim = 5000 + 20 * (lp->nrows + lp->ncols);
    glp_init_iocp(&lp->iocp);
    lp->iocp.msg_lev = GLP_MSG_OFF;
    lp->iocp.presolve = GLP_OFF;
    lp->iocp.tm_lim = 10000; /* ms; national-first MIPs are small */
    glp_adv_basis(lp->lp, 0);
    return lp;
fail:
    dispatch_destroy(lp);
    return NULL;
}

static void ub(glp_prob *P, int j, double hi)
{
    if (hi > 1e-12)
        glp_set_col_bnds(P, j, GLP_DB, 0.0, hi);
    else
        glp_set_col_bnds(P, j, GLP_FX, 0.0, 0.0);
}

/* Set the day's bounds from the capacities in d. */
static void set_bounds(struct dispatch *lp, const net *n, const day_state *d)
{
    glp_prob *P = lp->lp;
    for (int i = 0; i < n->n_nodes; i++) {
        int q = n->node_region[i];
        double dem = q >= 0 ? d->demand[q] : 0.0;
        glp_set_row_bnds(P, lp->r_bal + i, GLP_FX, dem, dem);
    }
    for (int i = 0; i < n->n_src; i++) {
        double cap = d->src_cap[i];
        ub(P, lp->c_src + i, cap);
        double mt = d->src_min[i] < cap ? d->src_min[i] : cap;
        glp_set_row_bnds(P, lp->r_mt + i, GLP_LO, mt, 0.0);
    }
    for (int s = 0; s < n->n_slots; s++)
        ub(P, lp->c_slot + s, d->slot_cap[s]);
    for (int k = 0; k < n->n_lng; k++)
        glp_set_row_bnds(P, lp->r_lng + k, GLP_UP, 0.0, d->lng_cap[k]);
    for (int p = 0; p < n->n_pipe; p++) {
        ub(P, lp->c_fwd + p, d->pipe_cap[p]);
        ub(P, lp->c_rev + p, d->pipe_rev[p]);
    }
    for (int k = 0; k < n->n_sto; k++) {
        ub(P, lp->c_inj + k, d->sto_inj_max[k]);
        ub(P, lp->c_wd + k, d->sto_wd_max[k]);
        /* inv + inj - wd + def >= path  <=>  inj - wd + def >= path - inv */
        glp_set_row_bnds(P, lp->r_def + k, GLP_LO,
                         d->sto_min_end[k] - d->sto_inv[k], 0.0);
    }
    for (int q = 0; q < n->n_regions; q++)
        ub(P, lp->c_uns + q, d->demand[q]);
    for (int o = 0; o < n->n_origins; o++)
        if (lp->ocap_row[o])
            glp_set_row_bnds(P, lp->ocap_row[o], GLP_UP, 0.0,
                             n->origin_cap[o] * d->origin_f[o]);
}

static int simplex_meth(struct dispatch *lp, int meth)
{
    glp_smcp parm = lp->smcp;
    parm.meth = meth;
    int rc = glp_simplex(lp->lp, &parm);
    if (rc != 0 || glp_get_status(lp->lp) != GLP_OPT) {
        /* a stale basis can stall the warm start: rebuild and go primal */
        glp_adv_basis(lp->lp, 0);
        glp_smcp s = lp->smcp;
        s.meth = GLP_PRIMAL;
        rc = glp_simplex(lp->lp, &s);
    }
    return rc == 0 && glp_get_status(lp->lp) == GLP_OPT ? 0 : -1;
}

/* Day to day only bounds change: the old basis stays dual feasible, so the
 * dual simplex warm-starts well. Curtailment stages change the objective:
 * there the primal simplex is the natural choice. */
static int simplex(struct dispatch *lp)
{
    return simplex_meth(lp, GLP_DUALP);
}

static double val(const struct dispatch *lp, int j)
{
    return lp->use_mip ? glp_mip_col_val(lp->lp, j) : glp_get_col_prim(lp->lp, j);
}

static double clamp0(double x)
{
    return x < 0 ? 0 : x;
}

static void read_solution(struct dispatch *lp, const net *n, day_state *d)
{
    double missed = 0.0;
    for (int i = 0; i < n->n_src; i++) {
        d->src[i] = clamp0(val(lp, lp->c_src + i));
        missed += clamp0(val(lp, lp->c_mt + i));
    }
    d->min_take_missed = missed;
    for (int s = 0; s < n->n_slots; s++)
        d->slot[s] = clamp0(val(lp, lp->c_slot + s));
    for (int p = 0; p < n->n_pipe; p++) {
        d->fwd[p] = clamp0(val(lp, lp->c_fwd + p));
        d->rev[p] = clamp0(val(lp, lp->c_rev + p));
    }
    for (int k = 0; k < n->n_sto; k++) {
        d->inj[k] = clamp0(val(lp, lp->c_inj + k));
        d->wd[k] = clamp0(val(lp, lp->c_wd + k));
    }
    for (int q = 0; q < n->n_regions; q++) {
        double u = clamp0(val(lp, lp->c_uns + q));
        d->unserved[q] = u > d->demand[q] ? d->demand[q] : u;
    }
}

static void set_objective(struct dispatch *lp, int fairness)
{
    for (int j = 1; j <= lp->ncols; j++)
        glp_set_obj_coef(lp->lp, j, fairness ? 0.0 : lp->obj[j]);
    glp_set_obj_coef(lp->lp, lp->c_phi, fairness ? 1.0 : 0.0);
}

/* Lexicographic max-min sharing of a shortage: minimise the largest unserved
 * fraction with the total unserved held at its minimum; fix the regions that
 * cannot do better (non-zero dual), repeat for the rest; then least cost. */
static int cooperative(struct dispatch *lp, const net *n, day_state *d,
                       double total)
{
    glp_prob *P = lp->lp;
    int R = n->n_regions, nfree = 0;
    /* slack for the simplex tolerances (1e-7 relative in GLPK) */
    glp_set_row_bnds(P, lp->r_tot, GLP_UP, 0.0, total * (1 + 1e-6) + 1e-6);
    for (int q = 0; q < R; q++) {
        lp->is_free[q] = d->demand[q] > 0;
        if (!lp->is_free[q])
            continue;
        nfree++;
        int ind[3] = {0, lp->c_uns + q, lp->c_phi};
        double v[3] = {0, 1.0, -d->demand[q]};
        glp_set_mat_row(P, lp->r_coop + q, 2, ind, v);
        glp_set_row_bnds(P, lp->r_coop + q, GLP_UP, 0.0, 0.0);
    }
    set_objective(lp, 1);
    double phi = 1.0;
    int ok = 1;
    for (int round = 0; round < MAX_FAIR_ROUNDS && nfree > 0; round++) {
        d->lp_stages++;
        if (simplex_meth(lp, GLP_PRIMAL)) {
            ok = 0;
            break;
        }
        phi = glp_get_col_prim(P, lp->c_phi);
        if (phi < 0)
            phi = 0;
        if (phi <= 1e-12)
            break;
        int fixed = 0;
        for (int pass = 0; pass < 2 && !fixed; pass++)
            for (int q = 0; q < R; q++) {
                if (!lp->is_free[q])
                    continue;
                int blocked = pass == 0
                                  ? fabs(glp_get_row_dual(P, lp->r_coop + q)) > 1e-9
                                  : glp_get_col_prim(P, lp->c_uns + q) >=
                                        phi * d->demand[q] - 1e-9;
                if (!blocked)
                    continue;
                lp->is_free[q] = 0;
                nfree--;
                fixed++;
                glp_set_row_bnds(P, lp->r_coop + q, GLP_FR, 0.0, 0.0);
                ub(P, lp->c_uns + q, phi * d->demand[q] * (1 + 1e-7) + 1e-7);
            }
        if (!fixed)
            break;
    }
    if (ok) {
        ub(P, lp->c_phi, phi * (1 + 1e-7) + 1e-9);
        set_objective(lp, 0);
        d->lp_stages++;
        if (simplex_meth(lp, GLP_PRIMAL))
            ok = 0;
        else
            read_solution(lp, n, d);
    }
    set_objective(lp, 0);
    for (int q = 0; q < R; q++)
        glp_set_row_bnds(P, lp->r_coop + q, GLP_FR, 0.0, 0.0);
    glp_set_row_bnds(P, lp->r_tot, GLP_FR, 0.0, 0.0);
    glp_set_col_bnds(P, lp->c_phi, GLP_DB, 0.0, 1.0);
    return ok ? 0 : -1;
}

/* National first: on shortage days a region with unserved demand exports
 * nothing (binary y_r per region, solved as a small MIP). */
static int national_first(struct dispatch *lp, const net *n, day_state *d)
{
    glp_prob *P = lp->lp;
    int R = n->n_regions;
    /* big-M of each region's exports from the day's capacities, which
     * events may have raised above the declared ones */
    for (int q = 0; q < R; q++)
        lp->big_out[q] = 1.0;
    for (int p = 0; p < n->n_pipe; p++) {
        int ra = n->node_region[n->pipe_from[p]], rb = n->node_region[n->pipe_to[p]];
        if (ra >= 0)
            lp->big_out[ra] += d->pipe_cap[p];
        if (rb >= 0)
            lp->big_out[rb] += d->pipe_rev[p];
    }
    for (int q = 0; q < R; q++) {
        int ind[3] = {0, lp->r_nfo + q, lp->r_nfu + q};
        double v[3] = {0, lp->big_out[q], -d->demand[q]};
        glp_set_mat_col(P, lp->c_y + q, 2, ind, v);
        glp_set_col_kind(P, lp->c_y + q, GLP_BV);
        glp_set_row_bnds(P, lp->r_nfo + q, GLP_UP, 0.0, lp->big_out[q]);
        glp_set_row_bnds(P, lp->r_nfu + q, GLP_UP, 0.0, 0.0);
    }
    int ok = 0;
    d->lp_stages += 2;
    if (simplex(lp) == 0) {
        int rc = glp_intopt(P, &lp->iocp);
        int st = glp_mip_status(P);
        if (rc == 0 && (st == GLP_OPT || st == GLP_FEAS)) {
            lp->use_mip = 1;
            read_solution(lp, n, d);
            lp->use_mip = 0;
            ok = 1;
        }
    }
    for (int q = 0; q < R; q++) {
        glp_set_col_kind(P, lp->c_y + q, GLP_CV);
        glp_set_col_bnds(P, lp->c_y + q, GLP_DB, 0.0, 1.0);
        glp_set_row_bnds(P, lp->r_nfo + q, GLP_FR, 0.0, 0.0);
        glp_set_row_bnds(P, lp->r_nfu + q, GLP_FR, 0.0, 0.0);
    }
    return ok ? 0 : -1;
}

int dispatch_solve(struct dispatch *lp, const net *n, day_state *d,
                   int curtailment, char *why, size_t whylen)
{
    set_bounds(lp, n, d);
    d->lp_stages = 1;
    if (simplex(lp)) {
        snprintf(why, whylen, "GLPK simplex: status %d",
                 glp_get_status(lp->lp));
        return GASDEP_ESOLVER;
    }
    read_solution(lp, n, d);
    for (int q = 0; q < n->n_regions; q++)
        d->price[q] = glp_get_row_dual(lp->lp, lp->r_bal + n->region_node[q]) /
                      n->gwh_per_mcm;
    double total = 0.0;
    for (int q = 0; q < n->n_regions; q++)
        total += d->unserved[q];
    if (total <= TOL_UNSERVED || curtailment == CURT_LEAST_COST)
        return GASDEP_OK;
    int rc = curtailment == CURT_COOPERATIVE ? cooperative(lp, n, d, total)
                                             : national_first(lp, n, d);
    if (rc) {
        snprintf(why, whylen, "GLPK failed in the %s curtailment stage",
                 curtailment == CURT_COOPERATIVE ? "cooperative" : "national-first");
        return GASDEP_ESOLVER;
    }
    return GASDEP_OK;
}

void dispatch_thread_finish(void)
{
    glp_free_env();
}
