package cluster

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"
)

// fakeConfig is a fake ConfigSource: a fixed snapshot that is always current.
type fakeConfig struct{ snap ConfigSnapshot }

func (f *fakeConfig) Snapshot() ConfigSnapshot { return f.snap }

func (f *fakeConfig) FreshSnapshot(context.Context) (ConfigSnapshot, error) { return f.snap, nil }

// sim drives an IncrementalAssignor the way Kafka's IncrementalCooperativeAssignorTest does: members report what
// they hold, the leader assigns, members apply (unless the round "fails"), and the test checks the allocation.
type sim struct {
	t          *testing.T
	a          *IncrementalAssignor
	now        time.Time
	connectors map[string]int
	order      []string // members in join order
	held       map[string]*Assignment
	generation int32
	last       Plan
}

const defaultMaxDelay = 300 * time.Second // scheduled.rebalance.max.delay.ms default

func newSim(t *testing.T, maxDelay time.Duration) *sim {
	s := &sim{t: t, now: time.Unix(1_700_000_000, 0), connectors: map[string]int{"connector1": 4, "connector2": 4},
		held: map[string]*Assignment{}, generation: 1000}
	s.newAssignor(maxDelay)
	s.join("worker1")
	return s
}

func (s *sim) newAssignor(maxDelay time.Duration) {
	s.a = NewIncrementalAssignor(maxDelay, func() time.Time { return s.now })
	s.a.previousGeneration = s.generation
}

func (s *sim) join(workers ...string) {
	for _, w := range workers {
		s.joinHolding(w, nil, nil)
	}
}

func (s *sim) joinHolding(w string, connectors []string, tasks []TaskID) {
	s.order = append(s.order, w)
	s.held[w] = &Assignment{Connectors: connectors, Tasks: tasks}
}

func (s *sim) leave(w string) {
	s.order = slices.DeleteFunc(s.order, func(x string) bool { return x == w })
	delete(s.held, w)
}

func (s *sim) sleep(ms int32) { s.now = s.now.Add(time.Duration(ms) * time.Millisecond) }

// rebalance runs one round; failed rounds are computed but never reach the members; mismatched ones report a
// last completed generation the assignor did not produce.
func (s *sim) rebalance(failed, mismatched bool) {
	s.t.Helper()
	s.generation++
	last := s.generation - 1
	if mismatched {
		last = s.generation - 2
	}
	r := Round{Leader: s.order[0], Protocol: Sessioned, Generation: s.generation, LastCompletedGeneration: last}
	for _, w := range s.order {
		h := *s.held[w]
		r.Members = append(r.Members, JoinedMember{ID: w, State: WorkerState{URL: "http://" + w, ConfigOffset: 618, Assignment: &h}})
	}
	plan, err := s.a.Assign(s.t.Context(), r, &fakeConfig{ConfigSnapshot{Offset: 618, Tasks: s.connectors}})
	if err != nil {
		s.t.Fatal(err)
	}
	s.last = plan
	s.checkNoRedundantAssignments()
	if failed {
		return
	}
	for w, a := range plan.Assignments {
		h := s.held[w]
		h.Connectors = append(slices.DeleteFunc(slices.Clone(h.Connectors), func(c string) bool { return slices.Contains(a.RevokedConnectors, c) }), a.Connectors...)
		h.Tasks = append(slices.DeleteFunc(slices.Clone(h.Tasks), func(t TaskID) bool { return slices.Contains(a.RevokedTasks, t) }), a.Tasks...)
		if !sameElements(h.Connectors, plan.Connectors[w]) || !sameElements(h.Tasks, plan.Tasks[w]) {
			s.t.Fatalf("%s holds %v %v after applying, the plan says %v %v", w, h.Connectors, h.Tasks, plan.Connectors[w], plan.Tasks[w])
		}
	}
}

func (s *sim) standard() { s.t.Helper(); s.rebalance(false, false) }

