/* test_threads.c: two models in two threads share no mutable state: each
 * gives exactly the results it gives when run alone (EPANET test_reent
 * style). */
#include <criterion/criterion.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define MAXA 64
#define MAXG 16

typedef struct result {
    const char *path;  /* scenario file, or NULL for `text` */
    const char *text;
    int rc;
    int n_areas, n_groups;
    gasdep_area_summary s[MAXA];
    double mean[MAXA][MAXG], lo[MAXA][MAXG], hi[MAXA][MAXG];
    double imbalance_max;
    char err[256];
} result;

/* A small inline scenario exercising storage, a loop-free mesh, events
 * and cooperative curtailment over a winter. */
static const char *INLINE =
    "[scenario]\nstart = 2021-11-01\nend = 2022-02-28\n"
    "[origin a]\ngroup = east\n[origin b]\ngroup = west\n[origin c]\ngroup = west\n"
    "[node H]\n[node K]\n"
    "[region R]\ndemand = 4 bcm/y\nshape = 1.6 1.5 1.2 0.9 0.7 0.6 0.6 0.6 0.7 1 1.3 1.5\n"
    "groups = EU\n"
    "[region Q]\ndemand = 2 bcm/y\nshape = 1.4 1.3 1.1 1 0.9 0.8 0.8 0.8 0.9 1 1.2 1.4\n"
    "groups = EU\n"
    "[source sa]\nnode = H\norigin = a\ncapacity = 9 mcm/d\ncost = 20\n"
    "[source sb]\nnode = K\norigin = b\ncapacity = 6 mcm/d\ncost = 25\n"
    "[lng T]\nnode = Q\ncapacity = 3 mcm/d\norigins = c\ncosts = 30\n"
    "[pipeline HR]\nfrom = H\nto = R\ncapacity = 12 mcm/d\ntariff = 1\n"
    "[pipeline KR]\nfrom = K\nto = R\ncapacity = 4 mcm/d\n"
    "[pipeline KQ]\nfrom = K\nto = Q\ncapacity = 5 mcm/d\nloss = 1%\n"
    "[pipeline RQ]\nfrom = R\nto = Q\ncapacity = 3 mcm/d\nreverse_capacity = 2 mcm/d\n"
    "[storage S]\nnode = R\nvolume = 600 mcm\ninjection = 4 mcm/d\n"
    "withdrawal = 6 mcm/d\nwithdrawal_curve = 0:30% 40%:100% 100%:100%\n"
    "initial_fill = 70%\ninitial_mix = a:0.8 b:0.2\ntargets = 11-01:90% 03-01:30%\n"
    "[event cut]\ntarget = origin.a\nstart = 2022-01-10\nramp = 5\nfactor = 10%\n";

static void *run_one(void *arg)
{
    result *r = arg;
    gasdep_model *m = gasdep_create();
    r->rc = r->path ? gasdep_load(m, r->path) : gasdep_load_string(m, "inline.ini", r->text);
    if (r->rc == GASDEP_OK)
        r->rc = gasdep_run(m, NULL);
    snprintf(r->err, sizeof r->err, "%s", gasdep_errmsg(m));
    if (r->rc == GASDEP_OK) {
        r->n_areas = gasdep_count(m, GASDEP_AREA);
        r->n_groups = gasdep_count(m, GASDEP_ORIGIN_GROUP);
        for (int a = 0; a < r->n_areas && a < MAXA; a++) {
            gasdep_area_summary_get(m, a, &r->s[a]);
            for (int g = 0; g < r->n_groups && g < MAXG; g++)
                gasdep_area_group_share_stats(m, a, g, &r->mean[a][g], &r->lo[a][g],
                                              &r->hi[a][g]);
        }
        gasdep_mass_imbalance_mcm(m, &r->imbalance_max);
    }
    gasdep_destroy(m);
    return NULL;
}

static void *thread_main(void *arg)
{
    run_one(arg);
    gasdep_thread_finish();
    return NULL;
}

/* Exact equality, NaN equal to NaN. */
static int same(double x, double y)
{
    return (isnan(x) && isnan(y)) || x == y;
}

