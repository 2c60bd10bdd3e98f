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
		"org.apache.kafka.connect.storage.SimpleHeaderConverter", "ByteArrayConverter", "LongConverter"} {
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
					if _, err := p.NewConverter(map[string]string{}, isKey); err != nil {
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
