/* output.c: CSV time series and summaries. Each file is written under a
 * temporary name and renamed when the run is complete, so a reader never sees
 * half a file and a failed run leaves none behind. Reads the model through
 * the public API only (include/gasdep/gasdep.h). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "csvnum.h"
#include "output.h"
#include "util.h"

enum { T_BALANCE, T_SHARES, T_GSHARES, T_FLOWS, T_SUMMARY, T_MANIFEST, T_N };

const char *const gasdep_tables[] = {"balance", "shares", "group_shares",
                                     "flows",   "summary", "manifest", NULL};

static const char *const HEADERS[T_N] = {
    "date,region,demand_mcm,supplied_mcm,unserved_mcm,storage_mcm,storage_fill,"
    "storage_target_fill,price_eur_mwh\n",
    "date,region,origin,volume_mcm,share\n",
    "date,region,group,volume_mcm,share\n",
    "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation\n",
    NULL, /* summary: depends on the origin groups */
    "key,value\n",
};

struct output {
    FILE *f[T_N];
    char *tmp[T_N], *final[T_N];
    int owns_stream;
    char **q_area, **q_origin, **q_group, **q_pipe, **q_node;
    int n_q;
    char **all_q;
    int q_count[5]; /* names in each all_q list */
    int n_area, n_origin, n_group, n_pipe, n_region;
    char *line;
    size_t line_cap, row_max; /* rows gather in line[], written in chunks */
};

