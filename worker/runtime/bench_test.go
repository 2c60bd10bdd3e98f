package runtime

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/worker/storage"
)

// genSource is a benchmark source: it emits exactly total records of size bytes in batches, then idles.
type genSource struct {
	total, size, batch int
	sent               int
	partition          map[string]any
	value              string
}

type genConnector struct{ src *genSource }

func (c *genConnector) Start(context.Context, connect.ConnectorContext, map[string]string) error {
	return nil
}
func (c *genConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{{}}, nil
}
func (c *genConnector) Stop(context.Context) error  { return nil }
func (c *genConnector) NewTask() connect.SourceTask { return c.src }

func (g *genSource) Start(context.Context, connect.SourceTaskContext, map[string]string) error {
	g.partition = map[string]any{"gen": "0"}
	g.value = strings.Repeat("x", g.size)
	return nil
}

func (g *genSource) Poll(ctx context.Context) ([]connect.SourceRecord, error) {
	n := min(g.batch, g.total-g.sent)
	if n == 0 {
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Millisecond):
		}
		return nil, nil
	}
	out := make([]connect.SourceRecord, n)
	for i := range out {
		g.sent++
		out[i] = connect.SourceRecord{
			Record: connect.Record{Topic: "bench", Partition: connect.NoPartition, ValueSchema: schemas.StringSchema,
				Value: g.value, Timestamp: connect.NoTimestamp},
			SourcePartition: g.partition,
			SourceOffset:    map[string]any{"n": int64(g.sent)},
		}
	}
	return out, nil
}

func (g *genSource) Stop(context.Context) error { return nil }

// BenchmarkSourcePipeline: poll → convert → produce to an in-process broker (kfake) → acknowledged, per record.
// allocs/op includes kfake's own allocations for storing the records.
func BenchmarkSourcePipeline(b *testing.B) {
	for _, size := range []int{100, 1024} {
		b.Run(fmt.Sprintf("value=%dB", size), func(b *testing.B) {
			bootstrap := fakeCluster(b, 3)
			src := &genSource{total: b.N, size: size, batch: 2000}
			reg := testRegistry(b, plugin.Plugin{Class: "dev.sluice.bench.Gen", Version: "1",
				NewSource: func() connect.SourceConnector { return &genConnector{src} }})
			st := newStatuses()
			w := newWorker(b, reg, bootstrap, storage.NewMemory(), st)
			cfg := parse(b, reg, map[string]string{"name": "gen", "connector.class": "dev.sluice.bench.Gen"})
			b.ReportAllocs()
			b.SetBytes(int64(size))
			b.ResetTimer()
			began := time.Now()
			ids := start(b, w, cfg)
			w.mu.Lock()
			m := w.tasks[ids[0]].ctl.m
			w.mu.Unlock()
			for m.SourceRecordWrite.Load() < int64(b.N) {
				if s, err := st.task(ids[0]); s == StateFailed {
					b.Fatal(err)
				}
				time.Sleep(time.Millisecond)
			}
			b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "records/s")
			b.StopTimer()
			w.Close(context.Background())
		})
	}
}

// countSink counts what Put receives.
type countSink struct{ n *atomic.Int64 }

type countConnector struct{ n *atomic.Int64 }

func (c countConnector) Start(context.Context, connect.ConnectorContext, map[string]string) error {
	return nil
}
func (c countConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{{}}, nil
}
func (c countConnector) Stop(context.Context) error { return nil }
func (c countConnector) NewTask() connect.SinkTask  { return countSink(c) }

func (s countSink) Start(context.Context, connect.SinkTaskContext, map[string]string) error {
	return nil
}
func (s countSink) Put(_ context.Context, rs []connect.SinkRecord) error {
	s.n.Add(int64(len(rs)))
	return nil
}
func (s countSink) Stop(context.Context) error { return nil }

// BenchmarkSinkPipeline: fetch from kfake → convert → Put, per record (the topic is filled before timing).
func BenchmarkSinkPipeline(b *testing.B) {
	for _, size := range []int{100, 1024} {
		b.Run(fmt.Sprintf("value=%dB", size), func(b *testing.B) {
			bootstrap := fakeCluster(b, 3)
			cl, err := kgo.NewClient(kgo.SeedBrokers(bootstrap...), kgo.AllowAutoTopicCreation(),
				kgo.ProducerLinger(5*time.Millisecond))
			if err != nil {
				b.Fatal(err)
			}
			value := []byte(strings.Repeat("y", size))
			var wg sync.WaitGroup
			for i := 0; i < b.N; i++ {
				wg.Add(1)
				cl.Produce(context.Background(), &kgo.Record{Topic: "sinkbench", Key: []byte(strconv.Itoa(i)), Value: value},
					func(_ *kgo.Record, err error) {
						if err != nil {
							b.Error(err)
						}
						wg.Done()
					})
			}
			wg.Wait()
			cl.Close()
			var n atomic.Int64
			reg := testRegistry(b, plugin.Plugin{Class: "dev.sluice.bench.Count", Version: "1",
				NewSink: func() connect.SinkConnector { return countConnector{&n} }})
			st := newStatuses()
			w := newWorker(b, reg, bootstrap, storage.NewMemory(), st)
			cfg := parse(b, reg, map[string]string{"name": "cnt", "connector.class": "dev.sluice.bench.Count",
				"topics": "sinkbench", "consumer.override.max.poll.records": "2000"})
			b.ReportAllocs()
			b.SetBytes(int64(size))
			b.ResetTimer()
			began := time.Now()
			ids := start(b, w, cfg)
			for n.Load() < int64(b.N) {
				if s, err := st.task(ids[0]); s == StateFailed {
					b.Fatal(err)
				}
				time.Sleep(time.Millisecond)
			}
			b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "records/s")
			b.StopTimer()
			w.Close(context.Background())
		})
	}
}
