package transforms_test

import (
	"testing"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/transforms"
)

// Every built-in SMT and predicate of Kafka 4.3.1, by the names users write.
func TestPluginsResolveKafkaNames(t *testing.T) {
	reg := registry(t)
	for _, tc := range []struct {
		name string
		kind plugin.Kind
	}{
		{"org.apache.kafka.connect.transforms.Cast$Value", plugin.Transformation},
		{"org.apache.kafka.connect.transforms.TimestampConverter$Key", plugin.Transformation},
		{"org.apache.kafka.connect.transforms.RegexRouter", plugin.Transformation},
		{"RegexRouter", plugin.Transformation},
		{"Filter", plugin.Transformation},
		{"org.apache.kafka.connect.transforms.predicates.TopicNameMatches", plugin.Predicate},
		{"HasHeaderKey", plugin.Predicate},
		{"RecordIsTombstone", plugin.Predicate},
	} {
		if _, err := reg.LookupKind(tc.name, tc.kind); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if n := len(transforms.Plugins()); n != 29 {
		t.Errorf("%d plugins, want Kafka's 29 (26 transformations, 3 predicates)", n)
	}
}
