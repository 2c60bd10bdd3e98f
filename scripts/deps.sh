#!/usr/bin/env bash
# Installs what Sluice's tests need that Go modules do not bring: the Apache Kafka 4.3.1 jars (broker, Connect
# runtime, converters, transforms) from Maven Central, copied into $SLUICE_CACHE/jars. Idempotent and quick when
# the cache is warm; works from an empty cache. Prints the jar directory.
#
# Several test packages (and engineers) may call this at once: the refresh runs under a lock and fills a fresh
# directory that replaces the old one only when complete, so nobody sees a half-copied jar set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${SLUICE_CACHE:-$HOME/.cache/sluice}
jars=$cache/jars
stamp=.pom-$(sha256sum "$root/oracle/pom.xml" | cut -c1-16)
if [ ! -f "$jars/$stamp" ]; then
  command -v java >/dev/null || { echo "deps: java (17+) is required (Debian: apt-get install -y openjdk-17-jdk-headless)" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "deps: maven is required (Debian: apt-get install -y maven)" >&2; exit 1; }
  mkdir -p "$cache"
  exec 9>"$cache/.deps.lock"
  flock 9
  if [ ! -f "$jars/$stamp" ]; then # another caller may have finished while we waited
    tmp=$(mktemp -d "$cache/jars.new.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    mvn -q -B -f "$root/oracle/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" >&2
    touch "$tmp/$stamp"
    if [ -d "$jars" ]; then
      mv "$jars" "$cache/jars.old.$$"
    fi
    mv "$tmp" "$jars"
    trap - EXIT
    rm -rf "$cache/jars.old.$$"
  fi
  exec 9>&-
fi
echo "$jars"