func sameElements[T comparable](a, b []T) bool {
	count := map[T]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

func (s *sim) checkNoRedundantAssignments() {
	s.t.Helper()
	seen := map[string]string{}
	for w, a := range s.last.Assignments {
		for _, c := range a.Connectors {
			if prev, ok := seen[c]; ok {
				s.t.Fatalf("connector %s newly assigned to %s and %s", c, prev, w)
			}
			seen[c] = w
		}
	}
}

func (s *sim) assertDelay(want int32) {
	s.t.Helper()
	for w, a := range s.last.Assignments {
		if a.Delay != want {
			s.t.Fatalf("%s: delay %d, want %d", w, a.Delay, want)
		}
	}
}

func (s *sim) delay() int32 { return s.a.delay }

func (s *sim) assertWorkers(want ...string) {
	s.t.Helper()
	got := slices.Sorted(maps.Keys(s.last.Assignments))
	if !slices.Equal(got, want) {
		s.t.Fatalf("workers %v, want %v", got, want)
	}
}

// allocations are the workers' counts after applying, sorted as Kafka's assertConnectorAllocations sorts them.
func (s *sim) assertAllocations(connectors, tasks []int) {
	s.t.Helper()
	var gotC, gotT []int
	for _, w := range s.order {
		gotC = append(gotC, len(s.held[w].Connectors))
		gotT = append(gotT, len(s.held[w].Tasks))
	}
	slices.Sort(gotC)
	slices.Sort(gotT)
	if !slices.Equal(gotC, connectors) || !slices.Equal(gotT, tasks) {
		s.t.Fatalf("allocations connectors %v tasks %v, want %v %v", gotC, gotT, connectors, tasks)
	}
}

func (s *sim) assertNoRevocations() {
	s.t.Helper()
	for w, a := range s.last.Assignments {
		if len(a.RevokedConnectors)+len(a.RevokedTasks) > 0 {
			s.t.Fatalf("%s: revoked %v %v", w, a.RevokedConnectors, a.RevokedTasks)
		}
	}
}

func (s *sim) assertEmptyAssignment() {
	s.t.Helper()
	s.assertNoRevocations()
	for w, a := range s.last.Assignments {
		if len(a.Connectors)+len(a.Tasks) > 0 {
			s.t.Fatalf("%s: newly assigned %v %v", w, a.Connectors, a.Tasks)
		}
	}
}

// assertBalancedAndComplete checks that every configured connector and task runs exactly once and no worker
// runs more than one more of either than any other.
func (s *sim) assertBalancedAndComplete() {
	s.t.Helper()
	runs := map[string]int{}
	minC, maxC, minT, maxT := 1<<30, -1, 1<<30, -1
	for _, w := range s.order {
		h := s.held[w]
		for _, c := range h.Connectors {
			runs[c]++
		}
		for _, t := range h.Tasks {
			runs[t.String()]++
		}
		minC, maxC = min(minC, len(h.Connectors)), max(maxC, len(h.Connectors))
		minT, maxT = min(minT, len(h.Tasks)), max(maxT, len(h.Tasks))
	}
	want := map[string]int{}
	for c, n := range s.connectors {
		want[c] = 1
		for i := range n {
			want[fmt.Sprintf("%s-%d", c, i)] = 1
		}
	}
	if !maps.Equal(runs, want) {
		s.t.Fatalf("running %v, want each of %v once", runs, slices.Sorted(maps.Keys(want)))
	}
	if maxC-minC > 1 || maxT-minT > 1 {
		s.t.Fatalf("imbalanced: connectors %d..%d tasks %d..%d", minC, maxC, minT, maxT)
	}
}

func ints(v ...int) []int { return v }

func TestIncrementalWorkerJoins(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.standard()
	s.assertDelay(0)
	s.assertWorkers("worker1")
	s.assertAllocations(ints(2), ints(8))
	s.assertBalancedAndComplete()

	s.join("worker2")
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 1), ints(0, 4))

	s.standard()
	s.assertNoRevocations()
	s.assertDelay(0)
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()

	s.sleep(s.delay())
	s.standard()
	s.assertDelay(0)
	s.assertEmptyAssignment()
}

