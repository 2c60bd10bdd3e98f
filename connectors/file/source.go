package file

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

// Class names and version, as Kafka lists them.
const (
	SourceClass = "org.apache.kafka.connect.file.FileStreamSourceConnector"
	SinkClass   = "org.apache.kafka.connect.file.FileStreamSinkConnector"
	// Version is what Kafka 4.3.1's connectors report (AppInfoParser.getVersion).
	Version = "4.3.1"
)

// The configuration keys and offset fields.
const (
	KeyFile      = "file"
	KeyTopic     = "topic"
	KeyBatchSize = "batch.size"

	FilenameField = "filename"
	PositionField = "position"
)

// SourceConfig is FileStreamSourceConnector's configuration definition.
func SourceConfig() *config.Def {
	return config.NewDef().Define(
		config.Key{Name: KeyFile, Type: config.TypeString, Default: nil, Importance: config.ImportanceHigh,
			Doc: "Source filename. If not specified, the standard input will be used"},
		config.Key{Name: KeyTopic, Type: config.TypeString, Default: config.NoDefault,
			Validator: config.NonEmptyString{}, Importance: config.ImportanceHigh, Doc: "The topic to publish data to"},
		config.Key{Name: KeyBatchSize, Type: config.TypeInt, Default: int32(2000), Importance: config.ImportanceLow,
			Doc: "The maximum number of records the source task can read from the file each time it is polled"},
	)
}

// SourceConnector is FileStreamSourceConnector: one task, whatever tasks.max says, since one file has one reader.
type SourceConnector struct{ props map[string]string }

// NewSourceConnector returns a FileStreamSourceConnector.
func NewSourceConnector() connect.SourceConnector { return &SourceConnector{} }

// Start checks the configuration.
func (c *SourceConnector) Start(_ context.Context, _ connect.ConnectorContext, props map[string]string) error {
	if _, err := SourceConfig().Parse(props); err != nil {
		return err
	}
	c.props = props
	return nil
}

// TaskConfigs returns a single task config, as Kafka does.
func (c *SourceConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{c.props}, nil
}

// Stop does nothing: the connector holds no resources.
func (c *SourceConnector) Stop(context.Context) error { return nil }

// NewTask returns a FileStreamSourceTask.
func (c *SourceConnector) NewTask() connect.SourceTask { return &SourceTask{} }

// TaskClass is Kafka's task class name, reported in task configs.
func (c *SourceConnector) TaskClass() string {
	return "org.apache.kafka.connect.file.FileStreamSourceTask"
}

// idleWait is how long Poll waits when the file has no complete new line, as Kafka's wait(1000).
const idleWait = time.Second

// SourceTask reads lines. Poll returns up to batch.size lines; a last line without a line terminator waits
// until the terminator is written, as in Kafka.
type SourceTask struct {
	tc        connect.SourceTaskContext
	filename  string
	topic     string
	batchSize int
	in        io.Reader
	closer    io.Closer
	stdin     chan []byte // chunks read from standard input by stdinReader
	buf       []byte      // read but not yet returned
	position  int64       // offset of buf[0] in the file
	partition map[string]any
	track     bool // false for standard input, whose positions mean nothing
}

// Start reads the configuration; the file is opened by the first Poll, so it may appear later.
func (t *SourceTask) Start(_ context.Context, tc connect.SourceTaskContext, props map[string]string) error {
	vals, err := SourceConfig().Parse(props)
	if err != nil {
		return err
	}
	t.tc = tc
	if !vals.IsNull(KeyFile) {
		t.filename = vals.String(KeyFile)
	}
	t.topic = vals.String(KeyTopic)
	t.batchSize = max(int(vals.Int(KeyBatchSize)), 1)
	if t.filename == "" {
		// Kafka's partition for standard input is {"filename": null}, with a null position.
		t.partition = map[string]any{FilenameField: nil}
		t.stdin = make(chan []byte, 16)
		go stdinReader(os.Stdin, t.stdin)
	} else {
		t.partition = map[string]any{FilenameField: t.filename}
		t.track = true
	}
	return nil
}

// stdinReader copies standard input into ch until EOF. It cannot be interrupted (neither can Kafka's), so it is
// the one goroutine of this package that may outlive its task; it exits at EOF.
func stdinReader(in io.Reader, ch chan<- []byte) {
	for {
		b := make([]byte, 64<<10)
		n, err := in.Read(b)
		if n > 0 {
			ch <- b[:n]
		}
		if err != nil {
			close(ch)
			return
		}
	}
}

