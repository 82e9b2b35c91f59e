/* batch_int.h: internals of sweeps and Monte Carlo (batch*.c, sweep.c,
 * montecarlo.c). Not installed; tests include it for white-box checks. */
#ifndef GASDEP_BATCH_INT_H
#define GASDEP_BATCH_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <gsl/gsl_rng.h>

#include "gasdep/batch.h"
#include "gasdep/gasdep.h"

/* ---- growable byte buffer ------------------------------------------------ */

typedef struct bbuf {
    char *p;
    size_t n, cap;
    int oom;
} bbuf;

void bb_reserve(bbuf *b, size_t extra);
void bb_put(bbuf *b, const void *data, size_t len);
void bb_puts(bbuf *b, const char *s);
void bb_putc(bbuf *b, char c);
/* Fixed point with `dec` decimals, trailing zeros trimmed, "" for NaN. */
void bb_num(bbuf *b, double x, int dec);
/* A CSV field, quoted where needed. */
void bb_field(bbuf *b, const char *s);
void bb_printf(bbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bb_free(bbuf *b);
/* Format into a fixed buffer: fixed point as bb_num. */
char *fmt_fixed(char *buf, double x, int dec);

uint64_t fnv1a64(uint64_t h, const void *data, size_t len);
#define FNV_OFFSET 1469598103934665603ULL

/* ---- the batch ------------------------------------------------------------ */

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
    long n_points; /* values on the grid (list length, range points) */
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

struct gasdep_batch {
    int kind;
    bbuf err;
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
    char *describe;
};

void batch_err(gasdep_batch *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void batch_err_clear(gasdep_batch *b);
char *batch_strdup(const char *s);

/* sweep.c */
int sweep_parse_vary(gasdep_batch *b, const char *spec);
int sweep_expand(gasdep_batch *b, gasdep_model *probe_loaded);
int sweep_value(const gasdep_batch *b, long run, int p, char *buf, size_t len);
void sweep_free(gasdep_batch *b);

/* montecarlo.c */
extern const gsl_rng_type *gasdep_rng_xoshiro;
uint64_t mc_mix(uint64_t seed, uint64_t run, uint64_t stream);
uint64_t mc_stream(const char *name);
gsl_rng *mc_rng(const gasdep_batch *b, long run, uint64_t stream);
int mc_collect(gasdep_batch *b, gasdep_model *probe);
void mc_free(gasdep_batch *b);
/* Per-run schedule: factors per day for each stochastic element, the
 * demand factor per region and day, event start offsets. */
typedef struct mc_draw {
    int n_days, n_el, n_regions, n_ev;
    double *cap;    /* n_el x n_days capacity factors */
    double *demand; /* n_regions x n_days demand factors (NULL if no weather) */
    double *anomaly; /* n_days temperature anomaly, K */
    int *ev_offset; /* n_ev start offsets, days */
    int n_outages;  /* outages started in the horizon, all elements */
} mc_draw;
int mc_draw_run(const gasdep_batch *b, long run, mc_draw *d);
void mc_draw_free(mc_draw *d);

/* batch_run.c: one run into one journal record */
enum { SEC_STATUS, SEC_ROWS, SEC_SERIES, SEC_BANDS, SEC_PROB, SEC_COUNT };
#define REC_MAGIC 0x4a524447u /* "GDRJ" little-endian */
typedef struct rec_header {
    uint32_t magic;
    uint32_t nsec;
    uint64_t run;
    uint64_t len; /* payload bytes after this header */
    uint64_t sum; /* FNV-1a 64 of run and payload */
} rec_header;

typedef struct bworker bworker;
bworker *bworker_create(const gasdep_batch *b, int keep_series);
void bworker_destroy(bworker *w);
/* Simulate run `run` and build its record (header + payload) in `out`.
 * Returns 0, or -1 when memory ran out (a model failure is a record). */
int bworker_run(bworker *w, long run, bbuf *out);
/* Build a record from sections. */
int rec_build(bbuf *out, long run, bbuf *const sec[SEC_COUNT]);
uint64_t rec_checksum(uint64_t run, const void *payload, size_t len);
/* CSV header of the summary rows (sweep.csv / runs.csv). */
void batch_rows_header(const gasdep_batch *b, bbuf *out);
void batch_series_header(const gasdep_batch *b, bbuf *out);

/* batch_journal.c */
typedef struct journal {
    int fd;
    char *path;
    off_t end;
    long n_runs;
    int64_t *off; /* per run (index run-1): record offset, -1 if missing */
    long n_have;
    double last_sync;
} journal;
int journal_open(journal *j, const char *dir, const gasdep_batch *b,
                 int keep_series, int resume, int *discarded, bbuf *err);
int journal_append(journal *j, const void *rec, size_t len);
int journal_sync(journal *j);
/* Read the payload section table and a byte range of section `sec` of run. */
int journal_section(journal *j, long run, int sec, size_t off, size_t len,
                    void *dst, size_t *sec_len);
/* Whole section of run into out (appended). */
int journal_section_all(journal *j, long run, int sec, bbuf *out);
void journal_close(journal *j, int remove_file);
/* Mark the end of every valid record in [base, base+len) (MPI receive). */
int rec_valid(const void *rec, size_t len, long n_runs, long *run);

/* batch_output.c */
int batch_write_outputs(const gasdep_batch *b, journal *j, const char *dir,
                        int keep_series, int threads, gasdep_batch_report *r,
                        bbuf *err);

/* batch_mpi.c (stubs without MPI) */
int bmpi_active(void);
int bmpi_rank(void);
int bmpi_size(void);
int bmpi_local_size(void);
void bmpi_bcast(void *buf, size_t len);
void bmpi_bcast_long(long *v);
int bmpi_send(const void *buf, size_t len);
/* Rank 0: receive one record if one is waiting (1), none (0), error (-1). */
int bmpi_poll(bbuf *out);
long bmpi_sum_long(long v);

/* time */
double batch_now(void);

#endif
