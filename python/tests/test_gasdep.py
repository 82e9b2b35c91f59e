"""Tests of the Python package: hand-checked results through the binding,
errors, two models at once, tables discovered generically, sweeps and
Monte Carlo. Run by ctest (test_python) with GASDEP_LIBRARY pointing at the
build's libgasdep.so."""
import os
import re

import numpy as np
import pandas as pd
import pytest

import gasdep

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")

# Two origins mix at hub H and reach region R through one pipeline:
# a gives 6 mcm/d and b SB mcm/d of R's 10 mcm/d, so by proportional mixing
# R's gas is 6/(6+SB) a and SB/(6+SB) b; with SB = 4 that is 0.6/0.4 and
# nothing is short; with SB = 2, 0.75/0.25 and 2 mcm/d unserved.
MIX = """[scenario]
name = mix
start = 2022-01-01
end = 2022-01-03

[origin a]
[origin b]
[node H]

[region R]
demand = 10 mcm/d

[source sa]
node = H
origin = a
capacity = 6 mcm/d

[source sb]
node = H
origin = b
capacity = {sb} mcm/d

[pipeline HR]
from = H
to = R
capacity = 20 mcm/d
"""


@pytest.fixture
def mix(tmp_path):
    def write(sb=4, name="mix.ini"):
        p = tmp_path / name
        p.write_text(MIX.format(sb=sb))
        return str(p)
    return write


def test_run_mixing_60_40(mix):
    r = gasdep.run(mix())
    sh = r.shares[r.shares.region == "R"]
    assert len(sh) == 6  # 3 days x 2 origins
    for origin, want_share, want_mcm in (("a", 0.6, 6.0), ("b", 0.4, 4.0)):
        rows = sh[sh.origin == origin]
        np.testing.assert_allclose(rows.share, want_share, atol=1e-6)
        np.testing.assert_allclose(rows.volume_mcm, want_mcm, atol=1e-6)
    # dates are datetimes, one per simulated day
    assert pd.api.types.is_datetime64_any_dtype(r.balance.date)
    assert list(r.balance.date.unique()) == list(
        pd.date_range("2022-01-01", "2022-01-03"))
    bal = r.balance[r.balance.region == "R"]
    np.testing.assert_allclose(bal.unserved_mcm, 0.0, atol=1e-9)


def test_run_set_overrides_and_tables_found_generically(mix, tmp_path):
    out = tmp_path / "out"
    r = gasdep.run(mix(), set={"source.sb.capacity": "2 mcm/d"}, outdir=str(out))
    # every CSV file the engine wrote is a table, whatever their names
    written = sorted(f[:-4] for f in os.listdir(out) if f.endswith(".csv"))
    assert sorted(r.keys()) == written
    for t in ("balance", "shares", "group_shares", "flows", "summary", "manifest"):
        assert t in r
    bal = r.balance[r.balance.region == "R"]
    np.testing.assert_allclose(bal.unserved_mcm, 2.0, atol=1e-6)
    sh = r.shares[(r.shares.region == "R") & (r.shares.origin == "a")]
    np.testing.assert_allclose(sh.share, 0.75, atol=1e-6)
    s = r.summary.set_index("region")
    assert s.loc["R", "unserved_mcm"] == pytest.approx(6.0, abs=1e-6)
    assert s.loc["R", "days_short"] == 3
    m = dict(zip(r.manifest.key, r.manifest.value))
    assert m["override"] == "source.sb.capacity=2 mcm/d"
    # a table added to the directory later is found too
    (out / "extra.csv").write_text("date,x_mcm\n2022-01-01,1.5\n")
    again = gasdep.read_run(str(out))
    assert again.extra.x_mcm[0] == 1.5
    assert again.extra.date[0] == pd.Timestamp("2022-01-01")


