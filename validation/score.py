#!/usr/bin/env python3
"""Score gasdep runs against published 2021-2024 figures (validation/figures.csv).

usage: score.py [--figures FILE] [--brief] RUN_DIR [RUN_DIR...]

For every check of figures.csv it evaluates the model's value from the run's CSV
files, prints check, role, published, model, difference and pass/fail/n/a, and
a line "score RUN_DIR: N of M pass (validation V of W; calibration C of D;
input echoes E of F)", and a line "prices RUN_DIR: ..." counting the region-days
whose price sits on an input penalty constant (voll, voll/2, 0.999 voll,
target_penalty, min_take_penalty, storage_value) and those at shortage. A check is n/a when its period lies outside the run's
horizon or its area/pipeline/source is not in the run. The score is reported,
never a gate: the exit status is 0 whenever the run could be read (2 for bad
usage or an unreadable run directory).

Kinds of check (columns of figures.csv are documented in validation/README.md):
  fill               balance.csv storage_fill of AREA at the end of gas day START, in %
  consumption        sum of balance.csv supplied_mcm of AREA over START..END, in TWh
                     (mcm x gcv_kwh_m3 of manifest.csv / 1000) or bcm
  consumption_share  AREA:GROUP share of supplied gas, volume-weighted (group_shares.csv), %
  import_share       AREA:GROUP share of supplied gas less the 'domestic' group, %
  flow               sum of flows.csv flow_mcm of the '+'-separated pipelines, bcm
  supply             sum of supply.csv volume_mcm of the '+'-separated sources, bcm;
                     'lng@EU' = every LNG terminal slot at a node of the EU group
Only the standard library is used.
"""
import csv
import os
import sys

