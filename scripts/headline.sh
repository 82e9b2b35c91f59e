#!/bin/sh
# headline.sh: the headline table of scenarios/README.md, from full runs of
# every reference scenario in myopic and rolling foresight.
# usage: scripts/headline.sh [BUILD_DIR] [OUT_DIR]   (prints Markdown rows)
set -eu
bin=${1:-build}/gasdep
out=${2:-/tmp/gasdep-headline}
mkdir -p "$out"
printf '| scenario | foresight | EU unserved bcm (days) | SEE unserved bcm (days) | largest regional shortfall | lowest EU storage fill | EU Russian share | EU Caspian share | run s |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for f in scenarios/*.ini; do
    s=$(basename "$f" .ini)
    for mode in myopic rolling; do
        d="$out/$s-$mode"
        t0=$(date +%s.%N)
        "$bin" run "$f" --set scenario.foresight=$mode -o "$d" -q
        t1=$(date +%s.%N)
        awk -F, -v s="$s" -v mode="$mode" -v secs="$(echo "$t1 - $t0" | bc)" '
            NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
            $2 == "region" && $(c["unserved_share"]) + 0 > worst { worst = $(c["unserved_share"]) + 0; who = $1 }
            $1 == "EU" { eu = sprintf("%.2f (%d)", $(c["unserved_mcm"]) / 1000, $(c["days_short"]));
                         fill = $(c["min_storage_fill"]) == "" ? "" : sprintf("%.1f %%", 100 * $(c["min_storage_fill"]));
                         ru = sprintf("%.1f %%", 100 * $(c["share_mean_russia"]));
                         ca = sprintf("%.1f %%", 100 * $(c["share_mean_caspian"])) }
            $1 == "SEE" { see = sprintf("%.2f (%d)", $(c["unserved_mcm"]) / 1000, $(c["days_short"])) }
            END { w = "none"
                  if (worst > 0) w = sprintf("%s %.1f %%", who, 100 * worst)
                  printf "| `%s` | %s | %s | %s | %s | %s | %s | %s | %.1f |\n", s, mode, eu, see, w, fill, ru, ca, secs }
        ' "$d/summary.csv"
    done
done
