"""_model.py: Model, one simulation over the C stepping API."""
import ctypes
import os
import tempfile

import numpy as np
import pandas as pd

from . import _args, _lib
from ._errors import raise_for
from ._tables import read_dir

lib = _lib.lib

KINDS = {"origin": _lib.ORIGIN, "source": _lib.SOURCE, "node": _lib.NODE,
         "region": _lib.REGION, "pipeline": _lib.PIPELINE,
         "storage": _lib.STORAGE, "lng": _lib.LNG, "event": _lib.EVENT,
         "area": _lib.AREA, "origin_group": _lib.ORIGIN_GROUP,
         "corridor": _lib.CORRIDOR}

AREA_DAY_COLUMNS = [f[0] for f in _lib.AreaDay._fields_]
EPOCH = np.datetime64("1970-01-01", "D")


def to_timestamp(day):
    """Days since 1970-01-01 as a pandas Timestamp."""
    return pd.Timestamp(EPOCH + np.timedelta64(int(day), "D"))


def _kind(kind):
    if isinstance(kind, str):
        try:
            return KINDS[kind]
        except KeyError:
            raise ValueError("unknown kind %r (one of %s)"
                             % (kind, ", ".join(KINDS))) from None
    return int(kind)


class _StderrProgress:
    """progress=True: "gasdep run: D/N days (P%), ETA m:ss" on stderr once
    a run has taken `after` seconds, redrawn at most 5 times a second."""

    def __init__(self, after=2.0, stream=None):
        import sys
        import time
        self.clock = time.monotonic
        self.t0 = self.clock()
        self.after, self.last, self.drawn = after, 0.0, False
        self.stream = stream or sys.stderr

    def __call__(self, done, total):
        el = self.clock() - self.t0
        if done >= total:
            if self.drawn:
                self.stream.write("\r\033[K")
                self.stream.flush()
            return
        if el < self.after or (self.drawn and el - self.last < 0.2):
            return
        self.last, self.drawn = el, True
        eta = int(round(el * (total - done) / done)) if done else 0
        self.stream.write("\r\033[Kgasdep run: %d/%d days (%.0f%%), ETA %d:%02d"
                          % (done, total, 100.0 * done / total, eta // 60, eta % 60))
        self.stream.flush()


class Model:
    """One gasdep simulation, its own C handle: two Model objects share no
    state and can run side by side::

        m = gasdep.Model("scenarios/default.ini",
                         set={"pipeline.TAP-IT.capacity": "20 bcm/y"})
        m.init()
        while m.step():
            bal = m.balance()            # DataFrame, one row per region/group
        m.finish()
        m.summary()

    load/set come before init; the network description (names) and results
    after it. Failures raise gasdep.ScenarioError (bad input, with the
    file:line messages) or gasdep.GasdepError.
    """

    def __init__(self, scenario=None, set=None):
        self._h = lib.gasdep_create()
        if not self._h:
            raise MemoryError("gasdep_create")
        self._names = {}
        if scenario is not None:
            self.load(scenario)
        if set:
            self.set(set)

    # ---- lifetime ----
    def close(self):
        """Free the C model (also done when the object is collected)."""
        if getattr(self, "_h", None):
            lib.gasdep_destroy(self._h)
            self._h = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._h:
            raise ValueError("model is closed")
        return self._h

    def _check(self, rc):
        raise_for(rc, _lib.text(lib.gasdep_errmsg(self._h)))
        return rc

    # ---- loading ----
    def load(self, path):
        """Parse a scenario file (and the base files it names)."""
        self._check(lib.gasdep_load(self._handle(), _args.path(path, "scenario")))
        return self

    def load_string(self, text, name="<string>"):
        """Parse scenario text; `name` is used in messages, relative paths
        resolve against the current directory."""
        self._check(lib.gasdep_load_string(self._handle(), _args.text(name, "name"),
                                           _args.text(text, "text")))
        return self

    def set(self, path, value=None):
        """Override parameters: set("pipeline.TAP-IT.capacity", "20 bcm/y")
        or set({path: value, ...}); values are parsed as in a file."""
        items = path.items() if isinstance(path, dict) else [(path, value)]
        for p, v in items:
            self._check(lib.gasdep_set(self._handle(), _args.text(p, "set path"),
                                       _args.text(v, "set value", numbers_too=True)))
        return self

    def get(self, path):
        """A numeric parameter in canonical units (mcm/d, mcm, EUR/MWh,
        fractions; dates as days since 1970-01-01)."""
        v = ctypes.c_double()
        self._check(lib.gasdep_get(self._handle(), _args.text(path, "path"),
                                   ctypes.byref(v)))
        return v.value

    # ---- stepping ----
    def init(self):
        """Resolve, validate, build the daily LP; fixes the network."""
        self._check(lib.gasdep_init(self._handle()))
        self._names = {}
        return self

    def step(self):
        """Simulate one gas day: True, or False once the horizon is past."""
        return self._check(lib.gasdep_step(self._handle())) == _lib.OK

    def finish(self):
        """Close the run (summaries final); results stay readable."""
        self._check(lib.gasdep_finish(self._handle()))
        return self

    def restart(self):
        """Back to the state init left (inventories, summaries, plans,
        factors 1) without parsing or building again: the steps that
        follow repeat the first run, or run again after new factors
        (set_capacity_factor, set_demand_factor) for a what-if."""
        self._check(lib.gasdep_restart(self._handle()))
        return self

    def days(self):
        """Step to the end of the horizon, yielding each simulated day."""
        while self.step():
            yield self.day

    def run(self, outdir=None, progress=None):
        """init, every step, finish, and the output tables as a Result
        (written to `outdir`, or to a temporary directory read back).
        `progress`: a callable called after every day with (days_done,
        days_total), or True for a line of days done and ETA on stderr
        (after 2 s, as the CLI shows on a terminal)."""
        h = self._handle()
        if progress is True:
            progress = _StderrProgress()
        cb = None
        if progress is not None:
            cb = _lib.RUN_PROGRESS_FN(lambda ctx, done, total: progress(done, total))
        lib.gasdep_set_progress(self._handle(), ctypes.cast(cb, ctypes.c_void_p)
                                if cb else None, None)
        try:
            if outdir is not None:
                self._check(lib.gasdep_run(h, _args.path(outdir, "outdir")))
                return read_dir(outdir)
            with tempfile.TemporaryDirectory(prefix="gasdep-") as tmp:
                self._check(lib.gasdep_run(h, os.fsencode(tmp)))
                return read_dir(tmp, keep_directory=False)
        finally:
            lib.gasdep_set_progress(self._handle(), None, None)

    # ---- perturbations between steps ----
    def set_demand_factor(self, region, factor):
        """Multiply a region's demand by `factor` from the next step on."""
        self._check(lib.gasdep_set_demand_factor(
            self._handle(), self.index("region", region), float(factor)))

    def set_capacity_factor(self, kind, name, factor):
        """Multiply the capacity of a pipeline, source, storage or lng by
        `factor` (0..1) from the next step on; a "corridor" scales every
        member of the route (2 doubles it)."""
        k = _kind(kind)
        self._check(lib.gasdep_set_capacity_factor(
            self._handle(), k, self.index(k, name), float(factor)))

    # ---- the network ----
    def names(self, kind):
        """Element names of a kind ("region", "pipeline", "area", ...)."""
        k = _kind(kind)
        if k not in self._names:
            h = self._handle()
            n = lib.gasdep_count(h, k)
            self._names[k] = [_lib.text(lib.gasdep_name(h, k, i))
                              for i in range(max(n, 0))]
        return list(self._names[k])

    def index(self, kind, name):
        """Index of a named element (ints pass through)."""
        if isinstance(name, (int, np.integer)):
            return int(name)
        i = lib.gasdep_find(self._handle(), _kind(kind), _args.text(name, "name"))
        if i < 0:
            raise KeyError("no %s named %r" % (kind, name))
        return i

    areas = property(lambda self: self.names("area"),
                     doc="regions followed by region groups")
    regions = property(lambda self: self.names("region"))
    origins = property(lambda self: self.names("origin"))
    origin_groups = property(lambda self: self.names("origin_group"))
    pipelines = property(lambda self: self.names("pipeline"))
    corridors = property(lambda self: self.names("corridor"))

    def corridor_members(self, corridor, kind="pipeline"):
        """Names of the members of a corridor of a kind ("pipeline",
        "source" or "lng")."""
        k = _kind(kind)
        idx = ctypes.POINTER(ctypes.c_int)()
        n = lib.gasdep_corridor_members(self._handle(),
                                        self.index("corridor", corridor), k,
                                        ctypes.byref(idx))
        if n < 0:
            raise ValueError("bad corridor or kind")
        names = self.names(k)
        return [names[idx[i]] for i in range(n)]

    @property
    def scenario_name(self):
        return _lib.text(lib.gasdep_scenario_name(self._handle()))

    @property
    def content_sha256(self):
        """SHA-256 of every byte read (as in manifest.csv)."""
        return _lib.text(lib.gasdep_content_sha256(self._handle()))

    @property
    def foresight_used(self):
        """The foresight the run solves with, after init ("myopic" for a
        network without storage whatever the scenario asks; manifest.csv)."""
        return _lib.text(lib.gasdep_foresight_used(self._handle()))

    @property
    def solver_used(self):
        """The LP solver the run uses, after init ("glpk" or "clp")."""
        return _lib.text(lib.gasdep_solver_used(self._handle()))

    @property
    def horizon(self):
        """First and last simulated day (Timestamps), after init."""
        a, b = ctypes.c_int(), ctypes.c_int()
        self._check(lib.gasdep_horizon(self._handle(), ctypes.byref(a),
                                       ctypes.byref(b)))
        return to_timestamp(a.value), to_timestamp(b.value)

    @property
    def day(self):
        """The last simulated day as a Timestamp (None before the first)."""
        d = lib.gasdep_day(self._handle())
        return None if d < 0 else to_timestamp(d)

    # ---- results of the last simulated day ----
    def balance_array(self):
        """numpy array (areas x 8): the columns of AREA_DAY_COLUMNS."""
        h = self._handle()
        n = len(self.areas)
        out = np.empty((n, len(AREA_DAY_COLUMNS)))
        r = _lib.AreaDay()
        for a in range(n):
            self._check(lib.gasdep_area_result(h, a, ctypes.byref(r)))
            out[a] = [getattr(r, c) for c in AREA_DAY_COLUMNS]
        return out

    def balance(self):
        """The day's balance: DataFrame indexed by area (regions, groups)."""
        return pd.DataFrame(self.balance_array(), columns=AREA_DAY_COLUMNS,
                            index=pd.Index(self.areas, name="region"))

    def origin_mcm(self):
        """numpy array (areas x origins): mcm of each origin supplied."""
        h = self._handle()
        na, no = len(self.areas), len(self.origins)
        return np.array([[lib.gasdep_area_origin_mcm(h, a, o)
                          for o in range(no)] for a in range(na)]).reshape(na, no)

    def group_mcm(self):
        """numpy array (areas x origin groups): mcm of each group supplied."""
        h = self._handle()
        na, ng = len(self.areas), len(self.origin_groups)
        return np.array([[lib.gasdep_area_group_mcm(h, a, g)
                          for g in range(ng)] for a in range(na)]).reshape(na, ng)

    def via_mcm(self):
        """numpy array (areas x corridors): mcm of the day's supplied gas
        that passed each corridor (rows need not sum to the supply: a
        molecule may pass several corridors)."""
        h = self._handle()
        na, nc = len(self.areas), len(self.corridors)
        return np.array([[lib.gasdep_area_via_mcm(h, a, c)
                          for c in range(nc)] for a in range(na)]).reshape(na, nc)

    def via_shares(self):
        """The day's share of each area's supplied gas that passed each
        corridor: DataFrame areas x corridors (NaN where nothing came)."""
        mcm = self.via_mcm()
        total = self.balance_array()[:, AREA_DAY_COLUMNS.index("supplied_mcm")]
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total[:, None] > 1e-12, mcm / total[:, None], np.nan)
        return pd.DataFrame(share, columns=pd.Index(self.corridors, name="corridor"),
                            index=pd.Index(self.areas, name="region"))

    def cover(self):
        """The day's days of cover (cover.csv): DataFrame indexed by area with
        storage_mcm (gas its stores can still release), demand_mcm_d,
        gap_mcm_d (net storage withdrawal + unserved) and days_of_cover
        (storage / gap; NaN where there is no gap)."""
        h = self._handle()
        c = _lib.AreaCover()
        demand = self.balance_array()[:, AREA_DAY_COLUMNS.index("demand_mcm")]
        rows = []
        for a in range(len(self.areas)):
            self._check(lib.gasdep_area_cover_get(h, a, ctypes.byref(c)))
            rows.append((c.storage_mcm, demand[a], c.gap_mcm, c.days_of_cover))
        return pd.DataFrame(rows, columns=["storage_mcm", "demand_mcm_d",
                                           "gap_mcm_d", "days_of_cover"],
                            index=pd.Index(self.areas, name="region"))

    def survival(self):
        """Survival times so far (survival.csv): one row per area and
        disruption event (an event that lowers a supply), with event_start,
        first_short_date (NaT while none) and survival_days (days from the
        start to the first shortfall; <NA> while none)."""
        h = self._handle()
        rows = []
        start, first = ctypes.c_int(), ctypes.c_int()
        n = lib.gasdep_disruption_count(h)
        for a, area in enumerate(self.areas):
            for e in range(n):
                name = _lib.text(lib.gasdep_disruption(h, e, ctypes.byref(start)))
                days = lib.gasdep_area_survival(h, a, e, ctypes.byref(first))
                rows.append((area, name, to_timestamp(start.value),
                             to_timestamp(first.value) if days >= 0 else pd.NaT,
                             days if days >= 0 else pd.NA))
        df = pd.DataFrame(rows, columns=["region", "event", "event_start",
                                         "first_short_date", "survival_days"])
        df["survival_days"] = df["survival_days"].astype("Int64")
        return df

    def shares(self, groups=False):
        """The day's shares of supplied gas by origin (or origin group):
        DataFrame areas x origins, rows summing to 1 (NaN where an area
        received nothing)."""
        mcm = self.group_mcm() if groups else self.origin_mcm()
        total = mcm.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, mcm / total, np.nan)
        cols = self.origin_groups if groups else self.origins
        return pd.DataFrame(share, columns=pd.Index(cols, name="origin"),
                            index=pd.Index(self.areas, name="region"))

    def flows(self):
        """The day's pipeline flows: DataFrame indexed by pipeline with
        from, to, flow_mcm (positive from->to), capacity_mcm and
        capacity_value_eur_mwh (what one more MWh/d of capacity in that
        direction was worth: the LP dual, 0 where it does not bind)."""
        h = self._handle()
        nodes = self.names("node")
        rows = []
        f, c = ctypes.c_double(), ctypes.c_double()
        a, b = ctypes.c_int(), ctypes.c_int()
        for p in range(len(self.pipelines)):
            self._check(lib.gasdep_pipeline_ends(h, p, ctypes.byref(a),
                                                 ctypes.byref(b)))
            self._check(lib.gasdep_pipeline_result(h, p, ctypes.byref(f),
                                                   ctypes.byref(c)))
            rows.append((nodes[a.value], nodes[b.value], f.value, c.value,
                         lib.gasdep_pipeline_capacity_value(h, p)))
        return pd.DataFrame(rows, columns=["from", "to", "flow_mcm",
                                           "capacity_mcm",
                                           "capacity_value_eur_mwh"],
                            index=pd.Index(self.pipelines, name="pipeline"))

    def summary(self):
        """Run summary per area (valid after finish, partial during a run):
        totals, days short, lowest storage fill, peak price, N-1 and the
        volume-weighted mean share of each origin group and of the gas that
        passed each corridor (via_mean_CORRIDOR)."""
        h = self._handle()
        s = _lib.AreaSummary()
        cols = [f[0] for f in _lib.AreaSummary._fields_]
        groups = self.origin_groups
        rows = []
        mean, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        for a in range(len(self.areas)):
            self._check(lib.gasdep_area_summary_get(h, a, ctypes.byref(s)))
            row = [getattr(s, c) for c in cols]
            for g in range(len(groups)):
                self._check(lib.gasdep_area_group_share_stats(
                    h, a, g, ctypes.byref(mean), ctypes.byref(lo),
                    ctypes.byref(hi)))
                row.append(mean.value)
            for c in range(len(self.corridors)):
                self._check(lib.gasdep_area_via_share_stats(
                    h, a, c, ctypes.byref(mean), ctypes.byref(lo),
                    ctypes.byref(hi)))
                row.append(mean.value)
            rows.append(row)
        return pd.DataFrame(rows, columns=cols + ["share_mean_" + g for g in groups]
                            + ["via_mean_" + c for c in self.corridors],
                            index=pd.Index(self.areas, name="region"))
