package cluster

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
)

// IncrementalAssignor is Kafka's IncrementalCooperativeAssignor (KIP-415, protocols "compatible" and
// "sessioned"): members keep what they run; the leader assigns new and lost work to the least loaded members,
// revokes deleted and duplicated work, and revokes surplus from overloaded members (which is assigned in the
// follow-up rebalance). Work held by a member that left waits up to scheduled.rebalance.max.delay.ms for it to
// come back before being reassigned.
//
// Its state carries over between the rebalances this worker leads; create one per member.
type IncrementalAssignor struct {
	maxDelay int32 // scheduled.rebalance.max.delay.ms
	now      func() time.Time

	previousAssignment   tasksSet
	previousRevocation   tasksSet
	previousGeneration   int32
	previousMembers      map[string]bool
	candidates           []string // empty workers that may take lost work when the delay expires
	scheduledRebalance   int64    // ms since the epoch; 0 = none
	delay                int32
	revokedInPrevious    bool
	successiveRevocation int
}

// NewIncrementalAssignor returns an assignor with scheduled.rebalance.max.delay.ms = maxDelay; now is the clock
// (time.Now when nil), replaceable for tests of the delay.
func NewIncrementalAssignor(maxDelay time.Duration, now func() time.Time) *IncrementalAssignor {
	if now == nil {
		now = time.Now
	}
	return &IncrementalAssignor{maxDelay: int32(maxDelay.Milliseconds()), now: now, previousGeneration: -1,
		previousAssignment: newTasksSet(), previousRevocation: newTasksSet()}
}

// Assign implements Assignor.
func (a *IncrementalAssignor) Assign(ctx context.Context, r Round, cfg ConfigSource) (Plan, error) {
	snap, behind, err := leaderConfig(ctx, r, cfg)
	if err != nil {
		return Plan{}, err
	}
	if behind != nil {
		return *behind, nil
	}
	members := memberOrder(r.Members)
	held := make([]workerLoad, len(members))
	for i, m := range members {
		held[i] = workerLoad{worker: m.ID}
		if m.State.Assignment != nil {
			held[i].connectors = distinct(m.State.Assignment.Connectors)
			held[i].tasks = distinctTasks(m.State.Assignment.Tasks)
		}
	}
	ca := a.assign(snap, r.LastCompletedGeneration, r.Generation, held)
	plan := Plan{Assignments: make(map[string]Assignment, len(members)), Connectors: map[string][]string{},
		Tasks: map[string][]TaskID{}}
	url := leaderURL(r)
	for _, m := range members {
		plan.Assignments[m.ID] = Assignment{Version: r.Protocol, Leader: r.Leader, LeaderURL: url,
			ConfigOffset: snap.Offset, Connectors: ca.newConnectors[m.ID], Tasks: ca.newTasks[m.ID],
			RevokedConnectors: ca.revokedConnectors[m.ID], RevokedTasks: ca.revokedTasks[m.ID], Delay: a.delay}
		plan.Connectors[m.ID] = ca.allConnectors[m.ID]
		plan.Tasks[m.ID] = ca.allTasks[m.ID]
	}
	return plan, nil
}

// workerLoad is one member's connectors and tasks in order (Kafka's WorkerLoad).
type workerLoad struct {
	worker     string
	connectors []string
	tasks      []TaskID
}

func (w workerLoad) empty() bool { return len(w.connectors) == 0 && len(w.tasks) == 0 }

// tasksSet is an unordered set of connectors and tasks (Kafka's ConnectorsAndTasks where order does not matter).
type tasksSet struct {
	connectors map[string]bool
	tasks      map[TaskID]bool
}

func newTasksSet() tasksSet { return tasksSet{connectors: map[string]bool{}, tasks: map[TaskID]bool{}} }

func (s tasksSet) add(cs []string, ts []TaskID) {
	for _, c := range cs {
		s.connectors[c] = true
	}
	for _, t := range ts {
		s.tasks[t] = true
	}
}

func (s tasksSet) empty() bool { return len(s.connectors) == 0 && len(s.tasks) == 0 }

// minus is base minus every subtrahend, sorted as Kafka's TreeSet-based diff returns it.
func (s tasksSet) minus(subtract ...tasksSet) ([]string, []TaskID) {
	var cs []string
	var ts []TaskID
	for c := range s.connectors {
		if !anyHasConnector(subtract, c) {
			cs = append(cs, c)
		}
	}
	for t := range s.tasks {
		if !anyHasTask(subtract, t) {
			ts = append(ts, t)
		}
	}
	slices.SortFunc(cs, compareJava)
	slices.SortFunc(ts, compareTasks)
	return cs, ts
}

