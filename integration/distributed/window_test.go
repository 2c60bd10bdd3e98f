//go:build integration

package distributed

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// A crash can duplicate only what was done but not yet committed when it happened: lines the source had read
// past its last committed position (re-read from that position), and records the sink had written past its
// group's committed offsets (redelivered). window measures both right after a kill, before anyone takes the
// dead worker's tasks over, so the test can require duplicates ≤ the window instead of guessing a rate.

// sourceCommittedLine is the line number a FileStreamSource connector resumes from: its last committed
// {"position"} in the offset topic for {"filename": file}, in lines.
func sourceCommittedLine(t testing.TB, b *kafkatest.Broker, offsetTopic, connector, file string) int {
	t.Helper()
	line := 0
	for _, r := range b.ReadAll(t, offsetTopic) {
		var key []json.RawMessage
		if json.Unmarshal(r.Key, &key) != nil || len(key) != 2 {
			continue
		}
		var name string
		var partition struct {
			Filename string `json:"filename"`
		}
		if json.Unmarshal(key[0], &name) != nil || json.Unmarshal(key[1], &partition) != nil ||
			name != connector || partition.Filename != file {
			continue
		}
		var off struct {
			Position int64 `json:"position"`
		}
		if r.Value == nil || json.Unmarshal(r.Value, &off) != nil {
			line = 0
			continue
		}
		line = int(off.Position / int64(lineLen))
	}
	return line
}

// sinkUncommitted is how many records of topic lie past the sink connector's committed offsets (its consumer
// group is "connect-<connector>", as Kafka names it).
func sinkUncommitted(t testing.TB, b *kafkatest.Broker, connector, topic string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	adm := b.Admin(t)
	ends, err := adm.ListEndOffsets(ctx, topic)
	if err != nil {
		t.Fatalf("end offsets of %s: %v", topic, err)
	}
	committed, err := adm.FetchOffsets(ctx, "connect-"+connector)
	if err != nil {
		t.Fatalf("committed offsets of connect-%s: %v", connector, err)
	}
	var n int64
	ends.Each(func(e kadm.ListedOffset) {
		at := int64(0)
		if c, ok := committed.Lookup(topic, e.Partition); ok && c.At >= 0 {
			at = c.At
		}
		n += e.Offset - at
	})
	return int(n)
}

// committedSomething reports whether the pipeline's source has committed a position and every sink group
// has committed an offset: a crash after that tests recovery from real commits, not from the beginning.
func (p *pipeline) committedSomething(t testing.TB, b *kafkatest.Broker) bool {
	t.Helper()
	if sourceCommittedLine(t, b, p.props["offset.storage.topic"], p.source, p.in.path) == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, s := range p.sinks {
		committed, err := b.Admin(t).FetchOffsets(ctx, "connect-"+s)
		if err != nil {
			t.Fatalf("committed offsets of connect-%s: %v", s, err)
		}
		var n int64
		committed.Each(func(o kadm.OffsetResponse) { n += max(o.At, 0) })
		if n == 0 {
			return false
		}
	}
	return true
}

// window is the most duplicates one crash may cause in a sink file: the source's uncommitted lines (up to
// what the input held) plus the sink's uncommitted records.
func window(t testing.TB, b *kafkatest.Broker, p *pipeline, sink string) int {
	t.Helper()
	return (p.in.written - sourceCommittedLine(t, b, p.props["offset.storage.topic"], p.source, p.in.path)) +
		sinkUncommitted(t, b, sink, p.topic)
}

// topicRecords is how many records topic holds (its end offsets: nothing is deleted or compacted, and no
// transaction markers are written by the non-transactional source producer).
func topicRecords(t testing.TB, b *kafkatest.Broker, topic string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ends, err := b.Admin(t).ListEndOffsets(ctx, topic)
	if err != nil {
		t.Fatalf("end offsets of %s: %v", topic, err)
	}
	var n int64
	ends.Each(func(e kadm.ListedOffset) { n += e.Offset })
	return int(n)
}
