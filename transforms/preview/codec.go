package preview

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// codec reads and writes the JSON of preview records with Kafka's JsonConverter semantics: a value with a schema
// is the payload of an envelope, a value without one is schemaless JSON.
type codec struct {
	enveloped, plain *jsonconv.Converter
}

func newCodec() *codec {
	enveloped, err := jsonconv.New(map[string]string{"schemas.enable": "true"}, false)
	if err != nil {
		panic(err) // fixed configuration
	}
	plain, err := jsonconv.New(map[string]string{"schemas.enable": "false"}, false)
	if err != nil {
		panic(err)
	}
	return &codec{enveloped: enveloped, plain: plain}
}

func isAbsent(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// part reads one key, value or header value.
func (c *codec) part(what string, schemaJSON, payload json.RawMessage) (*schemas.Schema, any, error) {
	if isAbsent(schemaJSON) {
		if isAbsent(payload) {
			return nil, nil, nil
		}
		_, v, err := c.plain.ToConnectData("", nil, payload)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", what, err)
		}
		return nil, v, nil
	}
	if isAbsent(payload) {
		payload = json.RawMessage("null")
	}
	envelope := make([]byte, 0, len(schemaJSON)+len(payload)+24)
	envelope = append(envelope, `{"schema":`...)
	envelope = append(envelope, schemaJSON...)
	envelope = append(envelope, `,"payload":`...)
	envelope = append(envelope, payload...)
	envelope = append(envelope, '}')
	s, v, err := c.enveloped.ToConnectData("", nil, envelope)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	return s, v, nil
}

func (c *codec) decode(in Record) (connect.Record, *int64, error) {
	r := connect.Record{Topic: in.Topic, Partition: connect.NoPartition, Timestamp: connect.NoTimestamp}
	if in.Topic == "" {
		return r, nil, errors.New("a record needs a topic")
	}
	if in.Partition != nil {
		r.Partition = *in.Partition
	}
	if in.Timestamp != nil {
		r.Timestamp = *in.Timestamp
	}
	var err error
	if r.KeySchema, r.Key, err = c.part("key", in.KeySchema, in.Key); err != nil {
		return r, nil, err
	}
	if r.ValueSchema, r.Value, err = c.part("value", in.ValueSchema, in.Value); err != nil {
		return r, nil, err
	}
	for i, h := range in.Headers {
		s, v, err := c.part(fmt.Sprintf("header %d (%s)", i, h.Key), h.Schema, h.Value)
		if err != nil {
			return r, nil, err
		}
		r.Headers = append(r.Headers, connect.Header{Key: h.Key, Schema: s, Value: v})
	}
	if in.KafkaOffset != nil && r.Partition == connect.NoPartition {
		return r, nil, errors.New("a sink record (with kafka_offset) needs a partition")
	}
	return r, in.KafkaOffset, nil
}

// write renders a schema and value; a value that cannot be written says why instead.
func (c *codec) write(s *schemas.Schema, v any) (json.RawMessage, json.RawMessage) {
	var schemaJSON json.RawMessage
	if s != nil {
		b, err := jsonconv.MarshalSchema(s)
		if err != nil {
			return errorJSON(err), errorJSON(err)
		}
		schemaJSON = b
	}
	if s == nil && v == nil {
		return schemaJSON, json.RawMessage("null")
	}
	b, err := c.plain.FromConnectData("", nil, s, v)
	if err != nil {
		return schemaJSON, errorJSON(err)
	}
	return schemaJSON, b
}

func errorJSON(err error) json.RawMessage {
	b, _ := json.Marshal(map[string]string{"unserializable": err.Error()})
	return b
}

func (c *codec) encode(r connect.Record, offset *int64) *Record {
	out := &Record{Topic: r.Topic, KafkaOffset: offset, Headers: []Header{}}
	if r.Partition != connect.NoPartition {
		p := r.Partition
		out.Partition = &p
	}
	if r.Timestamp != connect.NoTimestamp {
		ts := r.Timestamp
		out.Timestamp = &ts
	}
	out.KeySchema, out.Key = c.write(r.KeySchema, r.Key)
	out.ValueSchema, out.Value = c.write(r.ValueSchema, r.Value)
	for _, h := range r.Headers {
		s, v := c.write(h.Schema, h.Value)
		out.Headers = append(out.Headers, Header{Key: h.Key, Schema: s, Value: v})
	}
	return out
}
