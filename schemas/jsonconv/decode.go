package jsonconv

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/schemas"
)

// decoder turns a parsed tape into Connect values with Kafka's JsonConverter.convertToConnect rules. One decoder
// belongs to one Converter and is reused for every record, so its tape and buffers are allocated once.
type decoder struct {
	conv   *Converter
	p      parser
	src    string // the record as one string; strings without escapes are substrings of it (one allocation)
	hasSrc bool
	slab   slabs
	// fieldNodes is a stack of per-struct tables: the tape index of each field's value (-1 when absent).
	fieldNodes []int32
	direct     direct
	directErr  *syntaxError
	lastCounts [6]int // the previous schemaless record's value counts, to size the slabs
	// requiredNulls counts values converted to null for a required schema (Jackson's textValue() and
	// binaryValue() give null for other nodes); only then can a converted value fail Struct validation.
	requiredNulls int
}

func (c *Converter) newDecoder() *decoder { return &decoder{conv: c} }

// reset prepares the decoder for a new document.
func (d *decoder) reset() { d.src, d.hasSrc = "", false }

// maxRetainedNodes bounds the tape (and scratch stacks) kept between records, so that one huge record does not pin
// memory for the life of the converter.
const maxRetainedNodes = 1 << 16

// release drops what the decoder must not keep after a record: the input, the record's text and slabs, and
// buffers grown by an exceptionally large record.
func (d *decoder) release() {
	d.p.data = nil
	d.src, d.hasSrc = "", false
	d.slab = slabs{}
	if cap(d.p.tape) > maxRetainedNodes {
		d.p.tape = nil
	}
	if cap(d.direct.entries) > maxRetainedNodes || cap(d.direct.elems) > maxRetainedNodes {
		d.direct.entries, d.direct.elems = nil, nil
	}
	if cap(d.fieldNodes) > maxRetainedNodes {
		d.fieldNodes = nil
	}
}

// prepare sizes the slabs for the document just parsed.
func (d *decoder) prepare() {
	p := &d.p
	d.slab.reset(p.nNumbers, p.nStrings, p.nMembers, p.nElems, p.nObjects, p.nArrays)
}

// prepareFor sizes the slabs for the subtree at tape index i (an envelope's payload).
func (d *decoder) prepareFor(i int32) {
	var numbers, strs, members, elems, objects, arrays int
	for j := i; j < d.p.tape[i].next; j++ {
		switch n := &d.p.tape[j]; n.kind {
		case kindInt, kindFloat:
			numbers++
		case kindString:
			strs++
		case kindObject:
			members += int(n.n)
			objects++
		case kindArray:
			elems += int(n.n)
			arrays++
		}
	}
	d.slab.reset(numbers, strs, members, elems, objects, arrays)
}

func (d *decoder) node(i int32) *node { return &d.p.tape[i] }

func (d *decoder) raw(n *node) []byte { return d.p.data[n.start:n.end] }

// str materialises a string node.
func (d *decoder) str(n *node) string {
	if !n.esc {
		if !d.hasSrc {
			d.src, d.hasSrc = string(d.p.data), true
		}
		return d.src[n.start:n.end]
	}
	return unescape(d.p.data[n.start:n.end])
}

// keyIs reports whether string node n equals key, without materialising it.
func (d *decoder) keyIs(n *node, key string) bool {
	if !n.esc {
		return bytesToString(d.raw(n)) == key
	}
	return unescape(d.raw(n)) == key
}

// member returns the tape index of the value of key in object obj, or -1. As in Jackson's ObjectNode, the last of
// duplicate keys wins. Any non-object node has no members.
func (d *decoder) member(obj int32, key string) int32 {
	if obj < 0 || d.p.tape[obj].kind != kindObject {
		return -1
	}
	found := int32(-1)
	i := obj + 1
	for k := int32(0); k < d.p.tape[obj].n; k++ {
		kn := &d.p.tape[i]
		v := kn.next
		if d.keyIs(kn, key) {
			found = v
		}
		i = d.p.tape[v].next
	}
	return found
}

