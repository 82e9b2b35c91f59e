#!/bin/sh
# test_plots.sh: end-to-end test of the plotting layer (plots/render.sh and
# plots/compare.sh) on small synthetic run directories. Runnable from any
# directory; needs gnuplot and awk. Prints "N passed, M failed" last and exits
# non-zero on any failure.
set -u
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd) || exit 2
ROOT=$(CDPATH='' cd -- "$HERE/../.." && pwd) || exit 2
PLOTS=$ROOT/plots
W=1000 H=600                       # figure size set in plots/common.gp
AWK=${AWK:-awk}

PASS=0 FAIL=0
ok()   { PASS=$((PASS + 1)); }
bad()  { FAIL=$((FAIL + 1)); printf 'FAIL: %s\n' "$*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }   # check DESCRIPTION 'test command'

T=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-plot-test.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

command -v gnuplot >/dev/null 2>&1 || { bad "gnuplot not installed (apt-get install gnuplot-nox)"; echo "$PASS passed, $FAIL failed"; exit 1; }

# --- fixture ------------------------------------------------------------------
# gen_run DIR DAYS SEED: regions AT (with storage) and RS (no storage: empty
# fields), group SEE = AT + RS; origin groups russia, caspian, lng; origins
# russia, azerbaijan, lng-us, lng-qatar; pipelines TurkStream and TAP. Some
# fields are quoted, one origin name has an embedded comma, and the column
# order of shares.csv differs from the documented one (columns go by name).
gen_run() {
    mkdir -p "$1"
    "$AWK" -v dir="$1" -v days="$2" -v seed="$3" '
    function r2(x) { return sprintf("%.3f", x) }
    function wave(x) { x = x / 6.2832; x -= int(x); return x < 0.5 ? 4 * x - 1 : 3 - 4 * x }   # ~sin, no libm
    function ndate(y, m, d,    ml) {          # next calendar day -> Y M D
        ml = substr("312831303130313130313031", 2 * m - 1, 2) + 0
        if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) ml = 29
        if (++d > ml) { d = 1; if (++m > 12) { m = 1; y++ } }
        Y = y; M = m; D = d
    }
    BEGIN {
        b = dir "/balance.csv"; s = dir "/shares.csv"; g = dir "/group_shares.csv"
        f = dir "/flows.csv"; u = dir "/summary.csv"
        print "date,region,demand_mcm,supplied_mcm,unserved_mcm,storage_mcm,storage_fill,storage_target_fill,price_eur_mwh" > b
        print "region,date,share,origin,volume_mcm" > s          # other order on purpose
        print "date,region,group,volume_mcm,share" > g
        print "date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation" > f
        print "region,kind,unserved_total_mcm" > u
        Y = 2025; M = 1; D = 1; sto = 600
        for (i = 0; i < days; i++) {
            dt = sprintf("%04d-%02d-%02d", Y, M, D)
            ru = 0.45 - 0.006 * i * seed; if (ru < 0.05) ru = 0.05
            # AT: 30 mcm/d, RS: 12 mcm/d demand
            dem["AT"] = 30 + 4 * wave(i / 5); dem["RS"] = 12 + 2 * wave(i / 4 + 1.5708)
            uns["AT"] = 0; uns["RS"] = (i > days / 2) ? 1.5 + wave(i) : 0
            sto -= 5; fill = sto / 1000; tgt = 0.55 - 0.004 * i
            print dt ",AT," r2(dem["AT"]) "," r2(dem["AT"] - uns["AT"]) "," r2(uns["AT"]) "," r2(sto) "," sprintf("%.4f", fill) "," sprintf("%.4f", tgt) ",45.5" > b
            print dt ",\"RS\"," r2(dem["RS"]) "," r2(dem["RS"] - uns["RS"]) "," r2(uns["RS"]) ",,,,51.0" > b
            print dt ",SEE," r2(dem["AT"] + dem["RS"]) "," r2(dem["AT"] + dem["RS"] - uns["RS"]) "," r2(uns["RS"]) "," r2(sto) "," sprintf("%.4f", fill) "," sprintf("%.4f", tgt) ",47.0" > b
            n = split("AT RS", R, " ")
            split("", GV)
            for (j = 1; j <= n; j++) {
                rg = R[j]; sup = dem[rg] - uns[rg]
                cs = (rg == "AT") ? 0.15 : 0.30
                v["russia"] = sup * ru; v["caspian"] = sup * cs; v["lng"] = sup * (1 - ru - cs)
                for (k in v) { GV[k] += v[k] }
                q = (rg == "RS") ? "\"" : ""
                print dt "," q rg q ",russia," r2(v["russia"]) "," sprintf("%.4f", ru) > g
                print dt "," q rg q ",caspian," r2(v["caspian"]) "," sprintf("%.4f", cs) > g
                print dt "," q rg q ",lng," r2(v["lng"]) "," sprintf("%.4f", 1 - ru - cs) > g
                print q rg q "," dt "," sprintf("%.4f", ru) ",russia," r2(v["russia"]) > s
                print q rg q "," dt "," sprintf("%.4f", cs) ",azerbaijan," r2(v["caspian"]) > s
                print q rg q "," dt "," sprintf("%.4f", 0.5 * (1 - ru - cs)) ",lng-us," r2(0.5 * v["lng"]) > s
                print q rg q "," dt "," sprintf("%.4f", 0.3 * (1 - ru - cs)) ",lng-qatar," r2(0.3 * v["lng"]) > s
                print q rg q "," dt ",," "\"lng-other, spot\"," r2(0.2 * v["lng"]) > s   # empty share: computed
            }
            tot = GV["russia"] + GV["caspian"] + GV["lng"]
            for (k in GV) print dt ",SEE," k "," r2(GV[k]) "," sprintf("%.4f", GV[k] / tot) > g
            print dt ",TurkStream,RU,BG," r2(31.5 * (0.9 - 0.01 * i)) ",31.5," sprintf("%.4f", 0.9 - 0.01 * i) > f
            print dt ",\"TAP\",GR,IT," r2(27.4 * (0.6 + 0.2 * wave(i / 3))) ",27.4," sprintf("%.4f", 0.6 + 0.2 * wave(i / 3)) > f
            ndate(Y, M, D)
        }
        print "AT,region,0" > u; print "RS,region,10" > u; print "SEE,group,10" > u
    }'
}

