/* sweep.c: sweep designs: `--vary PATH=SPEC` parsing, expansion into runs
 * (grid, zip, random, Latin hypercube, Sobol) and the value string of each
 * run's parameters. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "batch_state.h"
#include "buf.h"
#include "rng.h"
#include "sweep.h"
#include "util.h"

#define MAX_RUNS GASDEP_BATCH_MAX_RUNS
#define CHECK_VALUES 1000 /* values per parameter checked with gasdep_set */

/* "12.5bcm/y" -> 12.5 and "bcm/y". The unit is letters, '%' and '/'. */
static int parse_num_unit(const char *s, double *x, char *unit, size_t ulen)
{
    while (isspace((unsigned char)*s))
        s++;
    const char *q = s;
    if (*q == '+' || *q == '-')
        q++;
    if (!(isdigit((unsigned char)*q) || (*q == '.' && isdigit((unsigned char)q[1]))))
        return -1;
    char *end;
    errno = 0;
    *x = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(*x))
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    size_t n = strlen(end);
    while (n && isspace((unsigned char)end[n - 1]))
        n--;
    if (n >= ulen)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(isalpha((unsigned char)end[i]) || end[i] == '%' || end[i] == '/'))
            return -1;
    memcpy(unit, end, n);
    unit[n] = '\0';
    return 0;
}

static int parse_date(const char *s, int *day)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%s", s);
    char *t = str_trim(buf);
    if (strlen(t) != 10)
        return -1;
    return gasdep_date_parse(t, day);
}

