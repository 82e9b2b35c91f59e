# storage.gp: (c) storage fill against target fill for one region (%).
# Variables (gnuplot -e): plotdir, out, region,
#   balfile    date,demand_mcm,storage_fill_pct,target_fill_pct,unserved_mcm
#              (reshape_balance.awk bal_k.dat; NaN where empty)
#   hastarget  1 if the target column has any value (default 1)
timefile = balfile
load plotdir.'/common.gp'
if (!exists("hastarget")) hastarget = 1

set title sprintf("Gas storage fill vs target: %s%s", region, (hastarget ? "" : " (no target in data)"))
set ylabel "Storage fill (% of working capacity)"
set yrange [0:100<*]
set ytics 10

if (hastarget) {
    plot balfile using 1:3 with lines lw 2.5 lc rgb '#1f5fb4' title 'storage fill', \
         balfile using 1:4 with lines lw 2 dt 2 lc rgb '#d62728' title 'target fill'
} else {
    plot balfile using 1:3 with lines lw 2.5 lc rgb '#1f5fb4' title 'storage fill'
}
eval SVG_REPLOT
