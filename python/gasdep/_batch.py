"""_batch.py: sweeps and Monte Carlo through the C batch API."""
import ctypes
import tempfile

from . import _lib
from ._errors import raise_for, warn_lines
from ._tables import read_dir

lib = _lib.lib


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
        p = _lib.enc(path)
        if lib.gasdep_batch_is_sweep_file(p) == 1:
            self.check(lib.gasdep_batch_load_file(self._h, p))
        else:
            self.check(lib.gasdep_batch_set_scenario(self._h, p))

    def set(self, overrides):
        for path, value in (overrides or {}).items():
            self.check(lib.gasdep_batch_set(self._h,
                                            ("%s=%s" % (path, value)).encode()))

    def run(self, threads, outdir, keep_series):
        self.check(lib.gasdep_batch_prepare(self._h))
        # e.g. "Monte Carlo with no random element: all N runs are identical"
        warn_lines(_lib.text(lib.gasdep_batch_warnings(self._h)), stacklevel=4)

        def go(directory):
            opts = _lib.BatchOptions(threads=int(threads),
                                     outdir=_lib.enc(directory),
                                     keep_series=int(bool(keep_series)))
            rep = _lib.BatchReport()
            self.check(lib.gasdep_batch_run(self._h, ctypes.byref(opts),
                                            ctypes.byref(rep)))
            return rep

        if outdir is not None:
            rep = go(outdir)
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
    b = _Batch(_lib.SWEEP)
    try:
        b.scenario(scenario)
        b.set(set)
        specs = vary.items() if isinstance(vary, dict) else \
            [tuple(s.split("=", 1)) for s in (vary or [])]
        for path, spec in specs:
            b.check(lib.gasdep_batch_vary(b._h, ("%s=%s" % (path, spec)).encode()))
        if design is not None:
            b.check(lib.gasdep_batch_set_design(b._h, design.encode()))
        if samples is not None:
            b.check(lib.gasdep_batch_set_samples(b._h, int(samples)))
        if seed is not None:
            b.check(lib.gasdep_batch_set_seed(b._h, int(seed)))
        return b.run(threads, outdir, keep_series)
    finally:
        b.close()


def montecarlo(scenario, runs, seed=None, set=None, threads=0, outdir=None,
               keep_series=False):
    """Run a Monte Carlo of `runs` draws and return its tables
    (Result.runs, .bands, .probabilities, and .series with keep_series).
    `scenario` is a scenario or a sweep file with stochastic keys
    (scenarios/sweeps/default-stochastic.ini); a scenario with no random
    element gives identical runs and a gasdep.GasdepWarning saying so."""
    b = _Batch(_lib.MONTECARLO)
    try:
        b.scenario(scenario)
        b.set(set)
        b.check(lib.gasdep_batch_set_samples(b._h, int(runs)))
        if seed is not None:
            b.check(lib.gasdep_batch_set_seed(b._h, int(seed)))
        return b.run(threads, outdir, keep_series)
    finally:
        b.close()
