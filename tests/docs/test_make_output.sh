#!/bin/bash
# test_make_output.sh LOG OUTDIR: what `make run` printed (LOG) is free of
# make's directory noise, and its closing line names every CSV file the run
# wrote into OUTDIR. Run by .ci/run on the output of its `make run`.
set -u
log=$1 out=$2
fail=0
if grep -E "(Entering|Leaving) directory" "$log" >/dev/null; then
    echo "FAIL: make's directory noise in the output of make run:"
    grep -cE "(Entering|Leaving) directory" "$log"
    fail=1
fi
last=$(grep "CSV time series are in" "$log" | tail -n 1)
[ -n "$last" ] || { echo "FAIL: no closing line"; fail=1; }
n=0
for f in "$out"/*.csv; do
    n=$((n + 1))
    b=$(basename "$f")
    case " $last " in *" $b "* | *" $b,"* | *" $b)"*) ;;
    *) echo "FAIL: the closing line does not name $b: $last"; fail=1 ;; esac
done
[ "$n" -ge 8 ] || { echo "FAIL: only $n CSV files in $out"; fail=1; }
lines=$(wc -l <"$log")
echo "make run printed $lines lines"
if [ "$fail" = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit "$fail"
