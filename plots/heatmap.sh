#!/bin/sh
# heatmap.sh: heat map of a two-parameter sweep (sweep.csv of `gasdep sweep`).
# Usage: plots/heatmap.sh SWEEP.csv [--region R] [--x PARAM] [--y PARAM]
#                         [--metric COLUMN] [-o FIGDIR]
# See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() {
    cat <<'USAGE'
Usage: heatmap.sh SWEEP.csv [--region R] [--x PARAM] [--y PARAM]
                  [--metric COLUMN] [-o FIGDIR]

Draws COLUMN (default unserved_share, in %) of region/group R against two
varied parameters of a sweep. A full grid is drawn as cells, a sampled design
(random, lhs, sobol) as coloured points. Rows of other parameters' values at
the same (x, y) are averaged (said in the title). Numbers, ISO dates and words
(categories) are all accepted as parameter values.
Writes FIGDIR/heatmap_R_COLUMN.png and .svg (default FIGDIR: figures/ next to
SWEEP.csv).

  -r, --region R       region or group (default: the first group in the file,
                       else the first region).
  -x, --x PARAM        parameter on the x axis (default: the first one), as
                       its column (pipeline.TAP-IT.capacity_bcm_y) or its path
                       without the unit (pipeline.TAP-IT.capacity).
  -y, --y PARAM        parameter on the y axis (default: the second one).
  -m, --metric COLUMN  a figure column of sweep.csv (default unserved_share);
                       shares and fills are drawn in %.
  -o, --output FIGDIR  output directory.
  -h, --help           this text.
Exit status: 0 written, 1 rendering failed, 2 bad usage or no data.
USAGE
}

SWEEP='' REGION='' XP='' YP='' METRIC=unserved_share FIGDIR=''
while [ $# -gt 0 ]; do
    case $1 in
        -r|--region) [ $# -ge 2 ] || die "$1 needs a value"; REGION=$2; shift 2 ;;
        -x|--x)      [ $# -ge 2 ] || die "$1 needs a value"; XP=$2; shift 2 ;;
        -y|--y)      [ $# -ge 2 ] || die "$1 needs a value"; YP=$2; shift 2 ;;
        -m|--metric) [ $# -ge 2 ] || die "$1 needs a value"; METRIC=$2; shift 2 ;;
        -o|--output) [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        -h|--help)   usage; exit 0 ;;
        -*)          usage >&2; die "unknown option: $1" ;;
        *)           [ -z "$SWEEP" ] || die "only one SWEEP.csv"; SWEEP=$1; shift ;;
    esac
done
[ -n "$SWEEP" ] || { usage >&2; die "no SWEEP.csv given"; }
[ -s "$SWEEP" ] || die "no such file: $SWEEP"
[ -n "$FIGDIR" ] || FIGDIR=$(dirname -- "$SWEEP")/figures
need_tools
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp

case $METRIC in
    *share*|*fill*) SCALE=100 ZLAB="$METRIC (%)" ;;
    *)              SCALE=1 ZLAB=$METRIC ;;
esac

cat >"$TMP/heat.awk" <<'AWKEOF'
# days since 1970 of an ISO date (civil calendar)
function days(s,    y, m, d, era, yoe, doy, doe) {
    y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
    if (m <= 2) y--
    era = int((y >= 0 ? y : y - 399) / 400); yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}
