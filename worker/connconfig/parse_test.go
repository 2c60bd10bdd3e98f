package connconfig_test

import (
	"errors"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
)

func TestParseSource(t *testing.T) {
	reg := testRegistry(t)
	props := map[string]string{
		"name": "src", "connector.class": "FileStreamSource", "topic": "t", "tasks.max": "3",
		"errors.retry.timeout": "-1", "errors.tolerance": "all", "errors.log.enable": "true",
		"value.converter": "StringConverter", "value.converter.converter.encoding": "UTF-16",
		"value.converter.plugin.version": "4.3.1",
		"transforms":                     "ins, drop", "transforms.ins.type": "org.apache.kafka.connect.transforms.InsertField$Value",
		"transforms.ins.static.field": "f", "transforms.ins.static.value": "v",
		"transforms.drop.type": "Filter", "transforms.drop.predicate": "tomb", "transforms.drop.negate": "true",
		"predicates": "tomb", "predicates.tomb.type": "RecordIsTombstone",
		"producer.override.linger.ms":               "5",
		"topic.creation.default.replication.factor": "-1", "topic.creation.default.partitions": "3",
		"topic.creation.default.cleanup.policy": "compact",
		"topic.creation.groups":                 "big", "topic.creation.big.include": "big.*", "topic.creation.big.partitions": "12",
		"exactly.once.support": "REQUIRED", "transaction.boundary.interval.ms": "500",
	}
	c, err := connconfig.Parse(reg, props, connconfig.WithWorker(goldenWorker))
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "src" || c.Class != "org.apache.kafka.connect.file.FileStreamSourceConnector" ||
		c.Kind != plugin.Source || c.TasksMax != 3 || !c.TasksMaxEnforce {
		t.Errorf("header fields: %+v", c)
	}
	wantErrors := connconfig.Errors{RetryTimeout: -time.Millisecond, RetryDelayMax: time.Minute, ToleranceAll: true,
		LogEnable: true}
	if c.Errors != wantErrors {
		t.Errorf("Errors = %+v, want %+v", c.Errors, wantErrors)
	}
	if c.KeyConverter != nil || c.HeaderConverter != nil || c.ValueConverter == nil ||
		c.ValueConverter.Plugin.Class != "org.apache.kafka.connect.storage.StringConverter" ||
		!maps.Equal(c.ValueConverter.Props, map[string]string{"converter.encoding": "UTF-16"}) {
		t.Errorf("converters: key %v value %+v header %v", c.KeyConverter, c.ValueConverter, c.HeaderConverter)
	}
	if len(c.Transforms) != 2 {
		t.Fatalf("Transforms = %+v", c.Transforms)
	}
	ins, drop := c.Transforms[0], c.Transforms[1]
	if ins.Alias != "ins" || ins.Plugin.Class != "org.apache.kafka.connect.transforms.InsertField$Value" ||
		!maps.Equal(ins.Props, map[string]string{"static.field": "f", "static.value": "v"}) || ins.Predicate != nil {
		t.Errorf("ins = %+v", ins)
	}
	if drop.Plugin.Class != "org.apache.kafka.connect.transforms.Filter" || drop.PredicateAlias != "tomb" ||
		!drop.Negate || drop.Predicate == nil ||
		drop.Predicate.Plugin.Class != "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone" ||
		len(drop.Props) != 0 {
		t.Errorf("drop = %+v", drop)
	}
	if !maps.Equal(c.ProducerOverrides, map[string]string{"linger.ms": "5"}) {
		t.Errorf("ProducerOverrides = %v", c.ProducerOverrides)
	}
	wantTC := connconfig.TopicCreation{Groups: []connconfig.TopicCreationGroup{
		{Name: "default", Include: []string{".*"}, Exclude: []string{}, ReplicationFactor: -1, Partitions: 3,
			Configs: map[string]string{"cleanup.policy": "compact"}},
		{Name: "big", Include: []string{"big.*"}, Exclude: []string{}, ReplicationFactor: -1, Partitions: 12,
			Configs: map[string]string{}},
	}}
	if !reflect.DeepEqual(c.TopicCreation, wantTC) {
		t.Errorf("TopicCreation = %+v, want %+v", c.TopicCreation, wantTC)
	}
	if c.ExactlyOnce != "required" || c.TransactionBoundary != "poll" ||
		c.TransactionBoundaryInterval != 500*time.Millisecond || c.ReloadAction != "restart" {
		t.Errorf("source fields: %+v", c)
	}
	if !maps.Equal(c.Props, props) {
		t.Errorf("Props changed")
	}
}

