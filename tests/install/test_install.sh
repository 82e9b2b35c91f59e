#!/bin/bash
# test_install.sh BUILD_DIR: install the build into temporary places and use
# it as an outside user would: a program built through pkg-config (shared and
# static), one through find_package(gasdep), the installed CLI, man pages,
# scenarios and Python package; the shared library exports only gasdep_*;
# make uninstall's script removes every installed file; DESTDIR is honoured.
# Expected shares come from the hand-checked 60/40 mixing network below.
set -euo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
CC=${CC:-cc}
CFLAGS_EXTRA=${GASDEP_TEST_CFLAGS:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gasdep-install.XXXXXX")
manifest="$BUILD/install_manifest.txt"
# keep the manifest of a real `make install` for a later `make uninstall`
[ -f "$manifest" ] && cp "$manifest" "$tmp/manifest.saved"
cleanup() {
    if [ -f "$tmp/manifest.saved" ]; then cp "$tmp/manifest.saved" "$manifest"
    else rm -f "$manifest"; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "test_install: FAIL: $*" >&2; exit 1; }

cp "$SRC/tests/install/mix.ini" "$tmp/mix.ini"
want=$'2022-01-01 0.600000\n2022-01-02 0.600000'

# ---- install into a prefix ----
P="$tmp/prefix"
cmake --install "$BUILD" --prefix "$P" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install"; }
libdir=$(dirname "$(find "$P" -name 'libgasdep.so.*.*.*' | head -n 1)")
[ -n "$libdir" ] || fail "no libgasdep.so.X.Y.Z installed"
for f in bin/gasdep include/gasdep/gasdep.h include/gasdep/batch.h \
         include/gasdep/version.h share/man/man1/gasdep.1 \
         share/man/man5/gasdep-scenario.5 share/gasdep/scenarios/russia-cut-2022.ini \
         share/gasdep/scenarios/networks/europe.ini share/gasdep/plots/render.sh \
         share/doc/gasdep/LICENSE; do
    [ -e "$P/$f" ] || fail "$f not installed"
done
[ -x "$P/share/gasdep/plots/render.sh" ] || fail "plot scripts lost their execute bit"
for f in libgasdep.so libgasdep.a pkgconfig/gasdep.pc cmake/gasdep/gasdepConfig.cmake; do
    [ -e "$libdir/$f" ] || fail "$libdir/$f not installed"
done

# SONAME carries the major version; only gasdep_* is exported
soname=$(readelf -d "$libdir/libgasdep.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
major=$(sed -n 's/^#define GASDEP_VERSION_MAJOR \([0-9]*\)/\1/p' "$P/include/gasdep/version.h")
[ "$soname" = "libgasdep.so.$major" ] || fail "SONAME '$soname', want libgasdep.so.$major"
# (__odr_asan.*: AddressSanitizer's marker of an exported variable)
others=$(nm -D --defined-only "$libdir/libgasdep.so" | awk '{print $3}' \
         | grep -v -e '^gasdep_' -e '^__odr_asan\.gasdep_' || true)
[ -z "$others" ] || fail "exported names without the gasdep_ prefix: $others"
nm -D --defined-only "$libdir/libgasdep.so" | grep -q ' gasdep_run$' || fail "gasdep_run not exported"

# the version in one place: CLI, pkg-config, header
ver=$(sed -n 's/^project(gasdep VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ "$("$P/bin/gasdep" --version)" = "gasdep $ver" ] || fail "gasdep --version"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
[ "$(pkg-config --modversion gasdep)" = "$ver" ] || fail "gasdep.pc version"

# an outside program through pkg-config, shared then static
# shellcheck disable=SC2046,SC2086
$CC $CFLAGS_EXTRA $(pkg-config --cflags gasdep) "$SRC/tests/install/consumer.c" \
    -o "$tmp/consumer" $(pkg-config --libs gasdep)
got=$(LD_LIBRARY_PATH="$libdir" "$tmp/consumer" "$tmp/mix.ini") || fail "consumer (shared) failed"
[ "$got" = "$want" ] || fail "consumer (shared) printed: $got"
readelf -d "$tmp/consumer" | grep -q "libgasdep.so.$major" || fail "consumer not linked to the shared library"
# static as the README says: gasdep-static.pc names libgasdep.a, so the
# program needs no libgasdep.so at run time
grep -qF 'cc my.c $(pkg-config --cflags --libs gasdep-static)' "$SRC/README.md" \
    || fail "README's static link line changed: update this test"
# shellcheck disable=SC2046,SC2086
$CC $CFLAGS_EXTRA "$SRC/tests/install/consumer.c" -o "$tmp/consumer-static" \
    $(pkg-config --cflags --libs gasdep-static)
readelf -d "$tmp/consumer-static" | grep -q "libgasdep" && fail "consumer-static needs libgasdep.so"
got=$("$tmp/consumer-static" "$tmp/mix.ini") || fail "consumer (static) failed"
[ "$got" = "$want" ] || fail "consumer (static) printed: $got"

# the installed CLI runs the installed scenario library
"$P/bin/gasdep" check "$P/share/gasdep/scenarios/default.ini" >/dev/null || fail "installed CLI check"

# find_package(gasdep) from a project outside the tree
if [ -z "${GASDEP_SKIP_CMAKE_CONSUMER:-}" ]; then
    cmake -S "$SRC/tests/install" -B "$tmp/cmake-consumer" -DCMAKE_PREFIX_PATH="$P" \
          -DCMAKE_C_FLAGS="$CFLAGS_EXTRA" >"$tmp/cm.log" 2>&1 || { cat "$tmp/cm.log"; fail "find_package(gasdep)"; }
    cmake --build "$tmp/cmake-consumer" >"$tmp/cm.log" 2>&1 || { cat "$tmp/cm.log"; fail "CMake consumer build"; }
    got=$("$tmp/cmake-consumer/consumer" "$tmp/mix.ini") || fail "CMake consumer failed"
    [ "$got" = "$want" ] || fail "CMake consumer printed: $got"
fi

# the Python package finds the installed library by itself; byte code is
# written as on a user's machine (no PYTHONDONTWRITEBYTECODE), so uninstall
# must remove __pycache__ too
if [ -n "${GASDEP_PYTHON:-}" ]; then
    site=$(find "$P/lib" -type d -path '*-packages/gasdep' | head -n 1)
    [ -n "$site" ] || fail "Python package not installed"
    (cd "$tmp" && env -u GASDEP_LIBRARY -u PYTHONDONTWRITEBYTECODE PYTHONPATH="$(dirname "$site")" "$GASDEP_PYTHON" -c "
import gasdep, sys
assert gasdep.library_path.startswith('$P'), gasdep.library_path
r = gasdep.run('mix.ini')
s = r.shares[(r.shares.region == 'R') & (r.shares.origin == 'a')].share
assert (abs(s - 0.6) < 1e-6).all(), s
") || fail "installed Python package"
    [ -d "$site/__pycache__" ] || fail "the import wrote no byte code: the uninstall check below proves nothing"
fi

# uninstall removes every installed file, the byte code beside them and
# gasdep's own directories (shared ones such as lib/pkgconfig stay)
cmake -DMANIFEST="$manifest" -P "$SRC/cmake/uninstall.cmake" >/dev/null
left=$(find "$P" -type f -o -type l)
[ -z "$left" ] || fail "left after uninstall: $left"
left=$(find "$P" -type d \( -name 'gasdep*' -o -name __pycache__ \))
[ -z "$left" ] || fail "directories left after uninstall: $left"
if [ -n "${GASDEP_PYTHON:-}" ]; then
    # an uninstalled package is not found at all (not an empty namespace package)
    err=$(cd "$tmp" && env -u GASDEP_LIBRARY PYTHONPATH="$(dirname "$site")" "$GASDEP_PYTHON" -c 'import gasdep' 2>&1) \
        && fail "import gasdep still works after uninstall"
    printf '%s' "$err" | grep -q "ModuleNotFoundError: No module named 'gasdep'" \
        || fail "import gasdep after uninstall: $err"
fi

# ---- PREFIX=$HOME/.local (the README's install without root): the
# Python package goes where the user's python3 looks (the user site
# directory), and pkg-config finds gasdep.pc through the README's
# PKG_CONFIG_PATH ----
if [ -n "${GASDEP_PYTHON:-}" ]; then
    H="$tmp/home"
    mkdir -p "$H/.local"
    HOME="$H" cmake --install "$BUILD" --prefix "$H/.local" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install into ~/.local"; }
    (cd "$tmp" && env -u GASDEP_LIBRARY -u PYTHONPATH -u PYTHONNOUSERSITE HOME="$H" "$GASDEP_PYTHON" -c "
import gasdep
assert gasdep.library_path.startswith('$H/.local/'), gasdep.library_path
") || fail "python3 does not find the package installed with PREFIX=\$HOME/.local"
    [ "$(HOME="$H" PKG_CONFIG_PATH="$H/.local/lib/pkgconfig" pkg-config --modversion gasdep)" = "$ver" ] \
        || fail "pkg-config with the README's PKG_CONFIG_PATH=\$HOME/.local/lib/pkgconfig"
    grep -qF 'export PKG_CONFIG_PATH=$HOME/.local/lib/pkgconfig' "$SRC/README.md" \
        || fail "README does not say PKG_CONFIG_PATH for PREFIX=\$HOME/.local"
    cmake -DMANIFEST="$manifest" -P "$SRC/cmake/uninstall.cmake" >/dev/null
    left=$(find "$H" -type f -o -type l)
    [ -z "$left" ] || fail "left after uninstall from ~/.local: $left"
fi

# ---- DESTDIR: files under DESTDIR, paths inside them without it ----
D="$tmp/stage"
DESTDIR="$D" cmake --install "$BUILD" --prefix /opt/gasdep >"$tmp/install.log"
[ -x "$D/opt/gasdep/bin/gasdep" ] || fail "DESTDIR install"
pc=$(find "$D" -name gasdep.pc)
grep -qx 'prefix=/opt/gasdep' "$pc" || fail "gasdep.pc under DESTDIR names $(grep '^prefix=' "$pc")"
PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR="$D" pkg-config --cflags gasdep \
    | grep -q -- "-I$D/opt/gasdep/include" || fail "pkg-config with a sysroot"
echo "test_install: ok"
