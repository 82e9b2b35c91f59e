/* batch.h: parameter sweeps and Monte Carlo over many gasdep runs.
 *
 * A batch is a scenario plus either a sweep design (parameters varied over
 * lists, ranges, grids or sampled designs) or a Monte Carlo description
 * (outages, weather and event starts drawn per run from the scenario's
 * stochastic keys). gasdep_batch_run executes every run on its own model
 * handle, in worker threads (and across MPI ranks in an MPI build), keeps a
 * crash-safe journal of finished runs in the output directory and writes the
 * result files in run order, so the bytes do not depend on the number of
 * threads or ranks, nor on interruptions resumed with `resume`.
 *
 * Library code never prints: messages come back through
 * gasdep_batch_errmsg() and the report; progress through a callback.
 *
 * Typical use:
 *     gasdep_batch *b = gasdep_batch_create(GASDEP_SWEEP);
 *     gasdep_batch_set_scenario(b, "scenarios/default.ini");
 *     gasdep_batch_vary(b, "pipeline.TAP-IT.capacity=5:15:2.5bcm/y");
 *     gasdep_batch_prepare(b);                 (validates, expands the design)
 *     gasdep_batch_options o = {.outdir = "out"};
 *     gasdep_batch_report r;
 *     gasdep_batch_run(b, &o, &r);             (writes out/sweep.csv)
 *     gasdep_batch_destroy(b);
 */
#ifndef GASDEP_BATCH_H
#define GASDEP_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "gasdep/gasdep.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GASDEP_DEPENDENCE and GASDEP_CRITICALITY remove one element per run for
 * the whole horizon (run 1 is the scenario as it is, run 1 + i has the i-th
 * element removed): dependence removes origins, origin groups or corridors
 * and writes dependence.csv; criticality removes pipelines, LNG terminals,
 * storage facilities, sources or corridors and writes criticality.csv (both
 * also runs.csv, the summary rows of every run). */
enum gasdep_batch_kind {
    GASDEP_SWEEP,
    GASDEP_MONTECARLO,
    GASDEP_DEPENDENCE,
    GASDEP_CRITICALITY
};

enum gasdep_design {
    GASDEP_DESIGN_GRID,   /* cross product of every parameter's values */
    GASDEP_DESIGN_ZIP,    /* i-th value of every list (length-1 lists repeat) */
    GASDEP_DESIGN_RANDOM, /* independent uniform draws over the ranges */
    GASDEP_DESIGN_LHS,    /* Latin hypercube over the ranges */
    GASDEP_DESIGN_SOBOL   /* Sobol low-discrepancy points (gsl_qrng_sobol) */
};

typedef struct gasdep_batch gasdep_batch;

/** Most runs of one batch (grid size, --samples, -n). */
#define GASDEP_BATCH_MAX_RUNS 1000000000L
/** Most samples x parameters of a Latin hypercube or Sobol design (their
 *  points are drawn together before the first run). */
#define GASDEP_BATCH_MAX_POINTS 33554432L

/** Most worker threads of one process (-j, gasdep_batch_options.threads). */
#define GASDEP_BATCH_MAX_THREADS 4096

/** The numeric arguments of a batch, checked in one place for the CLI and
 *  the Python package (gasdep_batch_parse_arg). */
enum gasdep_batch_arg {
    GASDEP_ARG_RUNS,    /* -n, --samples: 1..GASDEP_BATCH_MAX_RUNS */
    GASDEP_ARG_SEED,    /* --seed: 0..2^64-1 */
    GASDEP_ARG_THREADS  /* -j: 1..GASDEP_BATCH_MAX_THREADS */
};

/** Parse the decimal text of a batch argument (digits only, no sign but a
 *  leading '-' that is refused, no spaces) and check its range. Returns
 *  GASDEP_OK with *value set, or GASDEP_EARG with "NAME needs ... from LO
 *  to HI, not 'TEXT'" in msg (TEXT cut at 40 characters); `name` is how the caller spells the argument ("-n",
 *  "runs"). The bounds of `which` in *lo and *hi when they are not NULL. */
GASDEP_API int gasdep_batch_parse_arg(int which, const char *name, const char *text,
                                      uint64_t *value, uint64_t *lo, uint64_t *hi,
                                      char *msg, size_t len);

