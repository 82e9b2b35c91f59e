"""The Python argument layer (gasdep/_args.py, issue 22): types and ranges
checked before C sees them, with the CLI's bounds and words; NUL bytes in
paths and texts refused. Regression tests of each failure the issue names,
property tests (hypothesis) of the layer, and the bounds checked against
include/gasdep/batch.h and the gasdep CLI themselves."""
import os
import re
import subprocess
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gasdep
from gasdep import _args

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
# no example database written into the source tree (ctest runs from there)
settings.register_profile("gasdep", database=None)
settings.load_profile("gasdep")

SCEN = """[scenario]
start = 2022-01-01
end = 2022-01-02
[origin a]
[node H]
[region R]
demand = 10 mcm/d
[source s]
node = H
origin = a
capacity = 6 mcm/d
[pipeline P]
from = H
to = R
capacity = 20 mcm/d
"""


def header_define(name):
    """A #define of include/gasdep/batch.h, read from the header's text (an
    independent source for the bounds the library reports)."""
    text = open(os.path.join(ROOT, "include", "gasdep", "batch.h")).read()
    return int(re.search(r"#define %s (\d+)L?\b" % name, text).group(1))


MAX_RUNS = header_define("GASDEP_BATCH_MAX_RUNS")
MAX_THREADS = header_define("GASDEP_BATCH_MAX_THREADS")
BOUNDS = {_args.RUNS: (1, MAX_RUNS), _args.SEED: (0, 2**64 - 1),
          _args.THREADS: (1, MAX_THREADS)}
WHAT = {_args.RUNS: "a whole number", _args.SEED: "a whole number",
        _args.THREADS: "a number of threads"}


def expected_message(which, name, value):
    """The message of batch.h: the value's text cut at 40 characters."""
    lo, hi = BOUNDS[which]
    return "%s needs %s from %d to %d, not '%s'" % (name, WHAT[which], lo, hi,
                                                    str(value)[:40])


@pytest.fixture
def scen(tmp_path):
    p = tmp_path / "s.ini"
    p.write_text(SCEN)
    return str(p)


def gasdep_temp_dirs():
    return {d for d in os.listdir(tempfile.gettempdir()) if d.startswith("gasdep-")}


# ---- each failure of the issue --------------------------------------------

def test_runs_beyond_2_64_is_refused_not_wrapped(scen):
    # ctypes used to wrap 2**64 + 2 into a c_long: 2 runs
    with pytest.raises(ValueError, match="runs needs a whole number from 1 to "):
        gasdep.montecarlo(scen, runs=2**64 + 2)


@pytest.mark.parametrize("seed", [-1, 2**64 + 1, 2**64])
def test_seed_out_of_range(scen, seed):
    with pytest.raises(ValueError) as e:
        gasdep.montecarlo(scen, runs=2, seed=seed)
    assert str(e.value) == expected_message(_args.SEED, "seed", seed)


def test_negative_threads(scen):
    with pytest.raises(ValueError) as e:
        gasdep.montecarlo(scen, runs=2, threads=-5)
    assert str(e.value) == expected_message(_args.THREADS, "threads", -5)
    with pytest.raises(ValueError):
        gasdep.sweep(scen, vary={"source.s.capacity": "5mcm/d,6mcm/d"},
                     threads=MAX_THREADS + 1)


def test_nul_byte_in_a_path_is_refused_not_cut(scen, tmp_path):
    # "s.ini\0x" used to be cut at the NUL and run s.ini
    for call in (lambda p: gasdep.run(p), lambda p: gasdep.Model(p),
                 lambda p: gasdep.montecarlo(p, runs=1)):
        with pytest.raises(ValueError, match="NUL byte"):
            call(scen + "\0.other")
    with pytest.raises(ValueError, match="NUL byte"):
        gasdep.run(scen, outdir=str(tmp_path / "out\0x"))
    with pytest.raises(ValueError, match="NUL byte"):
        gasdep.run(scen, set={"source.s.capacity\0": "5 mcm/d"})
    with pytest.raises(ValueError, match="NUL byte"):
        gasdep.run(scen, set={"source.s.capacity": "5 mcm/d\0junk"})


def test_run_none_is_a_type_error_before_any_temporary_directory():
    before = gasdep_temp_dirs()
    with pytest.raises(TypeError, match="scenario"):
        gasdep.run(None)
    assert gasdep_temp_dirs() == before
    with pytest.raises(TypeError):
        gasdep.Model(42)


