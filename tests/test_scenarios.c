/* test_scenarios.c: every reference scenario in scenarios/ (issue 3).
 *
 * For each scenario file (listed explicitly in `scenarios[]`, default.ini
 * included): load and init as `gasdep check` does, run a shortened horizon
 * that still covers the scenario's key event, and
 *   1. check the daily invariants on every simulated day (origin and group
 *      volumes add up to the supplied gas, shares in [0,1], pipeline flows
 *      within capacity, storage fill in [0,1], unserved in [0, demand],
 *      mass balance);
 *   2. compare headline figures with a recorded regression table;
 *   3. check sanity relations that follow from the scenario's inputs (event
 *      dates, capacities, paired scenarios), not from recorded output.
 *
 * Horizons are shortened with gasdep_set("scenario.end") before init; the
 * start (and so the initial storage state) is the scenario's own.
 * To re-record the regression table: GASDEP_RECORD=1 build/tests/test_scenarios
 * --filter 'scenarios/regression_*' --jobs 1 prints the table rows.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* ---- scenario table --------------------------------------------------- */

typedef struct scen {
    const char *name; /* file stem under scenarios/ */
    const char *end;  /* shortened horizon end (start is the file's) */
} scen;

/* Horizons: 60-125 days covering the key event, except russia-cut-2022,
 * whose events run from April to November 2022 and which must start in
 * October 2021 for its storage state: it runs 14 months (the engine needs
 * ~0.1 ms per day in Release, so this costs a few tens of ms). */
static const scen scenarios[] = {
    {"default", "2022-01-31"},                    /* cut 15 Jan; 123 d */
    {"baseline-2021", "2021-12-31"},              /* 92 d */
    {"cold-winter-2021", "2022-01-31"},           /* spell 10-23 Jan; 123 d */
    {"full-russian-stop-winter", "2021-11-30"},   /* stop from 1 Sep; 91 d */
    {"full-russian-stop-winter-national", "2021-11-30"},
    {"full-russian-stop-winter-typical-storage", "2021-11-30"},
    {"southern-corridor-expansion", "2021-12-31"}, /* 92 d */
    {"southern-corridor-expansion-russia-stop", "2021-11-30"},
    {"ganja-gap-outage", "2022-01-31"},           /* cut from 1 Jan; 123 d */
    {"ganja-gap-outage-russia-cut", "2022-01-31"},
    {"russia-cut-2022", "2022-11-30"},            /* cuts Apr-Sep 2022; 426 d */
    {"russia-cut-2022-lng-market", "2022-11-30"}, /* the same with LNG curves */
    {"ukraine-transit-end-2025", "2025-01-31"},   /* transit end 1 Jan; 123 d */
};
#define NSCEN ((int)(sizeof scenarios / sizeof scenarios[0]))

static const scen *find_scen(const char *name)
{
    for (int i = 0; i < NSCEN; i++)
        if (strcmp(scenarios[i].name, name) == 0)
            return &scenarios[i];
    cr_assert_fail("scenario '%s' not in the table", name);
    return NULL;
}

/* ---- a run with its daily record ---------------------------------------- */

typedef struct run {
    const char *name;
    gasdep_model *m;
    int first, nd, na, ng, np;
    double *gv;                     /* [day][area][group] mcm */
    double *sup, *dem, *uns, *sto;  /* [day][area] */
    double *flow;                   /* [day][pipeline] mcm, signed */
} run;

#define GV(r, d, a, g) ((r)->gv[((size_t)(d) * (r)->na + (a)) * (r)->ng + (g)])
#define AD(r, arr, d, a) ((r)->arr[(size_t)(d) * (r)->na + (a)])
#define FL(r, d, p) ((r)->flow[(size_t)(d) * (r)->np + (p)])

static double relerr(double a, double b)
{
    return fabs(a - b) / fmax(1.0, fabs(b));
}

/* Every invariant of one simulated day; records the day into r. */
static void check_day(run *r, int d, char *date)
{
    gasdep_model *m = r->m;
    int no = gasdep_count(m, GASDEP_ORIGIN);
    for (int a = 0; a < r->na; a++) {
        const char *an = gasdep_name(m, GASDEP_AREA, a);
        gasdep_area_day ad;
        cr_assert_eq(gasdep_area_result(m, a, &ad), GASDEP_OK);
        AD(r, sup, d, a) = ad.supplied_mcm;
        AD(r, dem, d, a) = ad.demand_mcm;
        AD(r, uns, d, a) = ad.unserved_mcm;
        AD(r, sto, d, a) = ad.storage_mcm;
        cr_assert(ad.unserved_mcm >= -1e-9
                  && ad.unserved_mcm <= ad.demand_mcm + 1e-9,
                  "%s %s %s: unserved %g outside [0, demand %g]", r->name, date,
                  an, ad.unserved_mcm, ad.demand_mcm);
        cr_assert(ad.reduced_mcm >= -1e-9, "%s %s %s: reduced %g < 0", r->name, date,
                  an, ad.reduced_mcm);
        cr_assert(relerr(ad.supplied_mcm + ad.unserved_mcm + ad.reduced_mcm,
                         ad.demand_mcm) < 1e-6,
                  "%s %s %s: supplied %g + unserved %g + reduced %g != demand %g",
                  r->name, date, an, ad.supplied_mcm, ad.unserved_mcm,
                  ad.reduced_mcm, ad.demand_mcm);
        if (!isnan(ad.storage_fill))
            cr_assert(ad.storage_fill >= -1e-9 && ad.storage_fill <= 1 + 1e-9,
                      "%s %s %s: storage fill %g", r->name, date, an,
                      ad.storage_fill);
        double os = 0, gs = 0;
        for (int o = 0; o < no; o++) {
            double v = gasdep_area_origin_mcm(m, a, o);
            os += v;
            if (ad.supplied_mcm > 1e-9) {
                double sh = v / ad.supplied_mcm;
                cr_assert(sh >= -1e-9 && sh <= 1 + 1e-9,
                          "%s %s %s: share of origin %s = %g", r->name, date,
                          an, gasdep_name(m, GASDEP_ORIGIN, o), sh);
            }
        }
        for (int g = 0; g < r->ng; g++) {
            double v = gasdep_area_group_mcm(m, a, g);
            GV(r, d, a, g) = v;
            gs += v;
            if (ad.supplied_mcm > 1e-9) {
                double sh = v / ad.supplied_mcm;
                cr_assert(sh >= -1e-9 && sh <= 1 + 1e-9,
                          "%s %s %s: share of group %s = %g", r->name, date,
                          an, gasdep_name(m, GASDEP_ORIGIN_GROUP, g), sh);
            }
        }
        if (ad.supplied_mcm > 1e-9) {
            cr_assert(fabs(os - ad.supplied_mcm) <= 1e-6 * ad.supplied_mcm,
                      "%s %s %s: origins sum %.9g, supplied %.9g", r->name,
                      date, an, os, ad.supplied_mcm);
            cr_assert(fabs(gs - ad.supplied_mcm) <= 1e-6 * ad.supplied_mcm,
                      "%s %s %s: groups sum %.9g, supplied %.9g", r->name,
                      date, an, gs, ad.supplied_mcm);
        }
    }
    for (int p = 0; p < r->np; p++) {
        double f, cap;
        cr_assert_eq(gasdep_pipeline_result(m, p, &f, &cap), GASDEP_OK);
        FL(r, d, p) = f;
        cr_assert(fabs(f) <= cap + 1e-6, "%s %s pipeline %s: |flow| %g > cap %g",
                  r->name, date, gasdep_name(m, GASDEP_PIPELINE, p), fabs(f),
                  cap);
    }
    double imb = gasdep_mass_imbalance_mcm(m, NULL);
    cr_assert(imb < 1e-5, "%s %s: mass imbalance %g mcm", r->name, date, imb);
}

