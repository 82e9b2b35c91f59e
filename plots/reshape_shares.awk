# reshape_shares.awk: shares.csv / group_shares.csv (long) -> wide files per region.
#   REGIONS="R1<nl>R2..." OUT=DIR PREFIX=gs SERIES=group ORDER="russia caspian ..." \
#   MAXSERIES=0 awk -f csv.awk -f reshape_shares.awk group_shares.csv
# Needs columns date, region, $SERIES, volume_mcm and/or share (by header name).
# For the k-th name in REGIONS that occurs in the file it writes
#   OUT/PREFIX_k_vol.dat    date,<cumulative volume_mcm per series>  (for stacking)
#   OUT/PREFIX_k_share.dat  date,<share in % per series>
#   OUT/PREFIX_k.names      the series names, space separated, in column order
# Series with no non-zero value in that region are dropped. Order: as in ORDER,
# then the rest by falling total volume. If MAXSERIES > 0 and there are more
# series, the smallest are summed into one series named "rest".
# If KEEP="a b" is set, exactly those series are written (0 where absent).
# A (date, series) pair absent for a date that has other rows counts as 0.
# Shares in 0-1 are scaled to %; if any share exceeds 1.5 they are taken as %.
# An empty share is computed as volume / total volume of that date and region.
BEGIN {
    NR_ = csv_envlist("REGIONS", RL)
    for (k = 1; k <= NR_; k++) if (!(RL[k] in WANT)) WANT[RL[k]] = k
    OUT = ENVIRON["OUT"]; PREFIX = ENVIRON["PREFIX"]; SER = ENVIRON["SERIES"]
    MAXS = ENVIRON["MAXSERIES"] + 0
    NKEEP = split(ENVIRON["KEEP"], KEEP, " ")
    no = split(ENVIRON["ORDER"], ORD, " ")
    for (i = 1; i <= no; i++) ORDPOS[ORD[i]] = i
    nd = 0; maxshare = 0
}
FNR == 1 {
    csv_header($0)
    cd = csv_need("date", FILENAME); cr = csv_need("region", FILENAME)
    cs = csv_need(SER, FILENAME)
    cv = csv_col("volume_mcm"); csh = csv_col("share")
    if (!cv && !csh) { csv_need("volume_mcm", FILENAME) }
    next
}
{
    n = csv_split($0, f)
    r = csv_trim(f[cr])
    if (!(r in WANT)) next
    k = WANT[r]
    d = csv_trim(f[cd]); s0 = csv_trim(f[cs]); s = csv_token(s0)
    if (!(s in LABEL)) LABEL[s] = csv_label(s0)
    if (d == "") next
    FOUND[k] = 1
    if (!((k, d) in KD)) { KD[k, d] = 1; ND[k]++; DD[k, ND[k]] = d }
    if (!((k, s) in KS)) { KS[k, s] = 1; NS[k]++; SS[k, NS[k]] = s }
    vol = (cv && csv_isnum(f[cv])) ? f[cv] + 0 : ""
    sh = (csh && csv_isnum(f[csh])) ? f[csh] + 0 : ""
    if (vol != "") { VOL[k, d, s] += vol; TOT[k, d] += vol; TV[k, s] += (vol < 0 ? -vol : vol) }
    if (sh != "") { SH[k, d, s] += sh; TSH[k, s] += (sh < 0 ? -sh : sh); if (sh > maxshare) maxshare = sh }
    else NOSH[k, d, s] = 1
}
# rank key: order position first, then by size
function before(k, a, b,    pa, pb) {
    pa = (a in ORDPOS) ? ORDPOS[a] : 1e9; pb = (b in ORDPOS) ? ORDPOS[b] : 1e9
    if (pa != pb) return pa < pb
    return size(k, a) > size(k, b)
}
function size(k, s) { return TV[k, s] + 0 > 0 ? TV[k, s] : TSH[k, s] + 0 }
function emit(k,    i, j, t, m, s, ns, L, MAP, dates, d, cum, x, vf, sf, nf, line1, line2, hdr, sc) {
    m = 0
    if (NKEEP > 0) {                               # fixed series list
        for (i = 1; i <= NKEEP; i++) L[++m] = KEEP[i]
    } else                                         # keep non-zero series
        for (i = 1; i <= NS[k]; i++) { s = SS[k, i]; if (size(k, s) > 0) L[++m] = s }
    # lump the smallest if there are too many
    if (MAXS > 0 && m > MAXS) {
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
            if (size(k, L[j]) > size(k, L[i])) { t = L[i]; L[i] = L[j]; L[j] = t }
        for (i = MAXS; i <= m; i++) MAP[L[i]] = "rest"
        m = MAXS - 1
    }
    for (i = 2; i <= m; i++) {                     # insertion sort by before()
        t = L[i]
        for (j = i - 1; j >= 1 && before(k, t, L[j]); j--) L[j + 1] = L[j]
        L[j + 1] = t
    }
    for (i = 1; i <= m; i++) MAP[L[i]] = L[i]
    ns = m
    for (s in MAP) if (MAP[s] == "rest") { L[++ns] = "rest"; break }
    sc = (maxshare > 1.5) ? 1 : 100
    vf = OUT "/" PREFIX "_" k "_vol.dat"; sf = OUT "/" PREFIX "_" k "_share.dat"; nf = OUT "/" PREFIX "_" k ".names"
    hdr = "date"
    for (i = 1; i <= ns; i++) hdr = hdr "," ((L[i] in LABEL) ? LABEL[L[i]] : L[i])
    print hdr > vf; print hdr > sf
    for (i = 1; i <= ND[k]; i++) dates[i] = DD[k, i]
    csv_sort(dates, ND[k])
    for (i = 1; i <= ND[k]; i++) {
        d = dates[i]
        split("", V); split("", P)
        for (j = 1; j <= NS[k]; j++) {
            s = SS[k, j]
            if (!(s in MAP)) continue
            V[MAP[s]] += VOL[k, d, s]
            if ((k, d, s) in SH) P[MAP[s]] += SH[k, d, s] * sc
            else if (((k, d, s) in NOSH) && TOT[k, d] > 0) P[MAP[s]] += 100 * VOL[k, d, s] / TOT[k, d]
        }
        cum = 0; line1 = d; line2 = d
        for (j = 1; j <= ns; j++) {
            cum += V[L[j]]
            line1 = line1 "," sprintf("%.6g", cum)
            line2 = line2 "," sprintf("%.6g", P[L[j]] + 0)
        }
        print line1 > vf; print line2 > sf
    }
    close(vf); close(sf)
    line1 = ""
    for (i = 1; i <= ns; i++) line1 = line1 (i > 1 ? " " : "") L[i]
    print line1 > nf; close(nf)
}
END {
    if (CSV_FAILED) exit 2
    for (k = 1; k <= NR_; k++) if (k in FOUND) emit(k)
}
