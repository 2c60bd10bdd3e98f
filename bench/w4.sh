#!/usr/bin/env bash
# W4: decode → encode of one 20-field Avro record in Confluent's wire format, Sluice's AvroConverter against
# Apache Avro's Java GenericDatum path (what Confluent's AvroConverter runs beneath its AvroData conversion), same
# record, same machine, back to back:
#   bench/w4.sh
# Go: BenchmarkW4 in schemas/avroconv (best of COUNT runs of BENCHTIME each): ToConnectData to a Connect Struct,
# then FromConnectData back to bytes, schema caches warm (no registry call per record). Java:
# dev.sluice.oracle.AvroBench (JAVA_WARM seconds of warm-up, best of five windows of JAVA_RUN/5 seconds) reads the
# bytes into a GenericRecord and writes it back ("generic"), and again with a GenericRecord ↔ Connect Struct
# conversion in between ("generic+connect", a lower bound of what Confluent's AvroData adds; Sluice's figure
# always includes the Connect Struct). Prints Sluice ns/op, allocs/op, Java ns/op and the ratio Java ns / Sluice
# ns (above 1 means Sluice is faster).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
benchtime=${BENCHTIME:-1s}
count=${COUNT:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SLUICE_W4_FIXTURE=$tmp go test ./schemas/avroconv -run '^TestWriteW4Fixture$' -count 1 >/dev/null
go test ./schemas/avroconv -run '^$' -bench '^BenchmarkW4$/^decode\+encode$' -benchtime "$benchtime" -count "$count" >"$tmp/go.txt"
scripts/oracle.sh AvroBench "$tmp/w4.avsc" "$tmp/w4.bin" "${JAVA_WARM:-5}" "${JAVA_RUN:-5}" 2>/dev/null |
  tail -1 >"$tmp/java.json"

lines=$(grep '^BenchmarkW4/decode+encode-' "$tmp/go.txt")
ns=$(echo "$lines" | awk '{for (i = 2; i <= NF; i++) if ($i == "ns/op") print $(i-1)}' | sort -g | head -1)
allocs=$(echo "$lines" | awk '{for (i = 2; i <= NF; i++) if ($i == "allocs/op") print $(i-1)}' | head -1)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cpus: $(nproc)   java: $(sed -n 's/.*"java":"\([^"]*\)".*/\1/p' "$tmp/java.json")   record: $(wc -c <"$tmp/w4.bin") bytes"
printf '%-34s %14s %10s %12s %8s\n' case "Sluice ns/op" allocs/op "Java ns/op" ratio
for c in decode+encode decode+encode+connect; do
  java=$(sed -n "s|.*\"$c\":\([0-9.]*\).*|\1|p" "$tmp/java.json")
  label="W4 20 fields vs Java generic"
  [ "$c" = decode+encode+connect ] && label="W4 20 fields vs Java generic+connect"
  printf '%-34s %14.0f %10s %12.0f %7.2fx\n' "$label" "$ns" "$allocs" "$java" \
    "$(awk -v j="$java" -v s="$ns" 'BEGIN { print j / s }')"
done