# EU-27 members present in the reference network (CY has no gas): the nodes of the
# group EU, used for 'lng@EU' (supply.csv names nodes, not groups).
EU27 = set("AT BE BG HR CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Run:
    """Lazy reader of one run directory."""

    def __init__(self, d):
        self.dir = d
        self._cache = {}
        man = {r["key"]: r["value"] for r in read_csv(os.path.join(d, "manifest.csv"))}
        self.gcv = float(man.get("gcv_kwh_m3", "10.55"))
        self.scenario = man.get("scenario_name", os.path.basename(d.rstrip("/")))
        self.foresight = man.get("foresight", "")
        bal = self.table("balance.csv")
        dates = sorted({r["date"] for r in bal})
        self.first, self.last = dates[0], dates[-1]
        self.areas = {r["region"] for r in bal}

    def table(self, name):
        if name not in self._cache:
            p = os.path.join(self.dir, name)
            self._cache[name] = read_csv(p) if os.path.exists(p) else None
        return self._cache[name]

    def covers(self, start, end):
        return self.first <= start and end <= self.last


def num(x):
    return float(x) if x not in ("", None) else None


def model_value(run, c):
    """The model's value of check c, or None when not applicable."""
    kind, area, start, end = c["kind"], c["area"], c["start"], c["end"]
    if not run.covers(start, end):
        return None
    if kind == "fill":
        for r in run.table("balance.csv"):
            if r["date"] == start and r["region"] == area:
                f = num(r["storage_fill"])
                return None if f is None else 100.0 * f
        return None
    if kind == "consumption":
        if area not in run.areas:
            return None
        mcm = sum(num(r["supplied_mcm"]) or 0.0 for r in run.table("balance.csv")
                  if r["region"] == area and start <= r["date"] <= end)
        return mcm * run.gcv / 1000.0 if c["unit"] == "TWh" else mcm / 1000.0
    if kind in ("consumption_share", "import_share"):
        region, group = area.split(":")
        gs = run.table("group_shares.csv")
        if gs is None or region not in run.areas:
            return None
        vol, total, dom = 0.0, 0.0, 0.0
        for r in gs:
            if r["region"] != region or not start <= r["date"] <= end:
                continue
            v = num(r["volume_mcm"]) or 0.0
            total += v
            if r["group"] == group:
                vol += v
            if r["group"] == "domestic":
                dom += v
        base = total - dom if kind == "import_share" else total
        return 100.0 * vol / base if base > 0 else None
    if kind == "flow":
        names = set(area.split("+"))
        fl = run.table("flows.csv")
        if fl is None:
            return None
        seen, mcm = set(), 0.0
        for r in fl:
            if r["pipeline"] in names and start <= r["date"] <= end:
                seen.add(r["pipeline"])
                mcm += num(r["flow_mcm"]) or 0.0
        return mcm / 1000.0 if seen == names else None
    if kind == "supply":
        sp = run.table("supply.csv")
        if sp is None:
            return None
        if area == "lng@EU":
            rows = [r for r in sp if r["kind"] == "lng" and r["node"] in EU27]
        else:
            names = set(area.split("+"))
            rows = [r for r in sp if r["supply"] in names]
            if {r["supply"] for r in rows} != names:
                return None
        if not rows:
            return None
        return sum(num(r["volume_mcm"]) or 0.0 for r in rows
                   if start <= r["date"] <= end) / 1000.0
    raise ValueError("unknown kind %r in check %s" % (kind, c["id"]))


def passes(c, model):
    pub, tol = float(c["published"]), float(c["tolerance"])
    if c["compare"] == "abs":
        return abs(model - pub) <= tol
    return abs(model - pub) <= tol / 100.0 * abs(pub)


def score(run, checks, brief=False, out=sys.stdout):
    tally = {}
    if not brief:
        out.write("%s (%s, %s .. %s)\n" % (run.dir, run.scenario, run.first, run.last))
        out.write("%-22s %-11s %10s %10s %8s  %s\n" %
                  ("check", "role", "published", "model", "diff", "result"))
    for c in checks:
        m = model_value(run, c)
        role = c["role"]
        if m is None:
            res = "n/a"
        else:
            ok = passes(c, m)
            res = "pass" if ok else "fail"
            t = tally.setdefault(role, [0, 0])
            t[0] += ok
            t[1] += 1
        if not brief:
            pub = float(c["published"])
            unit = {"pct": "%", "TWh": " TWh", "bcm": " bcm"}[c["unit"]]
            out.write("%-22s %-11s %10s %10s %8s  %s\n" % (
                c["id"], role, "%.1f%s" % (pub, unit[:1] if unit == "%" else ""),
                "-" if m is None else "%.1f" % m,
                "-" if m is None else "%+.1f" % (m - pub), res))
    n = sum(t[0] for t in tally.values())
    tot = sum(t[1] for t in tally.values())
    parts = []
    for role, label in (("validation", "validation"), ("calibration", "calibration"),
                        ("echo", "input echoes")):
        t = tally.get(role, [0, 0])
        parts.append("%s %d of %d" % (label, t[0], t[1]))
    out.write("score %s: %d of %d pass (%s; %d n/a)\n" % (
        run.dir, n, tot, "; ".join(parts), len(checks) - tot))
    return tally


def price_report(run, out=sys.stdout):
    """Count the region-days whose price sits on an input penalty constant.

    A day with unserved demand is a shortage day: its price is the value of
    scarcity (VoLL raised by the curtailed fraction), counted apart. Other
    days are on a constant when the price is within 0.01 EUR/MWh of voll,
    voll/2, 0.999 voll (the cap of water values), target_penalty,
    min_take_penalty or storage_value (read from manifest.csv; the engine's
    defaults when an older run lacks them). Everything else is a cost-based
    price, a water value or a demand block's willingness to pay."""
    man = {r["key"]: r["value"] for r in run.table("manifest.csv") or []}
    def get(key, default):
        return float(man.get(key, default))
    voll = get("voll_eur_mwh", 1000)
    consts = [voll, voll / 2, 0.999 * voll, get("target_penalty_eur_mwh", 100),
              get("min_take_penalty_eur_mwh", 300), get("storage_value_eur_mwh", 50)]
    total = short = on = 0
    for r in run.table("balance.csv"):
        p = num(r["price_eur_mwh"])
        if p is None:
            continue
        total += 1
        if (num(r["unserved_mcm"]) or 0.0) > 1e-6:
            short += 1
        elif any(abs(p - c) <= 0.01 for c in consts):
            on += 1
    pct = lambda k: 100.0 * k / total if total else 0.0
    out.write("prices %s: %d of %d region-days (%.1f %%) on an input penalty constant, "
              "%d (%.1f %%) at shortage\n" % (run.dir, on, total, pct(on), short, pct(short)))
    return on, short, total


def main(argv):
    figures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures.csv")
    brief = False
    dirs = []
    it = iter(argv)
    for a in it:
        if a == "--figures":
            figures = next(it, None)
        elif a == "--brief":
            brief = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            dirs.append(a)
    if not dirs or figures is None:
        sys.stderr.write("usage: score.py [--figures FILE] [--brief] RUN_DIR [RUN_DIR...]\n")
        return 2
    checks = read_csv(figures)
    status = 0
    for d in dirs:
        try:
            run = Run(d)
        except (OSError, KeyError, IndexError) as e:
            sys.stderr.write("score.py: %s: cannot read the run (%s)\n" % (d, e))
            status = 2
            continue
        score(run, checks, brief)
        price_report(run)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
