#!/bin/sh
# readme-figures.sh: re-render the figures of README.md (docs/figures/) from
# fresh runs of the reference scenarios, so that they always show what the
# engine and inputs of the commit produce.
# usage: sh scripts/readme-figures.sh BUILD_DIR [WORK_DIR]
set -eu
BUILD=${1:?usage: readme-figures.sh BUILD_DIR [WORK_DIR]}
WORK=${2:-$(mktemp -d)}
GASDEP=$BUILD/gasdep
FIG=docs/figures
mkdir -p "$WORK" "$FIG"
for s in russia-cut-2022 baseline-2021 full-russian-stop-winter southern-corridor-expansion; do
    "$GASDEP" run "scenarios/$s.ini" -o "$WORK/$s" -q
done
plots/render.sh "$WORK/russia-cut-2022" --region EU --region DE -o "$WORK/fig-cut" >/dev/null
cp "$WORK/fig-cut/group_shares_EU.png" "$FIG/russia-cut-2022_group_shares_EU.png"
cp "$WORK/fig-cut/storage_DE.png" "$FIG/russia-cut-2022_storage_DE.png"
plots/compare.sh -o "$WORK/fig-compare" --region SEE "$WORK/baseline-2021" \
    "$WORK/full-russian-stop-winter" "$WORK/southern-corridor-expansion" >/dev/null
cp "$WORK/fig-compare/compare_SEE.png" "$FIG/compare_SEE.png"
plots/map.sh "$WORK/baseline-2021" --metric share_mean_russia -o "$WORK/fig-map-b" \
    --title "Russian share of supplied gas, baseline 2021 (gas year 2021/22)" >/dev/null
cp "$WORK/fig-map-b"/map_share_mean_russia*.png "$FIG/map_russia_share_baseline-2021.png"
plots/map.sh "$WORK/russia-cut-2022" --metric share_mean_russia --period 2023 -o "$WORK/fig-map-c" \
    --title "Russian share of supplied gas in 2023, russia-cut-2022" >/dev/null
cp "$WORK/fig-map-c"/map_share_mean_russia_2023.png "$FIG/map_russia_share_2023.png"
echo "readme-figures: wrote $FIG/ (runs in $WORK)"
