#!/usr/bin/env bash
# Import benchmark (issue: import must take at most 1.5x the sqlite3 shell's raw .import).
# Runs, in the same session and alternating, the sqlite3 shell's `.import` of every file
# (`.mode csv`, all TEXT, no checks) and `impact import` of the same folder into a new
# database, ROUNDS times each; prints each run and the medians, ratio and peak memory.
#
#   scripts/bench-import.sh [DATA_DIR] [ROUNDS]
#
# DATA_DIR defaults to .build-bench/data100k, generated with the shared generator
# (python3 ../shared/tools/gen_dataset.py --participants 100000 --seed 2) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-.build-bench/data100k}
rounds=${2:-3}
work=.build-bench/run
mkdir -p "$work"

if [ ! -f "$data/responses.csv" ]; then
    generator=../shared/tools/gen_dataset.py
    [ -f "$generator" ] || { echo "no data in $data and no $generator to make it" >&2; exit 1; }
    python3 "$generator" --participants 100000 --seed 2 --out "$data"
fi
swift build -c release --product impact >/dev/null
impact=$(swift build -c release --show-bin-path)/impact

files=(programmes cohorts participants enrolments survey_items responses outcomes benchmarks)
script="$work/raw.sql"
{
    echo ".mode csv"
    for f in "${files[@]}"; do
        [ -f "$data/$f.csv" ] && echo ".import '$data/$f.csv' $f"
    done
} > "$script"

raw_times=(); impact_times=(); raw_mem=(); impact_mem=()
for ((i = 1; i <= rounds; i++)); do
    rm -f "$work"/raw.sqlite* "$work"/impact.sqlite*
    read -r t m < <( { /usr/bin/time -f "%e %M" sqlite3 "$work/raw.sqlite" < "$script" >/dev/null; } 2>&1 | tail -1)
    raw_times+=("$t"); raw_mem+=("$m")
    echo "round $i: sqlite3 .import  ${t}s  peak ${m} KiB"
    read -r t m < <( { /usr/bin/time -f "%e %M" "$impact" import "$data" --db "$work/impact.sqlite" >/dev/null; } 2>&1 | tail -1)
    impact_times+=("$t"); impact_mem+=("$m")
    echo "round $i: impact import    ${t}s  peak ${m} KiB"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
raw=$(median "${raw_times[@]}"); imp=$(median "${impact_times[@]}")
rawm=$(median "${raw_mem[@]}"); impm=$(median "${impact_mem[@]}")
rows=$(cat "$data"/*.csv | wc -l)
echo
echo "rows (all files, with headers): $rows"
echo "median sqlite3 .import: ${raw}s (peak $((rawm / 1024)) MiB)"
echo "median impact import:   ${imp}s (peak $((impm / 1024)) MiB)"
awk -v a="$imp" -v b="$raw" 'BEGIN { printf "ratio impact / sqlite3: %.2f (limit 1.50)\n", a / b }'