static void compare(const result *x, const result *y)
{
    cr_assert_eq(x->rc, GASDEP_OK, "%s", x->err);
    cr_assert_eq(y->rc, GASDEP_OK, "%s", y->err);
    cr_assert_eq(x->n_areas, y->n_areas);
    cr_assert_leq(x->n_areas, MAXA);
    cr_assert_leq(x->n_groups, MAXG);
    for (int a = 0; a < x->n_areas; a++) {
        const gasdep_area_summary *p = &x->s[a], *q = &y->s[a];
        cr_expect(same(p->demand_mcm, q->demand_mcm), "area %d demand", a);
        cr_expect(same(p->supplied_mcm, q->supplied_mcm), "area %d supplied", a);
        cr_expect(same(p->unserved_mcm, q->unserved_mcm), "area %d unserved", a);
        cr_expect_eq(p->days_short, q->days_short, "area %d days short", a);
        cr_expect(same(p->min_storage_fill, q->min_storage_fill), "area %d fill", a);
        cr_expect(same(p->peak_price_eur_mwh, q->peak_price_eur_mwh), "area %d price", a);
        cr_expect(same(p->n1_pct, q->n1_pct), "area %d n1", a);
        for (int g = 0; g < x->n_groups; g++) {
            cr_expect(same(x->mean[a][g], y->mean[a][g]), "area %d group %d", a, g);
            cr_expect(same(x->lo[a][g], y->lo[a][g]));
            cr_expect(same(x->hi[a][g], y->hi[a][g]));
        }
    }
    cr_expect(same(x->imbalance_max, y->imbalance_max));
}

static result seq[2], par[2];

Test(threads, two_models_in_two_threads_match_sequential_runs)
{
    const char *paths[2] = {"scenarios/default.ini", NULL};
    for (int i = 0; i < 2; i++) {
        seq[i].path = par[i].path = paths[i];
        seq[i].text = par[i].text = INLINE;
        run_one(&seq[i]);
    }
    /* the two scenarios differ (else the test proves little) */
    cr_assert_eq(seq[0].rc, GASDEP_OK, "%s", seq[0].err);
    cr_assert_eq(seq[1].rc, GASDEP_OK, "%s", seq[1].err);
    cr_assert(seq[0].n_areas != seq[1].n_areas ||
              !same(seq[0].s[0].demand_mcm, seq[1].s[0].demand_mcm));
    /* the inline scenario has a shortage, so curtailment runs in threads */
    int short_days = 0;
    for (int a = 0; a < seq[1].n_areas; a++)
        short_days += seq[1].s[a].days_short;
    cr_expect_gt(short_days, 0);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, thread_main, &par[i]), 0);
    for (int i = 0; i < 2; i++)
        cr_assert_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < 2; i++)
        compare(&seq[i], &par[i]);
    gasdep_thread_finish();
}

static result many[4];

