/* output.c: CSV time series and summaries of one run, committed as a set.
 * The files are written under temporary names while the directory is locked
 * (flock on the directory itself); at the end a commit marker naming them is
 * written, the files are renamed into place and the marker removed. A run
 * killed during the renames is finished by the next run into the directory
 * (output_recover), which also removes temporaries of killed runs, so a
 * directory never keeps a mix of two runs' files. Reads the model through the
 * public API only (include/gasdep/gasdep.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "csvnum.h"
#include "output.h"
#include "util.h"

enum { T_BALANCE, T_SHARES, T_GSHARES, T_FLOWS, T_SUPPLY, T_STORAGE, T_SUMMARY,
       T_MANIFEST, T_VIA, T_COVER, T_SURVIVAL, T_N };

/* New tables go at the end: callers may index the older ones. */
const char *const gasdep_tables[] = {"balance", "shares",  "group_shares",
                                     "flows",   "supply",  "storage",
                                     "summary", "manifest", "via_shares",
                                     "cover",   "survival", NULL};

#define COMMIT_MARKER ".gasdep-commit"
#define TMP_INFIX ".csv.tmp." /* temporaries: .TABLE.csv.tmp.PID.HANDLE */

static const char *const HEADERS[T_N] = {
    "date,region,demand_mcm,supplied_mcm,unserved_mcm,reduced_mcm,storage_mcm,"
    "storage_fill,storage_target_fill,price_eur_mwh\n",
    "date,region,origin,volume_mcm,share\n",
    "date,region,group,volume_mcm,share\n",
    "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,loss_mcm,"
    "capacity_value_eur_mwh\n",
    "date,supply,kind,node,origin,volume_mcm,capacity_mcm,min_take_mcm,"
    "missed_min_take_mcm,cost_eur_mwh\n",
    "date,storage,node,level_mcm,fill,target_fill,injection_mcm,withdrawal_mcm,"
    "value_eur_mwh\n",
    NULL, /* summary: depends on the origin groups */
    "key,value\n",
    "date,region,corridor,volume_mcm,share\n",
    "date,region,storage_mcm,demand_mcm_d,gap_mcm_d,days_of_cover\n",
    "region,kind,event,event_start,first_short_date,survival_days,observed_days\n",
};

struct output {
    FILE *f[T_N];
    unsigned char skip[T_N]; /* not written by this run (via_shares: no corridors) */
    char *tmp[T_N], *final[T_N];
    int owns_stream;
    int dir_fd; /* the locked output directory, -1 for none */
    char *dir;
    char **q_area, **q_origin, **q_group, **q_pipe, **q_node, **q_src,
        **q_lng, **q_sto, **q_corr;
    char **q_surv; /* summary.csv's survival_days_EVENT column names */
    int n_q;
    char **all_q;
    int q_count[10]; /* names in each all_q list */
    unsigned *q_len[10]; /* and their lengths (rows copy names, no strlen) */
    unsigned *l_area, *l_origin, *l_group, *l_pipe, *l_node, *l_src, *l_lng,
        *l_sto, *l_corr;
    int n_area, n_origin, n_group, n_pipe, n_region, n_supply, n_sto, n_corr, n_ev;
    /* a daily table's rows gather in line[t] across days, up to end[t], and
     * are written in chunks of about 64 KiB: a write a table and day made the
     * kernel's writes most of the writer's time */
    char *line[T_N], *end[T_N];
    char *last[T_N]; /* where a row may still start: row_max before the end */
    size_t line_cap, row_max;
};

/* Tables with a row per element and day (the others are written at the end). */
static int is_daily(int t)
{
    return t != T_SUMMARY && t != T_MANIFEST && t != T_SURVIVAL;
}

/* ---- formatting --------------------------------------------------------- */

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* Table t's gathered rows written out (p: the end of its last row). */
static char *rows_write(struct output *o, int t, char *p)
{
    fwrite(o->line[t], 1, (size_t)(p - o->line[t]), o->f[t]);
    return o->line[t];
}

/* Where table t's next row goes: p, or the buffer's start after writing the
 * rows out when the next row might not fit. */
static char *room(struct output *o, int t, char *p)
{
    if (p > o->last[t])
        return rows_write(o, t, p);
    return p;
}

