#!/usr/bin/env bash
# Data-quality check benchmark (issue 6: the checks must be fast on the 100k set).
# Imports DATA_DIR with a release build into DB (once, when DB is missing), then runs
# `impact check --format csv` on it ROUNDS times and prints each run, the median time and
# the median peak memory.
#
#   scripts/bench-check.sh [DATA_DIR] [DB] [ROUNDS]
#
# DATA_DIR defaults to ../bench/data100k, DB to /tmp/c100k.sqlite, ROUNDS to 5.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../bench/data100k}
db=${2:-/tmp/c100k.sqlite}
rounds=${3:-5}
swift build -c release --product impact >/dev/null
impact=$(swift build -c release --show-bin-path)/impact
if [ ! -f "$db" ]; then
    /usr/bin/time -f "import: %e s, peak %M KiB" "$impact" import "$data" --db "$db" >/dev/null
fi
times=(); mems=()
for ((i = 1; i <= rounds; i++)); do
    read -r t m < <( { /usr/bin/time -f "%e %M" "$impact" check --db "$db" --format csv >/dev/null; } 2>&1 | tail -1)
    times+=("$t"); mems+=("$m")
    echo "round $i: impact check  ${t}s  peak ${m} KiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median impact check: $(median "${times[@]}") s (peak $(( $(median "${mems[@]}") / 1024 )) MiB)"
"$impact" check --db "$db" --format csv | awk -F, 'NR > 1 { n[$1 " " $2]++ } END { for (k in n) print "  " k ": " n[k] }' | sort
