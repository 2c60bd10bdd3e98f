package kafkastore

import (
	"fmt"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/worker/storage"
)

// BenchmarkOffsetRecord is the per-partition cost of an offset commit before it reaches the producer.
func BenchmarkOffsetRecord(b *testing.B) {
	e := storage.OffsetEntry{
		Partition: map[string]any{"filename": "/var/log/sensors/2026-11-24.log"},
		Offset:    map[string]any{"position": int64(123456789)},
	}
	b.ReportAllocs()
	for b.Loop() {
		k, _, err := encodeOffsetRecord("file-source", e)
		if err != nil {
			b.Fatal(err)
		}
		_ = partitionFor(k, 25)
	}
}

// BenchmarkOffsetPut commits batches of offsets to an in-process kfake cluster (the broker's cost is not
// representative; the client side is).
func BenchmarkOffsetPut(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("partitions=%d", n), func(b *testing.B) {
			c, err := kfake.NewCluster(kfake.SeedTopics(25, "offsets"))
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			s, err := OpenOffsetStore(b.Context(), "offsets", nil, kgo.SeedBrokers(c.ListenAddrs()...))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			entries := make([]storage.OffsetEntry, n)
			for i := range entries {
				entries[i] = storage.OffsetEntry{Partition: map[string]any{"file": fmt.Sprint("/in-", i)}}
			}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				for j := range entries {
					entries[j].Offset = map[string]any{"position": int64(i)}
				}
				if err := s.Put(b.Context(), "src", entries); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