/* Load scenarios/<name>.ini, shorten it, init, step every day with the
 * invariant checks, finish. */
static run *run_scen_to(const char *name, const char *end)
{
    const scen *s = find_scen(name);
    char path[256];
    snprintf(path, sizeof path, "scenarios/%s.ini", s->name);
    run *r = calloc(1, sizeof *r);
    cr_assert_not_null(r);
    r->name = s->name;
    r->m = gasdep_create();
    cr_assert_not_null(r->m);
    cr_assert_eq(gasdep_load(r->m, path), GASDEP_OK, "%s: %s", path,
                 gasdep_errmsg(r->m));
    if (!end)
        end = s->end;
    cr_assert_eq(gasdep_set(r->m, "scenario.end", end), GASDEP_OK, "%s",
                 gasdep_errmsg(r->m));
    cr_assert_eq(gasdep_init(r->m), GASDEP_OK, "%s: %s", path,
                 gasdep_errmsg(r->m));
    int last;
    cr_assert_eq(gasdep_horizon(r->m, &r->first, &last), GASDEP_OK);
    cr_assert_eq(last, th_day(end), "%s: horizon end not shortened", path);
    r->nd = last - r->first + 1;
    r->na = gasdep_count(r->m, GASDEP_AREA);
    r->ng = gasdep_count(r->m, GASDEP_ORIGIN_GROUP);
    r->np = gasdep_count(r->m, GASDEP_PIPELINE);
    size_t nda = (size_t)r->nd * r->na;
    r->gv = calloc(nda * r->ng, sizeof *r->gv);
    r->sup = calloc(nda, sizeof(double));
    r->dem = calloc(nda, sizeof(double));
    r->uns = calloc(nda, sizeof(double));
    r->sto = calloc(nda, sizeof(double));
    r->flow = calloc((size_t)r->nd * r->np, sizeof(double));
    cr_assert(r->gv && r->sup && r->dem && r->uns && r->sto && r->flow);
    int rc, d = 0;
    while ((rc = gasdep_step(r->m)) == GASDEP_OK) {
        cr_assert_lt(d, r->nd);
        cr_assert_eq(gasdep_day(r->m), r->first + d);
        char date[16];
        gasdep_date_format(r->first + d, date);
        check_day(r, d, date);
        d++;
    }
    cr_assert_eq(rc, GASDEP_DONE, "%s: step failed: %s", path,
                 gasdep_errmsg(r->m));
    cr_assert_eq(d, r->nd);
    cr_assert_eq(gasdep_finish(r->m), GASDEP_OK);
    double worst;
    gasdep_mass_imbalance_mcm(r->m, &worst);
    cr_assert_lt(worst, 1e-5);
    /* summary statistics are consistent with the daily record */
    for (int a = 0; a < r->na; a++) {
        gasdep_area_summary sm;
        cr_assert_eq(gasdep_area_summary_get(r->m, a, &sm), GASDEP_OK);
        double dem = 0, uns = 0;
        for (int k = 0; k < r->nd; k++) {
            dem += AD(r, dem, k, a);
            uns += AD(r, uns, k, a);
        }
        cr_assert_lt(relerr(sm.demand_mcm, dem), 1e-6);
        cr_assert_lt(fabs(sm.unserved_mcm - uns), 1e-6 * fmax(1, dem));
        for (int g = 0; g < r->ng; g++) {
            double mean, mn, mx;
            cr_assert_eq(gasdep_area_group_share_stats(r->m, a, g, &mean, &mn,
                                                       &mx), GASDEP_OK);
            cr_assert(mn >= -1e-9 && mx <= 1 + 1e-9 && mean >= mn - 1e-9
                      && mean <= mx + 1e-9,
                      "%s %s: share stats %g %g %g", r->name,
                      gasdep_name(r->m, GASDEP_AREA, a), mean, mn, mx);
        }
    }
    return r;
}

static run *run_scen(const char *name) { return run_scen_to(name, NULL); }

static void run_free(run *r)
{
    if (!r)
        return;
    gasdep_destroy(r->m);
    free(r->gv);
    free(r->sup);
    free(r->dem);
    free(r->uns);
    free(r->sto);
    free(r->flow);
    free(r);
}

/* ---- accessors over the daily record ------------------------------------ */

static int aidx(run *r, const char *n) { return th_area(r->m, n); }
static int gidx(run *r, const char *n) { return th_group(r->m, n); }
static int pidx(run *r, const char *n) { return th_pipe(r->m, n); }

/* Day index of an ISO date, clamped to [0, nd]. */
static int di(run *r, const char *iso)
{
    int d = th_day(iso) - r->first;
    return d < 0 ? 0 : d > r->nd ? r->nd : d;
}

/* Volume-weighted share of group g in area a over days [d0, d1). */
static double share(run *r, const char *area, const char *group, int d0, int d1)
{
    int a = aidx(r, area), g = gidx(r, group);
    double v = 0, s = 0;
    for (int d = d0; d < d1; d++) {
        v += GV(r, d, a, g);
        s += AD(r, sup, d, a);
    }
    return s > 0 ? v / s : 0;
}

/* Unserved (mcm) of area a over [d0, d1); area NULL sums all regions. */
static double unserved(run *r, const char *area, int d0, int d1)
{
    double u = 0;
    for (int a = 0; a < r->na; a++) {
        if (area ? a != aidx(r, area) : gasdep_area_is_group(r->m, a))
            continue;
        for (int d = d0; d < d1; d++)
            u += AD(r, uns, d, a);
    }
    return u;
}

/* Largest forward flow of pipeline p over [d0, d1). */
static double max_flow(run *r, const char *pipe, int d0, int d1)
{
    int p = pidx(r, pipe);
    double mx = -INFINITY;
    for (int d = d0; d < d1; d++)
        mx = fmax(mx, FL(r, d, p));
    return mx;
}

/* Smallest (most negative, i.e. largest reverse) flow of pipeline p over
 * [d0, d1). */
static double min_flow(run *r, const char *pipe, int d0, int d1)
{
    int p = pidx(r, pipe);
    double mn = INFINITY;
    for (int d = d0; d < d1; d++)
        mn = fmin(mn, FL(r, d, p));
    return mn;
}

/* Pipelines leaving the Russian export nodes (RU-*) of the network. */
static const char *const ru_export_pipes[] = {
    "NordStream1", "Yamal-RU-BY", "UA-Sudzha", "UA-Sokhranivka", "BlueStream",
    "TurkStream-1", "TurkStream-2", "RU-FI", "RU-LV", "RU-EE",
};

