package avroconv

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/registry"
	"github.com/sluice-connect/sluice/schemas/registry/compat"
)

// Class is the converter's Kafka Connect class name.
const Class = "io.confluent.connect.avro.AvroConverter"

// magicByte starts every record in Confluent's wire format, followed by the 4-byte big-endian schema id.
const (
	magicByte  = 0
	headerSize = 5
)

// maxRetainedBuffer bounds the encode buffer kept between records, so one huge record does not pin memory.
const maxRetainedBuffer = 1 << 20

// Converter is Confluent's io.confluent.connect.avro.AvroConverter. Like every converter it is used by one
// goroutine at a time, so its caches need no locks: after the first record of a schema (or schema id), encoding
// and decoding never reach the registry.
type Converter struct {
	conf   Config
	isKey  bool
	client registry.Client
	enc    map[encKey]*encoder
	encTxt map[encTextKey]*encoder // by Avro schema text, for Connect schemas rebuilt per record
	dec    map[decKey]*decoder
	// The last schema used each way: a task usually writes or reads one schema for long runs of records, and
	// comparing a key is cheaper than hashing it.
	lastEncKey encKey
	lastEnc    *encoder
	lastDecKey decKey
	lastDec    *decoder
	buf        []byte
}

// The caches are keyed by topic too when the subject depends on it: a schema must be registered (and its
// version looked up) under each topic's subject, as Confluent's serializer caches by subject.
type (
	encKey struct {
		topic  string
		schema *schemas.Schema // nil for schemaless values
	}
	encTextKey struct{ subject, text string }
	decKey     struct {
		topic string
		id    int
	}
)

// encoder is everything needed to write records of one Connect schema: the registered id and the codec (nil for
// schemaless values, written as Confluent's Anything record).
type encoder struct {
	id    int
	codec *codec
}

// decoder is everything needed to read records of one schema id: the Connect schema (nil for Anything) and the
// codec (nil for Anything).
type decoder struct {
	schema *schemas.Schema
	codec  *codec
}

// anythingSchema is the parsed Anything record.
var anythingSchema = func() *avroSchema {
	s, err := parseSchema(anythingSchemaText)
	if err != nil {
		panic(err) // a constant of this package
	}
	return s
}()

// cacheTopic is the topic part of cache keys: none when the subject does not depend on the topic.
func (c *Converter) cacheTopic(topic string) string {
	strategy := c.conf.ValueStrategy
	if c.isKey {
		strategy = c.conf.KeyStrategy
	}
	if strategy == RecordName {
		return ""
	}
	return topic
}

var _ connect.Converter = (*Converter)(nil)

// New builds a converter from its properties (without the key.converter. / value.converter. prefix), talking to
// the registries of schema.registry.url.
func New(props map[string]string, isKey bool) (*Converter, error) {
	conf, err := ParseConfig(props)
	if err != nil {
		return nil, err
	}
	client, err := registry.NewHTTPClient(conf.URLs, registry.HTTPOptions{BasicAuthUserInfo: conf.BasicAuthUserInfo,
		BearerToken: conf.BearerToken})
	if err != nil {
		return nil, err
	}
	return NewWithClient(conf, isKey, client), nil
}

// NewWithClient builds a converter over any registry client.
func NewWithClient(conf Config, isKey bool, client registry.Client) *Converter {
	return &Converter{conf: conf, isKey: isKey, client: client, enc: map[encKey]*encoder{},
		encTxt: map[encTextKey]*encoder{}, dec: map[decKey]*decoder{}}
}

// FromConnectData writes value as Confluent's AvroConverter: the magic byte, the schema id registered (or found)
// for the Avro form of schema under the configured subject, then the Avro binary encoding. A nil value is a null
// record (nil bytes). A value without a schema is written as Confluent's Anything record.
func (c *Converter) FromConnectData(topic string, _ connect.Headers, schema *schemas.Schema, value any) ([]byte, error) {
	if value == nil {
		if schema != nil && !schema.IsOptional() {
			return nil, c.serializeErr(topic, schemas.DataError("Found null value for non-optional schema"))
		}
		return nil, nil
	}
	e, err := c.encoderFor(topic, schema)
	if err != nil {
		return nil, c.serializeErr(topic, err)
	}
	buf := append(c.buf[:0], magicByte, 0, 0, 0, 0)
	binary.BigEndian.PutUint32(buf[1:], uint32(e.id))
	if e.codec == nil {
		buf, err = appendAnything(buf, value, 0)
	} else {
		buf, err = e.codec.encode(buf, value)
	}
	if err != nil {
		return nil, c.serializeErr(topic, err)
	}
	out := make([]byte, len(buf))
	copy(out, buf)
	if cap(buf) <= maxRetainedBuffer {
		c.buf = buf
	}
	return out, nil
}

