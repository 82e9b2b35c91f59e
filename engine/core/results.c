/* results.c: the day's results by area (regions and region groups), mass
 * balance check, run summaries and the N-1 indicator. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "gasdep/gasdep.h"

#define SHORT_EPS 1e-6 /* mcm: a day counts as short above this */

int results_alloc(summary *s, const net *n, arena *a)
{
    int A = n->area.count, G = n->origin.n_groups;
    ARENA_ALLOC(a, s->demand, A);
    ARENA_ALLOC(a, s->supplied, A);
    ARENA_ALLOC(a, s->unserved, A);
    ARENA_ALLOC(a, s->reduced, A);
    ARENA_ALLOC(a, s->min_fill, A);
    ARENA_ALLOC(a, s->peak_price, A);
    ARENA_ALLOC(a, s->n1, A);
    ARENA_ALLOC(a, s->days_short, A);
    ARENA_ALLOC(a, s->gsum, (size_t)A * G);
    ARENA_ALLOC(a, s->gmin, (size_t)A * G);
    ARENA_ALLOC(a, s->gmax, (size_t)A * G);
    ARENA_ALLOC(a, s->vsum, (size_t)A * n->corr.count);
    ARENA_ALLOC(a, s->vmin, (size_t)A * n->corr.count);
    ARENA_ALLOC(a, s->vmax, (size_t)A * n->corr.count);
    return GASDEP_OK;
}

void results_summary_reset(summary *s, const net *n)
{
    int A = n->area.count, G = n->origin.n_groups;
    for (int a = 0; a < A; a++) {
        s->demand[a] = s->supplied[a] = s->unserved[a] = s->reduced[a] = 0.0;
        s->min_fill[a] = NAN;
        s->peak_price[a] = -INFINITY;
        s->days_short[a] = 0;
    }
    for (int i = 0; i < A * G; i++) {
        s->gsum[i] = 0.0;
        s->gmin[i] = INFINITY;
        s->gmax[i] = -INFINITY;
    }
    for (int i = 0; i < A * n->corr.count; i++) {
        s->vsum[i] = 0.0;
        s->vmin[i] = INFINITY;
        s->vmax[i] = -INFINITY;
    }
}

/* One day's volume v of a supply of sup into a share's summary: the sum
 * (for the volume-weighted mean), the lowest and highest daily share. */
static void share_add(double *sum, double *mn, double *mx, double v, double sup)
{
    *sum += v;
    if (sup > 1e-9) {
        double sh = v / sup;
        if (sh < *mn)
            *mn = sh;
        if (sh > *mx)
            *mx = sh;
    }
}

/* Gas supplied to each area that has passed each corridor (mcm), and the
 * summaries of its share: volume-weighted mean, lowest, highest. */
static void results_via(summary *s, const net *n, day_state *d)
{
    int R = n->area.n_regions, A = n->area.count, C = n->corr.count;
    if (C == 0)
        return;
    memset(d->area_via, 0, (size_t)A * C * sizeof(double));
    for (int q = 0; q < R; q++) {
        double served = d->demand[q] - d->unserved[q] - d->reduced[q];
        const double *f = d->node_via + (size_t)n->area.node[q] * C;
        for (int c = 0; c < C; c++)
            d->area_via[(size_t)q * C + c] = served * f[c];
    }
    for (int a = R; a < A; a++)
        for (int j = n->area.member_first[a]; j < n->area.member_first[a + 1]; j++)
            for (int c = 0; c < C; c++)
                d->area_via[(size_t)a * C + c] +=
                    d->area_via[(size_t)n->area.members[j] * C + c];
    for (int a = 0; a < A; a++) {
        double sup = d->area_supplied[a];
        for (int c = 0; c < C; c++) {
            size_t i = (size_t)a * C + c;
            share_add(&s->vsum[i], &s->vmin[i], &s->vmax[i], d->area_via[i], sup);
        }
    }
}

