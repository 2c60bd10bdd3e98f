package schemas

import (
	"errors"
	"testing"
)

func TestProject(t *testing.T) {
	src := StructBuilder().Name("r").Field("a", Int8Schema).Field("b", OptionalStringSchema).MustBuild()
	st, _ := NewStruct(src)
	_ = st.Put("a", int8(5))
	tests := []struct {
		name           string
		source, target *Schema
		value          any
		want           any
		err            string
	}{
		{"widen", Int8Schema, Int64Schema, int8(-3), int64(-3), ""},
		{"int64 to float32 rounds once", Int64Schema, Float32Schema, int64(9007199254740993), float32(9007199254740992), ""},
		{"narrow", Int64Schema, Int8Schema, int64(1), nil, "Schema type mismatch. source type: INT64 and target type: INT8"},
		{"optional to required", OptionalInt32Schema, Int32Schema, nil, nil,
			"Writer schema is optional, however, target schema does not provide a default value."},
		{"default", OptionalInt32Schema, NewBuilder(TypeInt32).Default(int32(9)).MustBuild(), nil, int32(9), ""},
		{"name", DateSchema, Int32Schema, day(1970, 1, 1), nil,
			"Schema name mismatch. source name: org.apache.kafka.connect.data.Date and target name: null"},
		{"params", DecimalBuilder(1).MustBuild(), DecimalBuilder(2).MustBuild(), nil, nil,
			"Schema parameters not equal. source parameters: {scale=1} and target parameters: {scale=2}"},
		{"missing field", src, StructBuilder().Name("r").Field("c", Int8Schema).MustBuild(), st, nil,
			"Required field `c` is missing from source schema: Schema{r:STRUCT}"},
		{"nested", src, StructBuilder().Name("r").Field("a", StringSchema).MustBuild(), st, nil, "Error projecting a"},
	}
	for _, tt := range tests {
		got, err := Project(tt.source, tt.value, tt.target)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err || !errors.Is(err, ErrData) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !Equal(got, tt.want) {
			t.Errorf("%s: %#v, %v; want %#v", tt.name, got, err, tt.want)
		}
	}
	_, err := Project(src, st, StructBuilder().Name("r").Field("a", StringSchema).MustBuild())
	var pe *ProjectorError
	if !errors.As(err, &pe) || pe.Cause == nil || pe.Cause.Error() != "Schema type mismatch. source type: INT8 and target type: STRING" {
		t.Errorf("nested cause: %#v", err)
	}
}