/** Create an empty batch of the given kind; NULL only when memory runs out. */
GASDEP_API gasdep_batch *gasdep_batch_create(int kind);
GASDEP_API void gasdep_batch_destroy(gasdep_batch *b);
/** Message of the last failure (may hold several lines); never NULL. */
GASDEP_API const char *gasdep_batch_errmsg(const gasdep_batch *b);
/** Warnings of the last prepare (the scenario's, and e.g. a Monte Carlo
 *  with no random element) or of the last run (a damaged journal record on
 *  resume), one per line; "" when none. Never printed by the library. */
GASDEP_API const char *gasdep_batch_warnings(const gasdep_batch *b);

/* ---- Describing the batch (before prepare) ----------------------------- */

/** 1 if the file holds a [sweep] section (a sweep file), 0 if not (a
 *  scenario), -1 if it cannot be read. */
GASDEP_API int gasdep_batch_is_sweep_file(const char *path);
/** Read a sweep file: a [sweep] section with scenario, vary, set, design,
 *  samples and seed keys (scenarios/sweeps/README.md). Relative scenario
 *  paths resolve against the sweep file's directory. */
GASDEP_API int gasdep_batch_load_file(gasdep_batch *b, const char *path);
GASDEP_API int gasdep_batch_set_scenario(gasdep_batch *b, const char *path);
/** Fixed override "PATH=VALUE" applied to every run (as `--set`). */
GASDEP_API int gasdep_batch_set(gasdep_batch *b, const char *assignment);
/** Varied parameter "PATH=SPEC" (sweeps only). SPEC is a comma list
 *  `v1,v2,v3`, a range `LO:HI:STEP[unit]` (dates allowed, step in days) or,
 *  for sampled designs, `LO:HI[unit]`. */
GASDEP_API int gasdep_batch_vary(gasdep_batch *b, const char *spec);
/** "grid", "zip", "random", "lhs" or "sobol". */
GASDEP_API int gasdep_batch_set_design(gasdep_batch *b, const char *word);
/** Samples of a sampled design; for Monte Carlo, the number of runs. */
GASDEP_API int gasdep_batch_set_samples(gasdep_batch *b, long n);
GASDEP_API int gasdep_batch_set_seed(gasdep_batch *b, uint64_t seed);
/** Dependence and criticality: what is removed, one element per run.
 *  Dependence: one of "origin", "group" (origin groups, the default) or
 *  "corridor". Criticality: a comma list of "pipeline", "lng", "storage",
 *  "source" and "corridor" (default "pipeline,lng,storage,source"). A
 *  pipeline, LNG terminal, source or storage is removed with a capacity
 *  factor 0 (storage: injection and withdrawal), an origin with an origin
 *  factor 0 (every source and LNG slot of it), a group with every origin
 *  of the group at 0. */
GASDEP_API int gasdep_batch_remove(gasdep_batch *b, const char *kinds);

/** Validate the scenario and every value, expand the design. Loads the
 *  scenario once (a probe model) and reads the network from it. */
GASDEP_API int gasdep_batch_prepare(gasdep_batch *b);

/* ---- After prepare ------------------------------------------------------ */

/** Number of runs; run ids are 1..runs. */
GASDEP_API long gasdep_batch_runs(const gasdep_batch *b);
/** Varied parameters (sweeps): their count and paths. */
GASDEP_API int gasdep_batch_params(const gasdep_batch *b);
GASDEP_API const char *gasdep_batch_param(const gasdep_batch *b, int p);
/** The value string given to gasdep_set for parameter p in run `run`. */
GASDEP_API int gasdep_batch_value(const gasdep_batch *b, long run, int p, char *buf,
                       size_t len);
/** Dependence and criticality: remove the element only over the period of
 *  n_days from first_day (days since 1970-01-01; n_days 0: to the end of the
 *  horizon), counting the figures of that period only; runs simulate from
 *  the scenario's start (storage as it stands on first_day) and stop at the
 *  period's end. Without it: the whole horizon. */
