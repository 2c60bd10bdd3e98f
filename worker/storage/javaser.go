package storage

import (
	"encoding/binary"
	"fmt"
	"math"
)

// The offset file is a Java serialization stream (Java Object Serialization Specification, chapter 6) holding one
// java.util.HashMap whose keys and values are byte[] (values may be null). This file reads and writes exactly
// that: it understands the grammar generally (handles, references, block data) but accepts no class other than
// java.util.HashMap and [B, as Kafka's SafeObjectInputStream refuses unexpected classes.

const (
	streamMagic   = 0xACED
	streamVersion = 5

	tcNull          = 0x70
	tcReference     = 0x71
	tcClassDesc     = 0x72
	tcObject        = 0x73
	tcString        = 0x74
	tcArray         = 0x75
	tcBlockData     = 0x77
	tcEndBlockData  = 0x78
	tcReset         = 0x79
	tcBlockDataLong = 0x7A
	tcLongString    = 0x7C

	baseHandle = 0x7E0000

	scWriteMethod  = 0x01
	scSerializable = 0x02

	hashMapClass = "java.util.HashMap"
	// hashMapUID and byteArrayUID are the serialVersionUIDs every JDK writes for these classes.
	hashMapUID   = 0x0507DAC1C31660D1
	byteArrayUID = 0xACF317F8060854E0
)

// rawEntry is one mapping of the serialized HashMap; a nil value is Java null.
type rawEntry struct{ key, value []byte }

// writeHashMap serializes entries as ObjectOutputStream.writeObject(HashMap) does: loadFactor 0.75, the table
// size and threshold a HashMap that grew by put would have, then the mappings.
func writeHashMap(entries []rawEntry) []byte {
	capacity, threshold := 16, int32(0) // an empty new HashMap() has no table yet: threshold 0, capacity() 16
	if len(entries) > 0 {
		for float64(len(entries)) > 0.75*float64(capacity) {
			capacity *= 2
		}
		threshold = int32(capacity * 3 / 4)
	}
	b := binary.BigEndian.AppendUint16(nil, streamMagic)
	b = binary.BigEndian.AppendUint16(b, streamVersion)
	b = append(b, tcObject, tcClassDesc)
	b = appendUTF(b, hashMapClass)
	b = binary.BigEndian.AppendUint64(b, hashMapUID)
	b = append(b, scWriteMethod|scSerializable)
	b = binary.BigEndian.AppendUint16(b, 2)
	b = append(b, 'F')
	b = appendUTF(b, "loadFactor")
	b = append(b, 'I')
	b = appendUTF(b, "threshold")
	b = append(b, tcEndBlockData, tcNull) // no class annotation, no serializable superclass
	b = binary.BigEndian.AppendUint32(b, math.Float32bits(0.75))
	b = binary.BigEndian.AppendUint32(b, uint32(threshold))
	b = append(b, tcBlockData, 8)
	b = binary.BigEndian.AppendUint32(b, uint32(capacity))
	b = binary.BigEndian.AppendUint32(b, uint32(len(entries)))
	// Handles: 0 = HashMap's class descriptor, 1 = the map, 2 = [B's class descriptor once first written.
	wroteArrayDesc := false
	appendArray := func(v []byte) {
		if v == nil {
			b = append(b, tcNull)
			return
		}
		b = append(b, tcArray)
		if wroteArrayDesc {
			b = append(b, tcReference)
			b = binary.BigEndian.AppendUint32(b, baseHandle+2)
		} else {
			wroteArrayDesc = true
			b = append(b, tcClassDesc)
			b = appendUTF(b, "[B")
			b = binary.BigEndian.AppendUint64(b, byteArrayUID)
			b = append(b, scSerializable, 0, 0, tcEndBlockData, tcNull)
		}
		b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
		b = append(b, v...)
	}
	for _, e := range entries {
		appendArray(e.key)
		appendArray(e.value)
	}
	return append(b, tcEndBlockData)
}

