// Package all lists every plugin built into Sluice — the FileStream connectors, the converters of schemas/*conv
// and Kafka's transformations and predicates (package transforms) — under Kafka's class names and versions, for
// the worker's plugin registry. There is no global registration: cmd/sluice (and tests) call Registry.
package all

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/connectors/file"
	"github.com/sluice-connect/sluice/schemas/avroconv"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
	"github.com/sluice-connect/sluice/schemas/primitiveconv"
	"github.com/sluice-connect/sluice/schemas/stringconv"
	"github.com/sluice-connect/sluice/transforms"
)

// Version is the version Kafka 4.3.1 reports for its built-in plugins in GET /connector-plugins.
const Version = "4.3.1"

// Plugins returns the built-in plugins.
func Plugins() []plugin.Plugin {
	conv := func(class string, newConv func(map[string]string, bool) (connect.Converter, error)) plugin.Plugin {
		return plugin.Plugin{Class: class, Version: Version, NewConverter: newConv,
			NewHeaderConverter: func(props map[string]string) (connect.HeaderConverter, error) {
				c, err := newConv(props, false)
				if err != nil {
					return nil, err
				}
				return c.(connect.HeaderConverter), nil
			}}
	}
	return append([]plugin.Plugin{
		{Class: file.SourceClass, Version: file.Version, Config: file.SourceConfig(), NewSource: file.NewSourceConnector},
		{Class: file.SinkClass, Version: file.Version, Config: file.SinkConfig(), NewSink: file.NewSinkConnector},
		{Class: "org.apache.kafka.connect.json.JsonConverter", Version: Version, Config: jsonconv.ConfigDef(),
			NewConverter: func(p map[string]string, isKey bool) (connect.Converter, error) { return jsonconv.New(p, isKey) },
			NewHeaderConverter: func(p map[string]string) (connect.HeaderConverter, error) {
				return jsonconv.NewHeaderConverter(p)
			}},
		conv("org.apache.kafka.connect.storage.StringConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return stringconv.New(p, k)
		}),
		conv("org.apache.kafka.connect.converters.ByteArrayConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewByteArray(p, k)
		}),
		conv("org.apache.kafka.connect.converters.IntegerConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewInteger(p, k)
		}),
		conv("org.apache.kafka.connect.converters.LongConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewLong(p, k)
		}),
		conv("org.apache.kafka.connect.converters.ShortConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewShort(p, k)
		}),
		conv("org.apache.kafka.connect.converters.FloatConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewFloat(p, k)
		}),
		conv("org.apache.kafka.connect.converters.DoubleConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewDouble(p, k)
		}),
		conv("org.apache.kafka.connect.converters.BooleanConverter", func(p map[string]string, k bool) (connect.Converter, error) {
			return primitiveconv.NewBoolean(p, k)
		}),
		{Class: avroconv.Class, Version: avroconv.Version, Config: avroconv.ConfigDef(),
			NewConverter: func(p map[string]string, isKey bool) (connect.Converter, error) { return avroconv.New(p, isKey) }},
		{Class: "org.apache.kafka.connect.storage.SimpleHeaderConverter", Version: Version,
			NewHeaderConverter: func(p map[string]string) (connect.HeaderConverter, error) {
				return stringconv.NewSimpleHeader(p, false)
			}},
	}, transforms.Plugins()...)
}

// Registry returns a registry of every built-in plugin.
func Registry() (*plugin.Registry, error) { return plugin.New(Plugins()...) }
