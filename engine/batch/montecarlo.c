/* montecarlo.c: the stochastic model of `gasdep montecarlo`.
 *
 * Per run, from generators seeded by (seed, run id, stream):
 *  - outages of every pipeline, source, storage site and LNG terminal with
 *    outage_rate > 0: Poisson arrivals (exponential gaps, mean 365/rate days)
 *    over the horizon, durations exponential or lognormal with mean
 *    outage_days; overlapping outages of one element merge. A gas day that an
 *    outage covers for a fraction f keeps 1 - depth * f of its capacity;
 *  - weather: one European daily temperature anomaly a_t, AR(1):
 *    a_t = persistence * a_{t-1} + sigma * e_t, e_t ~ N(0,1), a_0 from the
 *    stationary law N(0, sigma^2 / (1 - persistence^2)); region demand is
 *    multiplied by max(0, 1 - heating_sensitivity * a_t) (symmetric: a warm
 *    day lowers demand as a cold day raises it, so mean demand is kept);
 *  - events with start_window > 0 start at start + U{0..window} days; an
 *    event with an end keeps its duration.
 * Every element draws from its own stream (hashed from its path), so adding
 * an element or turning the weather on does not change the other draws. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "batch_state.h"
#include "montecarlo.h"
#include "rng.h"

/* ---- the stochastic description, from the probe model ------------------- */

void mc_free(gasdep_batch *b)
{
    for (int i = 0; i < b->n_el; i++)
        free(b->el[i].path);
    free(b->el);
    for (int i = 0; i < b->n_ev; i++)
        free(b->ev[i].name);
    free(b->ev);
    free(b->heat);
    b->el = NULL;
    b->ev = NULL;
    b->heat = NULL;
    b->n_el = b->n_ev = 0;
    b->weather = 0;
}

static double get(gasdep_model *m, const char *prefix, const char *key, double dflt)
{
    char path[640];
    double v;
    snprintf(path, sizeof path, "%s.%s", prefix, key);
    return gasdep_get(m, path, &v) == GASDEP_OK && isfinite(v) ? v : dflt;
}

int mc_collect(gasdep_batch *b, gasdep_model *m)
{
    static const struct {
        int kind;
        const char *word;
    } KINDS[] = {{GASDEP_PIPELINE, "pipeline"},
                 {GASDEP_SOURCE, "source"},
                 {GASDEP_STORAGE, "storage"},
                 {GASDEP_LNG, "lng"}};
    int cap = 0;
    for (size_t k = 0; k < 4; k++)
        cap += gasdep_count(m, KINDS[k].kind);
    b->el = calloc((size_t)cap + 1, sizeof *b->el);
    int n_ev = gasdep_count(m, GASDEP_EVENT);
    b->ev = calloc((size_t)n_ev + 1, sizeof *b->ev);
    b->heat = calloc((size_t)b->n_regions + 1, sizeof *b->heat);
    if (!b->el || !b->ev || !b->heat)
        return GASDEP_ENOMEM;
    char prefix[512];
    for (size_t k = 0; k < 4; k++)
        for (int i = 0; i < gasdep_count(m, KINDS[k].kind); i++) {
            snprintf(prefix, sizeof prefix, "%s.%s", KINDS[k].word,
                     gasdep_name(m, KINDS[k].kind, i));
            mc_elem e = {KINDS[k].kind, i, NULL, get(m, prefix, "outage_rate", 0),
                         get(m, prefix, "outage_days", 0),
                         (int)get(m, prefix, "outage_dist", 0),
                         get(m, prefix, "outage_sigma", 0.5),
                         get(m, prefix, "outage_depth", 1), 0};
            if (!(e.rate > 0 && e.mean_days > 0 && e.depth > 0))
                continue;
            if (!(e.path = strdup(prefix)))
                return GASDEP_ENOMEM;
            e.stream = mc_stream(prefix);
            b->el[b->n_el++] = e;
        }
    for (int i = 0; i < n_ev; i++) {
        const char *name = gasdep_name(m, GASDEP_EVENT, i);
        snprintf(prefix, sizeof prefix, "event.%s", name);
        double w = get(m, prefix, "start_window", 0);
        if (!(w >= 1))
            continue;
        mc_event e = {strdup(name), (int)get(m, prefix, "start", 0),
                      0, (int)w, 0};
        double end = get(m, prefix, "end", 2e9);
        if (end < 1e9) {
            e.end = (int)end;
            e.has_end = 1;
        }
        if (!e.name)
            return GASDEP_ENOMEM;
        b->ev[b->n_ev++] = e;
    }
    b->persistence = get(m, "weather", "persistence", 0.8);
    b->sigma_k = get(m, "weather", "sigma", 2.0);
    int sensitive = 0;
    for (int q = 0; q < b->n_regions; q++) {
        snprintf(prefix, sizeof prefix, "region.%s", gasdep_name(m, GASDEP_REGION, q));
        b->heat[q] = get(m, prefix, "heating_sensitivity", 0);
        sensitive += b->heat[q] > 0;
    }
    b->weather = sensitive > 0 && b->sigma_k > 0;
    if (b->n_el == 0 && b->n_ev == 0 && !b->weather)
        batch_warn(b, "%s: Monte Carlo with no random element (no outage_rate "
                   "with outage_days, no event start_window, no weather-"
                   "sensitive region): all %ld runs are identical", b->scenario,
                   b->n_runs);

    bbuf d = {0};
    bb_printf(&d, "Monte Carlo of %s: %ld run%s, seed %llu, %d days", b->scenario,
              b->n_runs, b->n_runs == 1 ? "" : "s", (unsigned long long)b->seed,
              b->n_days);
    bb_printf(&d, "\n  outages: %d element%s", b->n_el, b->n_el == 1 ? "" : "s");
    for (int i = 0; i < b->n_el && i < 8; i++)
        bb_printf(&d, "%s %s (%g/y, %g d %s, depth %g%%)", i ? "," : ":",
                  b->el[i].path, b->el[i].rate, b->el[i].mean_days,
                  b->el[i].dist ? "lognormal" : "exponential", 100 * b->el[i].depth);
    if (b->n_el > 8)
        bb_printf(&d, ", ...");
    if (b->weather)
        bb_printf(&d, "\n  weather: AR(1) anomaly, persistence %g, sigma %g K, "
                  "%d sensitive region%s", b->persistence, b->sigma_k, sensitive,
                  sensitive == 1 ? "" : "s");
    else
        bb_printf(&d, "\n  weather: off (no heating_sensitivity or sigma = 0)");
    bb_printf(&d, "\n  random event starts: %d", b->n_ev);
    for (int i = 0; i < b->n_ev; i++)
        bb_printf(&d, "%s %s (+0..%d d)", i ? "," : ":", b->ev[i].name,
                  b->ev[i].window);
    if (d.oom) {
        bb_free(&d);
        return GASDEP_ENOMEM;
    }
    b->describe = d.p;
    return GASDEP_OK;
}

