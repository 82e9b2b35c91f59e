#!/bin/sh
# install-deps.sh: install the Debian packages gasdep needs, only those missing.
# Usage: sh scripts/install-deps.sh [run] [test] [mpi] [docs]   (default: run)
#   run   build and run the engine (compiler, CMake, the libraries it links)
#   test  + what the test suite needs (Criterion, gnuplot, Python with pytest,
#         pandas, numpy, hypothesis and matplotlib; geopandas, with its
#         bundled Natural Earth countries, for the maps; pip, venv, setuptools
#         and wheel for the pip install test; nbconvert and ipykernel for the
#         notebook; Sphinx with MyST for the docs site)
#   docs  + Sphinx with MyST (make docs)
#   mpi   + Open MPI for sweeps and Monte Carlo across processes
# Runs apt-get directly as root, through sudo otherwise. apt's own output goes
# to a log that is shown only when something fails.
set -eu
# the documentation site (make docs): Sphinx with MyST for the Markdown,
# groff to render the man pages
PKGS_DOCS="python3-sphinx python3-myst-parser groff-base"
PKGS_RUN="build-essential cmake pkg-config libgsl-dev libcsv-dev \
libglpk-dev coinor-libclp-dev libinih-dev libmd-dev"
PKGS_TEST="libcriterion-dev gnuplot-nox python3 python3-pytest python3-pandas \
python3-numpy python3-hypothesis python3-geopandas python3-matplotlib \
python3-pip python3-venv python3-setuptools python3-wheel python3-nbconvert \
python3-ipykernel python3-nbformat $PKGS_DOCS"
PKGS_MPI="libopenmpi-dev openmpi-bin"
PKGS_FUZZ="clang libclang-rt-14-dev"

[ $# -eq 0 ] && set -- run
PKGS=""
for group in "$@"; do
    case "$group" in
    run) PKGS="$PKGS $PKGS_RUN" ;;
    test) PKGS="$PKGS $PKGS_RUN $PKGS_TEST" ;;
    mpi) PKGS="$PKGS $PKGS_RUN $PKGS_MPI" ;;
    fuzz) PKGS="$PKGS $PKGS_RUN $PKGS_FUZZ" ;;
    docs) PKGS="$PKGS $PKGS_RUN python3 $PKGS_DOCS" ;;
    *) echo "install-deps: unknown group '$group' (run, test, mpi, fuzz, docs)" >&2; exit 2 ;;
    esac
done

missing=""
for p in $PKGS; do
    case " $missing " in *" $p "*) continue ;; esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
log=$(mktemp "${TMPDIR:-/tmp}/gasdep-apt.XXXXXX")
run() {
    if ! "$@" >>"$log" 2>&1; then
        echo "install-deps: failed: $*" >&2
        tail -n 30 "$log" >&2
        echo "install-deps: full log in $log" >&2
        exit 1
    fi
}
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq update
# shellcheck disable=SC2086
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 $missing
rm -f "$log"
echo "install-deps: done" >&2