/* The end of table t's rows of the day: kept for the next day, or written
 * at once on a caller's stream (whose reader may be waiting for the day). */
static void rows_end(struct output *o, int t, char *p)
{
    o->end[t] = o->owns_stream ? p : rows_write(o, t, p);
}

/* Names are stored in at least NAME_PAD bytes, so a short one is copied as
 * a block of NAME_PAD bytes (two vector moves, no call); the bytes past its
 * end land in the row buffer's slack and are overwritten by what follows. */
#define NAME_PAD 32

/* A name of known length, then a comma. */
static char *put_name(char *p, const char *s, unsigned n)
{
    if (n < NAME_PAD)
        memcpy(p, s, NAME_PAD);
    else
        memcpy(p, s, n);
    p[n] = ',';
    return p + n + 1;
}

/* The day's date (YYYY-MM-DD) and a comma. */
static char *put_date(char *p, const char *date)
{
    memcpy(p, date, 10);
    p[10] = ',';
    return p + 11;
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

/* The names of an element kind, quoted for CSV; kind -1: summary.csv's
 * column of each disruption event, "survival_days_EVENT". */
static char **quote_all(struct output *o, const gasdep_model *m, int kind)
{
    int n = kind < 0 ? gasdep_disruption_count(m) : gasdep_count(m, kind);
    char **q = xcalloc((size_t)n, sizeof *q);
    if (!q)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (kind >= 0) {
            q[i] = quoted(gasdep_name(m, kind, i));
            continue;
        }
        const char *ev = gasdep_disruption(m, i, NULL);
        size_t len = strlen(ev) + sizeof "survival_days_";
        char *col = malloc(len);
        if (col)
            snprintf(col, len, "survival_days_%s", ev);
        q[i] = col ? quoted(col) : NULL;
        free(col);
    }
    char **all = realloc(o->all_q, (size_t)(o->n_q + 1) * sizeof *all);
    if (!all) {
        for (int i = 0; i < n; i++)
            free(q[i]);
        free(q);
        return NULL;
    }
    o->all_q = all;
    o->q_count[o->n_q] = n;
    unsigned *len = xcalloc((size_t)n + 1, sizeof *len);
    o->q_len[o->n_q] = len;
    o->all_q[o->n_q++] = (char *)q;
    if (!len)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (!q[i])
            return NULL;
        len[i] = (unsigned)strlen(q[i]);
        if (len[i] < NAME_PAD) { /* padded for put_name */
            char *padded = xcalloc(NAME_PAD + 1, 1);
            if (!padded)
                return NULL;
            memcpy(padded, q[i], len[i]);
            free(q[i]);
            q[i] = padded;
        }
    }
    return q;
}

static void output_free(struct output *o)
{
    for (int i = 0; i < o->n_q; i++) {
        char **q = (char **)o->all_q[i];
        for (int j = 0; j < o->q_count[i]; j++)
            free(q[j]);
        free(q);
        free(o->q_len[i]);
    }
    free(o->all_q);
    for (int t = 0; t < T_N; t++) {
        free(o->tmp[t]);
        free(o->final[t]);
    }
    for (int t = 0; t < T_N; t++)
        free(o->line[t]);
    if (o->dir_fd >= 0)
        close(o->dir_fd); /* releases the lock */
    free(o->dir);
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
          "unserved_share,reduced_mcm,days_short,min_storage_fill,peak_price_eur_mwh,"
          "n1_pct",
          f);
    for (int g = 0; g < o->n_group; g++)
        fprintf(f, ",share_mean_%s,share_min_%s,share_max_%s", o->q_group[g],
                o->q_group[g], o->q_group[g]);
    /* corridors after every older column: a scenario without keeps its bytes */
    for (int c = 0; c < o->n_corr; c++)
        fprintf(f, ",via_mean_%s,via_min_%s,via_max_%s", o->q_corr[c], o->q_corr[c],
                o->q_corr[c]);
    /* survival after each disruption event, last (survival.csv has the dates) */
    for (int e = 0; e < o->n_ev; e++)
        fprintf(f, ",%s", o->q_surv[e]);
    fputc('\n', f);
}

static size_t longest(char *const *names, int n)
{
    size_t k = 0;
    for (int i = 0; i < n; i++)
        k = max_size(k, strlen(names[i]));
    return k;
}

