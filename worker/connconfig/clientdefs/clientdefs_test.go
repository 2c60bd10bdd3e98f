package clientdefs

import (
	"testing"

	"github.com/sluice-connect/sluice/connect/config"
)

func TestEmbeddedKeys(t *testing.T) {
	tests := []struct {
		keys     []config.Key
		name     string
		typ      config.Type
		def      any
		required bool
	}{
		{Producer(), "linger.ms", config.TypeLong, "5", false},
		{Producer(), "bootstrap.servers", config.TypeList, config.NoDefault, true},
		{Consumer(), "max.poll.records", config.TypeInt, "500", false},
		{Admin(), "sasl.jaas.config", config.TypePassword, nil, false},
	}
	for _, tt := range tests {
		var found *config.Key
		for i := range tt.keys {
			if tt.keys[i].Name == tt.name {
				found = &tt.keys[i]
			}
		}
		if found == nil {
			t.Errorf("%s missing", tt.name)
			continue
		}
		if found.Type != tt.typ || found.Default != tt.def || found.Required() != tt.required {
			t.Errorf("%s = %v %v required %v", tt.name, found.Type, found.Default, found.Required())
		}
	}
	if len(Producer()) < 100 || len(Consumer()) < 100 || len(Admin()) < 80 {
		t.Errorf("key counts %d %d %d", len(Producer()), len(Consumer()), len(Admin()))
	}
}