static void expect_no_russian_exports(run *r, int d0, int d1)
{
    for (size_t i = 0; i < sizeof ru_export_pipes / sizeof *ru_export_pipes; i++)
        cr_expect_leq(max_flow(r, ru_export_pipes[i], d0, d1), 1e-9,
                      "%s: %s carries gas while Russian supply is stopped",
                      r->name, ru_export_pipes[i]);
}

static void expect_same_demand(run *a, run *b, int d0, int d1, const char *why)
{
    cr_assert_eq(a->na, b->na);
    for (int ar = 0; ar < a->na; ar++)
        for (int d = d0; d < d1; d++)
            cr_assert_lt(relerr(AD(a, dem, d, ar), AD(b, dem, d, ar)), 1e-9,
                         "%s vs %s: demand of %s differs on day %d (%s)",
                         a->name, b->name, gasdep_name(a->m, GASDEP_AREA, ar),
                         d, why);
}

/* ---- 1. invariants, every scenario, every day ---------------------------- */

#define INVARIANTS(id, file)                                                   \
    Test(scenarios, invariants_##id, .timeout = 120)                          \
    {                                                                          \
        run_free(run_scen(file));                                              \
    }

INVARIANTS(default, "default")
INVARIANTS(baseline_2021, "baseline-2021")
INVARIANTS(cold_winter_2021, "cold-winter-2021")
INVARIANTS(full_russian_stop_winter, "full-russian-stop-winter")
INVARIANTS(full_russian_stop_winter_national, "full-russian-stop-winter-national")
INVARIANTS(full_russian_stop_winter_typical_storage,
           "full-russian-stop-winter-typical-storage")
INVARIANTS(southern_corridor_expansion, "southern-corridor-expansion")
INVARIANTS(southern_corridor_expansion_russia_stop,
           "southern-corridor-expansion-russia-stop")
INVARIANTS(ganja_gap_outage, "ganja-gap-outage")
INVARIANTS(ganja_gap_outage_russia_cut, "ganja-gap-outage-russia-cut")
INVARIANTS(russia_cut_2022, "russia-cut-2022")
INVARIANTS(russia_cut_2022_lng_market, "russia-cut-2022-lng-market")
INVARIANTS(ukraine_transit_end_2025, "ukraine-transit-end-2025")

/* Every scenario file in scenarios/ is in the table (a new file must be
 * added to it). */
Test(scenarios, table_lists_every_file)
{
    FILE *p = popen("ls scenarios/*.ini", "r");
    cr_assert_not_null(p);
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        char *b = strrchr(line, '/');
        b = b ? b + 1 : line;
        b[strlen(b) - 4] = 0; /* strip .ini */
        find_scen(b);
        n++;
    }
    pclose(p);
    cr_assert_eq(n, NSCEN, "%d files in scenarios/, %d in the table", n, NSCEN);
}

/* ---- 2. regression table -------------------------------------------------- */

enum metric { SHARE, UNSERVED, MIN_FILL };

typedef struct reg {
    const char *scen, *area;
    enum metric what;
    const char *group; /* SHARE only */
    double value;
} reg;

/* Recorded from gasdep at commit 6b0db1a (working tree of issue 3) over the
 * shortened horizons above, re-recorded after the reference-data audit of
 * issue 10 (branch data-audit: transit nodes BG-Transit/RS-Gastrans, Gazprom
 * storage split, winter 2021/22 events, Belarus leak closed; see
 * scenarios/README.md "Reference data changes"), and re-recorded for
 * Dispatch 2 (issue 9: stored gas valued above flowing gas, shortage shared
 * by the refined convex penalty, national-first as own-demand priority, the
 * EU storage regulation as hard targets in russia-cut-2022 and
 * ukraine-transit-end-2025), and re-recorded for issue 18's smooth daily
 * demand profile (mean-preserving, no steps on the 1st of each month; the
 * largest move: full-russian-stop-winter-typical-storage EU unserved 183 ->
 * 213 mcm, as winter demand now peaks in mid-January instead of being flat
 * through the month), and re-recorded for issue 18's water values (storage
 * filled and drawn by the value of stored gas from a plan of the year
 * ahead; no typical fill path; targets reach the daily LP through the
 * values): e.g. ganja-gap-outage GR Caspian share 0.03 -> 0.28 (Italy's
 * storage no longer outbids Greece at the path's penalty price),
 * cold-winter-2021 EU minimum fill 0.54 -> 0.40; and re-recorded for the
 * reference-input corrections 17-18 of issue 18 (Bulgaria -> Romania
 * reverse capacity 14 -> 8.2 mcm/d, lng-other cap 220 -> 75 mcm/d; see
 * scenarios/README.md "Reference data changes"); and re-recorded for the
 * "inputs that cost realism" of issue 18 (the regression scenarios read
 * networks/europe.ini): TAP/TANAP 10 -> 10.5 bcm/y, TAP's exit to Greece
 * 5 bcm/y -> 40 GWh/d (Nea Mesimvria) + Komotini from Oct 2022, Shah Deniz
 * 19 -> 24 bcm/y, Rogatec HR->SI 5 -> 0.72 mcm/d (Reference data changes
 * 19-22): e.g. baseline-2021 IT Caspian share 0.074 -> 0.113 (TAP full),
 * DE Russian share 0.60 -> 0.62; and re-recorded for issue 18's
 * price-responsive demand (demand-response blocks in the EU, GB and CH
 * regions, long-run adaptation to lasting prices; the flat -15 % events
 * removed from russia-cut-2022; stress tests keep demand fixed):
 * russia-cut-2022 EU unserved 14.6 -> 0 mcm (demand gives way at prices
 * below voll), ukraine-transit-end-2025 HU Russian share 0.52 -> 0.63,
 * stress tests (full-russian-stop-winter family, ganja-gap-outage pair)
 * unchanged (fixed demand); and re-recorded for issue 20's one-day LP
 * that bounds storage rates by the curves as column bounds instead of
 * single-entry rows (the same LP; another optimal vertex among exact
 * ties: the water values are duals of the plan, so on russia-cut-2022's
 * first day injecting into DK-UGS and piping DE-UGS's gas to Denmark cost
 * the same to the last digit, objective -24645149.2653070912 either way;
 * the storage paths then part through the monthly plans): russia-cut-2022
 * DE minimum fill 0.136 -> 0.156, ukraine-transit-end-2025 SEE Russian
 * share 0.404 -> 0.413, ganja-gap-outage-russia-cut EU unserved 842 -> 835
 * mcm; and re-recorded for issue 20's probe basis (a myopic run's first
 * day starts from the basis of the first day solved once at init instead of
 * the solver's slack basis: another vertex among exact ties on day 1, the
 * storage paths then part through the monthly plans):
 * ukraine-transit-end-2025 HU Russian share 0.556 -> 0.538,
 * russia-cut-2022-lng-market DE minimum fill 0.117 -> 0.127, the rest
 * within 0.4 pp; and re-recorded for issue 20's shortage grids (today's
 * first guess keeps yesterday's unexplained change where it had the same
 * sign the day before; a fine grid that misses widens instead of moving
 * by its width): the grids end elsewhere within the sharing tolerance,
 * unserved volumes move by at most 0.03 mcm (default SEE 113.15 ->
 * 113.12, full-russian-stop-winter BG 53.31 -> 53.29); and re-recorded for
 * issue 20's warm solves of our own (lp_glpk_dual.c, a dual simplex that
 * starts where GLPK's did but may end on another vertex of the same
 * objective: the European daily LP has exact ties between stores, measured
 * on russia-cut-2022-lng-market as GLPK warm against GLPK cold, objectives
 * equal to the last bit, stores 9 mcm/d apart): russia-cut-2022-lng-market
 * DE minimum fill 0.127 -> 0.137, ukraine-transit-end-2025 SEE Russian
 * share 0.411 -> 0.422 (HU 0.538 -> 0.528), ganja-gap-outage-russia-cut EU
 * unserved 835 -> 842 mcm, the rest within 0.1 pp; and re-recorded for
 * the tie-breaks drawn by a mixing hash, the plan's apart from the day's
 * (docs/DISPATCH.md, "A unique optimum"): the linear hash before let the
 * water values (the plan's duals) cancel the day's tie-breaks, so stores
 * tied exactly and each solver path drew another store; now the daily
 * flows of every reference scenario are the same warm and from scratch.
 * Storage use between countries moved most: russia-cut-2022 DE minimum
 * fill 0.156 -> 0.378 (lng-market 0.137 -> 0.344), cold-winter-2021 EU
 * 0.406 -> 0.390; baseline-2021 IT Caspian share 0.113 -> 0.137,
 * southern-corridor-expansion SEE Russian 0.603 -> 0.653,
 * ukraine-transit-end-2025 SEE Russian 0.422 -> 0.385; unserved within
 * 2.3 %; a regression guard, not a truth. An intended
 * change of results is a visible edit of this table (re-record with
 * GASDEP_RECORD=1, see the file header). Tolerance: abs 0.01 for shares and
 * fills, rel 2 % + 1 mcm for volumes. */
