package cluster

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

type goldenWorkerRound struct {
	Connectors        []string `json:"connectors"`
	Tasks             [][2]any `json:"tasks"`
	RevokedConnectors []string `json:"revokedConnectors"`
	RevokedTasks      [][2]any `json:"revokedTasks"`
	AllConnectors     []string `json:"allConnectors"`
	AllTasks          [][2]any `json:"allTasks"`
}

type goldenScenario struct {
	Name     string   `json:"name"`
	MaxDelay int      `json:"maxDelay"`
	Steps    []string `json:"steps"`
	Rounds   []struct {
		Delay   int32                        `json:"delay"`
		Workers map[string]goldenWorkerRound `json:"workers"`
	} `json:"rounds"`
}

// TestIncrementalAssignorMatchesKafka replays the scenarios ConnectProtocolAssignorGolden ran through Kafka's
// IncrementalCooperativeAssignor and requires the same rounds: the same work newly assigned to and revoked from
// each worker, in the same order, the same complete distribution and the same delay.
func TestIncrementalAssignorMatchesKafka(t *testing.T) {
	data, err := os.ReadFile("testdata/assignor.json")
	if err != nil {
		t.Fatal(err)
	}
	var scenarios []goldenScenario
	if err := json.Unmarshal(data, &scenarios); err != nil {
		t.Fatal(err)
	}
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			maxDelay := time.Duration(sc.MaxDelay) * time.Millisecond
			s := &sim{t: t, now: time.Unix(1_700_000_000, 0), connectors: map[string]int{},
				held: map[string]*Assignment{}, generation: 1000}
			s.newAssignor(maxDelay)
			round := 0
			for _, step := range sc.Steps {
				w := strings.Fields(step)
				switch w[0] {
				case "join":
					s.join(w[1])
				case "leave":
					s.leave(w[1])
				case "connector":
					n, _ := strconv.Atoi(w[2])
					s.connectors[w[1]] = n
				case "delete":
					delete(s.connectors, w[1])
				case "sleep":
					ms, _ := strconv.Atoi(w[1])
					s.sleep(int32(ms))
				case "leader":
					s.newAssignor(maxDelay)
				default:
					s.rebalance(w[0] == "fail", w[0] == "mismatch")
					want := sc.Rounds[round]
					round++
					got := map[string]goldenWorkerRound{}
					var delay int32
					for id, a := range s.last.Assignments {
						got[id] = goldenWorkerRound{Connectors: a.Connectors, Tasks: taggedTasks(a.Tasks),
							RevokedConnectors: a.RevokedConnectors, RevokedTasks: taggedTasks(a.RevokedTasks),
							AllConnectors: s.last.Connectors[id], AllTasks: taggedTasks(s.last.Tasks[id])}
						delay = a.Delay
					}
					for id, wr := range want.Workers {
						if !sameRound(got[id], wr) {
							t.Errorf("round %d (%s) %s:\n got  %s\n want %s", round, step, id, roundString(got[id]), roundString(wr))
						}
					}
					if delay != want.Delay {
						t.Errorf("round %d (%s): delay %d, Kafka %d", round, step, delay, want.Delay)
					}
				}
			}
			if round != len(sc.Rounds) || round == 0 {
				t.Errorf("replayed %d rounds, Kafka ran %d", round, len(sc.Rounds))
			}
		})
	}
}

func taggedTasks(ts []TaskID) [][2]any {
	out := make([][2]any, len(ts))
	for i, t := range ts {
		out[i] = [2]any{t.Connector, float64(t.Task)}
	}
	return out
}

func sameRound(a, b goldenWorkerRound) bool {
	return sameList(a.Connectors, b.Connectors) && sameList(a.Tasks, b.Tasks) &&
		sameList(a.RevokedConnectors, b.RevokedConnectors) && sameList(a.RevokedTasks, b.RevokedTasks) &&
		sameList(a.AllConnectors, b.AllConnectors) && sameList(a.AllTasks, b.AllTasks)
}

// sameList compares in order, an empty list equal to none.
func sameList[T any](a, b []T) bool {
	return (len(a) == 0 && len(b) == 0) || reflect.DeepEqual(a, b)
}

func roundString(r goldenWorkerRound) string {
	return fmt.Sprintf("new %v %v revoked %v %v all %v %v", r.Connectors, r.Tasks, r.RevokedConnectors,
		r.RevokedTasks, r.AllConnectors, r.AllTasks)
}
