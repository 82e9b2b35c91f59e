/* batch.c: the batch object's public API (sweeps and Monte Carlo): create,
 * describe, prepare (probe model, sweep expansion, Monte Carlo draws' inputs,
 * identity). */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch_state.h"
#include "buf.h"
#include "montecarlo.h"
#include "removal.h"
#include "sweep.h"
#include "util.h"

int gasdep_batch_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- object -------------------------------------------------------------- */

gasdep_batch *gasdep_batch_create(int kind)
{
    if (kind != GASDEP_SWEEP && kind != GASDEP_MONTECARLO &&
        kind != GASDEP_DEPENDENCE && kind != GASDEP_CRITICALITY)
        return NULL;
    gasdep_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->kind = kind;
    b->design = GASDEP_DESIGN_GRID;
    b->seed = 1;
    return b;
}

static void free_prepared(gasdep_batch *b)
{
    for (int a = 0; a < b->n_areas; a++)
        free(b->area_name[a]);
    free(b->area_name);
    free(b->area_is_group);
    b->area_name = NULL;
    b->area_is_group = NULL;
    b->n_areas = 0;
    free(b->u);
    b->u = NULL;
    free(b->describe);
    b->describe = NULL;
    mc_free(b);
    removal_free(b);
    b->prepared = 0;
}

void gasdep_batch_destroy(gasdep_batch *b)
{
    if (!b)
        return;
    free_prepared(b);
    sweep_free(b);
    for (int i = 0; i < b->n_sets; i++)
        free(b->sets[i]);
    free(b->sets);
    free(b->set_line);
    free(b->src_file);
    free(b->scenario);
    free(b->rm_kinds);
    bb_free(&b->err);
    bb_free(&b->warn);
    free(b);
}

int gasdep_batch_set_scenario(gasdep_batch *b, const char *path)
{
    if (!b || !path || !*path)
        return GASDEP_EARG;
    char *s = strdup(path);
    if (!s)
        return GASDEP_ENOMEM;
    free(b->scenario);
    b->scenario = s;
    b->prepared = 0;
    return GASDEP_OK;
}

int gasdep_batch_set(gasdep_batch *b, const char *assignment)
{
    if (!b || !assignment)
        return GASDEP_EARG;
    if (!strchr(assignment, '=')) {
        batch_err(b, "--set '%s': expected PATH=VALUE", assignment);
        return GASDEP_EINPUT;
    }
    char **s = realloc(b->sets, (size_t)(b->n_sets + 1) * sizeof *s);
    if (!s)
        return GASDEP_ENOMEM;
    b->sets = s;
    int *sl = realloc(b->set_line, (size_t)(b->n_sets + 1) * sizeof *sl);
    if (!sl)
        return GASDEP_ENOMEM;
    b->set_line = sl;
    sl[b->n_sets] = 0;
    if (!(b->sets[b->n_sets] = strdup(assignment)))
        return GASDEP_ENOMEM;
    b->n_sets++;
    b->prepared = 0;
    return GASDEP_OK;
}

int gasdep_batch_vary(gasdep_batch *b, const char *spec)
{
    if (!b || !spec)
        return GASDEP_EARG;
    if (b->kind != GASDEP_SWEEP) {
        batch_err(b, "--vary is for sweeps");
        return GASDEP_EARG;
    }
    b->prepared = 0;
    return sweep_parse_vary(b, spec);
}

static const char *const DESIGNS[] = {"grid", "zip", "random", "lhs", "sobol", NULL};

int gasdep_batch_set_design(gasdep_batch *b, const char *word)
{
    if (!b || !word)
        return GASDEP_EARG;
    for (int i = 0; DESIGNS[i]; i++)
        if (!strcasecmp(word, DESIGNS[i])) {
            b->design = i;
            b->design_set = 1;
            b->prepared = 0;
            return GASDEP_OK;
        }
    batch_err(b, "unknown design '%s' (grid, zip, random, lhs or sobol)", word);
    return GASDEP_EINPUT;
}