/* ---- the directory: lock, recovery, commit ------------------------------- */

/* Like mkdir -p: create dir and its missing parents. */
static int make_dirs(const char *dir)
{
    char *tmp = xstrdup(dir);
    for (char *s = tmp ? tmp + 1 : NULL; s && *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0777);
            *s = '/';
        }
    free(tmp);
    return mkdir(dir, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* A temporary of this module: ".TABLE.csv.tmp.ANYTHING". */
static int is_temporary(const char *name)
{
    if (name[0] != '.')
        return 0;
    for (int t = 0; t < T_N; t++) {
        size_t n = strlen(gasdep_tables[t]);
        if (!strncmp(name + 1, gasdep_tables[t], n) &&
            !strncmp(name + 1 + n, TMP_INFIX, strlen(TMP_INFIX)))
            return 1;
    }
    return 0;
}

/* A final name of this module: "TABLE.csv". */
static int is_final(const char *name)
{
    for (int t = 0; t < T_N; t++) {
        size_t n = strlen(gasdep_tables[t]);
        if (!strncmp(name, gasdep_tables[t], n) && !strcmp(name + n, ".csv"))
            return 1;
    }
    return 0;
}

int output_recover(const char *dir, int *finished, int *removed)
{
    int done = 0, gone = 0;
    char *marker = path_in(dir, COMMIT_MARKER, "");
    if (!marker)
        return -1;
    FILE *f = fopen(marker, "r");
    if (f) {
        /* one "TEMPORARY FINAL" pair of base names a line */
        char line[512];
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = '\0';
            char *sp = strchr(line, ' ');
            if (!sp)
                continue;
            *sp = '\0';
            /* only our temporaries and final names, both inside dir */
            if (!is_temporary(line) || strchr(line, '/') || !is_final(sp + 1))
                continue;
            char *from = path_in(dir, line, ""), *to = path_in(dir, sp + 1, "");
            if (from && to && rename(from, to) == 0)
                done++;
            free(from);
            free(to);
        }
        fclose(f);
        unlink(marker);
    }
    free(marker);
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (is_temporary(e->d_name) || !strcmp(e->d_name, COMMIT_MARKER ".tmp")) {
                char *p = path_in(dir, e->d_name, "");
                if (p && unlink(p) == 0)
                    gone++;
                free(p);
            }
        closedir(d);
    }
    if (finished)
        *finished = done;
    if (removed)
        *removed = gone;
    return 0;
}

/* Lock the directory for this run: two runs into one directory would
 * otherwise commit interleaved sets. */
static int lock_dir(struct output *o, errlog *err, const char *dir)
{
    o->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->dir_fd < 0)
        return err_fail(err, GASDEP_EIO, "%s: cannot open directory: %s", dir,
                        strerror(errno));
    if (flock(o->dir_fd, LOCK_EX | LOCK_NB) != 0)
        return err_fail(err, GASDEP_EIO, "%s: %s", dir,
                        errno == EWOULDBLOCK
                            ? "another gasdep run is writing this directory"
                            : strerror(errno));
    return GASDEP_OK;
}

/* A temporary, created afresh (never through a planted link). */
static FILE *create_tmp(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f)
        close(fd);
    return f;
}