/* ---- formatting --------------------------------------------------------- */

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* Rows of a table gather in o->line; write them out when the next row might
 * not fit (and once at the end of the day's table, with `done`). */
static char *room(struct output *o, char *p, FILE *f, int done)
{
    if (done || (size_t)(p - o->line) + o->row_max > o->line_cap) {
        fwrite(o->line, 1, (size_t)(p - o->line), f);
        return o->line;
    }
    return p;
}

static char *put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

/* A CSV field, quoted by libcsv only where it needs quoting. */
static char *quoted(const char *s)
{
    if (!strpbrk(s, ",\"\r\n"))
        return xstrdup(s);
    size_t cap = 2 * strlen(s) + 3;
    char *q = malloc(cap + 1);
    if (!q)
        return NULL;
    size_t n = csv_write(q, cap, s, strlen(s));
    q[n] = '\0';
    return q;
}

/* ---- open / close ------------------------------------------------------- */

static char **quote_all(struct output *o, const gasdep_model *m, int kind)
{
    int n = gasdep_count(m, kind);
    char **q = xcalloc((size_t)n, sizeof *q);
    if (!q)
        return NULL;
    for (int i = 0; i < n; i++)
        q[i] = quoted(gasdep_name(m, kind, i));
    char **all = realloc(o->all_q, (size_t)(o->n_q + 1) * sizeof *all);
    if (!all) {
        for (int i = 0; i < n; i++)
            free(q[i]);
        free(q);
        return NULL;
    }
    o->all_q = all;
    o->q_count[o->n_q] = n;
    o->all_q[o->n_q++] = (char *)q;
    for (int i = 0; i < n; i++)
        if (!q[i])
            return NULL;
    return q;
}

static void output_free(struct output *o)
{
    for (int i = 0; i < o->n_q; i++) {
        char **q = (char **)o->all_q[i];
        for (int j = 0; j < o->q_count[i]; j++)
            free(q[j]);
        free(q);
    }
    free(o->all_q);
    for (int t = 0; t < T_N; t++) {
        free(o->tmp[t]);
        free(o->final[t]);
    }
    free(o->line);
    free(o);
}

static int table_index(const char *name)
{
    for (int t = 0; t < T_N; t++)
        if (strcmp(gasdep_tables[t], name) == 0)
            return t;
    return -1;
}

static char *path_in(const char *dir, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + strlen(name) + strlen(suffix) + 64;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s%s", dir, name, suffix);
    return p;
}

static void write_summary_header(struct output *o)
{
    FILE *f = o->f[T_SUMMARY];
    fputs("region,kind,demand_mcm,supplied_mcm,unserved_mcm,unserved_gwh,"
          "unserved_share,days_short,min_storage_fill,peak_price_eur_mwh,"
          "n1_pct",
          f);
    for (int g = 0; g < o->n_group; g++)
        fprintf(f, ",share_mean_%s,share_min_%s,share_max_%s", o->q_group[g],
                o->q_group[g], o->q_group[g]);
    fputc('\n', f);
}

static size_t longest(char *const *names, int n)
{
    size_t k = 0;
    for (int i = 0; i < n; i++)
        k = max_size(k, strlen(names[i]));
    return k;
}

struct output *output_open(const gasdep_model *m, errlog *err, const char *dir,
                           const char *only_table, FILE *only_stream)
{
    struct output *o = xcalloc(1, sizeof *o);
    if (!o) {
        err_fail(err, GASDEP_ENOMEM, "out of memory");
        return NULL;
    }
    o->n_area = gasdep_count(m, GASDEP_AREA);
    o->n_region = gasdep_count(m, GASDEP_REGION);
    o->n_origin = gasdep_count(m, GASDEP_ORIGIN);
    o->n_group = gasdep_count(m, GASDEP_ORIGIN_GROUP);
    o->n_pipe = gasdep_count(m, GASDEP_PIPELINE);
    o->q_area = quote_all(o, m, GASDEP_AREA);
    o->q_origin = quote_all(o, m, GASDEP_ORIGIN);
    o->q_group = quote_all(o, m, GASDEP_ORIGIN_GROUP);
    o->q_pipe = quote_all(o, m, GASDEP_PIPELINE);
    o->q_node = quote_all(o, m, GASDEP_NODE);
    if (o->q_area && o->q_origin && o->q_group && o->q_pipe && o->q_node) {
        /* a daily row: a date, at most three names, at most eight numbers
         * of at most 32 characters each (csv_fixed) */
        size_t name_max = 0;
        for (int i = 0; i < o->n_q; i++)
            name_max = max_size(name_max, longest((char *const *)o->all_q[i], o->q_count[i]));
        o->row_max = 16 + 3 * name_max + 8 * 32;
        o->line_cap = ((size_t)1 << 16) + o->row_max;
        o->line = malloc(o->line_cap);
    }
    if (!o->line || !o->q_area || !o->q_origin || !o->q_group || !o->q_pipe ||
        !o->q_node) {
        output_free(o);
        err_fail(err, GASDEP_ENOMEM, "out of memory");
        return NULL;
    }
    if (only_stream) {
        int t = only_table ? table_index(only_table) : T_BALANCE;
        if (t < 0) {
            output_free(o);
            err_fail(err, GASDEP_EARG, "unknown table '%s'", only_table);
            return NULL;
        }
        o->f[t] = only_stream;
    } else {
        /* like mkdir -p: create missing parents too */
        char *tmpdir = xstrdup(dir);
        for (char *s = tmpdir ? tmpdir + 1 : NULL; s && *s; s++)
            if (*s == '/') {
                *s = '\0';
                mkdir(tmpdir, 0777);
                *s = '/';
            }
        free(tmpdir);
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            err_fail(err, GASDEP_EIO, "%s: cannot create directory: %s", dir,
                     strerror(errno));
            output_free(o);
            return NULL;
        }
        o->owns_stream = 1;
        char suffix[96];
        /* unique per process and per handle: threads may share a directory */
        snprintf(suffix, sizeof suffix, ".csv.tmp.%ld.%p", (long)getpid(),
                 (void *)o);
        for (int t = 0; t < T_N; t++) {
            char hidden[64];
            snprintf(hidden, sizeof hidden, ".%s", gasdep_tables[t]);
            o->tmp[t] = path_in(dir, hidden, suffix);
            o->final[t] = path_in(dir, gasdep_tables[t], ".csv");
            o->f[t] = o->tmp[t] ? fopen(o->tmp[t], "wb") : NULL;
            if (!o->f[t]) {
                err_fail(err, GASDEP_EIO, "%s: cannot write: %s",
                         o->tmp[t] ? o->tmp[t] : dir, strerror(errno));
                output_close(o, m, err, 0);
                return NULL;
            }
            setvbuf(o->f[t], NULL, _IOFBF, 1 << 20);
        }
    }
    for (int t = 0; t < T_N; t++)
        if (o->f[t] && HEADERS[t])
            fputs(HEADERS[t], o->f[t]);
    if (o->f[T_SUMMARY])
        write_summary_header(o);
    return o;
}

