/* batch_exec.c: running a batch: worker threads (one model handle per run,
 * nothing shared but a run counter and a queue of finished records), MPI
 * ranks (runs dealt cyclically, records sent to rank 0), the journal and the
 * final files.
 *
 * Rank 0's main thread is the only writer: it appends every finished record
 * (its own threads' and the other ranks') to the journal as it arrives, and
 * once all runs are in, writes the result files from the journal in run
 * order. Output bytes therefore depend only on the batch, never on -j, the
 * number of ranks, completion order or an interruption resumed later. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_journal.h"
#include "batch_mpi.h"
#include "batch_output.h"
#include "batch_run.h"
#include "batch_state.h"
#include "buf.h"

typedef struct exec {
    const gasdep_batch *b;
    int keep;
    /* this rank's runs, found as they are taken (no per-run list: a
     * batch of 10^8 runs must not allocate for runs not yet started): the
     * pending runs (not in `done`) dealt cyclically over ranks */
    const unsigned char *done;
    long n_runs;
    int rank, size;
    pthread_mutex_t todo_mu;
    long cursor;  /* next run id to look at */
    long pidx;    /* index among pending runs of the run at cursor */
    long n_todo;
    atomic_int stop;
    atomic_int oom;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    bbuf *q;
    int qcap, qhead, qcount;
    int producers;
} exec;

static void queue_push(exec *e, bbuf *rec)
{
    pthread_mutex_lock(&e->mu);
    while (e->qcount == e->qcap && !atomic_load(&e->stop))
        pthread_cond_wait(&e->not_full, &e->mu);
    if (e->qcount < e->qcap) {
        e->q[(e->qhead + e->qcount) % e->qcap] = *rec;
        e->qcount++;
        memset(rec, 0, sizeof *rec);
        pthread_cond_signal(&e->not_empty);
    }
    pthread_mutex_unlock(&e->mu);
}

/* 1: a record in *out; 0: none yet (timed out); -1: no more will come.
 * timeout < 0 waits as long as needed, 0 does not wait. */
static int queue_pop(exec *e, bbuf *out, double timeout)
{
    pthread_mutex_lock(&e->mu);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    long ns = until.tv_nsec + (long)(timeout * 1e9);
    until.tv_sec += ns / 1000000000L;
    until.tv_nsec = ns % 1000000000L;
    while (e->qcount == 0 && e->producers > 0 && timeout != 0) {
        if (timeout < 0)
            pthread_cond_wait(&e->not_empty, &e->mu);
        else if (pthread_cond_timedwait(&e->not_empty, &e->mu, &until) == ETIMEDOUT)
            break;
    }
    int r;
    if (e->qcount > 0) {
        bb_free(out);
        *out = e->q[e->qhead];
        e->qhead = (e->qhead + 1) % e->qcap;
        e->qcount--;
        pthread_cond_signal(&e->not_full);
        r = 1;
    } else {
        r = e->producers > 0 ? 0 : -1;
    }
    pthread_mutex_unlock(&e->mu);
    return r;
}

/* The next run of this rank, or -1 when none is left. */
static long next_run(exec *e)
{
    long run = -1;
    pthread_mutex_lock(&e->todo_mu);
    while (run < 0 && e->cursor <= e->n_runs) {
        long r = e->cursor++;
        if (e->done[(r - 1) / 8] & (1u << ((r - 1) % 8)))
            continue;
        if (e->pidx++ % e->size == e->rank)
            run = r;
    }
    pthread_mutex_unlock(&e->todo_mu);
    return run;
}

static void *worker_main(void *arg)
{
    exec *e = arg;
    bworker *w = bworker_create(e->b, e->keep);
    bbuf rec = {0};
    if (!w)
        atomic_store(&e->oom, 1);
    while (w && !atomic_load(&e->stop)) {
        long run = next_run(e);
        if (run < 0)
            break;
        if (bworker_run(w, run, &rec)) {
            atomic_store(&e->oom, 1);
            atomic_store(&e->stop, 1);
            break;
        }
        queue_push(e, &rec);
    }
    bb_free(&rec);
    bworker_destroy(w);
    gasdep_thread_finish();
    pthread_mutex_lock(&e->mu);
    e->producers--;
    pthread_cond_broadcast(&e->not_empty);
    pthread_cond_broadcast(&e->not_full);
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

static int mkdir_p(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0755) && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    int rc = mkdir(p, 0755) && errno != EEXIST ? -1 : 0;
    free(p);
    struct stat st;
    return rc || stat(dir, &st) || !S_ISDIR(st.st_mode) ? -1 : 0;
}

