/* gasdep.h: public API of the gasdep gas-supply-security engine. */
#ifndef GASDEP_GASDEP_H
#define GASDEP_GASDEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* GASDEP_VERSION and its parts, generated from the CMake project version. */
#include "gasdep/version.h"

/* GASDEP_API marks the public functions: the library is compiled with
 * hidden symbol visibility, so libgasdep.so exports these and nothing else. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define GASDEP_API __attribute__((visibility("default")))
#else
#define GASDEP_API
#endif

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
GASDEP_API const char *gasdep_strerror(int status);
/** Version of the library actually loaded ("MAJOR.MINOR.PATCH"), which may
 *  differ from the GASDEP_VERSION a program was compiled against. */
GASDEP_API const char *gasdep_version(void);

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
    GASDEP_CORRIDOR, /* named routes ([corridor]): traced, scaled together */
    GASDEP_KIND_COUNT
};

/** One simulation: a parsed scenario, its network, workspaces and results.
 *  Everything hangs off the handle; two handles share no mutable state. */
typedef struct gasdep_model gasdep_model;

/** Create an empty model. Returns NULL only when memory runs out. */
GASDEP_API gasdep_model *gasdep_create(void);
/** Free a model and everything it owns. Accepts NULL. */
GASDEP_API void gasdep_destroy(gasdep_model *m);

/** Message describing the last failure on the handle: for input errors one
 *  "file:line: what is wrong" line per error (up to a cap). */
GASDEP_API const char *gasdep_errmsg(const gasdep_model *m);
/** Number of input errors collected by the last failing call. */
GASDEP_API int gasdep_error_count(const gasdep_model *m);
/** Warnings of the last init: things that are allowed but probably not
 *  meant (an event entirely outside the horizon, a region with no path to
 *  any supply), one "file:line: message" line each (up to a cap); "" when
 *  none. The library does not print them: the caller decides. */
GASDEP_API const char *gasdep_warnings(const gasdep_model *m);
/** Number of warnings of the last init. */
GASDEP_API int gasdep_warning_count(const gasdep_model *m);

/* ---- Loading ---------------------------------------------------------- */

/** Parse a scenario file (and the base files it names). Errors are
 *  collected; returns GASDEP_EINPUT if there were any. */
GASDEP_API int gasdep_load(gasdep_model *m, const char *path);
/** Parse scenario text held in memory; `name` is used in messages and
 *  relative paths resolve against the current directory. */
GASDEP_API int gasdep_load_string(gasdep_model *m, const char *name, const char *text);
/** Override one parameter by path, e.g. on scenarios/russia-cut-2022.ini
 *  ("pipeline.TAP-AL-IT.capacity", "20 bcm/y") or ("event.yamal-stop.start",
 *  "2022-06-14"). Must come before init. An unknown name gets "did you
 *  mean ...?" in the message. */
GASDEP_API int gasdep_set(gasdep_model *m, const char *path, const char *value);
/** Same, with "path=value" in one string, as given to --set. */
GASDEP_API int gasdep_set_assignment(gasdep_model *m, const char *assignment);

/* ---- Stepping --------------------------------------------------------- */

/** Resolve references, validate, build the daily LP and allocate all
 *  workspaces. After init the network and parameters are fixed. */
GASDEP_API int gasdep_init(gasdep_model *m);
/** Simulate one gas day. Returns GASDEP_OK, GASDEP_DONE once the horizon is
 *  past (nothing simulated), or an error code. */
GASDEP_API int gasdep_step(gasdep_model *m);
/** Close the run: finalise summaries. Results stay readable. */
GASDEP_API int gasdep_finish(gasdep_model *m);
/** Back to the state init left: the same scenario and network, the run
 *  state (inventories, mixes, summaries, plans, water values, the LPs)
 *  as a fresh init makes it and every perturbation factor 1, so that the
 *  steps that follow give the same bytes as a new model loaded, set and
 *  initialised the same way; without parsing and building again (the
 *  batch's Monte Carlo runs reuse one model per worker). Needs a model
 *  that init has succeeded on (GASDEP_ESTATE otherwise). */
