// Command sluice is the Sluice worker: a Kafka Connect–compatible connector runtime in one binary.
//
// Usage:
//
//	sluice [flags]                                    a development worker on an in-memory broker
//	sluice standalone [flags] worker.properties [connector files...]
//	sluice distributed [flags] worker.properties
//	sluice version
//
// With no arguments it runs a worker on an in-process, in-memory Kafka-protocol broker bound to 127.0.0.1,
// with the Kafka Connect REST API on http://127.0.0.1:8083, so that `go run ./cmd/sluice` gives a working
// worker on a machine with nothing installed. `standalone` is Kafka's connect-standalone: the same worker
// properties and connector files. `distributed` is Kafka's connect-distributed: workers sharing a group.id
// share connectors and tasks through Kafka's internal topics, in Kafka Connect's formats, so Sluice and Java
// workers can take over from each other. Run `sluice --help` for the flags.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/sluice-connect/sluice/worker/herder"
)

// Version is Sluice's version, set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0-dev"

// kafkaVersion is the Apache Kafka Connect release Sluice is measured against.
const kafkaVersion = "4.3.1"

// shutdownTimeout bounds a graceful stop. The runtime gives each task task.shutdown.graceful.timeout.ms; this
// only guards against a stop that never ends, after which the process exits anyway.
const shutdownTimeout = 2 * time.Minute

// defaultGCPercent replaces Go's GOGC=100. A worker's live heap is small (the batches in flight), so at 100 the
// collector runs constantly under load: on W1 (1 KiB JSON through three SMTs into a file sink) it took ~40% of the
// CPU. At 400 the heap may grow to five times the live data — tens of MiB here, against the JVM worker's ~1 GiB —
// and W1's CPU per record fell from 11.6 to 7.3 µs. GOGC in the environment still takes precedence.
const defaultGCPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "sluice: %v\n\n", err)
		fmt.Fprintf(stderr, usage, Version, kafkaVersion)
		return exitUsage
	}
	switch o.mode {
	case modeVersion:
		fmt.Fprintf(stdout, "sluice %s (Kafka Connect %s compatible)\n", Version, kafkaVersion)
		return exitOK
	case modeHelp:
		fmt.Fprintf(stdout, usage, Version, kafkaVersion)
		return exitOK
	}

	loggers := newLoggers(stderr, o.logLevel)
	slog.SetDefault(slog.New(loggers.Handler()))
	log := loggers.Logger("sluice.cmd")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	w, code, err := startWorker(ctx, o, loggers)
	if err != nil {
		if ctx.Err() != nil { // interrupted while starting: what started has been stopped
			return exitOK
		}
		log.Error("Sluice worker failed to start", "error", err)
		return code
	}
	code = exitOK
	select {
	case <-ctx.Done():
	case err := <-w.serveErr:
		log.Error("stopping after the REST API failed", "error", err)
		code = exitStartup
	case err := <-w.groupLost:
		// Kafka's worker exits when its herder cannot stay in the group.
		log.Error("stopping: the worker cannot stay in its Connect group", "error", err)
		code = exitStartup
	}
	// From here a second SIGINT or SIGTERM has its default effect: the process ends at once.
	stop()
	log.Info("stopping: connectors and tasks are being drained (signal again to exit at once)")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	w.shutdown(sctx)
	return code
}

// newLoggers returns the log level registry behind /admin/loggers, writing text lines to w with its root
// logger at level (a log4j name).
func newLoggers(w io.Writer, level string) *herder.Loggers {
	// The handler passes everything; the registry decides per logger, so /admin/loggers can lower a level.
	base := slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.Level(-1 << 20)})
	loggers := herder.NewLoggers(base)
	if level != "INFO" { // INFO is the registry's own default, which Kafka reports as never modified
		loggers.SetLevel(herder.RootLogger, level)
	}
	return loggers
}