int gasdep_batch_parse_arg(int which, const char *name, const char *text,
                           uint64_t *value, uint64_t *lo, uint64_t *hi, char *msg,
                           size_t len)
{
    static const struct {
        uint64_t lo, hi;
        const char *what;
    } ARG[] = {{1, (uint64_t)GASDEP_BATCH_MAX_RUNS, "a whole number"},
               {0, UINT64_MAX, "a whole number"},
               {1, GASDEP_BATCH_MAX_THREADS, "a number of threads"}};
    if (value)
        *value = 0;
    if (which < 0 || which > GASDEP_ARG_THREADS || !name || !text)
        return GASDEP_EARG;
    if (lo)
        *lo = ARG[which].lo;
    if (hi)
        *hi = ARG[which].hi;
    /* digits only: strtoull alone takes spaces, a sign and "-1" (wrapped) */
    int ok = *text != '\0';
    uint64_t v = 0;
    for (const char *p = text; ok && *p; p++) {
        unsigned d = (unsigned)(*p - '0');
        ok = d <= 9 && v <= (UINT64_MAX - d) / 10;
        v = ok ? 10 * v + d : v;
    }
    ok = ok && v >= ARG[which].lo && v <= ARG[which].hi;
    if (!ok) {
        if (msg && len)
            snprintf(msg, len, "%s needs %s from %llu to %llu, not '%.40s'", name,
                     ARG[which].what, (unsigned long long)ARG[which].lo,
                     (unsigned long long)ARG[which].hi, text);
        return GASDEP_EARG;
    }
    if (value)
        *value = v;
    return GASDEP_OK;
}

int gasdep_batch_set_samples(gasdep_batch *b, long n)
{
    if (!b)
        return GASDEP_EARG;
    if (n < 1 || n > GASDEP_BATCH_MAX_RUNS) {
        batch_err(b, "the number of %s must lie in 1..%ld",
                  b->kind == GASDEP_SWEEP ? "samples" : "runs",
                  GASDEP_BATCH_MAX_RUNS);
        return GASDEP_EINPUT;
    }
    b->samples = n;
    b->samples_set = 1;
    b->prepared = 0;
    return GASDEP_OK;
}

int gasdep_batch_set_seed(gasdep_batch *b, uint64_t seed)
{
    if (!b)
        return GASDEP_EARG;
    b->seed = seed;
    b->seed_set = 1;
    b->prepared = 0;
    return GASDEP_OK;
}

int gasdep_batch_remove(gasdep_batch *b, const char *kinds)
{
    if (!b || !kinds)
        return GASDEP_EARG;
    if (!batch_is_removal(b)) {
        batch_err(b, "removing elements is for dependence and criticality batches");
        return GASDEP_EARG;
    }
    b->prepared = 0;
    return removal_parse(b, kinds);
}

int gasdep_batch_set_period(gasdep_batch *b, int first_day, int n_days)
{
    if (!b || n_days < 0)
        return GASDEP_EARG;
    if (!batch_is_removal(b)) {
        batch_err(b, "a period is for dependence and criticality batches");
        return GASDEP_EARG;
    }
    b->period_set = 1;
    b->period_first = first_day;
    b->period_days = n_days;
    b->prepared = 0;
    return GASDEP_OK;
}

const char *gasdep_batch_removed(const gasdep_batch *b, long run, const char **kind)
{
    if (kind)
        *kind = NULL;
    if (!b || !b->prepared || !batch_is_removal(b) || run < 1 || run > b->n_runs)
        return NULL;
    const rm_elem *r = run > 1 ? &b->rm[run - 2] : NULL;
    if (kind)
        *kind = r ? removal_kind_word(r->kind) : "";
    return r ? r->name : "";
}

/* ---- prepare ------------------------------------------------------------- */

/* The probe model's messages, each at the line of the sweep file that gave
 * its scenario or its `set` ("--set:N: ..." names the N-th override). */
static void probe_errors(gasdep_batch *b, const char *msg, int load_failed)
{
    char *copy = strdup(msg);
    if (!copy) {
        batch_err(b, "%s", msg);
        return;
    }
    for (char *line = copy; line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *end;
        long k = !strncmp(line, "--set:", 6) ? strtol(line + 6, &end, 10) : 0;
        if (k >= 1 && k <= b->n_sets && *end == ':' && b->set_line[k - 1] > 0)
            batch_err_at(b, b->set_line[k - 1], "set %s:%s", b->sets[k - 1], end + 1);
        else if (load_failed && b->scenario_line > 0)
            batch_err_at(b, b->scenario_line, "%s", line);
        else
            batch_err(b, "%s", line);
        line = next;
    }
    free(copy);
}

/* Load the scenario and apply the fixed overrides; the model is left loaded
 * (not initialised). Errors go to the batch message. */
