/* aggregate.c: reading finished run directories back: `gasdep aggregate`
 * (daily tables by month, quarter, gas year or year; `gasdep diff` is in
 * diff.c). Works on the CSV files alone (runread.c), so any run directory
 * can be read, whatever made it. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "aggregate.h"
#include "csvnum.h"
#include "dates.h"
#include "runread.h"
#include "util.h"

#define SHORT_EPS 1e-6 /* mcm: a day counts as short above this (results.c) */

/* ---- writing a file whole -------------------------------------------------- */

static int make_dirs(const char *dir)
{
    char *tmp = xstrdup(dir);
    if (!tmp)
        return -1;
    for (char *s = tmp + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0777);
            *s = '/';
        }
    free(tmp);
    return mkdir(dir, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* ---- aggregation ------------------------------------------------------------ */

enum op { OP_SUM, OP_MIN, OP_MAX, OP_LAST, OP_WMEAN, OP_COUNT, OP_COUNT_GT, OP_SHARE,
          OP_VIA };

typedef struct col_def {
    const char *out; /* output column */
    int op;
    const char *src;    /* input column */
    const char *weight; /* OP_WMEAN */
    int dec;
    int na; /* the input column may be empty (NA): docs/OUTPUTS.md */
} col_def;

typedef struct table_def {
    const char *name;
    const char *keys[5];
    col_def cols[12];
} table_def;

/* What each daily table becomes (docs/OUTPUTS.md, "aggregate"). OP_SHARE is
 * the sum of the row's volume over the sum of the volumes of every row with
 * the same period and first key (the region): weighted by supplied volume. */
static const table_def TABLES[] = {
    {"balance", {"region", NULL},
     {{"days", OP_COUNT, "date", NULL, 0, 0},
      {"demand_mcm", OP_SUM, "demand_mcm", NULL, 6, 0},
      {"supplied_mcm", OP_SUM, "supplied_mcm", NULL, 6, 0},
      {"unserved_mcm", OP_SUM, "unserved_mcm", NULL, 6, 0},
      {"days_short", OP_COUNT_GT, "unserved_mcm", NULL, 0, 0},
      {"storage_mcm", OP_LAST, "storage_mcm", NULL, 6, 1},
      {"min_storage_fill", OP_MIN, "storage_fill", NULL, 6, 1},
      {"storage_target_fill", OP_LAST, "storage_target_fill", NULL, 6, 1},
      {"price_eur_mwh", OP_WMEAN, "price_eur_mwh", "demand_mcm", PRICE_DECIMALS, 1},
      {"peak_price_eur_mwh", OP_MAX, "price_eur_mwh", NULL, PRICE_DECIMALS, 1},
      {NULL, 0, NULL, NULL, 0, 0}}},
    {"shares", {"region", "origin", NULL},
     {{"volume_mcm", OP_SUM, "volume_mcm", NULL, 6, 0},
      {"share", OP_SHARE, "volume_mcm", NULL, 6, 0},
      {NULL, 0, NULL, NULL, 0, 0}}},
    {"group_shares", {"region", "group", NULL},
     {{"volume_mcm", OP_SUM, "volume_mcm", NULL, 6, 0},
      {"share", OP_SHARE, "volume_mcm", NULL, 6, 0},
      {NULL, 0, NULL, NULL, 0, 0}}},
    {"flows", {"pipeline", "from", "to", NULL},
     {{"flow_mcm", OP_SUM, "flow_mcm", NULL, 6, 0},
      {"loss_mcm", OP_SUM, "loss_mcm", NULL, 6, 0},
      {"max_utilisation", OP_MAX, "utilisation", NULL, 6, 1},
      {NULL, 0, NULL, NULL, 0, 0}}},
    {"supply", {"supply", "kind", "node", "origin", NULL},
     {{"volume_mcm", OP_SUM, "volume_mcm", NULL, 6, 0},
      {"capacity_mcm", OP_SUM, "capacity_mcm", NULL, 6, 0},
      {"min_take_mcm", OP_SUM, "min_take_mcm", NULL, 6, 0},
      {"missed_min_take_mcm", OP_SUM, "missed_min_take_mcm", NULL, 6, 0},
      {"cost_eur_mwh", OP_WMEAN, "cost_eur_mwh", "volume_mcm", 4, 1},
      {NULL, 0, NULL, NULL, 0, 0}}},
    {"storage", {"storage", "node", NULL},
     {{"level_mcm", OP_LAST, "level_mcm", NULL, 6, 0},
      {"min_fill", OP_MIN, "fill", NULL, 6, 1},
      {"fill", OP_LAST, "fill", NULL, 6, 1},
      {"target_fill", OP_LAST, "target_fill", NULL, 6, 1},
      {"injection_mcm", OP_SUM, "injection_mcm", NULL, 6, 0},
      {"withdrawal_mcm", OP_SUM, "withdrawal_mcm", NULL, 6, 0},
      {NULL, 0, NULL, NULL, 0, 0}}},
    /* OP_VIA: the volume over the region's supplied gas of the period (from
     * balance.csv), since a molecule may pass several corridors */
    {"via_shares", {"region", "corridor", NULL},
     {{"volume_mcm", OP_SUM, "volume_mcm", NULL, 6, 0},
      {"share", OP_VIA, "volume_mcm", NULL, 6, 0},
      {NULL, 0, NULL, NULL, 0, 0}}},
};
#define N_TABLES (sizeof TABLES / sizeof TABLES[0])

typedef struct acc {
    double v, w; /* value (sum, min, max, last, weighted sum); weight sum */
    int n;       /* values seen (non-empty) */
} acc;

typedef struct group {
    char *key;    /* period \x1f key fields */
    char **keys;  /* key fields (nk) */
    char period[16];
    int first, last; /* days */
    acc *a;       /* ncol */
    int denom;    /* OP_SHARE: index into agg.den */
} group;

typedef struct agg {
    const table_def *t;
    int period; /* enum below */
    int ncol, nk;
    int c_date, c_key[5], c_src[12], c_w[12]; /* input column indices */
    int header_done;
    runread_head head;
    long rows; /* data rows read */
    group *g;
    int n_g, cap_g;
    int *hash; /* open addressing into g, -1 empty; size hcap */
    size_t hcap;
    /* shares: per (period, first key) volume sums */
    char **den_key;
    double *den;
    int n_den, cap_den;
    int *dhash;
    size_t dhcap;
    char *msg;
    size_t msg_len;
    const char *path;
} agg;

enum { P_MONTH, P_QUARTER, P_GASYEAR, P_YEAR };

static int period_of(const char *name)
{
    return !strcmp(name, "month")      ? P_MONTH
           : !strcmp(name, "quarter")  ? P_QUARTER
           : !strcmp(name, "gas-year") ? P_GASYEAR
           : !strcmp(name, "year")     ? P_YEAR
                                       : -1;
}

void aggregate_period_label(int period, int day, char *buf, size_t len)
{
    int y, m, d;
    gasdep_civil(day, &y, &m, &d);
    switch (period) {
    case P_MONTH: snprintf(buf, len, "%04d-%02d", y, m); break;
    case P_QUARTER: snprintf(buf, len, "%04d-Q%d", y, (m - 1) / 3 + 1); break;
    case P_GASYEAR: {
        int g = m >= 10 ? y : y - 1; /* gas year g runs 1 Oct g .. 30 Sep g+1 */
        snprintf(buf, len, "%04d/%04d", g, g + 1);
        break;
    }
    default: snprintf(buf, len, "%04d", y); break;
    }
}

static uint64_t hash_str(const char *s)
{
    return fnv1a64(FNV_OFFSET, s, strlen(s));
}

/* Index of key in a string table with an open-addressing index, adding it
 * (via add) when absent; -1 when out of memory. */
static int lookup(int **hash, size_t *hcap, int count, char *const *(*name_at)(void *, int),
                  void *ctx, const char *key, int *found)
{
    if ((size_t)count * 2 >= *hcap) {
        size_t nc = *hcap ? *hcap * 2 : 256;
        int *nh = malloc(nc * sizeof *nh);
        if (!nh)
            return -1;
        for (size_t i = 0; i < nc; i++)
            nh[i] = -1;
        for (int i = 0; i < count; i++) {
            size_t h = hash_str(*name_at(ctx, i)) & (nc - 1);
            while (nh[h] >= 0)
                h = (h + 1) & (nc - 1);
            nh[h] = i;
        }
        free(*hash);
        *hash = nh;
        *hcap = nc;
    }
    size_t h = hash_str(key) & (*hcap - 1);
    while ((*hash)[h] >= 0) {
        if (!strcmp(*name_at(ctx, (*hash)[h]), key)) {
            *found = 1;
            return (*hash)[h];
        }
        h = (h + 1) & (*hcap - 1);
    }
    *found = 0;
    (*hash)[h] = count;
    return count;
}

static char *const *group_key(void *ctx, int i)
{
    return &((agg *)ctx)->g[i].key;
}

static char *const *den_name(void *ctx, int i)
{
    return &((agg *)ctx)->den_key[i];
}

/* The header: every column the table needs, each named once; then what
 * each column holds (keys text, the date a date, numbers empty only where
 * the column may be NA). */
static int header(agg *a, char **f, int n, long line)
{
    const table_def *t = a->t;
    if (runread_header(&a->head, f, n, a->path, line, a->msg, a->msg_len))
        return -1;
    runread_head *h = &a->head;
    a->c_date = runread_col(h, "date");
    const char *missing = a->c_date < 0 ? "date" : NULL;
    for (int k = 0; k < a->nk && !missing; k++)
        if ((a->c_key[k] = runread_col(h, t->keys[k])) < 0)
            missing = t->keys[k];
    for (int c = 0; c < a->ncol && !missing; c++) {
        const col_def *d = &t->cols[c];
        a->c_src[c] = runread_col(h, d->src);
        a->c_w[c] = d->weight ? runread_col(h, d->weight) : -1;
        if (a->c_src[c] < 0 || (d->weight && a->c_w[c] < 0))
            missing = a->c_src[c] < 0 ? d->src : d->weight;
    }
    if (missing)
        return runread_fail(a->msg, a->msg_len, -1, "%s:%ld: no column '%s'", a->path,
                            line, missing);
    for (int c = 0; c < a->ncol; c++)
        if (!t->cols[c].na)
            h->type[a->c_src[c]] = RR_NUM;
    for (int k = 0; k < a->nk; k++)
        h->type[a->c_key[k]] = RR_TEXT;
    h->type[a->c_date] = RR_DATE;
    a->header_done = 1;
    return 0;
}

static int on_agg_row(void *ctx, char **f, int n, long line)
{
    agg *a = ctx;
    if (!a->header_done)
        return header(a, f, n, line);
    if (runread_check_row(&a->head, f, n, a->path, line, a->msg, a->msg_len))
        return -1;
    a->rows++;
    int day;
    gasdep_date_parse(f[a->c_date], &day); /* checked above */
    char label[16];
    aggregate_period_label(a->period, day, label, sizeof label);
    size_t klen = strlen(label) + 1;
    for (int k = 0; k < a->nk; k++)
        klen += strlen(f[a->c_key[k]]) + 1;
    char *key = malloc(klen);
    if (!key)
        return runread_fail(a->msg, a->msg_len, -1, "out of memory");
    strcpy(key, label);
    for (int k = 0; k < a->nk; k++) {
        strcat(key, "\x1f");
        strcat(key, f[a->c_key[k]]);
    }
    if (a->n_g == a->cap_g) {
        int nc = a->cap_g ? 2 * a->cap_g : 256;
        group *ng = realloc(a->g, (size_t)nc * sizeof *ng);
        if (!ng) {
            free(key);
            return runread_fail(a->msg, a->msg_len, -1, "out of memory");
        }
        a->g = ng;
        a->cap_g = nc;
    }
    /* the new key is looked up while not yet stored: store it first */
    a->g[a->n_g].key = key;
    int found;
    int gi = lookup(&a->hash, &a->hcap, a->n_g, group_key, a, key, &found);
    if (gi < 0) {
        free(key);
        return runread_fail(a->msg, a->msg_len, -1, "out of memory");
    }
    group *g;
    if (found) {
        free(key);
        g = &a->g[gi];
    } else {
        g = &a->g[a->n_g++];
        memset(g, 0, sizeof *g);
        g->key = key;
        snprintf(g->period, sizeof g->period, "%s", label);
        g->first = g->last = day;
        g->keys = calloc((size_t)a->nk, sizeof *g->keys);
        g->a = calloc((size_t)a->ncol, sizeof *g->a);
        g->denom = -1;
        if (!g->keys || !g->a)
            return runread_fail(a->msg, a->msg_len, -1, "out of memory");
        for (int k = 0; k < a->nk; k++)
            if (!(g->keys[k] = xstrdup(f[a->c_key[k]])))
                return runread_fail(a->msg, a->msg_len, -1, "out of memory");
        for (int c = 0; c < a->ncol; c++) {
            int op = a->t->cols[c].op;
            g->a[c].v = op == OP_MIN ? INFINITY : op == OP_MAX ? -INFINITY : 0.0;
        }
    }
    if (day < g->first)
        g->first = day;
    if (day > g->last)
        g->last = day;
    for (int c = 0; c < a->ncol; c++) {
        const col_def *d = &a->t->cols[c];
        acc *s = &g->a[c];
        double x;
        if (d->op == OP_COUNT) {
            s->v += 1;
            s->n++;
            continue;
        }
        if (runread_number(f[a->c_src[c]], &x) != 1)
            continue; /* empty: not counted (NA) */
        s->n++;
        switch (d->op) {
        case OP_SUM:
        case OP_SHARE:
        case OP_VIA: s->v += x; break;
        case OP_MIN: if (x < s->v) s->v = x; break;
        case OP_MAX: if (x > s->v) s->v = x; break;
        case OP_LAST: s->v = x; break;
        case OP_COUNT_GT: s->v += x > SHORT_EPS; break;
        case OP_WMEAN: {
            double w;
            if (runread_number(f[a->c_w[c]], &w) == 1 && w > 0) {
                s->v += w * x;
                s->w += w;
            }
            break;
        }
        }
    }
    return 0;
}

/* Shares: the denominator of each group, the volume over its period and
 * region. */
static int share_denominators(agg *a)
{
    int sc = -1;
    for (int c = 0; c < a->ncol; c++)
        if (a->t->cols[c].op == OP_SHARE)
            sc = c;
    if (sc < 0)
        return 0;
    for (int i = 0; i < a->n_g; i++) {
        group *g = &a->g[i];
        size_t len = strlen(g->period) + strlen(g->keys[0]) + 2;
        char *key = malloc(len);
        if (!key)
            return -1;
        snprintf(key, len, "%s\x1f%s", g->period, g->keys[0]);
        if (a->n_den == a->cap_den) {
            int nc = a->cap_den ? 2 * a->cap_den : 64;
            char **nk = realloc(a->den_key, (size_t)nc * sizeof *nk);
            if (nk)
                a->den_key = nk;
            double *nd = nk ? realloc(a->den, (size_t)nc * sizeof *nd) : NULL;
            if (!nd) {
                free(key);
                return -1;
            }
            a->den = nd;
            a->cap_den = nc;
        }
        a->den_key[a->n_den] = key;
        int found;
        int di = lookup(&a->dhash, &a->dhcap, a->n_den, den_name, a, key, &found);
        if (di < 0) {
            free(key);
            return -1;
        }
        if (found) {
            free(key);
        } else {
            a->den[di] = 0.0;
            a->n_den++;
        }
        a->den[di] += g->a[sc].v;
        g->denom = di;
    }
    return 0;
}

/* Via shares: each group's denominator (acc.w) is the supplied volume of
 * its period and region in the balance table (bal, read first). */
static void via_denominators(agg *a, const agg *bal)
{
    int sup = 2; /* balance's supplied_mcm column */
    for (int c = 0; c < a->ncol; c++) {
        if (a->t->cols[c].op != OP_VIA)
            continue;
        for (int i = 0; i < a->n_g; i++) {
            group *g = &a->g[i];
            for (int j = 0; j < bal->n_g; j++)
                if (!strcmp(bal->g[j].period, g->period) &&
                    !strcmp(bal->g[j].keys[0], g->keys[0])) {
                    g->a[c].w = bal->g[j].a[sup].v;
                    break;
                }
        }
    }
}

static void agg_free(agg *a)
{
    for (int i = 0; i < a->n_g; i++) {
        free(a->g[i].key);
        for (int k = 0; a->g[i].keys && k < a->nk; k++)
            free(a->g[i].keys[k]);
        free(a->g[i].keys);
        free(a->g[i].a);
    }
    free(a->g);
    free(a->hash);
    for (int i = 0; i < a->n_den; i++)
        free(a->den_key[i]);
    free(a->den_key);
    free(a->den);
    free(a->dhash);
    runread_head_free(&a->head);
}

static double result(const agg *a, const group *g, int c)
{
    const acc *s = &g->a[c];
    switch (a->t->cols[c].op) {
    case OP_COUNT:
    case OP_COUNT_GT: return s->v;
    case OP_WMEAN: return s->w > 0 ? s->v / s->w : NAN;
    case OP_SHARE: {
        double den = g->denom >= 0 ? a->den[g->denom] : 0.0;
        return s->n && den > 1e-12 ? s->v / den : NAN;
    }
    case OP_VIA: return s->n && s->w > 1e-12 ? s->v / s->w : NAN;
    default: return s->n ? s->v : NAN;
    }
}

static int write_table(const agg *a, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs("period,first_date,last_date", f);
    for (int k = 0; k < a->nk; k++)
        fprintf(f, ",%s", a->t->keys[k]);
    for (int c = 0; c < a->ncol; c++)
        fprintf(f, ",%s", a->t->cols[c].out);
    fputc('\n', f);
    char d0[11], d1[11];
    for (int i = 0; i < a->n_g; i++) {
        const group *g = &a->g[i];
        gasdep_date_format(g->first, d0);
        gasdep_date_format(g->last, d1);
        fprintf(f, "%s,%s,%s", g->period, d0, d1);
        for (int k = 0; k < a->nk; k++) {
            fputc(',', f);
            csv_put_field(f, g->keys[k]);
        }
        for (int c = 0; c < a->ncol; c++) {
            fputc(',', f);
            csv_put_num(f, result(a, g, c), a->t->cols[c].dec);
        }
        fputc('\n', f);
    }
    int bad = ferror(f) != 0;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

int gasdep_aggregate(const char *run_dir, const char *period, const char *out_dir,
                     char *msg, size_t msg_len)
{
    if (!run_dir || !period || !out_dir)
        return runread_fail(msg, msg_len, GASDEP_EARG, "missing argument");
    int per = period_of(period);
    if (per < 0)
        return runread_fail(msg, msg_len, GASDEP_EARG,
                    "unknown period '%s' (month, quarter, gas-year or year)", period);
    int rc = runread_complete_run(run_dir, msg, msg_len);
    if (rc != GASDEP_OK)
        return rc;
    agg tabs[N_TABLES];
    memset(tabs, 0, sizeof tabs);
    int have[N_TABLES] = {0};
    char name[64];
    for (size_t t = 0; t < N_TABLES && rc == GASDEP_OK; t++) {
        agg *a = &tabs[t];
        a->t = &TABLES[t];
        a->period = per;
        while (a->t->keys[a->nk])
            a->nk++;
        while (a->t->cols[a->ncol].out)
            a->ncol++;
        a->msg = msg;
        a->msg_len = msg_len;
        snprintf(name, sizeof name, "%s.csv", a->t->name);
        char *path = path_join(run_dir, name);
        if (!path) {
            rc = runread_fail(msg, msg_len, GASDEP_ENOMEM, "out of memory");
            break;
        }
        a->path = path;
        int r = runread_file(path, RUN_TABLE_MAX_BYTES, on_agg_row, a, msg, msg_len);
        if (r == 1 && t == 0)
            rc = runread_fail(msg, msg_len, GASDEP_EINPUT, "%s: not a complete run "
                              "directory (no balance.csv)", run_dir);
        else if (r < 0)
            rc = strcmp(msg, "out of memory") ? GASDEP_EINPUT : GASDEP_ENOMEM;
        else if (r == 0 && !a->header_done)
            rc = runread_fail(msg, msg_len, GASDEP_EINPUT, "%s: empty file (no header)",
                              path);
        else if (r == 0 && t == 0 && a->rows == 0)
            rc = runread_fail(msg, msg_len, GASDEP_EINPUT, "%s: no data rows (not a "
                              "complete run)", path);
        else if (r == 0) {
            have[t] = 1;
            if (share_denominators(a) != 0)
                rc = runread_fail(msg, msg_len, GASDEP_ENOMEM, "out of memory");
            via_denominators(a, &tabs[0]);
        }
        free(path);
        a->path = NULL;
    }
    if (rc == GASDEP_OK && make_dirs(out_dir) != 0)
        rc = runread_fail(msg, msg_len, GASDEP_EIO, "%s: cannot create directory: %s",
                  out_dir, strerror(errno));
    /* each file whole: a temporary renamed into place */
    char done[1024] = "";
    for (size_t t = 0; t < N_TABLES && rc == GASDEP_OK; t++) {
        if (!have[t])
            continue;
        char tmpname[96];
        snprintf(name, sizeof name, "%s.csv", TABLES[t].name);
        snprintf(tmpname, sizeof tmpname, ".%s.csv.tmp.%ld", TABLES[t].name,
                 (long)getpid());
        char *fin = path_join(out_dir, name), *tmp = path_join(out_dir, tmpname);
        if (!fin || !tmp)
            rc = runread_fail(msg, msg_len, GASDEP_ENOMEM, "out of memory");
        else if (write_table(&tabs[t], tmp) != 0 || rename(tmp, fin) != 0) {
            rc = runread_fail(msg, msg_len, GASDEP_EIO, "%s: cannot write: %s", fin,
                      strerror(errno));
            unlink(tmp);
        } else {
            size_t l = strlen(done);
            snprintf(done + l, sizeof done - l, "%s%s", l ? "," : "", TABLES[t].name);
        }
        free(fin);
        free(tmp);
    }
    for (size_t t = 0; t < N_TABLES; t++)
        if (tabs[t].t)
            agg_free(&tabs[t]);
    if (rc == GASDEP_OK)
        runread_fail(msg, msg_len, 0, "%s/{%s}.csv (by %s)", out_dir, done, period);
    return rc;
}
