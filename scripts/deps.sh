#!/usr/bin/env bash
# Installs what Sluice's tests need that Go modules do not bring: the Apache Kafka 4.3.1 jars (broker, Connect
# runtime, converters, transforms) from Maven Central, copied into $SLUICE_CACHE/jars. Idempotent and quick when
# the cache is warm; works from an empty cache. Prints the jar directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${SLUICE_CACHE:-$HOME/.cache/sluice}
jars=$cache/jars
stamp=$jars/.pom-$(sha256sum "$root/oracle/pom.xml" | cut -c1-16)
if [ ! -f "$stamp" ]; then
  command -v java >/dev/null || { echo "deps: java (17+) is required" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "deps: maven is required" >&2; exit 1; }
  rm -rf "$jars" && mkdir -p "$jars"
  mvn -q -B -f "$root/oracle/pom.xml" dependency:copy-dependencies -DoutputDirectory="$jars" >&2
  touch "$stamp"
fi
echo "$jars"