struct output *output_open(const gasdep_model *m, errlog *err, const char *dir,
                           const char *only_table, FILE *only_stream)
{
    struct output *o = xcalloc(1, sizeof *o);
    if (!o) {
        err_fail(err, GASDEP_ENOMEM, "out of memory");
        return NULL;
    }
    o->dir_fd = -1;
    o->n_area = gasdep_count(m, GASDEP_AREA);
    o->n_region = gasdep_count(m, GASDEP_REGION);
    o->n_origin = gasdep_count(m, GASDEP_ORIGIN);
    o->n_group = gasdep_count(m, GASDEP_ORIGIN_GROUP);
    o->n_pipe = gasdep_count(m, GASDEP_PIPELINE);
    o->n_supply = gasdep_supply_count(m);
    o->n_sto = gasdep_count(m, GASDEP_STORAGE);
    o->n_corr = gasdep_count(m, GASDEP_CORRIDOR);
    o->q_area = quote_all(o, m, GASDEP_AREA);
    o->q_origin = quote_all(o, m, GASDEP_ORIGIN);
    o->q_group = quote_all(o, m, GASDEP_ORIGIN_GROUP);
    o->q_pipe = quote_all(o, m, GASDEP_PIPELINE);
    o->q_node = quote_all(o, m, GASDEP_NODE);
    o->q_src = quote_all(o, m, GASDEP_SOURCE);
    o->q_lng = quote_all(o, m, GASDEP_LNG);
    o->q_sto = quote_all(o, m, GASDEP_STORAGE);
    o->q_corr = quote_all(o, m, GASDEP_CORRIDOR);
    o->n_ev = gasdep_disruption_count(m);
    o->q_surv = quote_all(o, m, -1);
    int named = o->q_area && o->q_origin && o->q_group && o->q_pipe &&
                o->q_node && o->q_src && o->q_lng && o->q_sto && o->q_corr &&
                o->q_surv;
    if (named) { /* in the order of the quote_all calls above */
        unsigned **l[] = {&o->l_area, &o->l_origin, &o->l_group, &o->l_pipe, &o->l_node,
                          &o->l_src,  &o->l_lng,    &o->l_sto,   &o->l_corr};
        for (int i = 0; i < 9; i++)
            *l[i] = o->q_len[i];
    }
    if (named) {
        /* a daily row: a date, at most four names and a kind word, at most
         * eight numbers of at most 32 characters each (csv_fixed) */
        size_t name_max = 0;
        for (int i = 0; i < o->n_q; i++)
            name_max = max_size(name_max, longest((char *const *)o->all_q[i], o->q_count[i]));
        o->row_max = 32 + 4 * name_max + 8 * 32 + NAME_PAD;
        o->line_cap = ((size_t)1 << 16) + o->row_max;
    }
    if (!named) {
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
        if (make_dirs(dir) != 0) {
            err_fail(err, GASDEP_EIO, "%s: cannot create directory: %s", dir,
                     strerror(errno));
            output_free(o);
            return NULL;
        }
        o->dir = xstrdup(dir);
        if (!o->dir || lock_dir(o, err, dir) != GASDEP_OK) {
            if (!o->dir)
                err_fail(err, GASDEP_ENOMEM, "out of memory");
            err_fail(err, GASDEP_EIO, "%s: nothing written", dir);
            output_free(o);
            return NULL;
        }
        output_recover(dir, NULL, NULL);
        o->owns_stream = 1;
        char suffix[96];
        /* unique per process and per handle */
        snprintf(suffix, sizeof suffix, TMP_INFIX "%ld.%p", (long)getpid(),
                 (void *)o);
        for (int t = 0; t < T_N; t++) {
            char hidden[64];
            snprintf(hidden, sizeof hidden, ".%s", gasdep_tables[t]);
            o->tmp[t] = path_in(dir, hidden, suffix);
            o->final[t] = path_in(dir, gasdep_tables[t], ".csv");
            /* a run without corridors writes the file set it always wrote */
            o->skip[t] = t == T_VIA && o->n_corr == 0;
            if (o->skip[t] && o->tmp[t] && o->final[t])
                continue;
            o->f[t] = o->tmp[t] && o->final[t] ? create_tmp(o->tmp[t]) : NULL;
            if (!o->f[t]) {
                err_fail(err, GASDEP_EIO, "%s: cannot write: %s",
                         o->tmp[t] ? o->tmp[t] : dir, strerror(errno));
                output_close(o, m, err, 0);
                return NULL;
            }
            /* glibc allocates its own block-sized (4 KiB) buffer for NULL
             * whatever the size; the rows' 64 KiB chunks keep writes few */
            setvbuf(o->f[t], NULL, _IOFBF, 1 << 20);
        }
    }
    for (int t = 0; t < T_N; t++)
        if (o->f[t] && is_daily(t)) {
            if (!(o->end[t] = o->line[t] = malloc(o->line_cap))) {
                err_fail(err, GASDEP_ENOMEM, "out of memory");
                output_close(o, m, err, 0);
                return NULL;
            }
            o->last[t] = o->line[t] + (o->line_cap - o->row_max);
        }
    for (int t = 0; t < T_N; t++)
        if (o->f[t] && HEADERS[t])
            fputs(HEADERS[t], o->f[t]);
    if (o->f[T_SUMMARY])
        write_summary_header(o);
    return o;
}

