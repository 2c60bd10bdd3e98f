package embedded

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestStartProduceConsume(t *testing.T) {
	b, err := Start(t.Context(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if len(b.Bootstrap()) != 1 || !strings.HasPrefix(b.Bootstrap()[0], "127.0.0.1:") {
		t.Fatalf("Bootstrap() = %v, want one loopback address", b.Bootstrap())
	}

	// Java clients ask for auto-creation in Metadata requests by default; franz-go must be told to.
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Bootstrap()...), kgo.AllowAutoTopicCreation(), kgo.ConsumeTopics("auto-created"),
		kgo.ConsumerGroup("g"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: "auto-created", Key: []byte("k"), Value: []byte("v")}).FirstErr(); err != nil {
		t.Fatalf("produce to a topic nobody created: %v", err)
	}
	var got []*kgo.Record
	for len(got) == 0 {
		fs := cl.PollFetches(t.Context())
		if err := fs.Err0(); err != nil {
			t.Fatal(err)
		}
		got = append(got, fs.Records()...)
	}
	if string(got[0].Value) != "v" {
		t.Errorf("consumed %q, want %q", got[0].Value, "v")
	}

	meta, err := kadm.NewClient(cl).Metadata(t.Context(), "auto-created")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(meta.Topics["auto-created"].Partitions); n != 1 {
		t.Errorf("auto-created topic has %d partitions, want 1 as Kafka's num.partitions default", n)
	}
	if meta.Cluster != b.ClusterID() {
		t.Errorf("Metadata cluster ID %q, want %q", meta.Cluster, b.ClusterID())
	}
}

func TestStartOnGivenPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port

	// The port is taken: Start fails and says where it tried.
	if _, err := Start(t.Context(), Config{Port: port}); err == nil || !strings.Contains(err.Error(), strconv.Itoa(port)) {
		t.Fatalf("Start on a taken port: %v", err)
	}
	ln.Close()

	b, err := Start(t.Context(), Config{Port: port})
	if err != nil {
		t.Fatal(err)
	}
	if want := "127.0.0.1:" + strconv.Itoa(port); b.Bootstrap()[0] != want {
		t.Errorf("Bootstrap() = %v, want %s", b.Bootstrap(), want)
	}
	b.Close()
	b.Close() // idempotent
}

func TestStartRejectsBadPort(t *testing.T) {
	if _, err := Start(t.Context(), Config{Port: 70000}); err == nil {
		t.Fatal("Start accepted port 70000")
	}
}
