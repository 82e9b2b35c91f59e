# fanchart.gp: fan chart of one metric of one region/group from a Monte Carlo
# bands.csv: P5-P95 and P25-P75 bands, the median and the mean over runs.
# Variables (gnuplot -e): plotdir, out, region, metric,
#   datafile  date,p5,p25,p50,p75,p95,mean  (fanchart.sh, already scaled)
#   ylab      y axis label
#   colour    base colour (from palette.gp: the origin group's colour for
#             shares, the first series colour otherwise)
#   runs      number of runs (for the title)
timefile = datafile
load plotdir.'/common.gp'
if (!exists("runs")) runs = ''

set title sprintf("%s, %s: Monte Carlo fan chart (%s runs)", region, metric, runs)
set ylabel ylab
set yrange [0<*:*]

plot datafile using 1:2:6 with filledcurves fc rgb colour fs transparent solid 0.18 noborder title "P5-P95", \
     ''       using 1:3:5 with filledcurves fc rgb colour fs transparent solid 0.40 noborder title "P25-P75", \
     ''       using 1:4 with lines lw 2.2 lc rgb colour title "median", \
     ''       using 1:7 with lines lw 1.4 lc rgb '#333333' dt 2 title "mean"
eval SVG_REPLOT