static const reg regs[] = {
    {"baseline-2021", "EU", SHARE, "russia", 0.3915},
    {"baseline-2021", "SEE", SHARE, "russia", 0.6054},
    {"baseline-2021", "IT", SHARE, "caspian", 0.1373},
    {"baseline-2021", "DE", SHARE, "russia", 0.6159},
    {"baseline-2021", "EU", UNSERVED, NULL, 0.0000},
    {"cold-winter-2021", "EU", SHARE, "russia", 0.3961},
    {"cold-winter-2021", "SEE", SHARE, "russia", 0.6108},
    {"cold-winter-2021", "IT", SHARE, "caspian", 0.1319},
    {"cold-winter-2021", "EU", UNSERVED, NULL, 0.0000},
    {"cold-winter-2021", "DE", MIN_FILL, NULL, 0.1584},
    {"cold-winter-2021", "EU", MIN_FILL, NULL, 0.3899},
    {"default", "EU", SHARE, "russia", 0.7435},
    {"default", "SEE", SHARE, "russia", 0.5608},
    {"default", "GR", SHARE, "caspian", 0.2628},
    {"default", "EU", UNSERVED, NULL, 674.2659},
    {"default", "SEE", UNSERVED, NULL, 113.1234},
    {"full-russian-stop-winter", "EU", SHARE, "russia", 0.1358},
    {"full-russian-stop-winter", "SEE", SHARE, "russia", 0.3277},
    {"full-russian-stop-winter", "IT", SHARE, "caspian", 0.1637},
    {"full-russian-stop-winter", "EU", UNSERVED, NULL, 317.2836},
    {"full-russian-stop-winter", "SEE", UNSERVED, NULL, 253.2294},
    {"full-russian-stop-winter", "BG", UNSERVED, NULL, 54.1588},
    {"full-russian-stop-winter-national", "EU", SHARE, "russia", 0.1324},
    {"full-russian-stop-winter-national", "SEE", SHARE, "russia", 0.3182},
    {"full-russian-stop-winter-national", "IT", SHARE, "caspian", 0.1637},
    {"full-russian-stop-winter-national", "EU", UNSERVED, NULL, 519.9683},
    {"full-russian-stop-winter-national", "SEE", UNSERVED, NULL, 201.3211},
    {"full-russian-stop-winter-national", "BG", UNSERVED, NULL, 160.6186},
    {"full-russian-stop-winter-typical-storage", "EU", SHARE, "russia", 0.1348},
    {"full-russian-stop-winter-typical-storage", "SEE", SHARE, "russia", 0.3284},
    {"full-russian-stop-winter-typical-storage", "EU", UNSERVED, NULL, 214.9771},
    {"full-russian-stop-winter-typical-storage", "SEE", UNSERVED, NULL, 140.9338},
    {"full-russian-stop-winter-typical-storage", "EU", MIN_FILL, NULL, 0.6645},
    {"ganja-gap-outage", "EU", SHARE, "russia", 0.3936},
    {"ganja-gap-outage", "SEE", SHARE, "russia", 0.6036},
    {"ganja-gap-outage", "GR", SHARE, "caspian", 0.1193},
    {"ganja-gap-outage", "EU", UNSERVED, NULL, 0.0000},
    {"ganja-gap-outage-russia-cut", "EU", SHARE, "russia", 0.3547},
    {"ganja-gap-outage-russia-cut", "SEE", SHARE, "russia", 0.5616},
    {"ganja-gap-outage-russia-cut", "GR", SHARE, "caspian", 0.1187},
    {"ganja-gap-outage-russia-cut", "EU", UNSERVED, NULL, 834.2993},
    {"ganja-gap-outage-russia-cut", "SEE", UNSERVED, NULL, 750.8298},
    {"russia-cut-2022", "EU", SHARE, "russia", 0.2926},
    {"russia-cut-2022", "SEE", SHARE, "russia", 0.5698},
    {"russia-cut-2022", "IT", SHARE, "caspian", 0.1326},
    {"russia-cut-2022", "EU", UNSERVED, NULL, 0.0000},
    {"russia-cut-2022", "DE", MIN_FILL, NULL, 0.3781},
    {"russia-cut-2022-lng-market", "EU", SHARE, "russia", 0.2961},
    {"russia-cut-2022-lng-market", "EU", SHARE, "lng", 0.2363},
    {"russia-cut-2022-lng-market", "EU", UNSERVED, NULL, 0.0000},
    {"russia-cut-2022-lng-market", "DE", MIN_FILL, NULL, 0.3435},
    {"southern-corridor-expansion", "EU", SHARE, "russia", 0.4066},
    {"southern-corridor-expansion", "SEE", SHARE, "russia", 0.6529},
    {"southern-corridor-expansion", "IT", SHARE, "caspian", 0.2228},
    {"southern-corridor-expansion", "GR", SHARE, "caspian", 0.1565},
    {"southern-corridor-expansion", "EU", UNSERVED, NULL, 0.0000},
    {"southern-corridor-expansion-russia-stop", "EU", SHARE, "russia", 0.1264},
    {"southern-corridor-expansion-russia-stop", "SEE", SHARE, "russia", 0.3344},
    {"southern-corridor-expansion-russia-stop", "IT", SHARE, "caspian", 0.2810},
    {"southern-corridor-expansion-russia-stop", "EU", UNSERVED, NULL, 313.6935},
    {"southern-corridor-expansion-russia-stop", "SEE", UNSERVED, NULL, 249.1758},
    {"ukraine-transit-end-2025", "EU", SHARE, "russia", 0.0726},
    {"ukraine-transit-end-2025", "SEE", SHARE, "russia", 0.3847},
    {"ukraine-transit-end-2025", "HU", SHARE, "russia", 0.5169},
    {"ukraine-transit-end-2025", "IT", SHARE, "caspian", 0.0975},
    {"ukraine-transit-end-2025", "EU", UNSERVED, NULL, 0.0000},
};