static void param_free(bparam *p)
{
    free(p->path);
    free(p->spec);
    free(p->column);
    for (int i = 0; i < p->n_items; i++)
        free(p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

void sweep_free(gasdep_batch *b)
{
    for (int i = 0; i < b->n_par; i++)
        param_free(&b->par[i]);
    free(b->par);
    b->par = NULL;
    b->n_par = 0;
}

/* Items of a comma list; empty items are dropped (a trailing comma makes a
 * one-item list of something that would otherwise read as a range). */
static int split_list(bparam *p, const char *spec)
{
    char *copy = strdup(spec);
    if (!copy)
        return GASDEP_ENOMEM;
    int cap = 1;
    for (const char *c = spec; *c; c++)
        cap += *c == ',';
    p->items = calloc((size_t)cap, sizeof *p->items);
    if (!p->items) {
        free(copy);
        return GASDEP_ENOMEM;
    }
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *t = str_trim(tok);
        if (!*t)
            continue;
        if (!(p->items[p->n_items] = strdup(t))) {
            free(copy);
            return GASDEP_ENOMEM;
        }
        p->n_items++;
    }
    free(copy);
    p->type = PV_LIST;
    p->n_points = p->n_items;
    return GASDEP_OK;
}

/* LO:HI or LO:HI:STEP, numbers with one unit, or dates with a step in days.
 * Returns 1 if spec is a range (filled in), 0 if not, <0 on a bad range. */
static int parse_range(gasdep_batch *b, bparam *p, const char *spec)
{
    if (strpbrk(spec, " \t"))
        return 0;
    char buf[256];
    if (strlen(spec) >= sizeof buf)
        return 0;
    strcpy(buf, spec);
    char *parts[4];
    int n = 0;
    for (char *s = buf, *c; n < 4; s = c + 1) {
        parts[n++] = s;
        if (!(c = strchr(s, ':')))
            break;
        *c = '\0';
    }
    if (n < 2 || n > 3)
        return 0;
    int d0, d1;
    if (parse_date(parts[0], &d0) == 0 && parse_date(parts[1], &d1) == 0) {
        p->type = PV_DATES;
        p->lo = d0;
        p->hi = d1;
        if (n == 3) {
            double st;
            char unit[32];
            if (parse_num_unit(parts[2], &st, unit, sizeof unit) ||
                (unit[0] && strcmp(unit, "d") && strcmp(unit, "days")) ||
                st != floor(st) || st == 0) {
                batch_err(b, "--vary %s=%s: the step of a date range is a whole "
                          "number of days, e.g. 2022-01-01:2022-03-01:7",
                          p->path, spec);
                return -1;
            }
            p->step = st;
            p->has_step = 1;
        }
    } else {
        double v[3];
        char unit[3][32];
        for (int i = 0; i < n; i++)
            if (parse_num_unit(parts[i], &v[i], unit[i], sizeof unit[i]))
                return 0;
        p->unit[0] = '\0';
        for (int i = 0; i < n; i++) {
            if (!unit[i][0])
                continue;
            if (p->unit[0] && strcmp(p->unit, unit[i])) {
                batch_err(b, "--vary %s=%s: one unit for the whole range "
                          "(e.g. 10:30:5bcm/y)", p->path, spec);
                return -1;
            }
            strcpy(p->unit, unit[i]);
        }
        p->type = PV_RANGE;
        p->lo = v[0];
        p->hi = v[1];
        if (n == 3) {
            p->step = v[2];
            p->has_step = 1;
        }
    }
    if (p->has_step) {
        double k = (p->hi - p->lo) / p->step;
        if (p->step == 0 || k < -1e-9) {
            batch_err(b, "--vary %s=%s: the step must be non-zero and go from "
                      "LO towards HI", p->path, spec);
            return -1;
        }
        double np = floor(k + 1e-9) + 1;
        if (np > (double)MAX_RUNS) {
            batch_err(b, "--vary %s=%s: too many values", p->path, spec);
            return -1;
        }
        p->n_points = (long)np;
    } else {
        p->n_points = 0; /* continuous: sampled designs only */
    }
    return 1;
}

int sweep_parse_vary(gasdep_batch *b, const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq) {
        batch_err(b, "--vary '%s': expected PATH=LO:HI:STEP[unit] or "
                  "PATH=v1,v2,...", spec);
        return GASDEP_EINPUT;
    }
    bparam p;
    memset(&p, 0, sizeof p);
    char *path = strndup(spec, (size_t)(eq - spec));
    char *rest = strdup(eq + 1);
    if (!path || !rest) {
        free(path);
        free(rest);
        return GASDEP_ENOMEM;
    }
    p.path = strdup(str_trim(path));
    p.spec = strdup(str_trim(rest));
    free(path);
    free(rest);
    if (!p.path || !p.spec) {
        param_free(&p);
        return GASDEP_ENOMEM;
    }
    int rc = GASDEP_OK;
    if (!*p.path || !*p.spec || strpbrk(p.path, " \t,\"")) {
        batch_err(b, "--vary '%s': expected PATH=VALUES", spec);
        rc = GASDEP_EINPUT;
    }
    for (int i = 0; rc == GASDEP_OK && i < b->n_par; i++)
        if (!strcmp(b->par[i].path, p.path)) {
            batch_err(b, "--vary: '%s' is varied twice", p.path);
            rc = GASDEP_EINPUT;
        }
    if (rc == GASDEP_OK) {
        int r = strchr(p.spec, ',') ? 0 : parse_range(b, &p, p.spec);
        if (r < 0)
            rc = GASDEP_EINPUT;
        else if (r == 0)
            rc = split_list(&p, p.spec);
        if (rc == GASDEP_OK && p.type == PV_LIST && p.n_items == 0) {
            batch_err(b, "--vary '%s': no values", spec);
            rc = GASDEP_EINPUT;
        }
    }
    if (rc == GASDEP_OK) {
        bparam *np = realloc(b->par, (size_t)(b->n_par + 1) * sizeof *np);
        if (!np)
            rc = GASDEP_ENOMEM;
        else {
            b->par = np;
            b->par[b->n_par++] = p;
            return GASDEP_OK;
        }
    }
    param_free(&p);
    return rc;
}

/* ---- values -------------------------------------------------------------- */

static void fmt_point(const bparam *p, double x, char *buf, size_t len)
{
    if (p->type == PV_DATES) {
        char d[16];
        gasdep_date_format((int)x, d);
        snprintf(buf, len, "%s", d);
    } else {
        if (fabs(x) < 1e-12 * (fabs(p->lo) + fabs(p->hi) + 1e-300))
            x = 0; /* 0.1 steps that land on zero */
        snprintf(buf, len, "%.12g%s", x, p->unit);
    }
}

