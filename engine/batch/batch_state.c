/* bstate.c: the batch object's error message. */
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

void batch_err(gasdep_batch *b, const char *fmt, ...)
{
    if (b->err.n)
        bb_putc(&b->err, '\n');
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    bb_puts(&b->err, tmp);
}

void batch_err_clear(gasdep_batch *b)
{
    b->err.n = 0;
    if (b->err.p)
        b->err.p[0] = '\0';
}

const char *gasdep_batch_errmsg(const gasdep_batch *b)
{
    return b && b->err.p ? b->err.p : "";
}


double batch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

