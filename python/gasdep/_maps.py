"""_maps.py: maps of Europe by country from gasdep outputs: a choropleth of
any region column (summary.csv, an aggregated or batch table, or a figure
computed from the daily tables over a period) and a flow map (pipelines
between country positions, width by flow, colour by the dominant origin
group where the gas is sent).

Borders and positions come from the Natural Earth 1:110m countries and
populated places that Debian's python3-geopandas ships (offline); nothing is
drawn by hand and nothing is downloaded. Colours come from plots/palette.gp,
as in every other gasdep figure. Runs without the C library, as a script:

    python3 python/gasdep/_maps.py RUN_DIR --metric share_mean_russia \\
        --period 2023 -o FIGDIR

(plots/map.sh is the wrapper; gasdep.map_figure the Python entry.)
"""
import argparse
import csv
import math
import os
import re
import sys

WIDTH, HEIGHT, DPI = 1000, 800, 100  # pixels of the PNG
EXTENT = (-12.0, 45.0, 34.0, 71.5)   # lon min, lon max, lat min, lat max

# Region and node codes of the scenarios (ISO 3166-1 alpha-2, "UK" none) to
# Natural Earth 1:110m names. Every region of scenarios/networks/ must be
# here (python/tests/test_maps.py checks); nodes are mapped by the code
# before their first '-' (RU-Yamal -> RU).
COUNTRY = {
    "AL": "Albania", "AT": "Austria", "AZ": "Azerbaijan",
    "BA": "Bosnia and Herz.", "BE": "Belgium", "BG": "Bulgaria",
    "BY": "Belarus", "CH": "Switzerland", "CY": "Cyprus", "CZ": "Czechia",
    "DE": "Germany", "DK": "Denmark", "DZ": "Algeria", "EE": "Estonia",
    "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom",
    "GE": "Georgia", "GR": "Greece", "HR": "Croatia", "HU": "Hungary",
    "IE": "Ireland", "IT": "Italy", "KZ": "Kazakhstan", "LT": "Lithuania",
    "LU": "Luxembourg", "LV": "Latvia", "LY": "Libya", "MA": "Morocco",
    "MD": "Moldova", "ME": "Montenegro", "MK": "North Macedonia",
    "MT": "Malta", "NL": "Netherlands", "NO": "Norway", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "RS": "Serbia", "RU": "Russia",
    "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia", "TM": "Turkmenistan",
    "TN": "Tunisia", "TR": "Turkey", "UA": "Ukraine",
}
# Countries below the resolution of the 1:110m polygons: drawn as a marker
# at their capital from the same data set (populated places).
CAPITAL = {"MT": "Valletta"}


def _palette(path=None):
    """GROUP_NAMES/GROUP_COLORS, ORIGIN_NAMES/ORIGIN_COLORS of palette.gp."""
    if path is None:
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "plots", "palette.gp")
    lists = {}
    with open(path) as f:
        for line in f:
            m = re.match(r'^(\w+)\s*=\s*"([^"]*)"', line)
            if m:
                lists[m.group(1)] = m.group(2).split()
    group = dict(zip(lists["GROUP_NAMES"], lists["GROUP_COLORS"]))
    origin = dict(zip(lists["ORIGIN_NAMES"], lists["ORIGIN_COLORS"]))
    return group, origin, lists["EXTRA_COLORS"]


def country_of(code):
    """Natural Earth name of a region or node code, or None."""
    return COUNTRY.get(code.split("-", 1)[0])


def _world():
    import geopandas as gpd
    world = gpd.read_file(gpd.datasets.get_path("naturalearth_lowres"))
    cities = gpd.read_file(gpd.datasets.get_path("naturalearth_cities"))
    return world, cities


def positions(world=None, cities=None):
    """Longitude, latitude of every code in COUNTRY: the centroid of the
    country's largest polygon (France without French Guiana, Norway
    without Svalbard), or its capital (CAPITAL); moved onto the edge of the
    map's frame when it lies outside (Russia, Algeria, Kazakhstan)."""
    if world is None:
        world, cities = _world()
    pos = {}
    for code, name in COUNTRY.items():
        if code in CAPITAL:
            pt = cities[cities.name == CAPITAL[code]].geometry.iloc[0]
            pos[code] = (pt.x, pt.y)
            continue
        rows = world[world.name == name]
        if rows.empty:
            continue
        geom = rows.geometry.iloc[0]
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        c = geom.representative_point() if code in ("HR", "NO") else geom.centroid
        # producers beyond the frame (Russia, Algeria, ...) at its edge
        pos[code] = (min(max(c.x, EXTENT[0] + 1), EXTENT[1] - 1),
                     min(max(c.y, EXTENT[2] + 1), EXTENT[3] - 1))
    return pos


