package kafkastore

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestMain checks that every Log stopped its goroutine, and stops the shared broker the integration tests may
// have started (kafkatest.Wrap does nothing when none did).
func TestMain(m *testing.M) { goleak.VerifyTestMain(kafkatest.Wrap(m)) }

// fakeCluster is an in-process kfake cluster for fast unit tests (never a stand-in for compatibility checks,
// which the integration tests make on the real broker).
func fakeCluster(t *testing.T, opts ...kfake.Opt) []kgo.Opt {
	t.Helper()
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}
}

// produceRaw writes records as another (possibly foreign or broken) writer would.
func produceRaw(t *testing.T, opts []kgo.Opt, topic string, partition int32, kvs ...[]byte) {
	t.Helper()
	cl, err := kgo.NewClient(append(opts, kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for i := 0; i+1 < len(kvs); i += 2 {
		r := &kgo.Record{Topic: topic, Partition: partition, Key: kvs[i], Value: kvs[i+1]}
		if err := cl.ProduceSync(t.Context(), r).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
}

// testLogger writes the stores' logs to the test's output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, nil))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(b []byte) (int, error) { w.t.Log(string(b)); return len(b), nil }

func ctxTimeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
