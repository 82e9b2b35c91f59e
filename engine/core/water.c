/* water.c: water values from a planning pass over the year ahead
 * (water.h). */
#include <stdio.h>

#include "dates.h"
#include "network.h"
#include "water.h"
#include "gasdep/gasdep.h"

/* The planning LP: it values gas, it does not share shortage: least-cost
 * (no refinement of the shortage grid) and Clp (measured on windows of
 * many blocks: docs/DISPATCH.md, "Solver"). */
static struct dispatch *plan_lp(const net *n, const scenario_el *sc)
{
    scenario_el plan_sc = *sc;
    plan_sc.curtailment = CURT_LEAST_COST;
    plan_sc.solver = SOLVER_CLP;
    return dispatch_create(n, &plan_sc, WATER_WEEKS);
}

int water_create(water *w, const net *n, const scenario_el *sc, arena *a)
{
    w->lp = NULL;
    w->next = w->first = 0;
    w->plans = 0;
    w->n_sto = n->sto.count;
    if (sc->storage_valuation != VALUATION_WATER || n->sto.count == 0)
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
    w->lp = plan_lp(n, sc);
    return w->lp ? GASDEP_OK : GASDEP_ENOMEM;
}

int water_restart(water *w, const net *n, const scenario_el *sc)
{
    w->next = w->first = 0;
    w->plans = 0;
    if (!w->lp)
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

/* The first day of the month after `day`. */
static int next_month(int day)
{
    int y, m, d;
    gasdep_civil(day, &y, &m, &d);
    return m == 12 ? dates_from_civil(y + 1, 1, 1) : dates_from_civil(y, m + 1, 1);
}

int water_update(water *w, const net *n, const scenario_el *sc,
                 const caps_factors *f, const double *inv, int day, char *why,
                 size_t whylen)
{
    if (!w->lp || (w->plans > 0 && day < w->next))
        return GASDEP_OK;
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
        w->value[i] = v < 0 ? 0.0 : v > cap ? cap : v;
    }
    w->first = day;
    w->next = next_month(day);
    w->plans++;
    return GASDEP_OK;
}

const double *water_values(const water *w, int day)
{
    if (!w->lp || w->plans == 0)
        return NULL;
    int b = (day - w->first) / WATER_BLOCK;
    b = b < 0 ? 0 : b >= WATER_WEEKS ? WATER_WEEKS - 1 : b;
    return w->value + (size_t)b * (size_t)w->n_sto;
}
