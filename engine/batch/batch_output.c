/* batch_output.c: the result files of a batch, written from the journal in
 * run order (so their bytes depend on nothing but the batch), each to a
 * temporary name, fsync'ed and renamed: a result file is complete or absent.
 *   sweeps:      sweep.csv, series.csv (--keep-series)
 *   Monte Carlo: runs.csv, bands.csv, probabilities.csv,
 *                survival_distribution.csv, series.csv
 *   dependence, criticality: runs.csv and their table (removal_output.c)
 * bands.csv holds, per date x area x metric, the mean and P5/P25/P50/P75/P95
 * over the runs (GSL statistics on sorted data). The per-run daily values are
 * read back from the journal in slices of cells that fit a memory budget
 * (32 MiB, env GASDEP_BATCH_MEM_MB), and probabilities.csv one area at a
 * time, so memory stays flat in the number of runs (the run count is
 * limited by disk, not memory): a smaller slice costs only more reads of
 * the journal, which the page cache holds. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "batch_journal.h"
#include "batch_output.h"
#include "quantiles.h"
#include "batch_run.h"
#include "batch_state.h"
#include "buf.h"
#include "ofile.h"
#include "removal_output.h"
#include "survival_stats.h"

/* Copy section `sec` of every run, in run order, after a header line. */
static int write_sections(journal *j, const char *dir, const char *name,
                          const bbuf *header, int sec, gasdep_batch_report *r,
                          bbuf *err)
{
    ofile o;
    int rc = of_open(&o, dir, name, err);
    if (rc != GASDEP_OK) {
        of_abort(&o);
        return rc;
    }
    fwrite(header->p, 1, header->n, o.f);
    bbuf buf = {0};
    for (long run = 1; run <= j->n_runs; run++) {
        buf.n = 0;
        if (journal_section_all(j, run, sec, &buf)) {
            bb_printf(err, "%s: run %ld missing or unreadable", j->path, run);
            bb_free(&buf);
            of_abort(&o);
            return GASDEP_EIO;
        }
        fwrite(buf.p, 1, buf.n, o.f);
    }
    bb_free(&buf);
    return of_commit(&o, r, err);
}

static size_t mem_budget(void)
{
    const char *s = getenv("GASDEP_BATCH_MEM_MB");
    double mb = s ? atof(s) : 32;
    if (!(mb > 0))
        mb = 32;
    return (size_t)(mb * 1024 * 1024);
}

/* Statistics and CSV rows of cells [c0 + lo, c0 + hi) of one pass; the
 * cells of a pass are split over threads, rows are written in cell order. */
typedef struct band_job {
    const gasdep_batch *b;
    double *vals;
    size_t n_ok, c0, lo, hi;
    int started;
    bbuf out;
} band_job;

