"""_batch.py: sweeps, Monte Carlo, dependence and criticality through the C
batch API."""
import ctypes
import datetime
import os
import tempfile

from . import _args, _lib
from ._errors import raise_for, warn_lines
from ._tables import read_dir

lib = _lib.lib


def _items(mapping, what):
    """The (path, value) pairs of a dict (None: none)."""
    if mapping is None:
        return []
    if not isinstance(mapping, dict):
        raise TypeError("%s must be a dict of path: value, not %s"
                        % (what, type(mapping).__name__))
    return list(mapping.items())


class _Batch:
    def __init__(self, kind):
        self._h = lib.gasdep_batch_create(kind)
        if not self._h:
            raise MemoryError("gasdep_batch_create")

    def close(self):
        if getattr(self, "_h", None):
            lib.gasdep_batch_destroy(self._h)
            self._h = None

    def __del__(self):
        self.close()

    def check(self, rc):
        raise_for(rc, _lib.text(lib.gasdep_batch_errmsg(self._h)))

    def scenario(self, path):
        p = _args.path(path, "scenario")
        if lib.gasdep_batch_is_sweep_file(p) == 1:
            self.check(lib.gasdep_batch_load_file(self._h, p))
        else:
            self.check(lib.gasdep_batch_set_scenario(self._h, p))

    def set(self, overrides):
        for path, value in _items(overrides, "set"):
            self.assign(lib.gasdep_batch_set, path, value, "set")

    def assign(self, fn, path, value, what):
        self.check(fn(self._h, _args.text(path, what + " path") + b"=" +
                      _args.text(value, what + " value", numbers_too=True)))

    def run(self, threads, outdir, keep_series):
        threads = _args.threads(threads)
        keep_series = _args.flag(keep_series, "keep_series")
        out = None if outdir is None else _args.path(outdir, "outdir")
        self.check(lib.gasdep_batch_prepare(self._h))
        # e.g. "Monte Carlo with no random element: all N runs are identical"
        warn_lines(_lib.text(lib.gasdep_batch_warnings(self._h)), stacklevel=4)

        def go(directory):
            opts = _lib.BatchOptions(threads=threads,
                                     outdir=os.fsencode(directory),
                                     keep_series=keep_series)
            rep = _lib.BatchReport()
            self.check(lib.gasdep_batch_run(self._h, ctypes.byref(opts),
                                            ctypes.byref(rep)))
            return rep

        if out is not None:
            rep = go(out)
            res = read_dir(outdir)
        else:
            with tempfile.TemporaryDirectory(prefix="gasdep-batch-") as tmp:
                rep = go(tmp)
                res = read_dir(tmp, keep_directory=False)
        res.report = {name: (_lib.text(getattr(rep, name))
                             if isinstance(getattr(rep, name), bytes)
                             else getattr(rep, name))
                      for name, _ in _lib.BatchReport._fields_}
        return res


def sweep(scenario, vary=None, set=None, design=None, samples=None, seed=None,
          threads=0, outdir=None, keep_series=False):
    """Run a parameter sweep and return its tables (Result.sweep, and
    Result.series with keep_series). `scenario` is a scenario or a sweep
    file; `vary` maps parameter paths to specs ("10:30:5bcm/y",
    "cooperative,least-cost", "2022-01-01:2022-03-01:14") or is a list of
    "PATH=SPEC" strings. Runs that fail are rows marked failed; see
    Result.report["failed"]."""
    if vary is not None and not isinstance(vary, (dict, list, tuple)):
        raise TypeError("vary must be a dict or a list of 'PATH=SPEC', not %s"
                        % type(vary).__name__)
    if isinstance(vary, dict):
        specs = list(vary.items())
    else:
        specs = []
        for s in vary or []:
            if not isinstance(s, str) or "=" not in s:
                raise ValueError("vary: expected 'PATH=SPEC', not %r" % (s,))
            specs.append(tuple(s.split("=", 1)))
    if design is not None:
        design = _args.text(design, "design")
    if samples is not None:
        samples = _args.batch_int(samples, _args.RUNS, "samples")
    if seed is not None:
        seed = _args.batch_int(seed, _args.SEED, "seed")
    b = _Batch(_lib.SWEEP)
    try:
        b.scenario(scenario)
        b.set(set)
        for path, spec in specs:
            b.assign(lib.gasdep_batch_vary, path, spec, "vary")
        if design is not None:
            b.check(lib.gasdep_batch_set_design(b._h, design))
        if samples is not None:
            b.check(lib.gasdep_batch_set_samples(b._h, samples))
        if seed is not None:
            b.check(lib.gasdep_batch_set_seed(b._h, seed))
        return b.run(threads, outdir, keep_series)
    finally:
        b.close()


def montecarlo(scenario, runs, seed=None, set=None, threads=0, outdir=None,
               keep_series=False):
    """Run a Monte Carlo of `runs` draws and return its tables
    (Result.runs, .bands, .probabilities, .survival_distribution, and
    .series with keep_series).
    `scenario` is a scenario or a sweep file with stochastic keys
    (scenarios/sweeps/default-stochastic.ini); a scenario with no random
    element gives identical runs and a gasdep.GasdepWarning saying so.
    runs, seed and threads have the CLI's bounds (-n, --seed, -j; threads
    0 means the available cores): outside them ValueError, not an int
    TypeError, before anything runs."""
    runs = _args.batch_int(runs, _args.RUNS, "runs")
    if seed is not None:
        seed = _args.batch_int(seed, _args.SEED, "seed")
    b = _Batch(_lib.MONTECARLO)
    try:
        b.scenario(scenario)
        b.set(set)
        b.check(lib.gasdep_batch_set_samples(b._h, runs))
        if seed is not None:
            b.check(lib.gasdep_batch_set_seed(b._h, seed))
        return b.run(threads, outdir, keep_series)
    finally:
        b.close()


def _removal(kind, scenario, remove, start, days, set, threads, outdir):
    b = _Batch(kind)
    try:
        b.scenario(scenario)
        b.set(set)
        if remove is not None:
            if not isinstance(remove, str):
                remove = ",".join(remove)
            b.check(lib.gasdep_batch_remove(b._h, remove.encode()))
        if start is not None:
            first = (datetime.date.fromisoformat(str(start)[:10])
                     - datetime.date(1970, 1, 1)).days
            b.check(lib.gasdep_batch_set_period(b._h, first, int(days or 0)))
        elif days is not None:
            raise ValueError("days needs start")
        return b.run(threads, outdir, False)
    finally:
        b.close()


def dependence(scenario, by="group", start=None, days=None, set=None,
               threads=0, outdir=None):
    """Supply-source dependence by simulation (gasdep dependence): the
    scenario as it is, then once with each origin group (by="group"),
    origin ("origin") or corridor removed, from `start` for `days` days
    (default the whole horizon). Returns Result.dependence (source x region:
    unserved mcm/GWh/share, days short, first shortfall, cannot_do_without)
    and Result.runs."""
    return _removal(_lib.DEPENDENCE, scenario, by, start, days, set, threads,
                    outdir)


def criticality(scenario, kinds="pipeline,lng,storage,source", start=None,
                days=None, set=None, threads=0, outdir=None):
    """N-1 by simulation (gasdep criticality): each element of `kinds` (a
    comma list or a list of pipeline, lng, storage, source, corridor)
    removed in turn from `start` for `days` days. Returns
    Result.criticality (region x element, ranked by the unserved gas the
    removal adds) and Result.runs."""
    return _removal(_lib.CRITICALITY, scenario, kinds, start, days, set,
                    threads, outdir)
