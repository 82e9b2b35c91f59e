#!/bin/sh
# map.sh: maps of Europe by country from gasdep outputs (PNG and SVG).
# Usage: plots/map.sh RUN_DIR|TABLE.csv [--metric COLUMN|flows] [--period P]
#                     [--where COLUMN=VALUE]... [--title T] [-o FIGDIR]
# A choropleth of any region column (summary.csv of a run, an aggregated
# table, dependence.csv with --where source=russia, ...), computed from the
# daily tables over --period (YYYY, YYYY-MM or FIRST:LAST) for
# share_mean_GROUP, unserved_share, unserved_mcm, demand_mcm, days_short and
# min_storage_fill; or, with --metric flows, the pipelines between country
# positions (width: mean flow, colour: dominant origin group sent).
# Borders and positions: Natural Earth 1:110m from Debian's python3-geopandas
# (offline). Colours: plots/palette.gp. Writes FIGDIR/map_METRIC_PERIOD.png
# and .svg (default FIGDIR: figures/ next to the input). See plots/README.md.
set -u
# the physical directory: plots/ may be a link to a checkout's plots/
PLOTDIR=$(CDPATH='' cd -P -- "$(dirname -- "$0")" && pwd -P) || exit 2
ROOT=$(dirname -- "$PLOTDIR")
# the first Python that has geopandas (Debian's python3 may not be first in PATH)
for PY in ${GASDEP_MAP_PYTHON:-} python3 /usr/bin/python3; do
    "$PY" -c 'import geopandas, matplotlib' >/dev/null 2>&1 && break
    PY=''
done
[ -n "$PY" ] || { echo "map.sh: error: no python3 with geopandas and matplotlib (Debian: apt-get install python3-geopandas python3-matplotlib, or sh scripts/install-deps.sh test)" >&2; exit 2; }
exec "$PY" "$ROOT/python/gasdep/_maps.py" "$@"
