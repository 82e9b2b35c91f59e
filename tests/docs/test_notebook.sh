#!/bin/bash
# test_notebook.sh: docs/tutorial.ipynb runs from top to bottom (jupyter
# nbconvert --execute, Debian's python3-nbconvert and python3-ipykernel)
# with the package of this checkout (GASDEP_LIBRARY, PYTHONPATH), every cell
# without an error, and draws its figures (at least 4 PNG outputs).
set -u
ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd) || exit 2
PY=${GASDEP_PYTHON:-/usr/bin/python3}
T=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-notebook.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
export PYTHONPATH=$ROOT/python${PYTHONPATH:+:$PYTHONPATH}
# no byte code in the source tree (the installed package is tested by test_install)
export PYTHONDONTWRITEBYTECODE=1
if ! (cd "$ROOT/docs" && "$PY" -m nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout=600 --output-dir "$T" --output tutorial.ipynb \
        tutorial.ipynb) >"$T/log" 2>&1; then
    tail -n 30 "$T/log"
    echo "0 passed, 1 failed"
    exit 1
fi
n=$("$PY" -c '
import json, sys
nb = json.load(open(sys.argv[1]))
errors = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
          if o.get("output_type") == "error"]
pngs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})]
print(-1 if errors else len(pngs))' "$T/tutorial.ipynb")
if [ "$n" -lt 4 ]; then
    echo "FAIL: the executed notebook has $n figures (want 4; -1: a cell failed)"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "tutorial.ipynb: every cell ran, $n figures"
echo "1 passed, 0 failed"
