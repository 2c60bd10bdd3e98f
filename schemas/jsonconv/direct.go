package jsonconv

import (
	"strings"

	"github.com/sluice-connect/sluice/schemas"
)

// direct decodes a schemaless record in one pass, building values while it parses, without a tape. Schemaless
// conversion cannot fail once the JSON is valid, so nothing depends on seeing the whole document first; the
// grammar, limits and values are exactly those of parser + decoder.schemaless (the lexical rules are the shared
// scanner; the number and container paths are its own), which the tests check differentially. Slabs are sized from the previous record, since records of a topic look alike.
type direct struct {
	scanner
	src     string
	slab    *slabs
	entries []schemas.MapEntry // scratch stack of the objects being read
	elems   []any              // scratch stack of the arrays being read
	// Object keys repeat from record to record in a topic: keys[i] is the boxed i-th key of the previous
	// record, reused when the i-th key of this one is the same, so keys cost neither slab space nor boxing.
	keys         []cachedKey
	keyOrd       int
	keyRefreshes int
	// high-water marks of the scratch stacks, cleared after each record so they hold no references
	maxEntries, maxElems int
	// counts of this record, for sizing the next record's slabs
	nWords, nStrs, nEntries, nElems, nMaps, nArrays int
}

// decodeSchemaless decodes data without a schema; ok is false with d.direct.err set on a syntax error.
func (d *decoder) decodeSchemaless(data []byte) (any, bool) {
	if needsTranscode(data) {
		// Rare: let the tape parser handle the encodings it knows.
		if !d.p.parse(data) {
			d.directErr = d.p.err
			return nil, false
		}
		d.prepare()
		return d.schemaless(0), true
	}
	p := &d.direct
	p.data, p.pos, p.depth, p.err, p.keyOrd, p.keyRefreshes = data, 0, 0, nil, 0, 0
	p.src = string(data)
	last := d.lastCounts
	d.slab.reset(last[0], last[1], last[2], last[3], last[4], last[5])
	p.slab = &d.slab
	p.nWords, p.nStrs, p.nEntries, p.nElems, p.nMaps, p.nArrays = 0, 0, 0, 0, 0, 0
	defer func() {
		p.data, p.src, p.slab = nil, "", nil
		clear(p.entries[:p.maxEntries])
		clear(p.elems[:p.maxElems])
		p.entries, p.elems, p.maxEntries, p.maxElems = p.entries[:0], p.elems[:0], 0, 0
	}()
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3
	}
	if !p.skipSpace() {
		return nil, true
	}
	rootNumber := data[p.pos] == '-' || (data[p.pos] >= '0' && data[p.pos] <= '9')
	v, ok := p.value()
	if !ok {
		d.directErr = p.err
		return nil, false
	}
	if rootNumber && p.pos < len(data) {
		switch data[p.pos] {
		case ' ', '\t', '\r', '\n':
		default:
			p.fail(p.pos, "unexpected character %q: expected space separating root-level values", data[p.pos])
			d.directErr = p.err
			return nil, false
		}
	}
	d.lastCounts = [6]int{p.nWords, p.nStrs, p.nEntries, p.nElems, p.nMaps, p.nArrays}
	return v, true
}

func (p *direct) value() (any, bool) {
	if p.pos >= len(p.data) {
		p.fail(p.pos, "unexpected end of input: expected a value")
		return nil, false
	}
	switch c := p.data[p.pos]; {
	case c == '"':
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		p.nStrs++
		return p.slab.string(s), true
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return true, p.scanLiteral("true")
	case c == 'f':
		return false, p.scanLiteral("false")
	case c == 'n':
		return nil, p.scanLiteral("null")
	default:
		p.fail(p.pos, "unexpected character %q: expected a value", c)
		return nil, false
	}
}

