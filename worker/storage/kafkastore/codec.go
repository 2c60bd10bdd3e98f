package kafkastore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/schemas/jsonconv"
	"github.com/sluice-connect/sluice/worker/storage"
)

// Record keys of the config topic, as KafkaConfigBackingStore names them.
const (
	connectorPrefix   = "connector-"
	taskPrefix        = "task-"
	commitPrefix      = "commit-"
	taskCountPrefix   = "tasks-fencing-"
	targetStatePrefix = "target-state-"
	restartPrefix     = "restart-connector-"
	loggerPrefix      = "logger-cluster-"
	sessionKeyKey     = "session-key"
)

// Record keys of the status topic, as KafkaStatusBackingStore names them.
const (
	connectorStatusPrefix = "status-connector-"
	taskStatusPrefix      = "status-task-"
	topicStatusPrefix     = "status-topic-"
	topicStatusSeparator  = ":connector-"
)

// ErrRecord is wrapped by every error about an internal-topic record that cannot be read. Such records are
// skipped with a logged error, as Kafka skips them, so a foreign or damaged record never stops a worker.
var ErrRecord = errors.New("kafkastore: unreadable record")

// Prop is one connector or task configuration entry. Configurations are written in a given order because
// Kafka writes them in its map's iteration order and compatibility is byte for byte.
type Prop struct{ Key, Value string }

// Props is a configuration in the order it is written.
type Props []Prop

// Get returns key's value, "" when absent.
func (p Props) Get(key string) string {
	for _, e := range p {
		if e.Key == key {
			return e.Value
		}
	}
	return ""
}

// Map returns the configuration as a map.
func (p Props) Map() map[string]string {
	m := make(map[string]string, len(p))
	for _, e := range p {
		m[e.Key] = e.Value
	}
	return m
}

// HashMapOrder returns m in the iteration order of a java.util.HashMap holding the same keys: the order Kafka
// writes the task configurations connectors return (FileStream's and most others build HashMaps). A
// connector configuration submitted over REST is instead in the order of the request's JSON object.
func HashMapOrder(m map[string]string) Props {
	keys := make(map[string]any, len(m))
	for k := range m {
		keys[k] = nil
	}
	out := make(Props, 0, len(m))
	// storage.PartitionKey writes a map's keys in HashMap order; reading them back from its output keeps one
	// implementation of that order in the repository.
	enc, err := storage.PartitionKey(keys)
	if err != nil {
		panic(err) // nil values always encode
	}
	dec := json.NewDecoder(strings.NewReader(enc))
	_, _ = dec.Token() // {
	for dec.More() {
		t, _ := dec.Token()
		_, _ = dec.Token() // null
		k := t.(string)
		out = append(out, Prop{Key: k, Value: m[k]})
	}
	return out
}

// appendProps writes {"properties":{...}}, the value of connector-<c> and task-<c>-<n>.
func appendProps(dst []byte, p Props) []byte {
	dst = append(dst, `{"properties":{`...)
	for i, e := range p {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonconv.AppendString(dst, e.Key)
		dst = append(dst, ':')
		dst = jsonconv.AppendString(dst, e.Value)
	}
	return append(dst, "}}"...)
}

// object is a decoded JSON object with its keys in record order.
type object struct {
	keys []string
	vals map[string]json.RawMessage
}

// parseObject reads a JSON object, keeping key order; anything else is an ErrRecord.
func parseObject(b []byte) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return object{}, fmt.Errorf("%w: not a JSON object: %.80q", ErrRecord, b)
	}
	o := object{vals: map[string]json.RawMessage{}}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return object{}, fmt.Errorf("%w: %w", ErrRecord, err)
		}
		k := t.(string) // object keys are always strings once Token succeeded
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return object{}, fmt.Errorf("%w: %w", ErrRecord, err)
		}
		if _, dup := o.vals[k]; !dup {
			o.keys = append(o.keys, k)
		}
		o.vals[k] = raw
	}
	if _, err := dec.Token(); err != nil {
		return object{}, fmt.Errorf("%w: %w", ErrRecord, err)
	}
	if dec.More() {
		return object{}, fmt.Errorf("%w: data after the JSON object", ErrRecord)
	}
	return o, nil
}

// str returns field k as a string; ok is false when it is absent or null.
func (o object) str(k string) (string, bool, error) {
	raw, ok := o.vals[k]
	if !ok || string(raw) == "null" {
		return "", false, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, fmt.Errorf("%w: field %q is not a string: %s", ErrRecord, k, raw)
	}
	return s, true, nil
}

// int returns field k as an integer. Kafka reads these fields as the Integer or Long its JsonConverter makes of
// a JSON integer and refuses anything else (a ClassCastException it logs), so a fraction is refused here too.
func (o object) int(k string) (int64, error) {
	raw, ok := o.vals[k]
	if !ok || string(raw) == "null" {
		return 0, fmt.Errorf("%w: field %q is missing", ErrRecord, k)
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: field %q is not an integer: %s", ErrRecord, k, raw)
	}
	return n, nil
}

func (o object) bool(k string) (bool, error) {
	raw, ok := o.vals[k]
	if !ok || string(raw) == "null" {
		return false, nil
	}
	switch string(raw) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%w: field %q is not a boolean: %s", ErrRecord, k, raw)
}

// props returns field k as a configuration: a JSON object of strings, in record order. Kafka casts the map
// to Map<String,String>, so a non-string value there is refused.
func (o object) props(k string) (Props, error) {
	raw, ok := o.vals[k]
	if !ok || string(raw) == "null" {
		return nil, fmt.Errorf("%w: field %q is missing", ErrRecord, k)
	}
	inner, err := parseObject(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: field %q is not a map", ErrRecord, k)
	}
	p := make(Props, 0, len(inner.keys))
	for _, ik := range inner.keys {
		v, ok, err := inner.str(ik)
		if err != nil || !ok {
			return nil, fmt.Errorf("%w: %q in field %q is not a string", ErrRecord, ik, k)
		}
		p = append(p, Prop{Key: ik, Value: v})
	}
	return p, nil
}

// parseTaskKey splits "task-<connector>-<n>" as Kafka does: the task number follows the last '-'.
func parseTaskKey(key string) (connector string, task int, ok bool) {
	rest, ok := strings.CutPrefix(key, taskPrefix)
	if !ok {
		return "", 0, false
	}
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.ParseInt(rest[i+1:], 10, 32)
	if err != nil {
		return "", 0, false
	}
	return rest[:i], int(n), true
}
