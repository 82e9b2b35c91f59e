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


def read_table(path):
    """One gasdep CSV file. Only an empty field is missing (a region or
    origin called "NA" stays a name); a `date` column becomes datetimes."""
    df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    if "date" in df.columns:
        df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
    return df


def read_dir(directory, keep_directory=True):
    """Every *.csv file of a gasdep output directory (whatever tables the
    engine wrote), as a Result."""
    tables = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.csv"))):
        name = os.path.splitext(os.path.basename(path))[0]
        tables[name] = read_table(path)
    return Result(tables, directory if keep_directory else None)