/* ---- daily rows --------------------------------------------------------- */

/* balance.csv: a row per area. */
static void day_balance(struct output *o, const gasdep_model *m, const char *date)
{
    char *p = o->end[T_BALANCE];
    int A = o->n_area;
    for (int a = 0; a < A; a++) {
        gasdep_area_day r;
        gasdep_area_result(m, a, &r);
        p = put_date(p, date);
        p = put_name(p, o->q_area[a], o->l_area[a]);
        p = csv_fixed(p, r.demand_mcm, 6);
        *p++ = ',';
        p = csv_fixed(p, r.supplied_mcm, 6);
        *p++ = ',';
        p = csv_fixed(p, r.unserved_mcm, 6);
        *p++ = ',';
        p = csv_fixed(p, r.reduced_mcm, 6);
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
        p = csv_fixed(p, r.price_eur_mwh, PRICE_DECIMALS);
        *p++ = '\n';
        p = room(o, T_BALANCE, p);
    }
    rows_end(o, T_BALANCE, p);
}

/* shares.csv (t T_SHARES: by origin), group_shares.csv (T_GSHARES) or
 * via_shares.csv (T_VIA: by corridor passed): a row per area and origin,
 * group or corridor. */
static void day_shares(struct output *o, const gasdep_model *m, int t,
                       const char *date)
{
    char *p = o->end[t];
    int A = o->n_area;
    int K = t == T_SHARES ? o->n_origin : t == T_GSHARES ? o->n_group : o->n_corr;
    char *const *names = t == T_SHARES    ? o->q_origin
                         : t == T_GSHARES ? o->q_group
                                          : o->q_corr;
    const unsigned *lens = t == T_SHARES    ? o->l_origin
                           : t == T_GSHARES ? o->l_group
                                            : o->l_corr;
    for (int a = 0; a < A; a++) {
        gasdep_area_day r;
        gasdep_area_result(m, a, &r);
        double sup = r.supplied_mcm;
        /* "DATE,AREA," once for the area's rows, copied as one block of
         * NAME_PAD bytes where it fits in one */
        char head[11 + 2 * NAME_PAD];
        int short_head = o->l_area[a] <= NAME_PAD - 12; /* 11 + name + 1 */
        size_t hl = 0;
        if (short_head)
            hl = (size_t)(put_name(put_date(head, date), o->q_area[a], o->l_area[a]) - head);
        for (int k = 0; k < K; k++) {
            double v = t == T_SHARES    ? gasdep_area_origin_mcm(m, a, k)
                       : t == T_GSHARES ? gasdep_area_group_mcm(m, a, k)
                                        : gasdep_area_via_mcm(m, a, k);
            if (short_head) {
                memcpy(p, head, NAME_PAD);
                p += hl;
            } else {
                p = put_date(p, date);
                p = put_name(p, o->q_area[a], o->l_area[a]);
            }
            p = put_name(p, names[k], lens[k]);
            p = csv_fixed(p, v, 6);
            *p++ = ',';
            if (sup > 1e-12)
                p = csv_fixed(p, v / sup, 6);
            *p++ = '\n';
            p = room(o, t, p);
        }
    }
    rows_end(o, t, p);
}

/* flows.csv: a row per pipeline. */
static void day_flows(struct output *o, const gasdep_model *m, const char *date)
{
    char *p = o->end[T_FLOWS];
    for (int q = 0; q < o->n_pipe; q++) {
        double f, cap;
        int from, to;
        gasdep_pipeline_result(m, q, &f, &cap);
        gasdep_pipeline_ends(m, q, &from, &to);
        p = put_date(p, date);
        p = put_name(p, o->q_pipe[q], o->l_pipe[q]);
        p = put_name(p, o->q_node[from], o->l_node[from]);
        p = put_name(p, o->q_node[to], o->l_node[to]);
        p = csv_fixed(p, f, 6);
        *p++ = ',';
        p = csv_fixed(p, cap, 6);
        *p++ = ',';
        if (cap > 1e-12)
            p = csv_fixed(p, fabs(f) / cap, 6);
        *p++ = ',';
        p = csv_fixed(p, gasdep_pipeline_loss_mcm(m, q), 6);
        *p++ = ',';
        if (cap > 1e-12)
            p = csv_fixed(p, gasdep_pipeline_capacity_value(m, q), PRICE_DECIMALS);
        *p++ = '\n';
        p = room(o, T_FLOWS, p);
    }
    rows_end(o, T_FLOWS, p);
}

