package schemas_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
)

// Golden vectors from Kafka's own Values class (oracle ValuesGolden; see testdata/README.md).

var identityHash = regexp.MustCompile(`\[B@[0-9a-f]+`)

// checkJavaError checks err against the exception Kafka threw: a DataException (or subclass) must be an ErrData
// error with the same message (byte arrays' identity hashes aside); other exceptions must be errors that are not.
func checkJavaError(t *testing.T, name string, want *golden.JavaError, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: want %s %q, got no error", name, want.Class, want.Message)
		return
	}
	if !want.Data {
		if errors.Is(err, schemas.ErrData) {
			t.Errorf("%s: want a non-data error like %s, got data error %q", name, want.Class, err)
		}
		return
	}
	if !errors.Is(err, schemas.ErrData) {
		t.Errorf("%s: want a data error %q, got %q", name, want.Message, err)
	}
	if identityHash.ReplaceAllString(err.Error(), "[B@") != identityHash.ReplaceAllString(want.Message, "[B@") {
		t.Errorf("%s: message\nwant %q\n got %q", name, want.Message, err.Error())
	}
}

type valuesGolden struct {
	Parse []struct {
		Input  string            `json:"input"`
		Null   bool              `json:"null"`
		Schema json.RawMessage   `json:"schema"`
		Value  json.RawMessage   `json:"value"`
		String *string           `json:"string"`
		Type   string            `json:"type"`
		Error  *golden.JavaError `json:"error"`
	} `json:"parse"`
	Render []struct {
		Name   string            `json:"name"`
		Schema json.RawMessage   `json:"schema"`
		Value  json.RawMessage   `json:"value"`
		String *string           `json:"string"`
		Error  *golden.JavaError `json:"error"`
	} `json:"render"`
	Convert []struct {
		Fn     string            `json:"fn"`
		Schema json.RawMessage   `json:"schema"`
		Value  json.RawMessage   `json:"value"`
		Result json.RawMessage   `json:"result"`
		Error  *golden.JavaError `json:"error"`
	} `json:"convert"`
	Infer []struct {
		Value  json.RawMessage   `json:"value"`
		Schema json.RawMessage   `json:"schema"`
		Error  *golden.JavaError `json:"error"`
	} `json:"infer"`
}

func loadValuesGolden(t *testing.T) *valuesGolden {
	t.Helper()
	var g valuesGolden
	golden.Load(t, "testdata/values_golden.json", &g)
	return &g
}

func TestGoldenParseString(t *testing.T) {
	g := loadValuesGolden(t)
	if len(g.Parse) < 150 {
		t.Fatalf("only %d parse cases", len(g.Parse))
	}
	for _, c := range g.Parse {
		name := strconv.Quote(c.Input)
		if len(name) > 60 {
			name = name[:60] + "..."
		}
		sch, v, err := schemas.ParseString(c.Input)
		switch {
		case c.Error != nil:
			if err == nil {
				t.Errorf("%s: want %s, got %v %v", name, c.Error.Class, sch, v)
			}
			continue
		case err != nil:
			t.Errorf("%s: %v", name, err)
			continue
		case c.Null:
			if sch != nil || v != nil {
				t.Errorf("%s: want null, got %v %#v", name, sch, v)
			}
			continue
		}
		if c.Type != "" {
			if sch.Type().String() != c.Type {
				t.Errorf("%s: type %s, want %s", name, sch.Type(), c.Type)
			}
		} else {
			if d := golden.DiffSchemaTree(c.Schema, sch); d != "" {
				t.Errorf("%s: %s", name, d)
			}
			want := golden.MustValue(t, c.Value)
			if d := golden.Diff(want, v); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		}
		s, _, err := schemas.ConvertToString(sch, v)
		if err != nil {
			t.Errorf("%s: render: %v", name, err)
		} else if c.String != nil && s != *c.String {
			t.Errorf("%s: renders as %q, want %q", name, s, *c.String)
		}
	}
}

func TestGoldenConvertToString(t *testing.T) {
	g := loadValuesGolden(t)
	for _, c := range g.Render {
		sch := golden.MustSchema(t, c.Schema)
		v := golden.MustValue(t, c.Value)
		s, _, err := schemas.ConvertToString(sch, v)
		if c.Error != nil {
			checkJavaError(t, c.Name, c.Error, err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
		} else if s != *c.String {
			t.Errorf("%s: got %q, want %q", c.Name, s, *c.String)
		}
	}
}

// convertByName calls the ConvertToX function Kafka's convertToX corresponds to, returning nil for a null result.
func convertByName(fn string, s *schemas.Schema, v any) (any, error) {
	wrap := func(x any, ok bool, err error) (any, error) {
		if err != nil || !ok {
			return nil, err
		}
		return x, nil
	}
	switch fn {
	case "Boolean":
		return wrap(schemas.ConvertToBoolean(s, v))
	case "Byte":
		return wrap(schemas.ConvertToByte(s, v))
	case "Short":
		return wrap(schemas.ConvertToShort(s, v))
	case "Integer":
		return wrap(schemas.ConvertToInteger(s, v))
	case "Long":
		return wrap(schemas.ConvertToLong(s, v))
	case "Float":
		return wrap(schemas.ConvertToFloat(s, v))
	case "Double":
		return wrap(schemas.ConvertToDouble(s, v))
	case "String":
		return wrap(schemas.ConvertToString(s, v))
	case "List":
		return schemas.ConvertToList(s, v)
	case "Map":
		return schemas.ConvertToMap(s, v)
	case "Struct":
		return schemas.ConvertToStruct(s, v)
	case "Time":
		return schemas.ConvertToTime(s, v)
	case "Date":
		return schemas.ConvertToDate(s, v)
	case "Timestamp":
		return schemas.ConvertToTimestamp(s, v)
	case "Decimal":
		return schemas.ConvertToDecimal(s, v, 2)
	}
	return nil, fmt.Errorf("unknown conversion %s", fn)
}

func TestGoldenConvert(t *testing.T) {
	g := loadValuesGolden(t)
	for i, c := range g.Convert {
		sch := golden.MustSchema(t, c.Schema)
		v := golden.MustValue(t, c.Value)
		name := fmt.Sprintf("#%d convertTo%s(%s, %s)", i, c.Fn, sch, c.Value)
		got, err := convertByName(c.Fn, sch, v)
		if c.Error != nil {
			checkJavaError(t, name, c.Error, err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want := golden.MustValue(t, c.Result)
		if d := golden.Diff(want, got); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
}

func TestGoldenInferSchema(t *testing.T) {
	g := loadValuesGolden(t)
	for _, c := range g.Infer {
		v := golden.MustValue(t, c.Value)
		name := "inferSchema(" + strings.TrimSpace(string(c.Value)) + ")"
		got, err := schemas.InferSchema(v)
		if c.Error != nil {
			checkJavaError(t, name, c.Error, err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if d := golden.DiffSchemaTree(c.Schema, got); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	}
}