static double reg_actual(gasdep_model *m, const reg *e)
{
    int a = th_area(m, e->area);
    gasdep_area_summary sm;
    cr_assert_eq(gasdep_area_summary_get(m, a, &sm), GASDEP_OK);
    if (e->what == UNSERVED)
        return sm.unserved_mcm;
    if (e->what == MIN_FILL)
        return sm.min_storage_fill;
    double mean, mn, mx;
    cr_assert_eq(gasdep_area_group_share_stats(m, a, th_group(m, e->group),
                                               &mean, &mn, &mx), GASDEP_OK);
    return mean;
}

static void regression(const char *name)
{
    run *r = run_scen(name);
    int n = 0, rec = getenv("GASDEP_RECORD") != NULL;
    static const char *const mname[] = {"SHARE", "UNSERVED", "MIN_FILL"};
    for (size_t i = 0; i < sizeof regs / sizeof *regs; i++) {
        const reg *e = &regs[i];
        if (strcmp(e->scen, name) != 0)
            continue;
        n++;
        double v = reg_actual(r->m, e);
        if (rec) {
            printf("    {\"%s\", \"%s\", %s, %s%s%s, %.4f},\n", e->scen, e->area,
                   mname[e->what], e->group ? "\"" : "",
                   e->group ? e->group : "NULL", e->group ? "\"" : "", v);
            continue;
        }
        double tol = e->what == UNSERVED ? 0.02 * fabs(e->value) + 1.0 : 0.01;
        cr_expect_leq(fabs(v - e->value), tol, "%s %s %s %s: %.4f, recorded %.4f",
                      name, e->area, mname[e->what], e->group ? e->group : "", v,
                      e->value);
    }
    cr_assert_geq(n, 3, "%s: fewer than 3 regression figures", name);
    run_free(r);
}