def _read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return math.nan


def _in_period(date, period):
    if not period:
        return True
    if ":" in period:
        lo, hi = period.split(":", 1)
        return lo <= date <= hi
    return date.startswith(period)


def _from_daily(run_dir, metric, period):
    """Per region: `metric` over the dates of `period` from the daily tables
    (balance.csv, group_shares.csv), as gasdep aggregate weighs them."""
    out = {}
    if metric.startswith("share_mean_"):
        group = metric[len("share_mean_"):]
        tot, mine = {}, {}
        for r in _read(os.path.join(run_dir, "group_shares.csv")):
            if not _in_period(r["date"], period):
                continue
            v = _num(r["volume_mcm"])
            tot[r["region"]] = tot.get(r["region"], 0.0) + v
            if r["group"] == group:
                mine[r["region"]] = mine.get(r["region"], 0.0) + v
        for reg, t in tot.items():
            out[reg] = mine.get(reg, 0.0) / t if t > 0 else math.nan
        return out
    acc = {}
    for r in _read(os.path.join(run_dir, "balance.csv")):
        if not _in_period(r["date"], period):
            continue
        a = acc.setdefault(r["region"], [0.0, 0.0, math.inf, 0.0])
        a[0] += _num(r["demand_mcm"])
        a[1] += _num(r["unserved_mcm"])
        fill = _num(r["storage_fill"])
        if not math.isnan(fill):
            a[2] = min(a[2], fill)
        a[3] += _num(r["unserved_mcm"]) > 1e-6
    for reg, (dem, uns, fill, short) in acc.items():
        val = {"unserved_mcm": uns, "demand_mcm": dem, "days_short": short,
               "unserved_share": uns / dem if dem > 0 else math.nan,
               "min_storage_fill": fill if fill < math.inf else math.nan}
        if metric not in val:
            raise ValueError("--period works for share_mean_GROUP, unserved_share, "
                             "unserved_mcm, demand_mcm, days_short and "
                             "min_storage_fill, not " + metric)
        out[reg] = val[metric]
    return out


def region_values(source, metric, period=None, where=None):
    """{region: value} of `metric`: from the daily tables of a run directory
    over `period` ("2023", "2023-01", "2022-10-01:2023-03-31"), else from
    summary.csv of a run directory or from a CSV file with a `region`
    column (rows filtered by `where`, {column: value}). Group rows (kind
    group) are left out."""
    if os.path.isdir(source) and period:
        return _from_daily(source, metric, period)
    path = os.path.join(source, "summary.csv") if os.path.isdir(source) else source
    out = {}
    for r in _read(path):
        if r.get("kind", "region") != "region":
            continue
        if any(r.get(k) != v for k, v in (where or {}).items()):
            continue
        if metric not in r:
            raise ValueError("%s: no column '%s'" % (path, metric))
        out[r["region"]] = _num(r[metric])
    return out