/* ---- daily rows --------------------------------------------------------- */

int output_day(struct output *o, const gasdep_model *m)
{
    char date[11];
    gasdep_date_format(gasdep_day(m), date);
    int A = o->n_area, O = o->n_origin, G = o->n_group;
    char *p = o->line;
    if (o->f[T_BALANCE]) {
        for (int a = 0; a < A; a++) {
            gasdep_area_day r;
            gasdep_area_result(m, a, &r);
            p = put_str(p, date);
            *p++ = ',';
            p = put_str(p, o->q_area[a]);
            *p++ = ',';
            p = csv_fixed(p, r.demand_mcm, 6);
            *p++ = ',';
            p = csv_fixed(p, r.supplied_mcm, 6);
            *p++ = ',';
            p = csv_fixed(p, r.unserved_mcm, 6);
            *p++ = ',';
            int has = !isnan(r.storage_fill); /* the area has storage */
            if (has)
                p = csv_fixed(p, r.storage_mcm, 6);
            *p++ = ',';
            if (has)
                p = csv_fixed(p, r.storage_fill, 6);
            *p++ = ',';
            if (has)
                p = csv_fixed(p, r.storage_target_fill, 6);
            *p++ = ',';
            p = csv_fixed(p, r.price_eur_mwh, 4);
            *p++ = '\n';
            p = room(o, p, o->f[T_BALANCE], 0);
        }
        p = room(o, p, o->f[T_BALANCE], 1);
    }
    for (int t = T_SHARES; t <= T_GSHARES; t++) {
        if (!o->f[t])
            continue;
        int K = t == T_SHARES ? O : G;
        char *const *names = t == T_SHARES ? o->q_origin : o->q_group;
        for (int a = 0; a < A; a++) {
            gasdep_area_day r;
            gasdep_area_result(m, a, &r);
            double sup = r.supplied_mcm;
            for (int k = 0; k < K; k++) {
                double v = t == T_SHARES ? gasdep_area_origin_mcm(m, a, k)
                                         : gasdep_area_group_mcm(m, a, k);
                p = put_str(p, date);
                *p++ = ',';
                p = put_str(p, o->q_area[a]);
                *p++ = ',';
                p = put_str(p, names[k]);
                *p++ = ',';
                p = csv_fixed(p, v, 6);
                *p++ = ',';
                if (sup > 1e-12)
                    p = csv_fixed(p, v / sup, 6);
                *p++ = '\n';
                p = room(o, p, o->f[t], 0);
            }
        }
        p = room(o, p, o->f[t], 1);
    }
    if (o->f[T_FLOWS]) {
        for (int q = 0; q < o->n_pipe; q++) {
            double f, cap;
            int from, to;
            gasdep_pipeline_result(m, q, &f, &cap);
            gasdep_pipeline_ends(m, q, &from, &to);
            p = put_str(p, date);
            *p++ = ',';
            p = put_str(p, o->q_pipe[q]);
            *p++ = ',';
            p = put_str(p, o->q_node[from]);
            *p++ = ',';
            p = put_str(p, o->q_node[to]);
            *p++ = ',';
            p = csv_fixed(p, f, 6);
            *p++ = ',';
            p = csv_fixed(p, cap, 6);
            *p++ = ',';
            if (cap > 1e-12)
                p = csv_fixed(p, fabs(f) / cap, 6);
            *p++ = '\n';
            p = room(o, p, o->f[T_FLOWS], 0);
        }
        room(o, p, o->f[T_FLOWS], 1);
    }
    return GASDEP_OK;
}

/* ---- summary and manifest (written at the end) --------------------------- */

