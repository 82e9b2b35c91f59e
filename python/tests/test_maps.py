"""test_maps.py: the maps of plots/map.sh and gasdep.map_figure: every
region of the reference network has a country, each map renders as a PNG of
1000 x 800 pixels and a well-formed SVG, a choropleth colours a country by
its value, and the period figures are weighed as gasdep aggregate does."""
import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest

import gasdep
from gasdep import _maps

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def svg_ok(path):
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    return root


def test_every_region_of_the_networks_has_a_country_and_a_position():
    codes = set()
    for name in os.listdir(os.path.join(ROOT, "scenarios", "networks")):
        text = open(os.path.join(ROOT, "scenarios", "networks", name)).read()
        codes |= set(re.findall(r"^\[(?:region|node) ([A-Z]{2})\b", text, re.M))
    assert len(codes) > 40
    missing = sorted(c for c in codes if _maps.country_of(c) is None)
    assert missing == []
    pos = _maps.positions()
    assert sorted(c for c in codes if c not in pos) == []
    # Berlin's country lies east of Paris's, Malta (a capital) south of Sicily
    assert pos["DE"][0] > pos["FR"][0]
    assert pos["MT"][1] < 37


@pytest.fixture
def run_dir(tmp_path):
    d = tmp_path / "run"
    d.mkdir()
    (d / "summary.csv").write_text(
        "region,kind,share_mean_russia,unserved_share\n"
        "DE,region,0.5,0\nFR,region,0,0.1\nMT,region,1,0\nEU,group,0.3,0\n")
    (d / "group_shares.csv").write_text(
        "date,region,group,volume_mcm,share\n"
        "2023-01-01,DE,russia,1,0.1\n2023-01-01,DE,norway,9,0.9\n"
        "2023-01-02,DE,russia,3,0.3\n2023-01-02,DE,norway,7,0.7\n"
        "2022-12-31,DE,russia,10,1\n"
        "2023-01-01,NO-Hub,norway,5,1\n")
    (d / "balance.csv").write_text(
        "date,region,demand_mcm,supplied_mcm,unserved_mcm,reduced_mcm,storage_mcm,"
        "storage_fill,storage_target_fill,price_eur_mwh\n"
        "2023-01-01,DE,10,10,0,0,5,0.5,0.5,30\n2023-01-02,DE,10,6,4,0,4,0.4,0.5,90\n")
    (d / "flows.csv").write_text(
        "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,loss_mcm,"
        "capacity_value_eur_mwh\n"
        "2023-01-01,NO-DE,NO,DE,10,20,0.5,0,0\n2023-01-02,NO-DE,NO,DE,20,20,1,0,5\n"
        "2023-01-01,DE-FR,DE,FR,-4,8,0.5,0,0\n2023-01-02,DE-FR,DE,FR,-4,8,0.5,0,0\n"
        "2023-01-01,DE-X,DE,DE-Hub,3,8,0.5,0,0\n")
    (d / "supply.csv").write_text(
        "date,supply,kind,node,origin,volume_mcm,capacity_mcm,min_take_mcm,"
        "missed_min_take_mcm,cost_eur_mwh\n2023-01-01,troll,source,NO,norway,30,40,0,0,20\n")
    return str(d)


def test_period_figures_are_weighed_by_volume(run_dir):
    # Russian share of DE in January 2023: (1 + 3) / (10 + 10) = 0.2, not
    # the mean of the daily shares (0.2 as well here) nor with Dec 31 (11/30)
    v = _maps.region_values(run_dir, "share_mean_russia", "2023-01")
    assert v["DE"] == pytest.approx(0.2)
    v = _maps.region_values(run_dir, "share_mean_russia", "2022-12-31:2023-01-01")
    assert v["DE"] == pytest.approx(11 / 20)
    v = _maps.region_values(run_dir, "unserved_share", "2023")
    assert v["DE"] == pytest.approx(4 / 20)
    assert _maps.region_values(run_dir, "min_storage_fill", "2023")["DE"] == 0.4
    # without a period: summary.csv, regions only
    assert _maps.region_values(run_dir, "share_mean_russia") == {
        "DE": 0.5, "FR": 0.0, "MT": 1.0}
    with pytest.raises(ValueError):
        _maps.region_values(run_dir, "nonsense")


def test_flows_by_country_mean_daily_and_direction(run_dir):
    f = sorted(_maps.flows_by_country(run_dir, "2023"))
    # NO->DE: (10 + 20) / 2 days; DE-FR reversed: FR->DE 4; DE->DE-Hub dropped
    assert f == [("FR", "DE", 4.0, "DE-FR"), ("NO", "DE", 15.0, "NO-DE")]
    dom = _maps.dominant_groups(run_dir, "2023", f)
    assert dom["DE"] == "norway" and dom["NO"] == "norway"
    # FR has neither shares nor supply nor inflow: its mix is unknown
    assert "FR" not in dom


def test_choropleth_colours_the_country_and_renders(run_dir, tmp_path):
    files = gasdep.map_figure(run_dir, "share_mean_russia", outdir=str(tmp_path / "f"))
    assert [os.path.basename(p) for p in files] == [
        "map_share_mean_russia_all.png", "map_share_mean_russia_all.svg"]
    assert png_size(files[0]) == (_maps.WIDTH, _maps.HEIGHT)
    svg_ok(files[1])
    # the pixel at Germany's position has the colour of 50 %: between white
    # and russia red, neither
    import matplotlib.image as mpimg
    img = mpimg.imread(files[0])
    x, y = _maps.positions()["DE"]
    lon0, lon1, lat0, lat1 = _maps.EXTENT
    # axes box of _figure: [0.02, 0.02, 0.82, 0.9] with aspect: find the
    # colour along Germany's latitude row instead of an exact pixel
    row = img[int((1 - (0.02 + 0.9 * (y - lat0) / (lat1 - lat0))) * _maps.HEIGHT)]
    colours = {tuple((c[:3] * 255).round().astype(int)) for c in row}
    assert any(abs(r - 233) < 30 and 100 < g < 200 and b < 120 for r, g, b in colours), \
        "no orange (50 %) pixel on Germany's row"


def test_map_sh_flow_map_and_bad_input(run_dir, tmp_path):
    out = subprocess.run([os.path.join(ROOT, "plots", "map.sh"), run_dir, "--metric",
                          "flows", "--period", "2023", "-o", str(tmp_path / "g")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    png, svg = out.stdout.split()
    assert png.endswith("map_flows_2023.png")
    assert png_size(png) == (_maps.WIDTH, _maps.HEIGHT)
    svg_ok(svg)
    bad = subprocess.run([os.path.join(ROOT, "plots", "map.sh"), run_dir, "--metric",
                          "nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "no column 'nonsense'" in bad.stderr
