package file

import (
	"io"
	"os"
	"reflect"
	"testing"

	"github.com/sluice-connect/sluice/connect"
)

// TestStandardStreams: without file the source reads standard input (partition {"filename": null}, position
// null, as Kafka) and the sink writes standard output.
func TestStandardStreams(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = stdin }()
	src := &SourceTask{}
	if err := src.Start(t.Context(), offsets(nil), map[string]string{"topic": "t"}); err != nil {
		t.Fatal(err)
	}
	w.WriteString("one\ntwo\n")
	var got []connect.SourceRecord
	for len(got) < 2 {
		recs, err := src.Poll(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, recs...)
	}
	w.Close() // the reader goroutine ends at EOF
	if got[0].Value != "one" || got[1].Value != "two" ||
		!reflect.DeepEqual(got[0].SourcePartition, map[string]any{"filename": nil}) ||
		!reflect.DeepEqual(got[1].SourceOffset, map[string]any{"position": nil}) {
		t.Fatalf("%+v", got)
	}
	src.Stop(t.Context())

	or, ow, _ := os.Pipe()
	stdout := os.Stdout
	os.Stdout = ow
	defer func() { os.Stdout = stdout }()
	sink := &SinkTask{}
	if err := sink.Start(t.Context(), nil, map[string]string{}); err != nil {
		t.Fatal(err)
	}
	sink.Put(t.Context(), []connect.SinkRecord{{Record: connect.Record{Value: "out"}}})
	sink.Stop(t.Context())
	ow.Close()
	b, _ := io.ReadAll(or)
	if string(b) != "out\n" {
		t.Fatalf("stdout %q", b)
	}
}
