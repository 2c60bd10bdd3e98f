//go:build integration

package restdiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
	"github.com/sluice-connect/sluice/worker/herder"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// side is one worker under test. Connector names, topics and files carry the side's token so that the two
// workers never share a topic or a consumer group; answers are compared with the token put back to "{n}".
type side struct {
	name  string
	url   string
	token string
}

const jsonType = "application/json"

// startSluice runs `sluice standalone` on the broker, configured as the Java worker is (JsonConverter, an
// offsets file, offset.flush.interval.ms=1000), and returns its REST URL once GET /health answers. The process
// is stopped with SIGTERM when the test ends and must then exit cleanly within a minute.
func startSluice(t *testing.T, bootstrap, dir string) string {
	t.Helper()
	url := sluicetest.FreeURL(t)
	props := fmt.Sprintf("bootstrap.servers=%s\nlisteners=%s\nkey.converter=org.apache.kafka.connect.json.JsonConverter\n"+
		"value.converter=org.apache.kafka.connect.json.JsonConverter\noffset.flush.interval.ms=1000\n"+
		"offset.storage.file.filename=%s\n", bootstrap, url, filepath.Join(dir, "sluice.offsets"))
	workerFile := filepath.Join(dir, "sluice-worker.properties")
	if err := os.WriteFile(workerFile, []byte(props), 0o644); err != nil {
		t.Fatal(err)
	}
	p := sluicetest.Start(t, sluicetest.Build(t), "standalone", workerFile)
	t.Cleanup(func() {
		if err := p.Stop(); err != nil {
			t.Errorf("sluice after SIGTERM: %v", err)
		}
	})
	p.WaitHTTP(t, url+"/health")
	return url
}

