/* model.h: the model handle (struct gasdep_model) and what its stepping
 * loop owns. */
#ifndef GASDEP_CORE_MODEL_H
#define GASDEP_CORE_MODEL_H

#include "adapt.h"
#include "arena.h"
#include "caps.h"
#include "cover.h"
#include "dispatch.h"
#include "errors.h"
#include "results.h"
#include "scenario.h"
#include "trace.h"
#include "water.h"
#include "gasdep/gasdep.h"

enum model_state { ST_EMPTY, ST_LOADED, ST_READY, ST_RUNNING, ST_FINISHED,
                   ST_FAILED };

struct gasdep_model {
    int state;
    int input_bad; /* a load or --set failed: init must refuse */
    int ready;     /* network built and result arrays allocated */
    errlog err;    /* messages and the input files they point into */
    arena mem;     /* every array of the run: network, day, plan, results */
    scenario scn;  /* as parsed */
    /* resolved network and run state */
    net n;
    day_state d;
    summary s;
    cover_set cov; /* days of cover, survival times */
    struct dispatch *lp;
    unsigned char *basis0; /* the probe's first-day basis (NULL: none) */
    struct trace *tr;
    water water;    /* water values (storage_valuation = water) */
    adapt adapt;    /* demand levels that follow lasting prices */
    int day;       /* last simulated day, -1 before */
    int next_day;  /* day the next step simulates */
    /* the LP window and its plan */
    day_caps *win;  /* win_days days of capacities */
    day_caps *blk;  /* win_blocks blocks: daily means */
    int *blk_len;   /* days per block */
    int win_days, win_blocks;
    dispatch_plan plan;
    int plan_first, plan_days; /* plan starts on plan_first; days implemented */
    double *ext_demand_f; /* gasdep_set_demand_factor */
    double *ext_cap_f[P_COUNT];
    double *ext_corr_f; /* gasdep_set_capacity_factor on a corridor */
    caps_factors ext;     /* the three above, for caps_fill */
    gasdep_progress_fn progress; /* gasdep_set_progress */
    void *progress_ctx;
};

/* The foresight the run solves with (FS_*): the scenario's, or FS_MYOPIC
 * for a network without storage (nothing links its days). */
int model_foresight(const gasdep_model *m);

#endif