static void *band_rows(void *arg)
{
    band_job *jb = arg;
    static const double Q[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    size_t A = (size_t)jb->b->n_areas, M = BM_COUNT;
    char date[16];
    for (size_t c = jb->lo; c < jb->hi; c++) {
        double *x = jb->vals + c * jb->n_ok;
        size_t n = 0;
        for (size_t k = 0; k < jb->n_ok; k++)
            if (isfinite(x[k]))
                x[n++] = x[k];
        if (!n)
            continue;
        size_t cell = jb->c0 + c;
        size_t day = cell / (A * M), a = (cell / M) % A, met = cell % M;
        double sum = 0; /* in run order (GSL's running mean divides at
                         * every value: a third of the bands' time) */
        for (size_t k = 0; k < n; k++)
            sum += x[k];
        double mean = sum / (double)n;
        double qv[5];
        quantiles_select(x, n, Q, 5, qv);
        gasdep_date_format(jb->b->first_day + (int)day, date);
        bb_printf(&jb->out, "%s,%s,%s,%zu,", date, jb->b->area_name[a],
                  BAND_METRICS[met], n);
        bb_num(&jb->out, mean, 6);
        for (int q = 0; q < 5; q++) {
            bb_putc(&jb->out, ',');
            bb_num(&jb->out, qv[q], 6);
        }
        bb_putc(&jb->out, '\n');
    }
    return NULL;
}

static int write_bands(const gasdep_batch *b, journal *j, const long *ok, long n_ok,
                       const char *dir, int threads, gasdep_batch_report *r,
                       bbuf *err)
{
    ofile o;
    int rc = of_open(&o, dir, "bands.csv", err);
    if (rc != GASDEP_OK) {
        of_abort(&o);
        return rc;
    }
    fputs("date,region,metric,n,mean,p5,p25,p50,p75,p95\n", o.f);
    size_t A = (size_t)b->n_areas, M = BM_COUNT;
    size_t C = (size_t)b->n_days * A * M;
    size_t per = n_ok > 0 ? mem_budget() / (sizeof(double) * (size_t)n_ok) : C;
    if (per < 1)
        per = 1;
    if (per > C)
        per = C;
    if (threads < 1)
        threads = 1;
    double *vals = malloc((per * (size_t)(n_ok ? n_ok : 1) + 1) * sizeof *vals);
    double *row = malloc((per + 1) * sizeof *row);
    band_job *jobs = calloc((size_t)threads, sizeof *jobs);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (!vals || !row || !jobs || !tid) {
        free(vals);
        free(row);
        free(jobs);
        free(tid);
        of_abort(&o);
        bb_puts(err, "out of memory for bands.csv");
        return GASDEP_ENOMEM;
    }
    for (size_t c0 = 0; c0 < C && n_ok > 0 && rc == GASDEP_OK; c0 += per) {
        size_t nc = C - c0 < per ? C - c0 : per;
        for (long k = 0; k < n_ok; k++) {
            if (journal_section(j, ok[k], SEC_BANDS, c0 * sizeof(double),
                                nc * sizeof(double), row, NULL)) {
                bb_printf(err, "%s: run %ld unreadable", j->path, ok[k]);
                rc = GASDEP_EIO;
                break;
            }
            for (size_t c = 0; c < nc; c++)
                vals[c * (size_t)n_ok + (size_t)k] = row[c];
        }
        if (rc != GASDEP_OK)
            break;
        for (int t = 0; t < threads; t++) {
            band_job *jb = &jobs[t];
            jb->b = b;
            jb->vals = vals;
            jb->n_ok = (size_t)n_ok;
            jb->c0 = c0;
            jb->lo = nc * (size_t)t / (size_t)threads;
            jb->hi = nc * (size_t)(t + 1) / (size_t)threads;
            jb->out.n = 0;
            jb->started = t > 0 && pthread_create(&tid[t], NULL, band_rows, jb) == 0;
        }
        band_rows(&jobs[0]);
        for (int t = 1; t < threads; t++)
            if (jobs[t].started)
                pthread_join(tid[t], NULL);
            else
                band_rows(&jobs[t]); /* no thread: do it here */
        for (int t = 0; t < threads; t++) {
            if (jobs[t].out.oom)
                rc = GASDEP_ENOMEM;
            fwrite(jobs[t].out.p ? jobs[t].out.p : "", 1, jobs[t].out.n, o.f);
        }
    }
    for (int t = 0; t < threads; t++)
        bb_free(&jobs[t].out);
    free(jobs);
    free(tid);
    free(vals);
    free(row);
    if (rc != GASDEP_OK) {
        of_abort(&o);
        if (rc == GASDEP_ENOMEM)
            bb_puts(err, "out of memory for bands.csv");
        return rc;
    }
    return of_commit(&o, r, err);
}

static int write_probabilities(const gasdep_batch *b, journal *j, const long *ok,
                               long n_ok, const char *dir, gasdep_batch_report *r,
                               bbuf *err)
{
    size_t A = (size_t)b->n_areas;
    /* one area at a time: memory of 3 doubles a run, not 2 per area */
    double *u = malloc(((size_t)n_ok + 1) * sizeof *u);
    double *d = malloc(((size_t)n_ok + 1) * sizeof *d);
    double *x = malloc(((size_t)n_ok + 1) * sizeof *x);
    ofile o = {0};
    int rc = !u || !d || !x ? GASDEP_ENOMEM : GASDEP_OK;
    if (rc != GASDEP_OK)
        bb_puts(err, "out of memory for probabilities.csv");
    /* every run's record is there and whole before a file is opened */
    for (long k = 0; rc == GASDEP_OK && k < n_ok; k++) {
        double pr[2];
        if (A && journal_section(j, ok[k], SEC_PROB, 2 * (A - 1) * sizeof(double),
                                 sizeof pr, pr, NULL)) {
            bb_printf(err, "%s: run %ld unreadable", j->path, ok[k]);
            rc = GASDEP_EIO;
        }
    }
    if (rc == GASDEP_OK)
        rc = of_open(&o, dir, "probabilities.csv", err);
    if (rc == GASDEP_OK) {
        fputs("region,kind,runs,p_shortfall,p_shortfall_se,expected_unserved_mcm,"
              "expected_unserved_gwh,p95_unserved_gwh,max_unserved_gwh,"
              "expected_days_short\n", o.f);
        char num[48];
        for (size_t a = 0; a < A && rc == GASDEP_OK; a++) {
            for (long k = 0; k < n_ok; k++) {
                double pr[2];
                if (journal_section(j, ok[k], SEC_PROB, 2 * a * sizeof(double),
                                    sizeof pr, pr, NULL)) {
                    bb_printf(err, "%s: run %ld unreadable", j->path, ok[k]);
                    rc = GASDEP_EIO;
                    break;
                }
                u[k] = pr[0];
                d[k] = pr[1];
            }
            if (rc != GASDEP_OK)
                break;
            long hit = 0;
            for (long k = 0; k < n_ok; k++)
                hit += d[k] > 0;
            double n = (double)n_ok;
            double p = n_ok ? (double)hit / n : NAN;
            double se = n_ok ? sqrt(p * (1 - p) / n) : NAN;
            double eu = n_ok ? gsl_stats_mean(u, 1, (size_t)n_ok) : NAN;
            double ed = n_ok ? gsl_stats_mean(d, 1, (size_t)n_ok) : NAN;
            double p95 = NAN, mx = NAN;
            if (n_ok) {
                memcpy(x, u, (size_t)n_ok * sizeof *x);
                gsl_sort(x, 1, (size_t)n_ok);
                p95 = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n_ok, 0.95);
                mx = x[n_ok - 1];
            }
            double g = b->gwh_per_mcm;
            double v[] = {p, se, eu, eu * g, p95 * g, mx * g, ed};
            fprintf(o.f, "%s,%s,%ld", b->area_name[a],
                    b->area_is_group[a] ? "group" : "region", n_ok);
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
                fputc(',', o.f);
                fputs(fmt_fixed(num, v[i], 6), o.f);
            }
            fputc('\n', o.f);
        }
        if (rc == GASDEP_OK)
            rc = of_commit(&o, r, err);
        else
            of_abort(&o);
    } else {
        of_abort(&o);
    }
    free(u);
    free(d);
    free(x);
    return rc;
}