# column of a varied parameter: its exact name, or its path before the unit
# suffix that gasdep sweep adds ("pipeline.X.capacity" -> "..._mcm_d")
function param_col(name,    i, h) {
    if (csv_col(name)) return csv_col(name)
    for (i = 1; i <= np; i++) { h = HN[P[i]]; if (index(h, name "_") == 1 && index(substr(h, length(name) + 2), ".") == 0) return P[i] }
    return csv_need(name, FILENAME)
}
function kind_of(v) { return v ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ ? "date" : (csv_isnum(v) ? "num" : "cat") }
NR == 1 {
    csv_header($0); creg = csv_need("region", FILENAME); ckind = csv_need("kind", FILENAME)
    cz = csv_need(metric, FILENAME); cst = csv_col("status")
    np = 0; for (i = 2; i < creg; i++) P[++np] = i
    if (np < 2) { print "error: " FILENAME ": fewer than two varied parameters" > "/dev/stderr"; exit 2 }
    split($0, HN, ","); for (i in HN) gsub(/"/, "", HN[i])
    cx = xp == "" ? P[1] : param_col(xp)
    cy = yp == "" ? (P[1] == cx ? P[2] : P[1]) : param_col(yp)
    if (cx == cy) { print "error: x and y are the same parameter" > "/dev/stderr"; exit 2 }
    split($0, H, ","); xname = H[cx]; yname = H[cy]; gsub(/"/, "", xname); gsub(/"/, "", yname)
    next
}
{ csv_split($0, f) }
region == "" && first_region == "" && f[ckind] == "region" { first_region = f[creg] }
region == "" && first_group == "" && f[ckind] == "group" { first_group = f[creg] }
{ row[NR] = $0 }
END {
    if (CSV_FAILED) exit 2
    if (region == "") region = first_group != "" ? first_group : first_region
    xk = ""; yk = ""
    for (r = 2; r <= NR; r++) {
        csv_split(row[r], f)
        if (f[creg] != region || (cst && f[cst] != "ok") || !csv_isnum(f[cz])) continue
        x = f[cx]; y = f[cy]
        k = kind_of(x); xk = xk == "" ? k : (xk == k ? xk : "cat")
        k = kind_of(y); yk = yk == "" ? k : (yk == k ? yk : "cat")
        key = x SUBSEP y
        if (!(key in S)) { KX[++nk] = x; KY[nk] = y }
        S[key] += f[cz] * scale; C[key]++; used++
        if (!(x in UX)) { UX[x] = ++nx; OX[nx] = x }
        if (!(y in UY)) { UY[y] = ++ny; OY[ny] = y }
    }
    if (!used) { print "error: no rows for region '" region "' with a numeric " metric > "/dev/stderr"; exit 2 }
    # axis positions: numbers as they are, dates in seconds, words by index
    sortpos(OX, nx, xk, XS, XV, "x"); sortpos(OY, ny, yk, YS, YV, "y")
    dup = 0
    for (i = 1; i <= nk; i++) {
        key = KX[i] SUBSEP KY[i]
        if (C[key] > 1) dup = 1
        printf "%.10g %.10g %.10g %.10g %.10g\n", XV[KX[i]], YV[KY[i]], S[key] / C[key],
               HW["x", KX[i]], HW["y", KY[i]] > out
    }
    grid = (nk == nx * ny) ? 1 : 0
    print "region=" region > meta; print "xname=" xname > meta; print "yname=" yname > meta
    print "xkind=" xk > meta; print "ykind=" yk > meta; print "grid=" grid > meta
    print "dup=" dup > meta; print "cells=" nk > meta
    print "xtics=" TICS["x"] > meta; print "ytics=" TICS["y"] > meta
}
# sort the distinct values O[1..n] of an axis (words keep their order of
# appearance), give each a position and a half-width
function sortpos(O, n, kind, S, V, ax,    i, j, t, tics, lo, hi) {
    for (i = 1; i <= n; i++) S[i] = O[i]
    for (i = 2; i <= n && kind != "cat"; i++) {   # insertion sort (few values)
        t = S[i]
        for (j = i - 1; j >= 1 && before(t, S[j], kind); j--) S[j + 1] = S[j]
        S[j + 1] = t
    }
    for (i = 1; i <= n; i++)
        V[S[i]] = kind == "date" ? days(S[i]) * 86400 : (kind == "num" ? S[i] + 0 : i - 1)
    for (i = 1; i <= n; i++) {
        lo = i > 1 ? (V[S[i]] - V[S[i - 1]]) / 2 : (i < n ? (V[S[i + 1]] - V[S[i]]) / 2 : 0.5)
        hi = i < n ? (V[S[i + 1]] - V[S[i]]) / 2 : lo
        if (kind == "date" && n == 1) lo = hi = 43200
        HW[ax, S[i]] = lo < hi ? lo : hi
    }
    if (kind == "cat") {
        tics = ""
        for (i = 1; i <= n; i++) tics = tics (i > 1 ? ", " : "") "\"" S[i] "\" " (i - 1)
        TICS[ax] = "set " ax "tics (" tics ")"
    }
}
function before(a, b, kind) { return kind == "num" ? a + 0 < b + 0 : a < b }
AWKEOF
"$AWK" -v region="$REGION" -v xp="$XP" -v yp="$YP" -v metric="$METRIC" -v scale="$SCALE" \
    -v out="$TMP/heat.dat" -v meta="$TMP/heat.meta" \
    -f "$PLOTDIR/csv.awk" -f "$TMP/heat.awk" "$SWEEP" || die "cannot draw $SWEEP"

m() { sed -n "s/^$1=//p" "$TMP/heat.meta" | head -n 1; }
REGION=$(m region)
NOTE=''
[ "$(m dup)" = 1 ] && NOTE='(mean over the other varied parameters)'
LABELS=0
[ "$(m grid)" = 1 ] && [ "$(m cells)" -le 120 ] && LABELS=1
run_gp heatmap.gp "$FIGDIR/heatmap_$(safe_name "$REGION")_$(safe_name "$METRIC")" \
    "region=$(gpq "$REGION"); metric=$(gpq "$METRIC"); xname=$(gpq "$(m xname)"); yname=$(gpq "$(m yname)"); datafile=$(gpq "$TMP/heat.dat"); grid=$(m grid); xkind=$(gpq "$(m xkind)"); ykind=$(gpq "$(m ykind)"); xtics_cmd=$(gpq "$(m xtics)"); ytics_cmd=$(gpq "$(m ytics)"); zlab=$(gpq "$ZLAB"); labels=$LABELS; note=$(gpq "$NOTE")"
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
