package transforms_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/transforms"
)

// Golden vectors from Kafka's own SMT classes (oracle SmtGolden; see testdata/README.md).

type javaError struct {
	Class   string `json:"class"`
	Message string `json:"message"`
	Data    bool   `json:"data"`
}

type goldenHeader struct {
	Key    string          `json:"key"`
	Schema json.RawMessage `json:"schema"`
	Value  json.RawMessage `json:"value"`
}

type goldenRecord struct {
	Topic       string          `json:"topic"`
	Partition   *int32          `json:"partition"`
	KeySchema   json.RawMessage `json:"key_schema"`
	Key         json.RawMessage `json:"key"`
	ValueSchema json.RawMessage `json:"value_schema"`
	Value       json.RawMessage `json:"value"`
	Timestamp   *int64          `json:"timestamp"`
	Headers     []goldenHeader  `json:"headers"`
	SinkOffset  *int64          `json:"sink_offset"`
}

type goldenFile struct {
	Records []goldenRecord `json:"records"`
	Config  []struct {
		Class    string `json:"class"`
		KeyInfos string `json:"key_infos"`
	} `json:"config"`
	Configure []struct {
		Name     string              `json:"name"`
		Class    string              `json:"class"`
		Props    map[string]string   `json:"props"`
		Validate map[string][]string `json:"validate"`
		Error    *javaError          `json:"error"`
	} `json:"configure"`
	Apply []struct {
		Name            string            `json:"name"`
		Class           string            `json:"class"`
		Props           map[string]string `json:"props"`
		Record          int               `json:"record"`
		Result          json.RawMessage   `json:"result"`
		Error           *javaError        `json:"error"`
		SameKeySchema   bool              `json:"same_key_schema"`
		SameValueSchema bool              `json:"same_value_schema"`
	} `json:"apply"`
	Test []struct {
		Name   string            `json:"name"`
		Class  string            `json:"class"`
		Props  map[string]string `json:"props"`
		Record int               `json:"record"`
		Result *bool             `json:"result"`
		Error  *javaError        `json:"error"`
	} `json:"test"`
}

func loadGolden(t *testing.T) *goldenFile {
	t.Helper()
	var g goldenFile
	golden.Load(t, "testdata/smt_golden.json", &g)
	return &g
}

