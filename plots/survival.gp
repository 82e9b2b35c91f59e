# survival.gp: the Monte Carlo distribution of survival time (days from the
# run's first disruption to the first shortfall) by region/group, from
# survival_distribution.csv: P5-P95 whiskers, P25-P75 box, median tick. A
# quantile among the runs without a shortfall (beyond the horizon) is drawn at
# the dashed line xmax; the share of runs without a shortfall is written after
# each row (an area never short has no bars).
# Variables (gnuplot -e): plotdir, out, label (scenario or directory), xmax,
#   datafile  row<TAB>area<TAB>p5<TAB>p25<TAB>p50<TAB>p75<TAB>p95<TAB>note
#             (survival.sh; NaN for an area never short)
load plotdir.'/palette.gp'
if (!exists("FIG_FONT")) FIG_FONT = "DejaVu Sans,11"
FIG_W = 1000
FIG_H = 700
if (strstrt(GPVAL_TERMINALS, " pngcairo ") > 0) {
    set terminal pngcairo size FIG_W,FIG_H noenhanced font FIG_FONT linewidth 1.2
} else {
    set terminal png size FIG_W,FIG_H noenhanced
}
set output out.'.png'
SVG_REPLOT = "set output; set terminal svg size FIG_W,FIG_H dynamic noenhanced font FIG_FONT background '#ffffff'; set output out.'.svg'; replot; set output"

set datafile separator "\t"
set title sprintf("%s: survival time after the first disruption (Monte Carlo)", label)
set xlabel "Days from the disruption's start to the first shortfall (box P25-P75, whiskers P5-P95, tick median)"
set yrange [*:*] reverse
set offsets 0, 0, 0.6, 0.6
set xrange [0:xmax * 1.5]
set border 3
set xtics nomirror out
set ytics nomirror scale 0
set grid xtics lt 1 lc rgb '#e0e0e0' lw 0.8
set lmargin 12
set key off
set arrow from xmax, graph 0 to xmax, graph 1 nohead dt 2 lc rgb '#808080'
set label "beyond the horizon" at xmax, graph 1 offset 0.5,-0.8 left tc rgb '#808080'
BOX = word(SERIES_COLORS, 1)
MED = word(GROUP_COLORS, 1)
plot datafile using 3:1:3:7 with xerrorbars pt -1 lc rgb BOX lw 1.5, \
     '' using (($4 + $6) / 2):1:(($6 - $4) / 2):(0.3):ytic(2) with boxxyerror \
         fs solid 0.45 noborder lc rgb BOX, \
     '' using 5:1:(0):(0.34) with boxxyerror fs solid 1.0 border lc rgb MED lw 2, \
     '' using (xmax * 1.03):1:8 with labels left font ",9"
eval SVG_REPLOT
