"""gasdep: European natural-gas supply security, day by day, from Python.

Binds the C library libgasdep.so (ctypes); all modelling happens there::

    import gasdep
    r = gasdep.run("scenarios/russia-cut-2022.ini",
                   set={"pipeline.TAP-AL-IT.capacity": "20 bcm/y"})
    r.balance, r.shares, r.group_shares, r.flows, r.summary   # DataFrames

gasdep.Model steps a simulation day by day; gasdep.sweep and
gasdep.montecarlo run batches. Bad input raises gasdep.ScenarioError with
the "file:line: what is wrong" messages in .messages.
"""
from . import _lib
from ._batch import montecarlo, sweep
from ._errors import GasdepError, GasdepWarning, ScenarioError
from ._model import AREA_DAY_COLUMNS, Model
from ._tables import Result, read_dir, read_table

__all__ = ["run", "read_run", "Model", "Result", "sweep", "montecarlo",
           "GasdepError", "GasdepWarning", "ScenarioError", "AREA_DAY_COLUMNS",
           "library_path", "__version__"]

#: Version of the loaded C library (the package is released with it).
__version__ = _lib.text(_lib.lib.gasdep_version())
#: File name of the loaded C library.
library_path = _lib.lib._name


def run(scenario, set=None, outdir=None, progress=None):
    """Simulate a scenario file and return every output table as a pandas
    DataFrame (dates as datetimes): balance, shares, group_shares, flows,
    summary, manifest and whatever other tables the engine writes.
    `set` maps parameter paths to values, as `gasdep run --set`. With
    `outdir` the CSV files are also kept there. `progress=True` shows days
    done and an ETA on stderr for runs longer than 2 s; a callable gets
    (days_done, days_total) after every day."""
    with Model(scenario, set=set) as m:
        return m.run(outdir, progress=progress)


def read_run(directory):
    """The tables of an existing output directory (of `gasdep run`, a sweep
    or a Monte Carlo) as a Result."""
    return read_dir(directory)
