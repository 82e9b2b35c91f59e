#!/bin/sh
# fanchart.sh: fan chart of a Monte Carlo bands.csv for one region and metric.
# Usage: plots/fanchart.sh BANDS.csv REGION METRIC [-o FIGDIR]
# See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() {
    cat <<'USAGE'
Usage: fanchart.sh BANDS.csv REGION METRIC [-o FIGDIR]

Draws the P5-P95 and P25-P75 bands, the median and the mean of METRIC for
region/group REGION from the bands.csv of `gasdep montecarlo`.
METRIC: demand_mcm, supplied_mcm, unserved_mcm, storage_fill, share_russia,
share_caspian, share_other or price_eur_mwh (fills and shares drawn in %).
Writes FIGDIR/fan_REGION_METRIC.png and .svg (default FIGDIR: figures/ next to
BANDS.csv).

  -o, --output FIGDIR  output directory.
  -h, --help           this text.
Exit status: 0 written, 1 rendering failed, 2 bad usage or no data.
USAGE
}

FIGDIR='' ARGS=''
set_arg() { if [ -z "${BANDS:-}" ]; then BANDS=$1; elif [ -z "${REGION:-}" ]; then REGION=$1;
            elif [ -z "${METRIC:-}" ]; then METRIC=$1; else die "unexpected argument: $1"; fi; }
BANDS='' REGION='' METRIC=''
while [ $# -gt 0 ]; do
    case $1 in
        -o|--output) [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        --output=*)  FIGDIR=${1#*=}; shift ;;
        -h|--help)   usage; exit 0 ;;
        -*)          usage >&2; die "unknown option: $1" ;;
        *)           set_arg "$1"; shift ;;
    esac
done
: "$ARGS"
[ -n "$METRIC" ] || { usage >&2; die "give BANDS.csv, REGION and METRIC"; }
[ -s "$BANDS" ] || die "no such file: $BANDS"
[ -n "$FIGDIR" ] || FIGDIR=$(dirname -- "$BANDS")/figures
need_tools
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp

case $METRIC in
    storage_fill)  SCALE=100 YLAB="Storage fill (%)" ;;
    share_*)       SCALE=100 YLAB="Share of supply, ${METRIC#share_} (%)" ;;
    price_eur_mwh) SCALE=1 YLAB="Price (EUR/MWh)" ;;
    *_mcm)         SCALE=1 YLAB="$(printf '%s' "${METRIC%_mcm}" | sed 's/^./\U&/') (mcm/d)" ;;
    *)             SCALE=1 YLAB=$METRIC ;;
esac
# colour: the origin group's colour for its share, else the first series colour
case $METRIC in
    share_*) g=${METRIC#share_}; COLOUR=$("$AWK" -v g="$g" -v names="$(palette_list GROUP_NAMES)" \
                 -v cols="$(palette_list GROUP_COLORS)" 'BEGIN { n = split(names, a, " "); split(cols, c, " ");
                 for (i = 1; i <= n; i++) if (a[i] == g) { print c[i]; exit } print c[n - 1] }') ;;
    *)       COLOUR=$(palette_list SERIES_COLORS | cut -d' ' -f1) ;;
esac

cat >"$TMP/fan.awk" <<'AWKEOF'
NR == 1 { csv_header($0); cd = csv_need("date", FILENAME); cr = csv_need("region", FILENAME)
          cm = csv_need("metric", FILENAME); cn = csv_need("n", FILENAME); cmean = csv_need("mean", FILENAME)
          c5 = csv_need("p5", FILENAME); c25 = csv_need("p25", FILENAME); c50 = csv_need("p50", FILENAME)
          c75 = csv_need("p75", FILENAME); c95 = csv_need("p95", FILENAME)
          print "date,p5,p25,p50,p75,p95,mean" > out; next }
{ csv_split($0, f) }
f[cr] == region && f[cm] == metric {
    rows++; if (f[cn] + 0 > runs) runs = f[cn] + 0
    printf "%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", f[cd], f[c5] * scale, f[c25] * scale,
           f[c50] * scale, f[c75] * scale, f[c95] * scale, f[cmean] * scale > out
}
END { if (CSV_FAILED) exit 2; print rows + 0, runs + 0 }
AWKEOF
"$AWK" -v region="$REGION" -v metric="$METRIC" -v scale="$SCALE" -v out="$TMP/fan.dat" \
    -f "$PLOTDIR/csv.awk" -f "$TMP/fan.awk" "$BANDS" >"$TMP/meta" || die "cannot read $BANDS"
read -r ROWS RUNS <"$TMP/meta"
[ "$ROWS" -gt 0 ] || die "no rows for region '$REGION' and metric '$METRIC' in $BANDS"

run_gp fanchart.gp "$FIGDIR/fan_$(safe_name "$REGION")_$(safe_name "$METRIC")" \
    "region=$(gpq "$REGION"); metric=$(gpq "$METRIC"); datafile=$(gpq "$TMP/fan.dat"); ylab=$(gpq "$YLAB"); colour=$(gpq "$COLOUR"); runs=$(gpq "$RUNS")"
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