static int rec_failed(const bbuf *rec)
{
    uint64_t l0;
    memcpy(&l0, rec->p + sizeof(rec_header), sizeof l0);
    return l0 > 0;
}

/* Test hook: GASDEP_BATCH_KILL_AFTER=K makes the writer SIGKILL its own
 * process after journaling K records in this invocation (with
 * GASDEP_BATCH_KILL_TORN set, after writing half of one more record), to
 * test --resume against a real mid-run kill. */
static long kill_after(void)
{
    const char *s = getenv("GASDEP_BATCH_KILL_AFTER");
    return s ? atol(s) : 0;
}

static void maybe_kill(journal *j, const bbuf *rec, long written, long limit)
{
    if (limit <= 0 || written < limit)
        return;
    if (getenv("GASDEP_BATCH_KILL_TORN") && rec->n > 1) {
        ssize_t n = pwrite(j->fd, rec->p, rec->n / 2, j->end);
        (void)n;
    }
    raise(SIGKILL);
}

/* Rank 0 opens (or resumes) the journal in dir and every rank learns the
 * outcome: a status, with the reason in err. */
static long journal_start(gasdep_batch *b, const gasdep_batch_options *opts,
                          const char *dir, journal *j, gasdep_batch_report *r,
                          bbuf *err)
{
    long status = GASDEP_OK;
    if (bmpi_rank() == 0) {
        if (mkdir_p(dir)) {
            bb_printf(err, "%s: cannot create the output directory: %s", dir,
                      strerror(errno));
            status = GASDEP_EIO;
        } else {
            status = journal_open(j, dir, b, opts->keep_series, opts->resume,
                                  &r->journal_discarded, err);
        }
    }
    if (bmpi_active())
        bmpi_bcast_long(&status);
    return status;
}

/* The runs still to do. */
typedef struct pending {
    long n, resumed, first, last; /* first and last: run ids, 0 when none */
} pending;

/* One bit per run, set where the journal holds the run (read by rank 0,
 * broadcast); NULL when out of memory. */
static unsigned char *journal_done(const gasdep_batch *b, journal *j, pending *p)
{
    size_t nbytes = ((size_t)b->n_runs + 7) / 8;
    unsigned char *done = calloc(nbytes + 1, 1);
    if (!done)
        return NULL;
    if (bmpi_rank() == 0)
        for (long i = 0; i < b->n_runs; i++)
            if (journal_has(j, i + 1))
                done[i / 8] |= (unsigned char)(1u << (i % 8));
    if (bmpi_active())
        bmpi_bcast(done, nbytes);
    memset(p, 0, sizeof *p);
    for (long i = 0; i < b->n_runs; i++) {
        if (done[i / 8] & (1u << (i % 8))) {
            p->resumed++;
        } else {
            p->n++;
            if (!p->first)
                p->first = i + 1;
            p->last = i + 1;
        }
    }
    return done;
}

/* Up to `threads` workers on the runs of e; the number started. */
static int workers_start(exec *e, pthread_t *tid, int threads)
{
    int started = 0;
    for (int t = 0; t < threads; t++) {
        pthread_mutex_lock(&e->mu);
        e->producers++;
        pthread_mutex_unlock(&e->mu);
        if (pthread_create(&tid[t], NULL, worker_main, e)) {
            pthread_mutex_lock(&e->mu);
            e->producers--;
            pthread_mutex_unlock(&e->mu);
            break;
        }
        started++;
    }
    return started;
}

/* Stop and join the workers; free what the queue still holds. */
static void workers_stop(exec *e, pthread_t *tid, int started)
{
    atomic_store(&e->stop, 1);
    pthread_mutex_lock(&e->mu);
    pthread_cond_broadcast(&e->not_full);
    pthread_mutex_unlock(&e->mu);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    while (e->q && e->qcount) { /* records left after an error */
        bb_free(&e->q[e->qhead]);
        e->qhead = (e->qhead + 1) % e->qcap;
        e->qcount--;
    }
}

/* What the writer collected. */
typedef struct collected {
    long got, failed;
    int io_error; /* errno of a failed journal write, or 0 */
    int lost;     /* an MPI record was lost or malformed */
} collected;

/* Rank 0: every pending run's record, local or from other ranks, into the
 * journal as it arrives, with progress; the other ranks send theirs. */
