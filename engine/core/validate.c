/* validate.c: scenario checks that need no network, run at init and also
 * after a failed load, so that one pass reports them with the parse errors. */
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "validate.h"

static void check_dates(const scenario *scn, int on, int off, const char *who,
                        srcloc at)
{
    if (on != DAY_NONE_LO && off != DAY_NONE_HI && off <= on)
        err_at(scn->err, at, "%s: 'offline' must be after 'online'", who);
}

static void check_scenario(const scenario *scn, int complete)
{
    const scenario_el *sc = &scn->sc;
    srcloc top = {0, 1};
    srcloc head = scn->sc_at.line ? scn->sc_at : top;
    if (complete && scn->sc_at.line == 0 && sc->start == DAY_NONE_LO &&
        sc->end == DAY_NONE_LO) {
        err_at(scn->err, top, "no [scenario] section: 'start' and 'end' are "
               "required");
        return;
    }
    if (complete && sc->start == DAY_NONE_LO)
        err_at(scn->err, head, "[scenario]: 'start' is required");
    if (complete && sc->end == DAY_NONE_LO)
        err_at(scn->err, head, "[scenario]: 'end' is required");
    if (sc->start != DAY_NONE_LO && sc->end != DAY_NONE_LO && sc->end < sc->start)
        err_at(scn->err, sc->end_at.line ? sc->end_at : head,
               "[scenario]: 'end' is before 'start'");
    /* a window cannot implement more days than it sees: refused, not clamped
     * (the default of 7 days shortens to a shorter lookahead) */
    if (sc->foresight == FS_ROLLING && sc->resolve_at.line &&
        sc->resolve_every > sc->lookahead)
        err_at(scn->err, sc->resolve_at,
               "[scenario]: 'resolve_every' (%d days) is longer than 'lookahead' "
               "(%d days)", sc->resolve_every, sc->lookahead);
    /* a store's deficit costs at most target_penalty + voll/2 per MWh: below
     * voll, a target never costs demand (docs/DISPATCH.md) */
    if (!(sc->target_penalty < 0.5 * sc->voll))
        err_at(scn->err, head, "[scenario]: 'target_penalty' (%g EUR/MWh) must be "
               "below half of 'voll' (%g EUR/MWh), so that no target costs demand",
               sc->target_penalty, sc->voll);
    /* demand adaptation (adapt.h): demand falls as prices rise */
    if (!(sc->long_run_elasticity <= 0 && sc->long_run_elasticity >= -5))
        err_at(scn->err, head, "[scenario]: 'long_run_elasticity' (%g) must be "
               "between -5 and 0 (demand falls when prices rise)",
               sc->long_run_elasticity);
    if (!(sc->adaptation_years > 0 && sc->adaptation_years <= 100))
        err_at(scn->err, head, "[scenario]: 'adaptation_years' (%g) must be above 0 "
               "and at most 100", sc->adaptation_years);
    if (!(sc->reference_price > 0))
        err_at(scn->err, head, "[scenario]: 'reference_price' (%g EUR/MWh) must be "
               "above 0", sc->reference_price);
}

static void check_lng(const scenario *scn, const lng_el *g, int complete)
{
    char who[300];
    snprintf(who, sizeof who, "lng '%s'", g->h.name);
    check_dates(scn, g->online, g->offline, who, g->h.at);
    if (complete && g->origins.n == 0)
        err_at(scn->err, g->h.at, "%s: 'origins' is required", who);
    if (g->origins.n && g->costs.n && g->costs.n != g->origins.n)
        err_at(scn->err, g->costs.at, "%s: 'costs' has %d values for %d origins",
               who, g->costs.n, g->origins.n);
    if (g->origins.n && g->avail.n && g->avail.n != g->origins.n)
        err_at(scn->err, g->avail.at,
               "%s: 'availability' has %d values for %d origins", who,
               g->avail.n, g->origins.n);
    if (g->origins.n && g->min_take.n && g->min_take.n != g->origins.n)
        err_at(scn->err, g->min_take.at,
               "%s: 'min_take' has %d values for %d origins", who,
               g->min_take.n, g->origins.n);
    for (int j = 1; j < g->origins.n; j++)
        for (int i = 0; i < j; i++)
            if (strcmp(g->origins.key[i], g->origins.key[j]) == 0) {
                err_at(scn->err, g->origins.at, "%s: origin '%s' is listed twice "
                       "in 'origins'", who, g->origins.key[j]);
                i = j; /* once per repeated name */
            }
}

static void check_event(const scenario *scn, const event_el *e, int complete)
{
    char who[300];
    snprintf(who, sizeof who, "event '%s'", e->h.name);
    if (complete && e->start == DAY_NONE_LO)
        err_at(scn->err, e->h.at, "%s: 'start' is required", who);
    if (e->end != DAY_NONE_HI && e->start != DAY_NONE_LO && e->end < e->start)
        err_at(scn->err, e->h.at, "%s: 'end' is before 'start'", who);
    int is_path = e->targets.n > 0; /* a fill-target path event */
    if (is_path && (e->has_factor || e->value.set))
        err_at(scn->err, e->targets.at, "%s: 'targets' replaces a fill-target "
               "path; it takes no 'factor' or 'value'", who);
    else if (complete && !is_path && e->has_factor == e->value.set)
        err_at(scn->err, e->h.at, "%s: give either 'factor' or 'value'", who);
    if (e->hard && !is_path)
        err_at(scn->err, e->h.at, "%s: 'hard' goes with 'targets'", who);
}

int scenario_check(const scenario *scn, int complete)
{
    int before = scn->err->n_errors;
    check_scenario(scn, complete);
    for (int i = 0; i < scn->el[SK_SOURCE].n; i++) {
        const source_el *s = scn->el[SK_SOURCE].v[i];
        char who[300];
        snprintf(who, sizeof who, "source '%s'", s->h.name);
        if (s->h.enabled)
            check_dates(scn, s->online, s->offline, who, s->h.at);
    }
    for (int i = 0; i < scn->el[SK_PIPELINE].n; i++) {
        const pipeline_el *p = scn->el[SK_PIPELINE].v[i];
        char who[300];
        snprintf(who, sizeof who, "pipeline '%s'", p->h.name);
        if (!p->h.enabled)
            continue;
        if (p->loss >= 1.0)
            err_at(scn->err, p->h.at, "%s: 'loss' must be below 100%%", who);
        check_dates(scn, p->online, p->offline, who, p->h.at);
    }
    for (int i = 0; i < scn->el[SK_LNG].n; i++) {
        const lng_el *g = scn->el[SK_LNG].v[i];
        if (g->h.enabled)
            check_lng(scn, g, complete);
    }
    for (int i = 0; i < scn->el[SK_EVENT].n; i++) {
        const event_el *e = scn->el[SK_EVENT].v[i];
        if (e->h.enabled)
            check_event(scn, e, complete);
    }
    return scn->err->n_errors - before;
}