RUNA=$T/runs/baseline RUNB=$T/runs/no-russia RUNC=$T/runs/bare
gen_run "$RUNA" 40 1
gen_run "$RUNB" 40 2
gen_run "$RUNC" 12 1
rm -f "$RUNC/summary.csv" "$RUNC/flows.csv"      # group found by name heuristic; no pipelines

# --- checks ------------------------------------------------------------------------
u32() { od -An -tu1 -j "$2" -N4 "$1" | "$AWK" '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'; }
check_png() {
    f=$1
    [ -s "$f" ] || { bad "missing or empty: $f"; return; }
    magic=$(od -An -tx1 -N8 "$f" | tr -d ' \n')
    check "PNG magic bytes: $f ($magic)" '[ "$magic" = 89504e470d0a1a0a ]'
    ihdr=$(od -An -c -j12 -N4 "$f" | tr -d ' \n')
    check "PNG IHDR chunk: $f" '[ "$ihdr" = IHDR ]'
    pw=$(u32 "$f" 16) ph=$(u32 "$f" 20)
    check "PNG size ${pw}x$ph, expected ${W}x$H: $f" '[ "$pw" = "$W" ] && [ "$ph" = "$H" ]'
}
check_svg() {
    f=$1
    [ -s "$f" ] || { bad "missing or empty: $f"; return; }
    check "SVG has <svg: $f" 'grep -q "<svg" "$f"'
}
check_fig() { check_png "$1.png"; check_svg "$1.svg"; }
check_absent() { f=$1; check "should not exist: $f" '[ ! -e "$f.png" ] && [ ! -e "$f.svg" ]'; }

# 1. defaults: groups + first regions, top pipelines, OUTDIR/figures
( cd "$T" && "$PLOTS/render.sh" runs/baseline ) >"$T/r1.out" 2>"$T/r1.err"
rc=$?
check "render.sh defaults exit 0 (stderr: $(tr '\n' ' ' <"$T/r1.err"))" '[ $rc -eq 0 ]'
F=$RUNA/figures
for r in SEE AT RS; do
    check_fig "$F/supply_$r"; check_fig "$F/group_shares_$r"
done
check_fig "$F/origin_shares_AT"; check_fig "$F/origin_shares_RS"
check_absent "$F/origin_shares_SEE"    # SEE has no rows in shares.csv
check_fig "$F/storage_SEE"; check_fig "$F/storage_AT"; check_absent "$F/storage_RS"
check_fig "$F/unserved"; check_fig "$F/utilisation"
check "render.sh lists its outputs" 'grep -q "utilisation.png$" "$T/r1.out"'
check "quoted origin with embedded comma in origin-share legend" 'grep -q "lng-other; spot" "$F/origin_shares_AT.svg"'