static void collect_records(const gasdep_batch *b, const gasdep_batch_options *opts,
                            exec *e, journal *j, const pending *p, double t0,
                            collected *c)
{
    int mpi = bmpi_active();
    long written = 0, limit = kill_after();
    bbuf rec = {0};
    memset(c, 0, sizeof *c);
    if (bmpi_rank() != 0) {
        while (queue_pop(e, &rec, -1) == 1)
            if (bmpi_send(rec.p, rec.n)) {
                c->lost = 1;
                break;
            }
        bb_free(&rec);
        return;
    }
    gasdep_batch_progress pr = {p->resumed, b->n_runs, p->resumed, 0, 0, 0};
    if (opts->progress)
        opts->progress(opts->progress_ctx, &pr);
    while (c->got < p->n && !c->io_error) {
        /* take every record that is waiting, local or from other ranks;
         * wait (briefly under MPI) only when there was none */
        int k = queue_pop(e, &rec, 0), m = 0;
        if (k != 1 && mpi) {
            long run;
            m = bmpi_poll(&rec);
            if (m < 0 || (m == 1 && !rec_valid(rec.p, rec.n, b->n_runs, &run))) {
                c->lost = 1; /* no way to recover a lost message */
                break;
            }
        }
        if (k != 1 && m != 1) {
            if (k < 0 && !mpi)
                break; /* workers gone early (out of memory) */
            if (k == 0)
                k = queue_pop(e, &rec, mpi ? 0.0005 : 0.25);
            else
                usleep(200); /* only other ranks' records are still to come */
            if (k != 1)
                continue;
        }
        if (journal_append(j, rec.p, rec.n)) {
            c->io_error = errno ? errno : EIO;
            atomic_store(&e->stop, 1);
            break;
        }
        c->got++;
        written++;
        c->failed += rec_failed(&rec);
        maybe_kill(j, &rec, written, limit);
        if (opts->progress) {
            pr.done = p->resumed + c->got;
            pr.failed = c->failed;
            pr.elapsed = batch_now() - t0;
            opts->progress(opts->progress_ctx, &pr);
        }
    }
    bb_free(&rec);
}

/* After the runs, on rank 0: the journal made durable, then the output
 * tables (batch_output.c) and the last progress report; the journal closed
 * (removed when complete) and the outcome shared with every rank. */
static long finish_outputs(gasdep_batch *b, const gasdep_batch_options *opts,
                           const char *dir, journal *j, long status,
                           const collected *c, const pending *p, int out_threads,
                           double t0, gasdep_batch_report *r, bbuf *err)
{
    int writer = bmpi_rank() == 0;
    if (writer && status == GASDEP_OK) {
        if (journal_sync(j)) {
            bb_printf(err, "%s: %s", j->path, strerror(errno));
            status = GASDEP_EIO;
        } else {
            status = batch_write_outputs(b, j, dir, opts->keep_series,
                                         out_threads, r, err);
        }
    } else if (writer && status == GASDEP_EIO) {
        bb_printf(err, "%s: %s", j->path, strerror(c->io_error));
    }
    if (writer) {
        gasdep_batch_progress pr = {p->resumed + c->got, b->n_runs, p->resumed,
                                    r->failed, batch_now() - t0, 1};
        if (opts->progress && status == GASDEP_OK)
            opts->progress(opts->progress_ctx, &pr);
    }
    journal_close(j, writer && status == GASDEP_OK);
    if (bmpi_active()) {
        bmpi_bcast_long(&status);
        long f = r->failed;
        bmpi_bcast_long(&f);
        r->failed = f;
    }
    return status;
}

