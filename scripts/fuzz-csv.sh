#!/usr/bin/env bash
# Fuzzes the CSV reader with libFuzzer and AddressSanitizer for a bounded time.
#   scripts/fuzz-csv.sh [SECONDS]        (default 60)
# Crashes are written to .build-fuzz/crash-*; add each as a regression test in
# Tests/ImpactIngestTests/CSVReaderTests.swift once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build-fuzz
mkdir -p "$out/corpus"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ImpactIngestFuzz \
    Sources/ImpactIngest/CSVReader.swift fuzz/CSVReaderFuzz.swift -o "$out/csv-fuzz"
# Seeds: the survey fixtures and a few tricky records.
cp Tests/ImpactIngestTests/Fixtures/surveys/*.csv "$out/corpus/" 2>/dev/null || true
printf 'a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n' > "$out/corpus/quotes.csv"
printf '\xef\xbb\xbfid,name\n1,Zo\xc3\xab\n' > "$out/corpus/bom.csv"
"$out/csv-fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -artifact_prefix="$out/" "$out/corpus"
