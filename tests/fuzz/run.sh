#!/bin/sh
# run.sh: run every libFuzzer harness (one at a time) within a total budget
# of SECONDS, shared equally, and fail on any crash, leak or timeout.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [NAME...]
# Inputs found are kept in BUILD_DIR/fuzz-corpus/NAME (reused by the next run),
# crashes in BUILD_DIR/fuzz-artifacts/. Runs in scenarios/ so that the seed
# scenarios find their base files.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=$2
shift 2
names=${*:-"fuzz_scenario fuzz_series fuzz_sweep fuzz_values fuzz_rundir fuzz_journal"}
count=$(echo $names | wc -w)
each=$((seconds / count))
[ "$each" -ge 1 ] || each=1
seeds_of() {
    case $1 in
    fuzz_scenario) echo "$root/scenarios $root/scenarios/networks $root/tests/fuzz/seeds/scenario" ;;
    fuzz_series) echo "$root/tests/fuzz/seeds/series" ;;
    fuzz_sweep) echo "$root/scenarios/sweeps" ;;
    fuzz_values) echo "$root/tests/fuzz/seeds/values" ;;
    fuzz_rundir) echo "$root/tests/fuzz/seeds/rundir" ;;
    fuzz_journal) echo "$root/tests/fuzz/seeds/journal" ;;
    esac
}
mkdir -p "$build/fuzz-artifacts"
status=0
for f in $names; do
    bin="$build/tests/fuzz/$f"
    [ -x "$bin" ] || { echo "fuzz: $bin missing (make fuzz)" >&2; exit 2; }
    mkdir -p "$build/fuzz-corpus/$f"
    echo "fuzz: $f for ${each}s"
    # shellcheck disable=SC2046
    if ! (cd "$root/scenarios" && ASAN_OPTIONS=detect_leaks=1 "$bin" \
        -max_total_time="$each" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict="$root/tests/fuzz/gasdep.dict" -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$f-" \
        "$build/fuzz-corpus/$f" $(seeds_of "$f") \
        >"$build/fuzz-artifacts/$f.log" 2>&1); then
        echo "fuzz: $f FAILED (crash, leak or timeout): see $build/fuzz-artifacts/$f.log" >&2
        tail -40 "$build/fuzz-artifacts/$f.log" >&2
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov:" \
        "$build/fuzz-artifacts/$f.log" | tail -3
done
exit $status