int gasdep_batch_run(gasdep_batch *b, const gasdep_batch_options *opts,
                     gasdep_batch_report *r)
{
    gasdep_batch_report dummy;
    if (!r)
        r = &dummy;
    memset(r, 0, sizeof *r);
    if (!b || !opts)
        return GASDEP_EARG;
    if (opts->threads < 0 || opts->threads > GASDEP_BATCH_MAX_THREADS) {
        batch_err(b, "threads must lie in 0..%d (0: the available cores), not %d",
                  GASDEP_BATCH_MAX_THREADS, opts->threads);
        return GASDEP_EARG;
    }
    if (!b->prepared) {
        batch_err(b, "gasdep_batch_run before gasdep_batch_prepare");
        return GASDEP_ESTATE;
    }
    batch_err_clear(b);
    b->warn.n = 0; /* warnings of this run from here on */
    if (b->warn.p)
        b->warn.p[0] = '\0';
    double t0 = batch_now();
    const char *dir = opts->outdir ? opts->outdir : "out";
    int rank = bmpi_rank(), size = bmpi_size(), mpi = bmpi_active();
    int writer = rank == 0;
    r->ranks = size;
    r->writer = writer;
    r->runs = b->n_runs;

    /* rank 0 opens the journal and tells everyone which runs are left */
    journal j;
    memset(&j, 0, sizeof j);
    j.fd = -1;
    bbuf err = {0};
    long status = journal_start(b, opts, dir, &j, r, &err);
    if (status != GASDEP_OK) {
        batch_err(b, "%s", err.p ? err.p : "cannot open the journal");
        bb_free(&err);
        journal_close(&j, 0);
        return (int)status;
    }
    pending p;
    unsigned char *done = journal_done(b, &j, &p);
    if (!done) {
        journal_close(&j, 0);
        batch_err(b, "out of memory");
        r->ranks_out_of_step = mpi; /* the others wait in the broadcast */
        return GASDEP_ENOMEM;
    }
    r->resumed = p.resumed;
    if (writer && j.damaged_record > 0 && p.n > 0)
        batch_warn(b, "%s: damaged at record %ld: rerunning %ld run%s "
                   "(%ld..%ld)", j.path, j.damaged_record, p.n,
                   p.n == 1 ? "" : "s", p.first, p.last);

    /* this rank's share: pending runs dealt cyclically over ranks */
    exec e;
    memset(&e, 0, sizeof e);
    e.b = b;
    e.keep = opts->keep_series;
    e.done = done;
    e.n_runs = b->n_runs;
    e.rank = rank;
    e.size = size;
    e.cursor = 1;
    e.n_todo = p.n > rank ? (p.n - rank + size - 1) / size : 0;
    pthread_mutex_init(&e.todo_mu, NULL);
    int threads = opts->threads > 0 ? opts->threads
                                    : gasdep_batch_cores() / bmpi_local_size();
    if (threads < 1)
        threads = 1;
    int out_threads = threads; /* for the statistics of bands.csv */
    if (threads > e.n_todo)
        threads = e.n_todo > 0 ? (int)e.n_todo : 1;
    r->threads = threads;
    e.qcap = 2 * threads + 2;
    e.q = calloc((size_t)e.qcap, sizeof *e.q);
    pthread_mutex_init(&e.mu, NULL);
    pthread_cond_init(&e.not_empty, NULL);
    pthread_cond_init(&e.not_full, NULL);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    int started = e.q && tid && e.n_todo > 0 ? workers_start(&e, tid, threads) : 0;
    if (e.n_todo > 0 && !started)
        atomic_store(&e.oom, 1);
    /* under MPI a rank without workers stops here: the others would wait
     * for its runs (the program ends them all, see ranks_out_of_step) */
    collected c = {0, 0, 0, 0};
    if (!(mpi && atomic_load(&e.oom)))
        collect_records(b, opts, &e, &j, &p, t0, &c);
    workers_stop(&e, tid, started);
    free(tid);
    free(e.q);
    free(done);
    pthread_mutex_destroy(&e.todo_mu);
    pthread_mutex_destroy(&e.mu);
    pthread_cond_destroy(&e.not_empty);
    pthread_cond_destroy(&e.not_full);

    if (atomic_load(&e.oom))
        status = GASDEP_ENOMEM;
    else if (c.io_error || c.lost)
        status = GASDEP_EIO;
    if (mpi && status != GASDEP_OK) {
        /* this rank cannot take part in the closing collectives */
        r->ranks_out_of_step = 1;
        if (c.lost)
            batch_err(b, "MPI: a record from another rank was lost or malformed");
        else if (c.io_error)
            batch_err(b, "%s: %s", j.path, strerror(c.io_error));
        else
            batch_err(b, "out of memory");
        journal_close(&j, 0);
        bb_free(&err);
        r->seconds = batch_now() - t0;
        return (int)status;
    }
    r->executed = writer ? c.got : e.n_todo;
    status = finish_outputs(b, opts, dir, &j, status, &c, &p, out_threads, t0, r, &err);
    if (status == GASDEP_ENOMEM)
        batch_err(b, "out of memory");
    else if (status != GASDEP_OK)
        batch_err(b, "%s", err.p ? err.p : "batch failed");
    bb_free(&err);
    r->seconds = batch_now() - t0;
    return (int)status;
}
