// Command sluice is the Sluice worker: a Kafka Connect–compatible connector runtime in one binary.
//
// Usage:
//
//	sluice version    print the version and the Kafka Connect version Sluice is compatible with
package main

import (
	"fmt"
	"io"
	"os"
)

// Version is Sluice's version, set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

// kafkaVersion is the Apache Kafka Connect release Sluice is measured against.
const kafkaVersion = "4.3.1"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "version" || args[0] == "--version") {
		fmt.Fprintf(stdout, "sluice %s (Kafka Connect %s compatible)\n", Version, kafkaVersion)
		return 0
	}
	fmt.Fprintln(stderr, "usage: sluice version")
	fmt.Fprintln(stderr, "The worker (standalone, distributed and the embedded default) is not built yet; see README.md.")
	return 2
}