// members calls f for each distinct key of object obj in Jackson's ObjectNode order: the position of a key's first
// occurrence, with the value of its last. It returns the number of distinct keys.
func (d *decoder) members(obj int32, f func(key *node, val int32) error) (int, error) {
	o := d.p.tape[obj]
	if o.n == 0 {
		return 0, nil
	}
	// Collect (key, value) indexes; objects are small, so duplicates are found by a linear scan, and a map is
	// used only for large objects.
	var small [16][2]int32
	pairs := small[:0]
	if int(o.n) > len(small) {
		pairs = make([][2]int32, 0, o.n)
	}
	var index map[string]int
	i := obj + 1
	for k := int32(0); k < o.n; k++ {
		kn := &d.p.tape[i]
		v := kn.next
		dup := -1
		if index != nil {
			if j, ok := index[d.keyString(kn)]; ok {
				dup = j
			}
		} else {
			for j := range pairs {
				if d.sameKey(&d.p.tape[pairs[j][0]], kn) {
					dup = j
					break
				}
			}
		}
		if dup >= 0 {
			pairs[dup][1] = v
		} else {
			pairs = append(pairs, [2]int32{i, v})
			if index == nil && len(pairs) > 32 {
				index = make(map[string]int, o.n)
				for j, p := range pairs {
					index[d.keyString(&d.p.tape[p[0]])] = j
				}
			} else if index != nil {
				index[d.keyString(kn)] = len(pairs) - 1
			}
		}
		i = d.p.tape[v].next
	}
	for _, p := range pairs {
		if err := f(&d.p.tape[p[0]], p[1]); err != nil {
			return 0, err
		}
	}
	return len(pairs), nil
}

func (d *decoder) keyString(n *node) string {
	if !n.esc {
		return bytesToString(d.raw(n))
	}
	return unescape(d.raw(n))
}

func (d *decoder) sameKey(a, b *node) bool {
	if !a.esc && !b.esc {
		return bytesToString(d.raw(a)) == bytesToString(d.raw(b))
	}
	return d.keyString(a) == d.keyString(b)
}

// schemaless converts node i without a schema: integral numbers become int64 (the low 64 bits, as Kafka's
// longValue()), other numbers float64, objects Maps (keys in first-occurrence order, last value wins).
func (d *decoder) schemaless(i int32) any {
	n := &d.p.tape[i]
	switch n.kind {
	case kindTrue:
		return true
	case kindFalse:
		return false
	case kindInt:
		r := d.raw(n)
		if len(r) < 19 {
			return d.slab.int64(parseSmallInt(r))
		}
		low, _, _ := intInfo(r)
		return d.slab.int64(low)
	case kindFloat:
		return d.slab.float64(floatDouble(d.raw(n)))
	case kindString:
		return d.slab.string(d.str(n))
	case kindArray:
		out := d.slab.anys(int(n.n))
		j := i + 1
		for k := int32(0); k < n.n; k++ {
			out = append(out, d.schemaless(j))
			j = d.p.tape[j].next
		}
		return d.slab.boxAnys(out)
	case kindObject:
		return d.slab.boxMap(d.schemalessObject(i))
	}
	return nil // null, missing
}

func (d *decoder) schemalessObject(i int32) schemas.Map {
	n := &d.p.tape[i]
	out := d.slab.mapEntries(int(n.n))
	var index map[string]int // only for large objects, where a linear duplicate check would be quadratic
	if n.n > 32 {
		index = make(map[string]int, n.n)
	}
	var seen uint64 // a one-word Bloom filter over the keys so far: most keys need no duplicate scan
	j := i + 1
	for k := int32(0); k < n.n; k++ {
		kn := &d.p.tape[j]
		v := kn.next
		key := d.str(kn)
		val := d.schemaless(v)
		dup := -1
		if index != nil {
			if x, ok := index[key]; ok {
				dup = x
			} else {
				index[key] = len(out)
			}
		} else {
			bit := uint64(1) << keyHash(key)
			if seen&bit != 0 {
				for x := range out {
					if out[x].Key.(string) == key {
						dup = x
						break
					}
				}
			}
			seen |= bit
		}
		if dup >= 0 {
			out[dup].Value = val // Jackson's ObjectNode: the last value, at the first key's place
		} else {
			out = append(out, schemas.MapEntry{Key: d.slab.string(key), Value: val})
		}
		j = d.p.tape[v].next
	}
	return out
}

// parseSmallInt parses an integral token of at most 18 characters (sign and leading zeros included).
func parseSmallInt(r []byte) int64 {
	neg := r[0] == '-'
	if neg {
		r = r[1:]
	}
	var v int64
	for _, c := range r {
		v = v*10 + int64(c-'0')
	}
	if neg {
		return -v
	}
	return v
}