static gasdep_model *load_probe(gasdep_batch *b)
{
    gasdep_model *m = gasdep_create();
    if (!m) {
        batch_err(b, "out of memory");
        return NULL;
    }
    int rc = gasdep_load(m, b->scenario);
    int bad = rc != GASDEP_OK;
    if (rc != GASDEP_EIO)
        for (int i = 0; i < b->n_sets; i++)
            bad |= gasdep_set_assignment(m, b->sets[i]) != GASDEP_OK;
    if (bad) {
        gasdep_init(m); /* refuses, adding the checks that need no network */
        probe_errors(b, gasdep_errmsg(m), rc == GASDEP_EIO);
        gasdep_destroy(m);
        return NULL;
    }
    return m;
}

/* Hash of the bytes of one file, by path (a "?" if it cannot be read). */
static uint64_t file_hash(const char *path, uint64_t h)
{
    char *text;
    size_t len;
    if (read_regular_file(path, MAX_INPUT_BYTES, &text, &len) != RF_OK)
        return fnv1a64(h, "?", 1);
    h = fnv1a64(h, path, strlen(path) + 1);
    h = fnv1a64(h, text, len);
    free(text);
    return h;
}

/* Hash of the inputs the loader actually opened for the probe model
 * (scenario, base files, demand series, whoever named them: a file, --set
 * or inih's "base:"), and of the files a varied `series` names. */
static uint64_t inputs_hash(const gasdep_batch *b, const gasdep_model *m,
                            uint64_t h)
{
    const char *sha = gasdep_content_sha256(m);
    h = fnv1a64(h, sha, strlen(sha));
    const char *f;
    for (int i = 0; (f = gasdep_input_file(m, i)); i++)
        h = file_hash(f, h);
    for (int p = 0; p < b->n_par; p++) {
        const bparam *par = &b->par[p];
        size_t n = strlen(par->path);
        if (par->type != PV_LIST || n < 7 || strcmp(par->path + n - 7, ".series"))
            continue;
        for (int k = 0; k < par->n_items; k++)
            h = file_hash(par->items[k], h);
    }
    return h;
}

static int read_network(gasdep_batch *b, gasdep_model *m)
{
    int first, last;
    gasdep_horizon(m, &first, &last);
    b->first_day = first;
    b->n_days = last - first + 1;
    b->n_areas = gasdep_count(m, GASDEP_AREA);
    b->n_regions = gasdep_count(m, GASDEP_REGION);
    b->area_name = calloc((size_t)b->n_areas + 1, sizeof *b->area_name);
    b->area_is_group = calloc((size_t)b->n_areas + 1, sizeof *b->area_is_group);
    if (!b->area_name || !b->area_is_group)
        return GASDEP_ENOMEM;
    for (int a = 0; a < b->n_areas; a++) {
        b->area_name[a] = strdup(gasdep_name(m, GASDEP_AREA, a));
        if (!b->area_name[a])
            return GASDEP_ENOMEM;
        b->area_is_group[a] = gasdep_area_is_group(m, a);
    }
    double gcv = 10.83;
    gasdep_get(m, "scenario.gcv", &gcv);
    b->gwh_per_mcm = gcv;
    return GASDEP_OK;
}