func anyHasConnector(sets []tasksSet, c string) bool {
	for _, s := range sets {
		if s.connectors[c] {
			return true
		}
	}
	return false
}

func anyHasTask(sets []tasksSet, t TaskID) bool {
	for _, s := range sets {
		if s.tasks[t] {
			return true
		}
	}
	return false
}

func setOf(cs []string, ts []TaskID) tasksSet {
	s := newTasksSet()
	s.add(cs, ts)
	return s
}

// revocation is what one worker gives up, in the order Kafka lists it.
type revocation struct {
	connectors []string
	tasks      []TaskID
}

type clusterAssignment struct {
	newConnectors, revokedConnectors, allConnectors map[string][]string
	newTasks, revokedTasks, allTasks                map[string][]TaskID
}

// assign is Kafka's performTaskAssignment(ClusterConfigState, ...): held lists each member's running work in
// Kafka's member order.
func (a *IncrementalAssignor) assign(snap ConfigSnapshot, lastCompleted, generation int32, held []workerLoad) clusterAssignment {
	if a.previousGeneration != lastCompleted {
		// The last assignment this leader computed never completed (a sync failed); what it remembers of it
		// may be wrong, so it trusts only what the members report.
		a.previousAssignment = newTasksSet()
	}
	configuredConnectors := sortedConnectors(snap)
	var configuredTasks []TaskID
	for _, c := range configuredConnectors {
		for t := range snap.Tasks[c] {
			configuredTasks = append(configuredTasks, TaskID{Connector: c, Task: int32(t)})
		}
	}
	configured := setOf(configuredConnectors, configuredTasks)
	active := newTasksSet()
	for _, w := range held {
		active.add(w.connectors, w.tasks)
	}
	if !a.previousRevocation.empty() {
		// A revocation of the previous round did not take effect: start again from what is running.
		for c := range a.previousRevocation.connectors {
			if active.connectors[c] {
				a.previousAssignment = active
				break
			}
		}
		for t := range a.previousRevocation.tasks {
			if active.tasks[t] {
				a.previousAssignment = active
				break
			}
		}
		a.previousRevocation = newTasksSet()
	}
	deleted := setOf(a.previousAssignment.minus(configured))
	duplicated := duplicatedAssignments(held)
	lost := setOf(a.previousAssignment.minus(active, deleted))
	createdC, createdT := configured.minus(a.previousAssignment, active)

	current := make([]workerLoad, len(held))
	next := make([]workerLoad, len(held))
	toRevoke := map[string]*revocation{}
	for i, w := range held {
		current[i] = workerLoad{worker: w.worker, connectors: keepConnectors(w.connectors, func(c string) bool { return !deleted.connectors[c] }),
			tasks: keepTasks(w.tasks, func(t TaskID) bool { return !deleted.tasks[t] })}
		r := revocationFor(toRevoke, w.worker)
		// Kafka intersects through HashSets, so revoked items appear in hash order.
		r.connectors = append(r.connectors, hashOrderConnectors(keepConnectors(w.connectors, func(c string) bool { return deleted.connectors[c] }), len(w.connectors))...)
		r.tasks = append(r.tasks, hashOrderTasks(keepTasks(w.tasks, func(t TaskID) bool { return deleted.tasks[t] }), len(w.tasks))...)
		r.connectors = appendDistinct(r.connectors, hashOrderConnectors(keepConnectors(w.connectors, func(c string) bool { return duplicated.connectors[c] }), len(w.connectors)))
		r.tasks = appendDistinctTasks(r.tasks, hashOrderTasks(keepTasks(w.tasks, func(t TaskID) bool { return duplicated.tasks[t] }), len(w.tasks)))
		next[i] = workerLoad{worker: w.worker,
			connectors: keepConnectors(w.connectors, func(c string) bool { return !deleted.connectors[c] && !duplicated.connectors[c] }),
			tasks:      keepTasks(w.tasks, func(t TaskID) bool { return !deleted.tasks[t] && !duplicated.tasks[t] })}
	}

	lostToReassign := newTasksSet()
	var lostOrder revocation
	lostOrder.connectors, lostOrder.tasks = lost.minus()
	a.handleLost(lost, lostOrder, &lostToReassign, next)

	if a.delay == 0 {
		balancing := loadBalancingRevocations(configured, next)
		switch {
		case a.revokedInPrevious && len(balancing) > 0:
			a.successiveRevocation++
			a.delay = a.revokingBackoff(a.successiveRevocation)
			if a.delay != 0 {
				a.scheduledRebalance = a.now().UnixMilli() + int64(a.delay)
			} else {
				applyRevocations(toRevoke, next, balancing)
			}
		case len(balancing) > 0:
			applyRevocations(toRevoke, next, balancing)
			a.revokedInPrevious = true
		case a.revokedInPrevious:
			// The previous round revoked and this one need not: the load has converged.
			a.revokedInPrevious = false
			a.successiveRevocation = 0
		}
	} else {
		a.revokedInPrevious = false
	}

	// Newly created first, then lost work being reassigned (Kafka's LinkedHashSet of the two sorted sets).
	assignC := append([]string(nil), createdC...)
	assignT := append([]TaskID(nil), createdT...)
	lc, lt := lostToReassign.minus()
	assignC = appendDistinct(assignC, lc)
	assignT = appendDistinctTasks(assignT, lt)
	assignConnectors(next, assignC)
	assignTasks(next, assignT)

	ca := clusterAssignment{newConnectors: map[string][]string{}, revokedConnectors: map[string][]string{},
		allConnectors: map[string][]string{}, newTasks: map[string][]TaskID{}, revokedTasks: map[string][]TaskID{},
		allTasks: map[string][]TaskID{}}
	currentBy := map[string]workerLoad{}
	for _, w := range current {
		currentBy[w.worker] = w
	}
	prev := newTasksSet()
	for _, w := range next {
		cur := currentBy[w.worker]
		held := setOf(cur.connectors, cur.tasks)
		ca.newConnectors[w.worker] = keepConnectors(w.connectors, func(c string) bool { return !held.connectors[c] })
		ca.newTasks[w.worker] = keepTasks(w.tasks, func(t TaskID) bool { return !held.tasks[t] })
		prev.add(w.connectors, w.tasks)
	}
	a.previousRevocation = newTasksSet()
	for worker, r := range toRevoke {
		if len(r.connectors) > 0 {
			ca.revokedConnectors[worker] = r.connectors
		}
		if len(r.tasks) > 0 {
			ca.revokedTasks[worker] = r.tasks
		}
		for _, c := range r.connectors {
			delete(prev.connectors, c)
		}
		for _, t := range r.tasks {
			delete(prev.tasks, t)
		}
		a.previousRevocation.add(r.connectors, r.tasks)
	}
	prev.add(lostOrder.connectors, lostOrder.tasks)
	a.previousAssignment = prev
	a.previousGeneration = generation
	a.previousMembers = map[string]bool{}
	for _, w := range held {
		a.previousMembers[w.worker] = true
	}
	for _, w := range next {
		rev := setOf(ca.revokedConnectors[w.worker], ca.revokedTasks[w.worker])
		ca.allConnectors[w.worker] = keepConnectors(w.connectors, func(c string) bool { return !rev.connectors[c] })
		ca.allTasks[w.worker] = keepTasks(w.tasks, func(t TaskID) bool { return !rev.tasks[t] })
	}
	return ca
}