func registry(t testing.TB) *plugin.Registry {
	t.Helper()
	reg, err := plugin.New(transforms.Plugins()...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func (g goldenRecord) record(t *testing.T) (connect.Record, *int64) {
	t.Helper()
	r := connect.Record{Topic: g.Topic, Partition: connect.NoPartition, Timestamp: connect.NoTimestamp}
	if g.Partition != nil {
		r.Partition = *g.Partition
	}
	if g.Timestamp != nil {
		r.Timestamp = *g.Timestamp
	}
	var err error
	must := func(e error) {
		if e != nil {
			t.Fatal(e)
		}
	}
	r.KeySchema, err = golden.Schema(g.KeySchema)
	must(err)
	r.Key, err = golden.Value(g.Key)
	must(err)
	r.ValueSchema, err = golden.Schema(g.ValueSchema)
	must(err)
	r.Value, err = golden.Value(g.Value)
	must(err)
	for _, h := range g.Headers {
		s, err := golden.Schema(h.Schema)
		must(err)
		v, err := golden.Value(h.Value)
		must(err)
		r.Headers = append(r.Headers, connect.Header{Key: h.Key, Schema: s, Value: v})
	}
	return r, g.SinkOffset
}

// diffRecord compares every part of two records; "" when equal.
func diffRecord(want, got connect.Record) string {
	var d []string
	if want.Topic != got.Topic {
		d = append(d, fmt.Sprintf("topic: want %q got %q", want.Topic, got.Topic))
	}
	if want.Partition != got.Partition {
		d = append(d, fmt.Sprintf("partition: want %d got %d", want.Partition, got.Partition))
	}
	if want.Timestamp != got.Timestamp {
		d = append(d, fmt.Sprintf("timestamp: want %d got %d", want.Timestamp, got.Timestamp))
	}
	for _, x := range []struct {
		what     string
		ws, gs   *schemas.Schema
		wv, gv   any
		noSchema bool
	}{{what: "key", ws: want.KeySchema, gs: got.KeySchema, wv: want.Key, gv: got.Key},
		{what: "value", ws: want.ValueSchema, gs: got.ValueSchema, wv: want.Value, gv: got.Value}} {
		if s := golden.DiffSchema(x.ws, x.gs); s != "" {
			d = append(d, x.what+" "+s)
		}
		if s := golden.Diff(x.wv, x.gv); s != "" {
			d = append(d, x.what+": "+s)
		}
	}
	if len(want.Headers) != len(got.Headers) {
		d = append(d, fmt.Sprintf("headers: want %d got %d", len(want.Headers), len(got.Headers)))
	} else {
		for i := range want.Headers {
			w, g := want.Headers[i], got.Headers[i]
			if w.Key != g.Key {
				d = append(d, fmt.Sprintf("header %d key: want %q got %q", i, w.Key, g.Key))
			}
			if s := golden.DiffSchema(w.Schema, g.Schema); s != "" {
				d = append(d, fmt.Sprintf("header %d %s", i, s))
			}
			if s := golden.Diff(w.Value, g.Value); s != "" {
				d = append(d, fmt.Sprintf("header %d: %s", i, s))
			}
		}
	}
	return strings.Join(d, "\n")
}

// checkError requires err to match Kafka's exception: a DataException is an ErrData error, anything else is not,
// and the messages are equal.
func checkError(t *testing.T, name string, want *javaError, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: want %s %q, got no error", name, want.Class, want.Message)
		return
	}
	if want.Data != errors.Is(err, schemas.ErrData) {
		t.Errorf("%s: want %s (data error %v), got %q (data error %v)", name, want.Class, want.Data, err,
			errors.Is(err, schemas.ErrData))
	}
	if normalizeMessage(err.Error()) != normalizeMessage(want.Message) {
		t.Errorf("%s: message\nwant %q\n got %q", name, want.Message, err.Error())
	}
}

var (
	identityHash = regexp.MustCompile(`\[B@[0-9a-f]+`)
	recordPrefix = regexp.MustCompile(`(Source|Sink)Record\{[^}]*\} ConnectRecord\{`)
)

// normalizeMessage removes from a message what no one can reproduce (byte arrays' identity hashes) and what a
// connect.Record does not carry (the SourceRecord/SinkRecord fields Kafka's toString prefixes).
func normalizeMessage(s string) string {
	return recordPrefix.ReplaceAllString(identityHash.ReplaceAllString(s, "[B@"), "ConnectRecord{")
}

func TestGoldenConfigDefs(t *testing.T) {
	g := loadGolden(t)
	reg := registry(t)
	if len(g.Config) != len(transforms.Plugins()) {
		t.Errorf("golden has %d plugins, Plugins() %d", len(g.Config), len(transforms.Plugins()))
	}
	for _, c := range g.Config {
		p, ok := reg.Lookup(c.Class)
		if !ok {
			t.Errorf("%s: not registered", c.Class)
			continue
		}
		got, err := p.Config.KeyInfos().MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.KeyInfos {
			t.Errorf("%s: key infos\nwant %s\n got %s", c.Class, c.KeyInfos, got)
		}
		if p.Version != "4.3.1" {
			t.Errorf("%s: version %q", c.Class, p.Version)
		}
	}
}

func TestGoldenConfigure(t *testing.T) {
	g := loadGolden(t)
	reg := registry(t)
	for _, c := range g.Configure {
		p, ok := reg.Lookup(c.Class)
		if !ok {
			t.Errorf("%s: not registered", c.Class)
			continue
		}
		got := map[string][]string{}
		for _, v := range p.Config.Validate(c.Props) {
			if len(v.Errors) > 0 {
				got[v.Name] = v.Errors
			}
		}
		earlier := validatesEarlier(c.Class, c.Props)
		if fmt.Sprint(got) != fmt.Sprint(c.Validate) && !(earlier && len(c.Validate) == 0 && len(got) == 1) {
			t.Errorf("%s: validate\nwant %v\n got %v", c.Name, c.Validate, got)
		}
		var err error
		if p.NewTransformation != nil {
			_, err = p.NewTransformation(c.Props)
		} else {
			_, err = p.NewPredicate(c.Props)
		}
		switch {
		case c.Error == nil && err != nil && !earlier:
			t.Errorf("%s: unexpected error %v", c.Name, err)
		case c.Error != nil && err == nil:
			t.Errorf("%s: want error %q", c.Name, c.Error.Message)
		case c.Error != nil && !configMessageMatches(c.Error.Message, err):
			t.Errorf("%s: error\nwant %q\n got %q", c.Name, c.Error.Message, err)
		}
	}
}

// validatesEarlier is the deliberate difference: Sluice checks SimpleDateFormat patterns when a configuration is
// validated, where Kafka fails at task start (TimestampConverter) or on every record (TimestampRouter builds its
// format lazily).
func validatesEarlier(class string, props map[string]string) bool {
	var pattern string
	switch class {
	case "org.apache.kafka.connect.transforms.TimestampConverter$Key", "org.apache.kafka.connect.transforms.TimestampConverter$Value":
		pattern = props["format"]
	case "org.apache.kafka.connect.transforms.TimestampRouter":
		pattern = props["timestamp.format"]
	default:
		return false
	}
	return strings.Contains(pattern, "q") || strings.HasPrefix(pattern, "'")
}

// configMessageMatches compares a configure() failure. Go's Parse reports every bad key at once where Kafka's
// configure() throws for the first: Kafka's message must be among Sluice's.
func configMessageMatches(want string, err error) bool {
	// Kafka prints InsertField's InsertionSpec object (an identity hash); Sluice names the field.
	want = insertionSpec.ReplaceAllString(want, "$1")
	for _, line := range leafErrors(err) {
		if insertionSpec.ReplaceAllString(line.Error(), "$1") == want {
			return true
		}
	}
	return false
}

// leafErrors flattens errors.Join trees.
func leafErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
}

