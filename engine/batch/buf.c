/* buf.c: a growable byte buffer for CSV rows, records and messages, and a
 * monotonic clock. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csvnum.h"

/* ---- buffers ------------------------------------------------------------- */

void bb_reserve(bbuf *b, size_t extra)
{
    if (b->oom || b->n + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return;
    }
    b->p = p;
    b->cap = cap;
}

void bb_put(bbuf *b, const void *data, size_t len)
{
    bb_reserve(b, len);
    if (b->oom)
        return;
    if (len)
        memcpy(b->p + b->n, data, len);
    b->n += len;
    b->p[b->n] = '\0';
}

void bb_puts(bbuf *b, const char *s)
{
    bb_put(b, s, strlen(s));
}

void bb_putc(bbuf *b, char c)
{
    bb_put(b, &c, 1);
}

void bb_printf(bbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    bb_reserve(b, (size_t)n);
    if (b->oom)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

void bb_free(bbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* NUL-terminated fixed-point text; the digits come from output.c. */
char *fmt_fixed(char *buf, double x, int dec)
{
    *csv_fixed(buf, x, dec) = '\0';
    return buf;
}

void bb_num(bbuf *b, double x, int dec)
{
    char buf[48];
    bb_puts(b, fmt_fixed(buf, x, dec));
}

void bb_field(bbuf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n") && !(s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' '))) {
        bb_puts(b, s);
        return;
    }
    bb_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            bb_putc(b, '"');
        bb_putc(b, *s);
    }
    bb_putc(b, '"');
}