func TestIncrementalWorkersJoinAfterRevocations(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.connectors["connector3"] = 4
	s.standard()
	s.assertAllocations(ints(3), ints(12))

	s.join("worker2")
	s.standard()
	s.assertAllocations(ints(0, 2), ints(0, 6))

	// A successive revoking rebalance: no revocations, a delay instead.
	s.join("worker3")
	s.standard()
	if s.delay() <= 0 {
		t.Fatal("no delay after successive revocations")
	}
	s.assertAllocations(ints(0, 1, 2), ints(3, 3, 6))

	s.sleep(s.delay())
	s.join("worker4")
	s.standard()
	s.assertAllocations(ints(0, 0, 1, 1), ints(0, 3, 3, 3))

	s.join("worker5")
	s.standard()
	if s.delay() <= 40 {
		t.Fatalf("delay %d, want more than the initial 40 ms backoff", s.delay())
	}
	s.assertAllocations(ints(0, 0, 1, 1, 1), ints(1, 2, 3, 3, 3))

	s.sleep(s.delay())
	s.join("worker6")
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 0, 0, 1, 1, 1), ints(0, 1, 2, 2, 2, 2))

	s.standard()
	s.assertAllocations(ints(0, 0, 0, 1, 1, 1), ints(2, 2, 2, 2, 2, 2))
	s.assertBalancedAndComplete()
}

func TestIncrementalImmediateRevocationsWhenMaxDelayIs0(t *testing.T) {
	s := newSim(t, 0)
	s.connectors["connector3"] = 4
	s.standard()
	s.assertAllocations(ints(3), ints(12))
	s.join("worker2")
	s.standard()
	s.assertAllocations(ints(0, 2), ints(0, 6))
	s.join("worker3")
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 1, 1), ints(3, 3, 4))
	s.standard()
	s.assertNoRevocations()
	s.assertAllocations(ints(1, 1, 1), ints(4, 4, 4))
	s.assertBalancedAndComplete()
}

func TestIncrementalSuccessiveRevocationsWhenMaxDelayIs1(t *testing.T) {
	s := newSim(t, time.Millisecond)
	s.connectors["connector3"] = 4
	s.standard()
	s.join("worker2")
	s.standard()
	s.assertAllocations(ints(0, 2), ints(0, 6))
	s.join("worker3")
	s.standard()
	s.assertDelay(1)
	s.assertAllocations(ints(0, 1, 2), ints(3, 3, 6))
}

func TestIncrementalWorkerJoiningDuringDelayedRebalance(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.connectors["connector3"] = 4
	s.standard()
	s.join("worker2")
	s.standard()
	s.join("worker3")
	s.standard()
	s.assertNoRevocations()
	s.assertAllocations(ints(0, 1, 2), ints(3, 3, 6))

	s.sleep(s.delay() / 2)
	s.join("worker4")
	s.standard()
	if s.delay() <= 0 {
		t.Fatal("delay ended early")
	}
	s.assertNoRevocations()
	s.assertAllocations(ints(0, 0, 1, 2), ints(0, 3, 3, 6))

	s.sleep(s.delay())
	s.join("worker5")
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 0, 0, 1, 1), ints(0, 0, 2, 3, 3))

	s.standard()
	s.assertNoRevocations()
	s.assertAllocations(ints(0, 0, 1, 1, 1), ints(2, 2, 2, 3, 3))
	s.assertBalancedAndComplete()
}

func TestIncrementalWorkerLeavesPermanently(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	maxDelay := int32(defaultMaxDelay.Milliseconds())
	s.join("worker2")
	s.standard()
	s.assertAllocations(ints(1, 1), ints(4, 4))

	s.leave("worker2")
	s.standard()
	s.assertDelay(maxDelay)
	s.assertEmptyAssignment()

	s.sleep(maxDelay / 2)
	s.standard()
	s.assertDelay(maxDelay / 2)
	s.assertEmptyAssignment()

	s.sleep(maxDelay/2 + 1)
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(2), ints(8))
	s.assertBalancedAndComplete()
}

