package stringconv

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

func TestNewConfig(t *testing.T) {
	tests := []struct {
		props      map[string]string
		isKey      bool
		write      string
		read       string
		errs       []string
		noSubstrOf []string
	}{
		{props: nil, write: "UTF-8", read: "UTF-8"},
		{props: map[string]string{EncodingConfig: " utf16 "}, write: "UTF-16", read: "UTF-16"},
		{props: map[string]string{EncodingConfig: "latin1", "value.serializer.encoding": "UTF-16LE"}, write: "UTF-16LE", read: "ISO-8859-1"},
		{props: map[string]string{"key.serializer.encoding": "UTF-16LE"}, write: "UTF-8", read: "UTF-8"},
		{props: map[string]string{"key.deserializer.encoding": "ascii"}, isKey: true, write: "UTF-8", read: "US-ASCII"},
		{props: map[string]string{"encoding": "UTF-16"}, write: "UTF-8", read: "UTF-8"}, // not a key Kafka reads
		{props: map[string]string{EncodingConfig: "bogus"}, errs: []string{"Unsupported encoding bogus"}},
		{props: map[string]string{"value.serializer.encoding": "x1", "value.deserializer.encoding": "x2"},
			errs: []string{"Unsupported encoding x1", "Unsupported encoding x2"}},
	}
	for _, tt := range tests {
		c, err := New(tt.props, tt.isKey)
		if len(tt.errs) > 0 {
			for _, e := range tt.errs {
				if err == nil || !strings.Contains(err.Error(), e) {
					t.Errorf("New(%v): error %v, want %q", tt.props, err, e)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%v): %v", tt.props, err)
			continue
		}
		if w, r := c.Encoding(); w != tt.write || r != tt.read {
			t.Errorf("New(%v) encodings %s/%s, want %s/%s", tt.props, w, r, tt.write, tt.read)
		}
	}
}

func TestCharsets(t *testing.T) {
	tests := []struct {
		charset string
		text    string
		bytes   []byte
	}{
		{"UTF-8", "é€", []byte{0xc3, 0xa9, 0xe2, 0x82, 0xac}},
		{"UTF-16", "A😀", []byte{0xfe, 0xff, 0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00}},
		{"UTF-16", "", []byte{}},
		{"UTF-16BE", "A", []byte{0x00, 0x41}},
		{"UTF-16LE", "A", []byte{0x41, 0x00}},
		{"x-UTF-16LE-BOM", "A", []byte{0xff, 0xfe, 0x41, 0x00}},
		{"ISO-8859-1", "é", []byte{0xe9}},
		{"US-ASCII", "A", []byte{0x41}},
	}
	for _, tt := range tests {
		cs, ok := lookupCharset(tt.charset)
		if !ok {
			t.Fatalf("charset %s", tt.charset)
		}
		if got := cs.encode(tt.text); !bytes.Equal(got, tt.bytes) {
			t.Errorf("%s encode(%q) = % x, want % x", tt.charset, tt.text, got, tt.bytes)
		}
		if got := cs.decode(tt.bytes); got != tt.text {
			t.Errorf("%s decode(% x) = %q, want %q", tt.charset, tt.bytes, got, tt.text)
		}
	}
	// Unmappable characters are one '?' each, a supplementary character included.
	latin, _ := lookupCharset("latin1")
	if got := latin.encode("a€😀"); string(got) != "a??" {
		t.Errorf("latin1 unmappable = %q", got)
	}
}

func TestDecodeUTF8LikeJava(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte{0xe2, 0x82, 0x41}, "\ufffdA"},            // a truncated sequence is one replacement
		{[]byte{0xed, 0xa0, 0x80}, "\ufffd"},             // an encoded surrogate is one replacement
		{[]byte{0xe0, 0x80, 0x80}, "\ufffd\ufffd\ufffd"}, // an overlong form is one per byte
		{[]byte{0x41, 0xf0, 0x9f, 0x98}, "A\ufffd"},      // the rest of the input at the end
		{[]byte{0xc0, 0xaf}, "\ufffd\ufffd"},
	}
	for _, tt := range tests {
		if got := decodeUTF8(tt.in); got != tt.want {
			t.Errorf("decodeUTF8(% x) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStringConverter(t *testing.T) {
	c, err := New(map[string]string{EncodingConfig: "UTF-16BE"}, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.FromConnectData("t", nil, schemas.Int32Schema, int32(42))
	if err != nil || !bytes.Equal(b, []byte{0, '4', 0, '2'}) {
		t.Errorf("FromConnectData(42) = % x, %v", b, err)
	}
	if b, _ := c.FromConnectData("t", nil, nil, nil); b != nil {
		t.Error("null writes null")
	}
	s, v, err := c.ToConnectData("t", nil, nil)
	if err != nil || s != schemas.OptionalStringSchema || v != nil {
		t.Errorf("ToConnectData(nil) = %v, %v, %v", s, v, err)
	}
}

func TestSimpleHeaderConverter(t *testing.T) {
	c, _ := NewSimpleHeader(nil, false)
	b, err := c.FromConnectHeader("t", "h", nil, []any{"a", int32(1)})
	if err != nil || string(b) != `["a",1]` {
		t.Errorf("FromConnectHeader = %q, %v", b, err)
	}
	s, v, err := c.ToConnectHeader("t", "h", []byte("5"))
	if err != nil || s != schemas.Int8Schema || v != int8(5) {
		t.Errorf("ToConnectHeader(5) = %v, %#v, %v", s, v, err)
	}
	s, v, _ = c.ToConnectHeader("t", "h", []byte("null"))
	if s != nil || v != nil {
		t.Error("the string null is no value")
	}
	deep := []byte(strings.Repeat("[", 5000))
	s, v, err = c.ToConnectHeader("t", "h", deep)
	if err != nil || s != schemas.BytesSchema || !bytes.Equal(v.([]byte), deep) {
		t.Errorf("deep input stays bytes: %v, %v", s, err)
	}
}
