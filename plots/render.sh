#!/bin/sh
# render.sh: render all gasdep figures of one run directory (PNG and SVG).
# Usage: plots/render.sh OUTDIR [--region R ...] [--pipeline P ...] [-o FIGDIR]
#                               [--max-regions N] [--top-pipelines N]
# See plots/README.md.
set -u
PLOTDIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
. "$PLOTDIR/lib.sh"

usage() {
    cat <<'USAGE'
Usage: render.sh OUTDIR [--region R ...] [--pipeline P ...] [-o FIGDIR]
                        [--max-regions N] [--top-pipelines N]

Renders every figure of the gasdep run directory OUTDIR as PNG and SVG.

  -r, --region R        region or group to draw (repeatable). Default: every
                        group found in balance.csv plus the first N regions.
  -p, --pipeline P      pipeline for the utilisation figure (repeatable).
                        Default: the N pipelines whose utilisation varies most.
  -o, --output FIGDIR   where to write the figures (default OUTDIR/figures).
  -n, --max-regions N   regions (not groups) taken by default (default 4).
      --top-pipelines N pipelines taken by default (default 6).
  -h, --help            this text.

Figures (NAME = region name with characters other than A-Za-z0-9_.- made _):
  supply_NAME         stacked daily supply by origin group, mcm/d (+ demand line)
  group_shares_NAME   origin-group shares of supply, %
  origin_shares_NAME  origin shares of supply, % (largest 11 origins + rest)
  via_shares_NAME     share of supply that passed each corridor, % (runs with
                      corridors: via_shares.csv; shares need not sum to 100)
  storage_NAME        storage fill vs target fill, % (only where storage exists)
  unserved            unserved demand of the chosen regions, mcm/d
  utilisation         utilisation of the chosen pipelines, %
Exit status: 0 all rendered, 1 some figure failed, 2 bad usage or no input.
USAGE
}

OUTDIR='' FIGDIR='' REGIONS='' PIPELINES='' NREG=4 NPIPE=6
while [ $# -gt 0 ]; do
    case $1 in
        -r|--region)   [ $# -ge 2 ] || die "$1 needs a value"; REGIONS="$REGIONS$2$NL"; shift 2 ;;
        --region=*)    REGIONS="$REGIONS${1#*=}$NL"; shift ;;
        -p|--pipeline) [ $# -ge 2 ] || die "$1 needs a value"; PIPELINES="$PIPELINES$2$NL"; shift 2 ;;
        --pipeline=*)  PIPELINES="$PIPELINES${1#*=}$NL"; shift ;;
        -o|--output)   [ $# -ge 2 ] || die "$1 needs a value"; FIGDIR=$2; shift 2 ;;
        --output=*)    FIGDIR=${1#*=}; shift ;;
        -n|--max-regions) [ $# -ge 2 ] || die "$1 needs a value"; NREG=$2; shift 2 ;;
        --top-pipelines)  [ $# -ge 2 ] || die "$1 needs a value"; NPIPE=$2; shift 2 ;;
        -h|--help)     usage; exit 0 ;;
        --)            shift; [ $# -gt 0 ] && { [ -z "$OUTDIR" ] || die "only one OUTDIR"; OUTDIR=$1; shift; }
                       [ $# -eq 0 ] || die "unexpected argument: $1" ;;
        -*)            usage >&2; die "unknown option: $1" ;;
        *)             [ -z "$OUTDIR" ] || die "only one OUTDIR (got '$OUTDIR' and '$1')"; OUTDIR=$1; shift ;;
    esac
done
[ -n "$OUTDIR" ] || { usage >&2; die "no OUTDIR given"; }
[ -d "$OUTDIR" ] || die "no such run directory: $OUTDIR"
case $NREG in ''|*[!0-9]*) die "--max-regions needs a whole number" ;; esac
case $NPIPE in ''|*[!0-9]*) die "--top-pipelines needs a whole number" ;; esac
need_tools

BAL=$OUTDIR/balance.csv GS=$OUTDIR/group_shares.csv OS=$OUTDIR/shares.csv
VS=$OUTDIR/via_shares.csv
FL=$OUTDIR/flows.csv SUM=$OUTDIR/summary.csv
[ -s "$BAL" ] || [ -s "$GS" ] || die "$OUTDIR has neither balance.csv nor group_shares.csv"
[ -n "$FIGDIR" ] || FIGDIR=$OUTDIR/figures
mkdir -p -- "$FIGDIR" || die "cannot create $FIGDIR"
make_tmp
# titles name the scenario (manifest.csv's scenario_name), not the directory
LABEL=$("$AWK" -F, '$1 == "scenario_name" { sub(/^[^,]*,/, ""); gsub(/"/, ""); print; exit }' \
        "$OUTDIR/manifest.csv" 2>/dev/null)
[ -n "$LABEL" ] || LABEL=$(basename -- "$(CDPATH='' cd -- "$OUTDIR" && pwd)")

# --- which regions ------------------------------------------------------------
if [ -z "$REGIONS" ]; then
    src=$BAL; [ -s "$src" ] || src=$GS
    if [ -s "$SUM" ]; then
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/list_regions.awk" mode=summary "$SUM" mode=data "$src" >"$TMP/regions.txt"
    else
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/list_regions.awk" mode=data "$src" >"$TMP/regions.txt"
    fi || die "cannot read the region list from $src"
    REGIONS=$( { sed -n 's/^group	//p' "$TMP/regions.txt"
                 sed -n 's/^region	//p' "$TMP/regions.txt" | head -n "$NREG"; } )
    REGIONS="$REGIONS$NL"
    [ -n "${REGIONS%"$NL"}" ] || die "no regions found in $src"
