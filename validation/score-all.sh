#!/bin/sh
# Run every shipped scenario and print the Markdown table of validation scores
# (scenarios/README.md, "Calibration and validation protocol").
# usage: validation/score-all.sh BUILD_DIR [OUT_DIR] [myopic|rolling|both]
#   BUILD_DIR holds the gasdep binary; runs go to OUT_DIR (default out/validation).
#   Default mode: myopic only (full-horizon rolling runs of russia-cut-2022 take minutes).
set -eu
BUILD=${1:?usage: score-all.sh BUILD_DIR [OUT_DIR] [myopic|rolling|both]}
OUT=${2:-out/validation}
MODES=${3:-myopic}
[ "$MODES" = both ] && MODES="myopic rolling"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
GASDEP=$BUILD/gasdep
mkdir -p "$OUT"
echo "| scenario | foresight | score (all) | validation 2022-24 | calibration 2021 | input echoes | n/a |"
echo "|---|---|---|---|---|---|---|"
for f in "$ROOT"/scenarios/*.ini; do
    s=$(basename "$f" .ini)
    for m in $MODES; do
        d=$OUT/$s-$m
        "$GASDEP" run "$f" -q -o "$d" --set scenario.foresight=$m 2>/dev/null >/dev/null \
            || { echo "| \`$s\` | $m | run failed | | | | |"; continue; }
        python3 "$HERE/score.py" --brief "$d" | sed -n 's/^score [^:]*: \([0-9]*\) of \([0-9]*\) pass (validation \([0-9]* of [0-9]*\); calibration \([0-9]* of [0-9]*\); input echoes \([0-9]* of [0-9]*\); \([0-9]*\) n\/a)$/| `'"$s"'` | '"$m"' | \1 of \2 | \3 | \4 | \5 | \6 |/p'
    done
done
