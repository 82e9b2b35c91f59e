/* scenario_keys.c: the table of scenario keys: section kind, key, value type,
 * field. Adding a parameter is one line here; --set and sweeps get it free. */
#include <stddef.h>

#include "scenario_keys.h"

#define O(type, field) offsetof(type, field)

const kind_def KINDS[] = {
    {"origin", SK_ORIGIN, sizeof(origin_el), 0},
    {"source", SK_SOURCE, sizeof(source_el), 0},
    {"node", SK_NODE, sizeof(node_el), 0},
    {"region", SK_NODE, sizeof(node_el), 1},
    {"pipeline", SK_PIPELINE, sizeof(pipeline_el), 0},
    {"storage", SK_STORAGE, sizeof(storage_el), 0},
    {"lng", SK_LNG, sizeof(lng_el), 0},
    {"event", SK_EVENT, sizeof(event_el), 0},
    {"corridor", SK_CORRIDOR, sizeof(corridor_el), 0},
    {"scenario", SK_SCENARIO, 0, 0},
    {"weather", SK_WEATHER, 0, 0},
    {NULL, 0, 0, 0},
};

#define OUTAGE_KEYS(kind, type)                                              \
    {kind, "outage_rate", T_PER_YEAR, O(type, out.rate_per_y), 0},           \
        {kind, "outage_days", T_DAYS_REAL, O(type, out.mean_days), 0},       \
        {kind, "outage_dist", T_DIST, O(type, out.dist), 0},                 \
        {kind, "outage_sigma", T_NUMBER, O(type, out.sigma), 0},             \
        {kind, "outage_depth", T_FRACTION01, O(type, out.depth), 0}

