# utilisation.gp: (e) pipeline utilisation over time (%).
# Variables (gnuplot -e): plotdir, out,
#   datafile  date,<utilisation % per pipeline>  (reshape_flows.awk util.dat)
#   N         number of pipeline columns
#   label     text for the title (e.g. the run name), may be ''
timefile = datafile
load plotdir.'/common.gp'
if (!exists("label")) label = ''

set title (label eq '' ? "Pipeline utilisation" : sprintf("Pipeline utilisation: %s", label))
set ylabel "Utilisation (% of capacity)"
set yrange [0:100<*]
set ytics 10

plot for [i=1:N] datafile using 1:(column(i + 1)) with lines lw 2 lc rgb scol(i) dt 1 + int((i - 1) / words(SERIES_COLORS)) \
         title columnhead(i + 1)
eval SVG_REPLOT
