/* gasdep.h: public API of the gasdep gas-supply-security engine. */
#ifndef GASDEP_GASDEP_H
#define GASDEP_GASDEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GASDEP_VERSION "0.1.0"

/*
 * Status codes. The list lives in one X-macro so that the enum and the
 * message table (gasdep_strerror) cannot drift apart.
 */
#define GASDEP_STATUS_LIST(X)                                              \
    X(GASDEP_OK, 0, "success")                                             \
    X(GASDEP_DONE, 1, "simulation horizon finished")                       \
    X(GASDEP_EINPUT, 2, "invalid scenario input")                          \
    X(GASDEP_EIO, 3, "input/output error")                                 \
    X(GASDEP_ENOMEM, 4, "out of memory")                                   \
    X(GASDEP_ESTATE, 5, "call out of sequence (load, init, step, finish)") \
    X(GASDEP_ESOLVER, 6, "linear programme could not be solved")           \
    X(GASDEP_ENUMERIC, 7, "numerical failure in origin tracing")           \
    X(GASDEP_EARG, 8, "invalid argument")

enum gasdep_status {
#define GASDEP_X_ENUM(name, code, text) name = code,
    GASDEP_STATUS_LIST(GASDEP_X_ENUM)
#undef GASDEP_X_ENUM
};

/** Text for a status code; never NULL. */
const char *gasdep_strerror(int status);

/** Element kinds, as they appear in scenario section names. */
enum gasdep_kind {
    GASDEP_ORIGIN,
    GASDEP_SOURCE,
    GASDEP_NODE,     /* every network node, regions included */
    GASDEP_REGION,   /* demand nodes only */
    GASDEP_PIPELINE,
    GASDEP_STORAGE,
    GASDEP_LNG,
    GASDEP_EVENT,
    GASDEP_AREA,     /* regions followed by region groups (EU, SEE, ...) */
    GASDEP_ORIGIN_GROUP,
    GASDEP_KIND_COUNT
};

/** One simulation: a parsed scenario, its network, workspaces and results.
 *  Everything hangs off the handle; two handles share no mutable state. */
typedef struct gasdep_model gasdep_model;

/** Create an empty model. Returns NULL only when memory runs out. */
gasdep_model *gasdep_create(void);
/** Free a model and everything it owns. Accepts NULL. */
void gasdep_destroy(gasdep_model *m);

/** Message describing the last failure on the handle: for input errors one
 *  "file:line: what is wrong" line per error (up to a cap). */
const char *gasdep_errmsg(const gasdep_model *m);
/** Number of input errors collected by the last failing call. */
int gasdep_error_count(const gasdep_model *m);
/** Warnings of the last init: things that are allowed but probably not
 *  meant (an event entirely outside the horizon, a region with no path to
 *  any supply), one "file:line: message" line each (up to a cap); "" when
 *  none. The library does not print them: the caller decides. */
const char *gasdep_warnings(const gasdep_model *m);
/** Number of warnings of the last init. */
int gasdep_warning_count(const gasdep_model *m);

/* ---- Loading ---------------------------------------------------------- */

/** Parse a scenario file (and the base files it names). Errors are
 *  collected; returns GASDEP_EINPUT if there were any. */
int gasdep_load(gasdep_model *m, const char *path);
/** Parse scenario text held in memory; `name` is used in messages and
 *  relative paths resolve against the current directory. */
int gasdep_load_string(gasdep_model *m, const char *name, const char *text);
/** Override one parameter by path, e.g. ("pipeline.TAP.capacity",
 *  "20 bcm/y") or ("event.cut.start", "2022-06-14"). Must come before init. */
int gasdep_set(gasdep_model *m, const char *path, const char *value);
/** Same, with "path=value" in one string, as given to --set. */
int gasdep_set_assignment(gasdep_model *m, const char *assignment);

/* ---- Stepping --------------------------------------------------------- */

/** Resolve references, validate, build the daily LP and allocate all
 *  workspaces. After init the network and parameters are fixed. */
int gasdep_init(gasdep_model *m);
/** Simulate one gas day. Returns GASDEP_OK, GASDEP_DONE once the horizon is
 *  past (nothing simulated), or an error code. */
int gasdep_step(gasdep_model *m);
/** Close the run: finalise summaries. Results stay readable. */
int gasdep_finish(gasdep_model *m);
/** init, step to the end, finish, writing CSV outputs to `outdir` (created
 *  if missing; NULL writes nothing). Output files appear only if complete. */
int gasdep_run(gasdep_model *m, const char *outdir);

/** Like gasdep_run, but when `stream` is non-NULL write only the table
 *  named `table` ("balance", "shares", "group_shares", "flows", "summary",
 *  "manifest") to it, as it is produced (no atomicity on a stream). */
int gasdep_run_to(gasdep_model *m, const char *outdir, const char *table,
                  FILE *stream);
/** Names of the output tables, NULL-terminated. */
extern const char *const gasdep_tables[];

/** Release the GLPK environment of the calling thread. Call at the end of a
 *  worker thread that ran models, after destroying them. */
void gasdep_thread_finish(void);

/* ---- Perturbations between steps (Monte Carlo, what-if drivers) ------- */

