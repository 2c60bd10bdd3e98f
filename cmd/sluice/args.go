package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/worker/herder"
)

// Exit codes, as Kafka's connect-standalone and connect-distributed use them.
const (
	exitOK        = 0
	exitUsage     = 1 // bad command line
	exitStartup   = 2 // the worker could not start (configuration, ports, broker)
	exitConnector = 3 // a connector file could not be read or its connector created
)

const usage = `Sluice %s — a Kafka Connect %s–compatible worker

Usage:
  sluice [flags]
      Run a development worker: an in-memory Kafka-protocol broker on 127.0.0.1 and the Kafka Connect REST
      API on http://127.0.0.1:8083. Nothing is kept when it stops. --override bootstrap.servers=HOST:PORT
      uses a real Kafka cluster instead of the in-memory broker.
  sluice standalone [flags] worker.properties [connector.properties|connector.json ...]
      Run a standalone worker, as Kafka's connect-standalone: worker properties from the file (Kafka's names:
      bootstrap.servers, listeners, offset.storage.file.filename, ...), then each connector file (properties,
      a flat JSON map, or {"name": ..., "config": {...}}) is created in order.
  sluice distributed [flags] worker.properties
      Run a distributed worker, as Kafka's connect-distributed: workers with the same group.id share
      connectors and tasks, keeping them in the topics config.storage.topic, offset.storage.topic and
      status.storage.topic (all required, created if missing). Kafka's worker property names apply
      (bootstrap.servers, group.id, connect.protocol, scheduled.rebalance.max.delay.ms, ...); connectors are
      created over the REST API of any worker.
  sluice version
      Print the version.

Flags:
  --override key=value  set a worker property, winning over the properties file (repeatable)
  --listeners URL       shorthand for --override listeners=URL
  --log-level LEVEL     the root logger's level, as Kafka names it: ERROR, WARN, INFO, DEBUG, TRACE, OFF, ...
                        (default INFO; GET/PUT /admin/loggers change it at run time)
  --schema-registry-listener HOST:PORT
                        shorthand for --override schema.registry.listener=HOST:PORT: serve the embedded Schema
                        Registry there (the development worker serves it on 127.0.0.1:8081, or a free port when
                        8081 is taken; "none" turns it off), keeping schemas in the _schemas topic
  --broker-port N       development worker: the in-memory broker's port (default 9092, or a free port when
                        9092 is taken; 0 picks a free port)
  -h, --help            print this help

Stop with SIGINT (Ctrl-C) or SIGTERM: connectors and tasks are stopped and their offsets committed first.
`

// mode is what the command line asks for.
type mode int

const (
	modeEmbedded mode = iota
	modeStandalone
	modeDistributed
	modeVersion
	modeHelp
)

// options is the parsed command line.
type options struct {
	mode mode
	// workerFile is the worker properties file (standalone, distributed); "" means none, as Kafka accepts an
	// empty path.
	workerFile     string
	connectorFiles []string
	// ignoredArgs are the arguments after a distributed worker's properties file, which connect-distributed
	// ignores too (its processExtraArgs does nothing); the worker logs a warning naming them.
	ignoredArgs []string
	// overrides are --override and --listeners in command-line order; later ones win.
	overrides []override
	// logLevel is the root logger's level as a log4j name ("INFO").
	logLevel string
	// brokerPort is the development broker's port; brokerPortSet says whether --broker-port was given, since
	// only the default falls back to a free port when taken.
	brokerPort    int
	brokerPortSet bool
}

type override struct{ key, value string }

const defaultBrokerPort = 9092

// parseArgs parses the command line. Flags may come before or after the positional arguments; "--" ends
// the flags.
func parseArgs(args []string) (options, error) {
	o := options{mode: modeEmbedded, logLevel: "INFO", brokerPort: defaultBrokerPort}
	if len(args) > 0 {
		switch args[0] {
		case "version", "--version":
			if len(args) > 1 {
				return o, fmt.Errorf("version takes no arguments")
			}
			o.mode = modeVersion
			return o, nil
		case "standalone":
			o.mode = modeStandalone
			args = args[1:]
		case "distributed":
			o.mode = modeDistributed
			args = args[1:]
		}
	}
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "h" || name == "help" {
			o.mode = modeHelp
			return o, nil
		}
		if !hasValue {
			if i+1 == len(args) {
				return o, fmt.Errorf("flag %s needs a value", arg)
			}
			i++
			value = args[i]
		}
		if err := o.setFlag(name, value); err != nil {
			return o, err
		}
	}
	switch o.mode {
	case modeStandalone:
		if len(positional) == 0 {
			return o, errors.New("standalone needs a worker properties file")
		}
		o.workerFile, o.connectorFiles = positional[0], positional[1:]
	case modeDistributed:
		if len(positional) == 0 {
			return o, errors.New("distributed needs a worker properties file")
		}
		o.workerFile = positional[0]
		if len(positional) > 1 {
			o.ignoredArgs = positional[1:]
		}
	case modeEmbedded:
		if len(positional) > 0 {
			return o, fmt.Errorf("unknown command %q", positional[0])
		}
	}
	return o, nil
}

func (o *options) setFlag(name, value string) error {
	switch name {
	case "override":
		k, v, ok := strings.Cut(value, "=")
		if !ok || k == "" {
			return fmt.Errorf("--override %q: want key=value", value)
		}
		o.overrides = append(o.overrides, override{k, v})
	case "listeners":
		o.overrides = append(o.overrides, override{"listeners", value})
	case "schema-registry-listener":
		o.overrides = append(o.overrides, override{keySchemaRegistryListener, value})
	case "log-level":
		if !herder.ValidLevel(value) {
			return fmt.Errorf("--log-level %q: want a log4j level name (ERROR, WARN, INFO, DEBUG, TRACE, ...)", value)
		}
		o.logLevel = strings.ToUpper(strings.TrimSpace(value))
	case "broker-port":
		p, err := strconv.Atoi(value)
		if err != nil || p < 0 || p > 65535 {
			return fmt.Errorf("--broker-port %q: want a port number, or 0 for any free port", value)
		}
		o.brokerPort, o.brokerPortSet = p, true
	default:
		return fmt.Errorf("unknown flag --%s", name)
	}
	return nil
}