func TestIncrementalWorkerBounces(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	maxDelay := int32(defaultMaxDelay.Milliseconds())
	s.join("worker2")
	s.standard()
	s.leave("worker2")
	s.standard()
	s.assertDelay(maxDelay)
	s.sleep(maxDelay / 2)
	s.standard()
	s.assertDelay(maxDelay / 2)
	s.sleep(maxDelay / 4)

	// worker2 comes back empty before the delay expires: the lost work waits for the delay, then goes to it.
	s.join("worker2")
	s.standard()
	s.assertDelay(maxDelay / 4)
	s.assertEmptyAssignment()
	s.sleep(maxDelay / 4)
	s.standard()
	s.assertDelay(0)
	s.assertNoRevocations()
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()
}

func TestIncrementalLeaderLeavesPermanently(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.join("worker2", "worker3")
	s.standard()
	s.assertAllocations(ints(0, 1, 1), ints(2, 3, 3))

	// A new leader starts from a clean slate.
	s.leave("worker1")
	s.newAssignor(defaultMaxDelay)
	s.standard()
	s.assertDelay(0)
	s.assertWorkers("worker2", "worker3")
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()
	s.standard()
	s.assertEmptyAssignment()
}

func TestIncrementalFirstAssignmentFails(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.join("worker2")
	s.rebalance(true, false)
	s.assertAllocations(ints(0, 0), ints(0, 0))
	// Same members, same (empty) holdings: the lost work is treated as new.
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()
}

func TestIncrementalSubsequentAssignmentFails(t *testing.T) {
	for _, mismatched := range []bool{false, true} {
		t.Run(fmt.Sprint("mismatched generation ", mismatched), func(t *testing.T) {
			s := newSim(t, defaultMaxDelay)
			s.join("worker2")
			s.standard()
			s.join("worker3")
			s.rebalance(true, false)
			s.assertAllocations(ints(0, 1, 1), ints(0, 4, 4))

			s.rebalance(false, mismatched)
			if s.delay() <= 0 {
				t.Fatal("no delay after a successive revoking rebalance")
			}
			s.assertAllocations(ints(0, 1, 1), ints(0, 4, 4))

			s.sleep(s.delay())
			s.standard()
			s.assertAllocations(ints(0, 1, 1), ints(0, 3, 3))
			s.standard()
			s.assertAllocations(ints(0, 1, 1), ints(2, 3, 3))
			s.assertBalancedAndComplete()
		})
	}
}

func TestIncrementalConnectorsDeleted(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.connectors["connector3"] = 4
	s.join("worker2")
	s.standard()
	s.assertAllocations(ints(1, 2), ints(6, 6))
	delete(s.connectors, "connector3")
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()
}

func TestIncrementalDuplicatedTasks(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.standard()
	s.joinHolding("worker2", []string{"connector1"}, []TaskID{{"connector1", 0}, {"connector1", 1}, {"connector1", 2}, {"connector1", 3}})
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 1), ints(0, 4))
	s.standard()
	s.assertNoRevocations()
	s.assertAllocations(ints(1, 1), ints(4, 4))
	s.assertBalancedAndComplete()
	s.standard()
	s.assertEmptyAssignment()
}

func TestIncrementalDuplicatedAndDeleted(t *testing.T) {
	s := newSim(t, defaultMaxDelay)
	s.standard()
	delete(s.connectors, "connector1")
	s.joinHolding("worker2", []string{"connector1"}, []TaskID{{"connector1", 0}, {"connector1", 1}, {"connector1", 2}, {"connector1", 3}})
	s.standard()
	s.assertDelay(0)
	s.assertAllocations(ints(0, 1), ints(0, 2))
	s.standard()
	s.assertNoRevocations()
	s.assertAllocations(ints(0, 1), ints(2, 2))
	s.assertBalancedAndComplete()
	s.standard()
	s.assertEmptyAssignment()
}
