/* demand.c: daily regional demand from monthly shapes or a CSV series, and
 * the daily weather factor of a temperature or HDD anomaly series (libcsv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <gsl/gsl_linalg.h>

#include "dates.h"
#include "demand.h"
#include "network.h"
#include "resolve.h"
#include "util.h"

double demand_base(const net *n, int r, int day, int month0)
{
    double f = n->dem.daily ? n->dem.daily[365 * (size_t)r + dates_doy365(day)]
                            : n->dem.shape[12 * r + month0];
    /* days after the horizon (the water values' plan of the year ahead):
     * the profile, and no weather, since series and weather cover only the
     * horizon */
    int t = day - n->first_day, inside = t >= 0 && t < n->n_days;
    double d = n->dem.series[r] && inside ? n->dem.series[r][t] : n->dem.mean[r] * f;
    if (n->dem.weather && n->dem.weather[r] && inside)
        d *= n->dem.weather[r][t];
    return d;
}

typedef struct series_ctx {
    const net *n;
    errlog *err;
    const char *path;
    srcloc at;     /* file index of the series; line of the current record */
    int region;
    double *out;   /* n_days values, NaN until set */
    int *first_line; /* per day: line that gave it (duplicates) */
    int line;      /* file line being fed to the parser */
    int row, col;  /* current CSV record (1 = header) and column */
    int date_col, value_col, is_factor;
    int weather;  /* 1: a weather series; is_factor 1 for HDD, 0 for temperature */
    double sens;  /* heating_sensitivity, per K */
    int day_ok, day;
    const char *date_why;
    double value;
    int value_ok;
    int bad;
    char ambiguous[160];   /* header names a column twice or both kinds */
    char value_name[64];   /* the value column's name */
    int rec_open, rec_line; /* a record has started, on this file line */
} series_ctx;

static void series_field(void *s, size_t len, void *data)
{
    series_ctx *c = data;
    char buf[64];
    if (c->col == 0)
        c->at.line = c->line; /* a record's line is where its first field ends */
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (c->row == 1) {
        int value = c->weather ? strcmp(buf, "temperature_anomaly_k") == 0 ||
                                     strcmp(buf, "hdd_anomaly_k") == 0
                               : strcmp(buf, "factor") == 0 ||
                                     strcmp(buf, "demand_mcm") == 0;
        int *col = strcmp(buf, "date") == 0 ? &c->date_col : value ? &c->value_col
                                                                   : NULL;
        if (col && *col >= 0 && !c->ambiguous[0]) {
            if (col == &c->date_col || !strcmp(buf, c->value_name))
                snprintf(c->ambiguous, sizeof c->ambiguous, "'%.60s' given twice", buf);
            else
                snprintf(c->ambiguous, sizeof c->ambiguous, "give '%.60s' or '%.60s', not both",
                         c->value_name, buf);
        }
        if (col && *col < 0) {
            *col = c->col;
            if (value)
                snprintf(c->value_name, sizeof c->value_name, "%.60s", buf);
        }
        if (value && c->value_col == c->col)
            c->is_factor = c->weather ? buf[0] == 'h' : buf[0] == 'f';
    } else if (c->col == c->date_col) {
        c->day_ok = dates_parse(buf, &c->day, &c->date_why) == 0;
    } else if (c->col == c->value_col) {
        char *end;
        c->value = strtod(buf, &end);
        c->value_ok = end != buf && *end == '\0' && isfinite(c->value) &&
                      (c->weather ? fabs(c->value) <= 100.0 /* K */
                                  : c->value >= 0 &&
                                        c->value <= (c->is_factor ? UNITS_MAX_FACTOR
                                                                  : UNITS_MAX_FLOW));
    }
    c->col++;
}

