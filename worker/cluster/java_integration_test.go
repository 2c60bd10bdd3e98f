//go:build integration

package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// topicConfig is a ConfigSource over a Java cluster's config topic, just enough for the assignor: the offset
// Kafka reports (one past the last record read) and each connector's committed task count.
type topicConfig struct {
	client    *kgo.Client
	bootstrap string
	topic     string
	mu        sync.Mutex
	snap      ConfigSnapshot
}

func (c *topicConfig) Snapshot() ConfigSnapshot {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s, err := c.FreshSnapshot(ctx); err == nil {
		return s
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.snap
}

func (c *topicConfig) FreshSnapshot(ctx context.Context) (ConfigSnapshot, error) {
	ends, err := kadm.NewClient(c.client).ListEndOffsets(ctx, c.topic)
	if err != nil {
		return ConfigSnapshot{}, err
	}
	end, ok := ends.Lookup(c.topic, 0)
	if !ok || end.Err != nil {
		return ConfigSnapshot{}, fmt.Errorf("end offset of %s: %v", c.topic, end.Err)
	}
	snap := ConfigSnapshot{Offset: end.Offset, Tasks: map[string]int{}}
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.bootstrap),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{c.topic: {0: kgo.NewOffset().AtStart()}}))
	if err != nil {
		return ConfigSnapshot{}, err
	}
	defer cl.Close()
	for read := int64(0); read < end.Offset; {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			return ConfigSnapshot{}, err
		}
		fs.EachRecord(func(r *kgo.Record) {
			read = r.Offset + 1
			name, isCommit := strings.CutPrefix(string(r.Key), "commit-")
			var v struct{ Tasks int }
			if isCommit && json.Unmarshal(r.Value, &v) == nil {
				snap.Tasks[name] = v.Tasks
			}
		})
	}
	c.mu.Lock()
	c.snap = snap
	c.mu.Unlock()
	return snap, nil
}

type taskStatus struct {
	ID       int    `json:"id"`
	State    string `json:"state"`
	WorkerID string `json:"worker_id"`
}

type connectorStatus struct {
	Connector struct {
		State    string `json:"state"`
		WorkerID string `json:"worker_id"`
	} `json:"connector"`
	Tasks []taskStatus `json:"tasks"`
}

func status(t *testing.T, w *kafkatest.Worker, connector string) (connectorStatus, bool) {
	resp, err := http.Get(w.URL() + "/connectors/" + connector + "/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s connectorStatus
	return s, resp.StatusCode == 200 && json.NewDecoder(resp.Body).Decode(&s) == nil
}

// runningOn lists what the connector's status says runs on the Java worker whose REST host:port is id.
func runningOn(s connectorStatus, id string) []string {
	var out []string
	if s.Connector.State == "RUNNING" && s.Connector.WorkerID == id {
		out = append(out, "sink")
	}
	for _, task := range s.Tasks {
		if task.State == "RUNNING" && task.WorkerID == id {
			out = append(out, fmt.Sprintf("sink-%d", task.ID))
		}
	}
	return out
}

var javaAssignment = regexp.MustCompile(`got assignment: .*connectorIds=\[([^\]]*)\], taskIds=\[([^\]]*)\], ` +
	`revokedConnectorIds=\[([^\]]*)\], revokedTaskIds=\[([^\]]*)\]`)

// javaHolds replays the assignments a Java worker logged ("Joined group at generation ... and got assignment:
// ...", each listing what to start and stop, or under the eager protocol everything to run; the log repeats
// lines, hence a set) into what it holds now. Its status topic cannot tell: Kafka leaves
// a revoked task's status RUNNING until its new owner writes one, and Sluice's member writes none.
func javaHolds(t *testing.T, w *kafkatest.Worker, p Protocol) []string {
	data, err := os.ReadFile(w.LogPath())
	if err != nil {
		t.Fatal(err)
	}
	var held []string
	list := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ", ")
	}
	for _, m := range javaAssignment.FindAllStringSubmatch(string(data), -1) {
		if !p.Incremental() {
			held = nil // an eager assignment is everything the worker runs
		}
		revoked := append(list(m[3]), list(m[4])...)
		held = slices.DeleteFunc(held, func(s string) bool { return slices.Contains(revoked, s) })
		held = appendDistinct(held, append(list(m[1]), list(m[2])...))
	}
	slices.Sort(held)
	return held
}

// TestJoinsJavaWorkerGroup puts a Sluice member in one Connect group with reference Java workers on the real
// broker: first a Java leader assigns to Sluice, then Sluice leads and a Java worker runs what Sluice assigns.
// In both cases the two sides together run every connector and task exactly once.
func TestJoinsJavaWorkerGroup(t *testing.T) {
	b := kafkatest.StartBroker(t)
	for _, p := range []Protocol{Sessioned, Compatible, Eager} {
		t.Run(p.String(), func(t *testing.T) { joinJavaWorkerGroup(t, b, p) })
	}
}

