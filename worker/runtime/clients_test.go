package runtime

import (
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// TestPartitionerIsKafkas: keyed records land where Java's default partitioner puts them,
// toPositive(murmur2(key)) % partitions, with murmur2 values from Kafka's own UtilsTest; an explicit partition
// is kept.
func TestPartitionerIsKafkas(t *testing.T) {
	cases := map[string]int32{
		"21": -973932308, "foobar": -790332482, "a-little-bit-long-string": -985981536,
		"a-little-bit-longer-string": -1486304829, "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971,
		"abc": 479470107,
	}
	p := explicitOrKafkaPartitioner{kgo.StickyKeyPartitioner(nil)}.ForTopic("t")
	for key, murmur := range cases {
		for _, n := range []int{1, 3, 7, 12, 100} {
			want := int(murmur&0x7fffffff) % n
			if got := p.Partition(&kgo.Record{Key: []byte(key), Partition: -1}, n); got != want {
				t.Errorf("key %q, %d partitions: %d, Java's partitioner %d", key, n, got, want)
			}
		}
	}
	if got := p.Partition(&kgo.Record{Key: []byte("abc"), Partition: 2}, 7); got != 2 {
		t.Errorf("explicit partition 2 became %d", got)
	}
	if !p.RequiresConsistency(&kgo.Record{Partition: 1}) {
		t.Error("an explicit partition must not be moved")
	}
}

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig(map[string]string{
		"key.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter": "StringConverter",
		"key.converter.schemas.enable": "false", "producer.linger.ms": "5", "consumer.max.poll.records": "10",
		"offset.flush.interval.ms": "1000",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.KeyConverter.Props["schemas.enable"] != "false" || cfg.Producer["linger.ms"] != "5" ||
		cfg.Consumer["max.poll.records"] != "10" || cfg.OffsetFlushInterval.Milliseconds() != 1000 ||
		cfg.HeaderConverterClass != "org.apache.kafka.connect.storage.SimpleHeaderConverter" ||
		cfg.ClientOverridePolicy != "All" || !cfg.TopicCreationEnable {
		t.Fatalf("%+v", cfg)
	}
	_, err = ParseConfig(map[string]string{"offset.flush.interval.ms": "x"})
	if err == nil {
		t.Fatal("accepted a bad config")
	}
	for _, want := range []string{
		`Missing required configuration "key.converter" which has no default value.`,
		`Missing required configuration "value.converter" which has no default value.`,
		`Invalid value x for configuration offset.flush.interval.ms: Not a number of type LONG`,
	} {
		if !containsLine(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func containsLine(s, line string) bool { return slices.Contains(strings.Split(s, "\n"), line) }
