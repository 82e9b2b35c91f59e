/* batch_state.h: the batch object (struct gasdep_batch): its description, prepared
 * design and Monte Carlo elements, and its error message. */
#ifndef GASDEP_BATCH_BATCH_STATE_H
#define GASDEP_BATCH_BATCH_STATE_H

#include <stdint.h>

#include "buf.h"
#include "gasdep/batch.h"
#include "gasdep/gasdep.h"

enum { PV_LIST, PV_RANGE, PV_DATES };

typedef struct bparam {
    char *path;
    char *spec;   /* as written after '=' */
    int type;     /* PV_LIST, PV_RANGE (numbers), PV_DATES */
    char **items; /* PV_LIST */
    int n_items;
    double lo, hi, step; /* ranges; dates in days since 1970 */
    int has_step;
    char unit[32];
    char *column; /* its sweep.csv column: path and the unit of its values */
    int written;  /* 1: values in the unit the sweep was written in (column
                   * suffix from it); 0: canonical units (gasdep_get) */
    long n_points; /* values on the grid (list length, range points) */
    int line;      /* line of the sweep file that gave it; 0 for --vary */
} bparam;

/* Monte Carlo: an element with random outages. */
typedef struct mc_elem {
    int kind, index;    /* GASDEP_PIPELINE/SOURCE/STORAGE/LNG, index */
    char *path;         /* "pipeline.NAME" */
    double rate;        /* outages per year */
    double mean_days;   /* mean duration */
    int dist;           /* 0 exponential, 1 lognormal */
    double sigma;       /* lognormal sigma of log duration */
    double depth;       /* share of capacity lost */
    uint64_t stream;    /* generator stream id (hash of path) */
} mc_elem;

/* Monte Carlo: an event whose start is drawn in [start, start + window]. */
typedef struct mc_event {
    char *name;
    int start, end, window, has_end;
} mc_event;

/* Dependence and criticality: the element removed in run 2 + i (run 1 is
 * the scenario as it is). */
typedef struct rm_elem {
    int kind;   /* GASDEP_ORIGIN, GASDEP_ORIGIN_GROUP, GASDEP_PIPELINE,
                   GASDEP_SOURCE, GASDEP_STORAGE or GASDEP_LNG */
    int index;  /* index of that kind in the probe model */
    char *name;
} rm_elem;

/* Output metrics of bands.csv, per day x area (MC). */
enum {
    BM_DEMAND,
    BM_SUPPLIED,
    BM_UNSERVED,
    BM_STORAGE_FILL,
    BM_SHARE_RUSSIA,
    BM_SHARE_CASPIAN,
    BM_SHARE_OTHER,
    BM_PRICE,
    BM_COUNT
};
extern const char *const BAND_METRICS[BM_COUNT];

/* The batch object (opaque in include/gasdep/batch.h). */
struct gasdep_batch {
    int kind;
    bbuf err;
    bbuf warn; /* gasdep_batch_warnings */
    char *scenario;
    char **sets;
    int n_sets;
    bparam *par;
    int n_par;
    int design, design_set;
    long samples;
    int samples_set;
    uint64_t seed;
    int seed_set;
    /* a sweep file read with gasdep_batch_load_file: where each item was
     * given, for messages found after parsing (0: not from the file) */
    char *src_file;
    int scenario_line, samples_line, design_line;
    int *set_line; /* per entry of sets */
    /* prepared */
    int prepared;
    long n_runs;
    double *u;       /* n_runs x n_par in [0,1) for sampled designs */
    uint64_t identity; /* hash of everything that determines the results */
    /* network facts from the probe model (fixed for MC; the base for sweeps) */
    int n_areas, n_regions;
    char **area_name;
    int *area_is_group;
    int first_day, n_days;
    double gwh_per_mcm;
    /* Monte Carlo */
    mc_elem *el;
    int n_el;
    mc_event *ev;
    int n_ev;
    double *heat; /* heating sensitivity per region */
    double persistence, sigma_k;
    int weather;  /* 1 if any region is weather-sensitive and sigma > 0 */
    /* dependence and criticality (removal.c) */
    char *rm_kinds;    /* the kinds removed, as given ("group", "pipeline,lng") */
    rm_elem *rm;
    int n_rm;
    int n_origins;
    int n_corr; /* dependence/criticality: corridors of the probe model */
    int *origin_group; /* per origin: its group index */
    int period_set, period_first, period_days; /* gasdep_batch_set_period */
    int rm_first, rm_last; /* days removed and counted (prepared) */
    char *describe;
};

/* Append a line to the batch's error message. */
void batch_err(gasdep_batch *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same, prefixed "file:line: " when line > 0 names a line of the sweep
 * file (b->src_file). */
void batch_err_at(gasdep_batch *b, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void batch_err_clear(gasdep_batch *b);
/* Append a line to the batch's warnings. */
void batch_warn(gasdep_batch *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *batch_strdup(const char *s);
/* "sweep", "montecarlo", "dependence" or "criticality". */
const char *batch_kind_word(int kind);
/* 1 for the batches that remove one element per run (dependence,
 * criticality). */
int batch_is_removal(const gasdep_batch *b);
/* Monotonic clock, seconds. */
double batch_now(void);

#endif
