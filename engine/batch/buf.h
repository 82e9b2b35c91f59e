/* buf.h: a growable byte buffer (CSV rows, journal records, messages). */
#ifndef GASDEP_BATCH_BUF_H
#define GASDEP_BATCH_BUF_H

#include <stddef.h>

/* A buffer that grows; `oom` is set when memory ran out (further writes
 * are dropped), so callers check once at the end. */
typedef struct bbuf {
    char *p;
    size_t n, cap;
    int oom;
} bbuf;

void bb_reserve(bbuf *b, size_t extra);
void bb_put(bbuf *b, const void *data, size_t len);
void bb_puts(bbuf *b, const char *s);
void bb_putc(bbuf *b, char c);
/* Fixed point with `dec` decimals, trailing zeros trimmed, "" for NaN. */
void bb_num(bbuf *b, double x, int dec);
/* A CSV field, quoted where needed. */
void bb_field(bbuf *b, const char *s);
void bb_printf(bbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bb_free(bbuf *b);
/* Format into a fixed buffer: fixed point as bb_num. */
char *fmt_fixed(char *buf, double x, int dec);

#endif
