#!/usr/bin/env bash
# Sluice's full test run — what CI runs (.ci/run) and what a contributor runs before pushing:
#
#   bash scripts/test.sh
#
# 1. prerequisites: Go, Java 17+ and Maven (installed with apt-get when missing and running as root);
# 2. the Apache Kafka 4.3.1 jars (scripts/deps.sh, cached in ${SLUICE_CACHE:-$HOME/.cache/sluice});
# 3. gofmt (no file may need formatting), go vet with and without the integration tag;
# 4. unit tests (go test ./...: fast, no services);
# 5. integration tests (-tags integration): real brokers, Connect workers and other services, started by the
#    tests themselves on 127.0.0.1. One package at a time (-p 1): each starts JVMs, and the machine has 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

section() {
	current=$1
	printf '\n==== %s ====\n' "$1"
}
fail() {
	echo "test.sh: $*" >&2
	exit 1
}
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "\n==== FAILED in: %s (exit %d) ====\n" "${current:-start-up}" "$rc" >&2; fi' EXIT

section "Prerequisites"
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac_bin=${JAVA_HOME:+$JAVA_HOME/bin/}javac
java_major() {
	# 'openjdk version "17.0.15" ...', 'openjdk version "21" ...' or 'java version "1.8.0_x"'
	"$java_bin" -version 2>&1 | sed -n 's/.* version "\([0-9]*\)\.\{0,1\}\([0-9]*\).*/\1 \2/p' | sed -n 1p |
		awk '{ print ($1 == 1 ? $2 : $1) }'
}
java_ok() {
	command -v "$java_bin" >/dev/null && command -v "$javac_bin" >/dev/null && [ "$(java_major)" -ge 17 ] 2>/dev/null
}
missing=()
java_ok || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
		echo "installing: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq "${missing[@]}" >/dev/null
		java_ok || fail "$java_bin is still not a Java 17+ JDK after installing openjdk-17-jdk-headless;" \
			"set JAVA_HOME to /usr/lib/jvm/java-17-openjdk-amd64 (or another Java 17+ JDK)"
	else
		fail "missing ${missing[*]} (a Java 17+ JDK and Maven run the reference Kafka broker and Connect worker);" \
			"install them (Debian: sudo apt-get install -y ${missing[*]}) or run this script as root"
	fi
fi
command -v go >/dev/null || fail "Go is missing: install Go 1.26+ from https://go.dev/dl/ (Debian's golang is too old)"
go version
"$java_bin" -version 2>&1 | sed -n 1p
mvn -B -v 2>/dev/null | sed -n 1p

section "Kafka 4.3.1 jars (scripts/deps.sh)"
jars=$(bash scripts/deps.sh)
echo "$jars: $(ls "$jars" | grep -c '\.jar$') jars"

section "Python clients (schemas/registry/interop/testdata/requirements.txt)"
# The registry interop tests run confluent-kafka from a venv in the cache, named by the requirements' hash as
# the tests name it (they create it themselves when missing; doing it here shows pip's failures plainly).
req=schemas/registry/interop/testdata/requirements.txt
venv=${SLUICE_CACHE:-$HOME/.cache/sluice}/venv-registry-$(sha256sum "$req" | cut -c1-12)
if [ ! -e "$venv/.complete" ]; then
	rm -rf "$venv"
	python3 -m venv "$venv" || fail "python3 -m venv failed (Debian: apt-get install -y python3-venv)"
	"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
	touch "$venv/.complete"
fi
echo "$venv: $("$venv/bin/python" -c 'import confluent_kafka; print("confluent-kafka", confluent_kafka.version()[0])')"

section "gofmt"
unformatted=$(find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' -print0 | xargs -0 -r gofmt -l)
if [ -n "$unformatted" ]; then
	echo "$unformatted"
	fail "these files need gofmt -w"
fi
echo "ok"

section "go vet"
go vet ./...
section "go vet -tags integration"
go vet -tags integration ./...

section "Unit tests"
go test ./...

section "Integration tests (real Kafka and services, one package at a time)"
# -count=1: these results depend on services and jars outside Go's test cache, so a cached pass proves nothing.
go test -tags integration -p 1 -count=1 -timeout 40m ./...

current=
printf '\n==== all tests passed ====\n'
