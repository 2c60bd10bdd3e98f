package jsonconv

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// Jackson reads byte input in UTF-8, UTF-16 or UTF-32, detected from a byte order mark or from the zero bytes that
// ASCII JSON text has in the wider encodings (ByteSourceJsonBootstrapper). Producers practically always write
// UTF-8, so the other encodings are transcoded to UTF-8 on this slow path and then parsed as usual.

// needsTranscode reports whether data may be in an encoding other than UTF-8.
func needsTranscode(data []byte) bool {
	switch {
	case len(data) >= 4:
		return data[0] == 0 || data[1] == 0 || data[2] == 0 || data[3] == 0 || data[0] == 0xFE || data[0] == 0xFF
	case len(data) >= 2:
		return data[0] == 0 || data[1] == 0
	}
	return false
}

// transcode converts UTF-16 or UTF-32 input to UTF-8 (after its byte order mark), as Jackson's readers decode it:
// malformed UTF-16 becomes U+FFFD; an invalid UTF-32 character is an error. ok is false on an error; data that
// turns out to be UTF-8 is returned as is.
func transcode(data []byte) (out []byte, ok bool) {
	width, big := 1, true
	skip := 0
	if len(data) >= 4 {
		quad := binary.BigEndian.Uint32(data)
		switch {
		case quad == 0x0000FEFF:
			width, big, skip = 4, true, 4
		case quad == 0xFFFE0000:
			width, big, skip = 4, false, 4
		case quad == 0x0000FFFE || quad == 0xFEFF0000:
			return nil, false // unsupported UCS-4 byte orders
		case quad>>16 == 0xFEFF:
			width, big, skip = 2, true, 2
		case quad>>16 == 0xFFFE:
			width, big, skip = 2, false, 2
		case quad>>8 == 0xEFBBBF:
			return data, true
		case quad>>8 == 0:
			width, big = 4, true
		case quad&0x00FFFFFF == 0:
			width, big = 4, false
		case quad&^0x00FF0000 == 0 || quad&^0x0000FF00 == 0:
			return nil, false
		case quad>>16&0xFF00 == 0:
			width, big = 2, true
		case quad>>16&0x00FF == 0:
			width, big = 2, false
		}
	} else if len(data) >= 2 {
		i16 := uint16(data[0])<<8 | uint16(data[1])
		switch {
		case i16&0xFF00 == 0:
			width, big = 2, true
		case i16&0x00FF == 0:
			width, big = 2, false
		}
	}
	data = data[skip:]
	switch width {
	case 2:
		units := make([]uint16, 0, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			if big {
				units = append(units, binary.BigEndian.Uint16(data[i:]))
			} else {
				units = append(units, binary.LittleEndian.Uint16(data[i:]))
			}
		}
		out = make([]byte, 0, len(data))
		for _, r := range utf16.Decode(units) {
			out = utf8.AppendRune(out, r)
		}
		if len(data)%2 != 0 {
			out = utf8.AppendRune(out, utf8.RuneError)
		}
		return out, true
	case 4:
		if len(data)%4 != 0 {
			return nil, false
		}
		out = make([]byte, 0, len(data)/4)
		for i := 0; i < len(data); i += 4 {
			var r uint32
			if big {
				r = binary.BigEndian.Uint32(data[i:])
			} else {
				r = binary.LittleEndian.Uint32(data[i:])
			}
			if r > utf8.MaxRune {
				return nil, false
			}
			out = utf8.AppendRune(out, rune(r))
		}
		return out, true
	}
	return data, true
}
