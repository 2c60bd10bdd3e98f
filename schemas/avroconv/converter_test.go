package avroconv

import (
	"bytes"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

func testConverter(t testing.TB, reg *fakeRegistry, props map[string]string, isKey bool) *Converter {
	t.Helper()
	if props == nil {
		props = map[string]string{}
	}
	props[RegistryURLConfig] = "http://127.0.0.1:1"
	conf, err := ParseConfig(props)
	if err != nil {
		t.Fatal(err)
	}
	return NewWithClient(conf, isKey, reg)
}

func sensorSchema() *schemas.Schema {
	return schemas.StructBuilder().
		Field("id", schemas.Int64Schema).
		Field("name", schemas.OptionalStringSchema).
		Field("tiny", schemas.Int8Schema).
		Field("price", schemas.DecimalBuilder(2).MustBuild()).
		Field("ts", schemas.OptionalTimestampSchema).
		MustBuild()
}

func TestSchemaTextAsAvroData(t *testing.T) {
	named := schemas.StructBuilder().Name("com.example.Sensor").Version(2).Doc("a sensor").
		Field("small", schemas.NewBuilder(schemas.TypeInt16).Optional().Default(int16(7)).MustBuild()).
		Field("day", schemas.DateSchema).
		Field("tags", schemas.MapOf(schemas.StringSchema, schemas.Float64Schema).MustBuild()).
		Field("byInt", schemas.MapOf(schemas.Int32Schema, schemas.StringSchema).MustBuild()).
		MustBuild()
	nested := schemas.StructBuilder().
		Field("a", schemas.StructBuilder().Field("x", schemas.Int32Schema).MustBuild()).
		Field("b", schemas.StructBuilder().Field("y", schemas.BooleanSchema).Optional().MustBuild()).
		MustBuild()
	tests := []struct {
		name   string
		schema *schemas.Schema
		want   string
	}{
		{"primitive", schemas.StringSchema, `"string"`},
		{"optional primitive", schemas.OptionalInt32Schema, `["null","int"]`},
		{"int8", schemas.Int8Schema, `{"type":"int","connect.type":"int8"}`},
		{"unnamed struct", sensorSchema(), `{"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro",` +
			`"fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"],"default":null},` +
			`{"name":"tiny","type":{"type":"int","connect.type":"int8"}},` +
			`{"name":"price","type":{"type":"bytes","scale":2,"precision":64,"connect.version":1,` +
			`"connect.parameters":{"scale":"2"},"connect.name":"org.apache.kafka.connect.data.Decimal",` +
			`"logicalType":"decimal"}},{"name":"ts","type":["null",{"type":"long","connect.version":1,` +
			`"connect.name":"org.apache.kafka.connect.data.Timestamp","logicalType":"timestamp-millis"}],` +
			`"default":null}]}`},
		{"named struct", named, `{"type":"record","name":"Sensor","namespace":"com.example","fields":[` +
			`{"name":"small","type":[{"type":"int","connect.default":7,"connect.type":"int16"},"null"],"default":7},` +
			`{"name":"day","type":{"type":"int","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Date",` +
			`"logicalType":"date"}},{"name":"tags","type":{"type":"map","values":"double"}},` +
			`{"name":"byInt","type":{"type":"array","items":{"type":"record","name":"MapEntry",` +
			`"namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"int"},` +
			`{"name":"value","type":"string"}]}}}],` +
			`"connect.doc":"a sensor","connect.version":2,"connect.name":"com.example.Sensor"}`},
		{"nested unnamed structs", nested, `{"type":"record","name":"ConnectDefault","namespace":"io.confluent.connect.avro",` +
			`"fields":[{"name":"a","type":{"type":"record","name":"ConnectDefault2","fields":[{"name":"x","type":"int"}]}},` +
			`{"name":"b","type":["null",{"type":"record","name":"ConnectDefault3","fields":[{"name":"y","type":"boolean"}]}],` +
			`"default":null}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, err := newFromConnect(dataConfig{connectMetaData: true}).schema(tt.schema, false)
			if err != nil {
				t.Fatal(err)
			}
			if got := as.String(); got != tt.want {
				t.Errorf("schema text\n got %s\nwant %s", got, tt.want)
			}
			// The text parses back to the same text.
			back, err := parseSchema(as.String())
			if err != nil {
				t.Fatal(err)
			}
			if back.String() != tt.want {
				t.Errorf("reparsed\n got %s\nwant %s", back.String(), tt.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	s := sensorSchema()
	st, _ := schemas.NewStruct(s)
	st.SetAt(0, int64(-42))
	st.SetAt(1, "héllo")
	st.SetAt(2, int8(-3))
	st.SetAt(3, schemas.Decimal{Unscaled: big.NewInt(-12345), Scale: 2})
	st.SetAt(4, time.UnixMilli(1700000000123).UTC())
	arr := schemas.ArrayOf(schemas.OptionalFloat32Schema).MustBuild()
	m := schemas.MapOf(schemas.OptionalStringSchema, schemas.BytesSchema).MustBuild()
	tests := []struct {
		name   string
		schema *schemas.Schema
		value  any
	}{
		{"struct", s, st},
		{"string", schemas.StringSchema, "plain"},
		{"empty string", schemas.StringSchema, ""},
		{"int32", schemas.Int32Schema, int32(-2147483648)},
		{"long", schemas.Int64Schema, int64(9223372036854775807)},
		{"double", schemas.Float64Schema, 3.25},
		{"bool", schemas.BooleanSchema, true},
		{"bytes", schemas.BytesSchema, []byte{0, 1, 2, 255}},
		{"array with nulls", arr, []any{float32(1.5), nil, float32(-2)}},
		{"empty array", arr, []any{}},
		{"map optional keys", m, schemas.Map{{Key: "a", Value: []byte("x")}, {Key: nil, Value: []byte{}}}},
		{"time", schemas.TimeSchema, time.UnixMilli(3600_000).UTC()},
		{"date", schemas.DateSchema, time.UnixMilli(19000 * 86400_000).UTC()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := newFakeRegistry()
			c := testConverter(t, reg, nil, false)
			b, err := c.FromConnectData("topic", nil, tt.schema, tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if b[0] != 0 || b[4] != 1 {
				t.Fatalf("header % x", b[:5])
			}
			gotSchema, got, err := c.ToConnectData("topic", nil, b)
			if err != nil {
				t.Fatal(err)
			}
			if !sameValue(got, tt.value) {
				t.Errorf("value %v, want %v", got, tt.value)
			}
			if gotSchema.Type() != tt.schema.Type() || gotSchema.IsOptional() != tt.schema.IsOptional() {
				t.Errorf("schema %v, want %v", gotSchema, tt.schema)
			}
			// Again through a fresh converter: only the registry's copy of the schema is used.
			_, again, err := testConverter(t, reg, nil, false).ToConnectData("topic", nil, b)
			if err != nil || !sameValue(again, tt.value) {
				t.Errorf("fresh converter: %v, %v", again, err)
			}
		})
	}
}

func TestStructBytes(t *testing.T) {
	s := schemas.StructBuilder().Field("i", schemas.Int32Schema).Field("s", schemas.OptionalStringSchema).
		Field("l", schemas.ArrayOf(schemas.Int64Schema).MustBuild()).MustBuild()
	st, _ := schemas.NewStruct(s)
	st.SetAt(0, int32(-1))
	st.SetAt(1, "ab")
	st.SetAt(2, []any{int64(1), int64(64)})
	c := testConverter(t, newFakeRegistry(), nil, false)
	b, err := c.FromConnectData("t", nil, s, st)
	if err != nil {
		t.Fatal(err)
	}
	// id 1; int -1 → 01; union branch 1 → 02, "ab" → 04 61 62; array block of 2: 04 02 80 01 00.
	want := []byte{0, 0, 0, 0, 1, 0x01, 0x02, 0x04, 'a', 'b', 0x04, 0x02, 0x80, 0x01, 0x00}
	if !bytes.Equal(b, want) {
		t.Errorf("bytes % x, want % x", b, want)
	}
}

func TestRegistryUsedOncePerSchema(t *testing.T) {
	reg := newFakeRegistry()
	c := testConverter(t, reg, nil, false)
	s := sensorSchema()
	st, _ := schemas.NewStruct(s)
	st.SetAt(0, int64(1))
	st.SetAt(2, int8(1))
	st.SetAt(3, schemas.Decimal{Unscaled: big.NewInt(1), Scale: 2})
	var b []byte
	var err error
	for range 3 {
		if b, err = c.FromConnectData("t", nil, s, st); err != nil {
			t.Fatal(err)
		}
	}
	afterEncode := reg.callCount()
	for range 3 {
		if _, _, err := c.ToConnectData("t", nil, b); err != nil {
			t.Fatal(err)
		}
	}
	if afterEncode != 1 || reg.callCount() != 3 { // register; then schema by id and the version look-up
		t.Errorf("registry calls: %d after encoding, %d in all", afterEncode, reg.callCount())
	}
}

func TestSubjectStrategies(t *testing.T) {
	named := schemas.StructBuilder().Name("com.example.V").Field("a", schemas.Int32Schema).MustBuild()
	st, _ := schemas.NewStruct(named)
	st.SetAt(0, int32(1))
	tests := []struct {
		strategy string
		isKey    bool
		want     string
	}{
		{"", false, "orders-value"},
		{"", true, "orders-key"},
		{"io.confluent.kafka.serializers.subject.RecordNameStrategy", false, "com.example.V"},
		{"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", true, "orders-com.example.V"},
	}
	for _, tt := range tests {
		reg := newFakeRegistry()
		props := map[string]string{}
		if tt.strategy != "" {
			props[KeySubjectStrategyConfig], props[ValSubjectStrategyConfig] = tt.strategy, tt.strategy
		}
		c := testConverter(t, reg, props, tt.isKey)
		if _, err := c.FromConnectData("orders", nil, named, st); err != nil {
			t.Fatal(err)
		}
		if _, ok := reg.subjects[tt.want]; !ok || len(reg.subjects) != 1 {
			t.Errorf("%s key=%v: subjects %v, want %s", tt.strategy, tt.isKey, reg.subjects, tt.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	reg := newFakeRegistry()
	c := testConverter(t, reg, nil, false)
	good, err := c.FromConnectData("t", nil, schemas.StringSchema, "hello")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		retriable bool
	}{
		{"wrong magic byte", append([]byte{1}, good[1:]...), false},
		{"too short", []byte{0, 0, 1}, false},
		{"unknown id", []byte{0, 0, 0, 0, 99, 2, 'a'}, false},
		{"truncated", good[:len(good)-2], false},
		{"negative length", []byte{0, 0, 0, 0, 1, 0x01}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := c.ToConnectData("t", nil, tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, schemas.ErrData) || connect.IsRetriable(err) {
				t.Errorf("want a data error, got %v", err)
			}
		})
	}
	t.Run("registry down", func(t *testing.T) {
		down := newFakeRegistry()
		down.down = true
		c := testConverter(t, down, nil, false)
		_, _, err := c.ToConnectData("t", nil, good)
		if !connect.IsRetriable(err) || errors.Is(err, schemas.ErrData) {
			t.Errorf("decode: want retriable, got %v", err)
		}
		_, err = c.FromConnectData("t", nil, schemas.StringSchema, "x")
		if !connect.IsRetriable(err) || errors.Is(err, schemas.ErrData) {
			t.Errorf("encode: want retriable, got %v", err)
		}
	})
	t.Run("null for required", func(t *testing.T) {
		if _, err := c.FromConnectData("t", nil, schemas.StringSchema, nil); !errors.Is(err, schemas.ErrData) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("wrong Go type", func(t *testing.T) {
		if _, err := c.FromConnectData("t", nil, schemas.Int32Schema, "x"); !errors.Is(err, schemas.ErrData) {
			t.Errorf("got %v", err)
		}
	})
}

func TestConfigErrorsListed(t *testing.T) {
	_, err := ParseConfig(map[string]string{AutoRegisterConfig: "maybe", ValSubjectStrategyConfig: "Nope",
		BasicAuthSourceConfig: "USER_INFO", BasicAuthUserInfoConfig: "u:p", BearerAuthSourceConfig: "STATIC_TOKEN",
		BearerAuthTokenConfig: "tok"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{RegistryURLConfig, AutoRegisterConfig, ValSubjectStrategyConfig, "not both"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	conf, err := ParseConfig(map[string]string{RegistryURLConfig: "http://u:p@127.0.0.1:8081/, http://127.0.0.1:8082"})
	if err != nil || conf.BasicAuthUserInfo != "u:p" || conf.URLs[0] != "http://127.0.0.1:8081" {
		t.Errorf("URL user info: %+v, %v", conf, err)
	}
}

// sameValue compares values, structs field by field: a decoded struct's schema carries the registry version
// (as with Confluent's converter), so it differs from the schema the struct was written with. Arrays and maps
// of structs compare element by element.
func sameValue(got, want any) bool {
	switch w := want.(type) {
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameValue(g[i], w[i]) {
				return false
			}
		}
		return true
	case schemas.Map:
		g, ok := got.(schemas.Map)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameValue(g[i].Key, w[i].Key) || !sameValue(g[i].Value, w[i].Value) {
				return false
			}
		}
		return true
	}
	gs, ok1 := got.(*schemas.Struct)
	ws, ok2 := want.(*schemas.Struct)
	if !ok1 || !ok2 {
		return schemas.Equal(got, want)
	}
	if len(gs.Schema().Fields()) != len(ws.Schema().Fields()) {
		return false
	}
	for i, f := range gs.Schema().Fields() {
		// An unset field with a default is written as the default.
		if !sameValue(gs.GetField(f), ws.GetField(ws.Schema().Fields()[i])) {
			return false
		}
	}
	return true
}

func TestSchemaless(t *testing.T) {
	reg := newFakeRegistry()
	c := testConverter(t, reg, nil, false)
	v := []any{int32(1), "two", schemas.Map{{Key: "k", Value: 2.5}}, nil}
	b, err := c.FromConnectData("t", nil, nil, v)
	if err != nil {
		t.Fatal(err)
	}
	if reg.byID[1].Schema != anythingSchemaText {
		t.Errorf("registered %s", reg.byID[1].Schema)
	}
	s, got, err := testConverter(t, reg, nil, false).ToConnectData("t", nil, b)
	if err != nil || s != nil || !sameValue(got, v) {
		t.Errorf("read %v %v %v", s, got, err)
	}
}

// TestSubjectPerTopic: one Connect schema written to two topics is registered under both topics' subjects.
func TestSubjectPerTopic(t *testing.T) {
	reg := newFakeRegistry()
	c := testConverter(t, reg, nil, false)
	for _, topic := range []string{"a", "b", "a"} {
		if _, err := c.FromConnectData(topic, nil, schemas.StringSchema, "x"); err != nil {
			t.Fatal(err)
		}
	}
	if len(reg.subjects["a-value"]) != 1 || len(reg.subjects["b-value"]) != 1 || reg.callCount() != 2 {
		t.Errorf("subjects %v after %d calls", reg.subjects, reg.callCount())
	}
}
