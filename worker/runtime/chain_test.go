package runtime

import (
	"errors"
	"testing"

	"github.com/sluice-connect/sluice/connect"
)

// offsetStamper is a fake sink-aware transformation: on a sink record it writes the Kafka offset into the value,
// as InsertField's offset.field does; on any other record it fails, as Kafka's requireSinkRecord does.
type offsetStamper struct{}

func (offsetStamper) Apply(connect.Record) (connect.Record, bool, error) {
	return connect.Record{}, false, errors.New("only sink records")
}

func (offsetStamper) ApplySink(r connect.SinkRecord) (connect.Record, bool, error) {
	out := r.Record
	out.Value = r.Record.Value.(string) + "@" + string(rune('0'+r.KafkaOffset))
	return out, true, nil
}

func TestChainSinkStages(t *testing.T) {
	ch := chain{{class: "upper", t: upper{}}, {class: "stamp", t: offsetStamper{}}}
	sink := &connect.SinkRecord{Record: connect.Record{Topic: "t", Value: "a"}, KafkaOffset: 7}

	// The sink-aware stage sees the record as the previous stage left it, with the consumed record's metadata.
	out, keep, _, err := ch.apply(sink.Record, sink)
	if err != nil || !keep || out.Value != "A@7" {
		t.Fatalf("sink chain = %v, %v, %v; want value A@7", out.Value, keep, err)
	}
	if sink.Record.Value != "a" {
		t.Errorf("the consumed record was modified: %v", sink.Record.Value)
	}
	// Without a sink record (a source task) the stage's Apply runs, and its error names the stage.
	if _, _, class, err := ch.apply(connect.Record{Topic: "t", Value: "a"}, nil); err == nil || class != "stamp" {
		t.Errorf("source chain: class %q, err %v; want the stamp stage's error", class, err)
	}
}
