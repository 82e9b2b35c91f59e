#!/usr/bin/env python3
"""peer_highs.py: the peer of gasdep_bench, a plain per-day LP loop with
scipy.optimize.linprog(method="highs") on the same storage-free synthetic
networks, and the ratio of gasdep's cost per day to the peer's.

    build/gasdep_bench --peer DIR        (writes DIR/<network>.json and .fig)
    python3 bench/peer_highs.py DIR [REPEAT]

Each DIR/<network>.json holds the network and, per day, the demand and the
capacities gasdep used that day, and gasdep's total unserved. The peer solves
every day as one LP: minimum cost of supply, LNG and pipeline tariffs, with
unserved demand at VoLL (no storage, no sharing rule: a least-cost LP).
A day's time covers setting the day's bounds and the linprog call. The whole
loop runs REPEAT times (default 3) and the medians are printed. As a check
that both solve the same problem, the largest difference of the day's total
unserved (share of demand) between gasdep and the peer is printed too.

Needs python3-scipy (Debian: apt-get install python3-scipy); without it the
script says so and exits 0, so `make bench` still shows gasdep's figures."""
import glob
import json
import os
import statistics
import sys
import time

try:
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix
except ImportError:
    print("peer_highs: python3-scipy is not installed (apt-get install python3-scipy); "
          "peer comparison skipped")
    sys.exit(0)

EPS_TARIFF = 1e-4  # EUR/MWh, as gasdep (dispatch.c) adds to every tariff


class Peer:
    """The day LP of one network: columns src, slot, fwd, rev, unserved."""

    def __init__(self, d):
        self.d = d
        S, L = len(d["src_node"]), len(d["slot_lng"])
        P, R = len(d["pipe_from"]), len(d["region_node"])
        self.n = (S, L, P, R)
        o_slot, o_fwd, o_rev, o_uns = S, S + L, S + L + P, S + L + 2 * P
        nv = o_uns + R
        rows, cols, vals = [], [], []

        def put(i, j, v):
            rows.append(i), cols.append(j), vals.append(v)

        for i, nd in enumerate(d["src_node"]):
            put(nd, i, 1.0)
        for s, k in enumerate(d["slot_lng"]):
            put(d["lng_node"][k], o_slot + s, 1.0)
        for p, (a, b) in enumerate(zip(d["pipe_from"], d["pipe_to"])):
            keep = 1.0 - d["pipe_loss"][p]
            put(a, o_fwd + p, -1.0), put(b, o_fwd + p, keep)
            put(b, o_rev + p, -1.0), put(a, o_rev + p, keep)
        for q, nd in enumerate(d["region_node"]):
            put(nd, o_uns + q, 1.0)
        self.A_eq = coo_matrix((vals, (rows, cols)), shape=(d["nodes"], nv)).tocsr()
        nl = len(d["lng_node"])
        self.A_ub = None
        if nl:
            self.A_ub = coo_matrix(([1.0] * L, (d["slot_lng"], [o_slot + s for s in range(L)])),
                                   shape=(nl, nv)).tocsr()
        tar = [t + EPS_TARIFF for t in d["pipe_tariff"]]
        self.c = np.array(d["src_cost"] + d["slot_cost"] + tar + tar + [d["voll"]] * R)
        self.o_uns = o_uns

    def solve(self, day):
        d = self.d
        b_eq = np.zeros(d["nodes"])
        b_eq[d["region_node"]] = day["demand"]
        hi = day["src_cap"] + day["slot_cap"] + day["pipe_cap"] + day["pipe_rev"] + day["demand"]
        bounds = np.column_stack([np.zeros(len(hi)), np.array(hi)])
        r = linprog(self.c, A_ub=self.A_ub, b_ub=day["lng_cap"] if self.A_ub is not None else None,
                    A_eq=self.A_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if r.status != 0:
            raise RuntimeError("%s: linprog status %d (%s)" % (d["name"], r.status, r.message))
        return float(r.x[self.o_uns:].sum())


def read_figs(dirname, name):
    """gasdep's figures per mode: (normal_us, short_us, normal_days, short_days)."""
    out = {}
    for f in sorted(glob.glob(os.path.join(dirname, name + ".*.fig"))):
        tok = open(f).read().split()
        out[f.split(".")[-2]] = (" ".join(tok[:-5]), float(tok[-5]), float(tok[-4]),
                                 int(tok[-3]), int(tok[-2]))
    return out


def ratio(g, p):
    return "%.3f (%.1fx)" % (g / p, p / g) if g > 0 and p > 0 else "-"


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: peer_highs.py DIR [REPEAT]\n")
        return 2
    dirname = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    files = sorted(glob.glob(os.path.join(dirname, "*.json")),
                   key=lambda f: (int(''.join(c for c in os.path.basename(f) if c.isdigit()) or 0), f))
    if not files:
        print("peer_highs: no network files in %s (run gasdep_bench --peer %s)" % (dirname, dirname))
        return 1
    import scipy
    print("peer: scipy %s linprog(method='highs'), per-day loop, medians of %d runs" %
          (scipy.__version__, repeat))
    print("%-18s %5s %12s %12s %11s  %-15s %17s %17s" %
          ("network", "days", "peer_norm_us", "peer_shrt_us", "max_dU_%dem", "gasdep mode",
           "gasdep/peer normal", "gasdep/peer short"))
    for f in files:
        d = json.load(open(f))
        peer = Peer(d)
        times, worst = [], 0.0
        kinds = None
        for _ in range(repeat):
            t_day, k_day = [], []
            for day in d["days"]:
                t0 = time.perf_counter()
                u = peer.solve(day)
                t_day.append(time.perf_counter() - t0)
                k_day.append(u > 1e-6)
                dem = sum(day["demand"])
                if dem > 0:
                    worst = max(worst, abs(u - day["gasdep_unserved"]) / dem)
            times.append(t_day)
            kinds = k_day
        per = {}
        for short in (False, True):
            runs = [statistics.mean([t for t, k in zip(td, kinds) if k == short])
                    for td in times if any(k == short for k in kinds)]
            per[short] = 1e6 * statistics.median(runs) if runs else 0.0
        figs = read_figs(dirname, d["name"])
        for i, mode in enumerate(sorted(figs) or ["-"]):
            g = figs.get(mode)
            head = ("%-18s %5d %12s %12s %11.3f" %
                    (d["name"], len(d["days"]), "%.1f" % per[False] if per[False] else "-",
                     "%.1f" % per[True] if per[True] else "-", 100 * worst)) if i == 0 \
                else " " * 62
            if g:
                print("%s  %-15s %17s %17s" % (head, g[0], ratio(g[1], per[False]),
                                               ratio(g[2], per[True])))
            else:
                print(head)
        sys.stdout.flush()
    print("gasdep/peer: gasdep's cost per day over the peer's (below 1: gasdep faster;\n"
          "in brackets how many times faster); max_dU_%dem: largest daily difference of\n"
          "total unserved between gasdep and the peer, in % of demand.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