/* supply.csv: a row per source and LNG slot. */
static void day_supply(struct output *o, const gasdep_model *m, const char *date)
{
    char *p = o->end[T_SUPPLY];
    for (int i = 0; i < o->n_supply; i++) {
        gasdep_supply_day r;
        gasdep_supply_result(m, i, &r);
        int lng = r.kind == GASDEP_LNG;
        p = put_date(p, date);
        if (lng)
            p = put_name(p, o->q_lng[r.element], o->l_lng[r.element]);
        else
            p = put_name(p, o->q_src[r.element], o->l_src[r.element]);
        static const char LNG[NAME_PAD] = "lng", SOURCE[NAME_PAD] = "source";
        p = lng ? put_name(p, LNG, 3) : put_name(p, SOURCE, 6);
        p = put_name(p, o->q_node[r.node], o->l_node[r.node]);
        p = put_name(p, o->q_origin[r.origin], o->l_origin[r.origin]) - 1;
        double v[] = {r.volume_mcm, r.capacity_mcm, r.min_take_mcm,
                      r.missed_min_take_mcm};
        for (int k = 0; k < 4; k++) {
            *p++ = ',';
            p = csv_fixed(p, v[k], 6);
        }
        *p++ = ',';
        p = csv_fixed(p, r.cost_eur_mwh, 4);
        *p++ = '\n';
        p = room(o, T_SUPPLY, p);
    }
    rows_end(o, T_SUPPLY, p);
}

/* storage.csv: a row per storage site. */
/* cover.csv: a row per area: the gas its stores can release at the end of
 * the day, the day's demand and gap, and the days of cover (empty when there
 * is no gap). */
static void day_cover(struct output *o, const gasdep_model *m, const char *date)
{
    char *p = o->end[T_COVER];
    for (int a = 0; a < o->n_area; a++) {
        gasdep_area_day r;
        gasdep_area_cover c;
        gasdep_area_result(m, a, &r);
        gasdep_area_cover_get(m, a, &c);
        p = put_date(p, date);
        p = put_name(p, o->q_area[a], o->l_area[a]);
        p = csv_fixed(p, c.storage_mcm, 6);
        *p++ = ',';
        p = csv_fixed(p, r.demand_mcm, 6);
        *p++ = ',';
        p = csv_fixed(p, c.gap_mcm, 6);
        *p++ = ',';
        if (!isnan(c.days_of_cover))
            p = csv_fixed(p, c.days_of_cover, 3);
        *p++ = '\n';
        p = room(o, T_COVER, p);
    }
    rows_end(o, T_COVER, p);
}

static void day_storage(struct output *o, const gasdep_model *m, const char *date)
{
    char *p = o->end[T_STORAGE];
    for (int k = 0; k < o->n_sto; k++) {
        gasdep_storage_day r;
        gasdep_storage_result(m, k, &r);
        p = put_date(p, date);
        p = put_name(p, o->q_sto[k], o->l_sto[k]);
        p = put_name(p, o->q_node[r.node], o->l_node[r.node]) - 1;
        double v[] = {r.level_mcm, r.fill, r.target_fill, r.injection_mcm,
                      r.withdrawal_mcm};
        for (int j = 0; j < 5; j++) {
            *p++ = ',';
            p = csv_fixed(p, v[j], 6);
        }
        *p++ = ',';
        p = csv_fixed(p, r.value_eur_mwh, 4);
        *p++ = '\n';
        p = room(o, T_STORAGE, p);
    }
    rows_end(o, T_STORAGE, p);
}