/* Value k (0-based) of a parameter's grid. */
static void grid_value(const bparam *p, long k, char *buf, size_t len)
{
    if (p->type == PV_LIST)
        snprintf(buf, len, "%s", p->items[k]);
    else
        fmt_point(p, p->lo + (double)k * p->step, buf, len);
}

/* Value at u in [0,1) for sampled designs. */
static void sampled_value(const bparam *p, double u, char *buf, size_t len)
{
    if (p->n_points > 0) {
        long k = (long)floor(u * (double)p->n_points);
        if (k >= p->n_points)
            k = p->n_points - 1;
        if (k < 0)
            k = 0;
        grid_value(p, k, buf, len);
    } else if (p->type == PV_DATES) {
        double span = p->hi - p->lo;
        double d = p->lo + floor(u * (fabs(span) + 1)) * (span < 0 ? -1 : 1);
        fmt_point(p, d, buf, len);
    } else {
        char num[64];
        snprintf(num, sizeof num, "%.10g", p->lo + u * (p->hi - p->lo));
        snprintf(buf, len, "%s%s", num, p->unit);
    }
}

int sweep_value(const gasdep_batch *b, long run, int p, char *buf, size_t len)
{
    const bparam *par = &b->par[p];
    long i = run - 1;
    switch (b->design) {
    case GASDEP_DESIGN_GRID: {
        for (int q = b->n_par - 1; q > p; q--)
            i /= b->par[q].n_points;
        grid_value(par, i % par->n_points, buf, len);
        break;
    }
    case GASDEP_DESIGN_ZIP:
        grid_value(par, par->n_points == 1 ? 0 : i, buf, len);
        break;
    case GASDEP_DESIGN_RANDOM: {
        /* drawn when asked: one generator per run, so sample i does not
         * depend on N and nothing is held for runs not started */
        gsl_rng *r = mc_rng(b->seed, i + 1, mc_stream("sweep-random"));
        if (!r) {
            if (len)
                buf[0] = '\0';
            return GASDEP_ENOMEM;
        }
        double u = 0;
        for (int q = 0; q <= p; q++)
            u = gsl_rng_uniform(r);
        gsl_rng_free(r);
        sampled_value(par, u, buf, len);
        break;
    }
    default:
        sampled_value(par, b->u[(size_t)i * (size_t)b->n_par + (size_t)p], buf, len);
        break;
    }
    return GASDEP_OK;
}

/* ---- expansion ------------------------------------------------------------ */

static int design_u(gasdep_batch *b)
{
    long N = b->n_runs;
    int P = b->n_par;
    if (b->design == GASDEP_DESIGN_RANDOM)
        return GASDEP_OK; /* drawn per run by sweep_value */
    /* LHS and Sobol points are made together: bounded, so that the size
     * computations below cannot overflow and memory stays sane */
    if ((double)N * (double)P > (double)GASDEP_BATCH_MAX_POINTS) {
        batch_err_at(b, b->samples_line, "%s: %ld samples x %d parameters is more "
                     "than %ld points", b->design == GASDEP_DESIGN_LHS ? "lhs"
                                                                       : "sobol",
                     N, P, GASDEP_BATCH_MAX_POINTS);
        return GASDEP_EINPUT;
    }
    b->u = malloc((size_t)N * (size_t)P * sizeof *b->u);
    if (!b->u)
        return GASDEP_ENOMEM;
    if (b->design == GASDEP_DESIGN_LHS) {
        gsl_rng *r = mc_rng(b->seed, 0, mc_stream("sweep-lhs"));
        size_t *perm = malloc((size_t)N * sizeof *perm);
        if (!r || !perm) {
            gsl_rng_free(r);
            free(perm);
            return GASDEP_ENOMEM;
        }
        for (int p = 0; p < P; p++) {
            for (long i = 0; i < N; i++)
                perm[i] = (size_t)i;
            gsl_ran_shuffle(r, perm, (size_t)N, sizeof *perm);
            for (long i = 0; i < N; i++)
                b->u[(size_t)i * P + p] = ((double)perm[i] + gsl_rng_uniform(r)) / (double)N;
        }
        free(perm);
        gsl_rng_free(r);
    } else {
        if (P > 40) {
            batch_err(b, "sobol: at most 40 varied parameters (GSL)");
            return GASDEP_EINPUT;
        }
        gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)P);
        if (!q)
            return GASDEP_ENOMEM;
        /* GSL's sequence starts after the all-zero point; no scrambling,
         * so the seed does not change Sobol points */
        for (long i = 0; i < N; i++)
            gsl_qrng_get(q, b->u + (size_t)i * P);
        gsl_qrng_free(q);
    }
    return GASDEP_OK;
}

