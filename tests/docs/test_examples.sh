#!/bin/bash
# test_examples.sh: every documented example runs as written on the shipped
# scenarios. Collects the command lines of README.md, scenarios/*.md,
# docs/*.md, plots/README.md and the sweep files' comments (code blocks and
# `inline` spans that start with gasdep, build/gasdep or plots/), the
# "example:" lines of every `gasdep COMMAND --help`, the C examples of the
# public headers and the README (gasdep_load / gasdep_set,
# gasdep_batch_set_scenario / gasdep_batch_vary, run as the CLI's --set and
# --vary, which call the same functions), and the complete scenario example
# of FORMAT.md, and (with GASDEP_PYTHON) the Python blocks of README.md and
# docs/*.md and the scripts docs/*.py; runs them in a scratch directory
# (scenarios/ and plots/ linked in). Synopses with placeholders (SCENARIO, DIR, PATH=VALUE, ...) are
# not examples and are skipped. Prints "N passed, M failed" and exits
# non-zero on any failure.
set -u
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
ROOT=$(CDPATH='' cd -- "$HERE/../.." && pwd) || exit 2
BIN=${GASDEP_BIN:-$ROOT/build/gasdep}
[ -x "$BIN" ] || { echo "FAIL: no gasdep binary (GASDEP_BIN)"; exit 1; }

PASS=0 FAIL=0
T=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-examples.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
W=$T/work
mkdir -p "$W"
ln -s "$ROOT/scenarios" "$W/scenarios"
ln -s "$ROOT/plots" "$W/plots"
mkdir -p "$W/build"
ln -s "$BIN" "$W/build/gasdep"

CMDS=$T/cmds
: >"$CMDS"

# placeholder words of synopses: a line with one is not an example
PLACEHOLDER='(^|[^A-Za-z_])(SCENARIO|DIR|RUN_DIR|RUN_A|RUN_B|FILE|PATH|VALUE|SPEC|KIND|RUNS|NAME|COMMAND|FIGDIR|PARAM|COLUMN|SWEEP|N|K|S|D|P|X)([^A-Za-z_]|$)|\.\.\.|…|\[|[^ ]\|[^ ]|x\.ini'

# 1. markdown: code-block lines and inline spans
for md in "$ROOT"/README.md "$ROOT"/scenarios/*.md "$ROOT"/scenarios/sweeps/*.md \
          "$ROOT"/docs/*.md "$ROOT"/plots/README.md; do
    [ -f "$md" ] || continue
    awk '
        /^```/ { code = !code; next }
        code && /^(build\/)?gasdep |^plots\/[a-z]+\.sh / { sub(/[ \t]+#.*$/, ""); print; next }
        {
            s = $0
            while (match(s, /`((build\/)?gasdep |plots\/[a-z]+\.sh )[^`]*`/)) {
                print substr(s, RSTART + 1, RLENGTH - 2)
                s = substr(s, RSTART + RLENGTH)
            }
        }' "$md" | sed 's/^/'"$(basename "$md")"'\t/' >>"$CMDS"
done
# 2. sweep files' comments: ";   gasdep ..." and ";   plots/..."
for ini in "$ROOT"/scenarios/sweeps/*.ini; do
    sed -n 's/^;[ \t]*\(\(gasdep\|plots\/\)[^;]*\)$/\1/p' "$ini" |
        sed 's/^/'"$(basename "$ini")"'\t/' >>"$CMDS"
done
# 3. --help of every subcommand: "example: ..." lines
for c in run check list aggregate diff sweep montecarlo dependence criticality; do
    "$BIN" "$c" --help | sed -n 's/^example: //p' | sed "s/^/--help $c\t/" >>"$CMDS"
done
# 4. C examples in the public headers and the README: the scenario loaded (or
# named in the comment, "on scenarios/X.ini") and the paths set or varied
for src in "$ROOT"/include/gasdep/*.h "$ROOT"/README.md; do
    awk -v src="$(basename "$src")" '
        match($0, /scenarios\/[A-Za-z0-9_\/.-]+\.ini/) { scen = substr($0, RSTART, RLENGTH) }
        /\("[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+",/ {
            t = $0
            if (t ~ /",[ \t]*$/) { getline nx; sub(/^[ \t*]*/, "", nx); t = t " " nx }
            while (match(t, /\("[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+", *"[^"]+"\)/)) {
                split(substr(t, RSTART, RLENGTH), q, "\"")
                if (scen != "")
                    printf "%s\tgasdep check %s --set \"%s=%s\"\n", src, scen, q[2], q[4]
                t = substr(t, RSTART + RLENGTH)
            }
        }
        /gasdep_set\(m, "/ {
            split($0, q, "\"")
            if (scen != "")
                printf "%s\tgasdep check %s --set \"%s=%s\"\n", src, scen, q[2], q[4]
        }
        match($0, /gasdep_batch_vary\(b, "[^"]+"\)/) {
            t = substr($0, RSTART, RLENGTH); split(t, q, "\"")
            printf "%s\tgasdep sweep %s --vary \"%s\" --list\n", src, scen, q[2]
        }' "$src" >>"$CMDS"
done