int output_day(struct output *o, const gasdep_model *m)
{
    char date[11];
    gasdep_date_format(gasdep_day(m), date);
    if (o->f[T_BALANCE])
        day_balance(o, m, date);
    for (int t = T_SHARES; t <= T_GSHARES; t++)
        if (o->f[t])
            day_shares(o, m, t, date);
    if (o->f[T_FLOWS])
        day_flows(o, m, date);
    if (o->f[T_SUPPLY])
        day_supply(o, m, date);
    if (o->f[T_STORAGE])
        day_storage(o, m, date);
    if (o->f[T_VIA])
        day_shares(o, m, T_VIA, date);
    if (o->f[T_COVER])
        day_cover(o, m, date);
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
                         s.demand_mcm > 0 ? s.unserved_mcm / s.demand_mcm : NAN,
                         s.reduced_mcm};
        for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
            *csv_fixed(buf, vals[i], 6) = '\0';
            fprintf(f, "%s,", buf);
        }
        fprintf(f, "%d,", s.days_short);
        *csv_fixed(buf, s.min_storage_fill, 6) = '\0';
        fprintf(f, "%s,", buf);
        *csv_fixed(buf, s.peak_price_eur_mwh, PRICE_DECIMALS) = '\0';
        fprintf(f, "%s,", buf);
        *csv_fixed(buf, s.n1_pct, 3) = '\0';
        fputs(buf, f);
        for (int g = 0; g < o->n_group + o->n_corr; g++) {
            double st[3];
            if (g < o->n_group)
                gasdep_area_group_share_stats(m, a, g, &st[0], &st[1], &st[2]);
            else
                gasdep_area_via_share_stats(m, a, g - o->n_group, &st[0], &st[1],
                                            &st[2]);
            for (int i = 0; i < 3; i++) {
                *csv_fixed(buf, st[i], 6) = '\0';
                fprintf(f, ",%s", buf);
            }
        }
        for (int e = 0; e < o->n_ev; e++) { /* empty: not short in the horizon */
            int days = gasdep_area_survival(m, a, e, NULL);
            if (days >= 0)
                fprintf(f, ",%d", days);
            else
                fputc(',', f);
        }
        fputc('\n', f);
    }
}

/* survival.csv: a row per area and disruption event (none without one).
 * -1 when out of memory. */
static int write_survival(struct output *o, const gasdep_model *m)
{
    FILE *f = o->f[T_SURVIVAL];
    int first = 0, last = 0, E = gasdep_disruption_count(m), ok = 1;
    gasdep_horizon(m, &first, &last);
    char **q_ev = calloc((size_t)E + 1, sizeof *q_ev);
    ok = q_ev != NULL;
    for (int e = 0; ok && e < E; e++)
        ok = (q_ev[e] = quoted(gasdep_disruption(m, e, NULL))) != NULL;
    for (int a = 0; ok && a < o->n_area; a++)
        for (int e = 0; e < E; e++) {
            int start = 0, short_day;
            gasdep_disruption(m, e, &start);
            int days = gasdep_area_survival(m, a, e, &short_day);
            char d0[11], d1[11] = "";
            gasdep_date_format(start, d0);
            if (days >= 0)
                gasdep_date_format(short_day, d1);
            fprintf(f, "%s,%s,%s,%s,%s,", o->q_area[a],
                    a < o->n_region ? "region" : "group", q_ev[e], d0, d1);
            if (days >= 0)
                fprintf(f, "%d", days);
            fprintf(f, ",%d\n", last - start + 1);
        }
    for (int e = 0; q_ev && e < E; e++)
        free(q_ev[e]);
    free(q_ev);
    return ok ? 0 : -1;
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
    kv(f, "foresight", gasdep_foresight_used(m));
    kv(f, "solver", gasdep_solver_used(m));
    double gcv = 0, imbalance_max = 0;
    gasdep_get(m, "scenario.gcv", &gcv);
    gasdep_mass_imbalance_mcm(m, &imbalance_max);
    snprintf(buf, sizeof buf, "%.17g", gcv);
    kv(f, "gcv_kwh_m3", buf);
    snprintf(buf, sizeof buf, "%.3g", imbalance_max);
    kv(f, "max_mass_imbalance_mcm", buf);
    /* the penalty constants a price can sit on (validation/score.py reports
     * the days that do) */
    static const char *const penalty[][2] = {
        {"scenario.voll", "voll_eur_mwh"},
        {"scenario.target_penalty", "target_penalty_eur_mwh"},
        {"scenario.min_take_penalty", "min_take_penalty_eur_mwh"},
        {"scenario.storage_value", "storage_value_eur_mwh"}};
    for (size_t i = 0; i < sizeof penalty / sizeof *penalty; i++) {
        double v = 0;
        gasdep_get(m, penalty[i][0], &v);
        snprintf(buf, sizeof buf, "%.17g", v);
        kv(f, penalty[i][1], buf);
    }
}