GASDEP_API int gasdep_restart(gasdep_model *m);
/** init, step to the end, finish, writing CSV outputs to `outdir` (created
 *  if missing; NULL writes nothing). The files (docs/OUTPUTS.md) are
 *  committed as one set when the run has completed: `outdir` is locked for
 *  the run (GASDEP_EIO, "another gasdep run is writing this directory",
 *  when another run holds it), the files are written under temporary names,
 *  a commit marker `.gasdep-commit` names them while they are renamed into
 *  place. A failed run writes nothing and its message says so; a run killed
 *  during the renames is completed by the next run into `outdir`, which also
 *  removes temporaries of killed runs. */
GASDEP_API int gasdep_run(gasdep_model *m, const char *outdir);

/** Like gasdep_run, but when `stream` is non-NULL write only the table
 *  named `table` ("balance", "shares", "group_shares", "flows", "supply",
 *  "storage", "summary", "manifest", "via_shares") to it, as it is produced (no atomicity
 *  on a stream). */
GASDEP_API int gasdep_run_to(gasdep_model *m, const char *outdir, const char *table,
                  FILE *stream);
/** Names of the output tables, NULL-terminated; new tables are appended.
 *  via_shares.csv is written only by scenarios with corridors. */
GASDEP_API extern const char *const gasdep_tables[];

/** Called by gasdep_run and gasdep_run_to after every simulated day, on
 *  the calling thread: `days_done` of `days_total` days of the horizon. */
typedef void (*gasdep_progress_fn)(void *ctx, int days_done, int days_total);
/** Report progress of gasdep_run/gasdep_run_to to `fn` (NULL: none, the
 *  default). The library only calls it; timing, rate limiting and printing
 *  are the caller's (the CLI shows days done and an ETA on a terminal). */
GASDEP_API int gasdep_set_progress(gasdep_model *m, gasdep_progress_fn fn, void *ctx);

/** Release the LP solvers' environment of the calling thread (GLPK keeps
 *  one per thread). Call at the end of a worker thread that ran models,
 *  after destroying them. */
GASDEP_API void gasdep_thread_finish(void);

/* ---- Perturbations between steps (Monte Carlo, what-if drivers) ------- */

/** Multiply a region's demand by `factor` (finite, >= 0) from the next step
 *  on. */
GASDEP_API int gasdep_set_demand_factor(gasdep_model *m, int region, double factor);
/** Multiply an element's capacity by `factor` (finite, >= 0; usually 0..1)
 *  from the next step on.
 *  kind: GASDEP_PIPELINE, GASDEP_SOURCE, GASDEP_STORAGE (rates), GASDEP_LNG,
 *  or GASDEP_CORRIDOR: every member of the corridor (pipelines both ways,
 *  sources with their minimum take, LNG send-out), on top of the members'
 *  own factors and the corridor's `capacity_factor`; or GASDEP_ORIGIN
 *  (every supply of the origin: its sources and LNG slots, as an event on
 *  origin.NAME does). */
GASDEP_API int gasdep_set_capacity_factor(gasdep_model *m, int kind, int index,
                               double factor);

/* ---- Network description (valid after init) --------------------------- */

GASDEP_API int gasdep_count(const gasdep_model *m, int kind);
GASDEP_API const char *gasdep_name(const gasdep_model *m, int kind, int index);
/** Index of a named element, or -1. */
GASDEP_API int gasdep_find(const gasdep_model *m, int kind, const char *name);
/** Read a numeric parameter by path, in canonical units (mcm/d, mcm,
 *  EUR/MWh, fractions, days since 1970-01-01 for dates). Valid after load. */
GASDEP_API int gasdep_get(const gasdep_model *m, const char *path, double *value);
/** Scenario name, first and last simulated day (days since 1970-01-01). */
GASDEP_API const char *gasdep_scenario_name(const gasdep_model *m);
GASDEP_API int gasdep_horizon(const gasdep_model *m, int *first_day, int *last_day);
/** Provenance (valid after load): input file i in the order read (0 is the
 *  scenario named to gasdep_load, then its base files; demand series follow
 *  once init has read them), override i as given to gasdep_set; NULL past
 *  the last one. */
