/* water.c: water values from a planning pass over the year ahead
 * (water.h), solved monthly in the run or once per model as curves by
 * fill level. */
#include <stdio.h>

#include "dates.h"
#include "network.h"
#include "water.h"
#include "gasdep/gasdep.h"

/* The fills at which curves are planned: every store at the same fill. */
static const double LEVEL[WATER_LEVELS] = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};

/* The plan's tie-breaks are drawn apart from the day's (docs/DISPATCH.md,
 * "A unique optimum"): the water values are the plan's duals, and with the
 * day's own tie-breaks in them two stores linked by a route the plan left
 * uncongested tied exactly in the daily LP. A prime beyond any block's
 * index (offset + 7919 x block). */
#define PLAN_TIE_SALT 1000003

/* The planning LP: it values gas, it does not share shortage: least-cost
 * (no refinement of the shortage grid) and Clp (measured on windows of
 * many blocks: docs/DISPATCH.md, "Solver"). Curves plan the same LP. */
static struct dispatch *plan_lp(const net *n, const scenario_el *sc)
{
    scenario_el plan_sc = *sc;
    plan_sc.curtailment = CURT_LEAST_COST;
    plan_sc.solver = SOLVER_CLP;
    plan_sc.storage_valuation = VALUATION_WATER;
    struct dispatch *lp = dispatch_create(n, &plan_sc, WATER_WEEKS);
    if (lp)
        dispatch_salt_ties(lp, PLAN_TIE_SALT);
    return lp;
}

/* The first day of the month after `day`. */
static int next_month(int day)
{
    int y, m, d;
    gasdep_civil(day, &y, &m, &d);
    return m == 12 ? dates_from_civil(y + 1, 1, 1) : dates_from_civil(y, m + 1, 1);
}

/* Plan days of the curves: the first day of the horizon, then the 1st of
 * every month after it up to the last day; their number. */
static int curve_dates(const net *n, int *date)
{
    int c = 0;
    for (int d = n->first_day; d <= n->last_day; d = next_month(d)) {
        if (date)
            date[c] = d;
        c++;
    }
    return c;
}

int water_create(water *w, const net *n, const scenario_el *sc, arena *a)
{
    w->lp = NULL;
    w->next = w->first = 0;
    w->plans = 0;
    w->n_sto = n->sto.count;
    w->n_curves = 0;
    w->curves_ready = 0;
    w->curve = NULL;
    if (sc->storage_valuation == VALUATION_FLAT || n->sto.count == 0)
        return GASDEP_OK;
    int D = WATER_WEEKS * WATER_BLOCK, K = n->sto.count;
    ARENA_ALLOC(a, w->days, D);
    ARENA_ALLOC(a, w->blk, WATER_WEEKS);
    ARENA_ALLOC(a, w->len, WATER_WEEKS);
    ARENA_ALLOC(a, w->value, (size_t)WATER_WEEKS * K);
    for (int t = 0; t < D; t++)
        if (day_caps_alloc(&w->days[t], n, a) != GASDEP_OK)
            return GASDEP_ENOMEM;
    for (int b = 0; b < WATER_WEEKS; b++) {
        if (day_caps_alloc(&w->blk[b], n, a) != GASDEP_OK)
            return GASDEP_ENOMEM;
        w->len[b] = WATER_BLOCK;
    }
    if (dispatch_plan_alloc(&w->plan, n, a, WATER_WEEKS) != GASDEP_OK)
        return GASDEP_ENOMEM;
    if (sc->storage_valuation == VALUATION_CURVES) {
        /* the expected conditions the curves are planned on: every
         * external factor 1, no demand adaptation */
        int most = n->area.n_regions;
        const int count[] = {n->pipe.count, n->src.count, n->lng.count, n->sto.count,
                             n->origin.count};
        for (size_t i = 0; i < sizeof count / sizeof *count; i++)
            most = count[i] > most ? count[i] : most;
        double *ones;
        ARENA_ALLOC(a, ones, most > 0 ? most : 1);
        for (int i = 0; i < most; i++)
            ones[i] = 1.0;
        for (int p = 0; p < P_COUNT; p++)
            w->ones_f[p] = ones;
        w->expected = (caps_factors){ones, w->ones_f, NULL, NULL};
        w->n_curves = curve_dates(n, NULL);
        ARENA_ALLOC(a, w->curve_day, w->n_curves);
        curve_dates(n, w->curve_day);
        ARENA_ALLOC(a, w->curve, (size_t)w->n_curves * WATER_LEVELS * WATER_WEEKS * K);
        ARENA_ALLOC(a, w->level_inv, K);
    }
    w->lp = plan_lp(n, sc);
    return w->lp ? GASDEP_OK : GASDEP_ENOMEM;
}

int water_restart(water *w, const net *n, const scenario_el *sc)
{
    w->next = w->first = 0;
    w->plans = 0;
    if (!w->lp || w->curves_ready) /* curves depend on no run: kept */
        return GASDEP_OK;
    dispatch_destroy(w->lp);
    w->lp = plan_lp(n, sc);
    return w->lp ? GASDEP_OK : GASDEP_ENOMEM;
}

void water_destroy(water *w)
{
    dispatch_destroy(w->lp);
    w->lp = NULL;
}

/* One plan of the year ahead from `day` and the inventories inv under the
 * factors f; its water values, capped, into value (WATER_WEEKS x stores). */
