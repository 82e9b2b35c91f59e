/* adapt.c: demand levels that follow lasting prices (adapt.h). */
#include <math.h>
#include <string.h>

#include "adapt.h"
#include "demand.h"
#include "gasdep/gasdep.h"

/* A region adapts when it has demand-response blocks: the blocks mark the
 * regions whose consumers see the market price. */
static int exposed(const net *n, int q)
{
    return n->dem.block_first[q + 1] > n->dem.block_first[q];
}

int adapt_create(adapt *s, const net *n, const scenario_el *sc, arena *a)
{
    int R = n->area.n_regions;
    ARENA_ALLOC(a, s->factor, R);
    ARENA_ALLOC(a, s->log_f, R);
    ARENA_ALLOC(a, s->sum_p, R);
    s->on = 0;
    if (sc->long_run_elasticity < 0)
        for (int q = 0; q < R; q++)
            s->on |= exposed(n, q);
    adapt_reset(s, n);
    return GASDEP_OK;
}

void adapt_reset(adapt *s, const net *n)
{
    for (int q = 0; q < n->area.n_regions; q++) {
        s->factor[q] = 1.0;
        s->log_f[q] = 0.0;
        s->sum_p[q] = 0.0;
    }
    s->days = 0;
}

void adapt_add_day(adapt *s, const net *n, const double *price)
{
    if (!s->on)
        return;
    for (int q = 0; q < n->area.n_regions; q++)
        s->sum_p[q] += price[q];
    s->days++;
}

void adapt_update(adapt *s, const net *n, const scenario_el *sc)
{
    if (!s->on || s->days == 0)
        return;
    /* the share of the gap closed in `days` days: 1 - exp(-days / tau) */
    double keep = exp(-(double)s->days / (365.0 * sc->adaptation_years));
    for (int q = 0; q < n->area.n_regions; q++) {
        if (exposed(n, q)) {
            /* prices at or below the reference leave demand at its level:
             * the reference demand is the one of normal years */
            double p = s->sum_p[q] / s->days;
            double x = p > sc->reference_price ? log(p / sc->reference_price) : 0.0;
            double goal = sc->long_run_elasticity * x;
            s->log_f[q] = goal + keep * (s->log_f[q] - goal);
            s->factor[q] = exp(s->log_f[q]);
        }
        s->sum_p[q] = 0.0;
    }
    s->days = 0;
}
