/* scenario.h: the scenario as parsed (before init): one struct per element
 * kind as written in the files, the [scenario] settings, the parser state, and
 * the loader and --set interface. */
#ifndef GASDEP_CORE_SCENARIO_H
#define GASDEP_CORE_SCENARIO_H

#include <stdint.h>

#include <sha2.h> /* libmd: SHA-256 of the input bytes */

#include "errors.h"
#include "units.h"
#include "util.h"

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

/* Pairs as written: tranches "100 mcm/d:20 EUR/MWh, ..." (q, price),
 * demand-response blocks "5%:60 EUR/MWh, ..." (share, price), or a list of
 * flows "10 mcm/d, 0 mcm/d" (q); items separated by commas. */
typedef struct plist {
    int n;
    qty *q;        /* flows as written (converted with the GCV at init) */
    double *share; /* fractions of the day's demand (demand blocks) */
    double *price; /* EUR/MWh */
    srcloc at;
} plist;

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
    plist lng_tranches; /* supply curve of this origin's LNG to the network */
} origin_el;

typedef struct source_el {
    elem h;
    ref node, origin;
    qty capacity, min_take;
    double cost;
    plist tranches; /* volumes at increasing prices, on top of cost */
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
    plist demand_response; /* blocks of demand with a willingness to pay */
    char *weather;         /* CSV path: daily temperature or HDD anomaly */
    srcloc weather_at;
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
    int target_hard;
    double value; /* EUR/MWh valuation of a withdrawal; NaN: [scenario] storage_value */
    outage out;
} storage_el;

typedef struct lng_el {
    elem h;
    ref node;
    qty capacity;
    list origins, costs, avail;
    plist min_take; /* contract floor per origin slot */
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
    list targets;   /* a target-path event: new fill-target points */
    int hard;       /* ... and they are hard targets */
} event_el;

/* A route: pipelines (and optionally sources and LNG terminals) that gas
 * passes on one way into Europe; traced (via_shares) and scaled together. */
typedef struct corridor_el {
    elem h;
    list pipelines, sources, lng; /* member names */
    double capacity_factor;       /* multiplies every member's capacity */
} corridor_el;

enum curtailment { CURT_COOPERATIVE, CURT_NATIONAL_FIRST, CURT_LEAST_COST };
enum foresight { FS_MYOPIC, FS_ROLLING, FS_PERFECT };
enum solver { SOLVER_AUTO, SOLVER_CLP, SOLVER_GLPK };
/* How a monthly shape becomes daily demand (demand.c). */
enum profile { PROFILE_SMOOTH, PROFILE_MONTHLY };
/* What gas left in store is worth (docs/DISPATCH.md). */
enum valuation { VALUATION_WATER, VALUATION_FLAT, VALUATION_CURVES };

typedef struct scenario_el {
    char *name, *description;
    int start, end;
    int start_set, end_set;
    srcloc start_at, end_at;
    srcloc resolve_at; /* where resolve_every was set (line 0: default) */
    double gcv, voll, target_penalty, min_take_penalty;
    int curtailment;
    int foresight, resolve_every, lookahead, lookahead_block; /* days */
    double storage_value; /* EUR/MWh valuation of a withdrawal */
    int solver;           /* SOLVER_AUTO, SOLVER_CLP or SOLVER_GLPK */
    int demand_profile;   /* PROFILE_SMOOTH or PROFILE_MONTHLY */
    int storage_valuation; /* VALUATION_WATER, _FLAT or _CURVES */
    double risk_cover;    /* water values: winter demand uplift planned for */
    double long_run_elasticity; /* demand adaptation (adapt.h); 0: off */
    double adaptation_years;    /* its time constant, years */
    double reference_price;     /* EUR/MWh at which demand is the reference */
    int fixed_demand; /* no demand-response blocks, no adaptation */
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
    SK_CORRIDOR,
    SK_COUNT,
    SK_SCENARIO = SK_COUNT,
    SK_WEATHER
};

typedef struct elist {
    void **v;
    int n, cap;
    strmap index; /* name -> position in v */
} elist;

#define SCENARIO_MAX_BASE_DEPTH 16

/* A parsed scenario: elements by kind in file order, settings, overrides,
 * the SHA-256 of every byte read; messages go to *err (the model's). */
typedef struct scenario {
    scenario_el sc;
    elist el[SK_COUNT];
    char **overrides; /* --set assignments as given */
    int n_overrides;
    SHA2_CTX sha;          /* SHA-256 over all bytes read, in reading order */
    char content_sha256[SHA256_DIGEST_STRING_LENGTH]; /* its hex digest so far */
    errlog *err;
    /* parse state */
    int section_seq; /* counts section openings (factor/value check) */
    int cur_kind;    /* -1 none */
    void *cur_elem;
    int cur_file, cur_line;
    int keys_in_file;
    char cur_section[256];
    int depth;
    srcloc sc_at; /* first [scenario] header (line 0: none) */
    /* per file: sections opened, lines before the first, stop reading */
    int file_sections, pre_lines, stop_file;
    /* keys of the current section occurrence (duplicates are errors) */
    char seen_key[64][40];
    int seen_line[64];
    int n_seen;
    /* files being read, outermost first, to report a base cycle */
    unsigned long long open_dev[SCENARIO_MAX_BASE_DEPTH + 1];
    unsigned long long open_ino[SCENARIO_MAX_BASE_DEPTH + 1];
    int open_file[SCENARIO_MAX_BASE_DEPTH + 1];
} scenario;

/* An empty scenario with the default settings, reporting into err. */
void scenario_init(scenario *s, errlog *err);
void scenario_defaults(scenario_el *sc);
int scenario_load_file(scenario *s, const char *path, srcloc from);
int scenario_load_text(scenario *s, const char *name, const char *text);
int scenario_set(scenario *s, const char *path, const char *value);
int scenario_get(const scenario *s, const char *path, double *value);
void scenario_free(scenario *s);
void *scenario_find(const scenario *s, int kind, const char *name);
const char *scenario_kind_name(int kind);

/* For the scenario's own readers (scenario_read.c, scenario_values.c,
 * scenario_set.c), not for the rest of the engine. */
/* A new element of kind named name, defined at `at` (enabled, dates always),
 * added to s; NULL when out of memory. */
void *scenario_element_new(scenario *s, int kind, size_t size,
                           const char *name, srcloc at);
/* 1 when s is a valid element name (see FORMAT.md). */
int scenario_valid_name(const char *s);
/* The hash of the bytes read so far into s->content_sha256 (hex). */
void scenario_hash(scenario *s);
void scenario_list_free(list *l);
void scenario_plist_free(plist *l);
/* " (did you mean 'X'?)" for an unknown key, element name or section kind,
 * into buf; "" when nothing is near. */
const char *scenario_near_key(int kind, const char *key, char *buf, size_t len);
const char *scenario_near_element(const scenario *s, int kind, const char *name,
                                  char *buf, size_t len);
const char *scenario_near_kind(const char *word, char *buf, size_t len);

#endif