static int plan(water *w, const net *n, const scenario_el *sc, const caps_factors *f,
                const double *inv, int day, double *value, char *why, size_t whylen)
{
    int D = WATER_WEEKS * WATER_BLOCK, K = n->sto.count;
    for (int t = 0; t < D; t++) {
        day_caps *c = &w->days[t];
        caps_fill(n, f, day + t, day, c);
        int y, m, dd;
        gasdep_civil(day + t, &y, &m, &dd);
        if (m == 12 || m <= 2) { /* the cold winter the plan covers */
            for (int q = 0; q < n->area.n_regions; q++)
                c->demand[q] *= 1.0 + sc->risk_cover;
            for (int b = 0; b < n->dem.n_blocks; b++)
                c->dr_cap[b] *= 1.0 + sc->risk_cover;
        }
    }
    for (int b = 0; b < WATER_WEEKS; b++)
        caps_mean(n, &w->days[WATER_BLOCK * b], WATER_BLOCK, &w->blk[b]);
    /* the year ends where it began: no plan drains the stores at its end */
    day_caps *last = &w->blk[WATER_WEEKS - 1];
    for (int k = 0; k < K; k++) {
        double fill = n->sto.vol[k] > 0 ? inv[k] / n->sto.vol[k] : 0.0;
        if (fill > last->sto_target_fill[k])
            last->sto_target_fill[k] = fill;
        last->sto_tdate[k] = 1;
        last->sto_thard[k] = 0;
    }
    dispatch_window win = {WATER_WEEKS, w->blk, w->len, inv, day, NULL};
    int rc = dispatch_solve(w->lp, n, &win, &w->plan, why, whylen);
    if (rc != GASDEP_OK)
        return rc;
    /* a stored MWh is never worth more than a MWh of demand today */
    double cap = 0.999 * sc->voll;
    for (size_t i = 0; i < (size_t)WATER_WEEKS * K; i++) {
        double v = w->plan.sto_value[i];
        value[i] = v < 0 ? 0.0 : v > cap ? cap : v;
    }
    return GASDEP_OK;
}

/* Curves: a plan from every curve date at every level, in that order,
 * each warm-started from the one before (the same order in every model,
 * so the same values). */
static int plan_curves(water *w, const net *n, const scenario_el *sc, char *why,
                       size_t whylen)
{
    int K = n->sto.count;
    size_t per = (size_t)WATER_WEEKS * (size_t)K;
    for (int c = 0; c < w->n_curves; c++)
        for (int l = 0; l < WATER_LEVELS; l++) {
            for (int k = 0; k < K; k++)
                w->level_inv[k] = LEVEL[l] * n->sto.vol[k];
            double *out = w->curve + ((size_t)c * WATER_LEVELS + (size_t)l) * per;
            int rc = plan(w, n, sc, &w->expected, w->level_inv, w->curve_day[c], out,
                          why, whylen);
            if (rc != GASDEP_OK)
                return rc;
        }
    w->curves_ready = 1;
    dispatch_destroy(w->lp); /* no more plans in this model */
    w->lp = NULL;
    return GASDEP_OK;
}

/* The values of the curve planned on curve date c at the stores' total
 * fill (linear between the two levels around it) into w->value: the
 * state of the curves is the aggregate fill, as the reservoirs of a
 * hydro system are aggregated in its water-value curves (docs/DISPATCH.md,
 * "Water-value curves"). */
static void interpolate(water *w, const net *n, int c, const double *inv)
{
    int K = n->sto.count;
    size_t per = (size_t)WATER_WEEKS * (size_t)K;
    double vol = 0, gas = 0;
    for (int k = 0; k < K; k++)
        vol += n->sto.vol[k], gas += inv[k];
    double fill = vol > 0 ? gas / vol : 0.0;
    int l = 0;
    while (l < WATER_LEVELS - 2 && fill > LEVEL[l + 1])
        l++;
    double x = (fill - LEVEL[l]) / (LEVEL[l + 1] - LEVEL[l]);
    x = x < 0 ? 0 : x > 1 ? 1 : x;
    const double *lo = w->curve + ((size_t)c * WATER_LEVELS + (size_t)l) * per;
    const double *hi = lo + per;
    for (size_t i = 0; i < per; i++)
        w->value[i] = lo[i] + x * (hi[i] - lo[i]);
}

int water_update(water *w, const net *n, const scenario_el *sc,
                 const caps_factors *f, const double *inv, int day, char *why,
                 size_t whylen)
{
    if (w->plans > 0 && day < w->next)
        return GASDEP_OK;
    if (w->n_curves > 0) {
        if (!w->curves_ready) {
            int rc = plan_curves(w, n, sc, why, whylen);
            if (rc != GASDEP_OK)
                return rc;
        }
        int c = 0; /* the last curve date on or before the day */
        while (c + 1 < w->n_curves && w->curve_day[c + 1] <= day)
            c++;
        interpolate(w, n, c, inv);
        w->first = w->curve_day[c];
    } else {
        if (!w->lp)
            return GASDEP_OK;
        int rc = plan(w, n, sc, f, inv, day, w->value, why, whylen);
        if (rc != GASDEP_OK)
            return rc;
        w->first = day;
    }
    w->next = next_month(day);
    w->plans++;
    return GASDEP_OK;
}

const double *water_values(const water *w, int day)
{
    if (w->plans == 0) /* flat valuation, or before the first plan */
        return NULL;
    int b = (day - w->first) / WATER_BLOCK;
    b = b < 0 ? 0 : b >= WATER_WEEKS ? WATER_WEEKS - 1 : b;
    return w->value + (size_t)b * (size_t)w->n_sto;
}