GASDEP_API const char *gasdep_input_file(const gasdep_model *m, int i);
GASDEP_API const char *gasdep_override(const gasdep_model *m, int i);
/** How the dispatch solves (valid after init): the foresight it solves
 *  with ("myopic", "rolling" or "perfect"; a network without storage is
 *  solved day by day whatever the scenario asks) and the LP solver ("glpk"
 *  or "clp", what `solver = auto` chose). "" before init or for NULL. */
GASDEP_API const char *gasdep_foresight_used(const gasdep_model *m);
GASDEP_API const char *gasdep_solver_used(const gasdep_model *m);
/** SHA-256 (64 lowercase hex digits) of every byte read, the input files
 *  concatenated in the order of gasdep_input_file: for one file it equals
 *  `sha256sum FILE`, for several `cat FILE0 FILE1 ... | sha256sum`. Owned by
 *  the model; "" for NULL. */
GASDEP_API const char *gasdep_content_sha256(const gasdep_model *m);
/** Origin group index of origin o. */
GASDEP_API int gasdep_origin_group(const gasdep_model *m, int origin);
/** 1 if area a is a region group (EU, SEE, ...), 0 if a region. */
GASDEP_API int gasdep_area_is_group(const gasdep_model *m, int area);
/** Member regions of area a (a region is its own single member): returns
 *  their count and points *regions at their area indices (owned by the
 *  model); -1 for a bad index. */
GASDEP_API int gasdep_area_members(const gasdep_model *m, int area, const int **regions);
/** Pipeline end nodes (GASDEP_NODE indices). */
GASDEP_API int gasdep_pipeline_ends(const gasdep_model *m, int pipeline, int *from,
                         int *to);
/** Members of corridor c of `kind` (GASDEP_PIPELINE, GASDEP_SOURCE or
 *  GASDEP_LNG): returns their count and points *index at their indices of
 *  that kind (owned by the model); -1 for a bad corridor or kind. */
GASDEP_API int gasdep_corridor_members(const gasdep_model *m, int corridor, int kind,
                                       const int **index);
/** N-1 indicator (%) of an area per Regulation (EU) 2017/1938 Annex II,
 *  with capacities as on the first day of the horizon. */
GASDEP_API double gasdep_n1_pct(const gasdep_model *m, int area);

/* ---- Results of the last simulated day -------------------------------- */

/** Last simulated day, days since 1970-01-01 (-1 before the first step). */
GASDEP_API int gasdep_day(const gasdep_model *m);

typedef struct gasdep_area_day {
    double demand_mcm;
    double supplied_mcm;
    double unserved_mcm;
    double storage_mcm;       /* 0 where the area has no storage */
    double storage_fill;      /* 0..1; NaN where the area has no storage */
    double storage_target_fill; /* 0..1; NaN where none */
    double price_eur_mwh;     /* marginal price; demand-weighted for groups */
    double reduced_mcm;       /* demand given up by price-responsive demand
                               * blocks (not unserved): demand_mcm =
                               * supplied + unserved + reduced */
} gasdep_area_day;

GASDEP_API int gasdep_area_result(const gasdep_model *m, int area, gasdep_area_day *out);
/** Volume (mcm) of origin o in the gas supplied to area a. */
GASDEP_API double gasdep_area_origin_mcm(const gasdep_model *m, int area, int origin);
/** Volume (mcm) of origin group g in the gas supplied to area a. */
GASDEP_API double gasdep_area_group_mcm(const gasdep_model *m, int area, int group);
/** Volume (mcm) of the gas supplied to area a that has passed corridor c
 *  (through a member pipeline, or from a member source or LNG terminal),
 *  traced through mixing and storage like origins. A molecule may pass
 *  several corridors: these volumes need not sum to the supply. */
GASDEP_API double gasdep_area_via_mcm(const gasdep_model *m, int area, int corridor);
/** Net flow (mcm, positive from->to) and capacity in the flow's direction. */
GASDEP_API int gasdep_pipeline_result(const gasdep_model *m, int pipeline,
                           double *flow_mcm, double *capacity_mcm);
