/* test_csvnum.c: the fixed-point number formatter of every CSV output
 * (engine/core/csvnum.c) against an independent reference: the value
 * x * 10^dec rounded by llround, its digits written by snprintf, trailing
 * zeros trimmed. Edge values, ties, negative zero, large values and random
 * ones; away from ties it also agrees with printf's "%.*f". */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csvnum.h"

/* What csv_fixed defines: x * 10^dec rounded half away from zero (llround),
 * "-" only for a non-zero result, trailing zeros and a bare point dropped,
 * empty for NaN and infinities; "%.10g" from 9e15 on. */
static void reference(char *out, double x, int dec)
{
    static const double P10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    out[0] = '\0';
    if (!isfinite(x))
        return;
    double s = x * P10[dec];
    if (fabs(s) >= 9e15) {
        sprintf(out, "%.10g", x);
        return;
    }
    long long v = llround(s);
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    unsigned long long p = 1;
    for (int i = 0; i < dec; i++)
        p *= 10;
    int n = sprintf(out, "%s%llu", v < 0 ? "-" : "", u / p);
    if (u % p) {
        n += sprintf(out + n, ".%0*llu", dec, u % p);
        while (out[n - 1] == '0')
            out[--n] = '\0';
    }
}

static const char *fixed(char *buf, double x, int dec)
{
    *csv_fixed(buf, x, dec) = '\0';
    return buf;
}

static void same(double x, int dec)
{
    char got[64], want[64];
    fixed(got, x, dec);
    reference(want, x, dec);
    cr_assert_str_eq(got, want, "x = %.17g, dec %d", x, dec);
}

/* xorshift64*: a fixed sequence, the same on every run */
static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static double uniform(uint64_t *s)
{
    return (double)(next(s) >> 11) * 0x1.0p-53;
}

Test(csvnum, hand_values)
{
    char b[64];
    cr_assert_str_eq(fixed(b, 0.0, 6), "0");
    cr_assert_str_eq(fixed(b, -0.0, 6), "0");
    cr_assert_str_eq(fixed(b, -1e-9, 6), "0");   /* rounds to zero: no sign */
    cr_assert_str_eq(fixed(b, -4e-7, 6), "0");
    cr_assert_str_eq(fixed(b, 1.5, 0), "2");
    cr_assert_str_eq(fixed(b, 2.5, 0), "3");     /* ties away from zero, */
    cr_assert_str_eq(fixed(b, -2.5, 0), "-3");   /* not to even as printf */
    cr_assert_str_eq(fixed(b, 0.5, 0), "1");
    cr_assert_str_eq(fixed(b, -0.5, 0), "-1");
    cr_assert_str_eq(fixed(b, 0.125, 2), "0.13"); /* 12.5 exactly */
    cr_assert_str_eq(fixed(b, -0.125, 2), "-0.13");
    cr_assert_str_eq(fixed(b, 0.49999999999999994, 0), "0");
    cr_assert_str_eq(fixed(b, 14.319068, 6), "14.319068");
    cr_assert_str_eq(fixed(b, 0.77755, 6), "0.77755");
    cr_assert_str_eq(fixed(b, 0.000001, 6), "0.000001");
    cr_assert_str_eq(fixed(b, -0.00001, 6), "-0.00001");
    cr_assert_str_eq(fixed(b, 100, 6), "100");
    cr_assert_str_eq(fixed(b, 22.6, 2), "22.6");
    cr_assert_str_eq(fixed(b, 21.70034, 4), "21.7003");
    cr_assert_str_eq(fixed(b, 8999999999.5, 6), "8999999999.5");
    cr_assert_str_eq(fixed(b, 8999999999.25, 9), "8999999999"); /* scaled 9e18: %.10g */
    cr_assert_str_eq(fixed(b, 9e9, 6), "9000000000"); /* 9e15 scaled: %.10g */
    cr_assert_str_eq(fixed(b, 123456789012.5, 6), "1.23456789e+11");
    cr_assert_str_eq(fixed(b, -1e300, 3), "-1e+300");
    cr_assert_str_eq(fixed(b, NAN, 6), "");
    cr_assert_str_eq(fixed(b, INFINITY, 6), "");
    cr_assert_str_eq(fixed(b, -INFINITY, 2), "");
}