/* Write the marker naming every temporary and its final name, complete
 * before it appears (written aside, then renamed). */
static int write_marker(struct output *o)
{
    char *tmp = path_in(o->dir, COMMIT_MARKER, ".tmp");
    char *fin = path_in(o->dir, COMMIT_MARKER, "");
    FILE *f = tmp && fin ? create_tmp(tmp) : NULL;
    int ok = f != NULL;
    for (int t = 0; ok && t < T_N; t++) {
        if (o->skip[t])
            continue;
        const char *a = strrchr(o->tmp[t], '/'), *b = strrchr(o->final[t], '/');
        fprintf(f, "%s %s\n", a ? a + 1 : o->tmp[t], b ? b + 1 : o->final[t]);
    }
    if (f) {
        ok &= fflush(f) == 0 && fsync(fileno(f)) == 0 && !ferror(f);
        ok &= fclose(f) == 0;
    }
    ok = ok && rename(tmp, fin) == 0;
    if (!ok && tmp)
        unlink(tmp);
    free(tmp);
    free(fin);
    return ok ? 0 : -1;
}

int output_close(struct output *o, const gasdep_model *m, errlog *err,
                 int commit)
{
    int rc = GASDEP_OK;
    for (int t = 0; t < T_N; t++)
        if (o->line[t] && o->end[t] > o->line[t])
            o->end[t] = rows_write(o, t, o->end[t]); /* the last days' rows */
    if (commit) {
        if (o->f[T_SUMMARY])
            write_summary(o, m);
        if (o->f[T_MANIFEST])
            write_manifest(o, m);
        if (o->f[T_SURVIVAL] && write_survival(o, m) != 0)
            rc = err_fail(err, GASDEP_ENOMEM, "out of memory writing survival.csv");
    }
    for (int t = 0; t < T_N; t++) {
        if (!o->f[t])
            continue;
        if (!o->owns_stream) {
            if (fflush(o->f[t]) != 0 && rc == GASDEP_OK)
                rc = err_fail(err, GASDEP_EIO, "write error: %s", strerror(errno));
            continue;
        }
        /* fclose on every path: a failed write must not keep the descriptor */
        int bad = ferror(o->f[t]) || fflush(o->f[t]) != 0;
        int e = errno;
        if (fclose(o->f[t]) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        o->f[t] = NULL;
        if (bad && commit && rc == GASDEP_OK)
            rc = err_fail(err, GASDEP_EIO, "%s: write error: %s", o->tmp[t],
                          strerror(e ? e : EIO));
    }
    if (o->owns_stream) {
        if (commit && rc == GASDEP_OK && write_marker(o) != 0)
            rc = err_fail(err, GASDEP_EIO, "%s/%s: cannot write the commit "
                          "marker: %s", o->dir, COMMIT_MARKER, strerror(errno));
        if (commit && rc == GASDEP_OK) {
            int t = 0;
            for (; t < T_N; t++)
                if (!o->skip[t] && rename(o->tmp[t], o->final[t]) != 0)
                    break;
            if (t < T_N) {
                /* the marker stays: the next run into dir finishes this set */
                rc = err_fail(err, GASDEP_EIO,
                              "%s: cannot rename: %s; %d of %d files of this run "
                              "are in place, the next gasdep run into %s "
                              "completes the set (%s)", o->final[t],
                              strerror(errno), t, T_N, o->dir, COMMIT_MARKER);
                output_free(o);
                return rc;
            }
            for (t = 0; t < T_N; t++)
                if (o->skip[t])
                    unlink(o->final[t]); /* an earlier run's, not this run's */
            char *marker = path_in(o->dir, COMMIT_MARKER, "");
            if (marker)
                unlink(marker);
            free(marker);
            output_remove_stale(o->dir);
        }
        for (int t = 0; t < T_N; t++)
            if (o->tmp[t])
                unlink(o->tmp[t]); /* no-op after a successful rename */
        if (!commit || rc != GASDEP_OK)
            err_fail(err, rc == GASDEP_OK ? GASDEP_OK : rc,
                     "%s: nothing written (files already there are unchanged)",
                     o->dir);
    }
    output_free(o);
    return rc;
}
