/* csvnum.h: the fixed-point number formatter of every CSV output. */
#ifndef GASDEP_CORE_CSVNUM_H
#define GASDEP_CORE_CSVNUM_H

#include <stdio.h>

/* x with `dec` decimals (dec <= 9), trailing zeros trimmed, nothing for NaN;
 * returns the end of the text (not NUL-terminated). */
char *csv_fixed(char *p, double x, int dec);
/* A field written to f, quoted where it needs quoting (RFC 4180). */
void csv_put_field(FILE *f, const char *s);
/* x written to f as csv_fixed does. */
void csv_put_num(FILE *f, double x, int dec);

/* Prices are written to the cent per MWh: below that only the dispatch's
 * tie-break shows (docs/DISPATCH.md). */
#define PRICE_DECIMALS 2

#endif
