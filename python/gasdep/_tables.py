"""_tables.py: CSV output directories as pandas DataFrames."""
import glob
import os

import pandas as pd


class Result:
    """The tables of one run, sweep or Monte Carlo directory, one DataFrame
    per CSV file, named after the file: r.balance, r.shares, r["flows"], ...
    `directory` is where they were read from (None for a temporary one)."""

    def __init__(self, tables, directory=None):
        self.tables = dict(tables)
        self.directory = directory

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError("no table %r (tables: %s)"
                             % (name, ", ".join(sorted(tables))))

    def __getitem__(self, name):
        return self.tables[name]

    def __contains__(self, name):
        return name in self.tables

    def keys(self):
        return self.tables.keys()

    def __dir__(self):
        return list(super().__dir__()) + list(self.tables)

    def __repr__(self):
        parts = ["%s %dx%d" % (k, v.shape[0], v.shape[1])
                 for k, v in sorted(self.tables.items())]
        return "<gasdep.Result %s>" % ", ".join(parts)


# date columns besides `date` (empty: NaT)
DATE_COLUMNS = ("event_start", "first_short_date")
# whole-day counts that may be empty (NA): nullable integers
DAY_COUNT_COLUMNS = ("survival_days", "observed_days")


def read_table(path):
    """One gasdep CSV file. Only an empty field is missing (a region or
    origin called "NA" stays a name); a `date` column (and survival.csv's
    event_start and first_short_date) becomes datetimes, survival.csv's day
    counts nullable integers."""
    df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for col in ("date",) + DATE_COLUMNS:
        if col in df.columns:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    for col in DAY_COUNT_COLUMNS:
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    return df


def _read_named(directory, name, what):
    path = os.path.join(directory, name)
    if not os.path.isfile(path):
        raise FileNotFoundError("%s: no %s (%s)" % (path, name, what))
    return read_table(path)


def read_cover(directory):
    """cover.csv of a run directory: date, region, storage_mcm,
    demand_mcm_d, gap_mcm_d, days_of_cover (NaN where there is no gap)."""
    return _read_named(directory, "cover.csv", "written by gasdep run")


def read_survival(directory):
    """survival.csv of a run directory: region, kind, event, event_start,
    first_short_date (NaT: none), survival_days and observed_days (nullable
    integers; an empty survival time is at least observed_days)."""
    return _read_named(directory, "survival.csv", "written by gasdep run")


def read_survival_distribution(directory):
    """survival_distribution.csv of a Monte Carlo directory: per region,
    runs, runs_short, p_no_shortfall and the P5..P95 survival times in days
    (NaN where the quantile falls among runs without a shortfall)."""
    return _read_named(directory, "survival_distribution.csv",
                       "written by gasdep montecarlo")


def read_dir(directory, keep_directory=True):
    """Every *.csv file of a gasdep output directory (whatever tables the
    engine wrote), as a Result."""
    tables = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.csv"))):
        name = os.path.splitext(os.path.basename(path))[0]
        tables[name] = read_table(path)
    return Result(tables, directory if keep_directory else None)