// appendUTF writes Java's modified UTF-8 with a 2-byte length; the names written here are ASCII.
func appendUTF(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
	return append(b, s...)
}

// classDesc is a parsed class descriptor.
type classDesc struct {
	name   string
	flags  byte
	fields []fieldDesc
	super  *classDesc
}

type fieldDesc struct {
	typeCode byte
	name     string
}

// serReader parses a serialization stream. Errors are reported through err, so parsing code stays linear.
type serReader struct {
	data    []byte
	off     int
	handles []any
	err     error
	// block holds the unread part of the current block data segment while reading an object's annotation.
	block []byte
}

func (r *serReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: offset file at byte %d: %s", ErrFormat, r.off, fmt.Sprintf(format, args...))
	}
}

func (r *serReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || len(r.data)-r.off < n {
		r.fail("truncated")
		return nil
	}
	b := r.data[r.off : r.off+n]
	r.off += n
	return b
}

func (r *serReader) u8() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *serReader) u16() uint16 {
	if b := r.take(2); b != nil {
		return binary.BigEndian.Uint16(b)
	}
	return 0
}

func (r *serReader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (r *serReader) utf() string { return string(r.take(int(r.u16()))) }

func (r *serReader) newHandle(v any) int {
	r.handles = append(r.handles, v)
	return len(r.handles) - 1
}

func (r *serReader) ref() any {
	h := int(r.u32()) - baseHandle
	if r.err != nil {
		return nil
	}
	if h < 0 || h >= len(r.handles) {
		r.fail("reference to unknown handle %#x", h+baseHandle)
		return nil
	}
	return r.handles[h]
}

// readHashMap parses a whole stream holding one HashMap<byte[],byte[]>.
func readHashMap(data []byte) ([]rawEntry, error) {
	r := &serReader{data: data}
	if r.u16() != streamMagic || r.u16() != streamVersion {
		r.fail("not a Java serialization stream")
		return nil, r.err
	}
	if r.u8() != tcObject {
		r.fail("expected an object")
		return nil, r.err
	}
	desc := r.classDesc()
	if r.err != nil {
		return nil, r.err
	}
	if desc == nil || desc.name != hashMapClass {
		r.fail("expected %s", hashMapClass)
		return nil, r.err
	}
	r.newHandle(nil)
	// HashMap has no serializable superclass: its own fields, then its writeObject data.
	for _, f := range desc.fields {
		r.skipField(f)
	}
	r.beginAnnotation()
	r.blockBytes(4) // buckets
	n := int(binary.BigEndian.Uint32(r.blockBytes(4)))
	if r.err != nil {
		return nil, r.err
	}
	if n < 0 || n > len(data) {
		r.fail("implausible size %d", n)
		return nil, r.err
	}
	entries := make([]rawEntry, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		k := r.byteArray()
		v := r.byteArray()
		if k == nil && r.err == nil {
			continue // Kafka ignores a null key as well
		}
		entries = append(entries, rawEntry{key: k, value: v})
	}
	r.endAnnotation()
	return entries, r.err
}

// classDesc reads a class descriptor after its TC_ byte was peeked as one of CLASSDESC, REFERENCE or NULL.
func (r *serReader) classDesc() *classDesc {
	switch tc := r.u8(); tc {
	case tcNull:
		return nil
	case tcReference:
		d, ok := r.ref().(*classDesc)
		if !ok && r.err == nil {
			r.fail("reference is not a class descriptor")
		}
		return d
	case tcClassDesc:
		d := &classDesc{name: r.utf()}
		r.take(8) // serialVersionUID: the class names alone decide what we accept
		r.newHandle(d)
		d.flags = r.u8()
		if d.name != hashMapClass && d.name != "[B" {
			r.fail("class %q is not allowed in an offset file", d.name)
			return nil
		}
		nf := int(r.u16())
		for i := 0; i < nf && r.err == nil; i++ {
			f := fieldDesc{typeCode: r.u8(), name: r.utf()}
			if f.typeCode == '[' || f.typeCode == 'L' {
				r.stringObject()
			}
			d.fields = append(d.fields, f)
		}
		r.skipAnnotation()
		d.super = r.classDesc()
		if d.super != nil {
			r.fail("unexpected superclass %s", d.super.name)
		}
		return d
	default:
		r.fail("expected a class descriptor, found %#x", tc)
		return nil
	}
}

func (r *serReader) stringObject() {
	switch tc := r.u8(); tc {
	case tcString:
		r.newHandle(r.utf())
	case tcLongString:
		n := binary.BigEndian.Uint64(r.take(8))
		if n > uint64(len(r.data)) {
			r.fail("implausible string length")
			return
		}
		r.newHandle(string(r.take(int(n))))
	case tcReference:
		r.ref()
	default:
		r.fail("expected a string, found %#x", tc)
	}
}

// skipAnnotation skips a class annotation, which only block data may fill here.
func (r *serReader) skipAnnotation() {
	for r.err == nil {
		switch tc := r.u8(); tc {
		case tcEndBlockData:
			return
		case tcBlockData:
			r.take(int(r.u8()))
		case tcBlockDataLong:
			r.take(int(r.u32()))
		default:
			r.fail("unexpected %#x in a class annotation", tc)
		}
	}
}

func (r *serReader) skipField(f fieldDesc) {
	switch f.typeCode {
	case 'B', 'Z':
		r.take(1)
	case 'C', 'S':
		r.take(2)
	case 'I', 'F':
		r.take(4)
	case 'J', 'D':
		r.take(8)
	default:
		r.fail("unexpected field %s of type %c", f.name, f.typeCode)
	}
}

// beginAnnotation starts reading an object's writeObject data.
func (r *serReader) beginAnnotation() { r.block = nil }

// blockBytes reads n bytes of primitive data, which ObjectOutputStream may split over block data segments.
func (r *serReader) blockBytes(n int) []byte {
	out := make([]byte, 0, n)
	for len(out) < n && r.err == nil {
		if len(r.block) == 0 {
			switch tc := r.u8(); tc {
			case tcBlockData:
				r.block = r.take(int(r.u8()))
			case tcBlockDataLong:
				r.block = r.take(int(r.u32()))
			default:
				r.fail("expected block data, found %#x", tc)
				return make([]byte, n)
			}
			continue
		}
		m := min(n-len(out), len(r.block))
		out = append(out, r.block[:m]...)
		r.block = r.block[m:]
	}
	if r.err != nil {
		return make([]byte, n)
	}
	return out
}

// endAnnotation expects the end of the map's data.
func (r *serReader) endAnnotation() {
	if r.err == nil && len(r.block) > 0 {
		r.fail("unexpected block data")
	}
	if tc := r.u8(); r.err == nil && tc != tcEndBlockData {
		r.fail("expected the end of the map, found %#x", tc)
	}
}

// byteArray reads a byte[] object, a reference to one, or null.
func (r *serReader) byteArray() []byte {
	for r.err == nil {
		switch tc := r.u8(); tc {
		case tcNull:
			return nil
		case tcReset:
			r.handles = r.handles[:0]
			continue
		case tcReference:
			b, ok := r.ref().([]byte)
			if !ok && r.err == nil {
				r.fail("reference is not a byte array")
			}
			return b
		case tcArray:
			d := r.classDesc()
			if r.err == nil && (d == nil || d.name != "[B") {
				r.fail("expected a byte array")
			}
			h := r.newHandle(nil)
			n := int32(r.u32())
			b := r.take(int(n))
			if b == nil {
				return nil
			}
			b = append(make([]byte, 0, len(b)), b...)
			r.handles[h] = b
			return b
		default:
			r.fail("expected a byte array, found %#x", tc)
		}
	}
	return nil
}