def test_model_steps_day_by_day(mix):
    with gasdep.Model(mix()) as m:
        m.init()
        assert m.day is None
        assert m.horizon == (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-01-03"))
        days = []
        while m.step():
            days.append(m.day)
            sh = m.shares()
            assert sh.loc["R", "a"] == pytest.approx(0.6, abs=1e-6)
            assert sh.loc["R", "b"] == pytest.approx(0.4, abs=1e-6)
            mcm = m.origin_mcm()
            assert mcm.shape == (len(m.areas), len(m.origins))
            assert m.balance().loc["R", "demand_mcm"] == pytest.approx(10.0)
            assert m.flows().loc["HR", "flow_mcm"] == pytest.approx(10.0, abs=1e-6)
        assert days == list(pd.date_range("2022-01-01", "2022-01-03"))
        m.finish()
        assert m.summary().loc["R", "demand_mcm"] == pytest.approx(30.0)


def test_restart_repeats_the_run(mix):
    # the mix network: R takes 6 mcm/d of a and 4 of b every day (shares 0.6
    # and 0.4, 30 mcm over three days); after restart the same three days
    # come again and the summary starts from zero
    with gasdep.Model(mix()) as m:
        m.init()
        while m.step():
            pass
        m.finish()
        assert m.summary().loc["R", "demand_mcm"] == pytest.approx(30.0)
        m.restart()
        assert m.day is None
        days = []
        while m.step():
            days.append(m.day)
            assert m.shares().loc["R", "a"] == pytest.approx(0.6, abs=1e-6)
        m.finish()
        assert days == list(pd.date_range("2022-01-01", "2022-01-03"))
        assert m.summary().loc["R", "demand_mcm"] == pytest.approx(30.0)


def test_restart_before_init_is_a_state_error(mix):
    with gasdep.Model(mix()) as m:
        with pytest.raises(gasdep.GasdepError):
            m.restart()


def test_foresight_and_solver_used(mix):
    # the mix network has no storage: rolling is solved day by day
    with gasdep.Model(mix(), set={"scenario.foresight": "rolling"}) as m:
        assert m.foresight_used == ""
        m.init()
        assert m.foresight_used == "myopic"
        assert m.solver_used == "glpk"


def test_perturbation_between_steps(mix):
    # halving sb's capacity from day 2 on: 2 mcm/d short on days 2 and 3
    m = gasdep.Model(mix())
    m.init()
    m.step()
    m.set_capacity_factor("source", "sb", 0.5)
    m.step()
    assert m.balance().loc["R", "unserved_mcm"] == pytest.approx(2.0, abs=1e-6)
    assert m.shares().loc["R", "a"] == pytest.approx(0.75, abs=1e-6)
    m.close()


def test_two_models_at_once(mix):
    a = gasdep.Model(mix(4, "a.ini"))
    b = gasdep.Model(mix(2, "b.ini"))
    a.init()
    b.init()
    while True:
        sa, sb = a.step(), b.step()
        assert sa == sb
        if not sa:
            break
        assert a.shares().loc["R", "a"] == pytest.approx(0.6, abs=1e-6)
        assert b.shares().loc["R", "a"] == pytest.approx(0.75, abs=1e-6)
        assert a.balance().loc["R", "unserved_mcm"] == pytest.approx(0, abs=1e-6)
        assert b.balance().loc["R", "unserved_mcm"] == pytest.approx(2, abs=1e-6)
    a.close()
    b.close()


def test_scenario_error_has_file_line_messages(tmp_path):
    p = tmp_path / "bad.ini"
    # line 10 has a flow without a unit (found on load); once fixed, line 8
    # names an unknown node (found on init)
    p.write_text("[scenario]\nstart = 2022-01-01\nend = 2022-01-02\n"
                 "[origin a]\n[region R]\ndemand = 1 mcm/d\n"
                 "[source s]\nnode = NOWHERE\norigin = a\ncapacity = 5\n")
    with pytest.raises(gasdep.ScenarioError) as e:
        gasdep.run(str(p))
    msgs = e.value.messages
    assert e.value.status == 2
    assert any(re.match(re.escape(str(p)) + r":10: .*unit", s) for s in msgs), msgs
    p.write_text(p.read_text().replace("capacity = 5", "capacity = 5 mcm/d"))
    m = gasdep.Model(str(p))
    with pytest.raises(gasdep.ScenarioError) as e:
        m.init()
    assert e.value.messages == [
        "%s:8: source 's': unknown node 'NOWHERE' in 'node'" % p]
    m.close()
    # a file that cannot be read is an input/output error, named
    with pytest.raises(gasdep.GasdepError) as e:
        gasdep.Model(str(p).replace("bad", "missing"))
    assert e.value.status == 3 and "missing.ini" in str(e.value)


def test_unknown_parameter_and_out_of_sequence(mix):
    m = gasdep.Model(mix())
    with pytest.raises(gasdep.ScenarioError):
        m.set("pipeline.NOPE.capacity", "1 mcm/d")
    with pytest.raises(gasdep.GasdepError) as e:
        m.step()  # before init
    assert e.value.status == 5
    m.close()
    with pytest.raises(ValueError):
        m.step()


def test_sweep(mix):
    r = gasdep.sweep(mix(), vary={"source.sb.capacity": "2mcm/d,4mcm/d"}, threads=1)
    s = r.sweep[r.sweep.region == "R"].set_index("run")
    # sb = 2: 2 mcm/d short on 3 days; sb = 4: nothing short
    assert s.loc[1, "unserved_mcm"] == pytest.approx(6.0, abs=1e-6)
    assert s.loc[2, "unserved_mcm"] == pytest.approx(0.0, abs=1e-6)
    assert list(s.days_short) == [3, 0]
    assert r.report["runs"] == 2 and r.report["failed"] == 0
    with pytest.raises(gasdep.ScenarioError):
        gasdep.sweep(mix(), vary={"source.sb.capacity": "2,4"})  # no unit


def test_montecarlo(mix):
    # nothing stochastic in the scenario: every run is 2 mcm/d short, and
    # the caller is told (as the CLI's warning), not left with 3 copies
    with pytest.warns(gasdep.GasdepWarning, match="no random element"):
        r = gasdep.montecarlo(mix(2), runs=3, seed=7, threads=1)
    p = r.probabilities.set_index("region")
    assert p.loc["R", "p_shortfall"] == 1
    assert p.loc["R", "expected_unserved_mcm"] == pytest.approx(6.0, abs=1e-6)
    assert len(r.runs[r.runs.region == "R"]) == 3
    assert pd.api.types.is_datetime64_any_dtype(r.bands.date)


def test_dependence_by_origin(mix):
    # a 6 + b 4 = demand 10 mcm/d over 3 days: without a, 6 mcm/d short (18);
    # without b, 4 (12); R cannot do without all of either: 18/18, 12/12
    r = gasdep.dependence(mix(), by="origin", threads=2)
    d = r.dependence[r.dependence.region == "R"].set_index("source")
    assert d.loc["a", "unserved_mcm"] == pytest.approx(18.0, abs=1e-6)
    assert d.loc["b", "unserved_mcm"] == pytest.approx(12.0, abs=1e-6)
    assert d.loc["b", "base_supply_mcm"] == pytest.approx(12.0, abs=1e-6)
    assert d.loc["a", "cannot_do_without"] == pytest.approx(1.0)
    assert list(d.days_short) == [3, 3]
    with pytest.raises(gasdep.ScenarioError):
        gasdep.dependence(mix(), by="corridor")


def test_criticality_over_a_period(mix):
    # HR removed on Jan 2..3: 10 mcm/d short for 2 days; sa: 6 x 2
    r = gasdep.criticality(mix(), kinds=["pipeline", "source"],
                           start="2022-01-02", days=2, threads=1)
    c = r.criticality[r.criticality.region == "R"]
    assert list(c.element) == ["HR", "sa", "sb"]
    assert list(c["rank"]) == [1, 2, 3]
    assert list(c.added_unserved_mcm) == pytest.approx([20.0, 12.0, 8.0])


def test_capacity_value_in_flows(mix):
    # HR (20 mcm/d) is not full: its capacity is worth nothing
    with gasdep.Model(mix()) as m:
        m.init()
        m.step()
        assert m.flows().loc["HR", "capacity_value_eur_mwh"] == 0
    r = gasdep.run(mix())
    assert "capacity_value_eur_mwh" in r.flows.columns


def test_montecarlo_with_random_outages_does_not_warn(mix, tmp_path):
    import warnings
    sc = open(mix(2)).read().replace("[pipeline HR]", "[pipeline HR]\noutage_rate = 20\noutage_days = 2")
    p = tmp_path / "stoch.ini"
    p.write_text(sc)
    with warnings.catch_warnings():
        warnings.simplefilter("error", gasdep.GasdepWarning)
        gasdep.montecarlo(str(p), runs=2, seed=7, threads=1)


def test_run_reports_progress_every_day(mix):
    seen = []
    gasdep.run(mix(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]  # mix: 2022-01-01 .. 2022-01-03


def test_progress_true_draws_days_and_eta_then_erases():
    import io
    out = io.StringIO()
    p = gasdep._model._StderrProgress(after=0.0, stream=out)
    p(1, 4)
    p(4, 4)
    text = out.getvalue()
    assert "gasdep run: 1/4 days (25%), ETA" in text and text.endswith("\r\033[K")
    quiet = io.StringIO()
    p = gasdep._model._StderrProgress(after=60.0, stream=quiet)  # a short run
    p(1, 4)
    p(4, 4)
    assert quiet.getvalue() == ""


def test_version_is_the_cmake_project_version():
    text = open(os.path.join(ROOT, "CMakeLists.txt")).read()
    want = re.search(r"project\(gasdep VERSION ([0-9.]+)", text).group(1)
    assert gasdep.__version__ == want


# A corridor on the only pipeline: all of R's gas passed it. A second
# corridor names only source sb: 4 of R's 10 (0.4).
CORRIDORS = """
[corridor line]
pipelines = HR

[corridor from-b]
sources = sb
"""


def test_corridors_via_shares(mix, tmp_path):
    p = tmp_path / "corr.ini"
    p.write_text(open(mix()).read() + CORRIDORS)
    r = gasdep.run(str(p))
    v = r.via_shares[r.via_shares.region == "R"]
    assert list(v.columns) == ["date", "region", "corridor", "volume_mcm", "share"]
    assert v[v.corridor == "line"].share.tolist() == pytest.approx([1.0] * 3)
    assert v[v.corridor == "from-b"].volume_mcm.tolist() == pytest.approx([4.0] * 3)
    row = r.summary[r.summary.region == "R"].iloc[0]
    assert row["via_mean_from-b"] == pytest.approx(0.4)
    m = gasdep.Model(str(p))
    m.init()
    assert m.corridors == ["line", "from-b"]
    assert m.corridor_members("line") == ["HR"]
    assert m.corridor_members("from-b", "source") == ["sb"]
    m.step()
    assert m.via_shares().loc["R", "from-b"] == pytest.approx(0.4)
    # closing the corridor 'line' (the only way in) leaves R 10 short
    m.set_capacity_factor("corridor", "line", 0.0)
    m.step()
    assert m.balance().loc["R", "unserved_mcm"] == pytest.approx(10.0, abs=1e-6)
    m.finish()
    assert m.summary().loc["R", "via_mean_line"] == pytest.approx(1.0)
    m.close()


# Region R: demand 100, own supply 100 cut to 50 from 2022-01-03, 300 mcm in
# store: the store falls by 50 a day (250 at the end of the cut's first day:
# 5 days of cover, then 4, 3, 2, 1, 0) and R is first short on 2022-01-09,
# 6 days after the cut's start (300 / 50). Q (own supply 20, demand 10 raised
# to 11 by a demand event, which is no disruption) is never short.
HAND = """[scenario]
name = hand
start = 2022-01-01
end = 2022-01-12
storage_valuation = flat
[origin o]
[region R]
demand = 100 mcm/d
[region Q]
demand = 10 mcm/d
[source s]
node = R
origin = o
capacity = 100 mcm/d
[source sq]
node = Q
origin = o
capacity = 20 mcm/d
[storage S]
node = R
volume = 300 mcm
injection = 100 mcm/d
withdrawal = 100 mcm/d
initial_fill = 100%
initial_mix = o:1
[event cut]
target = source.s
start = 2022-01-03
factor = 50%
{window}
[event cold]
target = region.Q
start = 2022-01-02
factor = 110%
"""


def test_cover_and_survival_by_hand(tmp_path):
    path = tmp_path / "hand.ini"
    path.write_text(HAND.format(window=""))
    r = gasdep.run(str(path), outdir=str(tmp_path / "out"))
    cover = gasdep.read_cover(str(tmp_path / "out"))
    assert r.cover.equals(cover)
    rc = cover[cover.region == "R"].set_index("date")
    assert rc.loc["2022-01-03", "storage_mcm"] == pytest.approx(250)
    assert rc.loc["2022-01-03", "gap_mcm_d"] == pytest.approx(50)
    assert list(rc["days_of_cover"].iloc[2:8]) == pytest.approx([5, 4, 3, 2, 1, 0])
    assert np.isnan(rc.loc["2022-01-01", "days_of_cover"])
    sv = gasdep.read_survival(str(tmp_path / "out")).set_index("region")
    assert sv.loc["R", "event"] == "cut"
    assert sv.loc["R", "survival_days"] == 6
    assert sv.loc["R", "first_short_date"] == pd.Timestamp("2022-01-09")
    assert sv.loc["R", "observed_days"] == 10
    assert pd.isna(sv.loc["Q", "survival_days"])
    assert pd.isna(sv.loc["Q", "first_short_date"])
    with gasdep.Model(str(path)) as m:
        m.init()
        for _ in range(3):
            m.step()
        assert m.cover().loc["R", "days_of_cover"] == pytest.approx(5)
        assert np.isnan(m.cover().loc["Q", "days_of_cover"])
        while m.step():
            pass
        s = m.survival().set_index("region")
        assert s.loc["R", "survival_days"] == 6
        assert pd.isna(s.loc["Q", "survival_days"])


def test_montecarlo_survival_distribution(tmp_path):
    path = tmp_path / "mc.ini"
    path.write_text(HAND.format(window="start_window = 4").replace(
        "end = 2022-01-12", "end = 2022-01-20"))
    out = tmp_path / "mc"
    gasdep.montecarlo(str(path), runs=6, outdir=str(out))
    d = gasdep.read_survival_distribution(str(out)).set_index("region")
    # whenever the cut starts, R survives 300 / 50 = 6 days; Q is never short
    for q in ("p5_days", "p50_days", "p95_days", "min_days", "max_days"):
        assert d.loc["R", q] == pytest.approx(6)
        assert np.isnan(d.loc["Q", q])
    assert d.loc["R", "p_no_shortfall"] == 0
    assert d.loc["Q", "p_no_shortfall"] == 1