static void write_summary(struct output *o, const gasdep_model *m)
{
    double gwh_per_mcm = 0;
    gasdep_get(m, "scenario.gcv", &gwh_per_mcm);
    FILE *f = o->f[T_SUMMARY];
    char buf[64];
    for (int a = 0; a < o->n_area; a++) {
        gasdep_area_summary s;
        gasdep_area_summary_get(m, a, &s);
        fprintf(f, "%s,%s,", o->q_area[a], a < o->n_region ? "region" : "group");
        double vals[] = {s.demand_mcm, s.supplied_mcm, s.unserved_mcm,
                         s.unserved_mcm * gwh_per_mcm,
                         s.demand_mcm > 0 ? s.unserved_mcm / s.demand_mcm : NAN};
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            *csv_fixed(buf, vals[i], 6) = '\0';
            fprintf(f, "%s,", buf);
        }
        fprintf(f, "%d,", s.days_short);
        *csv_fixed(buf, s.min_storage_fill, 6) = '\0';
        fprintf(f, "%s,", buf);
        *csv_fixed(buf, s.peak_price_eur_mwh, 4) = '\0';
        fprintf(f, "%s,", buf);
        *csv_fixed(buf, s.n1_pct, 3) = '\0';
        fputs(buf, f);
        for (int g = 0; g < o->n_group; g++) {
            double st[3];
            gasdep_area_group_share_stats(m, a, g, &st[0], &st[1], &st[2]);
            for (int i = 0; i < 3; i++) {
                *csv_fixed(buf, st[i], 6) = '\0';
                fprintf(f, ",%s", buf);
            }
        }
        fputc('\n', f);
    }
}

static void kv(FILE *f, const char *key, const char *value)
{
    char *q = quoted(value ? value : "");
    fprintf(f, "%s,%s\n", key, q ? q : "");
    free(q);
}

static void write_manifest(struct output *o, const gasdep_model *m)
{
    FILE *f = o->f[T_MANIFEST];
    char buf[64];
    kv(f, "engine", "gasdep");
    kv(f, "engine_version", GASDEP_VERSION);
    kv(f, "scenario_name", gasdep_scenario_name(m));
    const char *first = gasdep_input_file(m, 0);
    kv(f, "scenario_path", first ? first : "");
    kv(f, "content_sha256", gasdep_content_sha256(m));
    const char *s;
    for (int i = 0; (s = gasdep_input_file(m, i)); i++)
        kv(f, "file", s);
    for (int i = 0; (s = gasdep_override(m, i)); i++)
        kv(f, "override", s);
    int first_day = 0, last_day = 0;
    gasdep_horizon(m, &first_day, &last_day);
    gasdep_date_format(first_day, buf);
    kv(f, "start", buf);
    gasdep_date_format(last_day, buf);
    kv(f, "end", buf);
    double gcv = 0, imbalance_max = 0;
    gasdep_get(m, "scenario.gcv", &gcv);
    gasdep_mass_imbalance_mcm(m, &imbalance_max);
    snprintf(buf, sizeof buf, "%.17g", gcv);
    kv(f, "gcv_kwh_m3", buf);
    snprintf(buf, sizeof buf, "%.3g", imbalance_max);
    kv(f, "max_mass_imbalance_mcm", buf);
}

int output_close(struct output *o, const gasdep_model *m, errlog *err,
                 int commit)
{
    int rc = GASDEP_OK;
    if (commit) {
        if (o->f[T_SUMMARY])
            write_summary(o, m);
        if (o->f[T_MANIFEST])
            write_manifest(o, m);
    }
    for (int t = 0; t < T_N; t++) {
        if (!o->f[t])
            continue;
        if (!o->owns_stream) {
            if (fflush(o->f[t]) != 0)
                rc = err_fail(err, GASDEP_EIO, "write error: %s", strerror(errno));
            continue;
        }
        if (ferror(o->f[t]) || fclose(o->f[t]) != 0) {
            if (commit)
                rc = err_fail(err, GASDEP_EIO, "%s: write error: %s", o->tmp[t],
                              strerror(errno));
        }
        o->f[t] = NULL;
    }
    if (o->owns_stream) {
        for (int t = 0; t < T_N && commit && rc == GASDEP_OK; t++)
            if (o->tmp[t] && rename(o->tmp[t], o->final[t]) != 0)
                rc = err_fail(err, GASDEP_EIO, "%s: cannot rename: %s",
                              o->final[t], strerror(errno));
        for (int t = 0; t < T_N; t++)
            if (o->tmp[t])
                unlink(o->tmp[t]); /* no-op after a successful rename */
    }
    output_free(o);
    return rc;
}
