/* csvnum.c: the fixed-point number formatter of every CSV output. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csvnum.h"

/* "00" to "99": digits written two at a time. */
static const char DIGITS2[] = "00010203040506070809101112131415161718192021222324"
                              "25262728293031323334353637383940414243444546474849"
                              "50515253545556575859606162636465666768697071727374"
                              "75767778798081828384858687888990919293949596979899";

/* u's n decimal digits (zero-padded) ending at e. */
static void digits_back(char *e, uint64_t u, int n)
{
    for (; n >= 2; n -= 2) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        e -= 2;
        memcpy(e, DIGITS2 + 2 * r, 2);
    }
    if (n)
        e[-1] = (char)('0' + u);
}

/* Fixed-point with `dec` decimals, trailing zeros trimmed; empty for NaN.
 * Much faster than printf, and output rows dominate the cost of a day.
 * Rounds x * 10^dec half away from zero as llround does, without its call:
 * the part after truncation is exact below 2^53. */
char *csv_fixed(char *p, double x, int dec)
{
    static const double P10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static const uint64_t U10[] = {1,
                                   10,
                                   100,
                                   1000,
                                   10000,
                                   100000,
                                   1000000,
                                   10000000,
                                   100000000,
                                   1000000000,
                                   10000000000,
                                   100000000000,
                                   1000000000000,
                                   10000000000000,
                                   100000000000000,
                                   1000000000000000,
                                   10000000000000000};
    if (x == 0) { /* (-0 too) nearly a third of the daily fields */
        *p = '0';
        return p + 1;
    }
    if (!isfinite(x))
        return p;
    double scaled = x * P10[dec];
    if (fabs(scaled) >= 9e15)
        return p + sprintf(p, "%.10g", x);
    int64_t v = (int64_t)scaled;
    double rest = scaled - (double)v;
    v += (rest >= 0.5) - (rest <= -0.5);
    uint64_t u = (uint64_t)v;
    if (v < 0) {
        *p++ = '-';
        u = -u;
    }
    /* the usual 6 decimals by a constant: a multiply, not a division */
    uint64_t ip = dec == 6 ? u / 1000000 : u / U10[dec];
    uint64_t fp = u - ip * U10[dec];
    int n = 1;
    while (n < 16 && ip >= U10[n])
        n++;
    digits_back(p + n, ip, n);
    p += n;
    if (fp) {
        n = dec;
        while (fp % 10 == 0) /* trailing zeros trimmed */
            fp /= 10, n--;
        *p++ = '.';
        digits_back(p + n, fp, n);
        p += n;
    }
    return p;
}

/* A field, quoted where it needs quoting. */
void csv_put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void csv_put_num(FILE *f, double x, int dec)
{
    char buf[64];
    *csv_fixed(buf, x, dec) = '\0';
    fputs(buf, f);
}