GASDEP_API int gasdep_batch_set_period(gasdep_batch *b, int first_day, int n_days);
/** Dependence and criticality: the name of the element run `run` removes
 *  and its kind ("origin", "group", "pipeline", "lng", "storage",
 *  "source"); "" (and kind "") for run 1, the scenario as it is; NULL for
 *  another kind of batch or a bad run. */
GASDEP_API const char *gasdep_batch_removed(const gasdep_batch *b, long run,
                                            const char **kind);
/** A few lines describing the design or the stochastic model. */
GASDEP_API const char *gasdep_batch_describe(const gasdep_batch *b);

/* ---- Running ------------------------------------------------------------ */

typedef struct gasdep_batch_progress {
    long done;      /* runs finished, resumed ones included */
    long total;     /* runs in the batch */
    long resumed;   /* runs taken from the journal at start */
    long failed;    /* runs that failed so far */
    double elapsed; /* seconds since the start of this invocation */
    int final;      /* 1 on the last call */
} gasdep_batch_progress;

typedef void (*gasdep_batch_progress_fn)(void *ctx,
                                         const gasdep_batch_progress *p);

typedef struct gasdep_batch_options {
    int threads;         /* worker threads per process; 0 = available cores */
    const char *outdir;  /* created if missing; NULL = "out" */
    int resume;          /* continue from the journal in outdir */
    int keep_series;     /* also write series.csv (per run x day x area) */
    gasdep_batch_progress_fn progress; /* called on the writing rank only */
    void *progress_ctx;
} gasdep_batch_options;

typedef struct gasdep_batch_report {
    long runs;             /* runs in the batch */
    long resumed;          /* taken from the journal */
    long executed;         /* run by this invocation (all ranks) */
    long failed;           /* runs whose model failed (rows marked failed) */
    long first_failed_run; /* 0 if none */
    char first_error[512]; /* message of the first failed run */
    int threads;           /* threads per rank used */
    int ranks;             /* MPI ranks (1 without MPI) */
    int writer;            /* 1 on the process that wrote the files */
    int journal_discarded; /* an old journal was replaced (no resume) */
    int ranks_out_of_step; /* under MPI: this rank stopped on an error while
                              other ranks may still wait for it; the program
                              must end them all (gasdep_batch_mpi_abort) */
    double seconds;        /* wall time of this invocation */
    char files[512];       /* files written, space separated */
    char removed[512];     /* stale outputs of another batch removed from
                              the directory, space separated */
} gasdep_batch_report;

/** Run the batch and write its files into opts->outdir:
 *  sweeps: sweep.csv (+ series.csv);
 *  Monte Carlo: runs.csv, bands.csv, probabilities.csv (+ series.csv);
 *  dependence: dependence.csv, runs.csv; criticality: criticality.csv,
 *  runs.csv.
 *  Returns GASDEP_OK when every file was written (individual runs may have
 *  failed: see report->failed), GASDEP_EIO/ENOMEM/EARG/EINPUT otherwise. */
GASDEP_API int gasdep_batch_run(gasdep_batch *b, const gasdep_batch_options *opts,
                     gasdep_batch_report *report);

/** Number of usable cores (affinity mask), at least 1. */
GASDEP_API int gasdep_batch_cores(void);

/* ---- MPI (no-ops returning rank 0 of 1 in a build without MPI) ---------- */

/** 1 if built with MPI (cmake -DGASDEP_MPI=ON). */
GASDEP_API int gasdep_batch_have_mpi(void);
/** Initialise MPI when the process was started by mpirun/mpiexec (else do
 *  nothing, so a plain start needs no MPI runtime). Call first in main. */
GASDEP_API int gasdep_batch_mpi_begin(int *argc, char ***argv);
/** Finalise MPI if gasdep_batch_mpi_begin initialised it. */
GASDEP_API void gasdep_batch_mpi_end(void);
/** End every rank with exit status `code` (MPI_Abort): for a program whose
 *  gasdep_batch_run reported ranks_out_of_step. Returns without MPI or when
 *  MPI is not running. The library itself never calls it. */
GASDEP_API void gasdep_batch_mpi_abort(int code);
GASDEP_API int gasdep_batch_mpi_rank(void);
GASDEP_API int gasdep_batch_mpi_size(void);

#ifdef __cplusplus
}
#endif
#endif /* GASDEP_BATCH_H */
