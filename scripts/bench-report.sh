#!/usr/bin/env bash
# Report benchmark (issue 3: `impact report` at most a fifth of a pandas + SciPy script's time,
# peak memory at most 300 MiB). Runs, alternating, the pandas anchor
# (scripts/bench/pandas_metrics.py: the five contract tables from the CSV files) and
# `impact report` on the imported database, ROUNDS times each; prints medians and the ratio.
#
#   scripts/bench-report.sh [DATA_DIR] [ROUNDS]
#
# Needs python3 with pandas and scipy (pip install pandas scipy). DATA_DIR defaults to
# .build-bench/data100k, generated with ../shared/tools/gen_dataset.py when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-.build-bench/data100k}
rounds=${2:-3}
work=.build-bench/report
mkdir -p "$work"
if [ ! -f "$data/responses.csv" ]; then
    python3 ../shared/tools/gen_dataset.py --participants 100000 --seed 2 --out "$data"
fi
swift build -c release --product impact >/dev/null
impact=$(swift build -c release --show-bin-path)/impact
rm -f "$work"/impact.sqlite*
"$impact" import "$data" --db "$work/impact.sqlite" >/dev/null

anchor_t=(); anchor_m=(); impact_t=(); impact_m=()
for ((i = 1; i <= rounds; i++)); do
    /usr/bin/time -o "$work/time" -f "%e %M" python3 scripts/bench/pandas_metrics.py "$data" "$work/pandas" >/dev/null 2>&1
    read -r t m < <(tail -1 "$work/time")
    anchor_t+=("$t"); anchor_m+=("$m"); echo "round $i: pandas + SciPy  ${t}s  peak ${m} KiB"
    /usr/bin/time -o "$work/time" -f "%e %M" "$impact" report --out "$work/impact" --db "$work/impact.sqlite" >/dev/null 2>&1
    read -r t m < <(tail -1 "$work/time")
    impact_t+=("$t"); impact_m+=("$m"); echo "round $i: impact report   ${t}s  peak ${m} KiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
a=$(median "${anchor_t[@]}"); b=$(median "${impact_t[@]}")
echo
echo "median pandas + SciPy: ${a}s (peak $(( $(median "${anchor_m[@]}") / 1024 )) MiB)"
echo "median impact report:  ${b}s (peak $(( $(median "${impact_m[@]}") / 1024 )) MiB)"
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio impact / pandas: %.3f (limit 0.200, aim 0.050)\n", b / a }'
