#!/usr/bin/env bash
# Runs one class of the Java oracle harness (oracle/src/main/java) against Kafka's own classes:
#   scripts/oracle.sh <SimpleClassName> [args...]
# e.g. scripts/oracle.sh JsonGolden schemas/jsonconv/testdata  (see each class's comment for its arguments).
# Compiles the harness into the cache when a source changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${SLUICE_CACHE:-$HOME/.cache/sluice}
jars=$("$root/scripts/deps.sh")
classes=$cache/oracle-classes
src=$root/oracle/src/main/java
sum=$(cat $(find "$src" -name '*.java' | sort) | sha256sum | cut -c1-16)
if [ ! -f "$classes/.src-$sum" ]; then
  rm -rf "$classes" && mkdir -p "$classes"
  javac -nowarn -encoding UTF-8 -cp "$jars/*" -d "$classes" $(find "$src" -name '*.java') >&2
  touch "$classes/.src-$sum"
fi
main=$1; shift
exec java -Xmx512m -Dlog4j.configuration=file:/dev/null -cp "$classes:$jars/*" "dev.sluice.oracle.$main" "$@"
