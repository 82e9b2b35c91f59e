# shares.gp: (b) origin-group shares over time for one region (lines, 0-100 %).
# Also draws per-origin shares when kind = 'origin'.
# Variables (gnuplot -e): plotdir, out, region,
#   sharefile  date,<share % per series>  (reshape_shares.awk *_share.dat)
#   names      the series names of sharefile's columns, space separated
#   kind       'group' (colours from GROUP_*) or 'origin' (colours from ORIGIN_*)
timefile = sharefile
load plotdir.'/common.gp'
if (!exists("kind")) kind = 'group'

N = words(names)
set title sprintf("Share of supply by %s: %s", (kind eq 'origin' ? 'origin' : 'origin group'), region)
set ylabel "Share of supply (%)"
set yrange [0:100]
set ytics 10

plot for [i=1:N] sharefile using 1:(column(i + 1)) with lines lw 2 \
         lc rgb (kind eq 'origin' ? ocol(word(names, i), i) : gcol(word(names, i), i)) \
         title columnhead(i + 1)
eval SVG_REPLOT
