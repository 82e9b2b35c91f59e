# criticality.gp: the ranked bar chart of `gasdep criticality`: the elements
# of one region/group whose removal adds the most unserved gas, most
# critical on top.
# Variables (gnuplot -e): plotdir, out, region, metric (axis label),
#   datafile  rank<TAB>label<TAB>value (removal.sh)
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
set title sprintf("%s: elements ranked by the unserved gas their removal adds", region)
set xlabel metric
set yrange [*:*] reverse
set offsets 0, 0, 0.6, 0.6
set xrange [0:*]
set border 3
set xtics nomirror out
set ytics nomirror scale 0
set grid xtics lt 1 lc rgb '#e0e0e0' lw 0.8
set lmargin 34
set key off
set style fill solid 1.0 noborder
# bars in the russia red of palette.gp (the colour of lost supply)
plot datafile using ($3 / 2):1:($3 / 2):(0.38):ytic(2) with boxxyerror lc rgb word(GROUP_COLORS, 1)
eval SVG_REPLOT
