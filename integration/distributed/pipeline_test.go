//go:build integration

package distributed

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// pipeline is a FileStreamSource reading one input file into a topic and FileStreamSink connectors each
// writing the topic to their own file. Each sink has its own file because FileStreamSink appends whole
// buffers, not whole lines: two tasks appending to one file could interleave bytes.
type pipeline struct {
	b      *kafkatest.Broker
	props  map[string]string // the group's worker properties
	topic  string
	source string
	sinks  []string
	in     *input
	out    map[string]*tally
	lines  int // the input's final size, for the tallies' bitmaps
}

// newPipeline creates the pipeline's topic (3 partitions, so sink records spread) and files; create then
// submits its connectors.
func newPipeline(t *testing.T, b *kafkatest.Broker, props map[string]string, lines, sinks int) *pipeline {
	t.Helper()
	p := &pipeline{b: b, props: props, topic: kafkatest.Name(t, "lines"), source: "source", in: newInput(t),
		out: map[string]*tally{}, lines: lines}
	b.CreateTopic(t, p.topic, 3, nil)
	for i := range sinks {
		name := fmt.Sprintf("sink-%d", i)
		p.sinks = append(p.sinks, name)
		p.out[name] = newTally(tempFile(t, name+".txt"), lines)
	}
	return p
}

// create submits the connectors round-robin through urls (exercising forwarding when there are followers).
func (p *pipeline) create(t *testing.T, urls ...string) {
	t.Helper()
	createConnector(t, urls[0], p.source, fileSource(p.in.path, p.topic))
	for i, s := range p.sinks {
		createConnector(t, urls[(i+1)%len(urls)], s, fileSink(p.out[s].path, p.topic, 1))
	}
}

func (p *pipeline) names() []string { return append([]string{p.source}, p.sinks...) }

// waitComplete waits until every sink file holds every line written so far.
func (p *pipeline) waitComplete(t *testing.T, timeout time.Duration) {
	t.Helper()
	for _, s := range p.sinks {
		p.out[s].waitComplete(t, p.in.written, timeout)
	}
}

// minDistinct is the fewest distinct lines any sink has written.
func (p *pipeline) minDistinct(t *testing.T) int {
	t.Helper()
	least := p.lines
	for _, s := range p.sinks {
		p.out[s].update(t)
		least = min(least, p.out[s].distinct)
	}
	return least
}

// windows measures each sink's crash window (see window) right after a kill.
func (p *pipeline) windows(t *testing.T, b *kafkatest.Broker) map[string]int {
	t.Helper()
	w := map[string]int{}
	for _, s := range p.sinks {
		w[s] = window(t, b, p, s)
	}
	return w
}

// check requires every sink file to hold every input line, no malformed line, and at most bound[sink]
// duplicates; it logs the duplicate counts (the at-least-once cost) in one line per sink.
func (p *pipeline) check(t *testing.T, what string, bound map[string]int) {
	t.Helper()
	// Every record the topic holds beyond the input is a line the source produced twice (re-read after a
	// crash); the rest of a sink's duplicates were redelivered to it.
	t.Logf("%s: the topic holds %d records for %d input lines", what, topicRecords(t, p.b, p.topic), p.in.written)
	for _, s := range p.sinks {
		ta := p.out[s]
		ta.update(t)
		if miss, first := ta.missing(p.in.written); miss > 0 {
			t.Errorf("%s: lost %d lines (first %d): %s", s, miss, first, ta)
		}
		if ta.nBad > 0 {
			t.Errorf("%s: %d malformed lines: %s", s, ta.nBad, ta)
		}
		t.Logf("%s %s: duplicates: %d of %d (bound %d)", what, s, ta.dups, p.in.written, bound[s])
		if ta.dups > bound[s] {
			t.Errorf("%s: %d duplicates exceed the uncommitted window %d", s, ta.dups, bound[s])
		}
	}
}

// linesFromEnv is SLUICE_DIST_LINES, or def.
func linesFromEnv(t *testing.T, def int) int {
	t.Helper()
	v := os.Getenv("SLUICE_DIST_LINES")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1000 || n >= 10_000_000 {
		t.Fatalf("SLUICE_DIST_LINES=%q: want a line count from 1000 to 9999999", v)
	}
	return n
}

// runnerOf returns the worker whose id the status of unit ("c" or "c-N") shows, or nil.
func runnerOf(t *testing.T, ws []*worker, url, name string) *worker {
	t.Helper()
	for _, u := range units(statuses(t, url)) {
		if u.name != name {
			continue
		}
		if i := slices.IndexFunc(ws, func(w *worker) bool { return w.id() == u.workerID }); i >= 0 {
			return ws[i]
		}
	}
	return nil
}

// others returns ws without w.
func others(ws []*worker, w *worker) []*worker {
	return slices.DeleteFunc(slices.Clone(ws), func(x *worker) bool { return x == w })
}
