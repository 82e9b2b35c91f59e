# shares.gp: (b) origin-group shares over time for one region (lines, 0-100 %).
# Also draws per-origin shares when kind = 'origin', and the share of supply
# that passed each corridor (via_shares.csv) when kind = 'corridor'.
# Variables (gnuplot -e): plotdir, out, region,
#   sharefile  date,<share % per series>  (reshape_shares.awk *_share.dat)
#   names      the series names of sharefile's columns, space separated
#   kind       'group' (colours from GROUP_*), 'origin' (colours from ORIGIN_*)
#              or 'corridor' (the series colours: corridors have no fixed hue)
timefile = sharefile
load plotdir.'/common.gp'
if (!exists("kind")) kind = 'group'

N = words(names)
if (kind eq 'corridor') {
    set title sprintf("Share of supply that passed each corridor: %s", region)
} else {
    set title sprintf("Share of supply by %s: %s", (kind eq 'origin' ? 'origin' : 'origin group'), region)
}
set ylabel "Share of supply (%)"
set yrange [0:100]
set ytics 10

plot for [i=1:N] sharefile using 1:(column(i + 1)) with lines lw 2 \
         lc rgb (kind eq 'origin' ? ocol(word(names, i), i) : \
                 kind eq 'corridor' ? scol(i) : gcol(word(names, i), i)) \
         title columnhead(i + 1)
eval SVG_REPLOT