/** What one more MWh/d of pipeline p's capacity was worth on the last day,
 *  EUR/MWh: minus the dual of its capacity bound in the dispatch LP, in the
 *  direction gasdep_pipeline_result gives the capacity in (reverse when the
 *  net flow is negative); 0 where the capacity does not bind; NaN where
 *  that capacity is 0 (a closed pipeline: its dual is not determined),
 *  before the first step or for a bad index. Between two regions it is their price difference less the
 *  tariff when the pipeline is full. */
GASDEP_API double gasdep_pipeline_capacity_value(const gasdep_model *m, int pipeline);
/** Gas lost in pipeline p on the last day (mcm): its loss fraction times
 *  the gas that entered it at the sending end (both directions). */
GASDEP_API double gasdep_pipeline_loss_mcm(const gasdep_model *m, int pipeline);

/** Supplies: every source (indices 0 .. sources-1), then every LNG terminal
 *  slot, one per terminal and origin it lists, in file order. */
GASDEP_API int gasdep_supply_count(const gasdep_model *m);

typedef struct gasdep_supply_day {
    int kind;             /* GASDEP_SOURCE or GASDEP_LNG */
    int element;          /* source or LNG terminal index */
    int node;             /* GASDEP_NODE index where the gas enters */
    int origin;           /* GASDEP_ORIGIN index */
    double volume_mcm;    /* gas taken this day */
    double capacity_mcm;  /* most that could be taken this day, after online
                           * dates, events, factors; for a slot its own bound
                           * (availability x terminal capacity), the terminal's
                           * send-out being shared by its slots */
    double min_take_mcm;  /* minimum take in force (at most the capacity);
                           * for an LNG slot its `min_take` */
    double missed_min_take_mcm; /* max(0, min_take - volume) */
    double cost_eur_mwh;  /* cost the dispatch pays for this gas: the
                           * element's cost plus, with tranches, the mean
                           * price of the tranches taken that day (of the
                           * first tranche on a day nothing is taken) */
} gasdep_supply_day;

/** Supply i of the last simulated day. Before the first step (valid after
 *  init) only kind, element, node, origin and cost are set; the day's
 *  quantities are NaN. */
GASDEP_API int gasdep_supply_result(const gasdep_model *m, int i, gasdep_supply_day *out);

typedef struct gasdep_storage_day {
    int node;              /* GASDEP_NODE index (regions and hubs alike) */
    double level_mcm;      /* working gas at the end of the day */
    double fill;           /* level / volume; NaN for a zero volume */
    double target_fill;    /* end-of-day target (0..1) */
    double injection_mcm;
    double withdrawal_mcm;
    double value_eur_mwh;  /* value of the stored gas; NaN until the
                            * dispatch provides one */
} gasdep_storage_day;

/** Storage facility k of the last simulated day. */
GASDEP_API int gasdep_storage_result(const gasdep_model *m, int k, gasdep_storage_day *out);

/* ---- Days of cover and survival times (cover.csv, survival.csv) ------- */

typedef struct gasdep_area_cover {
    double storage_mcm;   /* end-of-day gas the area's stores can still
                           * release (above a withdrawal curve's zero section);
                           * stores at hub nodes belong to no area */
    double gap_mcm;       /* the day's net withdrawal from those stores plus
                           * the area's unserved gas: what it drew beyond the
                           * gas that reached it from outside its stores */
    double days_of_cover; /* storage_mcm / gap_mcm; NaN where gap <= 1e-6 */
} gasdep_area_cover;

/** Days of cover of area a on the last simulated day. */
GASDEP_API int gasdep_area_cover_get(const gasdep_model *m, int area,
                                     gasdep_area_cover *out);
/** Disruption events of the run (valid after init): events that lower a
 *  supply capacity (pipeline, source, LNG terminal, storage withdrawal,
 *  origin, tranche volume, corridor) by a factor < 1 or a value below the
 *  element's capacity, and touch the horizon; in start order. */
GASDEP_API int gasdep_disruption_count(const gasdep_model *m);
/** Name of disruption i and its start day (days since 1970-01-01, at least
 *  the horizon's first day); NULL for a bad index. */
GASDEP_API const char *gasdep_disruption(const gasdep_model *m, int i, int *start_day);
/** Survival time of area a after disruption i: days from its start to the
 *  area's first day with unserved gas > 1e-6 mcm on or after it (0: short on
 *  the first day); -1 while there is none (so far). *first_short_day (may be
 *  NULL) is that day, or -1. */