// Numeric views of a node, as Jackson's JsonNode methods give them (0 for non-numbers).

func (d *decoder) longValue(n *node) int64 {
	switch n.kind {
	case kindInt:
		r := d.raw(n)
		if len(r) < 19 {
			return parseSmallInt(r)
		}
		low, _, _ := intInfo(r)
		return low
	case kindFloat:
		return floatLong(d.raw(n))
	}
	return 0
}

func (d *decoder) doubleValue(n *node) float64 {
	switch n.kind {
	case kindInt:
		r := d.raw(n)
		low, _, fitsLong := intInfo(r)
		if fitsLong {
			return float64(low)
		}
		f, _ := strconv.ParseFloat(bytesToString(r), 64)
		return f
	case kindFloat:
		return floatDouble(d.raw(n))
	}
	return 0
}

func (d *decoder) floatValue(n *node) float32 {
	switch n.kind {
	case kindInt:
		r := d.raw(n)
		low, fitsInt, fitsLong := intInfo(r)
		if fitsInt || fitsLong {
			return float32(low)
		}
		f, _ := strconv.ParseFloat(bytesToString(r), 32)
		return float32(f)
	case kindFloat:
		return floatFloat(d.raw(n))
	}
	return 0
}

func (d *decoder) decimalValue(n *node) schemas.Decimal {
	if n.kind == kindInt {
		return intDecimal(d.raw(n))
	}
	bd, _ := parseBigDecimal(d.raw(n)) // the parser refused tokens Java cannot hold
	return schemas.Decimal{Unscaled: bd.unscaled, Scale: bd.scale}
}

// convert is Kafka's convertToConnect(schema, jsonValue): i is a tape index, or -1 for an absent value (Java's
// null reference, as opposed to a JSON null).
func (d *decoder) convert(s *schemas.Schema, i int32) (any, error) {
	if s == nil {
		if i < 0 {
			return nil, nil
		}
		return d.schemaless(i), nil
	}
	var n *node
	if i >= 0 {
		n = &d.p.tape[i]
	}
	if n == nil || n.kind == kindNull {
		if def := s.Default(); def != nil && d.conv.conf.ReplaceNullWithDefault {
			return def, nil
		}
		if s.IsOptional() {
			return nil, nil
		}
		return nil, schemas.DataErrorf("Invalid null value for required %s field", s.Type())
	}
	switch s.Name() {
	case schemas.DecimalName:
		return d.decimal(s, n)
	case schemas.DateName:
		if n.kind != kindInt {
			return nil, schemas.DataErrorf("Invalid type for Date, underlying representation should be integer but was %s", n.kind.nodeTypeName())
		}
		v, fitsInt, _ := intInfo(d.raw(n))
		if !fitsInt {
			return nil, schemas.DataErrorf("Invalid type for Date, underlying representation should be integer but was %s", n.kind.nodeTypeName())
		}
		return schemas.DateFromDays(int32(v)), nil
	case schemas.TimeName:
		if n.kind != kindInt {
			return nil, schemas.DataErrorf("Invalid type for Time, underlying representation should be integer but was %s", n.kind.nodeTypeName())
		}
		v, fitsInt, _ := intInfo(d.raw(n))
		if !fitsInt {
			return nil, schemas.DataErrorf("Invalid type for Time, underlying representation should be integer but was %s", n.kind.nodeTypeName())
		}
		return schemas.TimeFromMillis(int32(v))
	case schemas.TimestampName:
		if n.kind != kindInt {
			return nil, schemas.DataErrorf("Invalid type for Timestamp, underlying representation should be integral but was %s", n.kind.nodeTypeName())
		}
		return schemas.TimestampFromMillis(d.longValue(n)), nil
	}
	switch s.Type() {
	case schemas.TypeBoolean:
		return n.kind == kindTrue, nil
	case schemas.TypeInt8:
		return d.slab.int8(int8(d.longValue(n))), nil
	case schemas.TypeInt16:
		return d.slab.int16(int16(d.longValue(n))), nil
	case schemas.TypeInt32:
		return d.slab.int32(int32(d.longValue(n))), nil
	case schemas.TypeInt64:
		return d.slab.int64(d.longValue(n)), nil
	case schemas.TypeFloat32:
		return d.slab.float32(d.floatValue(n)), nil
	case schemas.TypeFloat64:
		return d.slab.float64(d.doubleValue(n)), nil
	case schemas.TypeString:
		if n.kind != kindString {
			d.noteNull(s)
			return nil, nil // Jackson's textValue() is null for other nodes
		}
		return d.slab.string(d.str(n)), nil
	case schemas.TypeBytes:
		if n.kind != kindString {
			d.noteNull(s)
			return nil, nil // binaryValue() is null for other nodes
		}
		b, ok := decodeBase64(d.str(n))
		if !ok {
			return nil, schemas.DataError("Invalid bytes field")
		}
		return b, nil
	case schemas.TypeArray:
		return d.array(s, i)
	case schemas.TypeMap:
		return d.mapValue(s, i)
	case schemas.TypeStruct:
		return d.structValue(s, i)
	}
	return nil, schemas.DataErrorf("Unknown schema type: %s", s.Type())
}