func joinJavaWorkerGroup(t *testing.T, b *kafkatest.Broker, p Protocol) {
	group := "connect-sluice-join-" + p.String()
	props := map[string]string{"group.id": group, "connect.protocol": p.String(), "heartbeat.interval.ms": "500",
		"scheduled.rebalance.max.delay.ms": "2000"}
	java1 := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, props)
	body := fmt.Sprintf(`{"connector.class":"FileStreamSink","tasks.max":"4","topics":"in","file":%q}`,
		filepath.Join(t.TempDir(), "out.txt"))
	req, _ := http.NewRequest(http.MethodPut, java1.URL()+"/connectors/sink/config", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("creating the connector: %v %v", resp, err)
	}
	resp.Body.Close()
	all := []string{"sink", "sink-0", "sink-1", "sink-2", "sink-3"}
	id1 := strings.TrimPrefix(java1.URL(), "http://")
	waitFor(t, "the Java worker running the sink", func() bool {
		s, ok := status(t, java1, "sink")
		return ok && slices.Equal(runningOn(s, id1), all)
	})

	client := b.Client(t)
	cfg := &topicConfig{client: client, bootstrap: b.Bootstrap(), topic: group + "-configs"}
	rec := &recorder{}
	m, err := NewMember(client, MemberConfig{GroupID: group, Protocol: p, URL: "http://127.0.0.1:9/",
		Config: cfg, Listener: rec, HeartbeatInterval: 500 * time.Millisecond, MaxDelay: 2 * time.Second,
		Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	// 1. The Java worker leads and gives Sluice a share; its REST API shows the rest running on itself.
	var seen string
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last seen: %s", seen)
		}
	})
	waitFor(t, "Java's leader to share the work with Sluice", func() bool {
		theirs, mine := javaHolds(t, java1, p), rec.running()
		seen = fmt.Sprintf("java %v sluice %v", theirs, mine)
		both := slices.Sorted(slices.Values(append(theirs, mine...)))
		return len(mine) > 0 && len(theirs) > 0 && slices.Equal(both, all)
	})
	e, _ := rec.last()
	if e.IsLeader() || e.Assignment.LeaderURL != java1.URL()+"/" || e.Protocol != p {
		t.Fatalf("assignment from Java: %+v", e)
	}
	if want := cfg.Snapshot().Offset; e.Assignment.ConfigOffset != want {
		t.Errorf("Java assigned at config offset %d, Sluice reads the topic's offset as %d", e.Assignment.ConfigOffset, want)
	}
	t.Logf("Java leader assigned to Sluice: %v (protocol %s, generation %d)", rec.running(), e.Protocol.Name(), e.Generation)

	// 2. The Java worker leaves; Sluice, alone, leads and takes everything after the lost-work delay.
	java1.Stop()
	waitFor(t, "Sluice to lead and run everything", func() bool {
		return m.IsLeader() && slices.Equal(slices.Sorted(slices.Values(rec.running())), all)
	})

	// 3. A new Java worker joins a group Sluice leads and runs what Sluice's assignor gives it.
	java2 := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, props)
	id2 := strings.TrimPrefix(java2.URL(), "http://")
	waitFor(t, "the Java worker running what Sluice assigned", func() bool {
		s, ok := status(t, java2, "sink")
		running, theirs, mine := runningOn(s, id2), javaHolds(t, java2, p), rec.running()
		seen = fmt.Sprintf("java %v (status: running %v) sluice %v", theirs, running, mine)
		both := slices.Sorted(slices.Values(append(theirs, mine...)))
		// What the Java worker holds, it really runs: it wrote RUNNING statuses for them.
		return ok && len(theirs) > 0 && len(mine) > 0 && slices.Equal(both, all) && slices.Equal(slices.Sorted(slices.Values(running)), theirs)
	})
	// One more rebalance, so that the Java worker's metadata carries the work it now holds.
	prev, _ := rec.last()
	m.RequestRejoin()
	waitFor(t, "another rebalance", func() bool {
		e, _ = rec.last()
		return e.Generation > prev.Generation
	})
	if !e.IsLeader() || len(e.Members) != 2 {
		t.Fatalf("Sluice should lead a group of two: %+v", e)
	}
	for _, mem := range e.Members {
		if mem.ID == e.MemberID {
			continue
		}
		// Live check of the wire format: what the Java worker sent decodes to its URL and re-encodes to the
		// very same bytes (its held assignment included, in Kafka's HashSet order).
		if mem.State.URL != java2.URL()+"/" {
			t.Errorf("Java's metadata decoded to URL %q, want %q", mem.State.URL, java2.URL()+"/")
		}
		if again := EncodeMetadata(e.Protocol, mem.State); !bytes.Equal(again, mem.Metadata) {
			t.Errorf("Java's %s metadata re-encodes differently:\n java  %x\n sluice %x", e.Protocol, mem.Metadata, again)
		}
		t.Logf("Java worker's %s metadata (%d bytes, holding %+v) re-encodes byte for byte", e.Protocol,
			len(mem.Metadata), mem.State.Assignment)
	}
	t.Logf("Sluice leader assigned; Sluice runs %v, Java runs the rest", rec.running())
}
