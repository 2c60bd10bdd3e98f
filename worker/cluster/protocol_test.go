package cluster

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// goldenAssignment is an assignment as ConnectProtocolGolden writes it.
type goldenAssignment struct {
	Version           int16    `json:"version"`
	Error             int16    `json:"error"`
	Leader            string   `json:"leader"`
	LeaderURL         string   `json:"leaderUrl"`
	Offset            int64    `json:"offset"`
	Connectors        []string `json:"connectors"`
	Tasks             [][2]any `json:"tasks"`
	RevokedConnectors []string `json:"revokedConnectors"`
	RevokedTasks      [][2]any `json:"revokedTasks"`
	Delay             int32    `json:"delay"`
}

func (g goldenAssignment) toAssignment() Assignment {
	return Assignment{Version: Protocol(g.Version), Error: g.Error, Leader: g.Leader, LeaderURL: g.LeaderURL,
		ConfigOffset: g.Offset, Connectors: g.Connectors, Tasks: goldenTasks(g.Tasks),
		RevokedConnectors: g.RevokedConnectors, RevokedTasks: goldenTasks(g.RevokedTasks), Delay: g.Delay}
}

func goldenTasks(ts [][2]any) []TaskID {
	var out []TaskID
	for _, t := range ts {
		out = append(out, TaskID{Connector: t[0].(string), Task: int32(t[1].(float64))})
	}
	return out
}

type goldenState struct {
	URL        string            `json:"url"`
	Offset     int64             `json:"offset"`
	Assignment *goldenAssignment `json:"assignment"`
}

func (g goldenState) toState() WorkerState {
	s := WorkerState{URL: g.URL, ConfigOffset: g.Offset}
	if g.Assignment != nil {
		a := g.Assignment.toAssignment()
		s.Assignment = &a
	}
	return s
}

type protocolGolden struct {
	Offered  []string `json:"offered"`
	Metadata []struct {
		Protocol string      `json:"protocol"`
		State    goldenState `json:"state"`
		Bytes    []byte      `json:"bytes"`
	} `json:"metadata"`
	Assignments []struct {
		Protocol   string           `json:"protocol"`
		Assignment goldenAssignment `json:"assignment"`
		Bytes      []byte           `json:"bytes"`
	} `json:"assignments"`
	Decode []struct {
		Kind     string          `json:"kind"`
		Protocol string          `json:"protocol"`
		Bytes    []byte          `json:"bytes"`
		Result   json.RawMessage `json:"result"`
		Error    string          `json:"error"`
	} `json:"decode"`
	Signatures []struct {
		Algorithm string `json:"algorithm"`
		Key       []byte `json:"key"`
		Body      []byte `json:"body"`
		Signature string `json:"signature"`
	} `json:"signatures"`
	Keys map[string]int `json:"keys"`
}

