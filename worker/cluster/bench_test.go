package cluster

import (
	"fmt"
	"testing"
)

// BenchmarkIncrementalAssign measures one leader round for a large cluster in steady state (every member
// reports what it runs): 500 connectors with 8 tasks each over 20 workers.
func BenchmarkIncrementalAssign(b *testing.B) {
	tasks := map[string]int{}
	for i := range 500 {
		tasks[fmt.Sprintf("connector-%03d", i)] = 8
	}
	cfg := &fakeConfig{ConfigSnapshot{Offset: 1, Tasks: tasks}}
	a := NewIncrementalAssignor(0, nil)
	r := Round{Leader: "worker-00", Protocol: Sessioned, Generation: 1, LastCompletedGeneration: -1}
	for i := range 20 {
		r.Members = append(r.Members, JoinedMember{ID: fmt.Sprintf("worker-%02d", i), State: WorkerState{URL: "u"}})
	}
	plan, err := a.Assign(b.Context(), r, cfg)
	if err != nil {
		b.Fatal(err)
	}
	for i := range r.Members {
		held := plan.Assignments[r.Members[i].ID]
		held.Connectors, held.Tasks = plan.Connectors[r.Members[i].ID], plan.Tasks[r.Members[i].ID]
		r.Members[i].State.Assignment = &held
	}
	b.ReportAllocs()
	for b.Loop() {
		r.Generation++
		r.LastCompletedGeneration = r.Generation - 1
		if _, err := a.Assign(b.Context(), r, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeAssignment measures encoding one worker's assignment of 25 connectors and 200 tasks.
func BenchmarkEncodeAssignment(b *testing.B) {
	a := Assignment{Leader: "worker-00", LeaderURL: "http://127.0.0.1:8083/", ConfigOffset: 42}
	for i := range 25 {
		c := fmt.Sprintf("connector-%03d", i)
		a.Connectors = append(a.Connectors, c)
		for t := range 8 {
			a.Tasks = append(a.Tasks, TaskID{c, int32(t)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = EncodeAssignment(Sessioned, a)
	}
}
