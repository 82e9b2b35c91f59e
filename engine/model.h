/* model.h: internal structures of a gasdep model (scenario, network, workspaces). */
#ifndef GASDEP_MODEL_H
#define GASDEP_MODEL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>

#include <gsl/gsl_interp.h>
#include <glpk.h>

#include "gasdep/gasdep.h"

#define MAX_INPUT_ERRORS 50
#define DAY_NONE_LO (-2000000000) /* "always" lower date bound */
#define DAY_NONE_HI (2000000000)  /* "never" upper date bound */

/* ---- Scenario as parsed (before init) -------------------------------- */

typedef struct srcloc {
    int file; /* index into model->files, -1 for --set */
    int line;
} srcloc;

/* A flow or volume as written: v in mcm(/d), or in GWh(/d) when energy is
 * set; converted with the scenario's GCV at init, when all files are read. */
typedef struct qty {
    double v;
    unsigned char energy;
    unsigned char set;
} qty;

typedef struct ref {
    char *name;
    srcloc at;
} ref;

typedef struct list {
    int n;
    char **key;  /* names or labels (may be NULL for plain numbers) */
    double *val; /* numbers, canonical units */
    srcloc at;
} list;

typedef struct outage {
    double rate_per_y;
    double mean_days;
    int dist; /* 0 exponential, 1 lognormal */
    double sigma;
    double depth;
} outage;

typedef struct elem {
    char *name;
    char *description;
    srcloc at;
    int enabled;
} elem;

typedef struct origin_el {
    elem h;
    ref group;
    qty capacity;
} origin_el;

typedef struct source_el {
    elem h;
    ref node, origin;
    qty capacity, min_take;
    double cost;
    int online, offline;
    outage out;
} source_el;

typedef struct node_el {
    elem h;
    int is_region;
    qty demand;
    list shape;
    char *series;
    srcloc series_at;
    list groups;
    qty peak;
    double heating;
} node_el;

typedef struct pipeline_el {
    elem h;
    ref from, to;
    qty capacity, reverse;
    double tariff, loss;
    int online, offline;
    outage out;
} pipeline_el;

typedef struct storage_el {
    elem h;
    ref node;
    qty volume, injection, withdrawal;
    list wcurve, icurve, mix, targets;
    double initial_fill;
    double icost, wcost;
    outage out;
} storage_el;

typedef struct lng_el {
    elem h;
    ref node;
    qty capacity;
    list origins, costs, avail;
    int online, offline;
    outage out;
} lng_el;

typedef struct event_el {
    elem h;
    ref target;
    int start, end, ramp, start_window;
    double factor;
    qty value;
    int has_factor;
    int fv_section; /* section occurrence that set factor or value */
} event_el;

enum curtailment { CURT_COOPERATIVE, CURT_NATIONAL_FIRST, CURT_LEAST_COST };

typedef struct scenario_el {
    char *name, *description;
    int start, end;
    int start_set, end_set;
    srcloc start_at, end_at;
    double gcv, voll, target_penalty, min_take_penalty;
    int curtailment;
    double persistence, sigma_k; /* [weather] */
} scenario_el;

/* Element kinds that live in sections with a name. */
enum sect_kind {
    SK_ORIGIN,
    SK_SOURCE,
    SK_NODE, /* [node] and [region] share one list */
    SK_PIPELINE,
    SK_STORAGE,
    SK_LNG,
    SK_EVENT,
    SK_COUNT,
    SK_SCENARIO = SK_COUNT,
    SK_WEATHER
};

typedef struct elist {
    void **v;
    int n, cap;
} elist;

/* ---- Network as resolved by init (canonical units: mcm/d, mcm) -------- */

enum param_id {
    P_PIPE_CAP,
    P_PIPE_REV,
    P_SRC_CAP,
    P_SRC_MIN,
    P_LNG_CAP,
    P_STO_WD,
    P_STO_INJ,
    P_DEMAND,
    P_ORIGIN, /* multiplies every supply variable of an origin */
    P_COUNT
};

typedef struct ev_target {
    int param, index;
} ev_target;