func (d *decoder) decimal(s *schemas.Schema, n *node) (any, error) {
	switch n.kind {
	case kindInt, kindFloat:
		return d.decimalValue(n), nil
	case kindString:
		b, ok := decodeBase64(d.str(n))
		if !ok || len(b) == 0 { // new BigInteger(new byte[0]) throws
			return nil, schemas.DataError("Invalid bytes for Decimal field")
		}
		v, err := schemas.DecimalFromBytes(s, b)
		if err != nil {
			return nil, schemas.DataError("Invalid bytes for Decimal field")
		}
		return v, nil
	}
	return nil, schemas.DataErrorf("Invalid type for Decimal, underlying representation should be numeric or bytes but was %s", n.kind.nodeTypeName())
}

// array converts like Kafka's ARRAY converter, which iterates the node: an object yields its values, a scalar
// nothing.
func (d *decoder) array(s *schemas.Schema, i int32) (any, error) {
	n := d.p.tape[i]
	elem := s.ValueSchema()
	switch n.kind {
	case kindArray:
		out := d.slab.anys(int(n.n))
		j := i + 1
		for k := int32(0); k < n.n; k++ {
			v, err := d.convert(elem, j)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			j = d.p.tape[j].next
		}
		return d.slab.boxAnys(out), nil
	case kindObject:
		out := d.slab.anys(int(n.n))
		_, err := d.members(i, func(_ *node, val int32) error {
			v, err := d.convert(elem, val)
			out = append(out, v)
			return err
		})
		if err != nil {
			return nil, err
		}
		return d.slab.boxAnys(out), nil
	}
	return []any{}, nil
}

func (d *decoder) mapValue(s *schemas.Schema, i int32) (any, error) {
	n := d.p.tape[i]
	valSchema := s.ValueSchema()
	if s.KeySchema().Type() == schemas.TypeString {
		if n.kind != kindObject {
			return nil, schemas.DataErrorf("Maps with string fields should be encoded as JSON objects, but found %s", n.kind.nodeTypeName())
		}
		out := d.slab.mapEntries(int(n.n))
		_, err := d.members(i, func(key *node, val int32) error {
			v, err := d.convert(valSchema, val)
			out = append(out, schemas.MapEntry{Key: d.slab.string(d.str(key)), Value: v})
			return err
		})
		if err != nil {
			return nil, err
		}
		return d.slab.boxMap(out), nil
	}
	if n.kind != kindArray {
		return nil, schemas.DataErrorf("Maps with non-string fields should be encoded as JSON array of tuples, but found %s", n.kind.nodeTypeName())
	}
	out := make(schemas.Map, 0, n.n)
	j := i + 1
	for k := int32(0); k < n.n; k++ {
		e := d.p.tape[j]
		if e.kind != kindArray {
			return nil, schemas.DataErrorf("Found invalid map entry instead of array tuple: %s", e.kind.nodeTypeName())
		}
		if e.n != 2 {
			return nil, schemas.DataErrorf("Found invalid map entry, expected length 2 but found :%d", e.n)
		}
		key, err := d.convert(s.KeySchema(), j+1)
		if err != nil {
			return nil, err
		}
		val, err := d.convert(valSchema, d.p.tape[j+1].next)
		if err != nil {
			return nil, err
		}
		out = putEntry(out, key, val)
		j = e.next
	}
	return d.slab.boxMap(out), nil
}