func revocationFor(m map[string]*revocation, worker string) *revocation {
	r, ok := m[worker]
	if !ok {
		r = &revocation{}
		m[worker] = r
	}
	return r
}

func applyRevocations(toRevoke map[string]*revocation, next []workerLoad, balancing map[string]revocation) {
	for i := range next {
		b, ok := balancing[next[i].worker]
		if !ok {
			continue
		}
		r := revocationFor(toRevoke, next[i].worker)
		r.connectors = appendDistinct(r.connectors, b.connectors)
		r.tasks = appendDistinctTasks(r.tasks, b.tasks)
		gone := setOf(b.connectors, b.tasks)
		next[i].connectors = keepConnectors(next[i].connectors, func(c string) bool { return !gone.connectors[c] })
		next[i].tasks = keepTasks(next[i].tasks, func(t TaskID) bool { return !gone.tasks[t] })
	}
}

// handleLost is Kafka's handleLostAssignments: lost work is reassigned at once when every previous member is
// back (it was lost in a failed sync) or when there is no delay; otherwise a rebalance is scheduled after the
// delay and, when it comes, the lost work goes to the members that joined empty meanwhile, or to everyone.
func (a *IncrementalAssignor) handleLost(lost tasksSet, ordered revocation, reassign *tasksSet, next []workerLoad) {
	if lost.empty() && !a.revokedInPrevious {
		a.resetDelay()
		return
	}
	now := a.now().UnixMilli()
	active := map[string]bool{}
	for _, w := range next {
		active[w.worker] = true
	}
	allBack := true
	for m := range a.previousMembers {
		if !active[m] {
			allBack = false
			break
		}
	}
	if (a.scheduledRebalance <= 0 && allBack) || a.maxDelay == 0 {
		reassign.add(ordered.connectors, ordered.tasks)
		return
	}
	if a.scheduledRebalance > 0 && now >= a.scheduledRebalance {
		var candidates []int
		for _, c := range a.candidates {
			for i, w := range next {
				if w.worker == c {
					candidates = append(candidates, i)
				}
			}
		}
		if len(candidates) > 0 {
			for i, c := range ordered.connectors {
				w := &next[candidates[i%len(candidates)]]
				w.connectors = append(w.connectors, c)
			}
			for i, t := range ordered.tasks {
				w := &next[candidates[i%len(candidates)]]
				w.tasks = append(w.tasks, t)
			}
		} else {
			reassign.add(ordered.connectors, ordered.tasks)
		}
		a.resetDelay()
		a.revokedInPrevious = false
		return
	}
	for _, w := range next {
		if w.empty() && !slices.Contains(a.candidates, w.worker) {
			a.candidates = append(a.candidates, w.worker)
		}
	}
	// Kafka keeps the candidates in a HashSet and deals lost work to them in its order.
	a.candidates = javaorder.HashOrder(a.candidates)
	if now < a.scheduledRebalance {
		a.delay = int32(min(a.scheduledRebalance-now, int64(a.maxDelay)))
	} else {
		a.delay = a.maxDelay
	}
	a.scheduledRebalance = now + int64(a.delay)
}

