//go:build integration

package distributed

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// garbage is what a foreign or broken producer might leave in each internal topic: values that are not
// JSON, JSON of the wrong shape, keys Connect does not know, and tombstones for unknown keys. (Null keys
// cannot be written: the broker refuses them on compacted topics.)
func garbage(kind string) []kafkatest.Record {
	rec := func(k, v string) kafkatest.Record { return kafkatest.Record{Key: []byte(k), Value: []byte(v)} }
	switch kind {
	case "config":
		return []kafkatest.Record{rec("connector-ghost", "not json"), rec("connector-ghost2", `{"properties":7}`),
			rec("task-ghost-x", `{"properties":{}}`), rec("task-ghost", "{}"), rec("commit-ghost", `{"tasks":"NaN"}`),
			rec("target-state-ghost", `{"state":"BOGUS"}`), rec("what-is-this", `{"a":1}`), rec("\x00\xff", "\x00\xff"),
			{Key: []byte("connector-never-was")}}
	case "status":
		return []kafkatest.Record{rec("status-connector-ghost", "}"), rec("status-task-ghost", `{"state":"RUNNING"}`),
			rec("status-task-ghost-x", `{"state":1}`), rec("status-topic-ghost", "[]"), rec("nonsense", "{}")}
	default: // offset
		return []kafkatest.Record{rec("not json", "{}"), rec(`["only-one"]`, "1"),
			rec(`["source",{"filename":"f"}]`, "garbage"), rec(`{"a":1}`, `{"position":1}`)}
	}
}

// TestGarbageInInternalTopics writes garbage into the config, offset and status topics before the workers
// start and again while they run: Sluice workers skip each unreadable record with a logged error, keep
// serving REST and keep running connectors.
func TestGarbageInInternalTopics(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	group := kafkatest.Name(t, "g")
	props := kafkatest.GroupProps(b, group, map[string]string{"offset.storage.partitions": "5", "status.storage.partitions": "5"})
	compact := map[string]string{"cleanup.policy": "compact"}
	topics := map[string]string{"config": props["config.storage.topic"], "offset": props["offset.storage.topic"],
		"status": props["status.storage.topic"]}
	b.CreateTopic(t, topics["config"], 1, compact)
	b.CreateTopic(t, topics["offset"], 5, compact)
	b.CreateTopic(t, topics["status"], 5, compact)
	for k, topic := range topics {
		b.Produce(t, topic, garbage(k)...)
	}

	ws := startWorkers(t, sluiceKind, 2, props)
	const lines = 10_000
	p := newPipeline(t, b, props, lines, 1)
	p.create(t, ws[0].url, ws[1].url)
	waitRunning(t, ws[1].url, p.names()...)
	p.in.appendUpTo(t, lines/2)
	p.waitComplete(t, time.Minute)

	for k, topic := range topics {
		b.Produce(t, topic, garbage(k)...)
	}
	createConnector(t, ws[1].url, "after-garbage", fileSink(tempFile(t, "after.txt"), p.topic, 1))
	for _, w := range ws {
		waitRunning(t, w.url, append(p.names(), "after-garbage")...)
		mustCall(t, http.StatusOK, http.MethodGet, w.url+"/connectors/after-garbage/config", nil)
	}
	p.in.appendUpTo(t, lines)
	p.waitComplete(t, time.Minute)
	p.check(t, "garbage in internal topics", nil)

	// Every worker read the config and status topics; the garbage must have been reported, not swallowed.
	for _, w := range ws {
		log := w.log()
		for _, want := range []string{"skipping an unreadable config record", "skipping an unreadable status record"} {
			if !strings.Contains(log, want) {
				t.Errorf("%s did not log %q", w, want)
			}
		}
		if strings.Contains(log, "panic") {
			t.Errorf("%s logged a panic:\n%s", w, tailLines(log, 40))
		}
	}
	if !strings.Contains(ws[0].log()+ws[1].log(), "skipping an unreadable offset record") {
		t.Errorf("no worker logged the unreadable offset records")
	}
}

// TestMisconfiguredTopicStopsStartup pre-creates one internal topic wrongly: the Sluice worker must refuse to
// start (exit status 2, as for any start-up failure) with a message naming the topic and the problem, as
// Kafka's workers do (their messages: TopicAdmin.verifyTopicCleanupPolicyOnlyCompact and
// KafkaConfigBackingStore's single-partition check).
func TestMisconfiguredTopicStopsStartup(t *testing.T) {
	tests := []struct {
		name       string
		kind       string // config, offset or status
		partitions int32
		configs    map[string]string
		want       string
	}{
		{"config topic with two partitions", "config", 2, map[string]string{"cleanup.policy": "compact"},
			"is required to have a single partition"},
		{"config topic not compacted", "config", 1, map[string]string{"cleanup.policy": "delete"},
			"cleanup.policy=compact"},
		{"offset topic not compacted", "offset", 5, map[string]string{"cleanup.policy": "delete"},
			"cleanup.policy=compact"},
		{"status topic compact,delete", "status", 5, map[string]string{"cleanup.policy": "compact,delete"},
			"cleanup.policy=compact"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := kafkatest.SharedBroker(t)
			props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), map[string]string{"listeners": sluicetest.FreeURL(t)})
			topic := props[tc.kind+".storage.topic"]
			b.CreateTopic(t, topic, tc.partitions, tc.configs)
			p := startSluiceProcess(t, props)
			select {
			case <-p.Exited():
			case <-time.After(2 * time.Minute):
				t.Fatalf("sluice kept running with a misconfigured %s topic", tc.kind)
			}
			if code := p.ExitCode(); code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			log := p.Log()
			if !strings.Contains(log, "'"+topic+"'") || !strings.Contains(log, tc.want) {
				t.Errorf("the log does not name topic %q and say %q:\n%s", topic, tc.want, tailLines(log, 20))
			}
			t.Logf("%s: %s", tc.name, firstLineWith(log, topic))
		})
	}
}

func firstLineWith(log, s string) string {
	for line := range strings.Lines(log) {
		if strings.Contains(line, s) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
