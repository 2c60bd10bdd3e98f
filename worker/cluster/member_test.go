package cluster

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// recorder is a Listener that keeps what the worker runs, as a herder would.
type recorder struct {
	mu     sync.Mutex
	events []Event
	runs   []string
}

func (r *recorder) Revoked(_ context.Context, _ string, connectors []string, tasks []TaskID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.runs = slices.DeleteFunc(r.runs, func(s string) bool {
		return slices.Contains(connectors, s) || slices.ContainsFunc(tasks, func(t TaskID) bool { return t.String() == s })
	})
}

func (r *recorder) Assigned(_ context.Context, e Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	r.runs = r.runs[:0]
	r.runs = append(r.runs, e.Connectors...)
	for _, t := range e.Tasks {
		r.runs = append(r.runs, t.String())
	}
}

func (r *recorder) running() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.runs)
}

func (r *recorder) last() (Event, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) == 0 {
		return Event{}, false
	}
	return r.events[len(r.events)-1], true
}

// waitFor polls cond until it holds or the test's deadline nears.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type worker struct {
	m      *Member
	rec    *recorder
	cancel context.CancelFunc
	done   chan error
}

func startWorker(t *testing.T, addrs []string, url string, p Protocol, cfg ConfigSource, opts ...kgo.Opt) *worker {
	t.Helper()
	client, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(addrs...)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	m, err := NewMember(client, MemberConfig{GroupID: "connect-cluster", Protocol: p, URL: url, Config: cfg,
		Listener: rec, SessionTimeout: 6 * time.Second, HeartbeatInterval: 100 * time.Millisecond,
		RebalanceTimeout: 10 * time.Second, UseZeroMaxDelay: true, Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &worker{m: m, rec: rec, cancel: cancel, done: make(chan error, 1)}
	go func() { w.done <- m.Run(ctx) }()
	t.Cleanup(func() {
		w.stop()
		client.Close()
	})
	return w
}

func (w *worker) stop() {
	w.cancel()
	<-w.done
	w.done <- nil // later stops return at once
}

// TestMembersShareTheWork runs two members on an in-process broker: together they run every connector and task
// exactly once, one of them leads, and when one leaves the other takes everything.
func TestMembersShareTheWork(t *testing.T) {
	for _, p := range []Protocol{Eager, Sessioned} {
		t.Run(p.Name(), func(t *testing.T) {
			cluster, err := kfake.NewCluster(kfake.NumBrokers(1))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(cluster.Close) // after the workers' cleanups, so they can leave the group
			cfg := &fakeConfig{ConfigSnapshot{Offset: 5, Tasks: map[string]int{"src": 3, "sink": 2}}}
			all := []string{"sink", "sink-0", "sink-1", "src", "src-0", "src-1", "src-2"}
			a := startWorker(t, cluster.ListenAddrs(), "http://a:8083/", p, cfg)
			b := startWorker(t, cluster.ListenAddrs(), "http://b:8083/", p, cfg)
			waitFor(t, "both members running a share", func() bool {
				ra, rb := a.rec.running(), b.rec.running()
				got := slices.Sorted(slices.Values(append(ra, rb...)))
				return len(ra) > 0 && len(rb) > 0 && slices.Equal(got, all)
			})
			ea, _ := a.rec.last()
			eb, _ := b.rec.last()
			if ea.IsLeader() == eb.IsLeader() {
				t.Fatalf("leaders: a %v, b %v", ea.IsLeader(), eb.IsLeader())
			}
			if ea.Protocol != p || ea.Assignment.ConfigOffset != 5 {
				t.Fatalf("event %+v", ea)
			}
			if a.m.LeaderURL() != b.m.LeaderURL() || a.m.LeaderURL() == "" {
				t.Fatalf("leader URLs %q %q", a.m.LeaderURL(), b.m.LeaderURL())
			}
			b.stop()
			waitFor(t, "the remaining member running everything", func() bool {
				return slices.Equal(slices.Sorted(slices.Values(a.rec.running())), all)
			})
			if !a.m.IsLeader() {
				t.Fatal("the remaining member does not lead")
			}
		})
	}
}

func TestNewMemberValidates(t *testing.T) {
	_, err := NewMember(nil, MemberConfig{HeartbeatInterval: time.Minute, SessionTimeout: time.Second})
	if err == nil {
		t.Fatal("accepted an empty config")
	}
	for _, want := range []string{"group.id is required", "ConfigSource", "heartbeat.interval.ms"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestLeaderSurvivesGarbageMetadata has a foreign member join the group with metadata that is not Connect's: the
// Sluice leader logs it, gives that member a valid assignment with no work, and keeps running all of it.
func TestLeaderSurvivesGarbageMetadata(t *testing.T) {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cluster.Close)
	cfg := &fakeConfig{ConfigSnapshot{Offset: 5, Tasks: map[string]int{"src": 2}}}
	w := startWorker(t, cluster.ListenAddrs(), "http://a:8083/", Sessioned, cfg)
	waitFor(t, "the member leading", w.m.IsLeader)

	raw, err := kgo.NewClient(kgo.SeedBrokers(cluster.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ctx := t.Context()
	var join *kmsg.JoinGroupResponse
	memberID := ""
	for join == nil || join.ErrorCode != 0 {
		req := kmsg.NewPtrJoinGroupRequest()
		req.Group, req.MemberID, req.ProtocolType = "connect-cluster", memberID, ProtocolType
		req.SessionTimeoutMillis, req.RebalanceTimeoutMillis = 6000, 10000
		req.Protocols = []kmsg.JoinGroupRequestProtocol{{Name: "sessioned", Metadata: []byte("not connect metadata")}}
		if join, err = req.RequestWith(ctx, raw); err != nil {
			t.Fatal(err)
		}
		memberID = join.MemberID
	}
	sync := kmsg.NewPtrSyncGroupRequest()
	sync.Group, sync.Generation, sync.MemberID = "connect-cluster", join.Generation, join.MemberID
	sync.ProtocolType, sync.Protocol = kmsg.StringPtr(ProtocolType), join.Protocol
	resp, err := sync.RequestWith(ctx, raw)
	if err != nil || resp.ErrorCode != 0 {
		t.Fatalf("SyncGroup: %v %v", resp, err)
	}
	a, err := DecodeAssignment(Sessioned, resp.MemberAssignment)
	if err != nil {
		t.Fatalf("the foreign member got an unreadable assignment: %v", err)
	}
	if a.Error != NoError || a.LeaderURL != "http://a:8083/" || len(a.Connectors)+len(a.Tasks) > 0 {
		t.Fatalf("assignment %+v, want one with no work", a)
	}
	waitFor(t, "the leader to run everything", func() bool {
		e, _ := w.rec.last()
		return e.Generation == join.Generation && slices.Equal(w.rec.running(), []string{"src", "src-0", "src-1"})
	})
}

// TestRevokesAllWhenCoordinatorUnreachable stops the broker under a member that runs work: once its requests
// go unanswered it stops everything rather than risk running work the group gave to others.
func TestRevokesAllWhenCoordinatorUnreachable(t *testing.T) {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &fakeConfig{ConfigSnapshot{Offset: 1, Tasks: map[string]int{"src": 1}}}
	w := startWorker(t, cluster.ListenAddrs(), "http://a:8083/", Compatible, cfg,
		kgo.RetryTimeout(500*time.Millisecond), kgo.RequestRetries(1))
	waitFor(t, "the member running its work", func() bool { return len(w.rec.running()) == 2 })
	cluster.Close()
	waitFor(t, "everything stopped", func() bool { return len(w.rec.running()) == 0 })
}

// TestFallsBackToEager has an eager-only worker join a member running everything under the compatible protocol:
// the group switches to eager, and the first member stops what the eager assignment gives to the other.
func TestFallsBackToEager(t *testing.T) {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cluster.Close)
	cfg := &fakeConfig{ConfigSnapshot{Offset: 2, Tasks: map[string]int{"src": 3}}}
	all := []string{"src", "src-0", "src-1", "src-2"}
	a := startWorker(t, cluster.ListenAddrs(), "http://a:8083/", Compatible, cfg)
	waitFor(t, "the first member running everything", func() bool {
		return slices.Equal(slices.Sorted(slices.Values(a.rec.running())), all)
	})
	b := startWorker(t, cluster.ListenAddrs(), "http://b:8083/", Eager, cfg)
	waitFor(t, "both sharing the work under the eager protocol", func() bool {
		ea, _ := a.rec.last()
		ra, rb := a.rec.running(), b.rec.running()
		got := slices.Sorted(slices.Values(append(ra, rb...)))
		return ea.Protocol == Eager && len(ra) > 0 && len(rb) > 0 && slices.Equal(got, all)
	})
}