func (p *direct) number() (any, bool) {
	data := p.data
	start := p.pos
	i := start
	neg := data[i] == '-'
	if neg {
		i++
	}
	// The significand is accumulated while scanning; it is exact while below 2^53 (big values take the slow path).
	var mant uint64
	exact := true
	intStart := i
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		if mant >= 1<<49 {
			exact = false
		}
		mant = mant*10 + uint64(data[i]-'0')
		i++
	}
	if i == intStart {
		p.fail(i, "invalid number: expected a digit after the minus sign")
		return nil, false
	}
	digits := i - intStart
	frac := 0
	float := false
	if i < len(data) && data[i] == '.' {
		i++
		fs := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			if mant >= 1<<49 {
				exact = false
			}
			mant = mant*10 + uint64(data[i]-'0')
			i++
		}
		if i == fs {
			p.fail(i, "invalid number: decimal point not followed by a digit")
			return nil, false
		}
		frac = i - fs
		digits += frac
		float = true
	}
	exponent := false
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		exponent = true
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		es := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == es {
			p.fail(i, "invalid number: exponent indicator not followed by a digit")
			return nil, false
		}
		digits += i - es
		float = true
	}
	if digits > maxNumberLength {
		p.fail(start, "number value length (%d) exceeds the maximum allowed (%d)", digits, maxNumberLength)
		return nil, false
	}
	tok := data[start:i]
	p.pos = i
	p.nWords++
	if !float {
		if exact {
			v := int64(mant)
			if neg {
				v = -v
			}
			return p.slab.int64(v), true
		}
		low, _, _ := intInfo(tok)
		return p.slab.int64(low), true
	}
	if exponent {
		if !floatTokenValid(tok) {
			p.fail(start, "number out of range of BigDecimal (scale overflow)")
			return nil, false
		}
	} else if exact && frac <= 22 {
		// As floatDouble's fast path: exact significand and power of ten, one correctly rounded division; a zero
		// significand is +0.0, as BigDecimal has no negative zero.
		f := float64(mant) / float64pow10[frac]
		if neg && mant != 0 {
			f = -f
		}
		return p.slab.float64(f), true
	}
	return p.slab.float64(floatDouble(tok)), true
}

// str reads a string at the opening quote and returns its value.
func (p *direct) str() (string, bool) {
	start, end, esc, ok := p.scanString()
	if !ok {
		return "", false
	}
	if esc {
		return unescape(p.data[start:end]), true
	}
	return p.src[start:end], true
}

func (p *direct) array() (any, bool) {
	if !p.enter() {
		return nil, false
	}
	p.pos++
	if !p.skipSpace() {
		p.fail(p.pos, "unexpected end of input in an array")
		return nil, false
	}
	base := len(p.elems)
	if p.data[p.pos] == ']' {
		p.pos++
	} else {
		for {
			v, ok := p.value()
			if !ok {
				return nil, false
			}
			p.elems = append(p.elems, v)
			p.maxElems = max(p.maxElems, len(p.elems))
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an array")
				return nil, false
			}
			c := p.data[p.pos]
			p.pos++
			if c == ']' {
				break
			}
			if c != ',' {
				p.fail(p.pos-1, "unexpected character %q: expected ',' or ']'", c)
				return nil, false
			}
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an array")
				return nil, false
			}
		}
	}
	p.depth--
	n := len(p.elems) - base
	out := p.slab.anys(n)
	out = append(out, p.elems[base:]...)
	p.elems = p.elems[:base]
	p.nElems += n
	p.nArrays++
	return p.slab.boxAnys(out), true
}

