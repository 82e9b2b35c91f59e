#!/bin/bash
# test_pip.sh BUILD_DIR: `pip install .` as a Python user does it on Debian
# without network: a venv that sees Debian's numpy, pandas, setuptools and
# wheel (--system-site-packages), pip install --no-build-isolation of the
# source tree; the installed package carries the C library built by CMake
# (setup.py; this build directory is reused through GASDEP_CMAKE_BUILD_DIR
# so the suite does not compile the engine twice) and runs the hand-checked
# 60/40 mixing network; pip uninstall leaves nothing. Then `make dist`: the
# release tarball holds what pip needs, and pip installs from it the same way.
set -euo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PY=${GASDEP_PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-pip.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test_pip: FAIL: $*" >&2; exit 1; }
export GASDEP_CMAKE_BUILD_DIR=$BUILD
unset GASDEP_LIBRARY PYTHONPATH PYTHONDONTWRITEBYTECODE

cp "$SRC/tests/install/mix.ini" "$tmp/mix.ini"

check_venv() { # VENV: the package runs from the venv, with its own library
    (cd "$tmp" && "$1/bin/python" -c "
import gasdep, sys
assert gasdep.library_path.startswith(sys.prefix), gasdep.library_path
r = gasdep.run('mix.ini')
s = r.shares[(r.shares.region == 'R') & (r.shares.origin == 'a')].share
assert (abs(s - 0.6) < 1e-6).all(), s
") || fail "the package installed in $1 does not run"
}

# 1. pip install . (the README's command)
"$PY" -m venv --system-site-packages "$tmp/venv" || fail "python3 -m venv (python3-venv)"
(cd "$SRC" && "$tmp/venv/bin/pip" install -q --no-build-isolation --no-index .) \
    >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; fail "pip install --no-build-isolation ."; }
check_venv "$tmp/venv"
grep -qF 'pip install --no-build-isolation .' "$SRC/README.md" || fail "README does not give this pip command"
"$tmp/venv/bin/pip" uninstall -q -y gasdep >/dev/null 2>&1 || fail "pip uninstall"
left=$(find "$tmp/venv/lib" -name 'gasdep*' -o -name 'libgasdep*')
[ -z "$left" ] || fail "left after pip uninstall: $left"

# 2. make dist, then pip install of the tarball
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
    make -s -C "$SRC" dist DISTDIR="$tmp" >/dev/null || fail "make dist"
    ver=$(sed -n 's/^project(gasdep VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
    tgz=$tmp/gasdep-$ver.tar.gz
    [ -s "$tgz" ] || fail "make dist wrote no $tgz"
    tar -tzf "$tgz" >"$tmp/list"
    for f in pyproject.toml setup.py CMakeLists.txt Makefile README.md LICENSE \
             python/gasdep/__init__.py scenarios/default.ini; do
        grep -qx "gasdep-$ver/$f" "$tmp/list" || fail "$f not in the tarball"
    done
    grep -q "^gasdep-$ver/build/" "$tmp/list" && fail "the tarball holds a build directory"
    "$PY" -m venv --system-site-packages "$tmp/venv2"
    "$tmp/venv2/bin/pip" install -q --no-build-isolation --no-index "$tgz" \
        >"$tmp/pip2.log" 2>&1 || { cat "$tmp/pip2.log"; fail "pip install of the release tarball"; }
    check_venv "$tmp/venv2"
fi
echo "test_pip: ok"
