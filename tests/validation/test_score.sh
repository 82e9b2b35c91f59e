#!/bin/sh
# validation/score.py (issue 18 part 5): the scorer's arithmetic on a hand-made
# run directory, and a smoke run on a short real run. The score itself is never
# asserted: it is reported, not a CI gate.
# usage: test_score.sh SOURCE_DIR   (environment: GASDEP_BIN)
set -eu
SRC=${1:?usage: test_score.sh SOURCE_DIR}
SCORE="python3 $SRC/validation/score.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# ---- 1. arithmetic on a hand-made 2-day run ----
R=$T/run
mkdir -p "$R"
printf 'key,value\nscenario_name,hand\nforesight,myopic\ngcv_kwh_m3,10\n' > "$R/manifest.csv"
cat > "$R/balance.csv" <<'CSV'
date,region,demand_mcm,supplied_mcm,unserved_mcm,reduced_mcm,storage_mcm,storage_fill,storage_target_fill,price_eur_mwh
2022-01-01,XA,100,90,10,0,50,0.5,0.5,20
2022-01-01,EU,100,90,10,0,50,0.5,0.5,20
2022-01-02,XA,100,100,0,0,45,0.45,0.5,20
2022-01-02,EU,100,100,0,0,45,0.45,0.5,20
CSV
cat > "$R/group_shares.csv" <<'CSV'
date,region,group,volume_mcm,share
2022-01-01,EU,russia,30,0.333333
2022-01-01,EU,domestic,30,0.333333
2022-01-01,EU,lng,30,0.333333
2022-01-02,EU,russia,10,0.1
2022-01-02,EU,domestic,10,0.1
2022-01-02,EU,lng,80,0.8
CSV
cat > "$R/flows.csv" <<'CSV'
date,pipeline,from,to,flow_mcm,capacity_mcm,utilisation,loss_mcm
2022-01-01,P1,A,B,600,1000,0.6,0
2022-01-02,P1,A,B,400,1000,0.4,0
2022-01-01,P2,C,B,-100,1000,0.1,0
2022-01-02,P2,C,B,100,1000,0.1,0
CSV
cat > "$R/supply.csv" <<'CSV'
date,supply,kind,node,origin,volume_mcm,capacity_mcm,min_take_mcm,missed_min_take_mcm,cost_eur_mwh
2022-01-01,S1,source,A,x,700,1000,0,0,10
2022-01-02,S1,source,A,x,800,1000,0,0,10
2022-01-01,T1,lng,DE,lng-us,250,1000,0,0,20
2022-01-02,T1,lng,DE,lng-us,250,1000,0,0,20
2022-01-01,T2,lng,GB,lng-us,999,1000,0,0,20
CSV
cat > "$T/figures.csv" <<'CSV'
id,kind,area,start,end,published,unit,compare,tolerance,role,source
f1,fill,EU,2022-01-02,2022-01-02,45,pct,abs,1,validation,hand
f2,fill,EU,2022-01-01,2022-01-01,40,pct,abs,5,validation,hand
c1,consumption,XA,2022-01-01,2022-01-02,1.9,TWh,rel,1,validation,hand
c2,consumption,XA,2022-01-01,2022-01-02,0.2,bcm,rel,1,calibration,hand
s1,consumption_share,EU:russia,2022-01-01,2022-01-02,21,pct,abs,0.5,validation,hand
s2,import_share,EU:russia,2022-01-01,2022-01-02,25,pct,abs,0.5,validation,hand
p1,flow,P1+P2,2022-01-01,2022-01-02,1.0,bcm,rel,1,echo,hand
u1,supply,S1,2022-01-01,2022-01-02,1.5,bcm,rel,1,validation,hand
l1,supply,lng@EU,2022-01-01,2022-01-02,0.5,bcm,rel,1,validation,hand
n1,fill,EU,2023-01-01,2023-01-01,50,pct,abs,5,validation,outside the horizon
n2,fill,ZZ,2022-01-01,2022-01-01,50,pct,abs,5,validation,unknown area
n3,flow,P9,2022-01-01,2022-01-02,1,bcm,rel,5,validation,unknown pipeline
CSV
# fill on day 2 = 45 %; day 1 = 50 % vs 40 (+-5): fail; consumption 190 mcm x 10 kWh/m3
# = 1.9 TWh = 0.19 bcm (0.2 +-1 %: fail); russia 40 of 190 = 21.05 %, of 150 imported = 26.7 %
# (25 +-0.5: fail); P1+P2 = 1000 mcm = 1.0 bcm; S1 1.5 bcm; EU LNG (DE only) 0.5 bcm.
$SCORE --figures "$T/figures.csv" "$R" > "$T/out.txt" || fail "scorer exit status $?"
cat "$T/out.txt"
line() { grep "^$1 " "$T/out.txt" || fail "no row $1"; }
line f1 | grep -q ' 45.0 .* pass$' || fail "f1"
line f2 | grep -q ' 50.0 .* fail$' || fail "f2"
line c1 | grep -q ' 1.9 .* pass$' || fail "c1"
line c2 | grep -q ' 0.2 .* fail$' || fail "c2 (0.19 bcm vs 0.2 +-1 %)"
line s1 | grep -q ' 21.1 .* pass$' || fail "s1"
line s2 | grep -q ' 26.7 .* fail$' || fail "s2"
line p1 | grep -q ' 1.0 .* pass$' || fail "p1"
line u1 | grep -q ' 1.5 .* pass$' || fail "u1"
line l1 | grep -q ' 0.5 .* pass$' || fail "l1"
for n in n1 n2 n3; do line $n | grep -q ' n/a$' || fail "$n should be n/a"; done
# prices: 4 region-days; day 1 is short (unserved 10) in both regions; day 2 at 20
# EUR/MWh is on no constant (voll 1000 by default: 1000, 500, 999, 100, 300, 50)
grep -q "^prices $R: 0 of 4 region-days (0.0 %) on an input penalty constant, 2 (50.0 %) at shortage$" "$T/out.txt" \
    || fail "prices line"