static int check_one(gasdep_batch *b, gasdep_model *m, const bparam *par,
                     const char *value)
{
    if (gasdep_set(m, par->path, value) == GASDEP_OK)
        return GASDEP_OK;
    const char *msg = gasdep_errmsg(m);
    /* the engine names overrides "--set:N:"; the value came from --vary */
    if (!strncmp(msg, "--set:", 6)) {
        const char *c = strchr(msg + 6, ':');
        if (c && c[1] == ' ')
            msg = c + 2;
    }
    batch_err_at(b, par->line, "%s %s=%s: %s", par->line ? "vary" : "--vary",
                 par->path, value, msg);
    return GASDEP_EINPUT;
}

/* Every value of every parameter (up to CHECK_VALUES and the last) must be
 * accepted by gasdep_set on the loaded scenario. */
static int check_values(gasdep_batch *b, gasdep_model *m)
{
    char buf[512];
    for (int p = 0; p < b->n_par; p++) {
        const bparam *par = &b->par[p];
        long n = par->n_points;
        int rc = GASDEP_OK;
        if (n > 0) {
            long check = n > CHECK_VALUES ? CHECK_VALUES : n;
            for (long k = 0; k < check && rc == GASDEP_OK; k++) {
                grid_value(par, k, buf, sizeof buf);
                rc = check_one(b, m, par, buf);
            }
            if (rc == GASDEP_OK && check < n) {
                grid_value(par, n - 1, buf, sizeof buf);
                rc = check_one(b, m, par, buf);
            }
        } else {
            sampled_value(par, 0.0, buf, sizeof buf);
            rc = check_one(b, m, par, buf);
            if (rc == GASDEP_OK) {
                sampled_value(par, 0.999999999, buf, sizeof buf);
                rc = check_one(b, m, par, buf);
            }
        }
        if (rc != GASDEP_OK)
            return rc;
    }
    return GASDEP_OK;
}

/* The one unit every value of a numeric parameter is written in ("bcm/y",
 * "%"), into wu; 0 when the values carry none, differ, or are not numbers. */
static int written_unit(const bparam *par, char wu[], size_t len)
{
    if (par->type == PV_RANGE) {
        snprintf(wu, len, "%s", par->unit);
        return par->unit[0] != '\0';
    }
    if (par->type != PV_LIST || par->n_items == 0)
        return 0;
    for (int i = 0; i < par->n_items; i++) {
        double x;
        char u[32];
        if (parse_num_unit(par->items[i], &x, u, sizeof u) || !u[0] ||
            (i && strcmp(u, wu)))
            return 0;
        snprintf(wu, len, "%s", u);
    }
    return 1;
}

char *sweep_column(const char *path, const char *unit)
{
    char slug[40] = "";
    if (unit && !strcmp(unit, "1/y"))
        strcpy(slug, "per_y");
    else if (unit) {
        size_t k = 0;
        for (const char *u = unit; *u && k + 4 < sizeof slug; u++)
            if (*u == '%') {
                memcpy(slug + k, "pct", 3);
                k += 3;
            } else {
                slug[k++] = *u == '/' ? '_' : (char)tolower((unsigned char)*u);
            }
        slug[k] = '\0';
    }
    size_t len = strlen(path) + strlen(slug) + 2;
    char *c = malloc(len);
    if (c)
        snprintf(c, len, slug[0] ? "%s_%s" : "%s", path, slug);
    return c;
}