static void series_row(int ch, void *data)
{
    series_ctx *c = data;
    (void)ch;
    if (c->col == 0)
        c->at.line = c->line;
    if (c->row == 1) {
        if (c->ambiguous[0]) { /* one column would silently win */
            err_at(c->err, c->at, "header: %s", c->ambiguous);
            c->bad = 1;
        } else if (c->date_col < 0 || c->value_col < 0) {
            err_at(c->err, c->at,
                   c->weather ? "header must name 'date' and "
                                "'temperature_anomaly_k' or 'hdd_anomaly_k'"
                              : "header must name 'date' and 'factor' or 'demand_mcm'");
            c->bad = 1;
        }
    } else if (!c->bad) {
        if (!c->day_ok || !c->value_ok) {
            err_at(c->err, c->at, "%s",
                   !c->day_ok ? (c->date_why ? c->date_why
                                             : "expected a date YYYY-MM-DD")
                   : c->weather   ? "expected an anomaly in -100..100 K"
                   : c->is_factor ? "expected a factor in 0..10"
                                  : "expected a number of mcm in 0..1000000");
        } else {
            const net *n = c->n;
            if (c->day >= n->first_day && c->day <= n->last_day) {
                int i = c->day - n->first_day;
                if (c->first_line[i]) {
                    char date[11];
                    gasdep_date_format(c->day, date);
                    err_at(c->err, c->at, "%s given twice (first on line %d)",
                           date, c->first_line[i]);
                } else {
                    c->first_line[i] = c->at.line;
                    double v = c->value;
                    if (c->weather) {
                        /* Monte Carlo's convention: demand x max(0, 1 - s a)
                         * for a temperature anomaly a; an HDD anomaly h is a = -h */
                        double f = 1.0 - c->sens * (c->is_factor ? -v : v);
                        v = f > 0 ? f : 0.0;
                    } else if (c->is_factor) {
                        v *= n->dem.mean[c->region];
                    }
                    c->out[i] = v;
                }
            }
        }
    }
    c->row++;
    c->col = 0;
    c->rec_open = 0;
    c->day_ok = c->value_ok = 0;
    c->date_why = NULL;
}

static int parse_csv(net *n, arena *a, errlog *err, int region, const char *path,
                     const char *text, size_t len, srcloc at, int weather,
                     double sens, double **dst)
{
    int file = err_add_file(err, path);
    if (file < 0)
        return err_fail(err, GASDEP_ENOMEM, "out of memory");
    double *out = arena_alloc(a, (size_t)n->n_days, sizeof *out);
    int *first_line = calloc(n->n_days > 0 ? (size_t)n->n_days : 1, sizeof *first_line);
    if (!out || !first_line) {
        free(first_line);
        return err_fail(err, GASDEP_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n->n_days; i++)
        out[i] = NAN;
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        free(first_line);
        return err_fail(err, GASDEP_ENOMEM, "out of memory");
    }
    series_ctx c = {0};
    c.n = n;
    c.err = err;
    c.path = path;
    c.at.file = file;
    c.region = region;
    c.out = out;
    c.first_line = first_line;
    c.row = 1;
    c.date_col = c.value_col = -1;
    c.weather = weather;
    c.sens = sens;
    int before = err->n_errors;
    size_t bom = utf8_bom_len(text);
    /* fed a line at a time, so that records know the file line they are on
     * (libcsv counts records; blank lines and quoted newlines shift them) */
    for (size_t pos = bom; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t chunk = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        c.line++;
        if (!c.rec_open && text[pos] != '\n' && strncmp(text + pos, "\r\n", 2)) {
            c.rec_open = 1;
            c.rec_line = c.line;
        }
        if (csv_parse(&p, text + pos, chunk, series_field, series_row, &c) != chunk) {
            c.at.line = c.line;
            err_at(err, c.at, "%s", csv_strerror(csv_error(&p)));
            break;
        }
        pos += chunk; /* errors are counted on, kept up to the cap (err_at) */
    }
    /* a quote still open at the end is an error where its record starts,
     * not a field that the end of the file closes (libcsv's parser state 2,
     * FIELD_BEGUN, with quoted set: inside a quoted field) */
    if (p.quoted && p.pstate == 2) {
        c.at.line = c.rec_line;
        err_at(err, c.at, "unterminated quote: the quoted field of the record "
               "starting here never closes");
        c.bad = 1;
    } else {
        csv_fini(&p, series_field, series_row, &c);
    }
    csv_free(&p);
    free(first_line);
    if (c.row == 1 && err->n_errors == before)
        err_at(err, at, "series '%s' is empty", path);
    if (err->n_errors == before) {
        for (int i = 0; i < n->n_days; i++)
            if (isnan(out[i])) {
                char date[11];
                gasdep_date_format(n->first_day + i, date);
                err_at(err, at, "series '%s' has no value for %s", path, date);
                break;
            }
    }
    *dst = out;
    return err->n_errors > before ? GASDEP_EINPUT : GASDEP_OK;
}

int demand_parse_series(net *n, arena *a, errlog *err, int region, const char *path,
                        const char *text, size_t len, srcloc at)
{
    return parse_csv(n, a, err, region, path, text, len, at, 0, 0.0,
                     &n->dem.series[region]);
}

