#!/usr/bin/env python3
"""Measure modelling choices against each other on one scenario (issue 18).

usage: variants.py GASDEP_BIN SCENARIO OUT_DIR [NAME=SET[;SET...] ...]

Runs SCENARIO once per variant (a variant is a name and `--set` overrides
separated by ';'; with no variants, the reference set of docs/DISPATCH.md),
scores each run with score.py and prints a Markdown table: score, validation
checks, EU storage fill on 1 Nov 2022 and 1 Apr 2023, EU consumption in 2022
in TWh (Eurostat: 3,816), the ratio of the EU mean price of Q3 2022 to Q3 2023,
the EU mean price of Q3 2024, the share of region-days on a penalty constant and
the CPU seconds of the run. Only the standard library is used.
"""
import io
import os
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score as sc  # noqa: E402

REFERENCE = [
    ("default (water values, risk 10 %, demand response, adaptation; myopic)", ""),
    ("rolling foresight", "scenario.foresight=rolling"),
    ("flat storage value", "scenario.storage_valuation=flat"),
    ("risk_cover 0", "scenario.risk_cover=0"),
    ("risk_cover 20 %", "scenario.risk_cover=20%"),
    ("no long-run adaptation", "scenario.long_run_elasticity=0"),
]


def eu_rows(run):
    return [r for r in run.table("balance.csv") if r["region"] in sc.EU27]


def weighted_price(rows, first, last):
    num = den = 0.0
    for r in rows:
        if first <= r["date"] <= last:
            d = float(r["demand_mcm"])
            num += float(r["price_eur_mwh"]) * d
            den += d
    return num / den if den else float("nan")


def eu_fill(run, day):
    rows = [r for r in run.table("balance.csv") if r["region"] == "EU" and r["date"] == day]
    return 100.0 * float(rows[0]["storage_fill"]) if rows and rows[0]["storage_fill"] else float("nan")


def supplied(rows, first, last):
    return sum(float(r["supplied_mcm"]) for r in rows if first <= r["date"] <= last)


def run_variant(gasdep, scenario, out, sets):
    cmd = [gasdep, "run", scenario, "-o", out, "-q"]
    for s in sets:
        cmd += ["--set", s]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    gasdep, scenario, outdir = argv[:3]
    variants = []
    for a in argv[3:]:
        name, _, sets = a.partition("=")
        variants.append((name, sets))
    variants = variants or REFERENCE
    checks = sc.read_csv(os.path.join(os.path.dirname(os.path.abspath(__file__)), "figures.csv"))
    print("| variant | score | validation | EU fill 1 Nov 2022 | EU fill 1 Apr 2023 "
          "| EU consumption 2022, TWh | price Q3 2022 / Q3 2023 | price Q3 2024 "
          "| on a constant | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for i, (name, sets) in enumerate(variants):
        out = os.path.join(outdir, "v%d" % i)
        cpu = run_variant(gasdep, scenario, out, [s for s in sets.split(";") if s])
        run = sc.Run(out)
        tally = sc.score(run, checks, brief=True, out=io.StringIO())
        n = sum(t[0] for t in tally.values())
        tot = sum(t[1] for t in tally.values())
        v = tally.get("validation", [0, 0])
        on, _, total = sc.price_report(run, out=io.StringIO())
        rows = eu_rows(run)
        twh22 = supplied(rows, "2022-01-01", "2022-12-31") * run.gcv / 1000.0
        q3_22 = weighted_price(rows, "2022-07-01", "2022-09-30")
        q3_23 = weighted_price(rows, "2023-07-01", "2023-09-30")
        q3_24 = weighted_price(rows, "2024-07-01", "2024-09-30")
        print("| %s | %d of %d | %d of %d | %.0f %% | %.0f %% | %.0f | %.1f | %.0f | %.1f %% | %.1f |" % (
            name, n, tot, v[0], v[1], eu_fill(run, "2022-11-01"), eu_fill(run, "2023-04-01"),
            twh22, q3_22 / q3_23, q3_24, 100.0 * on / total if total else 0.0, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