int sweep_expand(gasdep_batch *b, gasdep_model *probe_loaded)
{
    int sampled = b->design >= GASDEP_DESIGN_RANDOM;
    if (!sampled && b->samples_set) {
        batch_err_at(b, b->samples_line,
                     "samples go with the random, lhs and sobol designs");
        return GASDEP_EINPUT;
    }
    if (sampled && !b->samples_set) {
        batch_err_at(b, b->design_line, "the %s design needs --samples N",
                  b->design == GASDEP_DESIGN_RANDOM ? "random"
                  : b->design == GASDEP_DESIGN_LHS  ? "lhs"
                                                    : "sobol");
        return GASDEP_EINPUT;
    }
    if (sampled && b->n_par == 0) {
        batch_err(b, "a sampled design needs at least one --vary range");
        return GASDEP_EINPUT;
    }
    if (!sampled)
        for (int p = 0; p < b->n_par; p++)
            if (b->par[p].n_points == 0) {
                batch_err_at(b, b->par[p].line, "--vary %s=%s: a range needs a "
                          "step for the %s design (LO:HI:STEP)", b->par[p].path,
                          b->par[p].spec,
                          b->design == GASDEP_DESIGN_GRID ? "grid" : "zip");
                return GASDEP_EINPUT;
            }
    if (b->design == GASDEP_DESIGN_GRID) {
        double n = 1;
        for (int p = 0; p < b->n_par; p++)
            n *= (double)b->par[p].n_points;
        if (n > (double)MAX_RUNS) {
            batch_err(b, "the grid has %.3g runs (at most %ld)", n, MAX_RUNS);
            return GASDEP_EINPUT;
        }
        b->n_runs = (long)n;
    } else if (b->design == GASDEP_DESIGN_ZIP) {
        long n = 1;
        for (int p = 0; p < b->n_par; p++)
            if (b->par[p].n_points > n)
                n = b->par[p].n_points;
        for (int p = 0; p < b->n_par; p++)
            if (b->par[p].n_points != 1 && b->par[p].n_points != n) {
                batch_err_at(b, b->par[p].line, "--zip: %s has %ld values, "
                          "others %ld (lists must have the same length, or one "
                          "value)", b->par[p].path,
                          b->par[p].n_points, n);
                return GASDEP_EINPUT;
            }
        b->n_runs = n;
    } else {
        b->n_runs = b->samples;
        int rc = design_u(b);
        if (rc != GASDEP_OK)
            return rc;
    }
    int rc = check_values(b, probe_loaded);
    if (rc != GASDEP_OK)
        return rc;
    for (int p = 0; p < b->n_par; p++) {
        /* a sweep written in bcm/y or % is shown in bcm/y or %, so sweep.csv
         * and the heat map speak the user's units, not mcm/d and fractions */
        char wu[32];
        b->par[p].written = written_unit(&b->par[p], wu, sizeof wu);
        if (!(b->par[p].column = sweep_column(b->par[p].path, b->par[p].written ? wu
                                              : gasdep_unit(probe_loaded, b->par[p].path))))
            return GASDEP_ENOMEM;
    }
    bbuf d = {0};
    static const char *const NAMES[] = {"grid", "zip", "random", "lhs", "sobol"};
    bb_printf(&d, "sweep of %s: %s design, %ld run%s", b->scenario,
              NAMES[b->design], b->n_runs, b->n_runs == 1 ? "" : "s");
    if (sampled && b->design != GASDEP_DESIGN_SOBOL)
        bb_printf(&d, ", seed %llu", (unsigned long long)b->seed);
    for (int p = 0; p < b->n_par; p++) {
        const bparam *par = &b->par[p];
        bb_printf(&d, "\n  %s = %s", par->path, par->spec);
        if (par->n_points)
            bb_printf(&d, " (%ld value%s)", par->n_points, par->n_points == 1 ? "" : "s");
        else
            bb_puts(&d, " (continuous)");
    }
    if (d.oom) {
        bb_free(&d);
        return GASDEP_ENOMEM;
    }
    b->describe = d.p;
    return GASDEP_OK;
}