const key_def KEYS[] = {
    /* [scenario] and [weather]: fields of scenario_el */
    {SK_SCENARIO, "name", T_TEXT, O(scenario_el, name), 0},
    {SK_SCENARIO, "description", T_TEXT, O(scenario_el, description), 0},
    {SK_SCENARIO, "start", T_DATE, O(scenario_el, start), 0},
    {SK_SCENARIO, "end", T_DATE, O(scenario_el, end), 0},
    {SK_SCENARIO, "gcv", T_GCV, O(scenario_el, gcv), 0},
    {SK_SCENARIO, "voll", T_PRICE, O(scenario_el, voll), 0},
    {SK_SCENARIO, "target_penalty", T_PRICE, O(scenario_el, target_penalty), 0},
    {SK_SCENARIO, "min_take_penalty", T_PRICE, O(scenario_el, min_take_penalty), 0},
    {SK_SCENARIO, "curtailment", T_CURTAIL, O(scenario_el, curtailment), 0},
    {SK_SCENARIO, "foresight", T_FORESIGHT, O(scenario_el, foresight), 0},
    {SK_SCENARIO, "demand_profile", T_PROFILE, O(scenario_el, demand_profile), 0},
    {SK_SCENARIO, "storage_valuation", T_VALUATION, O(scenario_el, storage_valuation), 0},
    {SK_SCENARIO, "risk_cover", T_FRACTION, O(scenario_el, risk_cover), 0},
    {SK_SCENARIO, "long_run_elasticity", T_NUMBER, O(scenario_el, long_run_elasticity), 0},
    {SK_SCENARIO, "fixed_demand", T_BOOL, O(scenario_el, fixed_demand), 0},
    {SK_SCENARIO, "adaptation_years", T_NUMBER, O(scenario_el, adaptation_years), 0},
    {SK_SCENARIO, "reference_price", T_PRICE, O(scenario_el, reference_price), 0},
    {SK_SCENARIO, "resolve_every", T_DAYS_POS, O(scenario_el, resolve_every), 0},
    {SK_SCENARIO, "lookahead", T_DAYS_POS, O(scenario_el, lookahead), 0},
    {SK_SCENARIO, "lookahead_block", T_DAYS_POS, O(scenario_el, lookahead_block), 0},
    {SK_SCENARIO, "storage_value", T_PRICE, O(scenario_el, storage_value), 0},
    {SK_SCENARIO, "solver", T_SOLVER, O(scenario_el, solver), 0},
    {SK_WEATHER, "persistence", T_NUMBER, O(scenario_el, persistence), 0},
    {SK_WEATHER, "sigma", T_KELVIN, O(scenario_el, sigma_k), 0},

    {SK_ORIGIN, "group", T_REF, O(origin_el, group), 0},
    {SK_ORIGIN, "capacity", T_FLOW, O(origin_el, capacity), 0},
    {SK_ORIGIN, "lng_tranches", T_TRANCHES, O(origin_el, lng_tranches), 0},

    {SK_SOURCE, "node", T_REF, O(source_el, node), 0},
    {SK_SOURCE, "origin", T_REF, O(source_el, origin), 0},
    {SK_SOURCE, "capacity", T_FLOW, O(source_el, capacity), 0},
    {SK_SOURCE, "min_take", T_FLOW, O(source_el, min_take), 0},
    {SK_SOURCE, "cost", T_PRICE, O(source_el, cost), 0},
    {SK_SOURCE, "tranches", T_TRANCHES, O(source_el, tranches), 0},
    {SK_SOURCE, "online", T_DATE, O(source_el, online), 0},
    {SK_SOURCE, "offline", T_DATE, O(source_el, offline), 0},
    OUTAGE_KEYS(SK_SOURCE, source_el),

    {SK_NODE, "demand", T_FLOW, O(node_el, demand), KF_REGION},
    {SK_NODE, "shape", T_SHAPE, O(node_el, shape), KF_REGION},
    {SK_NODE, "series", T_PATH, O(node_el, series), KF_REGION},
    {SK_NODE, "groups", T_NAMES, O(node_el, groups), KF_REGION},
    {SK_NODE, "peak_demand", T_FLOW, O(node_el, peak), KF_REGION},
    {SK_NODE, "heating_sensitivity", T_FRACTION, O(node_el, heating), KF_REGION},
    {SK_NODE, "demand_response", T_BLOCKS, O(node_el, demand_response), KF_REGION},
    {SK_NODE, "weather_series", T_PATH, O(node_el, weather), KF_REGION},

    {SK_PIPELINE, "from", T_REF, O(pipeline_el, from), 0},
    {SK_PIPELINE, "to", T_REF, O(pipeline_el, to), 0},
    {SK_PIPELINE, "capacity", T_FLOW, O(pipeline_el, capacity), 0},
    {SK_PIPELINE, "reverse_capacity", T_FLOW, O(pipeline_el, reverse), 0},
    {SK_PIPELINE, "tariff", T_PRICE, O(pipeline_el, tariff), 0},
    {SK_PIPELINE, "loss", T_FRACTION01, O(pipeline_el, loss), 0},
    {SK_PIPELINE, "online", T_DATE, O(pipeline_el, online), 0},
    {SK_PIPELINE, "offline", T_DATE, O(pipeline_el, offline), 0},
    OUTAGE_KEYS(SK_PIPELINE, pipeline_el),

    {SK_STORAGE, "node", T_REF, O(storage_el, node), 0},
    {SK_STORAGE, "volume", T_VOLUME, O(storage_el, volume), 0},
    {SK_STORAGE, "injection", T_FLOW, O(storage_el, injection), 0},
    {SK_STORAGE, "withdrawal", T_FLOW, O(storage_el, withdrawal), 0},
    {SK_STORAGE, "withdrawal_curve", T_CURVE, O(storage_el, wcurve), 0},
    {SK_STORAGE, "injection_curve", T_CURVE, O(storage_el, icurve), 0},
    {SK_STORAGE, "initial_fill", T_FRACTION01, O(storage_el, initial_fill), 0},
    {SK_STORAGE, "initial_mix", T_MIX, O(storage_el, mix), 0},
    {SK_STORAGE, "targets", T_TARGETS, O(storage_el, targets), 0},
    {SK_STORAGE, "injection_cost", T_PRICE, O(storage_el, icost), 0},
    {SK_STORAGE, "withdrawal_cost", T_PRICE, O(storage_el, wcost), 0},
    {SK_STORAGE, "target_hard", T_BOOL, O(storage_el, target_hard), 0},
    {SK_STORAGE, "value", T_PRICE, O(storage_el, value), 0},
    OUTAGE_KEYS(SK_STORAGE, storage_el),

    {SK_LNG, "node", T_REF, O(lng_el, node), 0},
    {SK_LNG, "capacity", T_FLOW, O(lng_el, capacity), 0},
    {SK_LNG, "origins", T_NAMES, O(lng_el, origins), 0},
    {SK_LNG, "costs", T_PRICES, O(lng_el, costs), 0},
    {SK_LNG, "availability", T_FRACTIONS, O(lng_el, avail), 0},
    {SK_LNG, "min_take", T_FLOWS, O(lng_el, min_take), 0},
    {SK_LNG, "online", T_DATE, O(lng_el, online), 0},
    {SK_LNG, "offline", T_DATE, O(lng_el, offline), 0},
    OUTAGE_KEYS(SK_LNG, lng_el),

    {SK_EVENT, "target", T_REF, O(event_el, target), 0},
    {SK_EVENT, "start", T_DATE, O(event_el, start), 0},
    {SK_EVENT, "end", T_DATE, O(event_el, end), 0},
    {SK_EVENT, "ramp", T_DAYS, O(event_el, ramp), 0},
    {SK_EVENT, "factor", T_FACTOR, O(event_el, factor), 0},
    {SK_EVENT, "value", T_FLOW, O(event_el, value), 0},
    {SK_EVENT, "start_window", T_DAYS, O(event_el, start_window), 0},
    {SK_EVENT, "targets", T_TARGETS, O(event_el, targets), 0},
    {SK_EVENT, "hard", T_BOOL, O(event_el, hard), 0},

    {SK_CORRIDOR, "pipelines", T_NAMES, O(corridor_el, pipelines), 0},
    {SK_CORRIDOR, "sources", T_NAMES, O(corridor_el, sources), 0},
    {SK_CORRIDOR, "lng", T_NAMES, O(corridor_el, lng), 0},
    {SK_CORRIDOR, "capacity_factor", T_NUMBER, O(corridor_el, capacity_factor), 0},
    {0, NULL, 0, 0, 0},
};