#define REGRESSION(id, file)                                                   \
    Test(scenarios, regression_##id, .timeout = 120) { regression(file); }

REGRESSION(default, "default")
REGRESSION(baseline_2021, "baseline-2021")
REGRESSION(cold_winter_2021, "cold-winter-2021")
REGRESSION(full_russian_stop_winter, "full-russian-stop-winter")
REGRESSION(full_russian_stop_winter_national, "full-russian-stop-winter-national")
REGRESSION(full_russian_stop_winter_typical_storage,
           "full-russian-stop-winter-typical-storage")
REGRESSION(southern_corridor_expansion, "southern-corridor-expansion")
REGRESSION(southern_corridor_expansion_russia_stop,
           "southern-corridor-expansion-russia-stop")
REGRESSION(ganja_gap_outage, "ganja-gap-outage")
REGRESSION(ganja_gap_outage_russia_cut, "ganja-gap-outage-russia-cut")
REGRESSION(russia_cut_2022, "russia-cut-2022")
REGRESSION(russia_cut_2022_lng_market, "russia-cut-2022-lng-market")
REGRESSION(ukraine_transit_end_2025, "ukraine-transit-end-2025")

/* ---- 3. sanity relations from the inputs ---------------------------------- */

/* default: Russian cut on 2022-01-15 with a 3-day ramp. */
Test(scenarios, sanity_default, .timeout = 120)
{
    run *r = run_scen("default");
    int cut = di(r, "2022-01-15"), full = di(r, "2022-01-18");
    /* the mini network is sized for a normal winter: nobody short before */
    cr_expect_leq(unserved(r, NULL, 0, cut), 1e-6);
    /* once the ramp is down no gas leaves the Russian node */
    cr_expect_leq(max_flow(r, "TurkStream", full, r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "RU-IT", full, r->nd), 1e-9);
    /* Russian share of EU gas after the cut (storage gas only) below before */
    cr_expect_lt(share(r, "EU", "russia", full, r->nd),
                 share(r, "EU", "russia", 0, cut));
    run_free(r);
}

/* baseline-2021: no disruption; calibration targets from published data. */
Test(scenarios, sanity_baseline_2021, .timeout = 120)
{
    run *r = run_scen("baseline-2021");
    cr_expect_leq(unserved(r, NULL, 0, r->nd), 1e-6, "2021 system short");
    double eu = share(r, "EU", "russia", 0, r->nd);
    /* IEA: ~40 % of EU consumption; SEE and BG far more dependent */
    cr_expect(eu > 0.30 && eu < 0.50, "EU Russian share %g", eu);
    cr_expect_gt(share(r, "SEE", "russia", 0, r->nd), eu);
    cr_expect_geq(share(r, "BG", "russia", 0, r->nd), 0.75);
    run_free(r);
}

/* cold-winter-2021: demand x1.3 on 10-23 Jan 2022 (2-day ramps), else the
 * baseline: compare day by day with baseline-2021 over the same horizon. */
Test(scenarios, sanity_cold_winter_2021, .timeout = 120)
{
    run *r = run_scen("cold-winter-2021");
    run *b = run_scen_to("baseline-2021", "2022-01-31");
    cr_assert_eq(r->first, b->first);
    cr_assert_eq(r->nd, b->nd);
    int s0 = di(r, "2022-01-10"), s1 = di(r, "2022-01-24");
    expect_same_demand(r, b, 0, s0 - 2, "before the spell and its ramp");
    cr_expect_leq(unserved(r, NULL, 0, r->nd), 1e-6, "short in the cold spell");
    int eu = aidx(r, "EU"), tr = aidx(r, "TR");
    for (int d = 0; d < r->nd; d++) {
        double f = AD(r, dem, d, eu) / AD(b, dem, d, eu);
        if (d >= s0 + 2 && d < s1 - 2) /* full factor inside the ramps */
            cr_expect_lt(fabs(f - 1.3), 1e-6, "EU demand day %d x%g, not x1.3", d, f);
        cr_expect(f >= 1 - 1e-9 && f <= 1.3 + 1e-6, "EU demand day %d x%g", d, f);
        cr_expect_lt(relerr(AD(r, dem, d, tr), AD(b, dem, d, tr)), 1e-9,
                     "TR is outside the spell (day %d)", d);
    }
    /* more demand from the same storage: the EU draws at least as deep */
    gasdep_area_summary sr, sb;
    cr_assert_eq(gasdep_area_summary_get(r->m, eu, &sr), GASDEP_OK);
    cr_assert_eq(gasdep_area_summary_get(b->m, eu, &sb), GASDEP_OK);
    cr_expect_leq(sr.min_storage_fill, sb.min_storage_fill + 1e-9);
    run_free(b);
    run_free(r);
}

/* Initial Russian gas in store (mcm): storage volume x initial fill x the
 * russia + russia-lng part of initial_mix (networks/europe.ini). */
static double russian_gas_in_store(run *r)
{
    static const struct { const char *s; double ru; } mix[] = {
        {"DE-UGS", 0.55}, {"DE-Rehden", 1.0}, {"AT-Haidach-GSA", 1.0},
        {"IT-UGS", 0.40}, {"FR-UGS", 0.27}, {"NL-UGS", 0.25},
        {"AT-UGS", 0.80}, {"HU-UGS", 0.90}, {"CZ-UGS", 0.85}, {"SK-UGS", 0.90},
        {"PL-UGS", 0.60}, {"ES-UGS", 0.10}, {"RO-UGS", 0.15},
        {"LV-Incukalns", 1.0}, {"DK-UGS", 0.30}, {"BE-Loenhout", 0.30},
        {"BG-Chiren", 0.80}, {"HR-Okoli", 0.45}, {"PT-Carrico", 0},
        {"SE-Skallen", 0.30}, {"GB-UGS", 0}, {"RS-BanatskiDvor", 1.0},
        {"UA-UGS", 0.30},
    };
    double tot = 0;
    for (size_t i = 0; i < sizeof mix / sizeof *mix; i++) {
        char p[128];
        double vol, fill;
        snprintf(p, sizeof p, "storage.%s.volume", mix[i].s);
        cr_assert_eq(gasdep_get(r->m, p, &vol), GASDEP_OK, "%s", p);
        snprintf(p, sizeof p, "storage.%s.initial_fill", mix[i].s);
        cr_assert_eq(gasdep_get(r->m, p, &fill), GASDEP_OK, "%s", p);
        tot += vol * fill * mix[i].ru;
    }
    return tot;
}

/* Stop of all Russian supply from the first day: no flow out of the Russian
 * export nodes, and all Russian gas supplied (cumulated over all regions)
 * comes out of the Russian gas in store on day one. */
static void expect_stop_from_day_one(run *r)
{
    expect_no_russian_exports(r, 0, r->nd);
    double ru = 0;
    int g = gidx(r, "russia");
    for (int a = 0; a < r->na; a++)
        if (!gasdep_area_is_group(r->m, a))
            for (int d = 0; d < r->nd; d++)
                ru += GV(r, d, a, g);
    double store = russian_gas_in_store(r);
    cr_expect_leq(ru, store + 1e-6, "%s: %g mcm Russian gas supplied, %g in store",
                  r->name, ru, store);
    cr_expect_gt(ru, 0, "storage gas keeps its Russian origin");
}

Test(scenarios, sanity_full_russian_stop_winter, .timeout = 120)
{
    run *r = run_scen("full-russian-stop-winter");
    expect_stop_from_day_one(r);
    /* the 2014 stress test: Europe cannot cover the loss from 1 Sep */
    cr_expect_gt(unserved(r, "EU", 0, r->nd), 0);
    run_free(r);
}

/* national-first changes only the curtailment rule: same demand every day,
 * same stop, and every region's unserved still within its demand. */
Test(scenarios, sanity_full_russian_stop_winter_national, .timeout = 120)
{
    run *r = run_scen("full-russian-stop-winter-national");
    run *c = run_scen("full-russian-stop-winter");
    expect_same_demand(r, c, 0, r->nd, "curtailment rule only");
    expect_stop_from_day_one(r);
    cr_expect_gt(unserved(r, "EU", 0, r->nd), 0);
    run_free(c);
    run_free(r);
}

/* Working gas volume (mcm) of a storage. */
static double vol(run *r, const char *sto)
{
    char p[128];
    double v;
    snprintf(p, sizeof p, "storage.%s.volume", sto);
    cr_assert_eq(gasdep_get(r->m, p, &v), GASDEP_OK, "%s", p);
    return v;
}

/* The stress test from a typical pre-2021 September fill (83.5 % in every EU
 * storage, every other input as full-russian-stop-winter): same demand and
 * stop; the EU starts with more gas in store, so the total shortfall is not
 * larger. */
Test(scenarios, sanity_full_russian_stop_winter_typical_storage, .timeout = 120)
{
    run *r = run_scen("full-russian-stop-winter-typical-storage");
    run *c = run_scen("full-russian-stop-winter");
    cr_assert_eq(r->nd, c->nd);
    expect_same_demand(r, c, 0, r->nd, "initial storage only");
    expect_stop_from_day_one(r);
    static const char *const eu_sto[] = {
        "DE-UGS", "DE-Rehden", "IT-UGS", "FR-UGS", "NL-UGS", "AT-UGS",
        "AT-Haidach-GSA", "HU-UGS", "CZ-UGS", "SK-UGS", "PL-UGS", "ES-UGS",
        "RO-UGS", "LV-Incukalns", "DK-UGS", "BE-Loenhout", "BG-Chiren",
        "HR-Okoli", "PT-Carrico", "SE-Skallen",
    };
    double vr = 0, vc = 0;
    for (size_t i = 0; i < sizeof eu_sto / sizeof *eu_sto; i++) {
        char p[128];
        double fr, fc;
        snprintf(p, sizeof p, "storage.%s.initial_fill", eu_sto[i]);
        cr_assert_eq(gasdep_get(r->m, p, &fr), GASDEP_OK, "%s", p);
        cr_assert_eq(gasdep_get(c->m, p, &fc), GASDEP_OK, "%s", p);
        cr_expect(fabs(fr - 0.835) < 1e-9, "%s: %g, not the 2016-20 mean", p, fr);
        vr += fr * vol(r, eu_sto[i]);
        vc += fc * vol(c, eu_sto[i]);
    }
    /* more EU gas in store on day one (uniform 83.5 % vs the 2021 pattern,
     * whose EU mean is 67.8 %), although FR, PL, PT start lower */
    cr_expect_gt(vr, vc);
    int eu = aidx(r, "EU");
    cr_expect_gt(AD(r, sto, 0, eu), AD(c, sto, 0, eu));
    cr_expect_leq(unserved(r, NULL, 0, r->nd), unserved(c, NULL, 0, c->nd) + 1e-6);
    run_free(c);
    run_free(r);
}

/* Expansion on the baseline: more Caspian capacity and gas, same demand:
 * Caspian share of IT and EU not below the baseline's; Trans-Caspian
 * (disabled in the baseline) is used. Not GR: the wider TAP carries the
 * extra gas to Italy, and Greece's mix of Caspian and Russian gas, equal in
 * cost at its border, is not monotone in the corridor's size (water values,
 * issue 18: GR Caspian 30.7 % in the baseline, 27.3 % expanded, IT 9.1 % ->
 * 24.1 %, EU 2.2 % -> 4.9 %). */
Test(scenarios, sanity_southern_corridor_expansion, .timeout = 120)
{
    run *r = run_scen("southern-corridor-expansion");
    run *b = run_scen("baseline-2021");
    cr_assert_eq(r->nd, b->nd);
    expect_same_demand(r, b, 0, r->nd, "capacity change only");
    const char *areas[] = {"IT", "EU"};
    for (int i = 0; i < 2; i++)
        cr_expect_geq(share(r, areas[i], "caspian", 0, r->nd),
                      share(b, areas[i], "caspian", 0, b->nd) - 1e-6,
                      "Caspian share of %s fell", areas[i]);
    cr_expect_gt(max_flow(r, "TransCaspian", 0, r->nd), 1.0);
    cr_expect_leq(unserved(r, NULL, 0, r->nd), 1e-6);
    run_free(b);
    run_free(r);
}

/* Expansion in the stress test: more supply capacity, same demand and
 * stop: total unserved not above the stress test's (within 1 % + 1 mcm: the
 * days are solved one window at a time with storage valued by a monthly plan,
 * which is not monotone in capacity to the last mcm; after the issue-18 input
 * corrections the expanded run lost 1.0 mcm more in PL of ~365 mcm), Caspian
 * share of IT not below it. */
Test(scenarios, sanity_southern_corridor_expansion_russia_stop, .timeout = 120)
{
    run *r = run_scen("southern-corridor-expansion-russia-stop");
    run *b = run_scen("full-russian-stop-winter");
    expect_same_demand(r, b, 0, r->nd, "capacity change only");
    expect_stop_from_day_one(r);
    cr_expect_leq(unserved(r, NULL, 0, r->nd), 1.01 * unserved(b, NULL, 0, b->nd) + 1.0);
    cr_expect_geq(share(r, "IT", "caspian", 0, r->nd),
                  share(b, "IT", "caspian", 0, b->nd) - 1e-6);
    run_free(b);
    run_free(r);
}

/* Ganja Gap cut from 2022-01-01: no flow through SCP-GanjaGap; Greece then
 * gets Caspian gas only as storage gas arriving from Bulgaria or back over
 * TAP, so its Caspian volume is bounded by those inflows. */
static void expect_ganja_cut(run *r, int d0, int d1)
{
    int p = pidx(r, "SCP-GanjaGap");
    int gr = aidx(r, "GR"), g = gidx(r, "caspian");
    int bg = pidx(r, "BG-GR"), tap = pidx(r, "TAP-GR-exit");
    for (int d = d0; d < d1; d++) {
        cr_expect_leq(fabs(FL(r, d, p)), 1e-9, "%s day %d: Ganja Gap flow", r->name, d);
        double in = fmax(0, FL(r, d, bg)) + fmax(0, FL(r, d, tap));
        cr_expect_leq(GV(r, d, gr, g), in + 1e-9,
                      "%s day %d: GR Caspian %g mcm > storage-route inflow %g",
                      r->name, d, GV(r, d, gr, g), in);
    }
}

Test(scenarios, sanity_ganja_gap_outage, .timeout = 120)
{
    run *r = run_scen("ganja-gap-outage");
    int cut = di(r, "2022-01-01");
    expect_ganja_cut(r, cut, r->nd);
    cr_expect_gt(max_flow(r, "SCP-GanjaGap", 0, cut), 1.0, "SCP used before");
    cr_expect_lt(share(r, "GR", "caspian", cut, r->nd),
                 share(r, "GR", "caspian", 0, cut));
    cr_expect_leq(unserved(r, NULL, 0, r->nd), 1e-6, "covered with Russia normal");
    run_free(r);
}

/* Same cut plus a Russian stop on the same days: compared with the cut
 * alone (same demand), less supply: unserved not lower, EU Russian share
 * in the outage lower. */
Test(scenarios, sanity_ganja_gap_outage_russia_cut, .timeout = 120)
{
    run *r = run_scen("ganja-gap-outage-russia-cut");
    run *b = run_scen("ganja-gap-outage");
    int cut = di(r, "2022-01-01");
    expect_same_demand(r, b, 0, r->nd, "supply change only");
    expect_ganja_cut(r, cut, r->nd);
    expect_no_russian_exports(r, cut, r->nd);
    cr_expect_geq(unserved(r, NULL, cut, r->nd), unserved(b, NULL, cut, b->nd) - 1e-6);
    cr_expect_lt(share(r, "EU", "russia", cut, r->nd),
                 share(b, "EU", "russia", cut, b->nd));
    /* identical inputs before the cut */
    cr_expect_lt(fabs(share(r, "EU", "russia", 0, cut)
                      - share(b, "EU", "russia", 0, cut)), 1e-9);
    run_free(b);
    run_free(r);
}

/* LNG as a market (issue 10): an origin never sends more than its curve's
 * total (Russian LNG 48, Qatar 80 mcm/d), and Qatar's steep tranche (+60
 * EUR/MWh over slot costs of 21-22.5) is used only on days when some EU
 * region's price is at least 60 + 21. */
Test(scenarios, sanity_russia_cut_2022_lng_market, .timeout = 120)
{
    gasdep_model *m = gasdep_create();
    cr_assert_eq(gasdep_load(m, "scenarios/russia-cut-2022-lng-market.ini"), GASDEP_OK);
    cr_assert_eq(gasdep_set(m, "scenario.end", "2022-11-30"), GASDEP_OK);
    cr_assert_eq(gasdep_init(m), GASDEP_OK, "%s", gasdep_errmsg(m));
    int qa = gasdep_find(m, GASDEP_ORIGIN, "lng-qatar");
    int ru = gasdep_find(m, GASDEP_ORIGIN, "russia-lng");
    cr_assert(qa >= 0 && ru >= 0);
    while (gasdep_step(m) == GASDEP_OK) {
        double vq = 0, vr = 0, pmax = -1;
        for (int i = 0; i < gasdep_supply_count(m); i++) {
            gasdep_supply_day s;
            gasdep_supply_result(m, i, &s);
            if (s.kind == GASDEP_LNG && s.origin == qa)
                vq += s.volume_mcm;
            if (s.kind == GASDEP_LNG && s.origin == ru)
                vr += s.volume_mcm;
        }
        for (int a = 0; a < gasdep_count(m, GASDEP_AREA); a++) {
            gasdep_area_day r;
            gasdep_area_result(m, a, &r);
            if (!gasdep_area_is_group(m, a) && strcmp(gasdep_name(m, GASDEP_AREA, a), "TR") &&
                strcmp(gasdep_name(m, GASDEP_AREA, a), "UA") && r.price_eur_mwh > pmax)
                pmax = r.price_eur_mwh;
        }
        char date[11];
        gasdep_date_format(gasdep_day(m), date);
        cr_expect_leq(vq, 80 + 1e-6, "%s: Qatari LNG %g", date, vq);
        cr_expect_leq(vr, 48 + 1e-6, "%s: Russian LNG %g", date, vr);
        if (vq > 50 + 1e-6) {
            cr_expect_geq(pmax, 81 - 1e-3, "%s: Qatar's steep tranche at price %g", date,
                          pmax);
        }
    }
    gasdep_destroy(m);
}

/* 2022 sequence: each route carries nothing (or the announced cap) from its
 * event date on; the EU Russian share in autumn 2022 is below winter 21/22. */
Test(scenarios, sanity_russia_cut_2022, .timeout = 120)
{
    run *r = run_scen("russia-cut-2022");
    cr_expect_leq(max_flow(r, "BY-LT", di(r, "2022-04-02"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "UA-Sokhranivka", di(r, "2022-05-11"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "UA-Sudzha", di(r, "2022-05-11"), r->nd), 42 + 1e-6);
    cr_expect_leq(max_flow(r, "Yamal-RU-BY", di(r, "2022-05-12"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "RU-FI", di(r, "2022-05-21"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "NordStream1", di(r, "2022-06-16"), di(r, "2022-07-11")),
                  67 + 1e-6);
    cr_expect_leq(max_flow(r, "NordStream1", di(r, "2022-07-27"), di(r, "2022-08-31")),
                  33 + 1e-6);
    cr_expect_leq(max_flow(r, "NordStream1", di(r, "2022-08-31"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "RU-LV", di(r, "2022-07-30"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "RU-EE", di(r, "2022-07-30"), r->nd), 1e-9);
    double before = share(r, "EU", "russia", 0, di(r, "2022-04-01"));
    double after = share(r, "EU", "russia", di(r, "2022-09-01"), r->nd);
    cr_expect_lt(after, before, "EU Russian share %g after, %g before", after, before);
    run_free(r);
}

/* Audit of issue 10, relations that follow from the event inputs of
 * russia-cut-2022: winter 2021/22 (Mallnow halts and reverse, low Ukrainian
 * transit), the Belarus/Yamal route closed after May 2022, and Bulgargaz's
 * cut not cutting the transit to Greece and North Macedonia. */
Test(scenarios, sanity_russia_cut_2022_routes, .timeout = 120)
{
    run *r = run_scen("russia-cut-2022");
    /* no westward flow into Germany at Mallnow on the halt/reverse days */
    static const char *const halts[][2] = {
        {"2021-10-30", "2021-11-04"}, {"2021-11-06", "2021-11-09"},
        {"2021-12-21", "2022-02-25"}, {"2022-05-12", NULL},
    };
    for (size_t i = 0; i < sizeof halts / sizeof *halts; i++) {
        int d1 = halts[i][1] ? di(r, halts[i][1]) : r->nd;
        cr_expect_leq(max_flow(r, "Yamal-PL-DE", di(r, halts[i][0]), d1), 1e-9,
                      "Yamal-PL-DE westward from %s", halts[i][0]);
    }
    /* with Yamal and Belarus cut, no Russian gas crosses Yamal-BY-PL westward
     * (and nothing leaves Belarus for Poland or Lithuania) */
    int cut = di(r, "2022-05-12");
    cr_expect_leq(max_flow(r, "Yamal-BY-PL", cut, r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "BY-PL", di(r, "2022-04-27"), r->nd), 1e-9);
    cr_expect_leq(max_flow(r, "BY-LT", di(r, "2022-04-27"), r->nd), 1e-9);
    /* Ukrainian entries at the January 2022 rate, 36 + 18 mcm/d */
    int j0 = di(r, "2022-01-01"), j1 = di(r, "2022-02-24");
    cr_expect_leq(max_flow(r, "UA-Sudzha", j0, j1), 36 + 1e-6);
    cr_expect_leq(max_flow(r, "UA-Sokhranivka", j0, j1), 18 + 1e-6);
    /* Bulgargaz cut: no TurkStream gas into the Bulgarian grid, neither from
     * the Balkan Stream offtake nor from the transit route (no such arc) */
    int bg = di(r, "2022-04-27");
    cr_expect_leq(max_flow(r, "BalkanStream-BG-offtake", bg, r->nd), 1e-9);
    cr_expect_geq(min_flow(r, "BG-transit-grid", 0, r->nd), -1e-9);
    /* ... while the transit capacity to GR/MK stays at its network value */
    int p = pidx(r, "BalkanStream-BG-transit");
    double cap_in;
    cr_assert_eq(gasdep_get(r->m, "pipeline.BalkanStream-BG-transit.capacity",
                            &cap_in), GASDEP_OK);
    double f, cap;
    cr_assert_eq(gasdep_pipeline_result(r->m, p, &f, &cap), GASDEP_OK);
    cr_expect_lt(fabs(cap - cap_in), 1e-9, "transit capacity %g, network %g",
                 cap, cap_in);
    /* Serbian consumption is not on the Hungarian transit path: HU-RS
     * carries nothing towards Hungary (its reverse capacity is 0) */
    cr_expect_geq(min_flow(r, "HU-RS", 0, r->nd), -1e-9);
    run_free(r);
}

/* The EU's voluntary -15 %: russia-cut-2022 types no demand cut in (issue
 * 18: the fall comes from the network's price response), so it has none of
 * the old reduction events; ukraine-transit-end-2025 keeps the Council
 * Recommendation of 25 Mar 2024 as a policy event, 2024-04-01..2025-03-31
 * at 85 %. */
Test(scenarios, demand_reduction_is_typed_in_only_where_a_policy_runs)
{
    gasdep_model *a = gasdep_create(), *b = gasdep_create();
    cr_assert_eq(gasdep_load(a, "scenarios/russia-cut-2022.ini"), GASDEP_OK);
    cr_assert_eq(gasdep_load(b, "scenarios/ukraine-transit-end-2025.ini"), GASDEP_OK);
    double v;
    static const char *const old[] = {"event.eu-demand-reduction-2022.start",
                                      "event.eu-demand-reduction-2023.start",
                                      "event.eu-demand-reduction-2024.start"};
    for (int i = 0; i < 3; i++)
        cr_expect_neq(gasdep_get(a, old[i], &v), GASDEP_OK, "%s", old[i]);
    double s, e, f;
    cr_assert_eq(gasdep_get(b, "event.eu-demand-reduction-2024.start", &s), GASDEP_OK);
    cr_assert_eq(gasdep_get(b, "event.eu-demand-reduction-2024.end", &e), GASDEP_OK);
    cr_assert_eq(gasdep_get(b, "event.eu-demand-reduction-2024.factor", &f), GASDEP_OK);
    cr_expect_eq((int)s, th_day("2024-04-01"));
    cr_expect_eq((int)e, th_day("2025-03-31"));
    cr_expect_float_eq(f, 0.85, 1e-12);
    gasdep_destroy(a);
    gasdep_destroy(b);
}

/* Ukrainian transit ends 2025-01-01: Sudzha at most 42 mcm/d, then zero;
 * EU Russian share in January below October-December. */
Test(scenarios, sanity_ukraine_transit_end_2025, .timeout = 120)
{
    run *r = run_scen("ukraine-transit-end-2025");
    int end = di(r, "2025-01-01");
    cr_expect_leq(max_flow(r, "UA-Sudzha", 0, end), 42 + 1e-6);
    cr_expect_leq(max_flow(r, "UA-Sudzha", end, r->nd), 1e-9);
    cr_expect_lt(share(r, "EU", "russia", end, r->nd),
                 share(r, "EU", "russia", 0, end));
    /* gas in store at the start is untraced by construction; stored gas is
     * valued above flowing gas (Dispatch 2), so it shows once winter draws
     * on storage: in the run, not necessarily on day one */
    cr_expect_gt(share(r, "EU", "untraced", 0, r->nd), 0);
    run_free(r);
}