func TestParseSink(t *testing.T) {
	reg := testRegistry(t)
	c, err := connconfig.Parse(reg, map[string]string{
		"name": "snk", "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"topics": " a, b ", "errors.deadletterqueue.topic.name": " dlq ",
		"errors.deadletterqueue.topic.replication.factor": "1",
		"errors.deadletterqueue.context.headers.enable":   "true",
		"consumer.override.max.poll.records":              "10",
	}, connconfig.WithWorker(goldenWorker))
	if err != nil {
		t.Fatal(err)
	}
	if c.Kind != plugin.Sink || !reflect.DeepEqual(c.Topics, []string{"a", "b"}) || c.TopicsRegex != "" {
		t.Errorf("topics: %v %q", c.Topics, c.TopicsRegex)
	}
	if c.DLQ != (connconfig.DLQ{Topic: "dlq", ReplicationFactor: 1, ContextHeaders: true}) {
		t.Errorf("DLQ = %+v", c.DLQ)
	}
	if !maps.Equal(c.ConsumerOverrides, map[string]string{"max.poll.records": "10"}) || c.TopicCreation.Enabled() {
		t.Errorf("overrides %v, topic creation %v", c.ConsumerOverrides, c.TopicCreation)
	}
}

// TestParseReportsEveryProblem checks that Parse lists every problem, each an *config.Error with Kafka's message.
func TestParseReportsEveryProblem(t *testing.T) {
	reg := testRegistry(t)
	tests := []struct {
		name   string
		props  map[string]string
		worker func(*connconfig.Worker)
		want   []string
	}{
		{
			name: "framework values",
			props: map[string]string{"name": "x", "connector.class": "FileStreamSource", "topic": "t",
				"tasks.max": "0", "errors.tolerance": "some", "transforms": "a", "transforms.a.type": "Nope"},
			want: []string{
				"Invalid value 0 for configuration tasks.max: Value must be at least 1",
				"Invalid value some for configuration errors.tolerance: String must be one of: none, all",
				"Invalid value Nope for configuration transforms.a.type: Class Nope could not be found.",
			},
		},
		{
			name:  "unknown connector",
			props: map[string]string{"name": "x", "connector.class": "Nope"},
			// Kafka reports it on connector.class and connector.plugin.version.
			want: []string{
				"Failed to find any class that implements Connector and which name matches Nope, available connectors are: ",
				"Failed to find any class that implements Connector and which name matches Nope, available connectors are: ",
			},
		},
		{
			name: "undefined predicate",
			props: map[string]string{"name": "x", "connector.class": "FileStreamSource", "topic": "t",
				"transforms": "f", "transforms.f.type": "Filter", "transforms.f.predicate": "p"},
			want: []string{"Invalid value p for configuration transforms.f.predicate: Predicate 'p' is not listed in predicates"},
		},
		{
			name: "topic creation without defaults",
			props: map[string]string{"name": "x", "connector.class": "FileStreamSource", "topic": "t",
				"topic.creation.default.partitions": "0"},
			want: []string{
				`Missing required configuration "topic.creation.default.replication.factor" which has no default value.`,
				"Invalid value 0 for configuration partitions: Number of partitions must be positive, or -1 to use the broker's default",
			},
		},
		{
			name: "override policy",
			props: map[string]string{"name": "x", "connector.class": "FileStreamSink", "topics": "t",
				"consumer.override.max.poll.records": "5"},
			worker: func(w *connconfig.Worker) { w.ClientOverridePolicy = "None" },
			want:   []string{"The 'None' policy does not allow 'max.poll.records' to be overridden in the connector configuration."},
		},
		{
			name:  "sink without topics",
			props: map[string]string{"name": "x", "connector.class": "FileStreamSink"},
			want:  []string{"Must configure one of topics or topics.regex", "Must configure one of topics or topics.regex"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := goldenWorker
			if tt.worker != nil {
				tt.worker(&w)
			}
			c, err := connconfig.Parse(reg, tt.props, connconfig.WithWorker(w))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", c)
			}
			var got []string
			for _, e := range flatten(err) {
				var ce *config.Error
				if !errors.As(e, &ce) {
					t.Errorf("%T is not a *config.Error: %v", e, e)
				}
				got = append(got, e.Error())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors %q, want %q", len(got), got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("error %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func TestValidateWithoutConnectorClass(t *testing.T) {
	_, err := connconfig.Validate(t.Context(), testRegistry(t), map[string]string{"name": "a", "b": "c"},
		connconfig.WithKeyOrder("name", "b"))
	var re *connconfig.RequestError
	if !errors.As(err, &re) || err.Error() != "Connector config {name=a, b=c} contains no connector type" {
		t.Fatalf("err = %v", err)
	}
}

func TestValidateNullValues(t *testing.T) {
	infos, err := connconfig.Validate(t.Context(), testRegistry(t),
		map[string]string{"name": "a", "connector.class": "FileStreamSource", "topic": "t"},
		connconfig.WithNullKeys("other", "extra"), connconfig.WithWorker(goldenWorker))
	if err != nil {
		t.Fatal(err)
	}
	if infos.ErrorCount != 2 {
		t.Errorf("error_count = %d, want 2", infos.ErrorCount)
	}
	if c := infos.Configs[0]; c.Definition != nil || c.Value.Name != "other" ||
		c.Value.Errors[0] != "Null value can not be supplied as the configuration value." {
		t.Errorf("first entry %+v", c.Value)
	}
}
