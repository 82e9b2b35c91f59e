"""gasdep: European natural-gas supply security, day by day, from Python.

Binds the C library libgasdep.so (ctypes); all modelling happens there::

    import gasdep
    r = gasdep.run("scenarios/russia-cut-2022.ini",
                   set={"corridor.southern-gas-corridor.capacity_factor": "2"})
    r.balance, r.shares, r.group_shares, r.flows, r.summary   # DataFrames
    r.via_shares    # the share of each region's gas that passed each corridor
    r.cover, r.survival    # days of cover; days from each disruption to a shortfall

gasdep.Model steps a simulation day by day; gasdep.sweep,
gasdep.montecarlo, gasdep.dependence and gasdep.criticality run batches. Bad input raises gasdep.ScenarioError with
the "file:line: what is wrong" messages in .messages.
"""
from . import _lib
from ._batch import criticality, dependence, montecarlo, sweep
from ._errors import GasdepError, GasdepWarning, ScenarioError
from ._model import AREA_DAY_COLUMNS, Model
from ._tables import (Result, read_cover, read_dir, read_survival,
                      read_survival_distribution, read_table)

__all__ = ["run", "read_run", "read_cover", "read_survival",
           "read_survival_distribution", "Model", "Result", "sweep", "montecarlo",
           "dependence", "criticality", "map_figure",
           "GasdepError", "GasdepWarning", "ScenarioError", "AREA_DAY_COLUMNS",
           "library_path", "__version__"]

#: Version of the loaded C library (the package is released with it).
__version__ = _lib.text(_lib.lib.gasdep_version())
#: File name of the loaded C library.
library_path = _lib.lib._name


def run(scenario, set=None, outdir=None, progress=None):
    """Simulate a scenario file and return every output table as a pandas
    DataFrame (dates as datetimes): balance, shares, group_shares, flows,
    summary, manifest, via_shares and whatever other tables the engine
    writes.
    `set` maps parameter paths to values, as `gasdep run --set`. With
    `outdir` the CSV files are also kept there. `progress=True` shows days
    done and an ETA on stderr for runs longer than 2 s; a callable gets
    (days_done, days_total) after every day."""
    if scenario is None:
        raise TypeError("run() needs a scenario path (str, bytes or "
                        "os.PathLike), not None")
    with Model(scenario, set=set) as m:
        return m.run(outdir, progress=progress)


def read_run(directory):
    """The tables of an existing output directory (of `gasdep run`, a sweep
    or a Monte Carlo) as a Result."""
    return read_dir(directory)


def map_figure(source, metric="share_mean_russia", period=None, where=None,
               outdir=None, title=None):
    """Draw a map of Europe by country (plots/map.sh): a choropleth of the
    region column `metric` of a run directory (summary.csv, or the daily
    tables over `period`: "2023", "2023-01", "2022-10-01:2023-03-31") or
    of a CSV table with a region column (rows filtered by `where`), or with
    metric="flows" the pipeline flow map. Needs geopandas and matplotlib
    (Debian python3-geopandas). Returns the PNG and SVG paths."""
    from . import _maps
    return _maps.draw(source, metric, period, where, outdir, title)
