package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// part selects the half of a record a transformation works on. Kafka writes each such SMT twice, as nested $Key
// and $Value classes; Sluice has one Go type holding a part.
type part uint8

const (
	partKey part = iota
	partValue
)

// suffix is the nested class name Kafka gives the part.
func (p part) suffix() string {
	if p == partKey {
		return "$Key"
	}
	return "$Value"
}

func (p part) schema(r *connect.Record) *schemas.Schema {
	if p == partKey {
		return r.KeySchema
	}
	return r.ValueSchema
}

func (p part) value(r *connect.Record) any {
	if p == partKey {
		return r.Key
	}
	return r.Value
}

// with returns r with the part replaced; r is a copy, so the caller's record is untouched.
func (p part) with(r connect.Record, s *schemas.Schema, v any) connect.Record {
	if p == partKey {
		r.KeySchema, r.Key = s, v
	} else {
		r.ValueSchema, r.Value = s, v
	}
	return r
}