# 2. chosen region and pipeline, -o FIGDIR (relative, from another cwd)
( cd "$HERE" && "$PLOTS/render.sh" "$RUNA" --region AT --pipeline TAP -o "$T/fig2" ) >/dev/null 2>"$T/r2.err"
rc=$?
check "render.sh --region/--pipeline/-o exit 0 (stderr: $(tr '\n' ' ' <"$T/r2.err"))" '[ $rc -eq 0 ]'
for n in supply_AT group_shares_AT origin_shares_AT storage_AT unserved utilisation; do check_fig "$T/fig2/$n"; done
check_absent "$T/fig2/supply_SEE"
check "only the chosen pipeline is drawn" 'grep -q "TAP" "$T/fig2/utilisation.svg" && ! grep -q "TurkStream" "$T/fig2/utilisation.svg"'

# 2b. pipelines full every day are not what the default utilisation figure
# shows (they drew flat 100 % lines on top of each other), and titles name
# the scenario of manifest.csv, not the directory
RUND=$T/runs/fullpipes
cp -r "$RUNA" "$RUND" && rm -rf "$RUND/figures"
"$AWK" -F, 'NR > 1 && $2 == "TurkStream" { for (k = 1; k <= 3; k++) print $1 ",Full" k ",A,B,10,10,1" }' \
    "$RUNA/flows.csv" >>"$RUND/flows.csv"
printf 'key,value\nscenario_name,my-cut-scenario\n' >"$RUND/manifest.csv"
"$PLOTS/render.sh" "$RUND" --top-pipelines 2 -o "$T/fig2b" >/dev/null 2>"$T/r2b.err"
check "render.sh --top-pipelines 2 exit 0 ($(tr '\n' ' ' <"$T/r2b.err"))" '[ -s "$T/fig2b/utilisation.svg" ]'
check "the two varying pipelines are drawn, no flat full one" \
    'grep -q "TurkStream" "$T/fig2b/utilisation.svg" && grep -q "TAP" "$T/fig2b/utilisation.svg" && ! grep -q "Full1" "$T/fig2b/utilisation.svg"'
check "the title names the scenario" 'grep -q "my-cut-scenario" "$T/fig2b/utilisation.svg" && ! grep -q "fullpipes" "$T/fig2b/utilisation.svg"'

# 3. no summary.csv, no flows.csv
"$PLOTS/render.sh" "$RUNC" -o "$T/fig3" >/dev/null 2>"$T/r3.err"
rc=$?
check "render.sh without summary/flows exit 0" '[ $rc -eq 0 ]'
check_fig "$T/fig3/supply_SEE"; check_fig "$T/fig3/storage_AT"; check_fig "$T/fig3/unserved"
check_absent "$T/fig3/utilisation"; check_absent "$T/fig3/storage_RS"

# 4. comparison across runs
( cd "$T" && "$PLOTS/compare.sh" -o cmp --region AT runs/baseline runs/no-russia "$RUNC" ) >/dev/null 2>"$T/c1.err"
rc=$?
check "compare.sh exit 0 (stderr: $(tr '\n' ' ' <"$T/c1.err"))" '[ $rc -eq 0 ]'
check_fig "$T/cmp/compare_AT"
check "compare legend labelled by run basename" 'grep -q "no-russia: caspian" "$T/cmp/compare_AT.svg" && grep -q "baseline: russia" "$T/cmp/compare_AT.svg"'

# 5. errors
"$PLOTS/render.sh" "$T/does-not-exist" >/dev/null 2>&1
rc=$?
check "render.sh on a missing dir fails" '[ $rc -ne 0 ]'
"$PLOTS/compare.sh" -o "$T/cmp" "$RUNA" >/dev/null 2>&1
rc=$?
check "compare.sh without --region fails" '[ $rc -ne 0 ]'
"$PLOTS/compare.sh" -o "$T/cmp" --region NOWHERE "$RUNA" >/dev/null 2>&1
rc=$?
check "compare.sh with an unknown region fails" '[ $rc -ne 0 ]'

