package main

import (
	"context"
	"log/slog"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/configprovider"
	"github.com/sluice-connect/sluice/worker/properties"
)

// Worker property keys the command itself reads; the runtime, herder and REST packages read theirs.
const (
	keyBootstrap   = "bootstrap.servers"
	keyListeners   = "listeners"
	keyOffsetsFile = "offset.storage.file.filename"
	keyPluginPath  = "plugin.path"
)

// developmentListeners is where the development worker serves REST unless told otherwise: Kafka's port, but
// on loopback only, since the worker has no authentication and its broker no persistence.
const developmentListeners = "http://127.0.0.1:8083"

// developmentDefaults are the development worker's properties before --override: those of Kafka's sample
// config/connect-standalone.properties (JsonConverter with schemas, a 10 s offset flush) with the REST API on
// loopback and offsets kept in memory, as everything else in it is.
func developmentDefaults() map[string]string {
	return map[string]string{
		"key.converter":                  "org.apache.kafka.connect.json.JsonConverter",
		"value.converter":                "org.apache.kafka.connect.json.JsonConverter",
		"key.converter.schemas.enable":   "true",
		"value.converter.schemas.enable": "true",
		"offset.flush.interval.ms":       "10000",
		keyListeners:                     developmentListeners,
	}
}

// standaloneDef holds the key Kafka's StandaloneConfig adds to WorkerConfig.
var standaloneDef = config.NewDef().Define(config.Key{
	Name: keyOffsetsFile, Type: config.TypeString, Default: config.NoDefault, Importance: config.ImportanceHigh,
	Doc: "File to store source connector offsets",
})

// rawWorkerProps returns the worker properties as written (placeholders unresolved): the mode's base — the
// properties file, or the development defaults — with the overrides applied in order.
func rawWorkerProps(o options) (map[string]string, error) {
	props := map[string]string{}
	switch {
	case o.mode == modeEmbedded:
		props = developmentDefaults()
	case o.workerFile != "":
		var err error
		if props, err = properties.ReadFile(o.workerFile); err != nil {
			return nil, err
		}
	}
	for _, ov := range o.overrides {
		props[ov.key] = ov.value
	}
	return props, nil
}

// resolveWorkerProps builds the config providers the worker properties declare and resolves the worker
// properties' own placeholders with them, as Kafka's WorkerConfig does. The resolver is returned for the
// herder, which resolves connector configurations with the same providers.
func resolveWorkerProps(ctx context.Context, raw map[string]string, log *slog.Logger) (map[string]string, *configprovider.Resolver, error) {
	resolver, err := configprovider.New(raw, configprovider.WithLogger(log))
	if err != nil {
		return nil, nil, err
	}
	resolved, err := resolver.Resolve(ctx, raw)
	if err != nil {
		return nil, nil, err
	}
	return resolved, resolver, nil
}
