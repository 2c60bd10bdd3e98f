package all

import (
	"testing"

	"github.com/sluice-connect/sluice/connect/plugin"
)

func TestRegistry(t *testing.T) {
	reg, err := Registry()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"FileStreamSource", "FileStreamSinkConnector", "JsonConverter", "StringConverter",
		"org.apache.kafka.connect.storage.SimpleHeaderConverter", "ByteArrayConverter", "LongConverter", "AvroConverter",
		"io.confluent.connect.avro.AvroConverter"} {
		if _, ok := reg.Lookup(name); !ok {
			t.Errorf("%s is not registered", name)
		}
	}
	for _, p := range reg.Plugins() {
		for _, k := range p.Kinds() {
			if k == plugin.Source || k == plugin.Sink {
				continue
			}
			if k == plugin.Converter { // converters must build for keys and values
				for _, isKey := range []bool{true, false} {
					// AvroConverter requires a registry URL, as Confluent's; the others ignore the key.
					props := map[string]string{"schema.registry.url": "http://127.0.0.1:1"}
					if _, err := p.NewConverter(props, isKey); err != nil {
						t.Errorf("%s: %v", p.Class, err)
					}
				}
			}
			if k == plugin.HeaderConverter {
				if _, err := p.NewHeaderConverter(map[string]string{}); err != nil {
					t.Errorf("%s header converter: %v", p.Class, err)
				}
			}
		}
	}
}
