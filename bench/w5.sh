#!/usr/bin/env bash
# W5: REST latency of a Sluice distributed worker (`sluice distributed worker.properties`) against the reference
# Apache Kafka Connect 4.3.1 distributed worker, both running at once on one broker, each alone in its own group
# with its own internal topics (bench/w5/doc.go describes the workload and how each number is taken):
#
#   bench/w5.sh                              p50/p99/mean/max at concurrency 1 and 16 for GET status, GET
#                                            /connectors and a no-op PUT config (2000 requests per case after 2000
#                                            warm-up, 10 FileStreamSource connectors), beside the floor (a Go server
#                                            doing nothing: the client's and kernel's share); create → RUNNING
#                                            (median of 5); idle RSS after the run; medians over three rounds
#   BENCH_ROUNDS=5 bench/w5.sh               medians over five rounds (the order alternates each round)
#   BENCH_ROUNDS=1 BENCH_REQUESTS=500 BENCH_WARMUP=100 bench/w5.sh   a quicker run
#   BENCH_CONCURRENCY=1,4,16 BENCH_CONNECTORS=10 BENCH_CREATES=5 BENCH_BLOCKS=4 bench/w5.sh
#   BENCH_WORKERS=java bench/w5.sh           one worker only (java or sluice)
#   BENCH_SLUICE_MODE=standalone bench/w5.sh Sluice's standalone worker instead (same REST API, no group)
#
# Prints every case per worker and round, then a table of Sluice and Java medians with the ratio for each target
# (p99 ≥ 3x lower; Sluice's create → RUNNING ≤ 1 s). Needs what scripts/test.sh installs (Java 17+, Maven, the
# Kafka jars). The broker and workers are children of the test and die with it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Kafka's scripts run the JVM without application class-data archives; so does the baseline here.
export SLUICE_KAFKATEST_CDS=off
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! go test -tags bench -run '^TestW5$' -count=1 -v -timeout 1h ./bench/w5 >"$out" 2>&1; then
  cat "$out"
  exit 1
fi
grep -E '^\s+w5_test.go:[0-9]+: ' "$out" | sed 's/^\s*w5_test.go:[0-9]*: //'
sed -n '/^W5 benchmark:/,/^--- /p' "$out" | grep -v '^--- '