Test(threads, four_threads_same_scenario)
{
    /* the same scenario four times at once: identical results */
    result ref = {.path = NULL, .text = INLINE};
    run_one(&ref);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        many[i].path = NULL;
        many[i].text = INLINE;
        cr_assert_eq(pthread_create(&t[i], NULL, thread_main, &many[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < 4; i++)
        compare(&ref, &many[i]);
    gasdep_thread_finish();
}

/* ---- parsing in parallel ------------------------------------------------ */

#define PTHREADS 8
#define PLOADS 2000

static char ptext[PTHREADS][8000];
static int pfail[PTHREADS];
static char pmsg[PTHREADS][256];

static void *parse_many(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < PLOADS; i++) {
        gasdep_model *m = gasdep_create();
        int rc = gasdep_load_string(m, "t.ini", ptext[id]);
        if (rc != GASDEP_OK && pfail[id]++ == 0)
            snprintf(pmsg[id], sizeof pmsg[id], "%s", gasdep_errmsg(m));
        gasdep_destroy(m);
    }
    gasdep_thread_finish();
    return NULL;
}

Test(threads, parsing_in_parallel_is_independent)
{
    /* Each thread loads its own valid scenario, whose lists differ in length
     * from thread to thread (thread i: 10 LNG terminals with 3 + 3i origins
     * and as many costs), 1000 times. A parser that keeps hidden state
     * across calls (strtok) mixes up tokens of different threads, giving
     * errors such as "'costs' ... expected a number" on valid input. The
     * failure is a race: it shows in most runs, not in every run. */
    for (int id = 0; id < PTHREADS; id++) {
        size_t k = 0;
        int L = 3 + 3 * id;
        k += (size_t)sprintf(ptext[id] + k, "[scenario]\nstart = 2022-01-01\n"
                                            "end = 2022-01-01\n[region R]\n"
                                            "demand = 10 mcm/d\n");
        for (int j = 0; j < 10; j++) {
            k += (size_t)sprintf(ptext[id] + k,
                                 "[lng L%d]\nnode = R\ncapacity = 1 mcm/d\norigins =", j);
            for (int g = 0; g < L; g++)
                k += (size_t)sprintf(ptext[id] + k, " o%d", g);
            k += (size_t)sprintf(ptext[id] + k, "\ncosts =");
            for (int g = 0; g < L; g++)
                k += (size_t)sprintf(ptext[id] + k, " %d", g);
            k += (size_t)sprintf(ptext[id] + k, "\n");
        }
        /* valid when parsed alone */
        gasdep_model *m = gasdep_create();
        cr_assert_eq(gasdep_load_string(m, "t.ini", ptext[id]), GASDEP_OK, "%s",
                     gasdep_errmsg(m));
        gasdep_destroy(m);
    }
    pthread_t t[PTHREADS];
    for (long i = 0; i < PTHREADS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, parse_many, (void *)i), 0);
    for (int i = 0; i < PTHREADS; i++)
        cr_assert_eq(pthread_join(t[i], NULL), 0);
    for (int i = 0; i < PTHREADS; i++)
        cr_expect_eq(pfail[i], 0, "thread %d: %d of %d loads failed, first: %s", i,
                     pfail[i], PLOADS, pmsg[i]);
}

Test(threads, library_calls_keep_no_hidden_tokenizer_state)
{
    /* Deterministic, single-threaded form of the race above: "two handles
     * share no mutable state" rules out process-wide hidden state such as
     * strtok's. A caller half-way through its own strtok loop calls the
     * library; its next strtok(NULL) must still continue its own string.
     * (With strtok inside the parser the caller's saved position is
     * replaced by one into the parser's finished buffer.) */
    char mine[] = "alpha beta gamma";
    char *t1 = strtok(mine, " ");
    cr_assert_str_eq(t1, "alpha");
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load_string(m, "t.ini",
                                    "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                                    "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
                                    "groups = EU SEE\n"),
                 GASDEP_OK, "%s", gasdep_errmsg(m));
    char *t2 = strtok(NULL, " ");
    cr_expect(t2 != NULL && strcmp(t2, "beta") == 0,
              "caller's strtok state was changed by gasdep_load_string");
    /* init resolves event targets: the same holds there */
    char again[] = "one two three";
    cr_assert_str_eq(strtok(again, " "), "one");
    gasdep_model *m2 = gasdep_create();
    cr_assert_eq(gasdep_load_string(m2, "t.ini",
                                    "[scenario]\nstart = 2022-01-01\nend = 2022-01-01\n"
                                    "[origin o]\n[region R]\ndemand = 1 mcm/d\n"
                                    "[event e]\ntarget = region.R.demand\n"
                                    "start = 2022-01-01\nfactor = 1\n"),
                 GASDEP_OK);
    char *t3 = strtok(NULL, " "); /* the load above used no list: still ours */
    cr_assert(t3 != NULL && strcmp(t3, "two") == 0, "precondition");
    cr_assert_eq(gasdep_init(m2), GASDEP_OK, "%s", gasdep_errmsg(m2));
    char *t4 = strtok(NULL, " ");
    cr_expect(t4 != NULL && strcmp(t4, "three") == 0,
              "caller's strtok state was changed by gasdep_init");
    gasdep_destroy(m2);
    gasdep_destroy(m);
}