// open opens the file at its committed position; ok is false while the file does not exist.
func (t *SourceTask) open(ctx context.Context) (ok bool, err error) {
	f, err := os.Open(t.filename)
	if errors.Is(err, fs.ErrNotExist) {
		slog.Warn("Couldn't find file for FileStreamSourceTask, sleeping to wait for it to be created", "file", t.filename)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	off, err := t.tc.OffsetStorageReader().Offset(ctx, t.partition)
	if err != nil {
		f.Close()
		return false, err
	}
	if p, found := off[PositionField]; found && p != nil {
		pos, isLong := p.(int64)
		if !isLong {
			f.Close()
			return false, errors.New("Offset position is the incorrect type")
		}
		if _, err := f.Seek(pos, io.SeekStart); err != nil {
			f.Close()
			return false, err
		}
		t.position = pos
	}
	t.in, t.closer = f, f
	return true, nil
}

// Poll returns the complete lines available now, at most batch.size, or waits about a second for some.
func (t *SourceTask) Poll(ctx context.Context) ([]connect.SourceRecord, error) {
	if t.in == nil && t.stdin == nil {
		ok, err := t.open(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, sleep(ctx, idleWait)
		}
	}
	if recs := t.lines(); len(recs) > 0 {
		return recs, nil
	}
	if err := t.fill(ctx); err != nil {
		return nil, err
	}
	return t.lines(), nil
}

// fill reads what is available, waiting up to idleWait when nothing is.
func (t *SourceTask) fill(ctx context.Context) error {
	if t.stdin != nil {
		timer := time.NewTimer(idleWait)
		defer timer.Stop()
		select {
		case b, ok := <-t.stdin:
			if ok {
				t.buf = append(t.buf, b...)
			}
		case <-timer.C:
		case <-ctx.Done():
		}
		return nil
	}
	const chunk = 256 << 10
	t.buf = growTo(t.buf, len(t.buf)+chunk)
	n, err := t.in.Read(t.buf[len(t.buf):cap(t.buf)])
	t.buf = t.buf[:len(t.buf)+n]
	if err != nil && err != io.EOF {
		return err
	}
	if n == 0 || !hasLine(t.buf) {
		return sleep(ctx, idleWait) // at the end of the file: wait for more, as Kafka
	}
	return nil
}

func hasLine(b []byte) bool { return bytes.IndexAny(b, "\r\n") >= 0 }

func growTo(b []byte, n int) []byte {
	if cap(b) >= n {
		return b
	}
	nb := make([]byte, len(b), max(n, 2*cap(b)))
	copy(nb, b)
	return nb
}

// lines cuts complete lines (ended by \n, \r\n or \r, as Kafka) off the buffer.
func (t *SourceTask) lines() []connect.SourceRecord {
	var recs []connect.SourceRecord
	now := time.Now().UnixMilli()
	start := 0
	for len(recs) < t.batchSize {
		i := bytes.IndexAny(t.buf[start:], "\r\n")
		if i < 0 {
			break
		}
		end, next := start+i, start+i+1
		if t.buf[end] == '\r' {
			if next >= len(t.buf) {
				break // cannot tell \r from \r\n yet
			}
			if t.buf[next] == '\n' {
				next++
			}
		}
		line := string(t.buf[start:end])
		start = next
		var offset map[string]any
		if t.track {
			offset = map[string]any{PositionField: t.position + int64(next)}
		} else {
			offset = map[string]any{PositionField: nil}
		}
		if recs == nil {
			recs = make([]connect.SourceRecord, 0, min(t.batchSize, 1024))
		}
		recs = append(recs, connect.SourceRecord{
			Record: connect.Record{Topic: t.topic, Partition: connect.NoPartition,
				ValueSchema: schemas.StringSchema, Value: line, Timestamp: now},
			SourcePartition: t.partition,
			SourceOffset:    offset,
		})
	}
	if start > 0 {
		t.position += int64(start)
		n := copy(t.buf, t.buf[start:])
		t.buf = t.buf[:n]
	}
	return recs
}

// Stop closes the file.
func (t *SourceTask) Stop(context.Context) error {
	if t.closer != nil {
		err := t.closer.Close()
		t.closer, t.in = nil, nil
		return err
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
	return nil
}
