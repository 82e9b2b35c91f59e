/* scenario_keys.h: value types and the key table used by the scenario parser. */
#ifndef GASDEP_SCENARIO_KEYS_H
#define GASDEP_SCENARIO_KEYS_H

#include <stddef.h>

#include "scenario.h"

enum value_type {
    T_TEXT,       /* free text */
    T_REF,        /* a name resolved at init */
    T_PATH,       /* a file path, resolved against the naming file */
    T_FLOW,       /* qty, mcm/d */
    T_VOLUME,     /* qty, mcm */
    T_PRICE,      /* EUR/MWh */
    T_FRACTION,   /* % or 0..1, >= 0 */
    T_FRACTION01, /* % or 0..1, within [0, 1] */
    T_FACTOR,     /* fraction >= 0; marks has_factor */
    T_NUMBER,     /* plain number */
    T_GCV,        /* kWh/m3, > 0 */
    T_KELVIN,     /* K, >= 0 */
    T_PER_YEAR,   /* events per year, >= 0 */
    T_DAYS,       /* int days >= 0 */
    T_DAYS_REAL,  /* double days >= 0 */
    T_DATE,       /* int days since 1970 */
    T_NAMES,      /* list of names */
    T_PRICES,     /* list of prices */
    T_FRACTIONS,  /* list of fractions in 0..1 */
    T_SHAPE,      /* 12 monthly factors */
    T_CURVE,      /* fill:factor pairs */
    T_TARGETS,    /* MM-DD:fill pairs */
    T_MIX,        /* origin:share pairs */
    T_CURTAIL,    /* cooperative | national-first | least-cost */
    T_DIST,       /* exponential | lognormal */
    T_FORESIGHT,  /* myopic | rolling | perfect */
    T_BOOL,       /* true | false */
    T_DAYS_POS,   /* int days 1..366 */
    T_SOLVER,     /* auto | clp | glpk */
    T_PROFILE,    /* smooth | monthly */
    T_VALUATION,  /* water | flat | curves */
    T_TRANCHES,   /* flow:price pairs, comma-separated (plist) */
    T_BLOCKS,     /* fraction:price pairs, comma-separated (plist) */
    T_FLOWS       /* flows, comma-separated (plist) */
};

#define KF_REGION 1 /* key valid only in [region] sections */

typedef struct kind_def {
    const char *word;
    int kind;
    size_t size;
    int is_region;
} kind_def;

typedef struct key_def {
    int kind;
    const char *key;
    int type;
    size_t off;
    int flags;
} key_def;

/* Documented range of a plain-number key, beyond what its type checks
 * (a separate table, so that adding a key stays one line in KEYS). */
typedef struct key_range {
    int kind;
    const char *key;
    double lo, hi;
    const char *why; /* the message when outside */
} key_range;

extern const kind_def KINDS[];
extern const key_def KEYS[];
extern const key_range KEY_RANGES[];

#endif