func (c *Converter) encoderFor(topic string, schema *schemas.Schema) (*encoder, error) {
	key := encKey{c.cacheTopic(topic), schema}
	if c.lastEnc != nil && key == c.lastEncKey {
		return c.lastEnc, nil
	}
	if e, ok := c.enc[key]; ok {
		c.lastEncKey, c.lastEnc = key, e
		return e, nil
	}
	as := anythingSchema
	if schema != nil {
		var err error
		if as, err = newFromConnect(c.conf.data()).schema(schema, false); err != nil {
			return nil, err
		}
	}
	text := as.String()
	subject := c.subject(topic, as)
	tkey := encTextKey{subject, text}
	if e, ok := c.encTxt[tkey]; ok {
		c.remember(key, tkey, e)
		return e, nil
	}
	var err error
	ctx, cancel := context.WithTimeout(context.Background(), c.conf.RequestTimeout)
	defer cancel()
	rs := registry.Schema{Schema: text}
	e := &encoder{}
	switch {
	case c.conf.AutoRegister:
		if e.id, err = c.client.Register(ctx, subject, rs, c.conf.Normalize); err != nil {
			return nil, registryErr("Error registering Avro schema", err)
		}
	case c.conf.UseLatestVersion:
		sv, err := c.client.Latest(ctx, subject)
		if err != nil {
			return nil, registryErr("Error retrieving latest version of Avro schema", err)
		}
		latest, err := parseSchema(sv.Schema.Schema)
		if err != nil {
			return nil, schemas.DataErrorf("Invalid schema %s: %v", sv.Schema.Schema, err)
		}
		if c.conf.LatestCompatStrict {
			if err := latestCanRead(sv.Schema.Schema, text); err != nil {
				return nil, err
			}
		}
		// The latest version is the writer schema: the codec maps the Connect fields onto it by name.
		if e.codec, err = compile(schema, latest); err != nil {
			return nil, err
		}
		e.id = sv.ID
	default:
		sv, err := c.client.LookUp(ctx, subject, rs)
		if err != nil {
			return nil, registryErr("Error retrieving Avro schema", err)
		}
		e.id = sv.ID
	}
	if e.codec == nil && schema != nil {
		if e.codec, err = compile(schema, as); err != nil {
			return nil, err
		}
	}
	c.remember(key, tkey, e)
	return e, nil
}

// latestCanRead is Confluent's latest.compatibility.strict check: the latest version must be able to read data
// written with the record's own schema (be backward compatible with it).
func latestCanRead(latest, own string) error {
	ls, err := compat.Parse(latest, nil)
	if err != nil {
		return schemas.DataErrorf("Invalid schema %s: %v", latest, err)
	}
	os, err := compat.Parse(own, nil)
	if err != nil {
		return schemas.DataErrorf("Invalid schema %s: %v", own, err)
	}
	if len(compat.CanRead(ls, os, "new", "old")) > 0 {
		return schemas.DataErrorf("Incompatible schema %s of type AVRO for schema %s. Set latest.compatibility.strict=false "+
			"to disable this check", latest, own)
	}
	return nil
}

func (c *Converter) remember(key encKey, tkey encTextKey, e *encoder) {
	if len(c.enc) >= c.conf.SchemasCacheSize {
		clear(c.enc)
		clear(c.encTxt)
	}
	c.enc[key], c.encTxt[tkey] = e, e
}

// subject names the registry subject of a schema by the configured strategy.
func (c *Converter) subject(topic string, as *avroSchema) string {
	strategy, suffix := c.conf.ValueStrategy, "-value"
	if c.isKey {
		strategy, suffix = c.conf.KeyStrategy, "-key"
	}
	name := as.kind.String()
	if as.kind == kRecord || as.kind == kEnum || as.kind == kFixed {
		name = as.fullName()
	}
	switch strategy {
	case RecordName:
		return name
	case TopicRecordName:
		return topic + "-" + name
	}
	return topic + suffix
}