// do sends one request and returns the status, the Content-Type and the body.
func do(t *testing.T, method, url, ctype, accept, body string) (int, string, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// waitStatus polls GET /connectors/{name}/status on one side until want accepts it.
func waitStatus(t *testing.T, s side, name string, want func(st herder.ConnectorStatus) bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	var last []byte
	for time.Now().Before(deadline) {
		code, _, body := do(t, "GET", s.url+"/connectors/"+name+"/status", "", "", "")
		last = body
		var st herder.ConnectorStatus
		if code == 200 && json.Unmarshal(body, &st) == nil && want(st) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %s never reached the expected state; last status %s", s.name, name, last)
}

// allIn returns a check that the connector and its n tasks are all in state.
func allIn(state string, n int) func(herder.ConnectorStatus) bool {
	return func(st herder.ConnectorStatus) bool {
		if st.Connector.State != state || len(st.Tasks) != n {
			return false
		}
		for _, ts := range st.Tasks {
			if ts.State != state {
				return false
			}
		}
		return true
	}
}

// waitTopics polls GET /connectors/{name}/topics until it lists a topic.
func waitTopics(t *testing.T, s side, name string) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		_, _, body := do(t, "GET", s.url+"/connectors/"+name+"/topics", "", "", "")
		if bytes.Contains(body, []byte(`"topics":["`)) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %s never reported an active topic", s.name, name)
}

type result struct {
	step               step
	javaCode, slCode   int
	outcome            string // "same", "differs (deliberate)", "DIFFERENT"
	problems           []string
	javaBody, slueBody string
}

func TestRESTDifferential(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	dir := t.TempDir()
	java := side{name: "java", token: "jv7"}
	sluice := side{name: "sluice", token: "sl7"}
	java.url = kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone,
		map[string]string{"offset.flush.interval.ms": "1000"}).URL()
	sluice.url = startSluice(t, b.Bootstrap(), dir)
	for _, s := range []side{java, sluice} {
		// The shared broker does not create topics on demand.
		b.CreateTopic(t, s.token+"-lines", 1, nil)
		lines := "alpha\nbeta\ngamma\n"
		if err := os.WriteFile(filepath.Join(dir, s.token+"-in.txt"), []byte(lines), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var results []result
	for _, st := range script() {
		r := result{step: st}
		var answers [2]struct {
			code int
			body []byte
		}
		for i, s := range []side{java, sluice} {
			expand := func(x string) string {
				return strings.NewReplacer("{n}", s.token, "{dir}", dir).Replace(x)
			}
			ctype := st.ctype
			if ctype == "" && st.body != "" {
				ctype = jsonType
			}
			if st.before != nil {
				st.before(t, s)
			}
			code, gotType, body := do(t, st.method, s.url+expand(st.path), ctype, st.accept, expand(st.body))
			if s.name == "sluice" && len(body) > 0 && !strings.HasPrefix(gotType, jsonType) {
				r.problems = append(r.problems, fmt.Sprintf("Sluice answered Content-Type %q", gotType))
			}
			canon := strings.NewReplacer(s.token, "{n}", dir, "{dir}").Replace(string(body))
			answers[i].code, answers[i].body = code, []byte(canon)
			if st.after != nil {
				st.after(t, s)
			}
		}
		r.javaCode, r.slCode = answers[0].code, answers[1].code
		r.javaBody, r.slueBody = string(answers[0].body), string(answers[1].body)
		r.outcome = "same"
		if st.differs != "" {
			r.outcome = "differs (deliberate)"
			if st.sluiceCode != 0 && r.slCode != st.sluiceCode {
				r.problems = append(r.problems, fmt.Sprintf("Sluice answered %d, expected %d", r.slCode, st.sluiceCode))
			}
		} else {
			if r.javaCode != r.slCode {
				r.problems = append(r.problems, fmt.Sprintf("status %d vs %d", r.javaCode, r.slCode))
			}
			if st.mode != status {
				jv, jerr := decode(answers[0].body)
				sv, serr := decode(answers[1].body)
				sv = withoutSluiceOnly(sv)
				if jerr != nil || serr != nil {
					r.problems = append(r.problems, fmt.Sprintf("unparsable JSON: java %v, sluice %v", jerr, serr))
				} else {
					r.problems = append(r.problems, diff(jv, sv, st.mode, st.ignore)...)
				}
			}
		}
		if len(r.problems) > 0 {
			r.outcome = "DIFFERENT"
			t.Errorf("step %q %s %s:\n  %s\n  java   %d %s\n  sluice %d %s", st.name, st.method, st.path,
				strings.Join(r.problems, "\n  "), r.javaCode, cut(r.javaBody), r.slCode, cut(r.slueBody))
		}
		results = append(results, r)
	}
	report(t, results)
}

func cut(s string) string {
	if len(s) > 600 {
		return s[:597] + "..."
	}
	return s
}

// report prints every step's outcome, and the deliberate differences with their reasons.
func report(t *testing.T, results []result) {
	var buf bytes.Buffer
	w := tabwriter.NewWriter(&buf, 0, 4, 1, ' ', 0)
	fmt.Fprintln(w, "#\tcall\tjava\tsluice\tcompared\toutcome")
	same, deliberate := 0, 0
	for i, r := range results {
		fmt.Fprintf(w, "%d\t%s %s\t%d\t%d\t%s\t%s\n", i+1, r.step.method, r.step.path, r.javaCode, r.slCode,
			r.step.mode, r.outcome)
		switch r.outcome {
		case "same":
			same++
		case "differs (deliberate)":
			deliberate++
		}
	}
	_ = w.Flush()
	fmt.Fprintf(&buf, "\n%d calls: %d agree, %d differ deliberately, %d differ\n\nDeliberate differences:\n",
		len(results), same, deliberate, len(results)-same-deliberate)
	for i, r := range results {
		if r.step.differs != "" {
			fmt.Fprintf(&buf, "- #%d %s %s: Java %d, Sluice %d — %s\n", i+1, r.step.method, r.step.path,
				r.javaCode, r.slCode, r.step.differs)
		}
	}
	t.Log("\n" + buf.String())
	if path := os.Getenv("SLUICE_RESTDIFF_REPORT"); path != "" {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func (m compareMode) String() string {
	return [...]string{"values", "unordered", "shape", "status"}[m]
}
