#!/usr/bin/env bash
# W1: 1,000,000 × ~1 KiB schemaless JSON records through JsonConverter → InsertField → ReplaceField →
# TimestampConverter → FileStreamSink, Sluice against the reference Apache Kafka Connect 4.3.1 worker on one
# broker, run alternately (bench/w1/doc.go describes the workload and how each number is taken):
#
#   bench/w1.sh                           one round each
#   BENCH_ROUNDS=3 bench/w1.sh            medians over three rounds (the order alternates each round)
#   BENCH_RECORDS=200000 bench/w1.sh      a quicker run
#   BENCH_WORKERS=sluice bench/w1.sh      one worker only (java or sluice)
#
# Prints each worker's numbers and a table of medians with the ratio for each target. Needs what scripts/test.sh
# installs (Java 17+, Maven, the Kafka jars) and about 3 GiB of free disk for the broker's log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Kafka's scripts run the JVM without application class-data archives; so does the baseline here.
export SLUICE_KAFKATEST_CDS=off
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! go test -tags bench -run '^TestW1$' -count=1 -v -timeout 3h ./bench/w1 >"$out" 2>&1; then
  cat "$out"
  exit 1
fi
grep -E '^\s+w1_test.go:[0-9]+: ' "$out" | sed 's/^\s*w1_test.go:[0-9]*: //'
sed -n '/^W1 benchmark:/,/^--- /p' "$out" | grep -v '^--- '
