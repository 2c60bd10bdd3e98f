package file

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// BenchmarkSinkPut measures FileStreamSink printing schemaless 1 KiB sensor records (Java's Map.toString form), the
// last step of the W1 workload.
func BenchmarkSinkPut(b *testing.B) {
	raw, err := os.ReadFile("../../schemas/jsonconv/testdata/sensor.json")
	if err != nil {
		b.Fatal(err)
	}
	conv, err := jsonconv.New(map[string]string{"schemas.enable": "false"}, false)
	if err != nil {
		b.Fatal(err)
	}
	_, v, err := conv.ToConnectData("t", nil, raw)
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]connect.SinkRecord, 500)
	for i := range batch {
		batch[i].Value = v
	}
	task := &SinkTask{}
	if err := task.Start(b.Context(), nil, map[string]string{KeyFile: filepath.Join(b.TempDir(), "out.txt")}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = task.Stop(b.Context()) })
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += len(batch) {
		if err := task.Put(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
	}
}
