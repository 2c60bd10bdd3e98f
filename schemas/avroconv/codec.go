package avroconv

import (
	"github.com/sluice-connect/sluice/schemas"
)

// op is what a codec node does on the wire.
type op uint8

const (
	opBool op = iota
	opInt8
	opInt16
	opInt32
	opDate
	opTime
	opLong
	opTimestamp
	opFloat
	opDouble
	opString
	opEnum
	opBytes
	opFixed
	opDecimal      // bytes holding the unscaled two's complement
	opDecimalFixed // fixed holding the unscaled two's complement
	opArray
	opMap        // Avro map: string keys
	opMapEntries // array of key/value records: Connect maps with other keys
	opRecord
	opOptional // union of null and one member
	opUnion    // Avro union ↔ Connect io.confluent.connect.avro.Union struct
)

// codec is a schema compiled for one Connect schema and one Avro schema that correspond: it encodes Connect
// values straight to Avro binary and decodes Avro binary straight to Connect values, with no generic
// intermediate form. Codecs are immutable and shared by every record of their schema.
type codec struct {
	op      op
	conn    *schemas.Schema
	avro    *avroSchema
	elem    *codec   // array items, map values, optional member
	key     *codec   // map entry keys
	fields  []*codec // record fields in Avro order; union members in Avro branch order (nil for null)
	connIdx []int    // record: the Connect field index of each Avro field
	nullIdx int      // optional and union: the branch index of null, -1 when none
	// symbols of an enum, and their positions for encoding.
	symbols  []string
	symIndex map[string]int
	size     int // fixed
	// Decoding a record boxes its leaf fields into per-record arenas instead of one allocation per field (see
	// arena.go): nWords words of numbers and times, nStrings strings, nBytes byte slices; fieldAt says where
	// each field's value goes.
	nWords, nStrings, nBytes int
	fieldAt                  []arenaPlace
}

// compile builds the codec for Connect schema cs and Avro schema as. The Avro schema may have been made from
// the Connect schema (encoding) or the Connect schema from the Avro schema (decoding); records are matched by
// field name so that an encoder may also write a registered schema with fields in another order
// (use.latest.version).
func compile(cs *schemas.Schema, as *avroSchema) (*codec, error) {
	return compileIn(cs, as, map[*avroSchema]bool{})
}