func (p *direct) object() (any, bool) {
	if !p.enter() {
		return nil, false
	}
	p.pos++
	if !p.skipSpace() {
		p.fail(p.pos, "unexpected end of input in an object")
		return nil, false
	}
	base := len(p.entries)
	var seen uint64
	var index map[string]int
	if p.data[p.pos] == '}' {
		p.pos++
	} else {
		for {
			if p.data[p.pos] != '"' {
				p.fail(p.pos, "unexpected character %q: expected a double-quote to start a field name", p.data[p.pos])
				return nil, false
			}
			keyStart, rawLen := p.pos, 0
			var key string
			var boxed any
			if k := p.expectedKey(); k != nil {
				key, boxed = k.s, k.boxed
				p.pos += len(key) + 2
			} else {
				var ok bool
				if key, ok = p.str(); !ok {
					return nil, false
				}
				rawLen = p.pos - keyStart
				if rawLen-2 > maxNameLength {
					p.fail(keyStart, "name length exceeds the maximum allowed (%d)", maxNameLength)
					return nil, false
				}
			}
			if !p.skipSpace() || p.data[p.pos] != ':' {
				p.fail(p.pos, "expected a colon to separate field name and value")
				return nil, false
			}
			p.pos++
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return nil, false
			}
			v, ok := p.value()
			if !ok {
				return nil, false
			}
			// Jackson's ObjectNode: a repeated key keeps its first place and takes the last value.
			dup := -1
			if index != nil {
				if x, found := index[key]; found {
					dup = x
				}
			} else {
				bit := uint64(1) << keyHash(key)
				if seen&bit != 0 {
					for x := base; x < len(p.entries); x++ {
						if p.entries[x].Key.(string) == key {
							dup = x
							break
						}
					}
				}
				seen |= bit
			}
			if dup >= 0 {
				p.entries[dup].Value = v
			} else {
				if boxed == nil {
					boxed = p.boxKey(key, rawLen)
				}
				p.entries = append(p.entries, schemas.MapEntry{Key: boxed, Value: v})
				p.maxEntries = max(p.maxEntries, len(p.entries))
				if index != nil {
					index[key] = len(p.entries) - 1
				} else if len(p.entries)-base > 32 {
					// Large objects: a linear duplicate check would be quadratic.
					index = make(map[string]int, 64)
					for x := base; x < len(p.entries); x++ {
						index[p.entries[x].Key.(string)] = x
					}
				}
			}
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return nil, false
			}
			c := p.data[p.pos]
			p.pos++
			if c == '}' {
				break
			}
			if c != ',' {
				p.fail(p.pos-1, "unexpected character %q: expected ',' or '}'", c)
				return nil, false
			}
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return nil, false
			}
		}
	}
	p.depth--
	n := len(p.entries) - base
	out := p.slab.mapEntries(n)
	out = append(out, p.entries[base:]...)
	p.entries = p.entries[:base]
	p.nEntries += n
	p.nMaps++
	return p.slab.boxMap(out), true
}

// maxCachedKeys bounds the key cache; records with more keys box the rest per record.
const maxCachedKeys = 4096

// cachedKey is a key of the previous record: its text, boxed, and whether it was written without escapes (so
// that the same bytes in this record are the same key).
type cachedKey struct {
	s     string
	boxed any
	plain bool
}

// expectedKey reports whether the key at p.pos (an opening quote) is, byte for byte, the plain key the previous
// record had at this position; then it needs no scanning or validation, having passed both before. It does not
// advance p.pos but counts the key.
func (p *direct) expectedKey() *cachedKey {
	i := p.keyOrd
	if i >= len(p.keys) {
		return nil
	}
	k := &p.keys[i]
	end := p.pos + 1 + len(k.s)
	if !k.plain || end >= len(p.data) || p.data[end] != '"' || bytesToString(p.data[p.pos+1:end]) != k.s {
		return nil
	}
	p.keyOrd++
	return k
}

// boxKey returns a scanned key in an interface, from the key cache when the previous record had the same key at
// the same position. A few misses per record refresh the cache (so a topic whose shape changed is cached again by
// the next record); more are boxed in the record's slab, bounding the cost for topics of mixed shapes. rawLen is
// the key's length in the input, quotes included.
func (p *direct) boxKey(key string, rawLen int) any {
	i := p.keyOrd
	p.keyOrd++
	if i < len(p.keys) {
		if k := p.keys[i]; k.s == key {
			return k.boxed
		}
	}
	if i > len(p.keys) || i >= maxCachedKeys || p.keyRefreshes >= maxKeyRefreshes {
		p.nStrs++
		return p.slab.string(key)
	}
	p.keyRefreshes++
	c := strings.Clone(key) // does not pin this record's text
	k := cachedKey{s: c, boxed: any(c), plain: rawLen == len(key)+2}
	if i < len(p.keys) {
		p.keys[i] = k
	} else {
		p.keys = append(p.keys, k)
	}
	return k.boxed
}

// maxKeyRefreshes bounds the key-cache updates made by one record (each costs two small allocations).
const maxKeyRefreshes = 16
