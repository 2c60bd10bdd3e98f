package file

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect"
)

type offsets map[string]any

func (o offsets) OffsetStorageReader() connect.OffsetStorageReader { return o }
func (o offsets) Offset(_ context.Context, p map[string]any) (map[string]any, error) {
	if o == nil {
		return nil, nil
	}
	return o, nil
}

func poll(t *testing.T, task *SourceTask) []connect.SourceRecord {
	t.Helper()
	recs, err := task.Poll(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestSourceLines: \n, \r\n and \r end lines as in Kafka's extractLine; positions are after each terminator;
// a last line without a terminator is held back.
func TestSourceLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	os.WriteFile(path, []byte("a\nbb\r\nccc\rdd\r"), 0o644)
	task := &SourceTask{}
	if err := task.Start(t.Context(), offsets(nil), map[string]string{"file": path, "topic": "t"}); err != nil {
		t.Fatal(err)
	}
	recs := poll(t, task)
	var got []string
	var pos []any
	for _, r := range recs {
		got = append(got, r.Value.(string))
		pos = append(pos, r.SourceOffset["position"])
		if r.Topic != "t" || !reflect.DeepEqual(r.SourcePartition, map[string]any{"filename": path}) {
			t.Fatalf("record %+v", r)
		}
	}
	if !reflect.DeepEqual(got, []string{"a", "bb", "ccc"}) || !reflect.DeepEqual(pos, []any{int64(2), int64(6), int64(10)}) {
		t.Fatalf("lines %q at %v", got, pos)
	}
	// "dd\r" is held until the next character says whether it is \r\n.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\ne\n")
	f.Close()
	recs = poll(t, task)
	if len(recs) != 2 || recs[0].Value != "dd" || recs[0].SourceOffset["position"] != int64(14) || recs[1].Value != "e" {
		t.Fatalf("after append: %+v", recs)
	}
	task.Stop(t.Context())
}

// TestSourceResumes: a task starts reading at the committed position, and batch.size bounds a poll.
func TestSourceResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.txt")
	os.WriteFile(path, []byte("one\ntwo\nthree\nfour\n"), 0o644)
	task := &SourceTask{}
	if err := task.Start(t.Context(), offsets{"position": int64(4)}, map[string]string{"file": path, "topic": "t",
		"batch.size": "2"}); err != nil {
		t.Fatal(err)
	}
	recs := poll(t, task)
	if len(recs) != 2 || recs[0].Value != "two" || recs[1].Value != "three" || recs[1].SourceOffset["position"] != int64(14) {
		t.Fatalf("%+v", recs)
	}
	recs = poll(t, task)
	if len(recs) != 1 || recs[0].Value != "four" {
		t.Fatalf("%+v", recs)
	}
	task.Stop(t.Context())

	bad := &SourceTask{}
	bad.Start(t.Context(), offsets{"position": "x"}, map[string]string{"file": path, "topic": "t"})
	if _, err := bad.Poll(t.Context()); err == nil || err.Error() != "Offset position is the incorrect type" {
		t.Fatalf("bad offset: %v", err)
	}
}

func TestSourceConnectorConfig(t *testing.T) {
	c := NewSourceConnector()
	if err := c.Start(t.Context(), nil, map[string]string{"file": "x"}); err == nil {
		t.Fatal("started without a topic")
	}
	props := map[string]string{"file": "x", "topic": "t"}
	if err := c.Start(t.Context(), nil, props); err != nil {
		t.Fatal(err)
	}
	cfgs, _ := c.TaskConfigs(t.Context(), 5)
	if len(cfgs) != 1 {
		t.Fatalf("%d task configs, Kafka makes one", len(cfgs))
	}
	s := NewSinkConnector()
	s.Start(t.Context(), nil, map[string]string{"file": "y", "topics": "t"})
	if cfgs, _ := s.TaskConfigs(t.Context(), 3); len(cfgs) != 3 {
		t.Fatalf("sink made %d task configs", len(cfgs))
	}
}

// TestSinkWritesValues: each value and a newline, non-strings as Java prints them, durable after PreCommit.
func TestSinkWritesValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	task := &SinkTask{}
	if err := task.Start(t.Context(), nil, map[string]string{"file": path}); err != nil {
		t.Fatal(err)
	}
	recs := []connect.SinkRecord{{Record: connect.Record{Value: "a"}}, {Record: connect.Record{Value: int64(42)}},
		{Record: connect.Record{Value: nil}}, {Record: connect.Record{Value: true}}}
	if err := task.Put(t.Context(), recs); err != nil {
		t.Fatal(err)
	}
	offs := map[connect.TopicPartition]connect.OffsetAndMetadata{{Topic: "t"}: {Offset: 4}}
	got, err := task.PreCommit(t.Context(), offs)
	if err != nil || !reflect.DeepEqual(got, offs) {
		t.Fatalf("PreCommit = %v, %v", got, err)
	}
	b, _ := os.ReadFile(path)
	if string(b) != "a\n42\nnull\ntrue\n" {
		t.Fatalf("file %q", b)
	}
	task.Stop(t.Context())
}

func TestAlterOffsets(t *testing.T) {
	c := &SourceConnector{}
	props := map[string]string{"file": "/f", "topic": "t"}
	part := map[string]any{"filename": "/f"}
	for _, tc := range []struct {
		props     map[string]string
		partition map[string]any
		offset    map[string]any
		err       string
	}{
		{props, part, map[string]any{"position": int64(5)}, ""},
		{props, part, nil, ""},
		{props, nil, nil, ""},
		{props, part, map[string]any{"pos": int64(5)}, "Offset objects should either be null or contain the key 'position'"},
		{props, part, map[string]any{"position": "5"}, "The value for the 'position' key in the offset is expected to be a Long value"},
		{props, part, map[string]any{"position": int64(-1)}, "The value for the 'position' key in the offset should be a non-negative value"},
		{props, map[string]any{"file": "/f"}, map[string]any{"position": int64(1)}, "Partition objects should contain the key 'filename'"},
		{map[string]string{"topic": "t"}, part, nil, "Offsets cannot be modified if the 'file' configuration is unspecified. This is because stdin is used for input and offsets are not tracked."},
	} {
		ok, err := c.AlterOffsets(t.Context(), tc.props, []map[string]any{tc.partition}, []map[string]any{tc.offset})
		if tc.err == "" && (err != nil || !ok) {
			t.Errorf("%v → %v: %v %v", tc.partition, tc.offset, ok, err)
		}
		if tc.err != "" && (err == nil || err.Error() != tc.err) {
			t.Errorf("%v → %v: %v, want %q", tc.partition, tc.offset, err, tc.err)
		}
	}
}

func TestSinkPutReachesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	task := &SinkTask{}
	task.Start(t.Context(), nil, map[string]string{"file": path})
	defer task.Stop(t.Context())
	task.Put(t.Context(), []connect.SinkRecord{{Record: connect.Record{Value: "now"}}, {Record: connect.Record{Value: []byte{1, 2}}}})
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 2 || lines[0] != "now" || !strings.HasPrefix(lines[1], "[B@") {
		t.Fatalf("file after Put: %q", b)
	}
}