def _figure(title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    ax = fig.add_axes([0.02, 0.02, 0.82, 0.9])
    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    ax.set_aspect(1.6)  # about 1/cos(52 deg): lengths look right mid-Europe
    ax.set_axis_off()
    fig.suptitle(title, fontsize=13, family="DejaVu Sans")
    return fig, ax, plt


def _save(fig, plt, base):
    os.makedirs(os.path.dirname(os.path.abspath(base)), exist_ok=True)
    fig.savefig(base + ".png", dpi=DPI)
    fig.savefig(base + ".svg")
    plt.close(fig)
    return [base + ".png", base + ".svg"]


def choropleth(values, metric, base, title=None, palette=None):
    """Draw {region code: value} by country into base.png and base.svg.
    Shares and fills are drawn in %; a white -> caspian gold -> russia red
    scale (heatmap.gp's); countries without a value are light grey."""
    from matplotlib.colors import LinearSegmentedColormap, Normalize
    group, _, _ = _palette(palette)
    world, cities = _world()
    pct = "share" in metric or "fill" in metric
    scale = 100.0 if pct else 1.0
    vals = {k: v * scale for k, v in values.items() if not math.isnan(v)}
    hi = max(vals.values(), default=1.0)
    if pct:
        hi = 100.0
    norm = Normalize(0.0, hi if hi > 0 else 1.0)
    cmap = LinearSegmentedColormap.from_list(
        "gasdep", ["#ffffff", group["caspian"], group["russia"]])
    fig, ax, plt = _figure(title or metric)
    world.plot(ax=ax, color="#eeeeee", edgecolor="#9a9a9a", linewidth=0.4)
    pos = positions(world, cities)
    for code, v in sorted(vals.items()):
        name = country_of(code)
        if code in CAPITAL and code in pos:
            ax.scatter([pos[code][0]], [pos[code][1]], s=60, color=cmap(norm(v)),
                       edgecolor="#444444", linewidth=0.6, zorder=3)
            continue
        rows = world[world.name == name]
        if not rows.empty:
            rows.plot(ax=ax, color=cmap(norm(v)), edgecolor="#444444", linewidth=0.5)
    sm = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    cax = fig.add_axes([0.87, 0.15, 0.025, 0.65])
    fig.colorbar(sm, cax=cax).set_label(metric + (" (%)" if pct else ""))
    return _save(fig, plt, base)


def flows_by_country(run_dir, period=None):
    """Mean daily net flow (mcm/d) between country positions over `period`
    (all days if None), by pipeline: [(from code, to code, mcm/d, pipeline)]
    for pipelines between two different countries."""
    sums, days = {}, set()
    for r in _read(os.path.join(run_dir, "flows.csv")):
        if not _in_period(r["date"], period):
            continue
        days.add(r["date"])
        k = (r["pipeline"], r["from"], r["to"])
        sums[k] = sums.get(k, 0.0) + _num(r["flow_mcm"])
    n = max(len(days), 1)
    out = []
    for (p, a, b), s in sums.items():
        ca, cb = a.split("-", 1)[0], b.split("-", 1)[0]
        if ca == cb or ca not in COUNTRY or cb not in COUNTRY:
            continue
        f = s / n
        out.append((ca, cb, f, p) if f >= 0 else (cb, ca, -f, p))
    return out


def dominant_groups(run_dir, period=None, flows=None):
    """Dominant origin group of the gas sent from each country: a region's
    own mix (group_shares.csv); a country without a region (producers,
    transit hubs) takes the group of the origin entering most gas there
    (supply.csv, an origin named like a group) or else of its largest
    inflow."""
    vol = {}
    for r in _read(os.path.join(run_dir, "group_shares.csv")):
        if "-" in r["region"] or not _in_period(r["date"], period):
            continue
        d = vol.setdefault(r["region"], {})
        d[r["group"]] = d.get(r["group"], 0.0) + _num(r["volume_mcm"])
    dom = {c: max(d, key=d.get) for c, d in vol.items() if sum(d.values()) > 0}
    group, origin, _ = _palette()
    entering = {}
    supply = os.path.join(run_dir, "supply.csv")
    if os.path.exists(supply):
        for r in _read(supply):
            if not _in_period(r["date"], period):
                continue
            c = r["node"].split("-", 1)[0]
            if c in dom:
                continue
            d = entering.setdefault(c, {})
            d[r["origin"]] = d.get(r["origin"], 0.0) + _num(r["volume_mcm"])
    for c, d in entering.items():
        o = max(d, key=d.get)
        if d[o] > 0:
            dom[c] = _origin_group(o, group, origin)
    for _ in range(4):  # transit countries: from their largest inflow
        best = {}
        for a, b, f, _p in flows or []:
            if b not in dom and a in dom and f > best.get(b, (0, None))[0]:
                best[b] = (f, dom[a])
        for b, (_f, g) in best.items():
            dom[b] = g
    return dom


def _origin_group(o, group, origin):
    """The palette group of an origin: its name, else the group whose colour
    palette.gp gives the origin (algeria -> north-africa), else lng for
    lng-*, else other."""
    if o in group:
        return o
    for g, col in group.items():
        if origin.get(o) == col:
            return g
    return "lng" if o.startswith("lng") else "other"


def flowmap(run_dir, base, period=None, title=None, palette=None):
    """Pipelines between country positions, width by mean daily flow over
    `period`, colour by the dominant origin group where the gas is sent."""
    group, _, extra = _palette(palette)
    world, cities = _world()
    pos = positions(world, cities)
    flows = flows_by_country(run_dir, period)
    dom = dominant_groups(run_dir, period, flows)
    fig, ax, plt = _figure(title or "pipeline flows%s" % (", " + period if period else ""))
    world.plot(ax=ax, color="#f4f4f4", edgecolor="#b0b0b0", linewidth=0.4)
    top = max((f for _a, _b, f, _p in flows), default=1.0) or 1.0
    used = set()
    for a, b, f, _p in sorted(flows, key=lambda x: x[2]):
        if f <= 1e-6 or a not in pos or b not in pos:
            continue
        g = dom.get(a, "unknown")
        used.add(g)
        col = group.get(g, extra[0])
        (x0, y0), (x1, y1) = pos[a], pos[b]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=3,
                    arrowprops=dict(arrowstyle="-|>", color=col, alpha=0.85,
                                    lw=0.6 + 7.0 * f / top, shrinkA=4, shrinkB=4,
                                    mutation_scale=8 + 6 * f / top))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.scatter(xs, ys, s=6, color="#333333", zorder=4)
    from matplotlib.lines import Line2D
    names = [g for g in group if g in used] + sorted(g for g in used if g not in group)
    handles = [Line2D([0], [0], color=group.get(g, extra[0]), lw=3) for g in names]
    handles.append(Line2D([0], [0], color="#555555", lw=0.6 + 7.0))
    ax.legend(handles, names + ["%.0f mcm/d" % top], loc="upper left", fontsize=8,
              title="origin group sent", frameon=True)
    return _save(fig, plt, base)


