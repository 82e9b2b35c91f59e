#!/bin/sh
# survival.sh: the survival-time distribution of a Monte Carlo, by region.
# Usage: plots/survival.sh SURVIVAL_DISTRIBUTION.csv [--region R ...] [-o FIGDIR]
# See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() {
    cat <<'USAGE'
Usage: survival.sh SURVIVAL_DISTRIBUTION.csv [--region R ...] [-o FIGDIR]

Draws, per region/group of survival_distribution.csv (gasdep montecarlo), the
survival time: days from the run's first disruption event to the first
shortfall, as P5-P95 whiskers, a P25-P75 box and the median, with the share
of runs without a shortfall. Quantiles that fall among runs without a
shortfall lie beyond the horizon and are drawn to the dashed line.
Writes FIGDIR/survival.png and .svg (default FIGDIR: figures/ next to the file).

  -r, --region R       draw only these regions/groups (repeatable; default all).
  -o, --output FIGDIR  output directory.
  -h, --help           this text.
Exit status: 0 written, 1 rendering failed, 2 bad usage or no data.
USAGE
}

FIGDIR='' FILE='' REGIONS=''
while [ $# -gt 0 ]; do
    case $1 in
        -r|--region) [ $# -ge 2 ] || die "$1 needs a value"; REGIONS="$REGIONS$2$NL"; shift 2 ;;
        -o|--output) [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        --output=*)  FIGDIR=${1#*=}; shift ;;
        -h|--help)   usage; exit 0 ;;
        -*)          usage >&2; die "unknown option: $1" ;;
        *)           [ -z "$FILE" ] || die "unexpected argument: $1"; FILE=$1; shift ;;
    esac
done
[ -n "$FILE" ] || { usage >&2; die "give survival_distribution.csv"; }
[ -s "$FILE" ] || die "no such file: $FILE"
[ -n "$FIGDIR" ] || FIGDIR=$(dirname -- "$FILE")/figures
need_tools
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp
export REGIONS

cat >"$TMP/surv.awk" <<'AWKEOF'
BEGIN { nw = csv_envlist("REGIONS", W); for (i = 1; i <= nw; i++) WANT[W[i]] = 1 }
NR == 1 { csv_header($0); cr = csv_need("region", FILENAME); cno = csv_need("p_no_shortfall", FILENAME)
          c[1] = csv_need("p5_days", FILENAME); c[2] = csv_need("p25_days", FILENAME)
          c[3] = csv_need("p50_days", FILENAME); c[4] = csv_need("p75_days", FILENAME)
          c[5] = csv_need("p95_days", FILENAME); next }
{ csv_split($0, f); r = csv_trim(f[cr]) }
nw && !(r in WANT) { next }
{
    n++; NAME[n] = r; PNO[n] = f[cno] + 0
    for (q = 1; q <= 5; q++) {
        v = csv_trim(f[c[q]]); V[n, q] = v
        if (csv_isnum(v) && v + 0 > xmax) xmax = v + 0
    }
}
END {
    if (CSV_FAILED) exit 2
    beyond = xmax * 1.2 + 1 # where quantiles beyond the horizon are drawn
    for (i = 1; i <= n; i++) {
        line = i "\t" NAME[i]
        for (q = 1; q <= 5; q++) {
            v = V[i, q]
            if (!csv_isnum(v)) v = PNO[i] >= 1 ? "NaN" : beyond
            line = line "\t" v
        }
        note = PNO[i] >= 1 ? "never short" : (PNO[i] > 0 ? sprintf("%.0f%% of runs never short", 100 * PNO[i]) : "")
        print line "\t" (note == "" ? " " : note) > out
    }
    print n + 0, beyond
}
AWKEOF
"$AWK" -v out="$TMP/surv.dat" -f "$PLOTDIR/csv.awk" -f "$TMP/surv.awk" "$FILE" >"$TMP/meta" \
    || die "cannot read $FILE"
read -r ROWS XMAX <"$TMP/meta"
[ "$ROWS" -gt 0 ] || die "no rows to draw in $FILE"
LABEL=$(basename -- "$(CDPATH='' cd -- "$(dirname -- "$FILE")" && pwd)")

run_gp survival.gp "$FIGDIR/survival" \
    "label=$(gpq "$LABEL"); datafile=$(gpq "$TMP/surv.dat"); xmax=$XMAX"
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
