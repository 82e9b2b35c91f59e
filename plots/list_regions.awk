# list_regions.awk: list the names in a run's `region` column, in order of first
# appearance, each classed as a group (aggregate such as EU, SEE) or a region.
#   awk -f csv.awk -f list_regions.awk [mode=summary summary.csv] mode=data balance.csv
# Output lines: "group<TAB>NAME" or "region<TAB>NAME".
# A summary.csv column named kind/type/level/region_type/is_group/class, when
# present, decides the class (values group, aggregate, agg, 1, true, yes mean a
# group). Names it does not list, or all names when there is no such column,
# are groups only if they are known aggregate names (EU, SEE, CEE, ... below,
# case-insensitive) or start with "group:".
BEGIN {
    KNOWN = " EU EU27 EU28 EU+ EU-27 EEA EA EZ EUROPE EU-TOTAL SEE CEE CSEE NWE CWE SWE BALTIC BALTICS NORDIC NORDICS ENC ENERGY-COMMUNITY WB6 WESTERN-BALKANS ALL TOTAL WORLD "
}
FNR == 1 {
    csv_header($0)
    if (mode == "summary") {
        kc = 0
        split("kind type level region_type is_group class", cand, " ")
        for (i = 1; i in cand; i++) if (csv_col(cand[i])) { kc = csv_col(cand[i]); break }
        nc = csv_col("region"); if (!nc) nc = csv_col("name"); if (!nc) nc = csv_col("group")
        if (!nc) kc = 0
    } else rc = csv_need("region", FILENAME)
    next
}
mode == "summary" {
    if (!kc) next
    n = csv_split($0, f)
    k = tolower(csv_trim(f[kc]))
    HAVE_KIND = 1
    KIND[csv_trim(f[nc])] = (k ~ /^(group|aggregate|agg|1|true|yes|y)$/) ? "group" : "region"
    next
}
{
    n = csv_split($0, f)
    r = csv_trim(f[rc])
    if (r == "" || (r in SEEN)) next
    SEEN[r] = 1
    if (HAVE_KIND && (r in KIND)) cls = KIND[r]
    else if (index(KNOWN, " " toupper(r) " ") > 0 || tolower(r) ~ /^group:/) cls = "group"
    else cls = "region"
    print cls "\t" r
}