void results_day(summary *s, const net *n, day_state *d)
{
    int R = n->area.n_regions, A = n->area.count, O = n->origin.count, G = n->origin.n_groups;

    /* regions */
    for (int a = 0; a < A; a++) {
        d->area_demand[a] = d->area_unserved[a] = d->area_reduced[a] = 0.0;
        d->area_storage[a] = d->area_volume[a] = d->area_target_vol[a] = 0.0;
        d->area_price[a] = 0.0;
    }
    memset(d->area_origin, 0, (size_t)A * O * sizeof(double));
    memset(d->area_group, 0, (size_t)A * G * sizeof(double));
    for (int k = 0; k < n->sto.count; k++) {
        int q = n->node.region[n->sto.node[k]];
        if (q < 0)
            continue;
        d->area_storage[q] += d->sto_inv[k];
        d->area_volume[q] += n->sto.vol[k];
        d->area_target_vol[q] += d->sto_target_fill[k] * n->sto.vol[k];
    }
    for (int q = 0; q < R; q++) {
        /* demand given up by demand blocks is neither served nor unserved */
        double served = d->demand[q] - d->unserved[q] - d->reduced[q];
        const double *x = d->node_mix + (size_t)n->area.node[q] * O;
        double *ao = d->area_origin + (size_t)q * O;
        for (int o = 0; o < O; o++)
            ao[o] = served * x[o];
        d->area_demand[q] = d->demand[q];
        d->area_unserved[q] = d->unserved[q];
        d->area_reduced[q] = d->reduced[q];
        d->area_price[q] = d->price[q];
    }
    /* groups: sums of their member regions, demand-weighted price */
    for (int a = R; a < A; a++) {
        double *ao = d->area_origin + (size_t)a * O;
        double wsum = 0.0, psum = 0.0;
        for (int j = n->area.member_first[a]; j < n->area.member_first[a + 1]; j++) {
            int q = n->area.members[j];
            d->area_demand[a] += d->area_demand[q];
            d->area_unserved[a] += d->area_unserved[q];
            d->area_reduced[a] += d->area_reduced[q];
            d->area_storage[a] += d->area_storage[q];
            d->area_volume[a] += d->area_volume[q];
            d->area_target_vol[a] += d->area_target_vol[q];
            const double *qo = d->area_origin + (size_t)q * O;
            for (int o = 0; o < O; o++)
                ao[o] += qo[o];
            wsum += d->area_demand[q];
            psum += d->area_demand[q] * d->area_price[q];
        }
        d->area_price[a] = wsum > 0 ? psum / wsum : NAN;
    }
    for (int a = 0; a < A; a++) {
        d->area_supplied[a] = d->area_demand[a] - d->area_unserved[a] - d->area_reduced[a];
        const double *ao = d->area_origin + (size_t)a * O;
        double *ag = d->area_group + (size_t)a * G;
        for (int o = 0; o < O; o++)
            ag[n->origin.group[o]] += ao[o];
    }
    /* summary accumulators */
    for (int a = 0; a < A; a++) {
        s->demand[a] += d->area_demand[a];
        s->supplied[a] += d->area_supplied[a];
        s->unserved[a] += d->area_unserved[a];
        s->reduced[a] += d->area_reduced[a];
        if (d->area_unserved[a] > SHORT_EPS)
            s->days_short[a]++;
        if (d->area_volume[a] > 0) {
            double fill = d->area_storage[a] / d->area_volume[a];
            if (isnan(s->min_fill[a]) || fill < s->min_fill[a])
                s->min_fill[a] = fill;
        }
        if (d->area_price[a] > s->peak_price[a])
            s->peak_price[a] = d->area_price[a];
        double sup = d->area_supplied[a];
        const double *ag = d->area_group + (size_t)a * G;
        for (int g = 0; g < G; g++) {
            size_t i = (size_t)a * G + g;
            share_add(&s->gsum[i], &s->gmin[i], &s->gmax[i], ag[g], sup);
        }
    }
    results_via(s, n, d);
}

/* Largest node imbalance of the day (mcm): gas in minus gas out, from the
 * LP solution. */
double results_imbalance(const net *n, const day_state *d, double *scratch)
{
    int N = n->node.count;
    memset(scratch, 0, (size_t)N * sizeof(double));
    for (int i = 0; i < n->src.count; i++)
        scratch[n->src.node[i]] += d->src[i];
    for (int s = 0; s < n->slot.count; s++)
        scratch[n->lng.node[n->slot.lng[s]]] += d->slot[s];
    for (int p = 0; p < n->pipe.count; p++) {
        double keep = 1.0 - n->pipe.loss[p];
        int a = n->pipe.from[p], b = n->pipe.to[p];
        scratch[a] += keep * d->rev[p] - d->fwd[p];
        scratch[b] += keep * d->fwd[p] - d->rev[p];
    }
    for (int k = 0; k < n->sto.count; k++)
        scratch[n->sto.node[k]] += d->wd[k] - d->inj[k];
    for (int q = 0; q < n->area.n_regions; q++)
        scratch[n->area.node[q]] -= d->demand[q] - d->unserved[q] - d->reduced[q];
    double worst = 0.0;
    for (int v = 0; v < N; v++)
        if (fabs(scratch[v]) > worst)
            worst = fabs(scratch[v]);
    return worst;
}

static int in_area(const net *n, int area, int node)
{
    int q = n->node.region[node];
    if (q < 0)
        return 0;
    for (int j = n->area.member_first[area]; j < n->area.member_first[area + 1]; j++)
        if (n->area.members[j] == q)
            return 1;
    return 0;
}

/* N-1 per Regulation (EU) 2017/1938 Annex II:
 * 100 (EP_m + P_m + S_m + LNG_m - I_m) / D_max, with the day-one capacities
 * in d (entry pipelines from outside the area, production inside it,
 * storage deliverability, LNG send-out; I_m the largest single one). */
double results_n1(const net *n, const day_state *d, int area)
{
    double ep = 0, pm = 0, sm = 0, lng = 0, im = 0, dmax = 0;
    for (int p = 0; p < n->pipe.count; p++) {
        int a_in = in_area(n, area, n->pipe.from[p]);
        int b_in = in_area(n, area, n->pipe.to[p]);
        double c = 0;
        if (b_in && !a_in)
            c = d->pipe_cap[p];
        else if (a_in && !b_in)
            c = d->pipe_rev[p];
        ep += c;
        if (c > im)
            im = c;
    }
    for (int i = 0; i < n->src.count; i++)
        if (in_area(n, area, n->src.node[i])) {
            pm += d->src_cap[i];
            if (d->src_cap[i] > im)
                im = d->src_cap[i];
        }
    for (int k = 0; k < n->sto.count; k++)
        if (in_area(n, area, n->sto.node[k])) {
            double peak = 0;
            for (int j = 0; j < n->sto.wn[k]; j++)
                if (n->sto.wy[k][j] > peak)
                    peak = n->sto.wy[k][j];
            double c = n->sto.wd[k] * peak * d->sto_wd_f[k];
            sm += c;
            if (c > im)
                im = c;
        }
    for (int k = 0; k < n->lng.count; k++)
        if (in_area(n, area, n->lng.node[k])) {
            lng += d->lng_cap[k];
            if (d->lng_cap[k] > im)
                im = d->lng_cap[k];
        }
    for (int j = n->area.member_first[area]; j < n->area.member_first[area + 1]; j++)
        dmax += n->dem.peak[n->area.members[j]];
    return dmax > 0 ? 100.0 * (ep + pm + sm + lng - im) / dmax : NAN;
}
