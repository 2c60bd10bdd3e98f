package golden

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// Schema reads a schema description; JSON null (or nothing) is no schema.
func Schema(raw json.RawMessage) (*schemas.Schema, error) {
	if isNull(raw) {
		return nil, nil
	}
	return jsonconv.UnmarshalSchema(raw)
}

// SchemaJSON describes a schema (null for nil).
func SchemaJSON(s *schemas.Schema) (json.RawMessage, error) {
	if s == nil {
		return json.RawMessage("null"), nil
	}
	return jsonconv.MarshalSchema(s)
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// Value reads a tagged value into its canonical Go form.
func Value(raw json.RawMessage) (any, error) {
	if isNull(raw) {
		return nil, nil
	}
	var tagged map[string]json.RawMessage
	if err := json.Unmarshal(raw, &tagged); err != nil {
		return nil, fmt.Errorf("golden: tagged value %s: %w", raw, err)
	}
	if len(tagged) != 1 {
		return nil, fmt.Errorf("golden: tagged value %s must have exactly one key", raw)
	}
	for tag, v := range tagged {
		return tagValue(tag, v)
	}
	panic("unreachable")
}

func tagValue(tag string, v json.RawMessage) (any, error) {
	var err error
	switch tag {
	case "int8", "int16", "int32", "date":
		var n int64
		if err = json.Unmarshal(v, &n); err != nil {
			break
		}
		switch tag {
		case "int8":
			return int8(n), nil
		case "int16":
			return int16(n), nil
		case "int32":
			return int32(n), nil
		}
		return time.UnixMilli(n).UTC(), nil
	case "int64":
		var s string
		if err = json.Unmarshal(v, &s); err != nil {
			break
		}
		return strconv.ParseInt(s, 10, 64)
	case "float32", "float64":
		var s string
		if err = json.Unmarshal(v, &s); err != nil {
			break
		}
		if tag == "float32" {
			f, err := strconv.ParseFloat(s, 32)
			return float32(f), err
		}
		return strconv.ParseFloat(s, 64)
	case "boolean":
		var b bool
		err = json.Unmarshal(v, &b)
		return b, err
	case "string":
		var s string
		err = json.Unmarshal(v, &s)
		return s, err
	case "bytes":
		var s string
		if err = json.Unmarshal(v, &s); err != nil {
			break
		}
		return base64.StdEncoding.DecodeString(s)
	case "array":
		var elems []json.RawMessage
		if err = json.Unmarshal(v, &elems); err != nil {
			break
		}
		out := make([]any, 0, len(elems))
		for _, e := range elems {
			x, err := Value(e)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case "map":
		var entries [][2]json.RawMessage
		if err = json.Unmarshal(v, &entries); err != nil {
			break
		}
		out := make(schemas.Map, 0, len(entries))
		for _, e := range entries {
			k, err := Value(e[0])
			if err != nil {
				return nil, err
			}
			x, err := Value(e[1])
			if err != nil {
				return nil, err
			}
			out = append(out, schemas.MapEntry{Key: k, Value: x})
		}
		return out, nil
	case "struct":
		var st struct {
			Schema json.RawMessage   `json:"schema"`
			Values []json.RawMessage `json:"values"`
		}
		if err = json.Unmarshal(v, &st); err != nil {
			break
		}
		s, err := Schema(st.Schema)
		if err != nil {
			return nil, fmt.Errorf("golden: struct schema: %w", err)
		}
		out, err := schemas.NewStruct(s)
		if err != nil {
			return nil, err
		}
		if len(st.Values) != len(s.Fields()) {
			return nil, fmt.Errorf("golden: struct has %d values for %d fields", len(st.Values), len(s.Fields()))
		}
		for i, f := range s.Fields() {
			x, err := Value(st.Values[i])
			if err != nil {
				return nil, err
			}
			out.SetAt(f.Index, x)
		}
		return out, nil
	case "decimal":
		var d struct {
			Unscaled string `json:"unscaled"`
			Scale    int32  `json:"scale"`
		}
		if err = json.Unmarshal(v, &d); err != nil {
			break
		}
		u, ok := new(big.Int).SetString(d.Unscaled, 10)
		if !ok {
			return nil, fmt.Errorf("golden: bad unscaled value %q", d.Unscaled)
		}
		return schemas.Decimal{Unscaled: u, Scale: d.Scale}, nil
	default:
		return nil, fmt.Errorf("golden: unknown tag %q", tag)
	}
	return nil, fmt.Errorf("golden: tag %q: %w", tag, err)
}

// Tag writes a canonical Go value in tagged form.
func Tag(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := appendTag(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func appendTag(b *bytes.Buffer, v any) error {
	put := func(tag string, x any) error {
		j, err := json.Marshal(x)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, `{%q:%s}`, tag, j)
		return nil
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
		return nil
	case int8:
		return put("int8", x)
	case int16:
		return put("int16", x)
	case int32:
		return put("int32", x)
	case int64:
		return put("int64", strconv.FormatInt(x, 10))
	case float32:
		return put("float32", string(jsonconv.AppendFloat(nil, x)))
	case float64:
		return put("float64", string(jsonconv.AppendDouble(nil, x)))
	case bool:
		return put("boolean", x)
	case string:
		return put("string", x)
	case []byte:
		return put("bytes", base64.StdEncoding.EncodeToString(x))
	case time.Time:
		return put("date", x.UnixMilli())
	case schemas.Decimal:
		u := "0"
		if x.Unscaled != nil {
			u = x.Unscaled.String()
		}
		fmt.Fprintf(b, `{"decimal":{"unscaled":%q,"scale":%d}}`, u, x.Scale)
		return nil
	case []any:
		b.WriteString(`{"array":[`)
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendTag(b, e); err != nil {
				return err
			}
		}
		b.WriteString("]}")
		return nil
	case schemas.Map:
		b.WriteString(`{"map":[`)
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			if err := appendTag(b, e.Key); err != nil {
				return err
			}
			b.WriteByte(',')
			if err := appendTag(b, e.Value); err != nil {
				return err
			}
			b.WriteByte(']')
		}
		b.WriteString("]}")
		return nil
	case *schemas.Struct:
		s, err := SchemaJSON(x.Schema())
		if err != nil {
			return err
		}
		b.WriteString(`{"struct":{"schema":`)
		b.Write(s)
		b.WriteString(`,"values":[`)
		for i := range x.Schema().Fields() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendTag(b, x.ValueAt(i)); err != nil {
				return err
			}
		}
		b.WriteString("]}}")
		return nil
	}
	return fmt.Errorf("golden: cannot tag %T", v)
}

