#!/bin/sh
# gen-big-scenario.sh: write a synthetic scenario with N pipelines (default
# 100000) to stdout, for timing `gasdep check` at scale (issue 12: name
# look-up must not be quadratic). A ring of N/10 nodes, one region per ten
# nodes, one source; every node feeds its ten next neighbours.
#   sh bench/gen-big-scenario.sh 100000 > /tmp/big.ini
#   time build/gasdep check /tmp/big.ini
n=${1:-100000}
awk -v n="$n" 'BEGIN {
    nodes = int(n / 10); if (nodes < 2) nodes = 2
    print "[scenario]\nname = big\nstart = 2022-01-01\nend = 2022-01-02\n"
    print "[origin RU]\n"
    print "[source S]\nnode = N0\norigin = RU\ncapacity = 100000 mcm/d\ncost = 10\n"
    for (i = 0; i < nodes; i++) {
        if (i % 10 == 0)
            printf "[region N%d]\ndemand = 1 mcm/d\n\n", i
        else
            printf "[node N%d]\n\n", i
    }
    for (p = 0; p < n; p++) {
        a = p % nodes; b = (a + 1 + int(p / nodes)) % nodes
        if (a == b) b = (a + 1) % nodes
        printf "[pipeline P%d]\nfrom = N%d\nto = N%d\ncapacity = 50 mcm/d\n\n", p, a, b
    }
}'