GASDEP_API int gasdep_area_survival(const gasdep_model *m, int area, int i,
                                    int *first_short_day);

/** Canonical unit of the number gasdep_get returns for `path`: "mcm/d",
 *  "mcm", "EUR/MWh", "kWh/m3", "K", "1/y", "d", "" for fractions, dates,
 *  words and plain numbers; NULL when the path names no numeric parameter.
 *  Valid after load. */
GASDEP_API const char *gasdep_unit(const gasdep_model *m, const char *path);

/** Largest absolute node imbalance (mcm) of the last day, and the largest
 *  over the run so far. */
GASDEP_API double gasdep_mass_imbalance_mcm(const gasdep_model *m, double *run_max);

/* ---- Run summary (valid after finish; partial during a run) ----------- */

typedef struct gasdep_area_summary {
    double demand_mcm;      /* totals over the horizon */
    double supplied_mcm;
    double unserved_mcm;
    int days_short;         /* days with unserved > 1e-6 mcm */
    double min_storage_fill; /* NaN where no storage */
    double peak_price_eur_mwh;
    double n1_pct;
    double reduced_mcm;     /* demand given up by demand blocks, total */
} gasdep_area_summary;

GASDEP_API int gasdep_area_summary_get(const gasdep_model *m, int area,
                            gasdep_area_summary *out);
/** Mean (volume-weighted over the horizon), lowest and highest daily share
 *  of origin group g in area a's supplied gas. */
GASDEP_API int gasdep_area_group_share_stats(const gasdep_model *m, int area, int group,
                                  double *mean, double *min, double *max);

/** Mean (volume-weighted over the horizon), lowest and highest daily share
 *  of area a's supplied gas that passed corridor c. */
GASDEP_API int gasdep_area_via_share_stats(const gasdep_model *m, int area, int corridor,
                                           double *mean, double *min, double *max);

/* ---- Names --------------------------------------------------------- */

/** The name among names[0..n) (n < 0: NULL-terminated) closest to `word`
 *  by edit distance, when it is near enough to be a likely typo (or starts
 *  with word); NULL otherwise. For "did you mean ...?" messages. */
GASDEP_API const char *gasdep_suggest(const char *word, const char *const *names, int n);

/* ---- Reading run directories (gasdep aggregate, gasdep diff) --------- */

/** Aggregate the daily tables of a finished run directory by `period`
 *  ("month", "quarter", "gas-year" from 1 October, "year") into out_dir
 *  (created; files committed whole): balance, shares, group_shares, flows,
 *  supply, storage and via_shares as present in run_dir (a via share is
 *  the corridor's volume over the region's supplied volume). Volumes are summed, shares are
 *  volume-weighted (sum of an origin's volume over the sum of every
 *  origin's), storage fill is the period's lowest, levels the period's last,
 *  prices demand-weighted (docs/OUTPUTS.md). On success msg holds the list
 *  of files written, on failure what went wrong. */
GASDEP_API int gasdep_aggregate(const char *run_dir, const char *period,
                     const char *out_dir, char *msg, size_t msg_len);

/** Compare the summary.csv of two run directories: per region and group,
 *  unserved_mcm, days_short, min_storage_fill and every share_mean_GROUP,
 *  as a, b and b - a (tidy CSV: region,kind,figure,a,b,b_minus_a). The CSV
 *  goes to out_csv (a path, written whole) and/or csv_stream; a readable
 *  list of the figures that differ goes to report (each may be NULL). */
GASDEP_API int gasdep_diff(const char *run_a, const char *run_b, const char *out_csv,
                FILE *csv_stream, FILE *report, char *msg, size_t msg_len);

/* ---- Dates ------------------------------------------------------------ */

/** Parse "YYYY-MM-DD" into days since 1970-01-01; returns 0 on success. */
GASDEP_API int gasdep_date_parse(const char *s, int *day);
/** Format days since 1970-01-01 as "YYYY-MM-DD" into buf (>= 11 bytes). */
GASDEP_API void gasdep_date_format(int day, char *buf);

#ifdef __cplusplus
}
#endif
#endif /* GASDEP_GASDEP_H */
