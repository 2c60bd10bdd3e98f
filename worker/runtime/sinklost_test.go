package runtime

import (
	"log/slog"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
)

// TestResumeLost resumes a partition given back after it was lost where the task had made it durable, but only
// when the group's committed offset is still the one this task committed: otherwise another member moved it,
// and the committed offset wins.
func TestResumeLost(t *testing.T) {
	tp := func(p int32) connect.TopicPartition { return connect.TopicPartition{Topic: "t", Partition: p} }
	s := &sinkRunner{log: slog.New(slog.DiscardHandler), lost: map[connect.TopicPartition]lostPosition{
		tp(0): {committed: 100, durable: 250}, // nobody committed since: resume at 250
		tp(1): {committed: 100, durable: 250}, // another member committed 180 since: keep 180
	}}
	got, err := s.resumeLost(t.Context(), map[string]map[int32]kgo.Offset{"t": {
		0: kgo.NewOffset().At(100), 1: kgo.NewOffset().At(180), 2: kgo.NewOffset().At(7)}})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[int32]int64{0: 250, 1: 180, 2: 7} {
		if o := got["t"][p].EpochOffset().Offset; o != want {
			t.Errorf("partition %d starts at %d, want %d", p, o, want)
		}
	}
	if len(s.lost) != 0 {
		t.Errorf("lost positions kept after the assignment: %v", s.lost)
	}
}
