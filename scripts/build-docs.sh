#!/usr/bin/env bash
# Builds the DocC catalog of each library target (Sources/<Target>/<Target>.docc) with the
# toolchain's own docc, into .build/docs/<Target>/, and fails on any warning (a symbol link that
# does not resolve is one). Run by hand after changing a catalog or a public name; not part of CI.
#
#   scripts/build-docs.sh [TARGET...]     # default: every library target
#   DOCC=/path/to/docc scripts/build-docs.sh
#
# Open a result with any static file server, e.g.
#   python3 -m http.server -d .build/docs/ImpactStatistics   then /documentation/impactstatistics
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if ((${#targets[@]} == 0)); then
    targets=(ImpactStore ImpactIngest ImpactStatistics ImpactAnalysis ImpactReport ImpactQuery ImpactCheck ImpactSynthetic)
fi
docc=${DOCC:-$(command -v docc || true)}
if [ -z "$docc" ]; then
    echo "docc not found: it ships in the Swift toolchain's usr/bin; set DOCC=PATH" >&2
    exit 1
fi

# Symbol graphs of the public API, from the debug build (built first when needed). The command
# also tries the test targets, which have no module to load, and exits 1 for them, so its status
# is not used: each library's graph is looked for below instead.
mkdir -p .build/docs
log=.build/docs/dump-symbol-graph.log
swift package dump-symbol-graph >"$log" 2>&1 || true
graphs=$(sed -n 's/^Files written to //p' "$log")
if [ -z "$graphs" ]; then
    cat "$log" >&2
    echo "no symbol graphs were written (the build's output is above)" >&2
    exit 1
fi

shopt -s nullglob
for target in "${targets[@]}"; do
    catalog="Sources/$target/$target.docc"
    [ -d "$catalog" ] || { echo "$catalog: no such catalog" >&2; exit 1; }
    [ -f "$graphs/$target.symbols.json" ] || { echo "$target: no symbol graph in $graphs ($log)" >&2; exit 1; }
    # docc reads every graph in the folder it is given: only this module's.
    dir=.build/docs/symbol-graphs/$target
    rm -rf "$dir" && mkdir -p "$dir"
    cp "$graphs/$target.symbols.json" "$graphs/$target"@*.symbols.json "$dir"/
    echo "== $target"
    "$docc" convert "$catalog" --additional-symbol-graph-dir "$dir" \
        --output-path ".build/docs/$target" --warnings-as-errors
done
