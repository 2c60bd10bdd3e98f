package cluster

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestEagerAssignorRoundRobin(t *testing.T) {
	cfg := &fakeConfig{ConfigSnapshot{Offset: 10, Tasks: map[string]int{"b": 2, "a": 3, "c": 0}}}
	r := Round{Leader: "w2", Protocol: Eager, Members: []JoinedMember{
		{ID: "w2", State: WorkerState{URL: "http://w2/", ConfigOffset: 10}},
		{ID: "w1", State: WorkerState{URL: "http://w1/", ConfigOffset: 7}},
	}}
	plan, err := EagerAssignor{}.Assign(t.Context(), r, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Connectors a, b, c round-robin over w1, w2 (sorted), then tasks a-0..2, b-0..1 continuing the rotation.
	want := map[string]Assignment{
		"w1": {Version: Eager, Leader: "w2", LeaderURL: "http://w2/", ConfigOffset: 10, Connectors: []string{"a", "c"},
			Tasks: []TaskID{{"a", 1}, {"b", 0}}},
		"w2": {Version: Eager, Leader: "w2", LeaderURL: "http://w2/", ConfigOffset: 10, Connectors: []string{"b"},
			Tasks: []TaskID{{"a", 0}, {"a", 2}, {"b", 1}}},
	}
	if !reflect.DeepEqual(plan.Assignments, want) {
		t.Fatalf("got %+v\nwant %+v", plan.Assignments, want)
	}
}

// behindConfig is a fake ConfigSource whose leader stays behind the members even after re-reading.
type behindConfig struct{ err error }

func (b behindConfig) Snapshot() ConfigSnapshot { return ConfigSnapshot{Offset: 3} }

func (b behindConfig) FreshSnapshot(context.Context) (ConfigSnapshot, error) {
	return ConfigSnapshot{Offset: 4}, b.err
}

func TestAssignorsAnswerConfigMismatchWhenLeaderIsBehind(t *testing.T) {
	r := Round{Leader: "l", Members: []JoinedMember{{ID: "l", State: WorkerState{URL: "u", ConfigOffset: 3}},
		{ID: "f", State: WorkerState{ConfigOffset: 9}}}}
	for _, a := range []Assignor{EagerAssignor{}, NewIncrementalAssignor(0, nil)} {
		plan, err := a.Assign(t.Context(), r, behindConfig{})
		if err != nil {
			t.Fatal(err)
		}
		for id, got := range plan.Assignments {
			if got.Error != ConfigMismatch || got.ConfigOffset != 9 || got.LeaderURL != "u" || len(got.Tasks) > 0 {
				t.Errorf("%T %s: %+v, want a ConfigMismatch at offset 9", a, id, got)
			}
		}
		boom := errors.New("broker gone")
		if _, err := a.Assign(t.Context(), r, behindConfig{err: boom}); !errors.Is(err, boom) {
			t.Errorf("%T: error %v, want the config read error", a, err)
		}
		if _, err := a.Assign(t.Context(), Round{}, behindConfig{}); err == nil {
			t.Errorf("%T: assigned to no members", a)
		}
	}
}

func TestCompareJavaIsUTF16Order(t *testing.T) {
	// U+1F600 is a surrogate pair (0xD83D...) in UTF-16, so Java sorts it before U+FF01; UTF-8 bytes sort it after.
	if compareJava("\U0001F600", "\uFF01") >= 0 {
		t.Fatal("supplementary character must sort before U+FF01 as in Java")
	}
	if compareJava("a", "b") >= 0 || compareJava("b", "b") != 0 {
		t.Fatal("ASCII order")
	}
}
