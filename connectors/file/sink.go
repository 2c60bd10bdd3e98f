package file

import (
	"bufio"
	"context"
	"io"
	"os"
	"strconv"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

// SinkConfig is FileStreamSinkConnector's configuration definition (topics is the framework's).
func SinkConfig() *config.Def {
	return config.NewDef().Define(
		config.Key{Name: KeyFile, Type: config.TypeString, Default: nil, Importance: config.ImportanceHigh,
			Doc: "Destination filename. If not specified, the standard output will be used"},
	)
}

// SinkConnector is FileStreamSinkConnector: tasks.max identical tasks, as Kafka.
type SinkConnector struct{ props map[string]string }

// NewSinkConnector returns a FileStreamSinkConnector.
func NewSinkConnector() connect.SinkConnector { return &SinkConnector{} }

// Start checks the configuration.
func (c *SinkConnector) Start(_ context.Context, _ connect.ConnectorContext, props map[string]string) error {
	if _, err := SinkConfig().Parse(props); err != nil {
		return err
	}
	c.props = props
	return nil
}

// TaskConfigs returns maxTasks copies of the connector's config.
func (c *SinkConnector) TaskConfigs(_ context.Context, maxTasks int) ([]map[string]string, error) {
	out := make([]map[string]string, maxTasks)
	for i := range out {
		out[i] = c.props
	}
	return out, nil
}

// Stop does nothing.
func (c *SinkConnector) Stop(context.Context) error { return nil }

// NewTask returns a FileStreamSinkTask.
func (c *SinkConnector) NewTask() connect.SinkTask { return &SinkTask{} }

// TaskClass is Kafka's task class name, reported in task configs.
func (c *SinkConnector) TaskClass() string { return "org.apache.kafka.connect.file.FileStreamSinkTask" }

// SinkTask appends each record's value and a newline, as Java's PrintStream.println(value). Each Put's lines reach
// the file when Put returns (Kafka's PrintStream writes through), and are fsynced by PreCommit.
type SinkTask struct {
	f   *os.File // nil for standard output
	out *bufio.Writer
	ids uint32 // stands in for Java's identity hash in "[B@…" (see writeValue)
	buf []byte // reused for rendering non-string values
}

// Start opens the file for appending.
func (t *SinkTask) Start(_ context.Context, _ connect.SinkTaskContext, props map[string]string) error {
	vals, err := SinkConfig().Parse(props)
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	if !vals.IsNull(KeyFile) && vals.String(KeyFile) != "" {
		if t.f, err = os.OpenFile(vals.String(KeyFile), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return err
		}
		w = t.f
	}
	t.out = bufio.NewWriterSize(w, 256<<10)
	return nil
}

// Put writes the batch with one write to the file.
func (t *SinkTask) Put(_ context.Context, records []connect.SinkRecord) error {
	for i := range records {
		t.writeValue(records[i].Value)
		if err := t.out.WriteByte('\n'); err != nil {
			return err
		}
	}
	return t.out.Flush()
}

// writeValue prints v as String.valueOf(v) would. A byte array prints as Java's Object.toString, "[B@" and an
// identity hash that no one can reproduce or rely on; a per-task sequence keeps it O(1) instead of hashing the
// bytes (which cost most of the sink's CPU with ByteArrayConverter).
func (t *SinkTask) writeValue(v any) {
	switch x := v.(type) {
	case string:
		t.out.WriteString(x)
	case []byte:
		t.ids = t.ids*1664525 + 1013904223 // an LCG: distinct-looking values, like identity hashes
		t.buf = strconv.AppendUint(append(t.buf[:0], "[B@"...), uint64(t.ids>>1), 16)
		t.out.Write(t.buf)
	default:
		t.buf = schemas.AppendJava(t.buf[:0], v)
		t.out.Write(t.buf)
	}
}

// PreCommit makes what Put wrote durable before its offsets are committed.
func (t *SinkTask) PreCommit(_ context.Context, offsets map[connect.TopicPartition]connect.OffsetAndMetadata) (map[connect.TopicPartition]connect.OffsetAndMetadata, error) {
	if err := t.flush(); err != nil {
		return nil, err
	}
	return offsets, nil
}

func (t *SinkTask) flush() error {
	if err := t.out.Flush(); err != nil {
		return err
	}
	if t.f != nil {
		return t.f.Sync()
	}
	return nil
}

// Stop flushes and closes the file.
func (t *SinkTask) Stop(context.Context) error {
	if t.out == nil {
		return nil
	}
	err := t.flush()
	if t.f != nil {
		if cerr := t.f.Close(); err == nil {
			err = cerr
		}
		t.f = nil
	}
	return err
}