Test(csvnum, edge_values_as_the_reference)
{
    const double base[] = {0.0, 1e-320, DBL_MIN, 1e-300, 1e-10, 4e-7, 4.9999999e-7,
                           5e-7, 5.0000001e-7, 1e-6, 1.5e-6, 2.5e-6, 0.0000005,
                           0.1, 0.2, 0.3, 0.7, 0.5, 1.005, 2.675, 1.0000005,
                           0.1234565, 0.9999995, 0.99999949999, 9.9999995,
                           1, 9, 10, 99, 100, 12345.6789, 65535.5, 4294967295.5,
                           1e9, 8.99e9, 8999999999.9999995, 9e9, 9.0000001e9,
                           4503599627370495.5, 9007199254740992.0, 9e15, 1e16,
                           1e17, 1e20, 1e300, DBL_MAX, 0.49999999999999994,
                           1.4999999999999998, 2.5000000000000004};
    for (size_t i = 0; i < sizeof base / sizeof *base; i++)
        for (int dec = 0; dec <= 9; dec++)
            for (int sign = 0; sign < 2; sign++) {
                double x = sign ? -base[i] : base[i];
                same(x, dec);
                same(nextafter(x, INFINITY), dec);
                same(nextafter(x, -INFINITY), dec);
            }
}

/* values with exact binary ties x * 10^dec = k + 1/2 */
Test(csvnum, ties_as_the_reference)
{
    uint64_t s = 7;
    for (int i = 0; i < 200000; i++) {
        int dec = (int)(next(&s) % 10);
        double k = (double)(next(&s) % 100000000);
        double x = (k + 0.5) / (dec ? pow(10, dec) : 1);
        same(x, dec);
        same(-x, dec);
    }
}

Test(csvnum, random_values_as_the_reference)
{
    uint64_t s = 20;
    for (int i = 0; i < 1000000; i++) {
        int dec = (int)(next(&s) % 10);
        double x;
        switch (i % 4) {
        case 0: /* any bit pattern (NaN and infinities included) */
        {
            uint64_t bits = next(&s);
            memcpy(&x, &bits, sizeof x);
            break;
        }
        case 1: /* magnitudes 1e-12 .. 1e17 */
            x = pow(10, -12 + 29 * uniform(&s)) * (next(&s) & 1 ? -1 : 1);
            break;
        case 2: /* decimals as written in the CSV files, ties in decimal */
            x = (double)(next(&s) % 10000000000ULL) / pow(10, (double)(next(&s) % 11));
            break;
        default: /* flows and volumes: 0 .. 1000 */
            x = 1000 * uniform(&s);
            break;
        }
        same(x, dec);
    }
}

/* Away from ties (where x * 10^dec is not within its rounding error of
 * k + 1/2) the text is printf's "%.*f", trailing zeros trimmed. */
Test(csvnum, as_printf_away_from_ties)
{
    static const double P10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    uint64_t s = 2021;
    int compared = 0;
    for (int i = 0; i < 300000; i++) {
        int dec = (int)(next(&s) % 10);
        double x = pow(10, -8 + 14 * uniform(&s)) * (next(&s) & 1 ? -1 : 1);
        double scaled = x * P10[dec];
        if (fabs(scaled) >= 9e15)
            continue;
        double frac = fabs(scaled) - floor(fabs(scaled));
        if (fabs(frac - 0.5) <= 1e-15 * fmax(1, fabs(scaled)))
            continue;
        char want[400], got[64];
        int n = snprintf(want, sizeof want, "%.*f", dec, x);
        if (memchr(want, '.', (size_t)n)) {
            while (want[n - 1] == '0')
                want[--n] = '\0';
            if (want[n - 1] == '.')
                want[--n] = '\0';
        }
        if (!strcmp(want, "-0"))
            strcpy(want, "0");
        cr_assert_str_eq(fixed(got, x, dec), want, "x = %.17g, dec %d", x, dec);
        compared++;
    }
    cr_assert_gt(compared, 290000);
}
