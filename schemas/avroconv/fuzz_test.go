package avroconv

import (
	"errors"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

// FuzzToConnectData feeds arbitrary payloads to the decoder of every golden schema: it must return a value or a
// data error, never panic, loop or allocate without bound. Seeds are the corpus's real encodings.
func FuzzToConnectData(f *testing.F) {
	reg := newFakeRegistry()
	c := testConverter(f, reg, nil, false)
	corpus := goldenCorpus()
	for _, gc := range corpus {
		cc := NewWithClient(c.conf, false, reg)
		cc.conf.ConnectMetaData, cc.conf.EnhancedSchema = gc.conf.connectMetaData, gc.conf.enhanced
		cc.conf.ScrubInvalidNames = gc.conf.scrubNames
		b, err := cc.FromConnectData("t", nil, gc.schema, gc.value)
		if err != nil {
			f.Fatalf("%s: %v", gc.name, err)
		}
		if b != nil {
			f.Add(b)
		}
	}
	ids := len(reg.ids)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Every registered schema decodes the payload: the fuzzer's bytes choose the id, and the payload is
		// tried under every schema too.
		if _, _, err := c.ToConnectData("t", nil, data); err != nil && !errors.Is(err, schemas.ErrData) {
			t.Fatalf("not a data error: %v", err)
		}
		if len(data) < headerSize {
			return
		}
		for id := 1; id <= ids; id++ {
			d, err := c.decoderFor("t", id)
			if err != nil {
				t.Fatal(err)
			}
			var err2 error
			if d.codec == nil {
				r := reader{data: data[headerSize:]}
				_, err2 = readAnything(&r, 0)
			} else {
				r := newPayload(data[headerSize:], d.codec.nWords)
				_, err2 = d.codec.decode(&r)
			}
			if err := err2; err != nil && !errors.Is(err, schemas.ErrData) {
				t.Fatalf("id %d: not a data error: %v", id, err)
			}
		}
	})
}
