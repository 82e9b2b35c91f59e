/* demand.h: regional demand: monthly shape or a daily CSV series, times the
 * factor of a weather series (libcsv), and the demand-response blocks. */
#ifndef GASDEP_CORE_DEMAND_H
#define GASDEP_CORE_DEMAND_H

#include <stddef.h>

#include "errors.h"
#include "scenario.h"

typedef struct net net;
typedef struct arena arena;

/* Demand of the regions (r < the network's area.n_regions) and their
 * demand-response blocks: those of region r are block_first[r] ..
 * block_first[r + 1] - 1 (CSR, n_regions + 1 entries). */
typedef struct demand_set {
    double *mean;     /* mean daily demand, mcm/d */
    double *shape;    /* 12 normalised monthly factors per region */
    double *daily;    /* 365 daily factors per region (smooth profile), or
                       * NULL: the monthly factor holds all month */
    double **series;  /* per region: daily demand (mcm) over the horizon, or NULL */
    int *has_series;
    double *peak;     /* mcm/d */
    double **weather; /* per region: daily demand factor of the weather
                       * series over the horizon, or NULL */
    int n_blocks;
    int *block_first, *block_region;
    double *block_share, *block_price; /* fraction of the day's demand, EUR/MWh */
} demand_set;

/* Regions' demand (mean, monthly shape, peak, series, weather), after the
 * nodes and areas are built. */
int demand_build_regions(net *n, arena *a, const scenario *scn);
/* The demand-response blocks of every region. */
int demand_build_blocks(net *n, arena *a, const scenario *scn);
/* Read region's daily series from path (errors to err, named at `at`). */
int demand_load_series(net *n, arena *a, errlog *err, int region,
                       const char *path, srcloc at);
/* The same from text in memory (len bytes, NUL-terminated); path names it
 * in messages. */
int demand_parse_series(net *n, arena *a, errlog *err, int region,
                        const char *path, const char *text, size_t len,
                        srcloc at);
/* Read region's weather series (temperature or HDD anomaly, K) into daily
 * demand factors max(0, 1 - sensitivity x temperature anomaly). */
int demand_load_weather(net *n, arena *a, errlog *err, int region,
                        const char *path, double sensitivity, srcloc at);
/* Base demand of region on day (mcm/d), weather included, before events
 * and external factors; after the horizon (a plan of the year ahead) the
 * mean times the profile, without series or weather. */
double demand_base(const net *n, int region, int day, int month0);

#endif