R2=$T/run2
mkdir -p "$R2"
cp "$R"/*.csv "$R2"/
printf 'voll_eur_mwh,800\ntarget_penalty_eur_mwh,120\n' >> "$R2/manifest.csv"
sed -i 's/,0,45,0.45,0.5,20$/,0,45,0.45,0.5,400/' "$R2/balance.csv"
# day 2 at 400 = voll/2 with voll = 800: both region-days on a constant
$SCORE --figures "$T/figures.csv" "$R2" | grep -q "^prices $R2: 2 of 4 region-days (50.0 %) on an input penalty constant, 2 (50.0 %) at shortage$" \
    || fail "prices line with the run's own voll"
grep -q "^score $R: 6 of 9 pass (validation 5 of 7; calibration 0 of 1; input echoes 1 of 1; 3 n/a)$" "$T/out.txt" \
    || fail "score line"
# bad usage and an unreadable run: status 2
if $SCORE > /dev/null 2>&1; then fail "no RUN_DIR accepted"; fi
set +e; $SCORE "$T/nonexistent" > /dev/null 2>&1; st=$?; set -e
[ "$st" = 2 ] || fail "unreadable run: status $st, expected 2"

# ---- 2. smoke: a short real run scored against the shipped figures ----
if [ -n "${GASDEP_BIN:-}" ]; then
    "$GASDEP_BIN" run "$SRC/scenarios/russia-cut-2022.ini" -q -o "$T/real" \
        --set scenario.end=2022-02-28 || fail "gasdep run"
    $SCORE "$T/real" > "$T/real.txt" || fail "scorer on a real run: status $?"
    grep -Eq "^score $T/real: [0-9]+ of [0-9]+ pass \(" "$T/real.txt" || fail "no score line"
    tail -1 "$T/real.txt"
fi
echo "test_score: ok"
