//go:build integration

package distributed

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// maxDelay is scheduled.rebalance.max.delay.ms in the kill tests: how long the group waits for a vanished
// worker to come back before giving its connectors and tasks to the others.
const maxDelay = 10 * time.Second

// TestKillReassignsAfterDelay kills (SIGKILL) one of three workers while a FileStream pipeline runs, first on
// reference Java workers (the oracle), then on Sluice workers, and requires Sluice to show what Java shows:
// the dead worker's connectors and tasks keep the status last written for them until the scheduled rebalance
// delay has passed, then the survivors run them (RUNNING with their worker_id), and no line is lost.
func TestKillReassignsAfterDelay(t *testing.T) {
	seen := map[kind][]string{}
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) { seen[k] = killAndObserve(t, k) })
	}
	if seen[javaKind] != nil && seen[sluiceKind] != nil && !slices.Equal(seen[javaKind], seen[sluiceKind]) {
		t.Errorf("while the dead worker's units waited for reassignment, Java showed %v and Sluice %v",
			seen[javaKind], seen[sluiceKind])
	}
}

// killAndObserve runs the kill scenario on workers of kind k and returns the distinct statuses the dead
// worker's units showed between the kill and their reassignment ("STATE on dead|survivor|other worker").
func killAndObserve(t *testing.T, k kind) []string {
	b := kafkatest.SharedBroker(t)
	props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), map[string]string{
		"scheduled.rebalance.max.delay.ms": fmt.Sprint(maxDelay.Milliseconds())})
	ws := startWorkers(t, k, 3, props)
	const lines = 30_000
	p := newPipeline(t, b, props, lines, 2)
	p.create(t, ws[0].url, ws[1].url, ws[2].url)
	waitRunning(t, ws[0].url, p.names()...)
	p.in.appendUpTo(t, lines/3)
	p.out[p.sinks[0]].waitAtLeast(t, lines/30, 60*time.Second)

	// The last worker to join is not the group's leader (the first member is), so the leader's view of the
	// previous assignment survives and the scheduled delay applies, in Kafka as in Sluice.
	victim, survivors := ws[2], ws[:2]
	var dead []string
	for _, u := range units(statuses(t, ws[0].url)) {
		if u.workerID == victim.id() {
			dead = append(dead, u.name)
		}
	}
	if len(dead) == 0 {
		t.Fatalf("%s runs nothing: %v", victim, units(statuses(t, ws[0].url)))
	}
	killed := time.Now()
	victim.kill()
	bound := p.windows(t, b)
	p.in.appendUpTo(t, 2*lines/3)

	// Poll until every dead unit is RUNNING on a survivor; record what the survivors' REST API showed.
	states := map[string]bool{}
	var reassigned time.Duration
	deadline := killed.Add(maxDelay + 90*time.Second)
	for reassigned == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the dead worker's units %v were not reassigned within %v; seen: %v", dead,
				deadline.Sub(killed), slices.Sorted(maps.Keys(states)))
		}
		code, _ := call(http.MethodGet, survivors[1].url+"/connectors", nil)
		if code != http.StatusOK {
			t.Errorf("GET /connectors on a survivor during the delay: %d", code)
		}
		done := true
		for _, u := range units(statuses(t, survivors[0].url)) {
			if !slices.Contains(dead, u.name) {
				continue
			}
			where := "other"
			switch {
			case u.workerID == victim.id():
				where = "dead"
			case slices.ContainsFunc(survivors, func(w *worker) bool { return w.id() == u.workerID }):
				where = "survivor"
			}
			if where != "survivor" || u.state != "RUNNING" {
				done = false
				states[u.state+" on "+where+" worker"] = true
			}
		}
		if done {
			reassigned = time.Since(killed)
		} else {
			time.Sleep(100 * time.Millisecond) // poll interval
		}
	}
	t.Logf("%s: %v on the killed worker, reassigned %v after the kill; meanwhile: %v", k, dead,
		reassigned.Round(100*time.Millisecond), slices.Sorted(maps.Keys(states)))
	// A lower bound only: the group must wait for the vanished worker, however slow the machine is.
	if reassigned < maxDelay {
		t.Errorf("reassigned %v after the kill, before scheduled.rebalance.max.delay.ms (%v)", reassigned, maxDelay)
	}

	p.in.appendUpTo(t, lines)
	p.waitComplete(t, 2*time.Minute)
	p.check(t, string(k)+" kill -9", bound)
	for _, w := range survivors {
		if strings.Contains(w.log(), "panic") {
			t.Errorf("%s logged a panic", w)
		}
	}
	return slices.Sorted(maps.Keys(states))
}
