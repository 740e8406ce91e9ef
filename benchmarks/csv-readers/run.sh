#!/usr/bin/env bash
# Builds the CSV reader benchmark in release mode, checks each reader on tricky.csv, times a
# full pass over each data file RUNS times (rounds interleave the readers, so a burst of load
# from elsewhere hits them alike) and prints a Markdown table of medians.
#
#   ./run.sh                                   # /work/bench/data100k, 5 runs
#   RUNS=3 CSV_BENCH_DATA=/some/dir ./run.sh   # other data or run count
#   CSV_BENCH_FILES="participants.csv" ./run.sh
#
# Raw per-run numbers go to .build/csv-bench/raw.tsv (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"

RUNS=${RUNS:-5}
DATA=${CSV_BENCH_DATA:-/work/bench/data100k}
FILES=${CSV_BENCH_FILES:-responses.csv participants.csv}
READERS="ours yaslab swiftcsv ours-bytes"   # ours-bytes: ours without making Strings (context)

[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
for f in $FILES; do
    [[ -f "$DATA/$f" ]] || { echo "missing $DATA/$f" >&2; exit 1; }
done

# Which version of our reader gets compiled (the symlink follows the working tree).
OURS_SRC=../../Sources/ImpactIngest/CSVReader.swift
OURS_BLOB=$(git hash-object "$OURS_SRC" 2>/dev/null || md5sum <"$OURS_SRC" | cut -c1-40)
HEAD_BLOB=$(git rev-parse "HEAD:Sources/ImpactIngest/CSVReader.swift" 2>/dev/null || echo unknown)
if [[ "$OURS_BLOB" == "$HEAD_BLOB" ]]; then OURS_STATE="as committed in HEAD $(git rev-parse --short HEAD)"
else OURS_STATE="working tree, differs from HEAD $(git rev-parse --short HEAD 2>/dev/null || echo '?')"; fi

echo "building (release)..." >&2
swift build -c release >&2
BIN="$(swift build -c release --show-bin-path)/csvbench"

OUT=.build/csv-bench
rm -rf "$OUT" && mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Correctness on tricky.csv (strict: exactly the expected records).
declare -A TRICKY
for r in ours yaslab swiftcsv; do
    if "$BIN" check "$r" tricky.csv >"$OUT/tricky-$r.txt" 2>&1; then TRICKY[$r]=yes; else TRICKY[$r]=no; fi
done

# 2. Reference totals for each data file from Python's csv module, if Python is here.
declare -A EXPECT
for f in $FILES; do
    if command -v python3 >/dev/null; then
        EXPECT[$f]=$(python3 oracle.py "$DATA/$f")
    else
        EXPECT[$f]=unknown
    fi
done

# 3. Timed passes: RUNS rounds, each running every reader on every file once.
printf 'round\treader\tfile\tseconds\tpeak_kib\ttotals\tcpu_seconds\n' >"$OUT/raw.tsv"
for ((round = 1; round <= RUNS; round++)); do
    echo "round $round/$RUNS..." >&2
    for f in $FILES; do
        for r in $READERS; do
            if /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "$BIN" pass "$r" "$DATA/$f" >"$OUT/pass.txt" 2>&1; then
                read -r secs kib user sys <"$OUT/time.txt"
                cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
                totals=$(grep '^records=' "$OUT/pass.txt" || true)
            else
                secs=NaN; kib=NaN; cpu=NaN; totals="FAILED: $(tr '\n' ' ' <"$OUT/pass.txt")"
            fi
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$r" "$f" "$secs" "$kib" "$totals" "$cpu" >>"$OUT/raw.tsv"
            # Keep the reader's extra output (e.g. yaslab's reader.error) once per reader and file.
            if [[ $round -eq 1 ]]; then cp "$OUT/pass.txt" "$OUT/pass-$r-$f.txt"; fi
        done
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

median() { # numbers on stdin -> median (mean of the two middle values for an even count)
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "NaN"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# 4. The table.
echo
echo "| reader | file | median s | median peak MiB | correct | median CPU s |"
echo "| --- | --- | ---: | ---: | --- | ---: |"
for f in $FILES; do
    for r in $READERS; do
        rows=$(awk -F'\t' -v r="$r" -v f="$f" 'NR > 1 && $2 == r && $3 == f' "$OUT/raw.tsv")
        secs=$(cut -f4 <<<"$rows" | median)
        mib=$(cut -f5 <<<"$rows" | median | awk '{ printf "%.1f", $1 / 1024 }')
        secs=$(awk -v s="$secs" 'BEGIN { printf "%.2f", s }')
        cpu=$(cut -f7 <<<"$rows" | median | awk '{ printf "%.2f", $1 }')
        distinct=$(cut -f6 <<<"$rows" | sort -u)
        same=no
        [[ "$distinct" == "${EXPECT[$f]}" ]] && same=yes
        [[ "${EXPECT[$f]}" == unknown ]] && same=unknown
        case $r in
            ours-bytes) correct="n/a (no Strings; totals match: $same)"; label="ours, bytes only (context)" ;;
            *) if [[ ${TRICKY[$r]} == yes && $same == yes ]]; then correct=yes; else correct=no; fi
               label=$r ;;
        esac
        echo "| $label | $f | $secs | $mib | $correct | $cpu |"
    done
done

# 5. What lies behind "correct", and the spread of the runs.
echo
echo "Readers: ours = Sources/ImpactIngest/CSVReader.swift (rawField as String); yaslab = CSV.swift 2.5.2"
echo "CSVReader(stream:hasHeaderRow: true) over an InputStream; swiftcsv = SwiftCSV 0.10.0"
echo "EnumeratedCSV(url:delimiter: .comma, loadColumns: false). correct = tricky.csv gives exactly the"
echo "expected records AND the file's totals (records, fields, UTF-8 bytes) equal Python's csv module's."
echo "median s = wall time (%e); CPU s = user + sys (%U + %S), less sensitive to other load on the machine."
echo
echo "tricky.csv:"
for r in ours yaslab swiftcsv; do
    echo "- $r: ${TRICKY[$r]}"
    sed 's/^/    /' "$OUT/tricky-$r.txt"
done
echo
echo "Totals per file (Python csv module = reference):"
for f in $FILES; do
    echo "- $f: reference ${EXPECT[$f]}"
    for r in $READERS; do
        echo "    $r: $(tr '\n' ' ' <"$OUT/pass-$r-$f.txt")"
    done
done
echo
echo "All runs (wall s / CPU s / peak MiB), in round order:"
for f in $FILES; do
    for r in $READERS; do
        runs=$(awk -F'\t' -v r="$r" -v f="$f" 'NR > 1 && $2 == r && $3 == f { printf "%s%s/%s/%.0f", sep, $4, $7, $5 / 1024; sep = ", " }' "$OUT/raw.tsv")
        echo "- $r, $f: $runs"
    done
done
echo
echo "Our reader as measured: CSVReader.swift blob ${OURS_BLOB:0:12} ($OURS_STATE)."
echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER; $(nproc) cores."