// ToConnectData reads Confluent's wire format: the schema id selects the writer schema (fetched once per id), whose
// Connect form is the record's schema. Nil data is a null record.
func (c *Converter) ToConnectData(topic string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return nil, nil, nil
	}
	if len(data) < headerSize || data[0] != magicByte {
		return nil, nil, c.deserializeErr(topic, schemas.DataError("Unknown magic byte!"))
	}
	id := int(int32(binary.BigEndian.Uint32(data[1:headerSize])))
	d, err := c.decoderFor(topic, id)
	if err != nil {
		return nil, nil, c.deserializeErr(topic, err)
	}
	// The values decoded keep strings and bytes in this copy of the payload: one allocation for all of them,
	// and the caller may reuse data.
	var v any
	if d.codec == nil {
		r := reader{data: bytes.Clone(data[headerSize:])}
		v, err = readAnything(&r, 0)
	} else {
		r := newPayload(data[headerSize:], d.codec.nWords)
		v, err = d.codec.decode(&r)
	}
	if err != nil {
		return nil, nil, c.deserializeErr(topic, fmt.Errorf("Error deserializing Avro message for id %d: %w", id, err))
	}
	return d.schema, v, nil
}

func (c *Converter) decoderFor(topic string, id int) (*decoder, error) {
	key := decKey{c.cacheTopic(topic), id}
	if c.lastDec != nil && key == c.lastDecKey {
		return c.lastDec, nil
	}
	if d, ok := c.dec[key]; ok {
		c.lastDecKey, c.lastDec = key, d
		return d, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.conf.RequestTimeout)
	defer cancel()
	rs, err := c.client.SchemaByID(ctx, id)
	if err != nil {
		return nil, registryErr(fmt.Sprintf("Error retrieving Avro %s schema for id %d", c.part(), id), err)
	}
	if t := rs.TypeOrDefault(); t != registry.TypeAvro {
		return nil, schemas.DataErrorf("Schema %d is of type %s, not AVRO", id, t)
	}
	as, err := parseSchema(rs.Schema)
	if err != nil {
		return nil, schemas.DataErrorf("Invalid Avro schema for id %d: %v", id, err)
	}
	// Confluent's deserializer gives the Connect schema the subject version of the writer schema when the schema
	// carries no connect.version.
	d := &decoder{}
	if !isAnything(as) {
		version := 0
		sv, err := c.client.LookUp(ctx, c.subject(topic, as), rs)
		switch {
		case err == nil:
			version = sv.Version
		case connect.IsRetriable(err):
			return nil, err
		}
		if d.schema, err = newToConnect(c.conf.data()).topLevel(as, version); err != nil {
			return nil, err
		}
		if d.codec, err = compile(d.schema, as); err != nil {
			return nil, err
		}
	}
	if len(c.dec) >= c.conf.SchemasCacheSize {
		clear(c.dec)
	}
	c.dec[key] = d
	return d, nil
}

func (c *Converter) part() string {
	if c.isKey {
		return "key"
	}
	return "value"
}

// registryErr keeps a retriable registry failure retriable (the runtime backs off and retries) and makes every
// other registry answer a data error of the record (dead letter queue or task failure).
func registryErr(msg string, err error) error {
	if connect.IsRetriable(err) {
		return fmt.Errorf("%s: %w", msg, err)
	}
	return &dataErr{msg: msg, cause: err}
}

func (c *Converter) serializeErr(topic string, err error) error {
	return wrap(fmt.Sprintf("Failed to serialize Avro data from topic %s :", topic), err)
}

func (c *Converter) deserializeErr(topic string, err error) error {
	return wrap(fmt.Sprintf("Failed to deserialize data for topic %s to Avro: ", topic), err)
}

func wrap(msg string, err error) error {
	if connect.IsRetriable(err) {
		return &connect.RetriableError{Err: &dataErr{msg: msg, cause: err, retriable: true}}
	}
	return &dataErr{msg: msg, cause: err}
}

// dataErr is Kafka's DataException with a cause: its text is the message and the cause's, and it wraps
// schemas.ErrData unless the cause is a transient registry failure.
type dataErr struct {
	msg       string
	cause     error
	retriable bool
}

func (e *dataErr) Error() string { return e.msg + " " + e.cause.Error() }

func (e *dataErr) Unwrap() []error {
	if e.retriable {
		return []error{e.cause}
	}
	return []error{schemas.ErrData, e.cause}
}

// Version is the Confluent Platform release whose AvroConverter behaviour Sluice's follows, reported in
// GET /connector-plugins.
const Version = "7.9.0"
