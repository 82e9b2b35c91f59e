# heatmap.gp: a figure of a two-parameter sweep: one sweep.csv metric (by
# default the unserved share) of one region/group against two varied
# parameters. A full grid is drawn as cells (non-uniform spacing allowed),
# scattered points (sampled designs) as coloured markers.
# Variables (gnuplot -e): plotdir, out, region, metric, xname, yname,
#   datafile  x y z xhalf yhalf (whitespace separated; heatmap.sh)
#   grid      1: cells, 0: markers
#   xkind, ykind  'num', 'date' (x in seconds since 1970) or 'cat'
#   xtics_cmd, ytics_cmd  'set xtics (...)' for categorical axes, or ''
#   zlab      colour-bar label; labels 1 to print values in the cells
#   note      extra title line ('' for none)
load plotdir.'/palette.gp'
if (!exists("FIG_FONT")) FIG_FONT = "DejaVu Sans,11"
if (!exists("note")) note = ''
if (!exists("labels")) labels = 0
FIG_W = 1000
FIG_H = 700
if (strstrt(GPVAL_TERMINALS, " pngcairo ") > 0) {
    set terminal pngcairo size FIG_W,FIG_H noenhanced font FIG_FONT linewidth 1.2
} else {
    set terminal png size FIG_W,FIG_H noenhanced
}
set output out.'.png'
SVG_REPLOT = "set output; set terminal svg size FIG_W,FIG_H dynamic noenhanced font FIG_FONT background '#ffffff'; set output out.'.svg'; replot; set output"

# sequential scale from palette.gp: white -> caspian gold -> russia red
eval sprintf("set palette defined (0 '#ffffff', 1 '%s', 2 '%s')", word(GROUP_COLORS, 2), word(GROUP_COLORS, 1))
set cbrange [0:*]
set cblabel zlab
set colorbox vertical user origin 0.88,0.15 size 0.025,0.7
set rmargin at screen 0.84

set title sprintf("%s: %s by %s and %s%s", region, metric, xname, yname, note eq '' ? '' : "\n".note)
set xlabel xname
set ylabel yname
set border 3
set xtics nomirror out
set ytics nomirror out
set grid front lt 1 lc rgb '#d0d0d0' lw 0.5
set key off
if (xkind eq 'date') { set xdata time; set timefmt "%s"; set format x "%d %b\n%Y" }
if (ykind eq 'date') { set ydata time; set timefmt "%s"; set format y "%d %b %Y" }
if (xtics_cmd ne '') { eval xtics_cmd }
if (ytics_cmd ne '') { eval ytics_cmd }
set offsets graph 0.02, graph 0.02, graph 0.02, graph 0.02

if (grid) {
    if (labels) {
        plot datafile using 1:2:4:5:3 with boxxyerror fs solid 1.0 noborder lc palette, \
             ''       using 1:2:(sprintf("%.3g", $3)) with labels font ",9" tc rgb '#222222'
    } else {
        plot datafile using 1:2:4:5:3 with boxxyerror fs solid 1.0 noborder lc palette
    }
} else {
    plot datafile using 1:2:3 with points pt 7 ps 1.8 lc palette
}
eval SVG_REPLOT
