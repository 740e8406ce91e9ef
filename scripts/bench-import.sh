#!/usr/bin/env bash
# Import benchmark (issue: import must take at most 1.5x the sqlite3 shell's raw .import).
# Runs, in the same session and alternating, the sqlite3 shell's `.import` of every file
# (`.mode csv`, all TEXT, no checks) and `impact import` of the same folder into a new
# database, ROUNDS times each; prints each run and the medians, ratio and peak memory.
#
#   scripts/bench-import.sh [DATA_DIR] [ROUNDS]
#   BASELINE=/path/to/older/impact CRM=1 scripts/bench-import.sh
#
# DATA_DIR defaults to .build-bench/data100k, generated with the shared generator
# (python3 ../shared/tools/gen_dataset.py --participants 100000 --seed 2) when missing.
# BASELINE: an older build of impact, run alternately with this one on the same files, so that
# the two ratios to sqlite3 are measured in one run. CRM=1: the same files rewritten with a
# CRM's headers and values (scripts/bench/crm_style.py) are imported too, for their ratio to
# the canonical layout.
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

crm_data=""
if [ "${CRM:-0}" = 1 ]; then
    crm_data=.build-bench/crm-$(basename "$data")
    [ -f "$crm_data/crm-contacts.csv" ] || python3 scripts/bench/crm_style.py "$data" "$crm_data"
fi
export IMPACT_ID_KEY=${IMPACT_ID_KEY:-bench-key-0123456789abcdef}

raw_times=(); impact_times=(); raw_mem=(); impact_mem=(); base_times=(); crm_times=(); crm_mem=()
for ((i = 1; i <= rounds; i++)); do
    rm -f "$work"/raw.sqlite* "$work"/impact.sqlite* "$work"/base.sqlite* "$work"/crm.sqlite*
    read -r t m < <( { /usr/bin/time -f "%e %M" sqlite3 "$work/raw.sqlite" < "$script" >/dev/null; } 2>&1 | tail -1)
    raw_times+=("$t"); raw_mem+=("$m")
    echo "round $i: sqlite3 .import  ${t}s  peak ${m} KiB"
    if [ -n "${BASELINE:-}" ]; then
        read -r t m < <( { /usr/bin/time -f "%e %M" "$BASELINE" import "$data" --db "$work/base.sqlite" >/dev/null; } 2>&1 | tail -1)
        base_times+=("$t")
        echo "round $i: baseline import  ${t}s  peak ${m} KiB"
    fi
    read -r t m < <( { /usr/bin/time -f "%e %M" "$impact" import "$data" --db "$work/impact.sqlite" >/dev/null; } 2>&1 | tail -1)
    impact_times+=("$t"); impact_mem+=("$m")
    echo "round $i: impact import    ${t}s  peak ${m} KiB"
    if [ -n "$crm_data" ]; then
        read -r t m < <( { /usr/bin/time -f "%e %M" "$impact" import "$crm_data" --db "$work/crm.sqlite" >/dev/null; } 2>&1 | tail -1)
        crm_times+=("$t"); crm_mem+=("$m")
        echo "round $i: impact, CRM layout ${t}s  peak ${m} KiB"
    fi
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
if [ -n "${BASELINE:-}" ]; then
    base=$(median "${base_times[@]}")
    echo "median baseline import: ${base}s"
    awk -v a="$base" -v b="$raw" -v c="$imp" 'BEGIN { printf "ratio baseline / sqlite3: %.2f; this / baseline: %.3f (limit 1.05)\n", a / b, c / a }'
fi
if [ -n "$crm_data" ]; then
    crm=$(median "${crm_times[@]}"); crmm=$(median "${crm_mem[@]}")
    echo "median impact import, CRM layout: ${crm}s (peak $((crmm / 1024)) MiB)"
    awk -v a="$crm" -v b="$imp" 'BEGIN { printf "ratio CRM layout / canonical: %.2f (limit 1.20)\n", a / b }'
fi
