package cluster

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
)

// ConfigSnapshot is the leader's view of the config topic when it assigns work.
type ConfigSnapshot struct {
	// Offset is the config-topic offset the snapshot reflects.
	Offset int64
	// Tasks holds every configured connector's task count: the tasks whose configs were committed. A connector
	// whose task set is inconsistent (Kafka's ClusterConfigState.tasks returns none) has 0.
	Tasks map[string]int
}

// ConfigSource gives the leader its config snapshot (Kafka's coordinator.configSnapshot) and, when a member
// reports a newer offset than the snapshot's, a fresh one read to the end of the topic (configFreshSnapshot).
type ConfigSource interface {
	Snapshot() ConfigSnapshot
	FreshSnapshot(ctx context.Context) (ConfigSnapshot, error)
}

// JoinedMember is one member of a JoinGroup response with its decoded metadata, in the response's order.
type JoinedMember struct {
	ID    string
	State WorkerState
	// Metadata is the member's metadata as it sent it (nil when an assignor is driven directly).
	Metadata []byte
}

// Round is what the leader knows when it assigns: the group's members for the selected protocol and the
// generations (Kafka's coordinator.generationId and lastCompletedGenerationId).
type Round struct {
	Leader                  string
	Protocol                Protocol
	Members                 []JoinedMember
	Generation              int32
	LastCompletedGeneration int32
}

// Plan is an assignor's result: each member's Assignment (what to start and, incrementally, what to stop), and
// the whole resulting distribution, which the leader keeps to answer "who runs this connector" (Kafka's
// LeaderState).
type Plan struct {
	Assignments map[string]Assignment
	Connectors  map[string][]string // member id -> every connector it runs after this round
	Tasks       map[string][]TaskID // member id -> every task it runs after this round
}

// Assignor is the leader's assignment strategy for one protocol family. Assign is called from the member's own
// goroutine only, once per rebalance in which this worker leads; the incremental assignor keeps state between
// calls.
type Assignor interface {
	Assign(ctx context.Context, r Round, cfg ConfigSource) (Plan, error)
}

// leaderConfig is Kafka's ensureLeaderConfig for a round both assignors share: the snapshot to assign from, or,
// when the leader is behind the members even after re-reading, the plan to answer with instead (behind != nil):
// every member gets ConfigMismatch, so that all of them read to the end of the config topic and rejoin.
func leaderConfig(ctx context.Context, r Round, cfg ConfigSource) (snap ConfigSnapshot, behind *Plan, err error) {
	if len(r.Members) == 0 {
		return ConfigSnapshot{}, nil, fmt.Errorf("assigning to an empty group")
	}
	maxOffset := maxConfigOffset(r.Members)
	snap = cfg.Snapshot()
	if snap.Offset >= maxOffset {
		// Kafka assigns at the members' maximum offset, not the leader's, so followers wait for exactly that.
		snap.Offset = maxOffset
		return snap, nil, nil
	}
	fresh, err := cfg.FreshSnapshot(ctx)
	if err != nil {
		return ConfigSnapshot{}, nil, fmt.Errorf("reading the config topic to the end: %w", err)
	}
	if fresh.Offset < maxOffset {
		p := mismatch(r, maxOffset)
		return ConfigSnapshot{}, &p, nil
	}
	return fresh, nil, nil
}

func maxConfigOffset(members []JoinedMember) int64 {
	m := members[0].State.ConfigOffset
	for _, mem := range members[1:] {
		m = max(m, mem.State.ConfigOffset)
	}
	return m
}

func leaderURL(r Round) string {
	for _, m := range r.Members {
		if m.ID == r.Leader {
			return m.State.URL
		}
	}
	return ""
}

// mismatch answers every member with ConfigMismatch and nothing assigned.
func mismatch(r Round, offset int64) Plan {
	p := Plan{Assignments: make(map[string]Assignment, len(r.Members))}
	for _, m := range r.Members {
		p.Assignments[m.ID] = Assignment{Version: r.Protocol, Error: ConfigMismatch, Leader: r.Leader,
			LeaderURL: leaderURL(r), ConfigOffset: offset}
	}
	return p
}

// EagerAssignor is Kafka's EagerAssignor (protocol "default"): every rebalance revokes everything, then deals
// all connectors, then all their tasks, round-robin over the members sorted by id.
type EagerAssignor struct{}

// Assign implements Assignor.
func (EagerAssignor) Assign(ctx context.Context, r Round, cfg ConfigSource) (Plan, error) {
	snap, behind, err := leaderConfig(ctx, r, cfg)
	if err != nil {
		return Plan{}, err
	}
	if behind != nil {
		return *behind, nil
	}
	ids := make([]string, len(r.Members))
	for i, m := range r.Members {
		ids[i] = m.ID
	}
	slices.SortFunc(ids, compareJava)
	connectors := sortedConnectors(snap)
	plan := Plan{Assignments: make(map[string]Assignment, len(ids)), Connectors: map[string][]string{},
		Tasks: map[string][]TaskID{}}
	next := 0
	deal := func() string {
		id := ids[next%len(ids)]
		next++
		return id
	}
	for _, c := range connectors {
		id := deal()
		plan.Connectors[id] = append(plan.Connectors[id], c)
	}
	for _, c := range connectors {
		for task := range snap.Tasks[c] {
			id := deal()
			plan.Tasks[id] = append(plan.Tasks[id], TaskID{Connector: c, Task: int32(task)})
		}
	}
	for _, id := range ids {
		plan.Assignments[id] = Assignment{Version: r.Protocol, Leader: r.Leader, LeaderURL: leaderURL(r),
			ConfigOffset: snap.Offset, Connectors: plan.Connectors[id], Tasks: plan.Tasks[id]}
	}
	return plan, nil
}

func sortedConnectors(snap ConfigSnapshot) []string {
	cs := make([]string, 0, len(snap.Tasks))
	for c := range snap.Tasks {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, compareJava)
	return cs
}

// compareJava is Java's String.compareTo: UTF-16 code unit order, which differs from Go's byte order for
// characters beyond the Basic Multilingual Plane against U+E000–U+FFFF.
func compareJava(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return strings.Compare(a, b)
	}
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// compareTasks is ConnectorTaskId.compareTo.
func compareTasks(a, b TaskID) int {
	if c := compareJava(a.Connector, b.Connector); c != 0 {
		return c
	}
	return int(a.Task) - int(b.Task)
}

// memberOrder is the order Kafka's leader walks the members in: a HashMap keyed by member id filled in
// JoinGroup response order.
func memberOrder(members []JoinedMember) []JoinedMember {
	byID := make(map[string]JoinedMember, len(members))
	ids := make([]string, len(members))
	for i, m := range members {
		byID[m.ID] = m
		ids[i] = m.ID
	}
	out := make([]JoinedMember, 0, len(members))
	for _, id := range javaorder.HashOrder(ids) {
		out = append(out, byID[id])
	}
	return out
}
