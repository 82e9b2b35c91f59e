# compare.gp: (f) shares of chosen origin groups (default Russian and Caspian)
# of one region across several runs; one line per run x group.
# Colour = origin group (palette.gp); dash type and marker = run.
# Variables (gnuplot -e): plotdir, out, region,
#   filepat   sprintf pattern of the per-run files, e.g. '/tmp/x/run_%d.dat';
#             file i holds date,<share % per group>, header "date,<run>: <group>,..."
#   N         number of runs
#   groups    the group names of the columns, space separated
#   pis       marker interval per run, space separated (default 7 for all)
#   timefile  optional file whose first column holds all dates (x range);
#             default: the first run's file
if (!exists("timefile")) timefile = sprintf(filepat, 1)
load plotdir.'/common.gp'
if (!exists("pis")) pis = "7"

G = words(groups)
set title sprintf("Share of %s supply by origin group, by run", region)
set ylabel "Share of supply (%)"
set yrange [0:100]
set ytics 10

plot for [r=1:N] for [g=1:G] sprintf(filepat, r) using 1:(column(g + 1)) \
         with linespoints lw 2 pt int(nth(RUN_POINTTYPES, r)) ps 1.0 pi int(nth(pis, r)) \
         dt 1 + (r - 1) % RUN_DASHTYPES lc rgb gcol(word(groups, g), g) \
         title columnhead(g + 1)
eval SVG_REPLOT
