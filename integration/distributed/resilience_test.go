//go:build integration

package distributed

import (
	"os"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// TestPipelineSurvivesKillAndRollingRestart pushes SLUICE_DIST_LINES lines (default 1M) through a
// FileStreamSource and three FileStreamSinks on three workers, while the group's leader and then the
// worker running the source task are killed with SIGKILL, and later every worker is restarted in turn
// (SIGTERM, start). Every sink file must hold every line. Duplicates are allowed only for the crashes, and
// only up to their uncommitted windows measured right after each kill (the source's lines past its last committed position plus the sink's records
// past its group's committed offsets); a graceful stop commits everything first, so the rolling restart may
// add none.
//
// The same script runs on reference Java workers first, so Sluice's duplicate counts can be read against
// Kafka's for the same crashes.
//
// The Java run is opt-in (SLUICE_DIST_JAVA_PIPELINE=1): it is the comparison, not the requirement, and once in a
// full suite run the reference workers stalled after their leader was killed (a sink short of 550,000 lines
// after three minutes), which must not fail the suite for Sluice's sake. Its counts are in the closing note.
func TestPipelineSurvivesKillAndRollingRestart(t *testing.T) {
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) {
			if k == javaKind && os.Getenv("SLUICE_DIST_JAVA_PIPELINE") == "" {
				t.Skip("the reference Java run is opt-in: SLUICE_DIST_JAVA_PIPELINE=1")
			}
			killAndRoll(t, k)
		})
	}
}

func killAndRoll(t *testing.T, k kind) {
	b := kafkatest.SharedBroker(t)
	lines := linesFromEnv(t, 1_000_000)
	props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), nil)
	ws := startWorkers(t, k, 3, props)
	p := newPipeline(t, b, props, lines, 3)
	p.create(t, ws[0].url, ws[1].url, ws[2].url)
	waitRunning(t, ws[1].url, p.names()...)
	start := time.Now()

	// Kill under load: once the source and the sinks have committed offsets for the first tenth, the next
	// 30% of the input goes in and the kill lands while it flows.
	p.in.appendUpTo(t, lines/10)
	sluicetest.WaitFor(t, time.Minute, "the source and every sink to commit offsets", func() bool {
		return p.committedSomething(t, b)
	})
	p.in.appendUpTo(t, lines*4/10)
	p.out[p.sinks[0]].waitAtLeast(t, lines/10+lines/100, 3*time.Minute)
	// First the group's leader (the first worker to join leads, as the logs show), so the survivors must also
	// elect a new leader that takes config writes.
	bound := killOne(t, b, p, ws, ws[0], "the leader")
	p.in.appendUpTo(t, lines*55/100)
	rest := others(ws, ws[0])
	waitRunning(t, rest[0].url, p.names()...)
	createConnector(t, rest[1].url, "after-kill", fileSink(tempFile(t, "after-kill.txt"), p.topic, 1))
	waitRunning(t, rest[0].url, "after-kill")
	ws[0].restart()

	// Then whichever worker runs the source task, while lines flow, so the source must re-read from its last
	// committed position.
	p.out[p.sinks[0]].waitAtLeast(t, lines*55/100, 3*time.Minute)
	p.in.appendUpTo(t, lines*85/100)
	p.out[p.sinks[0]].waitAtLeast(t, lines*56/100, 3*time.Minute)
	victim := runnerOf(t, ws, ws[0].url, p.source+"-0")
	if victim == nil {
		t.Fatalf("no worker runs %s-0: %v", p.source, units(statuses(t, ws[0].url)))
	}
	for s, n := range killOne(t, b, p, ws, victim, "running "+p.source+"-0") {
		bound[s] += n
	}
	waitRunning(t, others(ws, victim)[0].url, p.names()...)
	victim.restart()

	// Rolling restart while the rest of the input flows.
	p.in.appendUpTo(t, lines)
	for _, w := range ws {
		w.stop()
		w.restart()
		waitRunning(t, w.url, p.names()...)
	}
	p.waitComplete(t, 3*time.Minute)
	t.Logf("%s: %d lines through 3 sinks across two kill -9 and a rolling restart in %v", k, lines,
		time.Since(start).Round(time.Second))
	p.check(t, string(k)+" kill -9 + rolling restart", bound)
}

// TestBrokerRestart restarts the broker (its own, not the package's shared one) while a pipeline runs on
// three Sluice workers: the workers reconnect and the pipeline completes without loss. Duplicates are bounded
// by the uncommitted window measured just before the restart: the source's uncommitted lines (counted twice,
// since they may be re-read and then also reach the sink past its committed offsets) plus the sink's
// uncommitted records; the input does not grow until the broker is back, so the window cannot either.
// It runs on reference Java workers first, the oracle for what a broker restart may cost.
func TestBrokerRestart(t *testing.T) {
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) { brokerRestart(t, k) })
	}
}

func brokerRestart(t *testing.T, k kind) {
	b := kafkatest.StartBroker(t)
	const lines = 200_000
	props := kafkatest.GroupProps(b, "restart", nil)
	ws := startWorkers(t, k, 3, props)
	p := newPipeline(t, b, props, lines, 2)
	p.create(t, ws[0].url, ws[1].url, ws[2].url)
	waitRunning(t, ws[0].url, p.names()...)

	// As in the kill test: commits exist, and the broker goes away while lines flow.
	p.in.appendUpTo(t, lines/10)
	sluicetest.WaitFor(t, time.Minute, "the source and every sink to commit offsets", func() bool {
		return p.committedSomething(t, b)
	})
	p.in.appendUpTo(t, lines/2)
	p.out[p.sinks[0]].waitAtLeast(t, lines/10+lines/100, 2*time.Minute)
	bound := map[string]int{}
	src := p.in.written - sourceCommittedLine(t, b, props["offset.storage.topic"], p.source, p.in.path)
	for _, s := range p.sinks {
		bound[s] = 2*src + sinkUncommitted(t, b, s, p.topic)
	}
	t.Logf("%s: before the broker restart %d sink lines written, %d source lines uncommitted; windows %v", k,
		p.minDistinct(t), src, bound)
	b.Restart(t)
	p.in.appendUpTo(t, lines)
	p.waitComplete(t, 90*time.Second) // Java needs seconds; a pipeline that stalls should fail soon
	for _, w := range ws {
		waitRunning(t, w.url, p.names()...)
	}
	p.check(t, string(k)+" broker restart", bound)
}

// killOne kills victim with SIGKILL and returns the crash windows measured right after.
func killOne(t *testing.T, b *kafkatest.Broker, p *pipeline, ws []*worker, victim *worker, why string) map[string]int {
	t.Helper()
	victim.kill()
	bound := p.windows(t, b)
	t.Logf("killed %s (%s) with %d sink lines written; crash windows %v", victim, why, p.minDistinct(t), bound)
	return bound
}
