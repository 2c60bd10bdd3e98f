package avroconv

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/schemas"
)

// goldenCase is one golden vector: a Connect schema and value, whose Avro schema and bytes Sluice produces and
// Apache Avro's Java library checks (oracle AvroGolden.java).
type goldenCase struct {
	name   string
	schema *schemas.Schema
	value  any
	conf   dataConfig
}

type leafKind struct {
	name   string
	build  func() *schemas.Builder
	values []any
}

func mustDecimal(s string, scale int32) schemas.Decimal {
	n, _ := new(big.Int).SetString(s, 10)
	return schemas.Decimal{Unscaled: n, Scale: scale}
}

func leafKinds() []leafKind {
	b := func(t schemas.Type) func() *schemas.Builder {
		return func() *schemas.Builder { return schemas.NewBuilder(t) }
	}
	ms := func(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
	return []leafKind{
		{"int8", b(schemas.TypeInt8), []any{int8(-128), int8(0), int8(127)}},
		{"int16", b(schemas.TypeInt16), []any{int16(-32768), int16(300), int16(32767)}},
		{"int32", b(schemas.TypeInt32), []any{int32(math.MinInt32), int32(-1), int32(63), int32(64), int32(math.MaxInt32)}},
		{"int64", b(schemas.TypeInt64), []any{int64(math.MinInt64), int64(-65), int64(0), int64(1) << 40, int64(math.MaxInt64)}},
		{"float32", b(schemas.TypeFloat32), []any{float32(0), float32(-1.5), float32(math.MaxFloat32), float32(math.SmallestNonzeroFloat32)}},
		{"float64", b(schemas.TypeFloat64), []any{0.1, -2.5e300, math.SmallestNonzeroFloat64}},
		{"boolean", b(schemas.TypeBoolean), []any{true, false}},
		{"string", b(schemas.TypeString), []any{"", "a", "héllo ✓ \"quoted\"\n", strings.Repeat("long ", 60)}},
		{"bytes", b(schemas.TypeBytes), []any{[]byte{}, []byte{0, 255, 128, 1}, []byte(strings.Repeat("x", 200))}},
		{"decimal2", func() *schemas.Builder { return schemas.DecimalBuilder(2) },
			[]any{mustDecimal("-12345", 2), mustDecimal("0", 2), mustDecimal("1000000000000000000000000000000", 2), mustDecimal("-128", 2), mustDecimal("255", 2)}},
		{"decimal0p10", func() *schemas.Builder { return schemas.DecimalBuilder(0).Param(paramDecimalPrecision, "10") },
			[]any{mustDecimal("9999999999", 0), mustDecimal("-1", 0)}},
		{"date", schemas.DateBuilder, []any{ms(0), ms(19000 * 86400_000), ms(-86400_000)}},
		{"time", schemas.TimeBuilder, []any{ms(0), ms(86399_999)}},
		{"timestamp", schemas.TimestampBuilder, []any{ms(0), ms(1700000000123), ms(-1)}},
	}
}

// goldenCorpus builds the golden cases: every leaf type alone, optional (with and without default), in a
// struct, array and maps with string and non-string keys, plus names, docs, parameters, nesting and the
// enhanced schema support of enums.
func goldenCorpus() []goldenCase {
	meta := dataConfig{connectMetaData: true}
	var out []goldenCase
	add := func(name string, s *schemas.Schema, v any) {
		out = append(out, goldenCase{name: name, schema: s, value: v, conf: meta})
	}
	for _, k := range leafKinds() {
		req := k.build().MustBuild()
		opt := k.build().Optional().MustBuild()
		withDef := k.build().Optional().Default(k.values[len(k.values)-1]).MustBuild()
		for i, v := range k.values {
			add(fmt.Sprintf("%s/%d", k.name, i), req, v)
			st, _ := schemas.NewStruct(schemas.StructBuilder().Field("f", req).Field("o", opt).Field("d", withDef).MustBuild())
			st.SetAt(0, v)
			if i%2 == 0 {
				st.SetAt(1, v)
			}
			if i%3 == 1 {
				st.SetAt(2, v)
			}
			add(fmt.Sprintf("%s/struct/%d", k.name, i), st.Schema(), st)
		}
		add(k.name+"/optional/null", opt, nil)
		add(k.name+"/optional/value", opt, k.values[0])
		arr := schemas.ArrayOf(opt).MustBuild()
		add(k.name+"/array", arr, append(append([]any{}, k.values...), nil))
		add(k.name+"/array/empty", arr, []any{})
		sm := schemas.MapOf(schemas.StringSchema, req).MustBuild()
		var entries schemas.Map
		for i, v := range k.values {
			entries = append(entries, schemas.MapEntry{Key: "k" + strconv.Itoa(i), Value: v})
		}
		add(k.name+"/map", sm, entries)
		km := schemas.MapOf(req, schemas.OptionalStringSchema).MustBuild()
		var kentries schemas.Map
		for i, v := range k.values {
			if k.name == "float32" || k.name == "float64" || k.name == "bytes" {
				break // unique keys are all the corpus needs; these do not compare as map keys in Java
			}
			kentries = append(kentries, schemas.MapEntry{Key: v, Value: "v" + strconv.Itoa(i)})
		}
		add(k.name+"/map-keys", km, kentries)
	}
	named := schemas.StructBuilder().Name("com.example.sensors.Reading").Version(3).Doc("One reading.").
		Param("owner", "team-a").
		Field("id", schemas.StringSchema).
		Field("inner", schemas.StructBuilder().Name("com.example.sensors.Inner").Field("x", schemas.Int32Schema).MustBuild()).
		Field("inner2", schemas.StructBuilder().Name("other.ns.Inner").Optional().Field("y", schemas.Int64Schema).MustBuild()).
		Field("anon", schemas.StructBuilder().Field("z", schemas.BooleanSchema).MustBuild()).
		Field("list", schemas.ArrayOf(schemas.StructBuilder().Field("w", schemas.Float64Schema).MustBuild()).MustBuild()).
		MustBuild()
	st, _ := schemas.NewStruct(named)
	in, _ := schemas.NewStruct(named.Fields()[1].Schema)
	in.SetAt(0, int32(5))
	an, _ := schemas.NewStruct(named.Fields()[3].Schema)
	an.SetAt(0, true)
	el, _ := schemas.NewStruct(named.Fields()[4].Schema.ValueSchema())
	el.SetAt(0, 2.5)
	st.SetAt(0, "r1")
	st.SetAt(1, in)
	st.SetAt(3, an)
	st.SetAt(4, []any{el, el})
	add("named/nested", named, st)
	noMeta := named
	out = append(out, goldenCase{name: "named/no-metadata", schema: noMeta, value: st, conf: dataConfig{}})
	enum := schemas.NewBuilder(schemas.TypeString).Param(enumParam, "com.example.Color").
		Param(enumParam+".RED", "RED").Param(enumParam+".GREEN", "GREEN").MustBuild()
	out = append(out, goldenCase{name: "enum/enhanced", schema: enum, value: "GREEN",
		conf: dataConfig{connectMetaData: true, enhanced: true}})
	add("enum/plain", enum, "GREEN")
	union := schemas.StructBuilder().Name(unionName).Optional().
		Field("int", schemas.OptionalInt32Schema).Field("string", schemas.OptionalStringSchema).MustBuild()
	u, _ := schemas.NewStruct(union)
	u.SetAt(1, "s")
	add("union/string", union, u)
	add("union/null", union, nil)
	scrub := schemas.StructBuilder().Name("my-ns.bad name").Field("0field", schemas.Int32Schema).
		Field("with-dash", schemas.StringSchema).MustBuild()
	ss, _ := schemas.NewStruct(scrub)
	ss.SetAt(0, int32(1))
	ss.SetAt(1, "x")
	out = append(out, goldenCase{name: "scrub", schema: scrub, value: ss,
		conf: dataConfig{connectMetaData: true, scrubNames: true}})
	doc := schemas.NewBuilder(schemas.TypeString).Doc("a doc with \"quotes\" and <html> & é").Name("my.Str").
		Version(1).Param("p1", "v1").MustBuild()
	add("string/doc-name-params", doc, "x")
	hash := schemas.NewBuilder(schemas.TypeBytes).Name("com.example.Hash").Param(paramFixedSize, "4").MustBuild()
	add("fixed/named", hash, []byte{1, 2, 3, 4})
	add("fixed/unnamed", schemas.NewBuilder(schemas.TypeBytes).Param(paramFixedSize, "2").MustBuild(), []byte{9, 0})
	fixedDec := schemas.DecimalBuilder(2).Param(paramDecimalPrecision, "10").Param(paramFixedSize, "8").MustBuild()
	for i, d := range []string{"-12345", "123", "0"} {
		add(fmt.Sprintf("fixed/decimal/%d", i), fixedDec, mustDecimal(d, 2))
	}
	withFixed := schemas.StructBuilder().Field("h", hash).
		Field("o", schemas.NewBuilder(schemas.TypeBytes).Name("com.example.Hash2").Param(paramFixedSize, "3").Optional().MustBuild()).
		MustBuild()
	wf, _ := schemas.NewStruct(withFixed)
	wf.SetAt(0, []byte{4, 3, 2, 1})
	wf.SetAt(1, []byte{7, 7, 7})
	add("fixed/struct", withFixed, wf)
	for i, v := range []any{true, []byte{1, 2}, 2.5, float32(-1), int32(-7), int64(1) << 50, "s",
		[]any{int32(1), "two", nil, []any{false}}, schemas.Map{{Key: "k", Value: int64(1)}, {Key: int32(2), Value: nil}}} {
		add(fmt.Sprintf("schemaless/%d", i), nil, v)
	}
	return out
}

// avroJSON renders a Connect value as Avro's JSON encoding of schema as (independently of the binary encoder),
// for the Java oracle to encode.
func avroJSON(as *avroSchema, cs *schemas.Schema, v any) (any, error) {
	if cs == nil {
		return anythingJSON(v), nil
	}
	if v == nil && cs.Default() != nil {
		v = cs.Default()
	}
	switch as.kind {
	case kUnion:
		if v == nil {
			return nil, nil
		}
		if cs.Name() == unionName {
			st := v.(*schemas.Struct)
			bi := 0
			for _, b := range as.branches {
				if b.kind == kNull {
					continue
				}
				f := cs.Fields()[bi]
				bi++
				if fv := st.GetField(f); fv != nil {
					inner, err := avroJSON(b, f.Schema, fv)
					return map[string]any{branchName(b): inner}, err
				}
			}
			return nil, nil
		}
		for _, b := range as.branches {
			if b.kind != kNull {
				inner, err := avroJSON(b, cs, v)
				return map[string]any{branchName(b): inner}, err
			}
		}
	case kNull:
		return nil, nil
	case kBoolean:
		return v, nil
	case kInt:
		switch x := v.(type) {
		case int8:
			return x, nil
		case int16:
			return x, nil
		case int32:
			return x, nil
		case time.Time:
			return logicalInt32(cs, x)
		}
	case kLong:
		switch x := v.(type) {
		case int64:
			return json.Number(strconv.FormatInt(x, 10)), nil
		case time.Time:
			return x.UnixMilli(), nil
		}
	case kFloat:
		return json.Number(strconv.FormatFloat(float64(v.(float32)), 'g', -1, 32)), nil
	case kDouble:
		return json.Number(strconv.FormatFloat(v.(float64), 'g', -1, 64)), nil
	case kString, kEnum:
		return v, nil
	case kBytes, kFixed:
		b, ok := v.([]byte)
		if d, isDec := v.(schemas.Decimal); isDec {
			var err error
			if b, err = schemas.DecimalToBytes(cs, d); err != nil {
				return nil, err
			}
			if as.kind == kFixed {
				// Sign-extended to the fixed size, as Avro's DecimalConversion.toFixed.
				pad := byte(0)
				if d.Unscaled.Sign() < 0 {
					pad = 0xff
				}
				for len(b) < as.size {
					b = append([]byte{pad}, b...)
				}
			}
			ok = true
		}
		if !ok {
			break
		}
		return latin1(b), nil
	case kArray:
		if cs.Type() == schemas.TypeMap {
			var out []any
			for _, e := range v.(schemas.Map) {
				k, err := avroJSON(as.items.fields[0].schema, cs.KeySchema(), e.Key)
				if err != nil {
					return nil, err
				}
				val, err := avroJSON(as.items.fields[1].schema, cs.ValueSchema(), e.Value)
				if err != nil {
					return nil, err
				}
				out = append(out, map[string]any{"key": k, "value": val})
			}
			if out == nil {
				out = []any{}
			}
			return out, nil
		}
		out := []any{}
		for _, e := range v.([]any) {
			j, err := avroJSON(as.items, cs.ValueSchema(), e)
			if err != nil {
				return nil, err
			}
			out = append(out, j)
		}
		return out, nil
	case kMap:
		out := map[string]any{}
		for _, e := range v.(schemas.Map) {
			j, err := avroJSON(as.values, cs.ValueSchema(), e.Value)
			if err != nil {
				return nil, err
			}
			out[e.Key.(string)] = j
		}
		return out, nil
	case kRecord:
		st := v.(*schemas.Struct)
		out := map[string]any{}
		for i, af := range as.fields {
			f := cs.Fields()[i]
			j, err := avroJSON(af.schema, f.Schema, st.GetField(f))
			if err != nil {
				return nil, err
			}
			out[af.name] = j
		}
		return out, nil
	}
	return nil, fmt.Errorf("no Avro JSON for %s value %T", as.kind, v)
}

func branchName(b *avroSchema) string {
	switch b.kind {
	case kRecord, kEnum, kFixed:
		return b.fullName()
	}
	return b.kind.String()
}

// anythingJSON renders a schemaless value as the JSON encoding of Confluent's Anything record.
func anythingJSON(v any) map[string]any {
	rec := map[string]any{"boolean": nil, "bytes": nil, "double": nil, "float": nil, "int": nil, "long": nil,
		"string": nil, "array": nil, "map": nil}
	switch x := v.(type) {
	case bool:
		rec["boolean"] = map[string]any{"boolean": x}
	case []byte:
		rec["bytes"] = map[string]any{"bytes": latin1(x)}
	case float64:
		rec["double"] = map[string]any{"double": json.Number(strconv.FormatFloat(x, 'g', -1, 64))}
	case float32:
		rec["float"] = map[string]any{"float": json.Number(strconv.FormatFloat(float64(x), 'g', -1, 32))}
	case int32:
		rec["int"] = map[string]any{"int": x}
	case int64:
		rec["long"] = map[string]any{"long": json.Number(strconv.FormatInt(x, 10))}
	case string:
		rec["string"] = map[string]any{"string": x}
	case []any:
		items := []any{}
		for _, e := range x {
			items = append(items, anythingJSON(e))
		}
		rec["array"] = map[string]any{"array": items}
	case schemas.Map:
		entries := []any{}
		for _, e := range x {
			entries = append(entries, map[string]any{"key": anythingJSON(e.Key), "value": anythingJSON(e.Value)})
		}
		rec["map"] = map[string]any{"array": entries}
	}
	return rec
}
