package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/sluice-connect/sluice/worker/properties"
)

// connectorFile is one connector argument of `sluice standalone`, as Kafka's CreateConnectorRequest.
type connectorFile struct {
	Name   string
	Config map[string]string
	// InitialState is "RUNNING", "PAUSED", "STOPPED", or "" when the file names none (the connector runs).
	InitialState string
	// NullKeys are the keys whose JSON value was null. Kafka keeps them in the configuration, and then
	// refuses it ("Null value can not be supplied as the configuration value."); a Go string map cannot
	// hold null, so they travel beside Config, as REST requests' do.
	NullKeys []string
}

// readConnectorFile parses a connector configuration file the way connect-standalone does
// (ConnectStandalone.parseConnectorConfigurationFile), trying in order:
//  1. a JSON object whose values are all scalars: the configuration itself;
//  2. a JSON object {"name": ..., "config": {...}, "initial_state": ...} (other fields ignored);
//  3. a .properties file.
//
// Like Kafka's Jackson setup, JSON numbers and booleans become their literal text, a UTF-8 byte-order mark
// is skipped, and anything after the first JSON value is ignored.
func readConnectorFile(path string) (connectorFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return connectorFile{}, err
	}
	if config, nulls, ok := flatJSON(b); ok {
		cf, err := withName(path, config)
		cf.NullKeys = nulls
		return cf, err
	}
	if cf, ok := wrappedJSON(b); ok {
		if name, ok := cf.Config["name"]; ok {
			if name != cf.Name {
				return connectorFile{}, fmt.Errorf("Connector name configuration in 'config' doesn't match the one "+
					"specified in 'name' at '%s'", path)
			}
		} else {
			cf.Config["name"] = cf.Name
		}
		return cf, nil
	}
	config, err := properties.Parse(properties.Decode(b))
	if err != nil {
		return connectorFile{}, fmt.Errorf("%s: %w", path, err)
	}
	return withName(path, config)
}

func withName(path string, config map[string]string) (connectorFile, error) {
	name, ok := config["name"]
	if !ok {
		return connectorFile{}, fmt.Errorf("Connector configuration at '%s' is missing the mandatory 'name' "+
			"configuration", path)
	}
	return connectorFile{Name: name, Config: config}, nil
}

// firstJSONObject decodes the first JSON value of b into an object of raw members; ok is false when b does not
// start with one.
func firstJSONObject(b []byte) (map[string]json.RawMessage, bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	var obj map[string]json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&obj); err != nil || obj == nil {
		return nil, false
	}
	return obj, true
}

// scalarString is Jackson's String coercion of a JSON scalar: strings as themselves, numbers and booleans as
// written. null gives isNull; an object or array gives ok false.
func scalarString(raw json.RawMessage) (s string, isNull, ok bool) {
	switch raw[0] {
	case '"':
		return mustString(raw), false, true
	case 'n':
		return "", true, true
	case '{', '[':
		return "", false, false
	default: // a number, true or false: the decoder has validated it, so the text is the literal
		return string(raw), false, true
	}
}

func mustString(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s) // already validated by the enclosing decode
	return s
}

// stringMap is Jackson's Map<String, String> of a JSON object, its null values listed apart in key order; ok
// is false when a value is not a scalar.
func stringMap(obj map[string]json.RawMessage) (m map[string]string, nulls []string, ok bool) {
	m = make(map[string]string, len(obj))
	for k, raw := range obj {
		s, isNull, ok := scalarString(raw)
		switch {
		case !ok:
			return nil, nil, false
		case isNull:
			nulls = append(nulls, k)
		default:
			m[k] = s
		}
	}
	slices.Sort(nulls)
	return m, nulls, true
}

func flatJSON(b []byte) (map[string]string, []string, bool) {
	obj, ok := firstJSONObject(b)
	if !ok {
		return nil, nil, false
	}
	return stringMap(obj)
}

// wrappedJSON reads Kafka's CreateConnectorRequest. ok is false where Jackson fails to bind (so that the
// caller falls through to .properties as Kafka does), including an initial_state other than running, paused
// or stopped in any case.
func wrappedJSON(b []byte) (connectorFile, bool) {
	obj, ok := firstJSONObject(b)
	if !ok {
		return connectorFile{}, false
	}
	var cf connectorFile
	if raw, ok := obj["name"]; ok {
		name, _, ok := scalarString(raw)
		if !ok {
			return connectorFile{}, false
		}
		cf.Name = name
	}
	cf.Config = map[string]string{}
	if raw, ok := obj["config"]; ok && raw[0] != 'n' {
		var members map[string]json.RawMessage
		if json.Unmarshal(raw, &members) != nil {
			return connectorFile{}, false
		}
		if cf.Config, cf.NullKeys, ok = stringMap(members); !ok {
			return connectorFile{}, false
		}
	}
	if raw, ok := obj["initial_state"]; ok && raw[0] != 'n' {
		state, _, ok := scalarString(raw)
		switch state = strings.ToUpper(state); {
		case !ok:
			return connectorFile{}, false
		case state == "RUNNING" || state == "PAUSED" || state == "STOPPED":
			cf.InitialState = state
		default:
			return connectorFile{}, false
		}
	}
	return cf, true
}
