#!/usr/bin/env bash
# Regenerates clientdefs.json from Kafka 4.3.1's ProducerConfig, ConsumerConfig and AdminClientConfig:
#   bash worker/connconfig/clientdefs/gen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jars=$(bash "$here/../../../scripts/deps.sh")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$jars/*" "$here/ClientDefs.java"
java -cp "$out:$jars/*" ClientDefs > "$here/clientdefs.json"
