#!/usr/bin/env bash
# Sluice's JsonConverter against Kafka 4.3.1's, on the same ~1 KiB connected-car record
# (schemas/jsonconv/testdata/sensor.json), same machine, run back to back:
#   bench/jsonconv.sh
# Go: BenchmarkJSON (best of COUNT runs of BENCHTIME each). Java: dev.sluice.oracle.JsonBench (JAVA_WARM seconds of
# warm-up over every case, then the best of five windows of JAVA_RUN/5 seconds per case). Best-of on both sides,
# because on a shared machine the minimum is the least disturbed measurement. Prints case, Sluice ns/op, allocs/op,
# Java ns/op and the throughput ratio Java ns / Sluice ns (above 1 means Sluice is faster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
benchtime=${BENCHTIME:-1s}
count=${COUNT:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test ./schemas/jsonconv -run '^$' -bench '^BenchmarkJSON$' -benchtime "$benchtime" -count "$count" >"$tmp/go.txt"
scripts/oracle.sh JsonBench schemas/jsonconv/testdata/sensor.json "${JAVA_WARM:-5}" "${JAVA_RUN:-5}" 2>/dev/null |
  tail -1 >"$tmp/java.json"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cpus: $(nproc)   java: $(sed -n 's/.*"java":"\([^"]*\)".*/\1/p' "$tmp/java.json")"
printf '%-24s %14s %10s %12s %8s\n' case "Sluice ns/op" allocs/op "Java ns/op" ratio
for c in schemaless/decode/1KiB schemaless/encode/1KiB envelope/decode/1KiB envelope/encode/1KiB; do
  # Best ns/op over the Go runs; allocs/op do not vary.
  lines=$(grep "^BenchmarkJSON/$c-" "$tmp/go.txt")
  ns=$(echo "$lines" | awk '{for (i = 2; i <= NF; i++) if ($i == "ns/op") print $(i-1)}' | sort -g |
    head -1)
  allocs=$(echo "$lines" | awk '{for (i = 2; i <= NF; i++) if ($i == "allocs/op") print $(i-1)}' | head -1)
  java=$(sed -n "s|.*\"$c\":\([0-9.]*\).*|\1|p" "$tmp/java.json")
  printf '%-24s %14.0f %10s %12.0f %7.2fx\n' "$c" "$ns" "$allocs" "$java" "$(awk -v j="$java" -v s="$ns" 'BEGIN { print j / s }')"
done
