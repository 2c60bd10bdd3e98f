#!/usr/bin/env bash
# Sluice against the reference Apache Kafka Connect 4.3.1 worker, same broker, same machine, run alternately
# (bench/workerbench/doc.go describes the workloads and how each number is taken):
#
#   bench/run.sh                          W0 with 1,000,000 × 1 KiB records and W6, one round each
#   BENCH_ROUNDS=3 bench/run.sh           medians over three rounds (the order alternates each round)
#   BENCH_RECORDS=100000 bench/run.sh     a quicker run
#   BENCH_WORKERS=java bench/run.sh       one worker only (java or sluice)
#
# Prints a table of Sluice and Java medians with the ratio for each target. Needs what scripts/test.sh
# installs (Java 17+, Maven, the Kafka jars) and about 3 GiB of free disk for the broker's log. The broker
# and workers are children of the test and die with it; a W0 run is bounded by BENCH_TIMEOUT (default 15m).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Kafka's scripts run the JVM without application class-data archives; so does the baseline here.
export SLUICE_KAFKATEST_CDS=off
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! go test -tags bench -run '^TestWorkerBench$' -count=1 -v -timeout 3h ./bench/workerbench >"$out" 2>&1; then
  cat "$out"
  exit 1
fi
grep -E '^\s+bench_test.go:[0-9]+: ' "$out" | sed 's/^\s*bench_test.go:[0-9]*: //'
sed -n '/^worker benchmark:/,/^--- /p' "$out" | grep -v '^--- '
