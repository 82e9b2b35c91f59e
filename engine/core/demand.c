/* demand.c: daily regional demand from monthly shapes or a CSV series, and
 * the daily weather factor of a temperature or HDD anomaly series (libcsv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "dates.h"
#include "demand.h"

double demand_base(const net *n, int r, int day, int month0)
{
    double d = n->reg_series[r] ? n->reg_series[r][day - n->first_day]
                                : n->reg_mean[r] * n->reg_shape[12 * r + month0];
    if (n->reg_weather && n->reg_weather[r])
        d *= n->reg_weather[r][day - n->first_day];
    return d;
}

typedef struct series_ctx {
    const net *n;
    errlog *err;
    const char *path;
    int region;
    double *out;   /* n_days values, NaN until set */
    int row, col;  /* current CSV row (1-based = file line) and column */
    int date_col, value_col, is_factor;
    int weather;  /* 1: a weather series; is_factor 1 for HDD, 0 for temperature */
    double sens;  /* heating_sensitivity, per K */
    int day_ok, day;
    double value;
    int value_ok;
    char header[2][32];
    int bad;
} series_ctx;

static void series_field(void *s, size_t len, void *data)
{
    series_ctx *c = data;
    char buf[64];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (c->row == 1) {
        if (strcmp(buf, "date") == 0)
            c->date_col = c->col;
        else if (c->weather && (strcmp(buf, "temperature_anomaly_k") == 0 ||
                                strcmp(buf, "hdd_anomaly_k") == 0)) {
            c->value_col = c->col;
            c->is_factor = buf[0] == 'h';
        } else if (!c->weather &&
                   (strcmp(buf, "factor") == 0 || strcmp(buf, "demand_mcm") == 0)) {
            c->value_col = c->col;
            c->is_factor = buf[0] == 'f';
        }
    } else if (c->col == c->date_col) {
        c->day_ok = gasdep_date_parse(buf, &c->day) == 0;
    } else if (c->col == c->value_col) {
        char *end;
        c->value = strtod(buf, &end);
        c->value_ok = end != buf && *end == '\0' && isfinite(c->value) &&
                      (c->weather || c->value >= 0);
    }
    c->col++;
}

static void series_row(int ch, void *data)
{
    series_ctx *c = data;
    (void)ch;
    srcloc at = {-1, c->row};
    if (c->row == 1) {
        if (c->date_col < 0 || c->value_col < 0) {
            err_fail(c->err, GASDEP_EINPUT,
                     c->weather ? "%s:1: header must name 'date' and "
                                  "'temperature_anomaly_k' or 'hdd_anomaly_k'"
                                : "%s:1: header must name 'date' and 'factor' or "
                                  "'demand_mcm'",
                     c->path);
            c->bad = 1;
        }
    } else if (!c->bad) {
        (void)at;
        if (!c->day_ok || !c->value_ok) {
            err_fail(c->err, GASDEP_EINPUT, "%s:%d: %s", c->path, c->row,
                     !c->day_ok   ? "expected a date YYYY-MM-DD"
                     : c->weather ? "expected a number"
                                  : "expected a non-negative number");
        } else {
            const net *n = c->n;
            double v = c->value;
            if (c->weather) {
                /* Monte Carlo's convention: demand x max(0, 1 - s a) for a
                 * temperature anomaly a; an HDD anomaly h is a = -h */
                double f = 1.0 - c->sens * (c->is_factor ? -v : v);
                v = f > 0 ? f : 0.0;
            } else if (c->is_factor) {
                v *= n->reg_mean[c->region];
            }
            if (c->day >= n->first_day && c->day <= n->last_day)
                c->out[c->day - n->first_day] = v;
        }
    }
    c->row++;
    c->col = 0;
    c->day_ok = c->value_ok = 0;
}

static int load_csv(net *n, errlog *err, int region, const char *path, srcloc at,
                    int weather, double sens, double **dst)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        err_at(err, at, "cannot open %s '%s'", weather ? "weather series" : "series",
               path);
        return GASDEP_EINPUT;
    }
    double *out = net_alloc(n, (size_t)n->n_days, sizeof *out);
    if (!out) {
        fclose(fp);
        return err_fail(err, GASDEP_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n->n_days; i++)
        out[i] = NAN;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    series_ctx c = {n, err, path, region, out, 1, 0, -1, -1, 0, weather, sens,
                    0, 0, 0.0, 0, {{0}}, 0};
    char buf[4096];
    size_t got;
    int before = err->n_errors;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, got, series_field, series_row, &c) != got) {
            err_fail(err, GASDEP_EINPUT, "%s:%d: %s", path, c.row,
                     csv_strerror(csv_error(&p)));
            break;
        }
    csv_fini(&p, series_field, series_row, &c);
    csv_free(&p);
    fclose(fp);
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

int demand_load_series(net *n, errlog *err, int region, const char *path,
                       srcloc at)
{
    return load_csv(n, err, region, path, at, 0, 0.0, &n->reg_series[region]);
}

int demand_load_weather(net *n, errlog *err, int region, const char *path,
                        double sensitivity, srcloc at)
{
    return load_csv(n, err, region, path, at, 1, sensitivity, &n->reg_weather[region]);
}