typedef struct ev_rt {
    const char *name;
    int start, end, ramp;
    int is_factor;
    double factor, value_mcm_d;
    int first, count; /* slice of net.ev_targets */
} ev_rt;

typedef struct net {
    int n_nodes, n_regions, n_rgroups, n_areas;
    int n_origins, n_ogroups;
    int n_src, n_pipe, n_sto, n_lng, n_slots, n_ev;
    char **node_name;     /* borrowed from node_el */
    int *node_region;     /* region index or -1 */
    int *region_node;     /* node of region r */
    char **area_name;     /* regions then region groups */
    int *area_member_first, *area_members; /* CSR: regions of each area */
    char **origin_name, **ogroup_name;
    int *origin_group;
    double *origin_cap; /* mcm/d, <0 unlimited */
    /* sources */
    int *src_node, *src_origin, *src_on, *src_off;
    double *src_cap, *src_min, *src_cost;
    /* LNG terminals and their origin slots */
    int *lng_node, *lng_on, *lng_off, *lng_slot_first;
    double *lng_cap;
    int *slot_lng, *slot_origin;
    double *slot_cost, *slot_avail;
    /* pipelines */
    int *pipe_from, *pipe_to, *pipe_on, *pipe_off;
    double *pipe_cap, *pipe_rev, *pipe_tariff, *pipe_loss;
    char **pipe_name, **src_name, **sto_name, **lng_name;
    /* storage */
    int *sto_node;
    double *sto_vol, *sto_inj, *sto_wd, *sto_init_fill, *sto_icost, *sto_wcost;
    double *sto_init_mix; /* n_sto x n_origins */
    gsl_interp **sto_wcurve, **sto_icurve, **sto_target;
    double **sto_wx, **sto_wy, **sto_ix, **sto_iy, **sto_tx, **sto_ty;
    int *sto_tn, *sto_wn, *sto_in;
    /* regions */
    double *reg_mean;   /* mean daily demand, mcm/d */
    double *reg_shape;  /* 12 normalised monthly factors per region */
    double **reg_series; /* per region: daily demand (mcm) over the horizon, or NULL */
    int *reg_has_series;
    double *reg_peak;
    /* events */
    ev_rt *ev;
    ev_target *ev_targets;
    int n_ev_targets;
    double gwh_per_mcm;
    int first_day, last_day, n_days;
    /* every array above is owned through this list (freed together) */
    void **mem;
    int n_mem, cap_mem;
} net;

void *net_alloc(net *n, size_t count, size_t size);

/* ---- Daily state and results ----------------------------------------- */

typedef struct day_state {
    /* capacities of the day, after online dates, events and factors */
    double *src_cap, *src_min, *lng_cap, *slot_cap, *pipe_cap, *pipe_rev;
    double *sto_wd_f, *sto_inj_f, *demand, *origin_f;
    double *sto_inj_max, *sto_wd_max, *sto_min_end; /* mcm; min_end = target path */
    /* LP solution */
    double *src, *slot, *fwd, *rev, *inj, *wd, *unserved, *price;
    double min_take_missed; /* mcm of minimum take not taken */
    int lp_stages; /* LP/MIP solves this day */
    /* storage state */
    double *sto_inv, *sto_mix; /* mcm; n_sto x n_origins */
    double *sto_target_fill;
    /* tracing */
    double *node_mix;          /* n_nodes x n_origins */
    double *area_demand, *area_supplied, *area_unserved, *area_storage,
        *area_volume, *area_target_vol, *area_price;
    double *area_origin; /* n_areas x n_origins */
    double *area_group;  /* n_areas x n_ogroups */
    double imbalance, imbalance_max;
    double *scratch; /* n_nodes */
} day_state;

typedef struct summary {
    double *demand, *supplied, *unserved, *min_fill, *peak_price, *n1;
    int *days_short;
    double *gsum, *gmin, *gmax; /* n_areas x n_ogroups */
} summary;

struct dispatch;
struct trace;
struct output;

enum model_state { ST_EMPTY, ST_LOADED, ST_READY, ST_RUNNING, ST_FINISHED,
                   ST_FAILED };

