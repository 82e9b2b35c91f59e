#!/bin/sh
# install-deps.sh: install the Debian packages gasdep needs, only those missing.
# Runs apt-get directly as root, through sudo otherwise.
set -eu
PKGS="build-essential cmake pkg-config libgsl-dev libcsv-dev libcriterion-dev \
libglpk-dev libinih-dev gnuplot-nox libopenmpi-dev openmpi-bin \
clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