int gasdep_batch_prepare(gasdep_batch *b)
{
    if (!b)
        return GASDEP_EARG;
    batch_err_clear(b);
    b->warn.n = 0;
    if (b->warn.p)
        b->warn.p[0] = '\0';
    free_prepared(b);
    if (!b->scenario) {
        batch_err(b, "no scenario given");
        return GASDEP_EARG;
    }
    if (b->kind == GASDEP_MONTECARLO) {
        if (!b->samples_set) {
            batch_err(b, "Monte Carlo needs a number of runs (-n RUNS)");
            return GASDEP_EARG;
        }
        if (b->n_par) {
            batch_err(b, "Monte Carlo varies nothing: use a sweep for --vary");
            return GASDEP_EARG;
        }
    }
    if (batch_is_removal(b) && b->n_par) {
        batch_err(b, "%s varies nothing: use a sweep for --vary",
                  batch_kind_word(b->kind));
        return GASDEP_EARG;
    }
    gasdep_model *m = load_probe(b);
    if (!m)
        return GASDEP_EINPUT;
    int rc = GASDEP_OK;
    if (b->kind == GASDEP_SWEEP) {
        /* every value is checked with gasdep_set on a second loaded model,
         * so that the probe below initialises the unmodified scenario */
        gasdep_model *v = load_probe(b);
        rc = v ? sweep_expand(b, v) : GASDEP_EINPUT;
        gasdep_destroy(v);
    }
    if (rc == GASDEP_OK && gasdep_init(m) != GASDEP_OK) {
        batch_err(b, "%s", gasdep_errmsg(m));
        rc = GASDEP_EINPUT;
    }
    if (rc == GASDEP_OK) {
        const char *w = gasdep_warnings(m);
        if (*w)
            batch_warn(b, "%s", w);
        rc = read_network(b, m);
    }
    if (rc == GASDEP_OK && b->kind == GASDEP_MONTECARLO) {
        b->n_runs = b->samples;
        rc = mc_collect(b, m);
    }
    if (rc == GASDEP_OK && batch_is_removal(b))
        rc = removal_collect(b, m);
    uint64_t inputs = rc == GASDEP_OK ? inputs_hash(b, m, FNV_OFFSET) : 0;
    gasdep_destroy(m);
    if (rc == GASDEP_ENOMEM)
        batch_err(b, "out of memory");
    if (rc != GASDEP_OK) {
        free_prepared(b);
        return rc;
    }
    /* identity: what determines the bytes of the results */
    uint64_t h = FNV_OFFSET;
    const char *kw = batch_kind_word(b->kind);
    h = fnv1a64(h, kw, strlen(kw) + 1);
    h = fnv1a64(h, GASDEP_VERSION, sizeof GASDEP_VERSION);
    /* the inputs by content (and the paths the loader opened) */
    h = fnv1a64(h, &inputs, sizeof inputs);
    for (int i = 0; i < b->n_sets; i++)
        h = fnv1a64(h, b->sets[i], strlen(b->sets[i]) + 1);
    if (b->kind == GASDEP_SWEEP) {
        /* the design by what defines every run's values (not by the values:
         * a grid of 10^9 runs must not format 10^9 strings here) */
        h = fnv1a64(h, &b->n_runs, sizeof b->n_runs);
        h = fnv1a64(h, &b->design, sizeof b->design);
        if (b->design >= GASDEP_DESIGN_RANDOM)
            h = fnv1a64(h, &b->seed, sizeof b->seed);
        for (int p = 0; p < b->n_par; p++) {
            h = fnv1a64(h, b->par[p].path, strlen(b->par[p].path) + 1);
            h = fnv1a64(h, b->par[p].spec, strlen(b->par[p].spec) + 1);
        }
    } else if (batch_is_removal(b)) {
        /* the elements removed, in run order */
        h = fnv1a64(h, &b->rm_first, sizeof b->rm_first);
        h = fnv1a64(h, &b->rm_last, sizeof b->rm_last);
        for (int i = 0; i < b->n_rm; i++) {
            h = fnv1a64(h, &b->rm[i].kind, sizeof b->rm[i].kind);
            h = fnv1a64(h, b->rm[i].name, strlen(b->rm[i].name) + 1);
        }
    } else {
        /* not the number of runs: a resumed Monte Carlo may ask for more */
        h = fnv1a64(h, &b->seed, sizeof b->seed);
        /* the record's layout: survival times after the shortfall figures
         * (a journal of an older layout is another batch's) */
        h = fnv1a64(h, "prob+survival", sizeof "prob+survival");
    }
    b->identity = h;
    b->prepared = 1;
    return GASDEP_OK;
}

long gasdep_batch_runs(const gasdep_batch *b)
{
    return b && b->prepared ? b->n_runs : 0;
}

int gasdep_batch_params(const gasdep_batch *b)
{
    return b ? b->n_par : 0;
}

const char *gasdep_batch_param(const gasdep_batch *b, int p)
{
    return b && p >= 0 && p < b->n_par ? b->par[p].path : NULL;
}

int gasdep_batch_value(const gasdep_batch *b, long run, int p, char *buf,
                       size_t len)
{
    if (!b || !b->prepared || run < 1 || run > b->n_runs || p < 0 ||
        p >= b->n_par || !buf || !len)
        return GASDEP_EARG;
    return sweep_value(b, run, p, buf, len);
}

const char *gasdep_batch_describe(const gasdep_batch *b)
{
    return b && b->describe ? b->describe : "";
}
