/* demand.h: regional demand: monthly shape or a daily CSV series (libcsv). */
#ifndef GASDEP_CORE_DEMAND_H
#define GASDEP_CORE_DEMAND_H

#include <stddef.h>

#include "network.h"

/* Read region's daily series from path (errors to err, named at `at`). */
int demand_load_series(net *n, errlog *err, int region, const char *path,
                       srcloc at);
/* The same from text in memory (len bytes, NUL-terminated); path names it
 * in messages. */
int demand_parse_series(net *n, errlog *err, int region, const char *path,
                        const char *text, size_t len, srcloc at);
/* Base demand of region on day (mcm/d), before events and factors. */
double demand_base(const net *n, int region, int day, int month0);

#endif
