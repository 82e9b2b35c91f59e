# unserved.gp: (d) unserved demand over time for several regions (mcm/d).
# Variables (gnuplot -e): plotdir, out,
#   datafile  date,<unserved_mcm per region>  (reshape_balance.awk unserved.dat)
#   N         number of region columns
#   label     text for the title (e.g. the run name), may be ''
timefile = datafile
load plotdir.'/common.gp'
if (!exists("label")) label = ''

set title (label eq '' ? "Unserved demand" : sprintf("Unserved demand: %s", label))
set ylabel "Unserved demand (mcm/d)"
set yrange [0:1<*]

plot for [i=1:N] datafile using 1:(column(i + 1)) with lines lw 2 lc rgb scol(i) dt 1 + int((i - 1) / words(SERIES_COLORS)) \
         title columnhead(i + 1)
eval SVG_REPLOT
