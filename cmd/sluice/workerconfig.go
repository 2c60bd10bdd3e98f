package main

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// securityKeys are the worker keys that would make Kafka's clients use TLS or SASL. Sluice's clients do not
// support either yet, so a worker asking for them refuses to start instead of connecting without them.
var securityKeys = []string{"security.protocol", "producer.security.protocol", "consumer.security.protocol",
	"admin.security.protocol"}

// workerConfig is the parsed worker configuration.
type workerConfig struct {
	runtime runtime.Config
	rest    restConfig
	// offsetsFile is offset.storage.file.filename ("" keeps offsets in memory); distributed workers keep
	// offsets in offset.storage.topic instead.
	offsetsFile string
	// distributed is DistributedConfig's part, in distributed mode only.
	distributed distributedConfig
}

// parseWorkerConfig parses resolved worker properties for every part that reads them — the runtime's keys,
// the REST keys, and the mode's own: Kafka's required offset file in standalone mode, DistributedConfig's keys
// in distributed mode — and reports every problem at once. log receives Kafka's warnings about ignored
// settings.
func parseWorkerConfig(m mode, props map[string]string, log *slog.Logger) (workerConfig, error) {
	var wc workerConfig
	var rtErr, restErr error
	wc.runtime, rtErr = runtime.ParseConfig(props)
	wc.rest, restErr = parseRESTConfig(props)
	errs := []error{rtErr, restErr}
	if m == modeDistributed {
		var err error
		wc.distributed, err = parseDistributedConfig(props, log)
		errs = append(errs, err)
	} else {
		wc.offsetsFile = strings.TrimSpace(props[keyOffsetsFile])
	}
	if m == modeStandalone {
		_, err := standaloneDef.Parse(props)
		errs = append(errs, err)
	}
	for _, k := range securityKeys {
		if v, ok := props[k]; ok && !strings.EqualFold(strings.TrimSpace(v), "PLAINTEXT") {
			errs = append(errs, config.NewError(k, fmt.Sprintf("%s=%s is not supported by Sluice yet "+
				"(only PLAINTEXT): the worker would connect to Kafka without it", k, v)))
		}
	}
	return wc, errors.Join(errs...)
}
