#!/usr/bin/env bash
# Metric layer benchmark (issue 5: a metric with two dimensions on the 100k-participant set
# answers in well under a second). Runs each `impact metric` below ROUNDS times on the imported
# database and prints, per metric, the median wall-clock time, the median CPU time (user + sys)
# and the peak memory. On a shared machine wall-clock time follows the load; CPU time much less.
#
#   scripts/bench-query.sh [DATA_DIR] [ROUNDS]
#
# DATA_DIR defaults to /work/bench/data100k (else .build-bench/data100k, generated with
# ../shared/tools/gen_dataset.py when missing). docs/performance.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-/work/bench/data100k}
rounds=${2:-5}
work=.build-bench/query
mkdir -p "$work"
if [ ! -f "$data/responses.csv" ]; then
    data=.build-bench/data100k
    [ -f "$data/responses.csv" ] || python3 ../shared/tools/gen_dataset.py --participants 100000 --seed 2 --out "$data"
fi
swift build -c release --product impact >/dev/null
impact=$(swift build -c release --show-bin-path)/impact
if [ ! -f "$work/impact.sqlite" ]; then
    "$impact" import "$data" --db "$work/impact.sqlite" >/dev/null
fi

metrics=(
    "participants --by programme,year"
    "reach_fsm --by programme,year"
    "reach_low_ses --by region,gender"
    "completion_rate --by delivery_mode,year"
    "outcome_rate --by programme,fsm"
    "outcome_rate --by year,dosage_band"
    "participants --by school_type,dosage_band"
    "prepost_change --by programme,year"
)

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-45s %10s %10s %10s\n' "metric" "wall s" "cpu s" "peak MiB"
for m in "${metrics[@]}"; do
    wall=(); cpu=(); mem=()
    for ((i = 1; i <= rounds; i++)); do
        # shellcheck disable=SC2086
        read -r e u s k < <( { /usr/bin/time -f "%e %U %S %M" "$impact" metric $m --db "$work/impact.sqlite" --format csv >/dev/null; } 2>&1 | tail -1)
        wall+=("$e"); cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"); mem+=("$k")
    done
    printf '%-45s %10s %10s %10s\n' "$m" "$(median "${wall[@]}")" "$(median "${cpu[@]}")" "$(( $(median "${mem[@]}") / 1024 ))"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
