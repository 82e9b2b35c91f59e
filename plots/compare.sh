#!/bin/sh
# compare.sh: compare the Russian and Caspian shares of one region across runs.
# Usage: plots/compare.sh [-o FIGDIR] --region R [--group G ...] RUNDIR1 RUNDIR2 ...
# See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() {
    cat <<'USAGE'
Usage: compare.sh [-o FIGDIR] --region R [--group G ...] RUNDIR1 [RUNDIR2 ...]

Draws the shares of origin groups russia and caspian (from group_shares.csv) of
region/group R in each run directory: one line per run x group, colour = group,
dash and marker = run, labelled "<run dir basename>: <group>".
Writes FIGDIR/compare_NAME.png and .svg (NAME = R with characters other than
A-Za-z0-9_.- made _).

  -r, --region R       region or group to compare (required).
  -g, --group G        origin group to draw (repeatable; default russia, caspian).
  -o, --output FIGDIR  output directory (default ./figures).
  -h, --help           this text.
Exit status: 0 written, 1 rendering failed, 2 bad usage or no usable run.
USAGE
}

FIGDIR='' REGION='' GROUPS_='' RUNS=''
while [ $# -gt 0 ]; do
    case $1 in
        -r|--region)  [ $# -ge 2 ] || die "$1 needs a value"; REGION=$2; shift 2 ;;
        --region=*)   REGION=${1#*=}; shift ;;
        -g|--group)   [ $# -ge 2 ] || die "$1 needs a value"; GROUPS_="$GROUPS_ $(printf '%s' "$2" | tr ' ,' '__')"; shift 2 ;;
        --group=*)    GROUPS_="$GROUPS_ $(printf '%s' "${1#*=}" | tr ' ,' '__')"; shift ;;
        -o|--output)  [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        --output=*)   FIGDIR=${1#*=}; shift ;;
        -h|--help)    usage; exit 0 ;;
        --)           shift; for a in "$@"; do RUNS="$RUNS$a$NL"; done; break ;;
        -*)           usage >&2; die "unknown option: $1" ;;
        *)            RUNS="$RUNS$1$NL"; shift ;;
    esac
done
[ -n "$REGION" ] || { usage >&2; die "--region is required"; }
[ -n "$RUNS" ] || { usage >&2; die "no run directories given"; }
GROUPS_=${GROUPS_# }
[ -n "$GROUPS_" ] || GROUPS_="russia caspian"
[ -n "$FIGDIR" ] || FIGDIR=figures
need_tools
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp

# labels: run directory basename; parent/basename where basenames repeat
printf '%s' "$RUNS" | while IFS= read -r d; do
    [ -n "$d" ] || continue
    a=$(CDPATH='' cd -- "$d" 2>/dev/null && pwd) || a=$d
    printf '%s\t%s\t%s\n' "$(basename -- "$a")" "$(basename -- "$(dirname -- "$a")")" "$d"
done >"$TMP/runs.txt"

N=0 PIS=''
while IFS='	' read -r base parent dir; do
    label=$base
    [ "$("$AWK" -F'\t' -v b="$base" '$1 == b' "$TMP/runs.txt" | wc -l)" -gt 1 ] && label="$parent/$base"
    if [ ! -s "$dir/group_shares.csv" ]; then note "$dir: no group_shares.csv, run skipped"; continue; fi
    mkdir -p "$TMP/w" && rm -f "$TMP/w/"*
    REGIONS="$REGION$NL" OUT="$TMP/w" PREFIX=gs SERIES=group KEEP="$GROUPS_" ORDER="$GROUPS_" MAXSERIES=0 \
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_shares.awk" "$dir/group_shares.csv" \
        || { note "$dir: cannot read group_shares.csv, run skipped"; continue; }
    if [ ! -s "$TMP/w/gs_1_share.dat" ] || [ "$(wc -l <"$TMP/w/gs_1_share.dat")" -lt 2 ]; then
        note "$dir: region '$REGION' not in group_shares.csv, run skipped"; continue
    fi
    N=$((N + 1))
    lab=$(printf '%s' "$label" | tr ',' ';')
    { printf 'date'; for g in $GROUPS_; do printf ',%s: %s' "$lab" "$g"; done; printf '\n'
      sed 1d "$TMP/w/gs_1_share.dat"; } >"$TMP/run_$N.dat"
    r=$(($(wc -l <"$TMP/run_$N.dat") / 10)); [ "$r" -ge 1 ] || r=1   # ~10 markers per line
    PIS="$PIS $r"
    sed 1d "$TMP/run_$N.dat" | cut -d, -f1 >>"$TMP/dates.txt"
done <"$TMP/runs.txt"
[ "$N" -gt 0 ] || die "no run directory has group shares for '$REGION'"
{ echo date; sort -u "$TMP/dates.txt"; } >"$TMP/dates.dat"   # x range over all runs

run_gp compare.gp "$FIGDIR/compare_$(safe_name "$REGION")" \
    "region=$(gpq "$REGION"); filepat=$(gpq "$TMP/run_%d.dat"); N=$N; groups=$(gpq "$GROUPS_"); pis='${PIS# }'; timefile=$(gpq "$TMP/dates.dat")"
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
