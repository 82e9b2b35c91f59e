# supply.gp: (a) stacked daily supply by origin group for one region or group.
# Variables (gnuplot -e): plotdir, out, region,
#   volfile     date,<cumulative volume_mcm per group>  (reshape_shares.awk *_vol.dat)
#   names       the group names of volfile's columns, space separated
#   demandfile  date,demand_mcm,... (reshape_balance.awk bal_k.dat), or '' for none
timefile = volfile
load plotdir.'/common.gp'

N = words(names)
set title sprintf("Daily gas supply by origin group: %s", region)
set ylabel "Supply (mcm/d)"
set yrange [0:*]
set style fill solid 0.85 noborder
set key invert

if (demandfile ne '') {
    plot for [i=1:N] volfile using 1:(i == 1 ? 0 : column(i)):(column(i + 1)) \
             with filledcurves lc rgb gcol(word(names, i), i) title columnhead(i + 1), \
         demandfile using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title 'demand'
} else {
    plot for [i=1:N] volfile using 1:(i == 1 ? 0 : column(i)):(column(i + 1)) \
             with filledcurves lc rgb gcol(word(names, i), i) title columnhead(i + 1)
}
eval SVG_REPLOT
