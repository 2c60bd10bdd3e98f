package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

var insertHeaderDef = config.NewDef().Define(
	config.Key{Name: "header", Type: config.TypeString, Default: config.NoDefault, Validator: config.NonNull{},
		Importance: config.ImportanceHigh, Doc: "The name of the header."},
	config.Key{Name: "value.literal", Type: config.TypeString, Default: config.NoDefault, Validator: config.NonNull{},
		Importance: config.ImportanceHigh,
		Doc:        "The literal value that is to be set as the header value on all records."},
)

// InsertHeader adds a header with a literal value, parsed as Kafka's Values.parseString reads header strings
// (so "42" is an INT8 and "[1,2]" an array). Kafka's InsertHeader.
type InsertHeader struct {
	key    string
	schema *schemas.Schema
	value  any
}

// NewInsertHeader builds InsertHeader.
func NewInsertHeader(props map[string]string) (connect.Transformation, error) {
	v, err := parse(insertHeaderDef, props)
	if err != nil {
		return nil, err
	}
	s, x, err := schemas.ParseString(v.String("value.literal"))
	if err != nil {
		return nil, configError("value.literal", err.Error())
	}
	return &InsertHeader{key: v.String("header"), schema: s, value: x}, nil
}

// Apply appends the header.
func (t *InsertHeader) Apply(r connect.Record) (connect.Record, bool, error) {
	h, err := putHeader(r.Headers, t.key, t.schema, t.value)
	if err != nil {
		return r, false, err
	}
	r.Headers = h
	return r, true, nil
}
