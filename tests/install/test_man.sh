#!/bin/bash
# test_man.sh GASDEP_BIN MAN_DIR: the man pages as configured in the build
# carry the engine's version, are valid roff (groff warnings are errors), and
# gasdep(1) has a section for every command `gasdep --help` lists and every
# long option of each command's --help.
set -euo pipefail
BIN=$1
MAN=$2
fail() { echo "test_man: FAIL: $*" >&2; exit 1; }
for page in "$MAN/gasdep.1" "$MAN/gasdep-scenario.5"; do
    grep -q '^\.TH .*"gasdep '"$("$BIN" --version | cut -d' ' -f2)"'"' "$page" \
        || fail "$page: version in .TH is not the engine's"
    if command -v groff >/dev/null; then
        warn=$(groff -man -ww -z "$page" 2>&1) || fail "$page: groff failed: $warn"
        [ -z "$warn" ] || fail "$page: $warn"
    fi
done
# commands: indented words under "commands:" in the usage text
cmds=$("$BIN" --help | sed -n '/^commands:/,/^$/p' | awk 'NF && $1 != "commands:" {print $1}')
[ -n "$cmds" ] || fail "no commands found in gasdep --help"
for c in $cmds; do
    grep -q "^\.SS \"\?$c\b" "$MAN/gasdep.1" || fail "gasdep.1 has no section for '$c'"
    # every long option of the command's help appears in the page
    for o in $("$BIN" "$c" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$MAN/gasdep.1" \
            || fail "gasdep.1: option $o of '$c' not documented"
    done
done
echo "test_man: ok ($(echo $cmds | wc -w) commands)"