var insertionSpec = regexp.MustCompile(`(No value specified for static field: ).*`)

func TestGoldenApply(t *testing.T) {
	g := loadGolden(t)
	reg := registry(t)
	if len(g.Apply) < 600 {
		t.Fatalf("only %d apply cases", len(g.Apply))
	}
	missing := map[string]int{}
	for _, c := range g.Apply {
		p, ok := reg.Lookup(c.Class)
		if !ok {
			missing[c.Class]++
			continue
		}
		tr, err := p.NewTransformation(c.Props)
		if err != nil {
			t.Errorf("%s: configure: %v", c.Name, err)
			continue
		}
		in, sinkOffset := g.Records[c.Record].record(t)
		apply := func() (connect.Record, bool, error) {
			if st, ok := tr.(transforms.SinkTransformation); ok && sinkOffset != nil {
				return st.ApplySink(connect.SinkRecord{Record: in, KafkaOffset: *sinkOffset})
			}
			return tr.Apply(in)
		}
		out, keep, err := apply()
		// Transformations must not change the record they were given, nor anything it references.
		if pristine, _ := g.Records[c.Record].record(t); diffRecord(pristine, in) != "" {
			t.Errorf("%s: the input record was modified:\n%s", c.Name, diffRecord(pristine, in))
		}
		if c.Error != nil {
			checkError(t, c.Name, c.Error, err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		if string(c.Result) == "null" {
			if keep {
				t.Errorf("%s: want the record dropped", c.Name)
			}
			continue
		}
		if !keep {
			t.Errorf("%s: dropped", c.Name)
			continue
		}
		var wr goldenRecord
		if err := json.Unmarshal(c.Result, &wr); err != nil {
			t.Fatal(err)
		}
		want, _ := wr.record(t)
		if d := diffRecord(want, out); d != "" {
			t.Errorf("%s:\n%s", c.Name, d)
			continue
		}
		again, _, err := apply()
		if err != nil {
			t.Errorf("%s: second apply: %v", c.Name, err)
			continue
		}
		// Kafka's schema cache: a second record with the same schema gets the same output schema object.
		if c.SameKeySchema && again.KeySchema != out.KeySchema || c.SameValueSchema && again.ValueSchema != out.ValueSchema {
			t.Errorf("%s: the output schema is not cached", c.Name)
		}
	}
	if len(missing) > 0 {
		var names []string
		for n, k := range missing {
			names = append(names, fmt.Sprintf("%s (%d)", n, k))
		}
		sort.Strings(names)
		t.Errorf("not implemented: %s", strings.Join(names, ", "))
	}
}

func TestGoldenPredicates(t *testing.T) {
	g := loadGolden(t)
	reg := registry(t)
	for _, c := range g.Test {
		p, ok := reg.Lookup(c.Class)
		if !ok {
			t.Errorf("%s: not registered", c.Class)
			continue
		}
		pr, err := p.NewPredicate(c.Props)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		in, _ := g.Records[c.Record].record(t)
		if got := pr.Test(in); c.Result == nil || got != *c.Result {
			t.Errorf("%s on record %d: got %v", c.Name, c.Record, got)
		}
	}
}
