#!/bin/sh
# call-circles.sh: the calls between the engine's files, and any circle in
# them. An edge A -> B means a function in A calls (or a datum in A refers
# to) a symbol defined in B, read off the object files with nm. Exit status
# 1 when the graph has a circle (tsort names the files on it), 0 when the
# calls run one way.
# usage: scripts/call-circles.sh [BUILD_DIR] [--edges]
set -eu
build=${1:-build}
objdir="$build/CMakeFiles"
ls "$objdir"/*.dir/engine/*/*.o >/dev/null 2>&1 || {
    echo "call-circles: no engine objects under $objdir (build first)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for o in "$objdir"/*.dir/engine/*/*.o; do
    f=$(echo "$o" | sed 's|.*/engine/||; s|\.c\.o$|.c|')
    nm --defined-only -g "$o" | awk -v f="$f" 'NF == 3 { print $3, f }' >> "$tmp/def"
    nm -u "$o" | awk -v f="$f" '{ print $NF, f }' >> "$tmp/use"
done
# edges between files (a file's calls to itself are not edges)
awk 'NR == FNR { where[$1] = $2; next }
     ($1 in where) && where[$1] != $2 { print $2, where[$1] }' \
    "$tmp/def" "$tmp/use" | sort -u > "$tmp/edges"
if [ "${2:-}" = --edges ]; then cat "$tmp/edges"; fi
echo "call-circles: $(wc -l < "$tmp/edges") edges between $(cut -d' ' -f1 "$tmp/def" "$tmp/use" >/dev/null; awk '{print $1; print $2}' "$tmp/edges" | sort -u | wc -l) files"
if tsort "$tmp/edges" > /dev/null 2> "$tmp/loops"; then
    echo "call-circles: none"
else
    echo "call-circles: files on a circle (tsort):"
    sed 's/^tsort: /  /' "$tmp/loops"
    exit 1
fi