/* ---- one run's draws ---------------------------------------------------------- */

void mc_draw_free(mc_draw *d)
{
    free(d->cap);
    free(d->demand);
    free(d->anomaly);
    free(d->ev_offset);
    memset(d, 0, sizeof *d);
}

static int draw_alloc(const gasdep_batch *b, mc_draw *d)
{
    if (d->n_days == b->n_days && d->n_el == b->n_el &&
        d->n_regions == b->n_regions && d->n_ev == b->n_ev && d->anomaly)
        return 0;
    mc_draw_free(d);
    d->n_days = b->n_days;
    d->n_el = b->n_el;
    d->n_regions = b->n_regions;
    d->n_ev = b->n_ev;
    size_t T = (size_t)b->n_days;
    d->cap = malloc(((size_t)b->n_el * T + 1) * sizeof *d->cap);
    d->demand = malloc(((size_t)b->n_regions * T + 1) * sizeof *d->demand);
    d->anomaly = malloc((T + 1) * sizeof *d->anomaly);
    d->ev_offset = malloc(((size_t)b->n_ev + 1) * sizeof *d->ev_offset);
    return d->cap && d->demand && d->anomaly && d->ev_offset ? 0 : -1;
}

/* Add the merged outage [s, e) (days from the horizon start) to coverage. */
static void cover(double *cov, int T, double s, double e)
{
    if (e > T)
        e = T;
    for (int day = (int)floor(s); day < T && day < e; day++) {
        double lo = s > day ? s : day;
        double hi = e < day + 1 ? e : day + 1;
        if (hi > lo)
            cov[day] += hi - lo;
    }
}

int mc_draw_run(const gasdep_batch *b, long run, mc_draw *d)
{
    if (draw_alloc(b, d))
        return -1;
    int T = b->n_days;
    d->n_outages = 0;
    /* event starts */
    if (b->n_ev) {
        gsl_rng *r = mc_rng(b->seed, run, mc_stream("events"));
        if (!r)
            return -1;
        for (int i = 0; i < b->n_ev; i++)
            d->ev_offset[i] = (int)gsl_rng_uniform_int(r, (unsigned long)b->ev[i].window + 1);
        gsl_rng_free(r);
    }
    /* weather */
    for (int t = 0; t < T; t++)
        d->anomaly[t] = 0;
    for (size_t i = 0; i < (size_t)b->n_regions * (size_t)T; i++)
        d->demand[i] = 1.0;
    if (b->weather) {
        gsl_rng *r = mc_rng(b->seed, run, mc_stream("weather"));
        if (!r)
            return -1;
        double phi = b->persistence, sig = b->sigma_k;
        double a = fabs(phi) < 1 ? gsl_ran_gaussian(r, sig / sqrt(1 - phi * phi)) : 0;
        for (int t = 0; t < T; t++) {
            if (t > 0)
                a = phi * a + gsl_ran_gaussian(r, sig);
            d->anomaly[t] = a;
            for (int q = 0; q < b->n_regions; q++) {
                double f = 1.0 - b->heat[q] * a;
                d->demand[(size_t)q * T + t] = f > 0 ? f : 0;
            }
        }
        gsl_rng_free(r);
    }
    /* outages */
    for (int k = 0; k < b->n_el; k++) {
        const mc_elem *e = &b->el[k];
        double *cap = d->cap + (size_t)k * T;
        for (int t = 0; t < T; t++)
            cap[t] = 0; /* coverage first */
        gsl_rng *r = mc_rng(b->seed, run, e->stream);
        if (!r)
            return -1;
        double gap = 365.0 / e->rate;
        double mu = log(e->mean_days) - 0.5 * e->sigma * e->sigma;
        double t = 0, s = 0, end = -1;
        int open = 0;
        for (;;) {
            t += gsl_ran_exponential(r, gap);
            if (t >= T)
                break;
            double dur = e->dist ? gsl_ran_lognormal(r, mu, e->sigma)
                                 : gsl_ran_exponential(r, e->mean_days);
            d->n_outages++;
            if (open && t <= end) {
                if (t + dur > end)
                    end = t + dur;
            } else {
                if (open)
                    cover(cap, T, s, end);
                s = t;
                end = t + dur;
                open = 1;
            }
        }
        if (open)
            cover(cap, T, s, end);
        gsl_rng_free(r);
        for (int day = 0; day < T; day++) {
            double c = cap[day] > 1 ? 1 : cap[day];
            cap[day] = 1.0 - e->depth * c;
        }
    }
    return 0;
}