func loadGolden(t *testing.T) protocolGolden {
	t.Helper()
	data, err := os.ReadFile("testdata/protocol.json")
	if err != nil {
		t.Fatal(err)
	}
	var g protocolGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func mustProtocol(t *testing.T, name string) Protocol {
	t.Helper()
	p, err := ParseProtocol(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOfferedMatchesKafka(t *testing.T) {
	g := loadGolden(t)
	var got []string
	for _, p := range Sessioned.Offered() {
		got = append(got, p.Name())
	}
	if !reflect.DeepEqual(got, g.Offered) {
		t.Fatalf("offered %v, Kafka %v", got, g.Offered)
	}
}

func TestEncodeMetadataMatchesKafka(t *testing.T) {
	g := loadGolden(t)
	for i, c := range g.Metadata {
		p := mustProtocol(t, c.Protocol)
		got := EncodeMetadata(p, c.State.toState())
		if !bytes.Equal(got, c.Bytes) {
			t.Errorf("metadata %d (%s):\n got  %x\n want %x", i, c.Protocol, got, c.Bytes)
		}
	}
}

func TestEncodeAssignmentMatchesKafka(t *testing.T) {
	g := loadGolden(t)
	for i, c := range g.Assignments {
		p := mustProtocol(t, c.Protocol)
		got := EncodeAssignment(p, c.Assignment.toAssignment())
		if !bytes.Equal(got, c.Bytes) {
			t.Errorf("assignment %d (%s):\n got  %x\n want %x", i, c.Protocol, got, c.Bytes)
		}
	}
}

// TestDecodeMatchesKafka checks that whatever Kafka reads (including short, future-version and corrupt input)
// Sluice reads the same, and that it refuses what Kafka refuses.
func TestDecodeMatchesKafka(t *testing.T) {
	g := loadGolden(t)
	for i, c := range g.Decode {
		p := mustProtocol(t, c.Protocol)
		var got any
		var err error
		var want any
		switch c.Kind {
		case "assignment":
			got, err = DecodeAssignment(p, c.Bytes)
			if c.Error == "" {
				var ga goldenAssignment
				mustUnmarshal(t, c.Result, &ga)
				want = normalize(ga.toAssignment(), p)
			}
			if err == nil {
				got = normalize(got.(Assignment), p)
			}
		case "metadata":
			got, err = DecodeMetadata(p, c.Bytes)
			if c.Error == "" {
				var gs goldenState
				mustUnmarshal(t, c.Result, &gs)
				want = normalizeState(gs.toState(), p)
			}
			if err == nil {
				got = normalizeState(got.(WorkerState), p)
			}
		}
		name := c.Kind + " " + c.Protocol + " " + base64.StdEncoding.EncodeToString(c.Bytes)
		switch {
		case c.Error != "" && err == nil:
			t.Errorf("%d %s: decoded %+v, Kafka throws %s", i, name, got, c.Error)
		case c.Error != "":
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("%d %s: error %v does not wrap ErrMalformed", i, name, err)
			}
		case err != nil:
			t.Errorf("%d %s: %v, Kafka decodes %s", i, name, err, c.Result)
		case !reflect.DeepEqual(got, want):
			t.Errorf("%d %s:\n got  %+v\n want %+v", i, name, got, want)
		}
	}
}

// normalize makes empty lists nil and drops what the eager protocol does not carry.
func normalize(a Assignment, p Protocol) Assignment {
	if len(a.Connectors) == 0 {
		a.Connectors = nil
	}
	if len(a.Tasks) == 0 {
		a.Tasks = nil
	}
	if len(a.RevokedConnectors) == 0 {
		a.RevokedConnectors = nil
	}
	if len(a.RevokedTasks) == 0 {
		a.RevokedTasks = nil
	}
	if !p.Incremental() {
		a.RevokedConnectors, a.RevokedTasks, a.Delay = nil, nil, 0
	}
	return a
}

func normalizeState(s WorkerState, p Protocol) WorkerState {
	if s.Assignment != nil {
		a := normalize(*s.Assignment, p)
		s.Assignment = &a
	}
	return s
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	a := Assignment{Version: Sessioned, Leader: "l", LeaderURL: "http://l/", ConfigOffset: 9,
		Connectors: []string{"a"}, Tasks: []TaskID{{"a", 0}, {"b", 2}},
		RevokedConnectors: []string{"c"}, RevokedTasks: []TaskID{{"c", 1}}, Delay: 1000}
	for _, p := range []Protocol{Eager, Compatible, Sessioned} {
		s := WorkerState{URL: "http://w/", ConfigOffset: 3, Assignment: &a}
		gotS, err := DecodeMetadata(p, EncodeMetadata(p, s))
		if err != nil {
			t.Fatal(p, err)
		}
		want := normalizeState(s, p)
		want.Assignment.Version = p
		if !p.Incremental() {
			want.Assignment = nil
		}
		if !reflect.DeepEqual(gotS, want) {
			t.Errorf("%s: metadata %+v, want %+v", p, gotS, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(EncodeAssignment(Compatible, Assignment{Connectors: []string{"a"}, Tasks: []TaskID{{"a", 1}}}))
	f.Add(EncodeMetadata(Sessioned, WorkerState{URL: "u", Assignment: &Assignment{}}))
	f.Add([]byte{0, 1, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range []Protocol{Eager, Compatible, Sessioned} {
			if a, err := DecodeAssignment(p, data); err == nil {
				// What decodes must encode and decode to the same assignment.
				again, err := DecodeAssignment(p, EncodeAssignment(p, a))
				if err != nil {
					t.Fatalf("re-decoding %+v: %v", a, err)
				}
				if len(again.Tasks) != len(a.Tasks) {
					t.Fatalf("tasks %v became %v", a.Tasks, again.Tasks)
				}
			}
			_, _ = DecodeMetadata(p, data)
		}
	})
}

func TestProtocolNames(t *testing.T) {
	tests := []struct {
		p            Protocol
		wire, config string
	}{{Eager, "default", "eager"}, {Compatible, "compatible", "compatible"}, {Sessioned, "sessioned", "sessioned"}}
	for _, tt := range tests {
		if tt.p.Name() != tt.wire || tt.p.String() != tt.config {
			t.Errorf("%d: %q %q", tt.p, tt.p.Name(), tt.p.String())
		}
		if p, err := ParseProtocol(strings.ToUpper(tt.wire)); err != nil || p != tt.p {
			t.Errorf("ParseProtocol(%q) = %v, %v", tt.wire, p, err)
		}
		if p, err := ParseCompatibility(strings.ToUpper(tt.config)); err != nil || p != tt.p {
			t.Errorf("ParseCompatibility(%q) = %v, %v", tt.config, p, err)
		}
	}
	// Kafka refuses connect.protocol=default (found against the reference worker).
	if _, err := ParseCompatibility("default"); err == nil {
		t.Error(`connect.protocol "default" accepted`)
	}
}