/* survival_distribution.csv: per area, the survival times of the runs
 * (days from the run's first disruption start to the first shortfall; the
 * record's third block) as quantiles, runs without a shortfall censored. */
static int write_survival(const gasdep_batch *b, journal *j, const long *ok,
                          long n_ok, const char *dir, gasdep_batch_report *r,
                          bbuf *err)
{
    static const double Q[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    size_t A = (size_t)b->n_areas, N = (size_t)n_ok;
    double *sv = malloc((N * A + 1) * sizeof *sv);
    double *pr = malloc((A + 1) * sizeof *pr);
    ofile o = {0};
    int rc = !sv || !pr ? GASDEP_ENOMEM : GASDEP_OK;
    if (rc != GASDEP_OK)
        bb_puts(err, "out of memory for survival_distribution.csv");
    for (size_t k = 0; rc == GASDEP_OK && k < N; k++) {
        if (journal_section(j, ok[k], SEC_PROB, 2 * A * sizeof(double),
                            A * sizeof(double), pr, NULL)) {
            bb_printf(err, "%s: run %ld unreadable", j->path, ok[k]);
            rc = GASDEP_EIO;
            break;
        }
        for (size_t a = 0; a < A; a++)
            sv[a * N + k] = pr[a];
    }
    if (rc == GASDEP_OK)
        rc = of_open(&o, dir, "survival_distribution.csv", err);
    if (rc == GASDEP_OK) {
        fputs("region,kind,runs,runs_short,p_no_shortfall,p5_days,p25_days,"
              "p50_days,p75_days,p95_days,min_days,max_days\n", o.f);
        char num[48];
        for (size_t a = 0; a < A; a++) {
            double *x = sv + a * N;
            survival_sort(x, N);
            size_t hit = 0;
            while (hit < N && isfinite(x[hit]))
                hit++;
            fprintf(o.f, "%s,%s,%ld,%zu", b->area_name[a],
                    b->area_is_group[a] ? "group" : "region", n_ok, hit);
            double v[8] = {N ? (double)(N - hit) / (double)N : NAN};
            for (int q = 0; q < 5; q++)
                v[1 + q] = survival_quantile(x, N, Q[q]);
            v[6] = hit ? x[0] : NAN;
            v[7] = hit ? x[hit - 1] : NAN;
            for (int i = 0; i < 8; i++) {
                fputc(',', o.f);
                fputs(fmt_fixed(num, v[i], i ? 3 : 6), o.f);
            }
            fputc('\n', o.f);
        }
        rc = of_commit(&o, r, err);
    } else {
        of_abort(&o);
    }
    free(sv);
    free(pr);
    return rc;
}

int batch_write_outputs(const gasdep_batch *b, journal *j, const char *dir,
                        int keep_series, int threads, gasdep_batch_report *r,
                        bbuf *err)
{
    int mc = b->kind == GASDEP_MONTECARLO;
    r->failed = 0;
    r->first_failed_run = 0;
    r->first_error[0] = '\0';
    r->files[0] = '\0';
    r->removed[0] = '\0';
    /* failures, and the runs with complete Monte Carlo data */
    long *ok = malloc(((size_t)j->n_runs + 1) * sizeof *ok);
    if (!ok) {
        bb_puts(err, "out of memory");
        return GASDEP_ENOMEM;
    }
    long n_ok = 0;
    size_t want = (size_t)b->n_days * (size_t)b->n_areas * BM_COUNT * sizeof(double);
    bbuf st = {0};
    for (long run = 1; run <= j->n_runs; run++) {
        st.n = 0;
        size_t nb = 0;
        if (journal_section_all(j, run, SEC_STATUS, &st) ||
            journal_section(j, run, SEC_BANDS, 0, 0, NULL, &nb)) {
            bb_printf(err, "%s: run %ld missing or unreadable", j->path, run);
            bb_free(&st);
            free(ok);
            return GASDEP_EIO;
        }
        if (st.n) {
            if (!r->failed++) {
                r->first_failed_run = run;
                snprintf(r->first_error, sizeof r->first_error, "%s", st.p);
            }
        } else if (!mc || nb == want) {
            ok[n_ok++] = run;
        }
    }
    bb_free(&st);
    bbuf h = {0};
    batch_rows_header(b, &h);
    int many = mc || batch_is_removal(b); /* runs.csv, not sweep.csv */
    int rc = h.oom ? GASDEP_ENOMEM
                   : write_sections(j, dir, many ? "runs.csv" : "sweep.csv", &h,
                                    SEC_ROWS, r, err);
    if (rc == GASDEP_OK && keep_series) {
        h.n = 0;
        batch_series_header(b, &h);
        rc = write_sections(j, dir, "series.csv", &h, SEC_SERIES, r, err);
    }
    bb_free(&h);
    if (rc == GASDEP_OK && mc)
        rc = write_bands(b, j, ok, n_ok, dir, threads, r, err);
    if (rc == GASDEP_OK && mc)
        rc = write_probabilities(b, j, ok, n_ok, dir, r, err);
    if (rc == GASDEP_OK && mc)
        rc = write_survival(b, j, ok, n_ok, dir, r, err);
    if (rc == GASDEP_OK && batch_is_removal(b))
        rc = removal_write(b, j, dir, r, err);
    free(ok);
    if (rc == GASDEP_OK) {
        /* files of another batch (the other kind, or a series.csv of an
         * earlier --keep-series run) would read as part of this one */
        static const char *const ALL[] = {"sweep.csv", "runs.csv", "bands.csv",
                                          "probabilities.csv",
                                          "survival_distribution.csv", "series.csv",
                                          "dependence.csv", "criticality.csv", NULL};
        /* each kind's own files, besides series.csv */
        static const char *const OWN[] = {
            [GASDEP_SWEEP] = " sweep.csv ",
            [GASDEP_MONTECARLO] = (" runs.csv bands.csv probabilities.csv "
                                   "survival_distribution.csv "),
            [GASDEP_DEPENDENCE] = " runs.csv dependence.csv ",
            [GASDEP_CRITICALITY] = " runs.csv criticality.csv "};
        for (int i = 0; ALL[i]; i++) {
            char word[32];
            snprintf(word, sizeof word, " %s ", ALL[i]);
            int ours = !strcmp(ALL[i], "series.csv") ? keep_series
                                                     : strstr(OWN[b->kind], word) != NULL;
            if (ours)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, ALL[i]);
            if (unlink(path) == 0) {
                size_t used = strlen(r->removed);
                snprintf(r->removed + used, sizeof r->removed - used, "%s%s",
                         used ? " " : "", path);
            }
        }
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return rc;
}
