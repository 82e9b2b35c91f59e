/* csvnum.c: the fixed-point number formatter of every CSV output. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csvnum.h"

/* Fixed-point with `dec` decimals, trailing zeros trimmed; empty for NaN.
 * Much faster than printf, and output rows dominate the cost of a day. */
char *csv_fixed(char *p, double x, int dec)
{
    static const double P10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (!isfinite(x))
        return p;
    double scaled = x * P10[dec];
    if (fabs(scaled) >= 9e15)
        return p + sprintf(p, "%.10g", x);
    int64_t v = (int64_t)llround(scaled);
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    uint64_t ip = (uint64_t)v / (uint64_t)P10[dec];
    uint64_t fp = (uint64_t)v % (uint64_t)P10[dec];
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (k)
        *p++ = tmp[--k];
    if (fp) {
        char fr[12];
        for (int i = dec - 1; i >= 0; i--) {
            fr[i] = (char)('0' + fp % 10);
            fp /= 10;
        }
        int last = dec;
        while (last > 0 && fr[last - 1] == '0')
            last--;
        *p++ = '.';
        memcpy(p, fr, (size_t)last);
        p += last;
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
