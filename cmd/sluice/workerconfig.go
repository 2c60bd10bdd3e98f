package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// securityKeys are the worker keys that would make Kafka's clients use TLS or SASL. Sluice's clients do not
// support either yet, so a worker asking for them refuses to start instead of connecting without them.
var securityKeys = []string{"security.protocol", "producer.security.protocol", "consumer.security.protocol",
	"admin.security.protocol"}

// parseWorkerConfig parses resolved worker properties for every part that reads them — the runtime's keys,
// the REST keys, and in standalone mode Kafka's required offset file — and reports every problem at once.
func parseWorkerConfig(m mode, props map[string]string) (runtime.Config, restConfig, string, error) {
	rtCfg, rtErr := runtime.ParseConfig(props)
	rc, restErr := parseRESTConfig(props)
	errs := []error{rtErr, restErr}
	offsetsFile := strings.TrimSpace(props[keyOffsetsFile])
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
	return rtCfg, rc, offsetsFile, errors.Join(errs...)
}
