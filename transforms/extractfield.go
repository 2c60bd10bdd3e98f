package transforms

import (
	"errors"
	"strings"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
)

const extractFieldPurpose = "field extraction"

const fieldSyntaxVersionDoc = "Defines the version of the syntax to access fields. If set to <code>V1</code>, then " +
	"the field paths are limited to access the elements at the root level of the struct or map. If set to " +
	"<code>V2</code>, the syntax will support accessing nested elements. To access nested elements, dotted notation " +
	"is used. If dots are already included in the field name, then backtick pairs can be used to wrap field names " +
	"containing dots. E.g. to access the subfield <code>baz</code> from a field named \"foo.bar\" in a struct/map " +
	"the following format can be used to access its elements: \"<code>foo.bar</code>.baz\"."

// fieldSyntaxKey is Kafka's FieldSyntaxVersion.appendConfigTo.
var fieldSyntaxKey = config.Key{Name: "field.syntax.version", Type: config.TypeString, Default: "V1",
	Validator: config.InIgnoreCase("V1", "V2"), Importance: config.ImportanceHigh, Doc: fieldSyntaxVersionDoc}

var extractFieldDef = config.NewDef().Define(
	config.Key{Name: "field", Type: config.TypeString, Default: config.NoDefault, Importance: config.ImportanceMedium,
		Doc: "Field name to extract."},
	replaceNullKey,
	fieldSyntaxKey,
)

// ExtractField replaces the key or value with one of its fields, nested fields included with
// field.syntax.version=V2 (Kafka's ExtractField$Key and $Value).
type ExtractField struct {
	part
	path        fieldPath
	text        string
	replaceNull bool
}

// NewExtractFieldKey builds ExtractField$Key.
func NewExtractFieldKey(props map[string]string) (connect.Transformation, error) {
	return newExtractField(partKey, props)
}

// NewExtractFieldValue builds ExtractField$Value.
func NewExtractFieldValue(props map[string]string) (connect.Transformation, error) {
	return newExtractField(partValue, props)
}

func newExtractField(p part, props map[string]string) (*ExtractField, error) {
	v, err := parse(extractFieldDef, props)
	if err != nil {
		return nil, err
	}
	text := v.String("field")
	path, err := parseFieldPath(text, strings.ToUpper(v.String("field.syntax.version")) == "V2")
	if err != nil {
		return nil, err
	}
	return &ExtractField{part: p, path: path, text: text, replaceNull: v.Bool(keyReplaceNullWithDefault)}, nil
}

// Apply extracts the field.
func (t *ExtractField) Apply(r connect.Record) (connect.Record, bool, error) {
	s, v := t.schema(&r), t.value(&r)
	if s == nil {
		if isNull(v) {
			return t.with(r, nil, nil), true, nil
		}
		m, err := requireMap(v, extractFieldPurpose)
		if err != nil {
			return r, false, err
		}
		x, err := t.path.valueFromMap(m)
		if err != nil {
			return r, false, err
		}
		return t.with(r, nil, x), true, nil
	}
	st, err := requireStructOrNull(v, extractFieldPurpose)
	if err != nil {
		return r, false, err
	}
	f, ok, err := t.path.fieldFrom(s)
	if err != nil {
		return r, false, err
	}
	if !ok {
		return r, false, errors.New("Unknown field: " + t.text)
	}
	if st == nil {
		return t.with(r, f.Schema, nil), true, nil
	}
	x, err := t.path.valueFromStruct(st, t.replaceNull)
	if err != nil {
		return r, false, err
	}
	return t.with(r, f.Schema, x), true, nil
}
