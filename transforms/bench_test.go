package transforms_test

import (
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// sensorJSON is the ~1 KiB connected-car record of the W1 workload.
const sensorJSON = `{"vin":"WVWZZZ1JZXW000001","ts":1700000000123,"seq":48213,"trip":{"id":"5f3c9a7e-2b1d-4c8e-9f0a-7d6e5c4b3a21","started":1699999100000,"distance_km":12.734,"driver":"d-20931"},"position":{"lat":52.520008,"lon":13.404954,"alt_m":34.2,"heading":271.5,"speed_kmh":48.6,"hdop":0.9,"sats":11,"fix":"3d"},"engine":{"rpm":2150,"load_pct":37.5,"coolant_c":89.0,"oil_c":97.25,"throttle_pct":18.4,"maf_gps":9.87,"running":true},"battery":{"voltage":12.64,"current_a":-3.2,"soc_pct":81,"soh_pct":96.5,"charging":false},"tires":[{"pos":"FL","kpa":234.5,"temp_c":31.2},{"pos":"FR","kpa":236.0,"temp_c":31.0},{"pos":"RL","kpa":229.8,"temp_c":29.9},{"pos":"RR","kpa":230.4,"temp_c":30.1}],"accel":[0.012,-0.034,9.811],"dtc":["P0420","P0171"],"doors_locked":true,"fuel_pct":63.2,"odometer_km":48213.7,"firmware":"ecu-4.2.17+build.5521","cabin":{"temp_c":21.5,"humidity_pct":44,"co2_ppm":812,"occupants":2,"seatbelts":[true,true,false,false]},"note":"Kühlmittel ok — \"nominal\"","alerts":null,"model":"ID.3 Pro S","region":"eu"}`

// sensorRecords returns the sensor record schemaless (as JsonConverter decodes it) and as a Struct.
func sensorRecords(tb testing.TB) (schemaless, withSchema connect.Record) {
	tb.Helper()
	conv, err := jsonconv.New(map[string]string{"schemas.enable": "false"}, false)
	if err != nil {
		tb.Fatal(err)
	}
	_, v, err := conv.ToConnectData("sensors", nil, []byte(sensorJSON))
	if err != nil {
		tb.Fatal(err)
	}
	base := connect.Record{Topic: "sensors-eu", Partition: 2, Timestamp: 1700000000123, Key: "WVWZZZ1JZXW000001",
		Headers: connect.Headers{{Key: "source", Schema: schemas.StringSchema, Value: "mqtt"}}}
	schemaless = base
	schemaless.Value = v
	s, st := toStruct(tb, "com.example.Sensor", v)
	withSchema = base
	withSchema.KeySchema = schemas.StringSchema
	withSchema.ValueSchema, withSchema.Value = s, st
	return schemaless, withSchema
}

// toStruct gives a schemaless value a schema: maps become structs, numbers INT64 or FLOAT64, nulls optional
// strings, arrays take their first element's schema.
func toStruct(tb testing.TB, name string, v any) (*schemas.Schema, any) {
	switch x := v.(type) {
	case schemas.Map:
		b := schemas.StructBuilder()
		if name != "" {
			b.Name(name)
		}
		vals := make([]any, len(x))
		for i, e := range x {
			s, val := toStruct(tb, "", e.Value)
			b.Field(e.Key.(string), s)
			vals[i] = val
		}
		s := b.MustBuild()
		st, err := schemas.NewStruct(s)
		if err != nil {
			tb.Fatal(err)
		}
		for i := range vals {
			st.SetAt(i, vals[i])
		}
		return s, st
	case []any:
		elem, _ := toStruct(tb, "", x[0])
		out := make([]any, len(x))
		for i, e := range x {
			_, out[i] = toStruct(tb, "", e)
		}
		return schemas.ArrayOf(elem).MustBuild(), out
	case nil:
		return schemas.OptionalStringSchema, nil
	case string:
		return schemas.StringSchema, x
	case bool:
		return schemas.BooleanSchema, x
	case int64:
		return schemas.Int64Schema, x
	case int32:
		return schemas.Int64Schema, int64(x)
	case float64:
		return schemas.Float64Schema, x
	}
	tb.Fatalf("unexpected %T", v)
	return nil, nil
}

// benchCases are one configuration of each SMT on the sensor record.
var benchCases = []struct {
	name  string
	class string
	props map[string]string
}{
	{"Cast", "Cast$Value", map[string]string{"spec": "seq:int32,fuel_pct:float32,vin:string"}},
	{"DropHeaders", "DropHeaders", map[string]string{"headers": "source"}},
	{"ExtractField", "ExtractField$Value", map[string]string{"field": "position.lat", "field.syntax.version": "V2"}},
	{"Filter", "Filter", map[string]string{}},
	{"Flatten", "Flatten$Value", map[string]string{}},
	{"HeaderFrom", "HeaderFrom$Value", map[string]string{"fields": "vin", "headers": "vin", "operation": "copy"}},
	{"HoistField", "HoistField$Value", map[string]string{"field": "payload"}},
	{"InsertField", "InsertField$Value", map[string]string{"static.field": "source", "static.value": "mqtt", "topic.field": "topic"}},
	{"InsertHeader", "InsertHeader", map[string]string{"header": "pipeline", "value.literal": "w1"}},
	{"MaskField", "MaskField$Value", map[string]string{"fields": "vin,firmware"}},
	{"RegexRouter", "RegexRouter", map[string]string{"regex": "sensors-(.*)", "replacement": "cars-$1"}},
	{"ReplaceField", "ReplaceField$Value", map[string]string{"renames": "ts:timestamp,seq:sequence", "exclude": "note,alerts"}},
	{"SetSchemaMetadata", "SetSchemaMetadata$Value", map[string]string{"schema.name": "com.example.Car", "schema.version": "2"}},
	{"TimestampConverter", "TimestampConverter$Value", map[string]string{"field": "ts", "target.type": "string", "format": "yyyy-MM-dd'T'HH:mm:ss.SSSZ"}},
	{"TimestampRouter", "TimestampRouter", map[string]string{}},
	{"ValueToKey", "ValueToKey", map[string]string{"fields": "vin"}},
}

// BenchmarkSMT measures each SMT on the sensor record: ns/op is ns per record; allocs/op are per record.
// SetSchemaMetadata only applies to records with a schema.
func BenchmarkSMT(b *testing.B) {
	schemaless, withSchema := sensorRecords(b)
	reg := registry(b)
	for _, bc := range benchCases {
		for _, data := range []struct {
			name string
			rec  connect.Record
		}{{"schemaless", schemaless}, {"schema", withSchema}} {
			if bc.name == "SetSchemaMetadata" && data.name == "schemaless" {
				continue
			}
			b.Run(bc.name+"/"+data.name, func(b *testing.B) {
				p, ok := reg.Lookup("org.apache.kafka.connect.transforms." + bc.class)
				if !ok {
					b.Fatal(bc.class)
				}
				tr, err := p.NewTransformation(bc.props)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := tr.Apply(data.rec); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, _, err := tr.Apply(data.rec); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkPredicate measures the predicates.
func BenchmarkPredicate(b *testing.B) {
	rec, _ := sensorRecords(b)
	reg := registry(b)
	for _, bc := range []struct {
		class string
		props map[string]string
	}{
		{"TopicNameMatches", map[string]string{"pattern": "sensors-.*"}},
		{"HasHeaderKey", map[string]string{"name": "source"}},
		{"RecordIsTombstone", map[string]string{}},
	} {
		b.Run(bc.class, func(b *testing.B) {
			p, _ := reg.Lookup("org.apache.kafka.connect.transforms.predicates." + bc.class)
			pr, err := p.NewPredicate(bc.props)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				pr.Test(rec)
			}
		})
	}
}

// TestSchemalessAllocations holds the schemaless path to at most 4 allocations per record per SMT (the design
// target), so a regression shows in plain go test.
func TestSchemalessAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	rec, _ := sensorRecords(t)
	reg := registry(t)
	for _, bc := range benchCases {
		if bc.name == "SetSchemaMetadata" {
			continue
		}
		p, _ := reg.Lookup("org.apache.kafka.connect.transforms." + bc.class)
		tr, err := p.NewTransformation(bc.props)
		if err != nil {
			t.Fatal(err)
		}
		n := testing.AllocsPerRun(200, func() {
			if _, _, err := tr.Apply(rec); err != nil {
				t.Fatal(err)
			}
		})
		if n > 4 {
			t.Errorf("%s: %v allocations per record", bc.name, n)
		}
	}
}

// BenchmarkW1Chain is W1's chain (bench/w1) on the decoded sensor record: InsertField, ReplaceField and
// TimestampConverter in a row, as a sink task applies them — the SMTs' share of a W1 record's cost.
func BenchmarkW1Chain(b *testing.B) {
	rec, _ := sensorRecords(b)
	reg := registry(b)
	var chain []connect.Transformation
	for _, s := range []struct {
		class string
		props map[string]string
	}{
		{"InsertField$Value", map[string]string{"static.field": "pipeline", "static.value": "w1"}},
		{"ReplaceField$Value", map[string]string{"renames": "ts:timestamp,seq:sequence", "exclude": "note,alerts"}},
		{"TimestampConverter$Value", map[string]string{"field": "timestamp", "target.type": "string",
			"format": "yyyy-MM-dd'T'HH:mm:ss.SSSZ"}},
	} {
		p, _ := reg.Lookup("org.apache.kafka.connect.transforms." + s.class)
		t, err := p.NewTransformation(s.props)
		if err != nil {
			b.Fatal(err)
		}
		chain = append(chain, t)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := rec
		for _, t := range chain {
			var err error
			if r, _, err = t.Apply(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}
