#!/bin/bash
# test_docs.sh BUILD_DIR: the documentation site builds (as make docs:
# Sphinx + MyST, warnings are errors) and every internal link of the HTML
# resolves (docs/site/check_links.py, itself checked on a broken link).
set -u
BUILD=$(cd "$1" && pwd) || exit 2
ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd) || exit 2
PY=${GASDEP_PYTHON:-/usr/bin/python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-docs.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
PASS=0 FAIL=0
res() { if [ "$1" = 0 ]; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAIL: $2"; fi; }
cd "$ROOT" || exit 2
"$PY" docs/site/gen.py "$BUILD/man" >"$T/gen.log" 2>&1
res $? "docs/site/gen.py: $(tail -n 3 "$T/gen.log")"
PYTHONPATH=$ROOT/python GASDEP_LIBRARY=${GASDEP_LIBRARY:-$BUILD/libgasdep.so} PYTHONDONTWRITEBYTECODE=1 \
    "$PY" -m sphinx -q -W --keep-going -b html -c docs/site . "$T/html" >"$T/sphinx.log" 2>&1
res $? "sphinx-build -W: $(head -n 20 "$T/sphinx.log")"
for page in index.html docs/site/index.html README.html docs/OUTPUTS.html scenarios/FORMAT.html \
            docs/site/python.html docs/site/_gen/c_api.html docs/site/_gen/gasdep.1.html; do
    [ -s "$T/html/$page" ]; res $? "$page not built"
done
grep -q "gasdep_batch_run" "$T/html/docs/site/_gen/c_api.html"; res $? "C API page lacks gasdep_batch_run"
grep -q "montecarlo" "$T/html/docs/site/python.html"; res $? "Python page lacks montecarlo"
"$PY" docs/site/check_links.py "$T/html" >"$T/links.log"
res $? "broken links: $(grep broken "$T/links.log" | head -n 10)"
# the checker finds a broken link and a missing anchor
mkdir -p "$T/bad"
printf '<a href="nowhere.html">x</a><a href="#nothere">y</a><p id="here"></p>' >"$T/bad/index.html"
"$PY" docs/site/check_links.py "$T/bad" | grep -q "0 passed, 2 failed"
res $? "check_links.py does not see broken links"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
