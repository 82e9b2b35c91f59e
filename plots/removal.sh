#!/bin/sh
# removal.sh: figures of `gasdep dependence` and `gasdep criticality`.
# Usage: plots/removal.sh TABLE.csv [--region R] [--metric COLUMN] [--top N]
#                         [-o FIGDIR]
# dependence.csv: a heat map, regions x removed sources (default metric
#   cannot_do_without, in %); criticality.csv: the ranked bar chart of the
#   --top elements (default 15) of region/group R (default EU) by the unserved
#   gas their removal adds (default metric added_unserved_gwh).
# Writes FIGDIR/dependence_METRIC.png/.svg or criticality_R_METRIC.png/.svg
# (default FIGDIR: figures/ next to TABLE.csv). See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }

TABLE='' REGION=EU METRIC='' TOP=15 FIGDIR=''
while [ $# -gt 0 ]; do
    case $1 in
        -r|--region) [ $# -ge 2 ] || die "$1 needs a value"; REGION=$2; shift 2 ;;
        -m|--metric) [ $# -ge 2 ] || die "$1 needs a value"; METRIC=$2; shift 2 ;;
        -n|--top)    [ $# -ge 2 ] || die "$1 needs a value"; TOP=$2; shift 2 ;;
        -o|--output) [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        -h|--help)   usage; exit 0 ;;
        -*)          usage >&2; die "unknown option: $1" ;;
        *)           [ -z "$TABLE" ] || die "only one TABLE.csv"; TABLE=$1; shift ;;
    esac
done
[ -n "$TABLE" ] || { usage >&2; die "no TABLE.csv given"; }
[ -s "$TABLE" ] || die "no such file: $TABLE"
case $TOP in ''|*[!0-9]*) die "--top needs a whole number" ;; esac
[ -n "$FIGDIR" ] || FIGDIR=$(dirname -- "$TABLE")/figures
need_tools
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp

case $(head -n 1 "$TABLE") in
    source,source_kind,*) KIND=dependence; METRIC=${METRIC:-cannot_do_without} ;;
    region,kind,rank,element,*) KIND=criticality; METRIC=${METRIC:-added_unserved_gwh} ;;
    *) die "$TABLE: neither dependence.csv nor criticality.csv" ;;
esac
case $METRIC in *share*|cannot_do_without) SCALE=100 ZLAB="$METRIC (%)" ;; *) SCALE=1 ZLAB=$METRIC ;; esac

if [ "$KIND" = dependence ]; then
    # cells: x = source (column order of first appearance), y = region
    cat >"$TMP/d.awk" <<'AWKEOF'
        NR == 1 { csv_header($0); cs = csv_need("source", FILENAME); cr = csv_need("region", FILENAME)
                  ck = csv_need("kind", FILENAME); cz = csv_need(metric, FILENAME); next }
        { csv_split($0, f) }
        f[ck] != "region" || !csv_isnum(f[cz]) { next }
        { if (!(f[cs] in X)) { X[f[cs]] = nx++; XN[nx] = f[cs] }
          if (!(f[cr] in Y)) { Y[f[cr]] = ny++; YN[ny] = f[cr] }
          printf "%d %d %.10g 0.5 0.5\n", X[f[cs]], Y[f[cr]], f[cz] * scale > out; n++ }
        END { if (CSV_FAILED) exit 2
              if (!n) { print "error: no region rows with a numeric " metric > "/dev/stderr"; exit 2 }
              t = ""; for (i = 1; i <= nx; i++) t = t (i > 1 ? ", " : "") "\"" XN[i] "\" " (i - 1)
              print "xtics=set xtics rotate by 45 right (" t ")" > meta
              t = ""; for (i = 1; i <= ny; i++) t = t (i > 1 ? ", " : "") "\"" YN[i] "\" " (i - 1)
              print "ytics=set ytics (" t ")" > meta
              print "cells=" n > meta }
AWKEOF
    "$AWK" -v metric="$METRIC" -v scale="$SCALE" -v out="$TMP/d.dat" -v meta="$TMP/d.meta" \
        -f "$PLOTDIR/csv.awk" -f "$TMP/d.awk" "$TABLE" || die "cannot draw $TABLE"
    m() { sed -n "s/^$1=//p" "$TMP/d.meta" | head -n 1; }
    LABELS=0
    [ "$(m cells)" -le 120 ] && LABELS=1
    run_gp heatmap.gp "$FIGDIR/dependence_$(safe_name "$METRIC")" \
        "region='dependence'; metric=$(gpq "$METRIC"); xname='source removed'; yname='region'; datafile=$(gpq "$TMP/d.dat"); grid=1; xkind='cat'; ykind='cat'; xtics_cmd=$(gpq "$(m xtics)"); ytics_cmd=$(gpq "$(m ytics)"); zlab=$(gpq "$ZLAB"); labels=$LABELS; note=''"
else
    cat >"$TMP/c.awk" <<'AWKEOF'
        NR == 1 { csv_header($0); cr = csv_need("region", FILENAME); ce = csv_need("element", FILENAME)
                  ck = csv_need("element_kind", FILENAME); cn = csv_need("rank", FILENAME)
                  cz = csv_need(metric, FILENAME); next }
        { csv_split($0, f) }
        f[cr] == region && f[cn] + 0 <= top + 0 && csv_isnum(f[cz]) {
            gsub(/\t/, " ", f[ce]); printf "%d\t%s (%s)\t%.10g\n", f[cn], f[ce], f[ck], f[cz] * scale > out; n++ }
        END { if (CSV_FAILED) exit 2
              if (!n) { print "error: no rows for region '" region "' with a numeric " metric > "/dev/stderr"; exit 2 } }
AWKEOF
    "$AWK" -v metric="$METRIC" -v scale="$SCALE" -v region="$REGION" -v top="$TOP" -v out="$TMP/c.dat" \
        -f "$PLOTDIR/csv.awk" -f "$TMP/c.awk" "$TABLE" || die "cannot draw $TABLE"
    run_gp criticality.gp "$FIGDIR/criticality_$(safe_name "$REGION")_$(safe_name "$METRIC")" \
        "region=$(gpq "$REGION"); metric=$(gpq "$ZLAB"); datafile=$(gpq "$TMP/c.dat")"
fi
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