/* Ranges that keep Monte Carlo draws finite and their loops short: at most
 * 1000 outages a year lasting up to 100 years, a log-duration sigma of 5;
 * the weather an AR(1) with |persistence| <= 1 and sigma up to 50 K. */
#define OUTAGE_RANGES(kind)                                                 \
    {kind, "outage_rate", 0, 1000, "must lie in 0..1000 per year"},         \
        {kind, "outage_days", 0, 36500, "must lie in 0..36500 days"},       \
        {kind, "outage_sigma", 0, 5, "must lie in 0..5"}

const key_range KEY_RANGES[] = {
    {SK_WEATHER, "persistence", -1, 1, "must lie in -1..1"},
    {SK_WEATHER, "sigma", 0, 50, "must lie in 0..50 K"},
    OUTAGE_RANGES(SK_SOURCE),
    OUTAGE_RANGES(SK_PIPELINE),
    OUTAGE_RANGES(SK_STORAGE),
    OUTAGE_RANGES(SK_LNG),
    /* a what-if on a route: 0 closes it, 2 doubles it (a bare number, as
     * the issue's `capacity_factor=1.5`: not a fraction) */
    {SK_CORRIDOR, "capacity_factor", 0, 10, "must lie in 0..10"},
    {0, NULL, 0, 0, NULL},
};
