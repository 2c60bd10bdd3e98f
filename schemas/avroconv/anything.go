package avroconv

import (
	"encoding/binary"
	"math"

	"github.com/sluice-connect/sluice/schemas"
)

// Schemaless values (a nil Connect schema) travel as Confluent's io.confluent.connect.avro.Anything record: one
// optional field per kind of value, exactly one of them set, arrays and maps holding Anything again.

const anythingName = "Anything"

// anythingSchemaText is AvroData.ANYTHING_SCHEMA as Avro's Java library prints it.
const anythingSchemaText = `{"type":"record","name":"Anything","namespace":"io.confluent.connect.avro","fields":[` +
	`{"name":"boolean","type":["null","boolean"],"default":null},` +
	`{"name":"bytes","type":["null","bytes"],"default":null},` +
	`{"name":"double","type":["null","double"],"default":null},` +
	`{"name":"float","type":["null","float"],"default":null},` +
	`{"name":"int","type":["null","int"],"default":null},` +
	`{"name":"long","type":["null","long"],"default":null},` +
	`{"name":"string","type":["null","string"],"default":null},` +
	`{"name":"array","type":["null",{"type":"array","items":"Anything"}],"default":null},` +
	`{"name":"map","type":["null",{"type":"array","items":{"type":"record","name":"MapEntry","fields":[` +
	`{"name":"key","type":"Anything"},{"name":"value","type":"Anything"}]}}],"default":null}]}`

// The Anything record's fields, in wire order.
const (
	anyBoolean = iota
	anyBytes
	anyDouble
	anyFloat
	anyInt
	anyLong
	anyString
	anyArray
	anyMap
	anyFields
)

func isAnything(s *avroSchema) bool {
	return s.kind == kRecord && s.namespace == namespaceConnect && s.name == anythingName
}

// maxAnythingDepth bounds the nesting of schemaless arrays and maps, so hostile data cannot exhaust the stack.
const maxAnythingDepth = 100

// appendAnything encodes a schemaless value as an Anything record.
func appendAnything(dst []byte, v any, depth int) ([]byte, error) {
	if depth > maxAnythingDepth {
		return nil, schemas.DataError("schemaless value nested too deeply")
	}
	field := -1
	switch v.(type) {
	case nil:
	case bool:
		field = anyBoolean
	case []byte:
		field = anyBytes
	case float64:
		field = anyDouble
	case float32:
		field = anyFloat
	case int8, int16, int32:
		field = anyInt
	case int64:
		field = anyLong
	case string:
		field = anyString
	case []any:
		field = anyArray
	case schemas.Map:
		field = anyMap
	default:
		return nil, schemas.DataErrorf("Unknown schemaless type %s", schemas.JavaClass(v))
	}
	for f := range anyFields {
		if f != field {
			dst = append(dst, 0) // the null branch
			continue
		}
		dst = append(dst, 2) // branch 1: the value
		var err error
		switch x := v.(type) {
		case bool:
			if x {
				dst = append(dst, 1)
			} else {
				dst = append(dst, 0)
			}
		case []byte:
			dst = append(appendLong(dst, int64(len(x))), x...)
		case float64:
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(x))
		case float32:
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(x))
		case int8:
			dst = appendLong(dst, int64(x))
		case int16:
			dst = appendLong(dst, int64(x))
		case int32:
			dst = appendLong(dst, int64(x))
		case int64:
			dst = appendLong(dst, x)
		case string:
			dst = append(appendLong(dst, int64(len(x))), x...)
		case []any:
			if len(x) > 0 {
				dst = appendLong(dst, int64(len(x)))
				for _, e := range x {
					if dst, err = appendAnything(dst, e, depth+1); err != nil {
						return nil, err
					}
				}
			}
			dst = append(dst, 0)
		case schemas.Map:
			if len(x) > 0 {
				dst = appendLong(dst, int64(len(x)))
				for _, e := range x {
					if dst, err = appendAnything(dst, e.Key, depth+1); err != nil {
						return nil, err
					}
					if dst, err = appendAnything(dst, e.Value, depth+1); err != nil {
						return nil, err
					}
				}
			}
			dst = append(dst, 0)
		}
	}
	return dst, nil
}

// readAnything decodes an Anything record: the first field set, in field order, as AvroData reads it (INT as
// INT32); none set is null.
func readAnything(r *reader, depth int) (any, error) {
	if depth > maxAnythingDepth {
		return nil, schemas.DataError("schemaless value nested too deeply")
	}
	var out any
	found := false
	for f := range anyFields {
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		switch n {
		case 0:
			continue
		case 1:
		default:
			return nil, schemas.DataErrorf("Invalid union index %d", n)
		}
		v, err := readAnythingField(r, f, depth)
		if err != nil {
			return nil, err
		}
		if !found {
			out, found = v, true
		}
	}
	return out, nil
}

func readAnythingField(r *reader, f, depth int) (any, error) {
	switch f {
	case anyBoolean:
		b, err := r.next(1)
		if err != nil {
			return nil, err
		}
		if b[0] > 1 {
			return nil, schemas.DataErrorf("Invalid boolean byte %d", b[0])
		}
		return b[0] == 1, nil
	case anyBytes:
		return r.bytes()
	case anyDouble:
		return r.double()
	case anyFloat:
		return r.float()
	case anyInt:
		return r.int()
	case anyLong:
		return r.long()
	case anyString:
		b, err := r.bytes()
		if err != nil {
			return nil, err
		}
		return string(b), nil
	}
	// Arrays and maps: each item is at least one Anything record of nine union indexes.
	out := []any{}
	var m schemas.Map
	for {
		n, err := r.blockCount()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			break
		}
		if n > int64(len(r.data)-r.pos)/anyFields {
			return nil, errTruncated
		}
		for ; n > 0; n-- {
			v, err := readAnything(r, depth+1)
			if err != nil {
				return nil, err
			}
			if f == anyArray {
				out = append(out, v)
				continue
			}
			val, err := readAnything(r, depth+1)
			if err != nil {
				return nil, err
			}
			m = append(m, schemas.MapEntry{Key: v, Value: val})
		}
	}
	if f == anyMap {
		if m == nil {
			m = schemas.Map{}
		}
		return m, nil
	}
	return out, nil
}