def figure_base(figdir, metric, period):
    """FIGDIR/map_METRIC_PERIOD (period "all" when None), file-name safe."""
    safe = lambda s: re.sub(r"[^A-Za-z0-9_.-]", "_", s)
    return os.path.join(figdir, "map_%s_%s" % (safe(metric), safe(period or "all")))


def draw(source, metric, period=None, where=None, figdir=None, title=None):
    """A choropleth of `metric` (region_values) or, for metric "flows", the
    flow map, into figure_base(figdir, ...) .png and .svg; the paths."""
    if figdir is None:
        src_dir = source if os.path.isdir(source) else os.path.dirname(source)
        figdir = os.path.join(src_dir or ".", "figures")
    base = figure_base(figdir, metric, period)
    if metric == "flows":
        return flowmap(source, base, period, title)
    vals = region_values(source, metric, period, where)
    title = title or "%s by country%s" % (metric, ", " + period if period else "")
    return choropleth(vals, metric, base, title)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="map.sh", description="Maps of Europe by country from gasdep "
        "outputs (PNG and SVG, %dx%d pixels)." % (WIDTH, HEIGHT))
    ap.add_argument("source", help="run directory, or a CSV file with a region "
                    "column (summary.csv, an aggregated table, dependence.csv)")
    ap.add_argument("--metric", default="share_mean_russia",
                    help="a region column (share_mean_russia, unserved_share, "
                    "min_storage_fill, ...) or 'flows' for the flow map")
    ap.add_argument("--period", default=None,
                    help="YYYY, YYYY-MM or FIRST:LAST dates (from the daily tables)")
    ap.add_argument("--where", action="append", default=[],
                    help="COLUMN=VALUE: only rows with that value (repeatable)")
    ap.add_argument("--title", default=None)
    ap.add_argument("-o", "--output", default=None, help="figure directory "
                    "(default: figures/ in the run directory)")
    a = ap.parse_args(argv)
    try:
        where = dict(w.split("=", 1) for w in a.where)
        files = draw(a.source, a.metric, a.period, where, a.output, a.title)
    except (OSError, ValueError, KeyError) as e:
        print("map: error: %s" % e, file=sys.stderr)
        return 2
    print("\n".join(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
