package file

import (
	"bytes"
	"testing"
)

// FuzzSourceLines: however the file's bytes arrive, the lines and positions cut from them reassemble the input:
// each record is the bytes between two positions minus one terminator (\n, \r\n or \r), and what is left has no
// complete line.
func FuzzSourceLines(f *testing.F) {
	f.Add([]byte("a\nbb\r\nccc\rdd\r"), uint8(1))
	f.Add([]byte("\r\r\n\n\r"), uint8(0))
	f.Add([]byte("no terminator"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		task := &SourceTask{topic: "t", batchSize: 3, track: true, partition: map[string]any{FilenameField: "f"}}
		step := int(chunk)%7 + 1
		var pos int64
		check := func() {
			for {
				recs := task.lines()
				if len(recs) == 0 {
					return
				}
				for _, r := range recs {
					end := r.SourceOffset[PositionField].(int64)
					raw := data[pos:end]
					line := r.Value.(string)
					term := raw[len(line):]
					if !bytes.HasPrefix(raw, []byte(line)) || !(string(term) == "\n" || string(term) == "\r\n" || string(term) == "\r") {
						t.Fatalf("record %q at %d..%d does not match input %q", line, pos, end, raw)
					}
					pos = end
				}
			}
		}
		for i := 0; i < len(data); i += step {
			task.buf = append(task.buf, data[i:min(i+step, len(data))]...)
			check()
		}
		rest := data[pos:]
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			t.Fatalf("unconsumed %q holds a complete line", rest)
		}
		if i := bytes.IndexByte(rest, '\r'); i >= 0 && i != len(rest)-1 {
			t.Fatalf("unconsumed %q holds a complete line", rest)
		}
	})
}
