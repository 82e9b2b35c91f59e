# reshape_balance.awk: balance.csv (long) -> one wide file per chosen region.
#   REGIONS="R1<newline>R2..." OUT=DIR awk -f csv.awk -f reshape_balance.awk balance.csv
# Writes, for the k-th name in REGIONS that occurs in the file:
#   OUT/bal_k.dat   date,demand_mcm,storage_fill_pct,target_fill_pct,unserved_mcm
#   OUT/bal_k.meta  rows=N storage=N target=N demand=N (count of numeric values)
# and OUT/unserved.dat  date,<one unserved_mcm column per region found>
#     OUT/unserved.meta  series=N
# Missing or empty values are written as NaN. Fills in 0-1 are scaled to %;
# if any fill exceeds 1.5 the column is taken to be in % already.
BEGIN {
    NR_ = csv_envlist("REGIONS", RL)
    for (k = 1; k <= NR_; k++) if (!(RL[k] in WANT)) WANT[RL[k]] = k
    OUT = ENVIRON["OUT"]
    nd = 0; maxfill = 0
}
FNR == 1 {
    csv_header($0)
    cd = csv_need("date", FILENAME); cr = csv_need("region", FILENAME)
    cdem = csv_col("demand_mcm"); cuns = csv_col("unserved_mcm")
    cfill = csv_col("storage_fill"); ctgt = csv_col("storage_target_fill")
    next
}
{
    n = csv_split($0, f)
    r = csv_trim(f[cr])
    if (!(r in WANT)) next
    k = WANT[r]
    d = csv_trim(f[cd])
    if (d == "") next
    if (!(d in DSEEN)) { DSEEN[d] = 1; D[++nd] = d }
    ROWS[k]++
    FOUND[k] = 1
    if (cdem && csv_isnum(f[cdem])) { DEM[k, d] = f[cdem] + 0; NDEM[k]++ }
    if (cuns && csv_isnum(f[cuns])) UNS[k, d] = f[cuns] + 0
    if (cfill && csv_isnum(f[cfill])) { FILL[k, d] = f[cfill] + 0; NFILL[k]++; if (FILL[k, d] > maxfill) maxfill = FILL[k, d] }
    if (ctgt && csv_isnum(f[ctgt])) { TGT[k, d] = f[ctgt] + 0; NTGT[k]++; if (TGT[k, d] > maxfill) maxfill = TGT[k, d] }
}
function v(arr, key, scale) { return (key in arr) ? sprintf("%.6g", arr[key] * scale) : "NaN" }
END {
    if (CSV_FAILED) exit 2
    csv_sort(D, nd)
    fs = (maxfill > 1.5) ? 1 : 100
    hdr = "date"; ns = 0
    for (k = 1; k <= NR_; k++) {
        if (!(k in FOUND)) continue
        ns++; hdr = hdr "," csv_label(RL[k])
        fn = OUT "/bal_" k ".dat"
        print "date,demand_mcm,storage_fill_pct,target_fill_pct,unserved_mcm" > fn
        for (i = 1; i <= nd; i++) {
            d = D[i]
            if (!((k, d) in DEM) && !((k, d) in FILL) && !((k, d) in TGT) && !((k, d) in UNS)) continue
            print d "," v(DEM, k SUBSEP d, 1) "," v(FILL, k SUBSEP d, fs) "," v(TGT, k SUBSEP d, fs) "," v(UNS, k SUBSEP d, 1) > fn
        }
        close(fn)
        mf = OUT "/bal_" k ".meta"
        print "rows=" ROWS[k] "\nstorage=" (NFILL[k] + 0) "\ntarget=" (NTGT[k] + 0) "\ndemand=" (NDEM[k] + 0) > mf
        close(mf)
    }
    fn = OUT "/unserved.dat"
    print hdr > fn
    for (i = 1; i <= nd; i++) {
        line = D[i]
        for (k = 1; k <= NR_; k++) if (k in FOUND) line = line "," v(UNS, k SUBSEP D[i], 1)
        print line > fn
    }
    close(fn)
    print "series=" ns > (OUT "/unserved.meta")
}