func (a *IncrementalAssignor) resetDelay() {
	a.candidates = nil
	a.scheduledRebalance = 0
	a.delay = 0
}

// revokingBackoff is Kafka's ExponentialBackoff(maxDelay == 0 ? 0 : 1, 40, maxDelay, 0) for successive
// load-balancing revocations.
func (a *IncrementalAssignor) revokingBackoff(attempts int) int32 {
	if a.maxDelay <= 1 {
		return a.maxDelay
	}
	expMax := math.Log(float64(a.maxDelay)) / math.Log(40)
	term := math.Pow(40, math.Min(float64(attempts), expMax))
	return int32(min(int64(term), int64(a.maxDelay)))
}

func duplicatedAssignments(held []workerLoad) tasksSet {
	cc, tc := map[string]int{}, map[TaskID]int{}
	for _, w := range held {
		for _, c := range w.connectors {
			cc[c]++
		}
		for _, t := range w.tasks {
			tc[t]++
		}
	}
	d := newTasksSet()
	for c, n := range cc {
		if n > 1 {
			d.connectors[c] = true
		}
	}
	for t, n := range tc {
		if n > 1 {
			d.tasks[t] = true
		}
	}
	return d
}

// loadBalancingRevocations is Kafka's performLoadBalancingRevocations: what each overloaded worker must give up
// so that none runs more than its share, taken from the front of its list.
func loadBalancingRevocations(configured tasksSet, workers []workerLoad) map[string]revocation {
	allEmpty := true
	for _, w := range workers {
		if !w.empty() {
			allEmpty = false
		}
	}
	if allEmpty || configured.empty() {
		return nil
	}
	out := map[string]revocation{}
	cr := balance(len(configured.connectors), workers, func(w workerLoad) int { return len(w.connectors) })
	tr := balance(len(configured.tasks), workers, func(w workerLoad) int { return len(w.tasks) })
	for i, w := range workers {
		if n, ok := cr[i]; ok {
			r := out[w.worker]
			r.connectors = w.connectors[:n]
			out[w.worker] = r
		}
		if n, ok := tr[i]; ok {
			r := out[w.worker]
			r.tasks = w.tasks[:n]
			out[w.worker] = r
		}
	}
	return out
}

