#!/usr/bin/env bash
# The report against an earlier build of the engine (issue 14: within 10% of the time and peak
# memory before). Imports the same data with each binary into its own database (a newer schema
# would migrate the older one's file), then runs, alternating, `impact report` of the baseline and
# of this checkout, ROUNDS times each; prints medians and the ratios.
#
#   scripts/bench-report-against.sh BASELINE_IMPACT [DATA_DIR] [ROUNDS]
#
# BASELINE_IMPACT is a release binary of the earlier commit, e.g. built with
#   git worktree add /tmp/base <commit> && (cd /tmp/base && swift build -c release --product impact)
# DATA_DIR defaults to .build-bench/data100k (gen_dataset.py --participants 100000 --seed 2).
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=$1
data=${2:-.build-bench/data100k}
rounds=${3:-5}
work=.build-bench/against
mkdir -p "$work"
if [ ! -f "$data/responses.csv" ]; then
    python3 ../shared/tools/gen_dataset.py --participants 100000 --seed 2 --out "$data"
fi
# IMPACT_CURRENT names a release binary of this checkout already built; else it is built here.
current=${IMPACT_CURRENT:-}
if [ -z "$current" ]; then
    swift build -c release --product impact >/dev/null
    current=$(swift build -c release --show-bin-path)/impact
fi
rm -rf "$work"/base.sqlite* "$work"/current.sqlite*
"$baseline" import "$data" --db "$work/base.sqlite" >/dev/null
"$current" import "$data" --db "$work/current.sqlite" >/dev/null

base_t=(); base_m=(); base_c=(); current_t=(); current_m=(); current_c=()
for ((i = 1; i <= rounds; i++)); do
    /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$baseline" report --out "$work/base-report" --db "$work/base.sqlite" >/dev/null 2>&1
    read -r t m u s < <(tail -1 "$work/time")
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    base_t+=("$t"); base_m+=("$m"); base_c+=("$c"); echo "round $i: baseline report  ${t}s  cpu ${c}s  peak ${m} KiB"
    /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$current" report --out "$work/current-report" --db "$work/current.sqlite" >/dev/null 2>&1
    read -r t m u s < <(tail -1 "$work/time")
    c=$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')
    current_t+=("$t"); current_m+=("$m"); current_c+=("$c"); echo "round $i: current report   ${t}s  cpu ${c}s  peak ${m} KiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
bt=$(median "${base_t[@]}"); ct=$(median "${current_t[@]}")
bm=$(median "${base_m[@]}"); cm=$(median "${current_m[@]}")
bc=$(median "${base_c[@]}"); cc=$(median "${current_c[@]}")
echo
echo "median baseline: ${bt}s (cpu ${bc}s), peak $((bm / 1024)) MiB"
echo "median current:  ${ct}s (cpu ${cc}s), peak $((cm / 1024)) MiB"
awk -v a="$bt" -v b="$ct" -v c="$bm" -v d="$cm" -v e="$bc" -v f="$cc" \
    'BEGIN { printf "ratio current / baseline: time %.3f, memory %.3f (limit 1.10); cpu time %.3f\n", b / a, d / c, f / e }'