/** Multiply a region's demand by `factor` (finite, >= 0) from the next step
 *  on. */
int gasdep_set_demand_factor(gasdep_model *m, int region, double factor);
/** Multiply an element's capacity by `factor` (finite, >= 0; usually 0..1)
 *  from the next step on.
 *  kind: GASDEP_PIPELINE, GASDEP_SOURCE, GASDEP_STORAGE (rates), GASDEP_LNG. */
int gasdep_set_capacity_factor(gasdep_model *m, int kind, int index,
                               double factor);

/* ---- Network description (valid after init) --------------------------- */

int gasdep_count(const gasdep_model *m, int kind);
const char *gasdep_name(const gasdep_model *m, int kind, int index);
/** Index of a named element, or -1. */
int gasdep_find(const gasdep_model *m, int kind, const char *name);
/** Read a numeric parameter by path, in canonical units (mcm/d, mcm,
 *  EUR/MWh, fractions, days since 1970-01-01 for dates). Valid after load. */
int gasdep_get(const gasdep_model *m, const char *path, double *value);
/** Scenario name, first and last simulated day (days since 1970-01-01). */
const char *gasdep_scenario_name(const gasdep_model *m);
int gasdep_horizon(const gasdep_model *m, int *first_day, int *last_day);
/** Provenance (valid after load): input file i in the order read (0 is the
 *  scenario named to gasdep_load, then its base files; demand series follow
 *  once init has read them), override i as given to gasdep_set, and a
 *  64-bit FNV-1a hash of every byte of the scenario and base files read.
 *  NULL past the last one. */
const char *gasdep_input_file(const gasdep_model *m, int i);
const char *gasdep_override(const gasdep_model *m, int i);
uint64_t gasdep_content_hash(const gasdep_model *m);
/** Origin group index of origin o. */
int gasdep_origin_group(const gasdep_model *m, int origin);
/** 1 if area a is a region group (EU, SEE, ...), 0 if a region. */
int gasdep_area_is_group(const gasdep_model *m, int area);
/** Member regions of area a (a region is its own single member): returns
 *  their count and points *regions at their area indices (owned by the
 *  model); -1 for a bad index. */
int gasdep_area_members(const gasdep_model *m, int area, const int **regions);
/** Pipeline end nodes (GASDEP_NODE indices). */
int gasdep_pipeline_ends(const gasdep_model *m, int pipeline, int *from,
                         int *to);
/** N-1 indicator (%) of an area per Regulation (EU) 2017/1938 Annex II,
 *  with capacities as on the first day of the horizon. */
double gasdep_n1_pct(const gasdep_model *m, int area);

/* ---- Results of the last simulated day -------------------------------- */

/** Last simulated day, days since 1970-01-01 (-1 before the first step). */
int gasdep_day(const gasdep_model *m);

typedef struct gasdep_area_day {
    double demand_mcm;
    double supplied_mcm;
    double unserved_mcm;
    double storage_mcm;       /* 0 where the area has no storage */
    double storage_fill;      /* 0..1; NaN where the area has no storage */
    double storage_target_fill; /* 0..1; NaN where none */
    double price_eur_mwh;     /* marginal price; demand-weighted for groups */
} gasdep_area_day;

int gasdep_area_result(const gasdep_model *m, int area, gasdep_area_day *out);
/** Volume (mcm) of origin o in the gas supplied to area a. */
double gasdep_area_origin_mcm(const gasdep_model *m, int area, int origin);
/** Volume (mcm) of origin group g in the gas supplied to area a. */
double gasdep_area_group_mcm(const gasdep_model *m, int area, int group);
/** Net flow (mcm, positive from->to) and capacity in the flow's direction. */
int gasdep_pipeline_result(const gasdep_model *m, int pipeline,
                           double *flow_mcm, double *capacity_mcm);
/** Largest absolute node imbalance (mcm) of the last day, and the largest
 *  over the run so far. */
double gasdep_mass_imbalance_mcm(const gasdep_model *m, double *run_max);

/* ---- Run summary (valid after finish; partial during a run) ----------- */

typedef struct gasdep_area_summary {
    double demand_mcm;      /* totals over the horizon */
    double supplied_mcm;
    double unserved_mcm;
    int days_short;         /* days with unserved > 1e-6 mcm */
    double min_storage_fill; /* NaN where no storage */
    double peak_price_eur_mwh;
    double n1_pct;
} gasdep_area_summary;

int gasdep_area_summary_get(const gasdep_model *m, int area,
                            gasdep_area_summary *out);
/** Mean (volume-weighted over the horizon), lowest and highest daily share
 *  of origin group g in area a's supplied gas. */
int gasdep_area_group_share_stats(const gasdep_model *m, int area, int group,
                                  double *mean, double *min, double *max);

/* ---- Dates ------------------------------------------------------------ */

/** Parse "YYYY-MM-DD" into days since 1970-01-01; returns 0 on success. */
int gasdep_date_parse(const char *s, int *day);
/** Format days since 1970-01-01 as "YYYY-MM-DD" into buf (>= 11 bytes). */
void gasdep_date_format(int day, char *buf);

#ifdef __cplusplus
}
#endif
#endif /* GASDEP_GASDEP_H */
