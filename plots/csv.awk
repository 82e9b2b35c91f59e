# csv.awk: CSV helpers shared by the gasdep plotting awk programs.
# POSIX awk (tested with mawk and gawk). Load first: awk -f csv.awk -f prog.awk
#
# csv_split(line, f)  splits one CSV record into f[1..n], returns n. Handles
#                     RFC 4180 quoting ("a,b", doubled "" quotes) within a line
#                     (no embedded newlines), strips a trailing CR.
# csv_header(line)    parses a header record into COL[name] = index.
# csv_col(name)       index of a column by header name, 0 if absent.
# csv_need(name, fn)  index of a column; prints an error and exits 2 if absent.

function csv_split(s, f,    n, i, c, fld, inq, len) {
    sub(/\r$/, "", s)
    if (index(s, "\"") == 0)
        return split(s, f, ",")
    split("", f)
    n = 0; fld = ""; inq = 0; len = length(s)
    for (i = 1; i <= len; i++) {
        c = substr(s, i, 1)
        if (inq) {
            if (c == "\"") {
                if (substr(s, i + 1, 1) == "\"") { fld = fld "\""; i++ }
                else inq = 0
            } else fld = fld c
        } else if (c == "\"") inq = 1
        else if (c == ",") { f[++n] = fld; fld = "" }
        else fld = fld c
    }
    f[++n] = fld
    return n
}

function csv_header(s,    n, i, h) {
    split("", COL)
    sub(/^\357\273\277/, "", s)          # UTF-8 byte order mark
    n = csv_split(s, h)
    for (i = 1; i <= n; i++) {
        gsub(/^[ \t]+|[ \t]+$/, "", h[i])
        if (!(h[i] in COL)) COL[h[i]] = i
    }
    return n
}

function csv_col(name) { return (name in COL) ? COL[name] : 0 }

function csv_need(name, fn) {
    if (!(name in COL)) {
        printf("error: %s: no column named '%s' in header\n", fn, name) > "/dev/stderr"
        CSV_FAILED = 1
        exit 2
    }
    return COL[name]
}

# trimmed field value
function csv_trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }

# true if s is a plain decimal number (no NaN/inf)
function csv_isnum(s) {
    return s ~ /^[ \t]*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t]*$/
}

# a name usable as one gnuplot word (no blanks, commas or quotes)
function csv_token(s) { gsub(/[ \t,"']+/, "_", s); return (s == "") ? "_" : s }

# a name usable as a gnuplot column-head cell (legend text): no commas or "
function csv_label(s) { gsub(/,/, ";", s); gsub(/"/, "'", s); return (s == "") ? "_" : s }

# sort d[1..n] (strings) in place; insertion sort, O(n) on sorted input
function csv_sort(d, n,    i, j, t) {
    for (i = 2; i <= n; i++) {
        t = d[i]
        for (j = i - 1; j >= 1 && d[j] > t; j--) d[j + 1] = d[j]
        d[j + 1] = t
    }
}

# read a newline-separated list from the environment into a[1..n], return n
function csv_envlist(var, a,    n, i, t, tmp) {
    split("", a)
    n = split(ENVIRON[var], tmp, "\n")
    t = 0
    for (i = 1; i <= n; i++) if (tmp[i] != "") a[++t] = tmp[i]
    return t
}