static int load_csv(net *n, arena *a, errlog *err, int region, const char *path, srcloc at,
                    int weather, double sens, double **dst)
{
    const char *what = weather ? "weather series" : "series";
    char *text;
    size_t len;
    int rf = read_regular_file(path, MAX_INPUT_BYTES, &text, &len);
    if (rf == RF_NOMEM)
        return err_fail(err, GASDEP_ENOMEM, "out of memory");
    if (rf != RF_OK) {
        if (rf == RF_OPEN)
            err_at(err, at, "cannot open %s '%s'", what, path);
        else
            err_at(err, at, "%s '%s': %s", what, path, read_file_why(rf));
        return GASDEP_EINPUT;
    }
    int rc = parse_csv(n, a, err, region, path, text, len, at, weather, sens, dst);
    free(text);
    return rc;
}

int demand_load_series(net *n, arena *a, errlog *err, int region, const char *path,
                       srcloc at)
{
    return load_csv(n, a, err, region, path, at, 0, 0.0, &n->dem.series[region]);
}

int demand_load_weather(net *n, arena *a, errlog *err, int region, const char *path,
                        double sensitivity, srcloc at)
{
    return load_csv(n, a, err, region, path, at, 1, sensitivity, &n->dem.weather[region]);
}

/* Month lengths and first days of a 365-day year. */
static const int MDAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
static const int MFIRST[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/* Knot k's day (k may run one past either end of the year: cyclic). */
static double knot_day(int k)
{
    int m = ((k % 12) + 12) % 12;
    double shift = k < 0 ? -365.0 : k > 11 ? 365.0 : 0.0;
    return MFIRST[m] + 0.5 * (MDAYS[m] - 1) + shift;
}

/* The knots around day d of the year: d lies between knot k and k + 1,
 * at fraction *lam of the way. */
static int knot_of(int d, double *lam)
{
    int k = -1;
    while (k < 12 && knot_day(k + 1) <= d)
        k++;
    *lam = (d - knot_day(k)) / (knot_day(k + 1) - knot_day(k));
    return k;
}

/* Mean-preserving smooth profile (docs/DISPATCH.md, FORMAT.md): daily
 * factors of a 365-day year, linear between knots at mid-month (cyclic over
 * the year), the knot values chosen so that each month's mean is its shape
 * factor: a 12 x 12 system A v = shape, A[m][k] the weight of knot k in the
 * mean of month m. Negative values (a month of zero next to a large one)
 * are cut at 0 and each month is then scaled to its mean again. 0 on
 * success, -1 when the system cannot be solved (out of memory). */
static int smooth_profile(const double *shape, double *daily)
{
    double A[144] = {0}, v[12];
    for (int d = 0; d < 365; d++) {
        int m = 0;
        while (m < 11 && MFIRST[m + 1] <= d)
            m++;
        double lam;
        int k = knot_of(d, &lam);
        A[12 * m + (k + 12) % 12] += (1.0 - lam) / MDAYS[m];
        A[12 * m + (k + 13) % 12] += lam / MDAYS[m];
    }
    gsl_matrix_view Am = gsl_matrix_view_array(A, 12, 12);
    gsl_vector_const_view s = gsl_vector_const_view_array(shape, 12);
    gsl_vector_view x = gsl_vector_view_array(v, 12);
    gsl_permutation *p = gsl_permutation_alloc(12);
    int sign;
    int bad = !p || gsl_linalg_LU_decomp(&Am.matrix, p, &sign) ||
              gsl_linalg_LU_solve(&Am.matrix, p, &s.vector, &x.vector);
    gsl_permutation_free(p);
    if (bad)
        return -1;
    for (int m = 0; m < 12; m++) {
        double sum = 0.0;
        for (int d = MFIRST[m]; d < MFIRST[m] + MDAYS[m]; d++) {
            double lam;
            int k = knot_of(d, &lam);
            double f = (1.0 - lam) * v[(k + 12) % 12] + lam * v[(k + 13) % 12];
            daily[d] = f > 0 ? f : 0.0;
            sum += daily[d];
        }
        double scale = sum > 0 ? shape[m] * MDAYS[m] / sum : 0.0;
        for (int d = MFIRST[m]; d < MFIRST[m] + MDAYS[m]; d++)
            daily[d] *= scale;
    }
    return 0;
}

/* Regions' demand: mean, monthly shape, peak, series and weather. */
int demand_build_regions(net *n, arena *a, const scenario *scn)
{
    BUILD_ALLOC(a, scn->err, n->dem.mean, n->area.n_regions);
    BUILD_ALLOC(a, scn->err, n->dem.shape, 12 * n->area.n_regions);
    BUILD_ALLOC(a, scn->err, n->dem.series, n->area.n_regions);
    BUILD_ALLOC(a, scn->err, n->dem.has_series, n->area.n_regions);
    BUILD_ALLOC(a, scn->err, n->dem.peak, n->area.n_regions);
    BUILD_ALLOC(a, scn->err, n->dem.weather, n->area.n_regions);
    if (scn->sc.demand_profile == PROFILE_SMOOTH)
        BUILD_ALLOC(a, scn->err, n->dem.daily, 365 * (size_t)n->area.n_regions);
    /* month lengths of a 365-day year, for normalising monthly shapes */
    static const double mdays[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    for (int r = 0; r < n->area.n_regions; r++) {
        node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        char who[300];
        snprintf(who, sizeof who, "region '%s'", e->h.name);
        n->dem.mean[r] = resolve_qty(scn, &e->demand, who, "demand", e->h.at);
        double *sh = n->dem.shape + 12 * r;
        double wsum = 0.0, peak = 0.0;
        for (int k = 0; k < 12; k++) {
            sh[k] = e->shape.n == 12 ? e->shape.val[k] : 1.0;
            wsum += sh[k] * mdays[k];
        }
        if (wsum <= 0) {
            err_at(scn->err, e->shape.at, "%s: 'shape' factors are all zero", who);
            wsum = 365.0;
        }
        for (int k = 0; k < 12; k++) {
            sh[k] *= 365.0 / wsum;
            if (sh[k] > peak)
                peak = sh[k];
        }
        if (n->dem.daily) {
            double *day = n->dem.daily + 365 * (size_t)r;
            if (smooth_profile(sh, day))
                return err_fail(scn->err, GASDEP_ENOMEM, "out of memory");
            for (int k = 0; k < 365; k++)
                peak = day[k] > peak ? day[k] : peak;
        }
        n->dem.peak[r] = e->peak.set ? units_mcm(&e->peak, scn->sc.gcv)
                                     : peak * n->dem.mean[r];
        if (e->series) {
            int rc = demand_load_series(n, a, scn->err, r, e->series, e->series_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
        if (e->weather) {
            int rc = demand_load_weather(n, a, scn->err, r, e->weather, e->heating,
                                         e->weather_at);
            if (rc != GASDEP_OK && rc != GASDEP_EINPUT)
                return rc;
        }
    }
    return GASDEP_OK;
}

/* Demand-response blocks of every region; none under fixed_demand (the
 * stress tests' demand, which does not answer prices). */
int demand_build_blocks(net *n, arena *a, const scenario *scn)
{
    int drs = 0;
    BUILD_ALLOC(a, scn->err, n->dem.block_first, n->area.n_regions + 1);
    if (scn->sc.fixed_demand) {
        for (int r = 0; r <= n->area.n_regions; r++)
            n->dem.block_first[r] = 0;
        return GASDEP_OK;
    }
    for (int r = 0; r < n->area.n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        drs += e->demand_response.n;
    }
    BUILD_ALLOC(a, scn->err, n->dem.block_region, drs);
    BUILD_ALLOC(a, scn->err, n->dem.block_share, drs);
    BUILD_ALLOC(a, scn->err, n->dem.block_price, drs);
    for (int r = 0; r < n->area.n_regions; r++) {
        const node_el *e = scenario_find(scn, SK_NODE, n->node.name[n->area.node[r]]);
        const plist *l = &e->demand_response;
        n->dem.block_first[r] = n->dem.n_blocks;
        for (int j = 0; j < l->n; j++) {
            /* a block gives way before any demand goes unserved */
            if (l->price[j] >= scn->sc.voll)
                err_at(scn->err, l->at, "region '%s': 'demand_response' price %g "
                       "EUR/MWh must be below voll (%g EUR/MWh)", e->h.name,
                       l->price[j], scn->sc.voll);
            n->dem.block_region[n->dem.n_blocks] = r;
            n->dem.block_share[n->dem.n_blocks] = l->share[j];
            n->dem.block_price[n->dem.n_blocks++] = l->price[j];
        }
    }
    n->dem.block_first[n->area.n_regions] = n->dem.n_blocks;
    return GASDEP_OK;
}
