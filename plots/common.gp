# common.gp: shared set-up for every gasdep figure script. Load it first:
#     load plotdir.'/common.gp'
# Needs these variables (render.sh/compare.sh pass them with gnuplot -e):
#   plotdir   directory of these scripts
#   out       output path WITHOUT extension; out.'.png' and out.'.svg' are written
#   timefile  a data file whose first column holds the dates (for the x axis)
# After the plot command, a figure script runs `eval SVG_REPLOT` to write the
# same figure as SVG.
load plotdir.'/palette.gp'

FIG_W = 1000
FIG_H = 600
if (!exists("FIG_FONT")) FIG_FONT = "DejaVu Sans,11"

if (strstrt(GPVAL_TERMINALS, " pngcairo ") > 0) {
    set terminal pngcairo size FIG_W,FIG_H noenhanced font FIG_FONT linewidth 1.2
} else {
    set terminal png size FIG_W,FIG_H noenhanced
}
set output out.'.png'
SVG_REPLOT = "set output; set terminal svg size FIG_W,FIG_H dynamic noenhanced font FIG_FONT background '#ffffff'; set output out.'.svg'; replot; set output"

set datafile separator ","
set datafile missing "NaN"
set key autotitle columnhead
set key outside right top vertical Left reverse box lc rgb '#bbbbbb'
set grid xtics ytics lt 1 lc rgb '#e0e0e0' lw 0.8
set grid back
set border 3
set xtics nomirror out
set ytics nomirror out
set mxtics default

# --- dates on the x axis ------------------------------------------------------
# span of the data decides the tic label format
stats timefile using (timecolumn(1, "%Y-%m-%d")) nooutput
T_MIN = STATS_min
T_MAX = STATS_max
T_SPAN_DAYS = (T_MAX - T_MIN) / 86400.0
set xdata time
set timefmt "%Y-%m-%d"
if (T_SPAN_DAYS <= 120) {
    set format x "%d %b\n%Y"
    if (T_SPAN_DAYS <= 14) { set xtics 86400; set mxtics 1 }
} else {
    if (T_SPAN_DAYS <= 5 * 366) { set format x "%b\n%Y" } else { set format x "%Y" }
}
if (T_SPAN_DAYS > 0) { set xrange [T_MIN:T_MAX] } else { set xrange [T_MIN - 86400:T_MAX + 86400] }
set xlabel "Gas day"
