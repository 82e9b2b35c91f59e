/* storage.c: storage curves (GSL interpolation), fill-target paths and the
 * mixing tank that carries each store's origin mix. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "storage.h"

/* Linear interpolant through (x, y); NULL on failure. */
static gsl_interp *make_interp(const double *x, const double *y, int n)
{
    gsl_interp *it = gsl_interp_alloc(gsl_interp_linear, (size_t)n);
    if (it && gsl_interp_init(it, x, y, (size_t)n) != 0) {
        gsl_interp_free(it);
        it = NULL;
    }
    return it;
}

static int build_curve(net *n, const scenario *scn, const list *c, double **xs,
                       double **ys, int *np, gsl_interp **it)
{
    int cn = c->n ? c->n : 2;
    double *x = net_alloc(n, (size_t)cn, sizeof *x);
    double *y = net_alloc(n, (size_t)cn, sizeof *y);
    if (!x || !y)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    if (c->n) {
        for (int i = 0; i < cn; i++) {
            x[i] = atof(c->key[i]);
            y[i] = c->val[i];
        }
    } else {
        x[0] = 0.0, x[1] = 1.0, y[0] = y[1] = 1.0;
    }
    *xs = x, *ys = y, *np = cn;
    *it = make_interp(x, y, cn);
    return *it ? GASDEP_OK : err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
}

static int cmp_double2(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Yearly target path: points (day of year, fill), repeated a year before and
 * after so that interpolation wraps round the turn of the year. */
static int build_targets(net *n, const scenario *scn, int k, const storage_el *s,
                         const char *who)
{
    int tn = s->targets.n;
    n->sto_tn[k] = tn;
    if (tn == 0)
        return GASDEP_OK;
    double *pts = malloc(2 * (size_t)tn * sizeof *pts);
    if (!pts)
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    for (int i = 0; i < tn; i++) {
        pts[2 * i] = dates_parse_mmdd(s->targets.key[i]);
        pts[2 * i + 1] = s->targets.val[i];
    }
    qsort(pts, (size_t)tn, 2 * sizeof *pts, cmp_double2);
    for (int i = 1; i < tn; i++)
        if (pts[2 * i] == pts[2 * i - 2]) {
            err_at(scn->err, s->targets.at, "%s: two targets on the same day", who);
            free(pts);
            return GASDEP_OK;
        }
    int en = 3 * tn;
    double *x = net_alloc(n, (size_t)en, sizeof *x);
    double *y = net_alloc(n, (size_t)en, sizeof *y);
    if (!x || !y) {
        free(pts);
        return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
    }
    for (int rep = 0; rep < 3; rep++)
        for (int i = 0; i < tn; i++) {
            x[rep * tn + i] = pts[2 * i] + 365.0 * (rep - 1);
            y[rep * tn + i] = pts[2 * i + 1];
        }
    free(pts);
    n->sto_tx[k] = x;
    n->sto_ty[k] = y;
    n->sto_tn[k] = en;
    n->sto_target[k] = make_interp(x, y, en);
    return n->sto_target[k] ? GASDEP_OK
                            : err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
}

static void build_mix(net *n, const scenario *scn, int k, const storage_el *s,
                      const char *who)
{
    double *mix = n->sto_init_mix + (size_t)k * (size_t)n->n_origins;
    if (s->mix.n == 0) {
        for (int o = 0; o < n->n_origins; o++)
            if (strcmp(n->origin_name[o], "unknown") == 0)
                mix[o] = 1.0;
        return;
    }
    double sum = 0.0;
    for (int i = 0; i < s->mix.n; i++) {
        int o = -1;
        for (int j = 0; j < n->n_origins; j++)
            if (strcmp(n->origin_name[j], s->mix.key[i]) == 0)
                o = j;
        if (o < 0) {
            err_at(scn->err, s->mix.at, "%s: unknown origin '%s' in 'initial_mix'",
                   who, s->mix.key[i]);
            continue;
        }
        mix[o] += s->mix.val[i];
        sum += s->mix.val[i];
    }
    if (fabs(sum - 1.0) > 1e-6)
        err_at(scn->err, s->mix.at, "%s: 'initial_mix' shares sum to %g, not 1", who,
               sum);
}

int storage_build(net *n, const scenario *scn, int k, const storage_el *s)
{
    char who[300];
    snprintf(who, sizeof who, "storage '%s'", s->h.name);
    n->sto_node[k] = -1;
    if (!s->node.name)
        err_at(scn->err, s->h.at, "%s: 'node' is required", who);
    else {
        for (int i = 0; i < n->n_nodes; i++)
            if (strcmp(n->node_name[i], s->node.name) == 0)
                n->sto_node[k] = i;
        if (n->sto_node[k] < 0)
            err_at(scn->err, s->node.at, "%s: unknown node '%s' in 'node'", who,
                   s->node.name);
    }
    const struct {
        const qty *q;
        const char *key;
        double *dst;
    } req[] = {{&s->volume, "volume", &n->sto_vol[k]},
               {&s->injection, "injection", &n->sto_inj[k]},
               {&s->withdrawal, "withdrawal", &n->sto_wd[k]}};
    for (int i = 0; i < 3; i++) {
        if (!req[i].q->set)
            err_at(scn->err, s->h.at, "%s: '%s' is required", who, req[i].key);
        *req[i].dst = units_mcm(req[i].q, scn->sc.gcv);
    }
    n->sto_init_fill[k] = s->initial_fill;
    n->sto_icost[k] = s->icost;
    n->sto_wcost[k] = s->wcost;
    int rc = build_curve(n, scn, &s->wcurve, &n->sto_wx[k], &n->sto_wy[k],
                         &n->sto_wn[k], &n->sto_wcurve[k]);
    if (rc == GASDEP_OK)
        rc = build_curve(n, scn, &s->icurve, &n->sto_ix[k], &n->sto_iy[k],
                         &n->sto_in[k], &n->sto_icurve[k]);
    if (rc == GASDEP_OK)
        rc = build_targets(n, scn, k, s, who);
    if (rc == GASDEP_OK)
        build_mix(n, scn, k, s, who);
    return rc;
}

/* Rate factor (0..) at a fill level, clamped to the curve's ends. */
double storage_rate_factor(const net *n, int k, int injection, double fill)
{
    const double *x = injection ? n->sto_ix[k] : n->sto_wx[k];
    const double *y = injection ? n->sto_iy[k] : n->sto_wy[k];
    int np = injection ? n->sto_in[k] : n->sto_wn[k];
    if (fill <= x[0])
        return y[0];
    if (fill >= x[np - 1])
        return y[np - 1];
    return gsl_interp_eval(injection ? n->sto_icurve[k] : n->sto_wcurve[k], x,
                           y, fill, NULL);
}

/* Fill the target path asks for on `day` (0 where the store has none). */
double storage_target_fill(const net *n, int k, int day)
{
    if (n->sto_tn[k] == 0)
        return 0.0;
    return gsl_interp_eval(n->sto_target[k], n->sto_tx[k], n->sto_ty[k],
                           (double)dates_doy365(day), NULL);
}

/* Mixing tank: withdrawals leave with the stock's mix, injections blend in. */
void storage_mix_update(double *mix, double inv, double inj,
                        const double *inj_mix, double wd, int n_orig)
{
    double kept = inv - wd;
    if (kept < 0)
        kept = 0;
    double after = kept + inj;
    if (after <= 1e-12 || inj <= 0)
        return;
    for (int o = 0; o < n_orig; o++)
        mix[o] = (kept * mix[o] + inj * inj_mix[o]) / after;
}