fi
export REGIONS OUT="$TMP"

# --- reshape ----------------------------------------------------------------------
if [ -s "$BAL" ]; then
    "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_balance.awk" "$BAL" || die "cannot reshape $BAL"
else note "no balance.csv: skipping storage, unserved and the demand line"; fi
if [ -s "$GS" ]; then
    PREFIX=gs SERIES=group ORDER=$(palette_list GROUP_NAMES) MAXSERIES=0 KEEP='' \
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_shares.awk" "$GS" || die "cannot reshape $GS"
else note "no group_shares.csv: skipping supply and group-share figures"; fi
if [ -s "$OS" ]; then
    PREFIX=os SERIES=origin ORDER=$(palette_list ORIGIN_NAMES) MAXSERIES=12 KEEP='' \
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_shares.awk" "$OS" || die "cannot reshape $OS"
else note "no shares.csv: skipping origin-share figures"; fi
if [ -s "$VS" ]; then
    PREFIX=vs SERIES=corridor ORDER='' MAXSERIES=0 KEEP='' \
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_shares.awk" "$VS" || die "cannot reshape $VS"
fi
if [ -s "$FL" ]; then
    PIPELINES=$PIPELINES TOPN=$NPIPE \
        "$AWK" -f "$PLOTDIR/csv.awk" -f "$PLOTDIR/reshape_flows.awk" "$FL" || die "cannot reshape $FL"
else note "no flows.csv: skipping the utilisation figure"; fi

# --- figures per region -------------------------------------------------------
k=0
while IFS= read -r r; do
    [ -n "$r" ] || continue
    k=$((k + 1))
    s=$(safe_name "$r")
    if [ ! -f "$TMP/bal_$k.meta" ] && [ ! -f "$TMP/gs_$k.names" ] && [ ! -f "$TMP/os_$k.names" ]; then
        note "region '$r' not found in $OUTDIR: skipped"; continue
    fi
    demand="''"
    [ "$(meta "$TMP/bal_$k.meta" demand)" -gt 0 ] && demand=$(gpq "$TMP/bal_$k.dat")
    if [ -f "$TMP/gs_$k.names" ]; then
        names=$(cat "$TMP/gs_$k.names")
        if [ -n "$names" ]; then
            run_gp supply.gp "$FIGDIR/supply_$s" "region=$(gpq "$r"); volfile=$(gpq "$TMP/gs_${k}_vol.dat"); names=$(gpq "$names"); demandfile=$demand"
            run_gp shares.gp "$FIGDIR/group_shares_$s" "region=$(gpq "$r"); sharefile=$(gpq "$TMP/gs_${k}_share.dat"); names=$(gpq "$names"); kind='group'"
        else note "region '$r': no non-zero supply in group_shares.csv, supply/group_shares skipped"; fi
    fi
    if [ -f "$TMP/os_$k.names" ]; then
        names=$(cat "$TMP/os_$k.names")
        if [ -n "$names" ]; then
            run_gp shares.gp "$FIGDIR/origin_shares_$s" "region=$(gpq "$r"); sharefile=$(gpq "$TMP/os_${k}_share.dat"); names=$(gpq "$names"); kind='origin'"
        else note "region '$r': no non-zero supply in shares.csv, origin_shares skipped"; fi
    fi
    if [ -f "$TMP/vs_$k.names" ]; then
        names=$(cat "$TMP/vs_$k.names")
        if [ -n "$names" ]; then
            run_gp shares.gp "$FIGDIR/via_shares_$s" "region=$(gpq "$r"); sharefile=$(gpq "$TMP/vs_${k}_share.dat"); names=$(gpq "$names"); kind='corridor'"
        else note "region '$r': no gas passed a corridor, via_shares skipped"; fi
    fi
    if [ "$(meta "$TMP/bal_$k.meta" storage)" -gt 0 ]; then
        tgt=0; [ "$(meta "$TMP/bal_$k.meta" target)" -gt 0 ] && tgt=1
        run_gp storage.gp "$FIGDIR/storage_$s" "region=$(gpq "$r"); balfile=$(gpq "$TMP/bal_$k.dat"); hastarget=$tgt"
    elif [ -f "$TMP/bal_$k.meta" ]; then
        note "region '$r': no storage data, storage figure skipped"
    fi
done <<EOF_REGIONS
$REGIONS
EOF_REGIONS

# --- figures across regions / pipelines ------------------------------------------
n=$(meta "$TMP/unserved.meta" series)
[ "$n" -gt 0 ] && run_gp unserved.gp "$FIGDIR/unserved" "datafile=$(gpq "$TMP/unserved.dat"); N=$n; label=$(gpq "$LABEL")"
n=$(meta "$TMP/util.meta" series)
if [ "$n" -gt 0 ]; then
    run_gp utilisation.gp "$FIGDIR/utilisation" "datafile=$(gpq "$TMP/util.dat"); N=$n; label=$(gpq "$LABEL")"
elif [ -s "$FL" ]; then note "no pipeline with utilisation data: utilisation figure skipped"; fi

if [ "$FIG_FAIL" -gt 0 ]; then note "$FIG_OK figure(s) written to $FIGDIR, $FIG_FAIL failed"
else note "$FIG_OK figure(s) written to $FIGDIR"; fi
[ "$FIG_FAIL" -eq 0 ] || exit 1
exit 0