struct gasdep_model {
    int state;
    int input_bad; /* a load or --set failed: init must refuse */
    int ready;     /* network built and result arrays allocated */
    int section_seq; /* counts section openings (factor/value check) */
    /* errors */
    char *errmsg;
    size_t errlen, errcap;
    int n_errors;
    /* files read, for messages, the manifest and relative paths */
    char **files;
    int n_files;
    uint64_t content_hash; /* FNV-1a 64 over all bytes read */
    char **overrides;
    int n_overrides;
    /* parse state */
    int cur_kind;  /* -1 none */
    void *cur_elem;
    int cur_file, cur_line;
    int keys_in_file;
    char cur_section[256];
    int depth;
    /* scenario */
    scenario_el sc;
    elist el[SK_COUNT];
    /* resolved network and run state */
    net n;
    day_state d;
    summary s;
    struct dispatch *lp;
    struct trace *tr;
    int day;       /* last simulated day, -1 before */
    int next_day;  /* day the next step simulates */
    double *ext_demand_f; /* gasdep_set_demand_factor */
    double *ext_cap_f[P_COUNT];
};

/* errors.c */
void err_reset(gasdep_model *m);
int err_fail(gasdep_model *m, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void err_at(gasdep_model *m, srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *err_file(const gasdep_model *m, srcloc at);

/* dates.c */
void gasdep_civil(int day, int *y, int *m, int *d);
int dates_doy365(int day);
int dates_parse_mmdd(const char *s);

/* units.c */
enum qclass { Q_FLOW, Q_VOLUME };
int units_parse_qty(const char *s, int qclass, qty *out, const char **why);
int units_parse_number(const char *s, const char *unit, double *out,
                       const char **why);
int units_parse_fraction(const char *s, double *out, const char **why);
double units_mcm(const qty *q, double gwh_per_mcm);

/* scenario.c */
void scenario_defaults(scenario_el *sc);
int scenario_load_file(gasdep_model *m, const char *path, srcloc from);
int scenario_load_text(gasdep_model *m, const char *name, const char *text);
int scenario_set(gasdep_model *m, const char *path, const char *value);
int scenario_get(const gasdep_model *m, const char *path, double *value);
void scenario_free(gasdep_model *m);
void *scenario_find(const gasdep_model *m, int kind, const char *name);
const char *scenario_kind_name(int kind);

/* network.c */
int network_build(gasdep_model *m);
void network_free(net *n);

/* demand.c */
int demand_load_series(gasdep_model *m, int region, const char *path,
                       srcloc at);
double demand_base(const net *n, int region, int day, int month0);

/* events.c */
int events_resolve(gasdep_model *m);
void events_apply(const net *n, int day, double *const params[P_COUNT]);
double events_ramp(const ev_rt *e, int day);

/* storage.c */
int storage_build(gasdep_model *m, int k, const storage_el *s);
double storage_rate_factor(const net *n, int k, int injection, double fill);
double storage_target_fill(const net *n, int k, int day);
void storage_mix_update(double *mix, double inv, double inj,
                        const double *inj_mix, double wd, int n_orig);

/* dispatch.c */
struct dispatch *dispatch_create(const net *n, const scenario_el *sc);
void dispatch_destroy(struct dispatch *lp);
int dispatch_solve(struct dispatch *lp, const net *n, day_state *d,
                   int curtailment, char *why, size_t whylen);

/* trace.c */
struct trace *trace_create(const net *n);
void trace_destroy(struct trace *tr);
int trace_day(struct trace *tr, const net *n, day_state *d);

/* results.c */
int results_alloc(gasdep_model *m);
void results_free(gasdep_model *m);
void results_day(gasdep_model *m);
void results_summary_reset(gasdep_model *m);
double results_n1(const gasdep_model *m, int area);
double results_imbalance(const gasdep_model *m, double *scratch);

/* output.c */
/* x with `dec` decimals, trailing zeros trimmed, nothing for NaN; returns
 * the end of the text (not NUL-terminated). */
char *csv_fixed(char *p, double x, int dec);
struct output *output_open(gasdep_model *m, const char *dir,
                           const char *only_table, FILE *only_stream);
int output_day(struct output *o, const gasdep_model *m);
int output_close(struct output *o, gasdep_model *m, int commit);

/* util */
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

#endif
