package store

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/schemas/registry"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRecordFormat(t *testing.T) {
	for _, tc := range []struct {
		rec        Record
		key, value string
	}{
		{Record{SchemaKey("s", 1), SchemaValue{Subject: "s", Version: 1, ID: 3, Schema: `"string"`}},
			`{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}`,
			`{"subject":"s","version":1,"id":3,"schema":"\"string\"","deleted":false}`},
		{Record{SchemaKey("s", 1), SchemaValue{Subject: "s", Version: 1, ID: 3, SchemaType: "AVRO", Schema: `"string"`}},
			`{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}`,
			`{"subject":"s","version":1,"id":3,"schemaType":"AVRO","schema":"\"string\"","deleted":false}`},
		{Record{SchemaKey("s", 2), SchemaValue{Subject: "s", Version: 2, ID: 4, SchemaType: "AVRO",
			References: []registry.Reference{{Name: "n.R", Subject: "r", Version: 1}}, Schema: `"n.R"`, Deleted: true}},
			`{"keytype":"SCHEMA","subject":"s","version":2,"magic":1}`,
			`{"subject":"s","version":2,"id":4,"schemaType":"AVRO","references":[{"name":"n.R","subject":"r","version":1}],"schema":"\"n.R\"","deleted":true}`},
		{Record{ConfigKey(""), ConfigValue{CompatibilityLevel: "FULL"}}, `{"keytype":"CONFIG","magic":0}`, `{"compatibilityLevel":"FULL"}`},
		{Record{ConfigKey("s"), ConfigValue{"s", "NONE"}}, `{"keytype":"CONFIG","subject":"s","magic":0}`, `{"subject":"s","compatibilityLevel":"NONE"}`},
		{Record{ConfigKey("s"), nil}, `{"keytype":"CONFIG","subject":"s","magic":0}`, ``},
		{Record{ModeKey(""), ModeValue{Mode: "READONLY"}}, `{"keytype":"MODE","magic":0}`, `{"mode":"READONLY"}`},
		{Record{DeleteSubjectKey("s"), DeleteSubjectValue{"s", 2}}, `{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}`, `{"subject":"s","version":2}`},
		{Record{ClearSubjectKey("s"), ClearSubjectValue{"s"}}, `{"keytype":"CLEAR_SUBJECT","subject":"s","magic":0}`, `{"subject":"s"}`},
		{Record{Key{KeyType: KeyNoop}, nil}, `{"keytype":"NOOP","magic":0}`, ``},
	} {
		k, v, err := Encode(tc.rec)
		if err != nil || string(k) != tc.key || string(v) != tc.value {
			t.Errorf("Encode(%+v) = %s, %s, %v; want %s, %s", tc.rec, k, v, err, tc.key, tc.value)
			continue
		}
		var vb []byte
		if v != nil {
			vb = v
		}
		back, err := Decode(k, vb)
		if err != nil || back.Key.KeyType != tc.rec.Key.KeyType || back.Key.SubjectOrGlobal() != tc.rec.Key.SubjectOrGlobal() {
			t.Errorf("Decode(%s) = %+v, %v", k, back, err)
		}
	}
	if _, err := Decode([]byte("garbage"), nil); err == nil {
		t.Error("garbage key decoded")
	}
}

func TestStateDeletes(t *testing.T) {
	s := NewState()
	for v := 1; v <= 3; v++ {
		s.Apply(Record{SchemaKey("a", v), SchemaValue{Subject: "a", Version: v, ID: v, Schema: `"int"` + string(rune('0'+v))}})
	}
	s.Apply(Record{SchemaKey("b", 1), SchemaValue{Subject: "b", Version: 1, ID: 1, Schema: `"int"1`}})
	s.Apply(Record{DeleteSubjectKey("a"), DeleteSubjectValue{"a", 3}})
	if got := s.Subjects(false); len(got) != 1 || got[0] != "b" {
		t.Fatalf("live subjects %v", got)
	}
	if got := s.Subjects(true); len(got) != 2 {
		t.Fatalf("all subjects %v", got)
	}
	s.Apply(Record{SchemaKey("a", 1), nil})
	s.Apply(Record{SchemaKey("a", 2), nil})
	if _, ok := s.SchemaByID(1); !ok {
		t.Fatal("id 1 forgotten while b still holds it")
	}
	if _, ok := s.SchemaByID(2); ok {
		t.Fatal("id 2 kept after its only version was hard-deleted")
	}
	s.Apply(Record{ClearSubjectKey("a"), ClearSubjectValue{"a"}})
	if got := s.Versions("a", true); len(got) != 0 || s.MaxID() != 3 {
		t.Fatalf("after clear: %v, max id %d", got, s.MaxID())
	}
}

func TestKafkaStoreSurvivesRestart(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	opts := Options{Client: []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}}
	ctx := t.Context()

	s1, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	v := SchemaValue{Subject: "t-value", Version: 1, ID: 1, Schema: `"string"`}
	if err := s1.Write(ctx, Record{SchemaKey("t-value", 1), v}, Record{ConfigKey(""), ConfigValue{CompatibilityLevel: "FULL"}}); err != nil {
		t.Fatal(err)
	}
	if got := s1.State().Versions("t-value", false); len(got) != 1 || got[0].ID != 1 || got[0].Schema != v.Schema {
		t.Fatalf("read back %+v", got)
	}
	s1.Close()
	s1.Close()

	s2, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if sch, ok := s2.State().SchemaByID(1); !ok || sch.Schema != `"string"` {
		t.Fatalf("after restart: id 1 = %+v, %v", sch, ok)
	}
	if lvl, _ := s2.State().Config(""); lvl != "FULL" {
		t.Fatalf("after restart: config %q", lvl)
	}
}
