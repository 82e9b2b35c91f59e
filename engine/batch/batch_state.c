/* batch_state.c: the batch object's error message and kind. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch_state.h"

char *batch_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* ---- errors -------------------------------------------------------------- */

static void batch_verr(gasdep_batch *b, const char *prefix, const char *fmt,
                       va_list ap)
{
    if (b->err.n)
        bb_putc(&b->err, '\n');
    bb_puts(&b->err, prefix);
    /* no fixed buffer: a model's message may hold 50 lines */
    va_list aq;
    va_copy(aq, ap);
    char tmp[1024];
    int k = vsnprintf(tmp, sizeof tmp, fmt, aq);
    va_end(aq);
    if (k < 0)
        return;
    if ((size_t)k < sizeof tmp) {
        bb_puts(&b->err, tmp);
        return;
    }
    char *big = malloc((size_t)k + 1);
    if (!big) {
        bb_puts(&b->err, tmp);
        return;
    }
    vsnprintf(big, (size_t)k + 1, fmt, ap);
    bb_puts(&b->err, big);
    free(big);
}

void batch_err(gasdep_batch *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    batch_verr(b, "", fmt, ap);
    va_end(ap);
}

void batch_err_at(gasdep_batch *b, int line, const char *fmt, ...)
{
    char prefix[512] = "";
    if (line > 0 && b->src_file)
        snprintf(prefix, sizeof prefix, "%s:%d: ", b->src_file, line);
    va_list ap;
    va_start(ap, fmt);
    batch_verr(b, prefix, fmt, ap);
    va_end(ap);
}

void batch_err_clear(gasdep_batch *b)
{
    b->err.n = 0;
    if (b->err.p)
        b->err.p[0] = '\0';
}

void batch_warn(gasdep_batch *b, const char *fmt, ...)
{
    if (b->warn.n)
        bb_putc(&b->warn, '\n');
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    bb_puts(&b->warn, tmp);
}

const char *gasdep_batch_warnings(const gasdep_batch *b)
{
    return b && b->warn.p ? b->warn.p : "";
}

const char *gasdep_batch_errmsg(const gasdep_batch *b)
{
    return b && b->err.p ? b->err.p : "";
}

const char *batch_kind_word(int kind)
{
    switch (kind) {
    case GASDEP_SWEEP: return "sweep";
    case GASDEP_MONTECARLO: return "montecarlo";
    case GASDEP_DEPENDENCE: return "dependence";
    case GASDEP_CRITICALITY: return "criticality";
    }
    return "batch";
}

int batch_is_removal(const gasdep_batch *b)
{
    return b->kind == GASDEP_DEPENDENCE || b->kind == GASDEP_CRITICALITY;
}

double batch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