// putEntry is HashMap.put: an equal key keeps its place and takes the new value. Byte arrays are equal only to
// themselves in Java, so decoded byte-array keys never collide.
func putEntry(m schemas.Map, key, val any) schemas.Map {
	if _, isBytes := key.([]byte); !isBytes {
		for x := range m {
			if schemas.Equal(m[x].Key, key) {
				m[x].Value = val
				return m
			}
		}
	}
	return append(m, schemas.MapEntry{Key: key, Value: val})
}

func (d *decoder) structValue(s *schemas.Schema, i int32) (any, error) {
	n := d.p.tape[i]
	if n.kind != kindObject {
		return nil, schemas.DataErrorf("Structs should be encoded as JSON objects, but found %s", n.kind.nodeTypeName())
	}
	st, err := schemas.NewStruct(s)
	if err != nil {
		return nil, err
	}
	// Match the object's keys to fields in one pass (the last of duplicate keys wins, as in Jackson). Producers
	// write fields in schema order, so the field after the last match is tried first.
	fields := s.Fields()
	base := len(d.fieldNodes)
	for range fields {
		d.fieldNodes = append(d.fieldNodes, -1)
	}
	next := 0
	j := i + 1
	for k := int32(0); k < n.n; k++ {
		kn := &d.p.tape[j]
		v := kn.next
		fi := -1
		if next < len(fields) && d.keyIs(kn, fields[next].Name) {
			fi = next
		} else if f, ok := s.Field(d.keyString(kn)); ok {
			fi = f.Index
		}
		if fi >= 0 {
			d.fieldNodes[base+fi] = v
			next = fi + 1
		}
		j = d.p.tape[v].next
	}
	for idx, f := range fields {
		before := d.requiredNulls
		v, err := d.convert(f.Schema, d.fieldNodes[base+idx])
		if err != nil {
			d.fieldNodes = d.fieldNodes[:base]
			return nil, err
		}
		if d.requiredNulls == before {
			st.SetAt(f.Index, v) // fits the field's schema by construction
		} else if err := st.PutField(f, v); err != nil {
			d.fieldNodes = d.fieldNodes[:base]
			return nil, err
		}
	}
	d.fieldNodes = d.fieldNodes[:base]
	return st, nil
}

// noteNull records a null produced for schema s, which Struct validation refuses when s is required.
func (d *decoder) noteNull(s *schemas.Schema) {
	if !s.IsOptional() {
		d.requiredNulls++
	}
}

// unescape decodes the raw text of a JSON string with escapes, or with byte sequences that Jackson decodes but
// that are not UTF-8 (overlong forms: C0 80 is U+0000 to Jackson). A lone surrogate, which Java holds but Go
// cannot, becomes U+FFFD.
func unescape(raw []byte) string {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\':
			e := raw[i+1]
			i += 2
			switch e {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(raw[i:])
				i += 4
				if utf16.IsSurrogate(r) {
					if r < 0xDC00 && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
						if r2 := hex4(raw[i+2:]); r2 >= 0xDC00 && r2 <= 0xDFFF {
							out = utf8.AppendRune(out, utf16.DecodeRune(r, r2))
							i += 6
							continue
						}
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default: // '"', '\\', '/'
				out = append(out, e)
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			if r, size := utf8.DecodeRune(raw[i:]); r != utf8.RuneError || size > 1 {
				out = append(out, raw[i:i+size]...)
				i += size
				continue
			}
			n := utf8Len(raw[i:]) // the parser validated the sequence
			var r rune
			switch n {
			case 2:
				r = rune(c&0x1F)<<6 | rune(raw[i+1]&0x3F)
			case 3:
				r = rune(c&0x0F)<<12 | rune(raw[i+1]&0x3F)<<6 | rune(raw[i+2]&0x3F)
			default:
				r = utf8.RuneError // above U+10FFFF or overlong: Java gets unpaired surrogates
				n = max(n, 1)
			}
			out = utf8.AppendRune(out, r)
			i += n
		}
	}
	return string(out)
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		r = r<<4 | rune(hexVal(c))
	}
	return r
}

// keyHash picks a bit for an object key from its length and its first and last bytes.
func keyHash(k string) uint {
	if k == "" {
		return 0
	}
	return (uint(len(k))*7 + uint(k[0])*3 + uint(k[len(k)-1])) & 63
}