# run: simulations first (their directories feed aggregate, diff and plots)
run_one() { # SOURCE COMMAND
    local src=$1 cmd=$2 shown
    shown=$cmd
    cmd=$(printf '%s' "$cmd" | sed -E 's#^(build/)?gasdep #build/gasdep #')
    if ( cd "$W" && bash -o pipefail -c "$cmd" ) >"$T/out" 2>"$T/err"; then
        PASS=$((PASS + 1))
    else
        # `| head` may end the producer early: SIGPIPE is not a failure
        if printf '%s' "$cmd" | grep -q '| *head' && ( cd "$W" && bash -c "$cmd" ) >/dev/null 2>&1; then
            PASS=$((PASS + 1))
        else
            FAIL=$((FAIL + 1))
            printf 'FAIL (%s): %s\n' "$src" "$shown"
            sed 's/^/    /' "$T/err" | head -5
        fi
    fi
}
SEEN=$T/seen
: >"$SEEN"
for phase in 1 2; do
    while IFS="$(printf '\t')" read -r src cmd; do
        [ -n "$cmd" ] || continue
        printf '%s\n' "$cmd" | grep -Eq "$PLACEHOLDER" && continue
        # a bare "gasdep sweep" in a sentence names a command, it is no example
        [ "$(printf '%s\n' "$cmd" | wc -w)" -ge 3 ] || continue
        case $cmd in
            *gasdep\ aggregate*|*gasdep\ diff*|plots/*) p=2 ;;
            *) p=1 ;;
        esac
        [ "$p" = "$phase" ] || continue
        grep -qxF -- "$cmd" "$SEEN" && continue
        printf '%s\n' "$cmd" >>"$SEEN"
        run_one "$src" "$cmd"
    done <"$CMDS"
done

# 5. the complete example of FORMAT.md loads and checks
awk '/^## A complete small example/ { on = 1 } on && /^```ini/ { code = 1; next }
     code && /^```/ { exit } code { print }' "$ROOT/scenarios/FORMAT.md" >"$T/example.ini"
if [ -s "$T/example.ini" ] && "$BIN" check "$T/example.ini" >/dev/null 2>"$T/err"; then
    PASS=$((PASS + 1))
else
    FAIL=$((FAIL + 1))
    echo "FAIL (FORMAT.md): the complete small example does not check"
    sed 's/^/    /' "$T/err" | head -5
fi

# 6. Python: every ```python block of README.md and docs/*.md, and every
# script of docs/*.py, run as written from the scratch directory with the
# package of this checkout (GASDEP_PYTHON, GASDEP_LIBRARY; set by ctest).
# Warnings of the package are errors: an example must not hide one.
NPY=0
if [ -n "${GASDEP_PYTHON:-}" ]; then
    for md in "$ROOT"/README.md "$ROOT"/docs/*.md; do
        awk -v base="$T/py-$(basename "$md" .md)" '
            /^```python/ { n++; f = base "-" n ".py"; code = 1; next }
            /^```/ { code = 0; next }
            code { print > f }' "$md"
    done
    for py in "$T"/py-*.py "$ROOT"/docs/*.py; do
        [ -f "$py" ] || continue
        NPY=$((NPY + 1))
        if ( cd "$W" && env PYTHONPATH="$ROOT/python" \
                "$GASDEP_PYTHON" -W error::gasdep.GasdepWarning "$py" ) >"$T/out" 2>"$T/err"; then
            PASS=$((PASS + 1))
        else
            FAIL=$((FAIL + 1))
            printf 'FAIL (python): %s\n' "$(basename "$py")"
            tail -n 5 "$T/err" | sed 's/^/    /'
        fi
    done
    if [ "$NPY" -lt 2 ]; then
        FAIL=$((FAIL + 1))
        echo "FAIL: only $NPY Python examples found (README.md's block, docs/python_example.py)"
    fi
fi

# 7. the README's table of what `make run` installs names every library
# CMakeLists.txt requires (it once said GLPK and left out Clp)
row=$(grep -E '^\| `make run` \|' "$ROOT/README.md")
for lib in GSL inih GLPK libcsv libmd Clp; do
    if ! printf '%s' "$row" | grep -qi -- "$lib"; then
        FAIL=$((FAIL + 1)); echo "FAIL: README's make run row does not name $lib"
    fi
done
for mod in $(sed -n 's/^pkg_check_modules([A-Z]* REQUIRED IMPORTED_TARGET \([a-z]*\)).*/\1/p' "$ROOT/CMakeLists.txt"); do
    printf '%s' "$row" | grep -qi -- "$mod" || { FAIL=$((FAIL + 1)); echo "FAIL: README's make run row does not name $mod"; }
done

# the test must have found the examples it is about
n=$(wc -l <"$SEEN")
if [ "$n" -lt 15 ]; then
    FAIL=$((FAIL + 1))
    echo "FAIL: only $n examples found: the extraction is broken"
fi
for want in "gasdep aggregate" "gasdep diff" "gasdep list" "pipeline.TAP-AL-IT" "--vary"; do
    if ! grep -qF -- "$want" "$SEEN"; then
        FAIL=$((FAIL + 1))
        echo "FAIL: no example with '$want' was run"
    fi
done

[ -n "${VERBOSE:-}" ] && cat "$SEEN"
echo "$PASS passed, $FAIL failed ($n command examples, $NPY Python examples)"
[ "$FAIL" -eq 0 ]