func compileIn(cs *schemas.Schema, as *avroSchema, open map[*avroSchema]bool) (*codec, error) {
	c := &codec{conn: cs, avro: as, nullIdx: -1}
	mismatch := func() (*codec, error) {
		return nil, schemas.DataErrorf("Avro schema %s does not fit Connect schema %s", as.kind, cs.Type())
	}
	if as.kind == kUnion {
		return compileUnion(c, cs, as, open)
	}
	logical := cs.Name()
	switch cs.Type() {
	case schemas.TypeBoolean:
		c.op = opBool
	case schemas.TypeInt8:
		c.op = opInt8
	case schemas.TypeInt16:
		c.op = opInt16
	case schemas.TypeInt32:
		switch logical {
		case schemas.DateName:
			c.op = opDate
		case schemas.TimeName:
			c.op = opTime
		default:
			c.op = opInt32
		}
	case schemas.TypeInt64:
		c.op = opLong
		if logical == schemas.TimestampName {
			c.op = opTimestamp
		}
	case schemas.TypeFloat32:
		c.op = opFloat
	case schemas.TypeFloat64:
		c.op = opDouble
	case schemas.TypeString:
		c.op = opString
		if as.kind == kEnum {
			c.op, c.symbols = opEnum, as.symbols
			c.symIndex = make(map[string]int, len(as.symbols))
			for i, s := range as.symbols {
				c.symIndex[s] = i
			}
		}
	case schemas.TypeBytes:
		c.op = opBytes
		if as.kind == kFixed {
			c.op, c.size = opFixed, as.size
		}
		if logical == schemas.DecimalName {
			c.op = opDecimal
			if as.kind == kFixed {
				c.op = opDecimalFixed
			}
		}
	case schemas.TypeArray:
		if as.kind != kArray {
			return mismatch()
		}
		elem, err := compileIn(cs.ValueSchema(), as.items, open)
		if err != nil {
			return nil, err
		}
		c.op, c.elem = opArray, elem
	case schemas.TypeMap:
		switch as.kind {
		case kMap:
			v, err := compileIn(cs.ValueSchema(), as.values, open)
			if err != nil {
				return nil, err
			}
			c.op, c.elem = opMap, v
		case kArray:
			e := as.items
			if e.kind != kRecord || len(e.fields) != 2 {
				return mismatch()
			}
			// The entry record's field order decides the wire order; AvroData always writes the key first.
			if e.fields[0].name != "key" || e.fields[1].name != "value" {
				return nil, schemas.DataError("Found map encoded as array of key-value pairs, but array elements " +
					"do not match the expected format.")
			}
			k, err := compileIn(cs.KeySchema(), e.fields[0].schema, open)
			if err != nil {
				return nil, err
			}
			v, err := compileIn(cs.ValueSchema(), e.fields[1].schema, open)
			if err != nil {
				return nil, err
			}
			c.op, c.key, c.elem = opMapEntries, k, v
		default:
			return mismatch()
		}
	case schemas.TypeStruct:
		if as.kind != kRecord {
			return mismatch()
		}
		if open[as] {
			return nil, schemas.DataErrorf("recursive Avro record %s is not supported", as.fullName())
		}
		open[as] = true
		defer delete(open, as)
		c.op = opRecord
		for i, af := range as.fields {
			f, ok := cs.Field(af.name)
			if !ok {
				if i >= len(cs.Fields()) {
					return nil, schemas.DataErrorf("Avro field %s has no Connect field", af.name)
				}
				// scrub.invalid.names renamed the field: the order still matches.
				f = cs.Fields()[i]
			}
			fc, err := compileIn(f.Schema, af.schema, open)
			if err != nil {
				return nil, err
			}
			c.fields = append(c.fields, fc)
			c.connIdx = append(c.connIdx, f.Index)
			c.fieldAt = append(c.fieldAt, c.place(fc.leaf()))
		}
	default:
		return mismatch()
	}
	if !primitiveFits(c.op, as.kind) {
		return mismatch()
	}
	return c, nil
}

// primitiveFits checks the Avro type of the leaf operations.
func primitiveFits(o op, k kind) bool {
	switch o {
	case opBool:
		return k == kBoolean
	case opInt8, opInt16, opInt32, opDate, opTime:
		return k == kInt
	case opLong, opTimestamp:
		return k == kLong
	case opFloat:
		return k == kFloat
	case opDouble:
		return k == kDouble
	case opString:
		return k == kString
	case opBytes, opDecimal:
		return k == kBytes
	}
	return true
}

func compileUnion(c *codec, cs *schemas.Schema, as *avroSchema, open map[*avroSchema]bool) (*codec, error) {
	for i, b := range as.branches {
		if b.kind == kNull {
			c.nullIdx = i
		}
	}
	if cs.Name() != unionName || cs.Type() != schemas.TypeStruct {
		// An optional value: the union of null and one member.
		if len(as.branches) != 2 || c.nullIdx < 0 {
			return nil, schemas.DataErrorf("Avro union of %d types does not fit Connect schema %s", len(as.branches),
				cs.Type())
		}
		member, err := compileIn(cs, as.branches[1-c.nullIdx], open)
		if err != nil {
			return nil, err
		}
		c.op, c.elem = opOptional, member
		return c, nil
	}
	c.op = opUnion
	fi := 0
	for _, b := range as.branches {
		if b.kind == kNull {
			c.fields = append(c.fields, nil)
			continue
		}
		if fi >= len(cs.Fields()) {
			return nil, schemas.DataError("Avro union has more members than its Connect union struct")
		}
		f := cs.Fields()[fi]
		fi++
		m, err := compileIn(f.Schema, b, open)
		if err != nil {
			return nil, err
		}
		m.connIdx = []int{f.Index}
		c.fields = append(c.fields, m)
	}
	return c, nil
}