// Load reads a golden JSON file into v, failing the test when it cannot.
func Load(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (regenerate with the command in the testdata README)", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("golden: %s: %v", path, err)
	}
}

// Diff compares two Connect values as Kafka's equals would (schemas.Equal: maps regardless of order, floats by
// bits) and returns "" when they are equal, else both sides in tagged form.
func Diff(want, got any) string {
	if schemas.Equal(want, got) {
		return ""
	}
	return fmt.Sprintf("want %s\n got %s", tagString(want), tagString(got))
}

// DiffSchema compares two schemas with Schema.Equal and returns "" when they are equal.
func DiffSchema(want, got *schemas.Schema) string {
	if want.Equal(got) {
		return ""
	}
	w, _ := SchemaJSON(want)
	g, _ := SchemaJSON(got)
	return fmt.Sprintf("want schema %s\n got schema %s", w, g)
}

func tagString(v any) string {
	t, err := Tag(v)
	if err != nil {
		return fmt.Sprintf("%#v (%v)", v, err)
	}
	return string(t)
}

// Float32 and Float64 parse Java's Float.toString / Double.toString text (NaN, Infinity, -Infinity included).
func Float32(s string) (float32, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
	return float32(f), err
}

// Float64 parses Java's Double.toString text.
func Float64(s string) (float64, error) { return strconv.ParseFloat(strings.TrimSpace(s), 64) }

// MustSchema is Schema for a test: a description it cannot read fails the test.
func MustSchema(t testing.TB, raw json.RawMessage) *schemas.Schema {
	t.Helper()
	s, err := Schema(raw)
	if err != nil {
		t.Fatalf("golden: schema %s: %v", raw, err)
	}
	return s
}

// MustValue is Value for a test: a tagged value it cannot read fails the test.
func MustValue(t testing.TB, raw json.RawMessage) any {
	t.Helper()
	v, err := Value(raw)
	if err != nil {
		t.Fatalf("golden: value %s: %v", raw, err)
	}
	return v
}