def test_wrong_types(scen):
    with pytest.raises(TypeError, match="runs must be a whole number"):
        gasdep.montecarlo(scen, runs=2.0)
    with pytest.raises(TypeError):
        gasdep.montecarlo(scen, runs=True)
    with pytest.raises(TypeError):
        gasdep.montecarlo(scen, runs="3")
    with pytest.raises(TypeError):
        gasdep.montecarlo(scen, runs=2, seed=1.5)
    with pytest.raises(TypeError):
        gasdep.montecarlo(scen, runs=2, keep_series="yes")
    with pytest.raises(TypeError):
        gasdep.sweep(scen, vary=42)
    with pytest.raises(TypeError):
        gasdep.run(scen, set=["source.s.capacity=5mcm/d"])


def test_valid_arguments_still_run(scen):
    r = gasdep.montecarlo(scen, runs=2, seed=2**64 - 1, threads=1)
    assert r.report["runs"] == 2
    r = gasdep.montecarlo(scen, runs=1, threads=0)  # 0: the available cores
    assert r.report["runs"] == 1


# ---- one place for the bounds: the header, the library, the CLI ------------

def test_bounds_from_the_library_match_the_header():
    for which, want in BOUNDS.items():
        assert _args.bounds(which) == want


@pytest.mark.parametrize("option,which,name,value", [
    ("-n", _args.RUNS, "runs", 0),
    ("-n", _args.RUNS, "runs", 2**64 + 2),
    ("-n", _args.RUNS, "runs", MAX_RUNS + 1),
    ("--seed", _args.SEED, "seed", -1),
    ("--seed", _args.SEED, "seed", 2**64),
    ("-j", _args.THREADS, "threads", -5),
    ("-j", _args.THREADS, "threads", MAX_THREADS + 1),
])
def test_the_cli_says_the_same(scen, tmp_path, option, which, name, value):
    exe = os.environ.get("GASDEP_BIN")
    if not exe:
        pytest.skip("GASDEP_BIN not set (ctest sets it)")
    args = [exe, "montecarlo", scen, "-o", str(tmp_path / "mc")]
    if option != "-n":
        args += ["-n", "2"]
    p = subprocess.run(args + [option, str(value)], capture_output=True, text=True)
    assert p.returncode == 2
    cli = p.stderr.splitlines()[0]
    assert cli == "gasdep montecarlo: " + expected_message(which, option, value)
    with pytest.raises(ValueError) as e:
        _args.batch_int(value, which, name)
    # the same words after the argument's name
    assert str(e.value)[len(name):] == cli[len("gasdep montecarlo: ") + len(option):]
    assert not (tmp_path / "mc").exists()


# ---- properties -------------------------------------------------------------

WHICH = st.sampled_from([_args.RUNS, _args.SEED, _args.THREADS])


@settings(max_examples=400, deadline=None)
@given(WHICH, st.integers(min_value=-2**130, max_value=2**130))
def test_integers_pass_unchanged_or_raise_the_cli_message(which, value):
    lo, hi = BOUNDS[which]
    if lo <= value <= hi:
        assert _args.batch_int(value, which, "x") == value
    else:
        with pytest.raises(ValueError) as e:
            _args.batch_int(value, which, "x")
        assert str(e.value) == expected_message(which, "x", value)


NOT_INTS = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True),
                     st.text(max_size=8), st.binary(max_size=8),
                     st.lists(st.integers(), max_size=2), st.complex_numbers())


@settings(max_examples=200, deadline=None)
@given(WHICH, NOT_INTS)
def test_anything_but_an_int_is_a_type_error(which, value):
    with pytest.raises(TypeError):
        _args.batch_int(value, which, "x")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=20), st.binary(max_size=20)))
def test_paths_are_passed_whole_or_refused(p):
    raw = os.fsencode(p)
    if b"\0" in raw:
        with pytest.raises(ValueError, match="NUL byte"):
            _args.path(p, "scenario")
    elif not raw:
        with pytest.raises(ValueError):
            _args.path(p, "scenario")
    else:
        assert _args.path(p, "scenario") == raw


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text())))
def test_a_path_of_another_type_is_a_type_error(p):
    with pytest.raises(TypeError):
        _args.path(p, "scenario")


@settings(max_examples=60, deadline=None)
@given(runs=st.one_of(st.integers(max_value=0), st.integers(min_value=MAX_RUNS + 1)),
       seed=st.one_of(st.none(), st.integers()))
def test_montecarlo_refuses_before_running(tmp_path_factory, runs, seed):
    # a bad runs is refused before the scenario is even read: no file needed
    out = tmp_path_factory.mktemp("mc") / "out"
    with pytest.raises(ValueError):
        gasdep.montecarlo("/nonexistent.ini", runs=runs, seed=seed, outdir=str(out))
    assert not out.exists()
