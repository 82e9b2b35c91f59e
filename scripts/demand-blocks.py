#!/usr/bin/env python3
"""Demand-response blocks of the European reference network from a
constant-elasticity demand curve (scenarios/networks/europe-regions.ini,
"Demand response"; docs/DEMAND.md).

Each sector s (share w_s of a region's gas use) sees the delivered price
P + a_s (wholesale P plus its network charges and taxes, EUR/MWh) and keeps
the share ((P + a_s) / (P0 + a_s)) ** e of its demand when the wholesale
price rises above the reference P0 (e = short-run price elasticity).  The
curve is cut at wholesale prices `edges`; the demand given up between two
edges is one block whose willingness to pay is the geometric mean of the
two.  Every number is an input from before 2022 (sources in the .ini).

    python3 scripts/demand-blocks.py        # prints the demand_response line
"""

E_SHORT = -0.18  # Labandeira, Labeaga and Lopez-Otero (2017), natural gas, short term
P0 = 25.0        # EUR/MWh: the network's normal price (cost inputs 19-23.5 EUR/MWh)
SECTORS = (      # (name, share of gas use, adder EUR/MWh): Eurostat 2020-21
    ("industry", 0.26, 12.0),
    ("power and heat", 0.31, 0.0),
    ("households and services", 0.39, 50.0),
)
EDGES = (25, 45, 80, 140, 250, 450, 800)


def given_up(p):
    """Share of demand given up at wholesale price p (EUR/MWh)."""
    return sum(w * (1.0 - ((p + a) / (P0 + a)) ** E_SHORT)
               for _, w, a in SECTORS if p > P0)


def blocks():
    out, before = [], 0.0
    for lo, hi in zip(EDGES, EDGES[1:]):
        now = given_up(hi)
        out.append((now - before, (lo * hi) ** 0.5))
        before = now
    return out


if __name__ == "__main__":
    parts = ["%.1f%%:%.0f%s" % (100 * s, p, " EUR/MWh" if i == 0 else "")
             for i, (s, p) in enumerate(blocks())]
    print("demand_response = " + ", ".join(parts))
    print("; given up in all: %.1f %% of demand above %d EUR/MWh"
          % (100 * given_up(EDGES[-1]), EDGES[-1]))
