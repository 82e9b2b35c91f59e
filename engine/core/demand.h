/* demand.h: regional demand: monthly shape or a daily CSV series, times the
 * factor of a weather series (libcsv). */
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
/* Read region's weather series (temperature or HDD anomaly, K) into daily
 * demand factors max(0, 1 - sensitivity x temperature anomaly). */
int demand_load_weather(net *n, errlog *err, int region, const char *path,
                        double sensitivity, srcloc at);
/* Base demand of region on day (mcm/d), weather included, before events
 * and external factors. */
double demand_base(const net *n, int region, int day, int month0);

#endif
