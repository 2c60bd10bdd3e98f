package transforms

import (
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/transforms/internal/javatime"
)

// dateFormat validates a SimpleDateFormat pattern. Kafka's TimestampRouter builds its SimpleDateFormat only when
// the first record arrives, so a bad pattern fails every record there; Sluice reports it when the configuration is
// validated.
var dateFormat = config.Func(func(name string, v any) error {
	s, _ := v.(string)
	if _, err := javatime.Compile(s); err != nil {
		return config.InvalidValue(name, v, err.Error())
	}
	return nil
}, "SimpleDateFormat pattern")

var timestampRouterDef = config.NewDef().Define(
	config.Key{Name: "topic.format", Type: config.TypeString, Default: "${topic}-${timestamp}",
		Importance: config.ImportanceHigh,
		Doc: "Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders " +
			"for the topic and timestamp, respectively."},
	config.Key{Name: "timestamp.format", Type: config.TypeString, Default: "yyyyMMdd", Validator: dateFormat,
		Importance: config.ImportanceHigh,
		Doc:        "Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>."},
)

// TimestampRouter sets the topic from a format of the original topic and the record timestamp (Kafka's
// TimestampRouter), e.g. orders-20240229.
type TimestampRouter struct {
	topicFormat string
	format      *javatime.Format
	// The last timestamp and its formatted form: consecutive records mostly share a day, hour or second.
	lastMs  int64
	lastTs  string
	hasLast bool
	buf     []byte
	// The last routing, so that a run of records from one topic in one period allocates nothing.
	lastTopic, lastTopicTs, lastOut string
}

// NewTimestampRouter builds TimestampRouter.
func NewTimestampRouter(props map[string]string) (connect.Transformation, error) {
	v, err := parse(timestampRouterDef, props)
	if err != nil {
		return nil, err
	}
	f, err := javatime.Compile(v.String("timestamp.format"))
	if err != nil {
		return nil, configError("timestamp.format", err.Error())
	}
	return &TimestampRouter{topicFormat: v.String("topic.format"), format: f}, nil
}

// Apply sets the topic; a record without a timestamp fails.
func (t *TimestampRouter) Apply(r connect.Record) (connect.Record, bool, error) {
	if r.Timestamp == connect.NoTimestamp {
		return r, false, schemas.DataError("Timestamp missing on record: " + recordString(r))
	}
	if !t.hasLast || t.lastMs != r.Timestamp {
		t.buf = t.format.AppendFormat(t.buf[:0], r.Timestamp)
		if string(t.buf) != t.lastTs { // compares without allocating; a new string only for a new period
			t.lastTs = string(t.buf)
		}
		t.lastMs, t.hasLast = r.Timestamp, true
	}
	// Kafka replaces ${topic} first and then ${timestamp} in the result, so a topic containing "${timestamp}"
	// has it replaced too.
	if r.Topic != t.lastTopic || t.lastTs != t.lastTopicTs || t.lastOut == "" {
		topic := strings.ReplaceAll(t.topicFormat, "${topic}", r.Topic)
		t.lastTopic, t.lastTopicTs = r.Topic, t.lastTs
		t.lastOut = strings.ReplaceAll(topic, "${timestamp}", t.lastTs)
	}
	r.Topic = t.lastOut
	return r, true, nil
}

// recordString renders a record as Kafka's ConnectRecord.toString does, for error messages. (Kafka prefixes the
// SourceRecord's or SinkRecord's own fields, which a connect.Record does not carry.)
func recordString(r connect.Record) string {
	var b strings.Builder
	b.WriteString("ConnectRecord{topic='")
	b.WriteString(r.Topic)
	b.WriteString("', kafkaPartition=")
	if r.Partition == connect.NoPartition {
		b.WriteString("null")
	} else {
		b.WriteString(strconv.Itoa(int(r.Partition)))
	}
	b.WriteString(", key=" + schemas.JavaString(r.Key) + ", keySchema=" + r.KeySchema.String())
	b.WriteString(", value=" + schemas.JavaString(r.Value) + ", valueSchema=" + r.ValueSchema.String())
	b.WriteString(", timestamp=")
	if r.Timestamp == connect.NoTimestamp {
		b.WriteString("null")
	} else {
		b.WriteString(strconv.FormatInt(r.Timestamp, 10))
	}
	b.WriteString(", headers=ConnectHeaders(headers=")
	if len(r.Headers) > 0 {
		b.WriteByte('[')
		for i, h := range r.Headers {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("ConnectHeader(key=" + h.Key + ", value=" + schemas.JavaString(h.Value) + ", schema=" +
				h.Schema.String() + ")")
		}
		b.WriteByte(']')
	}
	b.WriteString(")}")
	return b.String()
}
