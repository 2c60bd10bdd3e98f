package jsonconv

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// Converter is Kafka's org.apache.kafka.connect.json.JsonConverter. It implements connect.Converter and
// connect.HeaderConverter. Like every converter it is used by one goroutine at a time: it reuses its parse tape
// and output buffer from record to record.
type Converter struct {
	conf        Config
	fixedSchema *schemas.Schema // schema.content
	dec         *decoder
	buf         []byte
	toSchema    *lru[string, *schemas.Schema] // parsed envelope schemas by their JSON text
	fromSchema  *lru[*schemas.Schema, []byte] // schema JSON by schema
}

var (
	_ connect.Converter       = (*Converter)(nil)
	_ connect.HeaderConverter = (*Converter)(nil)
)

// maxRetainedBuffer bounds the output buffer kept between records, so that one huge record does not pin memory.
const maxRetainedBuffer = 1 << 20

func (c *Converter) initCaches() {
	c.toSchema = newLRU[string, *schemas.Schema](c.conf.SchemasCacheSize)
	c.fromSchema = newLRU[*schemas.Schema, []byte](c.conf.SchemasCacheSize)
	c.dec = c.newDecoder()
}

// Config returns the converter's configuration.
func (c *Converter) Config() Config { return c.conf }

// FromConnectData serialises value (of schema, which may be nil) as Kafka's JsonConverter.fromConnectData: a nil
// schema with a nil value is a tombstone (nil bytes); with schemas.enable the result is the
// {"schema":...,"payload":...} envelope.
func (c *Converter) FromConnectData(_ string, _ connect.Headers, schema *schemas.Schema, value any) ([]byte, error) {
	if schema == nil && value == nil {
		return nil, nil
	}
	buf, err := c.AppendConnectData(c.buf[:0], schema, value)
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(buf))
	copy(out, buf)
	if cap(buf) <= maxRetainedBuffer {
		c.buf = buf
	}
	return out, nil
}

// AppendConnectData appends the serialised form of value to dst, for callers that batch records into one buffer.
// Unlike FromConnectData it writes "null" (or the envelope of a null) for a nil schema and value.
func (c *Converter) AppendConnectData(dst []byte, schema *schemas.Schema, value any) ([]byte, error) {
	var err error
	if !c.conf.SchemasEnable {
		return c.appendValue(dst, schema, value)
	}
	dst = append(dst, `{"schema":`...)
	if dst, err = c.appendSchema(dst, schema); err != nil {
		return nil, err
	}
	dst = append(dst, `,"payload":`...)
	if dst, err = c.appendValue(dst, schema, value); err != nil {
		return nil, err
	}
	return append(dst, '}'), nil
}

const envelopeMessage = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not " +
	"contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in " +
	"your converter configuration."

// ToConnectData parses data as Kafka's JsonConverter.toConnectData: nil bytes are a tombstone (nil schema and
// value); with schemas.enable the data must be an envelope (or, with schema.content, the bare payload).
func (c *Converter) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return nil, nil, nil
	}
	d := c.dec
	d.reset()
	defer d.release()
	if !c.conf.SchemasEnable {
		v, ok := d.decodeSchemaless(data)
		if !ok {
			return nil, nil, &convertError{
				msg: "Converting byte[] to Kafka Connect data failed due to serialization error: ", cause: d.directErr}
		}
		return nil, v, nil
	}
	if !d.p.parse(data) {
		return nil, nil, &convertError{
			msg: "Converting byte[] to Kafka Connect data failed due to serialization error: ", cause: d.p.err}
	}
	if c.fixedSchema != nil {
		d.prepare()
		v, err := d.convert(c.fixedSchema, 0)
		if err != nil {
			return nil, nil, err
		}
		return c.fixedSchema, v, nil
	}
	schemaNode, payloadNode := int32(-1), int32(-1)
	if d.p.tape[0].kind == kindObject {
		n, _ := d.members(0, func(key *node, val int32) error {
			if d.keyIs(key, "schema") {
				schemaNode = val
			} else if d.keyIs(key, "payload") {
				payloadNode = val
			}
			return nil
		})
		if n != 2 {
			schemaNode = -1
		}
	}
	if schemaNode < 0 || payloadNode < 0 {
		return nil, nil, schemas.DataError(envelopeMessage)
	}
	s, err := d.schemaAt(schemaNode)
	if err != nil {
		return nil, nil, err
	}
	d.prepareFor(payloadNode)
	v, err := d.convert(s, payloadNode)
	if err != nil {
		return nil, nil, err
	}
	return s, v, nil
}

// FromConnectHeader serialises a header value exactly as a record value.
func (c *Converter) FromConnectHeader(topic, _ string, schema *schemas.Schema, value any) ([]byte, error) {
	return c.FromConnectData(topic, nil, schema, value)
}

// ToConnectHeader parses a header value exactly as a record value.
func (c *Converter) ToConnectHeader(topic, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.ToConnectData(topic, nil, data)
}