# 6. palette: every origin and origin group of every shipped scenario has a
# fixed colour in palette.gp (names from `gasdep list`, so a new origin in a
# scenario without a colour fails here). The spelling must match exactly.
PAL_O=$(sed -n 's/^ORIGIN_NAMES *= *"\(.*\)"/\1/p' "$PLOTS/palette.gp")
PAL_G=$(sed -n 's/^GROUP_NAMES *= *"\(.*\)"/\1/p' "$PLOTS/palette.gp")
# via_shares.csv (issue 19): AT's gas passed two corridors, RS's none; a run
# without the file draws no via figure
for r in AT RS; do
    "$AWK" -F, -v r="$r" 'NR > 1 && $2 == r { print $1 "," r ",southern," (r == "AT" ? "9,0.3" : "0,0");
                                              print $1 "," r ",\"turk, stream\"," (r == "AT" ? "15,0.5" : "0,0") }' \
        "$RUNA/balance.csv"
done | sort | { echo "date,region,corridor,volume_mcm,share"; cat; } >"$T/via.csv"
mkdir -p "$T/runs/via" && cp "$RUNA"/*.csv "$T/runs/via/" && mv "$T/via.csv" "$T/runs/via/via_shares.csv"
"$PLOTS/render.sh" "$T/runs/via" --region AT --region RS -o "$T/fig3" >/dev/null 2>"$T/r3.err"
rc=$?
check "render.sh with via_shares.csv exit 0 ($(tr '\n' ' ' <"$T/r3.err"))" '[ $rc -eq 0 ]'
check_fig "$T/fig3/via_shares_AT"
check_absent "$T/fig3/via_shares_RS"
check_absent "$F/via_shares_AT"
check "corridor with an embedded comma in the via legend" 'grep -q "turk; stream" "$T/fig3/via_shares_AT.svg"'

# survival.sh (issue 19): survival_distribution.csv of gasdep montecarlo; AT
# with its P95 beyond the horizon, RS never short, SEE always short
cat >"$T/survival_distribution.csv" <<'EOF3'
region,kind,runs,runs_short,p_no_shortfall,p5_days,p25_days,p50_days,p75_days,p95_days,min_days,max_days
AT,region,20,18,0.1,12,20,31.5,40,,10,45
RS,region,20,0,1,,,,,,,
SEE,group,20,20,0,3,5,8,9,14,2,15
EOF3
"$PLOTS/survival.sh" "$T/survival_distribution.csv" -o "$T/fig4" >/dev/null 2>"$T/r4.err"
rc=$?
check "survival.sh exit 0 ($(tr '\n' ' ' <"$T/r4.err"))" '[ $rc -eq 0 ]'
H=700 check_png "$T/fig4/survival.png"; check_svg "$T/fig4/survival.svg"
check "survival figure says which area was never short" 'grep -q "never short" "$T/fig4/survival.svg"'
"$PLOTS/survival.sh" "$T/survival_distribution.csv" --region NOPE -o "$T/fig5" >/dev/null 2>&1
rc=$?
check "survival.sh with no matching region exits 2" '[ $rc -eq 2 ]'

PAL_OC=$(sed -n 's/^ORIGIN_COLORS *= *"\(.*\)"/\1/p' "$PLOTS/palette.gp")
PAL_GC=$(sed -n 's/^GROUP_COLORS *= *"\(.*\)"/\1/p' "$PLOTS/palette.gp")
in_list() { case " $2 " in *" $1 "*) return 0 ;; esac; return 1; }
check "palette: ORIGIN_NAMES and ORIGIN_COLORS have the same length" \
    '[ "$(echo $PAL_O | wc -w)" -eq "$(echo $PAL_OC | wc -w)" ]'
check "palette: GROUP_NAMES and GROUP_COLORS have the same length" \
    '[ "$(echo $PAL_G | wc -w)" -eq "$(echo $PAL_GC | wc -w)" ]'
check "palette: untraced has a colour" 'in_list untraced "$PAL_G"'
check "palette: no colour is given twice to a group" \
    '[ "$(echo $PAL_GC | tr " " "\n" | sort | uniq -d | wc -l)" -eq 0 ]'
if [ -n "${GASDEP_BIN:-}" ] && [ -x "$GASDEP_BIN" ]; then
    for scen in "$ROOT"/scenarios/*.ini; do
        "$GASDEP_BIN" list "$scen" origin >"$T/origins.txt" 2>"$T/list.err"
        check "gasdep list $(basename "$scen") origin exits 0" '[ $? -eq 0 ]'
        while read -r _ o _ g; do
            o=${o%:}
            check "palette colours origin '$o' of $(basename "$scen")" 'in_list "$o" "$PAL_O"'
            check "palette colours origin group '$g' of $(basename "$scen")" 'in_list "$g" "$PAL_G"'
        done <<EOF2
$(grep '^origin ' "$T/origins.txt")
EOF2
    done
else
    bad "GASDEP_BIN not set: cannot list the scenarios' origins (run through ctest)"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