// balance returns, by worker index, how many items each overloaded worker gives up (Kafka's
// loadBalancingRevocations for one resource); nil when the allocation is already balanced.
func balance(total int, workers []workerLoad, size func(workerLoad) int) map[int]int {
	minPer, extra := total/len(workers), total%len(workers)
	atMin, atExtra := 0, 0
	for _, w := range workers {
		switch size(w) {
		case minPer:
			atMin++
		case minPer + 1:
			atExtra++
		}
	}
	if atExtra == extra && atMin+atExtra == len(workers) {
		return nil
	}
	out := map[int]int{}
	allocatedExtras := 0
	for i, w := range workers {
		n := size(w)
		if n <= minPer {
			continue
		}
		limit := minPer
		if allocatedExtras < extra {
			allocatedExtras++
			if n == minPer+1 {
				continue
			}
			limit = minPer + 1
		}
		out[i] = n - limit
	}
	return out
}

// assignConnectors deals connectors to the least loaded workers first (Kafka's assignConnectors).
func assignConnectors(workers []workerLoad, connectors []string) {
	if len(connectors) == 0 {
		return
	}
	sortLoads(workers, func(w workerLoad) int { return len(w.connectors) })
	for i := 0; i < len(connectors); {
		first := len(workers[0].connectors)
		upTo := len(workers)
		for j, w := range workers {
			if len(w.connectors) > first {
				upTo = j
				break
			}
		}
		for j := 0; j < upTo && i < len(connectors); j++ {
			workers[j].connectors = append(workers[j].connectors, connectors[i])
			i++
		}
	}
}

// assignTasks deals tasks to the least loaded workers first (Kafka's assignTasks).
func assignTasks(workers []workerLoad, tasks []TaskID) {
	if len(tasks) == 0 {
		return
	}
	sortLoads(workers, func(w workerLoad) int { return len(w.tasks) })
	for i := 0; i < len(tasks); {
		first := len(workers[0].tasks)
		upTo := len(workers)
		for j, w := range workers {
			if len(w.tasks) > first {
				upTo = j
				break
			}
		}
		for j := 0; j < upTo && i < len(tasks); j++ {
			workers[j].tasks = append(workers[j].tasks, tasks[i])
			i++
		}
	}
}

func sortLoads(workers []workerLoad, size func(workerLoad) int) {
	slices.SortStableFunc(workers, func(a, b workerLoad) int {
		if d := size(a) - size(b); d != 0 {
			return d
		}
		return compareJava(a.worker, b.worker)
	})
}

func keepConnectors(cs []string, keep func(string) bool) []string {
	var out []string
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

func keepTasks(ts []TaskID, keep func(TaskID) bool) []TaskID {
	var out []TaskID
	for _, t := range ts {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

func appendDistinct(dst, src []string) []string {
	for _, s := range src {
		if !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

func appendDistinctTasks(dst, src []TaskID) []TaskID {
	for _, t := range src {
		if !slices.Contains(dst, t) {
			dst = append(dst, t)
		}
	}
	return dst
}

func distinctTasks(ts []TaskID) []TaskID { return appendDistinctTasks(nil, ts) }

// hashOrderConnectors orders items as a java.util.HashSet copied from a collection of size n and then narrowed
// by retainAll iterates them.
func hashOrderConnectors(items []string, n int) []string {
	return javaHashSetOrder(items, n, func(s string) int32 { return javaorder.StringHash(s) })
}

// hashOrderTasks is hashOrderConnectors for ConnectorTaskId, whose hashCode is 31*connector.hashCode()+task.
func hashOrderTasks(items []TaskID, n int) []TaskID {
	return javaHashSetOrder(items, n, func(t TaskID) int32 { return 31*javaorder.StringHash(t.Connector) + t.Task })
}

func javaHashSetOrder[T any](items []T, n int, hash func(T) int32) []T {
	if len(items) < 2 {
		return items
	}
	want := max(int(float32(n)/0.75)+1, 16)
	capacity := 1
	for capacity < want {
		capacity *= 2
	}
	type entry struct {
		v      T
		bucket uint32
	}
	es := make([]entry, len(items))
	for i, v := range items {
		h := uint32(hash(v))
		es[i] = entry{v, (h ^ h>>16) & uint32(capacity-1)}
	}
	slices.SortStableFunc(es, func(a, b entry) int { return int(a.bucket) - int(b.bucket) })
	out := make([]T, len(es))
	for i, e := range es {
		out[i] = e.v
	}
	return out
}
