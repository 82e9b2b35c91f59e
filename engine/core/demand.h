/* demand.h: regional demand: monthly shape or a daily CSV series (libcsv). */
#ifndef GASDEP_CORE_DEMAND_H
#define GASDEP_CORE_DEMAND_H

#include "network.h"

/* Read region's daily series from path (errors to err, named at `at`). */
int demand_load_series(net *n, errlog *err, int region, const char *path,
                       srcloc at);
/* Base demand of region on day (mcm/d), before events and factors. */
double demand_base(const net *n, int region, int day, int month0);

#endif
