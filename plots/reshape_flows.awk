# reshape_flows.awk: flows.csv (long) -> wide pipeline utilisation file.
#   PIPELINES="P1<nl>P2..." TOPN=6 OUT=DIR awk -f csv.awk -f reshape_flows.awk flows.csv
# If PIPELINES is empty, the TOPN pipelines whose utilisation varies most
# (standard deviation over the days; ties by mean) are chosen: pipelines
# full every day are one flat 100 % line each, and six of them drew one
# line on top of another while hiding the pipelines whose use changes. Writes
#   OUT/util.dat     date,<utilisation in % per pipeline>   (NaN if unknown)
#   OUT/util.meta    series=N
#   OUT/util.chosen  the chosen pipeline names, one per line
# Utilisation is taken from the `utilisation` column, or flow_mcm/capacity_mcm
# where it is empty. Values in 0-1 are scaled to %; if any exceeds 1.5 the
# column is taken to be in % already.
BEGIN {
    np = csv_envlist("PIPELINES", PL)
    TOPN = ENVIRON["TOPN"] + 0; if (TOPN <= 0) TOPN = 6
    OUT = ENVIRON["OUT"]
    nd = 0; npp = 0; maxu = 0
}
FNR == 1 {
    csv_header($0)
    cd = csv_need("date", FILENAME); cp = csv_need("pipeline", FILENAME)
    cu = csv_col("utilisation"); cf = csv_col("flow_mcm"); cc = csv_col("capacity_mcm")
    if (!cu && !(cf && cc)) csv_need("utilisation", FILENAME)
    next
}
{
    n = csv_split($0, f)
    p = csv_trim(f[cp]); d = csv_trim(f[cd])
    if (p == "" || d == "") next
    if (!(d in DSEEN)) { DSEEN[d] = 1; D[++nd] = d }
    if (!(p in PSEEN)) { PSEEN[p] = 1; P[++npp] = p }
    if (cu && csv_isnum(f[cu])) { u = f[cu] + 0; if (u > maxu) maxu = u }
    else if (cf && cc && csv_isnum(f[cf]) && csv_isnum(f[cc]) && f[cc] + 0 > 0) { u = f[cf] / f[cc]; FRAC[p, d] = 1 }
    else next
    U[p, d] = u; SUM[p] += u; SQ[p] += u * u; CNT[p]++
}
END {
    if (CSV_FAILED) exit 2
    sc = (maxu > 1.5) ? 1 : 100
    m = 0
    if (np > 0) {
        for (i = 1; i <= np; i++) {
            if (PL[i] in PSEEN) { if (!(PL[i] in TAKEN)) { TAKEN[PL[i]] = 1; C[++m] = PL[i] } }
            else printf("warning: pipeline '%s' not in flows.csv\n", PL[i]) > "/dev/stderr"
        }
    } else {
        for (i = 1; i <= npp; i++) {
            p = P[i]; MEAN[p] = CNT[p] ? SUM[p] / CNT[p] : -1
            v = CNT[p] ? SQ[p] / CNT[p] - MEAN[p] * MEAN[p] : 0
            SD[p] = v > 1e-12 ? sqrt(v) : 0; C[++m] = p
        }
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
            if (SD[C[j]] > SD[C[i]] + 1e-9 || (SD[C[j]] > SD[C[i]] - 1e-9 && MEAN[C[j]] > MEAN[C[i]])) {
                t = C[i]; C[i] = C[j]; C[j] = t
            }
        if (m > TOPN) m = TOPN
    }
    csv_sort(D, nd)
    fn = OUT "/util.dat"
    hdr = "date"
    for (j = 1; j <= m; j++) hdr = hdr "," csv_label(C[j])
    print hdr > fn
    for (i = 1; i <= nd; i++) {
        line = D[i]
        for (j = 1; j <= m; j++) {
            p = C[j]
            # computed flow/capacity is a fraction; only the column may be in %
            line = line "," (((p, D[i]) in U) ? sprintf("%.6g", U[p, D[i]] * (((p, D[i]) in FRAC) ? 100 : sc)) : "NaN")
        }
        print line > fn
    }
    close(fn)
    print "series=" m > (OUT "/util.meta")
    for (j = 1; j <= m; j++) print C[j] > (OUT "/util.chosen")
    close(OUT "/util.chosen")
}
