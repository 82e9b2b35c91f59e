# lib.sh: shell helpers shared by render.sh and compare.sh (POSIX sh; sourced).
NL='
'
AWK=${AWK:-awk}
GNUPLOT=${GNUPLOT:-gnuplot}

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 2; }
note() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

need_tools() {
    command -v "$GNUPLOT" >/dev/null 2>&1 || die "gnuplot not found (Debian: apt-get install gnuplot-nox)"
    command -v "$AWK" >/dev/null 2>&1 || die "awk not found"
}

# file-name-safe form of a name
safe_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_'; }

# quote a string for a gnuplot single-quoted literal ('' stands for ')
gpq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

# value of key=VALUE in a .meta file written by the reshape programs (0 if none)
meta() { v=$(sed -n "s/^$2=//p" "$1" 2>/dev/null | head -n 1); printf '%s' "${v:-0}"; }

# the space-separated list NAME = "..." from palette.gp
palette_list() { sed -n "s/^$1 *= *\"\\([^\"]*\\)\".*/\\1/p" "$PLOTDIR/palette.gp" | head -n 1; }

# run_gp SCRIPT OUTBASE 'gnuplot -e assignments'
# renders OUTBASE.png and OUTBASE.svg; counts FIG_OK / FIG_FAIL
FIG_OK=0
FIG_FAIL=0
run_gp() {
    _script=$1 _outbase=$2 _vars=$3
    rm -f "$_outbase.png" "$_outbase.svg"
    if "$GNUPLOT" -e "plotdir=$(gpq "$PLOTDIR"); out=$(gpq "$_outbase"); $_vars" \
            "$PLOTDIR/$_script" >"$TMP/gp.log" 2>&1 \
        && [ -s "$_outbase.png" ] && [ -s "$_outbase.svg" ]; then
        FIG_OK=$((FIG_OK + 1))
        [ -n "${GASDEP_PLOT_VERBOSE:-}" ] && cat "$TMP/gp.log" >&2
        printf '%s\n' "$_outbase.png" "$_outbase.svg"
    else
        FIG_FAIL=$((FIG_FAIL + 1))
        note "failed to render $_outbase (.png/.svg) with $_script:"
        sed 's/^/    /' "$TMP/gp.log" >&2
    fi
    return 0
}

make_tmp() {
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-plots.XXXXXX") || die "cannot create a temporary directory"
    trap 'rm -rf "$TMP"' EXIT
    trap 'exit 130' INT TERM
}
