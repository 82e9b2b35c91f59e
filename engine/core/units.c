/* units.c: quantities with units -> canonical units (mcm/d, mcm, fractions). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"

#define DAYS_PER_YEAR 365.0

typedef struct unit_def {
    const char *name;
    int qclass;
    int energy;   /* 1: GWh-based, converted with GCV at init */
    double scale; /* to mcm/d (flow), mcm (volume), or GWh(/d) if energy */
} unit_def;

static const unit_def UNITS[] = {
    {"mcm/d", Q_FLOW, 0, 1.0},
    {"bcm/y", Q_FLOW, 0, 1000.0 / DAYS_PER_YEAR},
    {"mcm/y", Q_FLOW, 0, 1.0 / DAYS_PER_YEAR},
    {"GWh/d", Q_FLOW, 1, 1.0},
    {"TWh/y", Q_FLOW, 1, 1000.0 / DAYS_PER_YEAR},
    {"mcm", Q_VOLUME, 0, 1.0},
    {"bcm", Q_VOLUME, 0, 1000.0},
    {"GWh", Q_VOLUME, 1, 1.0},
    {"TWh", Q_VOLUME, 1, 1000.0},
};

/* Split "12.5 bcm/y" into a number and the (trimmed) unit text after it. */
static int split_number(const char *s, double *x, const char **unit)
{
    char *end;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0')
        return -1;
    errno = 0;
    *x = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(*x))
        return -1;
    while (isspace((unsigned char)*end))
        end++;
    *unit = end;
    return 0;
}

static int unit_eq(const char *u, const char *name)
{
    size_t n = strlen(name);
    if (strncasecmp(u, name, n) != 0)
        return 0;
    for (u += n; *u; u++)
        if (!isspace((unsigned char)*u))
            return 0;
    return 1;
}

int units_parse_qty(const char *s, int qclass, qty *out, const char **why)
{
    double x;
    const char *u;
    memset(out, 0, sizeof *out);
    if (split_number(s, &x, &u) != 0) {
        *why = "expected a number with a unit";
        return -1;
    }
    if (*u == '\0') {
        *why = qclass == Q_FLOW ? "missing unit (mcm/d, bcm/y, GWh/d or TWh/y)"
                                : "missing unit (mcm, bcm, GWh or TWh)";
        return -1;
    }
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        if (!unit_eq(u, UNITS[i].name))
            continue;
        if (UNITS[i].qclass != qclass) {
            *why = qclass == Q_FLOW
                       ? "a volume unit where a flow is expected (use mcm/d, bcm/y, GWh/d or TWh/y)"
                       : "a flow unit where a volume is expected (use mcm, bcm, GWh or TWh)";
            return -1;
        }
        if (x < 0) {
            *why = "must not be negative";
            return -1;
        }
        double v = x * UNITS[i].scale;
        if (v > (qclass == Q_FLOW ? UNITS_MAX_FLOW : UNITS_MAX_VOLUME)) {
            *why = qclass == Q_FLOW ? "too large (at most 1000000 mcm/d or GWh/d)"
                                    : "too large (at most 100000000 mcm or GWh)";
            return -1;
        }
        out->v = v;
        out->energy = (unsigned char)UNITS[i].energy;
        out->set = 1;
        return 0;
    }
    *why = qclass == Q_FLOW ? "unknown unit (use mcm/d, bcm/y, GWh/d or TWh/y)"
                            : "unknown unit (use mcm, bcm, GWh or TWh)";
    return -1;
}

/* A plain number with an optional unit that must match `unit` if present
 * (e.g. "EUR/MWh", "d", "K", "kWh/m3"). */
int units_parse_number(const char *s, const char *unit, double *out,
                       const char **why)
{
    const char *u;
    if (split_number(s, out, &u) != 0) {
        *why = "expected a number";
        return -1;
    }
    if (*u != '\0' && !(unit && unit_eq(u, unit))) {
        *why = unit ? "unknown unit" : "unexpected text after the number";
        return -1;
    }
    if (fabs(*out) > UNITS_MAX_NUMBER) {
        *why = "number too large (at most 1e9 in size)";
        return -1;
    }
    return 0;
}

/* "40%" or "0.4" -> 0.4. Fractions above 1 are allowed here (factors such as
 * 130%); callers that need 0..1 check the range. */
int units_parse_fraction(const char *s, double *out, const char **why)
{
    const char *u;
    if (split_number(s, out, &u) != 0) {
        *why = "expected a fraction (0.4 or 40%)";
        return -1;
    }
    if (*u == '%' && u[1] == '\0') {
        *out /= 100.0;
        return 0;
    }
    if (*u == '\0')
        return 0;
    *why = "unknown unit (a fraction takes % or none)";
    return -1;
}

double units_mcm(const qty *q, double gwh_per_mcm)
{
    return q->energy ? q->v / gwh_per_mcm : q->v;
}

/* Bare numbers are fractions in 0..1; written with % a share may exceed
 * 100 % up to max (a factor of 130% raises a target). */
int units_parse_share(const char *s, double max, double *out, const char **why)
{
    const char *u;
    if (split_number(s, out, &u) != 0) {
        *why = "expected a fraction (0.4 or 40%)";
        return -1;
    }
    int pct = *u == '%' && u[1] == '\0';
    if (!pct && *u != '\0') {
        *why = "unknown unit (a fraction takes % or none)";
        return -1;
    }
    if (pct)
        *out /= 100.0;
    if (*out < 0) {
        *why = "must not be negative";
        return -1;
    }
    if (!pct && *out > 1) {
        *why = max > 1 ? "a bare number is a fraction in 0..1; write 150% for "
                         "more than 100%"
                       : "must lie in 0..1 (0%..100%)";
        return -1;
    }
    if (*out > max) {
        *why = max > 1 ? "at most 1000%" : "must lie in 0..1 (0%..100%)";
        return -1;
    }
    return 0;
}
