package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxBody bounds request bodies; a connector config is a few KiB.
const maxBody = 8 << 20

// props is a JSON object of strings as Kafka's REST API reads a Map<String, String>: numbers and booleans are
// taken as their text, null is kept apart (Go maps of strings cannot hold it), and the key order is kept for the
// few messages that quote a whole config.
type props struct {
	values map[string]string
	nulls  []string
	order  []string
}

// patch returns the props as a config patch: nil removes a key.
func (p props) patch() map[string]*string {
	out := make(map[string]*string, len(p.values)+len(p.nulls))
	for k, v := range p.values {
		out[k] = &v
	}
	for _, k := range p.nulls {
		out[k] = nil
	}
	return out
}

// errEmptyBody is a request without the JSON body the endpoint needs.
var errEmptyBody = errors.New("Request body is missing or null; a JSON object is required")

// decodeProps reads a JSON object of strings. Anything else — malformed JSON, an array, an object or array as a
// value, trailing data — is an error whose message says what is wrong.
func decodeProps(data []byte) (props, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p, err := readProps(dec, "")
	if err != nil {
		return props{}, err
	}
	return p, expectEOF(dec)
}

// readProps reads one JSON object of strings from dec; where names the object in messages.
func readProps(dec *json.Decoder, where string) (props, error) {
	tok, err := dec.Token()
	if err == io.EOF {
		return props{}, errEmptyBody
	}
	if err != nil {
		return props{}, syntaxError(err)
	}
	if tok == nil {
		return props{}, nullObject(where)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return props{}, fmt.Errorf("Cannot deserialize a map of strings%s from %s", in(where), describe(tok))
	}
	p := props{values: map[string]string{}}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return props{}, syntaxError(err)
		}
		key := kt.(string)
		vt, err := dec.Token()
		if err != nil {
			return props{}, syntaxError(err)
		}
		if !contains(p.order, key) {
			p.order = append(p.order, key)
		}
		p.nulls = remove(p.nulls, key)
		delete(p.values, key)
		switch v := vt.(type) {
		case nil:
			p.nulls = append(p.nulls, key)
		case string:
			p.values[key] = v
		case json.Number:
			p.values[key] = v.String()
		case bool:
			p.values[key] = fmt.Sprint(v)
		default:
			return props{}, fmt.Errorf("Cannot deserialize value of type String from %s (key %q%s)", describe(vt),
				key, in(where))
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return props{}, syntaxError(err)
	}
	return p, nil
}

func nullObject(where string) error {
	if where == "" {
		return errEmptyBody
	}
	return fmt.Errorf("%s must be a JSON object, not null", where)
}

func in(where string) string {
	if where == "" {
		return ""
	}
	return " in " + where
}

func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func remove(l []string, s string) []string {
	out := l[:0]
	for _, x := range l {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// syntaxError words a JSON syntax error for a REST client.
func syntaxError(err error) error {
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return errors.New("Malformed JSON: unexpected end of input")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("Malformed JSON at offset %d: %s", se.Offset, se.Error())
	}
	return fmt.Errorf("Malformed JSON: %s", err.Error())
}

func expectEOF(dec *json.Decoder) error {
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("Malformed JSON: unexpected data after the JSON value")
	}
	return nil
}

// createRequest is POST /connectors' body, Kafka's CreateConnectorRequest.
type createRequest struct {
	name         *string
	config       *props
	initialState string
}

// decodeCreate reads a CreateConnectorRequest; unknown fields are refused, as Jackson refuses them.
func decodeCreate(data []byte) (createRequest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err == io.EOF || (err == nil && tok == nil) {
		return createRequest{}, errEmptyBody
	}
	if err != nil {
		return createRequest{}, syntaxError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return createRequest{}, fmt.Errorf("Cannot deserialize a connector creation request from %s", describe(tok))
	}
	var req createRequest
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return createRequest{}, syntaxError(err)
		}
		switch key := kt.(string); key {
		case "name", "initial_state":
			vt, err := dec.Token()
			if err != nil {
				return createRequest{}, syntaxError(err)
			}
			var s *string
			switch v := vt.(type) {
			case nil:
			case string:
				s = &v
			case json.Number:
				t := v.String()
				s = &t
			case bool:
				t := fmt.Sprint(v)
				s = &t
			default:
				return createRequest{}, fmt.Errorf("Cannot deserialize %q from %s", key, describe(vt))
			}
			if key == "name" {
				req.name = s
			} else if s != nil {
				req.initialState = *s
			}
		case "config":
			if !dec.More() {
				return createRequest{}, syntaxError(io.ErrUnexpectedEOF)
			}
			p, err := readNullableProps(dec, `"config"`)
			if err != nil {
				return createRequest{}, err
			}
			req.config = p
		default:
			return createRequest{}, fmt.Errorf("Unrecognized field %q (known fields: \"config\", \"name\", "+
				"\"initial_state\")", key)
		}
	}
	if _, err := dec.Token(); err != nil {
		return createRequest{}, syntaxError(err)
	}
	return req, expectEOF(dec)
}

// readNullableProps reads an object of strings or null (nil).
func readNullableProps(dec *json.Decoder, where string) (*props, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, syntaxError(err)
	}
	if strings.TrimSpace(string(raw)) == "null" {
		return nil, nil
	}
	inner := json.NewDecoder(bytes.NewReader(raw))
	inner.UseNumber()
	p, err := readProps(inner, where)
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// offsetsRequest is PATCH /connectors/{name}/offsets' body, Kafka's ConnectorOffsets.
type offsetsRequest struct {
	Offsets []offsetEntry `json:"offsets"`
}

type offsetEntry struct {
	Partition map[string]any `json:"partition"`
	Offset    map[string]any `json:"offset"`
}

// decodeOffsets reads an offsets request; unknown fields are refused.
func decodeOffsets(data []byte) (offsetsRequest, error) {
	if len(bytes.TrimSpace(data)) == 0 || bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		return offsetsRequest{}, errEmptyBody
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	var req offsetsRequest
	if err := dec.Decode(&req); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return offsetsRequest{}, fmt.Errorf("Cannot deserialize %s from a JSON %s", ute.Field, ute.Value)
		}
		if strings.HasPrefix(err.Error(), "json: unknown field") {
			return offsetsRequest{}, fmt.Errorf("Unrecognized field %s (known fields: \"offsets\")",
				strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return offsetsRequest{}, syntaxError(err)
	}
	return req, expectEOF(dec)
}
