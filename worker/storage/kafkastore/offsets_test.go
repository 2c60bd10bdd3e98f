package kafkastore

import (
	"reflect"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/worker/storage"
)

func TestOffsetStore(t *testing.T) {
	opts := fakeCluster(t, kfake.SeedTopics(25, "offsets"))
	ctx := ctxTimeout(t)
	// A Java worker's record (in the partition Java's producer picks for its key), then a foreign record and
	// garbage, which the store skips.
	javaKey := []byte(`["src",{"filename":"/in.txt"}]`)
	produceRaw(t, opts, "offsets", partitionFor(javaKey, 25),
		javaKey, []byte(`{"position":2}`),
		[]byte(`not json`), []byte(`{"position":3}`),
		[]byte(`["src",{"filename":"/x"}]`), []byte(`[1,2]`),
	)
	s, err := OpenOffsetStore(ctx, "offsets", testLogger(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(ctx, "src", []map[string]any{{"filename": "/in.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]map[string]any{`{"filename":"/in.txt"}`: {"position": int64(2)}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Get = %v, want %v", got, want)
	}

	put := []storage.OffsetEntry{
		{Partition: map[string]any{"filename": "/a"}, Offset: map[string]any{"position": int64(10)}},
		{Partition: map[string]any{"filename": "/in.txt"}, Offset: nil},
	}
	if err := s.Put(ctx, "src", put); err != nil {
		t.Fatal(err)
	}
	// A second store (another worker) reads what the first wrote.
	s2, err := OpenOffsetStore(ctx, "offsets", testLogger(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	all, err := s2.All(ctx, "src")
	if err != nil {
		t.Fatal(err)
	}
	if want := put[:1]; !reflect.DeepEqual(all, want) {
		t.Fatalf("All = %v, want %v", all, want)
	}
	conns, err := s2.Connectors(ctx)
	if err != nil || !reflect.DeepEqual(conns, []string{"src"}) {
		t.Fatalf("Connectors = %v, %v", conns, err)
	}
	s.Close()
	s.Close() // idempotent
	if _, err := s.All(ctx, "src"); err == nil {
		t.Fatal("a closed store answered")
	}
}

func TestMurmur2(t *testing.T) {
	// Vectors from Kafka's UtilsTest.testMurmur2.
	for in, want := range map[string]int32{
		"21": -973932308, "foobar": -790332482, "a-little-bit-long-string": -985981536,
		"a-little-bit-longer-string": -1486304829, "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971,
		"abc": 479470107,
	} {
		if got := int32(murmur2([]byte(in))); got != want {
			t.Errorf("murmur2(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestOffsetStoreTransactions: offsets written in an aborted transaction (an exactly-once source task that
// failed) are never read; committed ones are, as by Kafka's read_committed workers.
func TestOffsetStoreTransactions(t *testing.T) {
	opts := fakeCluster(t, kfake.SeedTopics(25, "offsets"))
	ctx := ctxTimeout(t)
	cl, err := kgo.NewClient(append(opts, kgo.TransactionalID("src-task-0"),
		kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	write := func(position int64, commit kgo.TransactionEndTry) {
		t.Helper()
		if err := cl.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		k, v, err := encodeOffsetRecord("src", storage.OffsetEntry{Partition: map[string]any{"f": "x"},
			Offset: map[string]any{"position": position}})
		if err != nil {
			t.Fatal(err)
		}
		r := &kgo.Record{Topic: "offsets", Partition: partitionFor(k, 25), Key: k, Value: v}
		if err := cl.ProduceSync(ctx, r).FirstErr(); err != nil {
			t.Fatal(err)
		}
		if err := cl.EndTransaction(ctx, commit); err != nil {
			t.Fatal(err)
		}
	}
	write(1, kgo.TryCommit)
	write(2, kgo.TryAbort)
	s, err := OpenOffsetStore(ctx, "offsets", testLogger(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.All(ctx, "src")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Offset["position"] != int64(1) {
		t.Fatalf("All = %v, want position 1 (the aborted 2 unseen)", all)
	}
}
