package store

import (
	"encoding/json"
	"fmt"

	"github.com/sluice-connect/sluice/schemas/registry"
)

// The key types of Confluent's _schemas topic.
const (
	KeySchema        = "SCHEMA"
	KeyConfig        = "CONFIG"
	KeyMode          = "MODE"
	KeyNoop          = "NOOP"
	KeyDeleteSubject = "DELETE_SUBJECT"
	KeyClearSubject  = "CLEAR_SUBJECT"
)

// Key is a record key of the _schemas topic. Subject is nil for the global CONFIG and MODE keys.
type Key struct {
	KeyType string
	Subject *string
	Version int // SCHEMA keys only
}

// SchemaKey, ConfigKey, ModeKey, DeleteSubjectKey and ClearSubjectKey build keys; an empty subject means global.
func SchemaKey(subject string, version int) Key {
	return Key{KeyType: KeySchema, Subject: &subject, Version: version}
}
func ConfigKey(subject string) Key        { return Key{KeyType: KeyConfig, Subject: optional(subject)} }
func ModeKey(subject string) Key          { return Key{KeyType: KeyMode, Subject: optional(subject)} }
func DeleteSubjectKey(subject string) Key { return Key{KeyType: KeyDeleteSubject, Subject: &subject} }
func ClearSubjectKey(subject string) Key  { return Key{KeyType: KeyClearSubject, Subject: &subject} }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// SubjectOrGlobal returns the key's subject, "" for a global key.
func (k Key) SubjectOrGlobal() string {
	if k.Subject == nil {
		return ""
	}
	return *k.Subject
}

// Field order and the magic numbers follow Confluent's SchemaRegistryKey classes (@JsonPropertyOrder, magic 1
// for SCHEMA keys, 0 for the others). They serialize NON_EMPTY, so a global key has no subject field; older
// Confluent versions wrote "subject":null, which reads the same.
type schemaKeyJSON struct {
	KeyType string `json:"keytype"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
	Magic   int    `json:"magic"`
}

type subjectKeyJSON struct {
	KeyType string  `json:"keytype"`
	Subject *string `json:"subject,omitempty"`
	Magic   int     `json:"magic"`
}

type noopKeyJSON struct {
	KeyType string `json:"keytype"`
	Magic   int    `json:"magic"`
}

// MarshalJSON writes the key as Confluent does.
func (k Key) MarshalJSON() ([]byte, error) {
	switch k.KeyType {
	case KeySchema:
		return json.Marshal(schemaKeyJSON{KeySchema, k.SubjectOrGlobal(), k.Version, 1})
	case KeyNoop:
		return json.Marshal(noopKeyJSON{KeyNoop, 0})
	default:
		return json.Marshal(subjectKeyJSON{k.KeyType, k.Subject, 0})
	}
}

// UnmarshalJSON reads any key Confluent writes; unknown key types are kept so the reader can skip them.
func (k *Key) UnmarshalJSON(b []byte) error {
	var raw struct {
		KeyType string  `json:"keytype"`
		Subject *string `json:"subject"`
		Version int     `json:"version"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*k = Key{KeyType: raw.KeyType, Subject: raw.Subject, Version: raw.Version}
	return nil
}

// SchemaValue is the value of a SCHEMA key: one version of a subject.
type SchemaValue struct {
	Subject    string               `json:"subject"`
	Version    int                  `json:"version"`
	ID         int                  `json:"id"`
	SchemaType string               `json:"schemaType,omitempty"` // "AVRO" written out, as Confluent does
	References []registry.Reference `json:"references,omitempty"`
	Schema     string               `json:"schema"`
	Deleted    bool                 `json:"deleted"`
}

// RegistrySchema returns the value's schema in the client's form.
func (v SchemaValue) RegistrySchema() registry.Schema {
	return registry.Schema{Type: v.SchemaType, Schema: v.Schema, References: v.References}
}

// ConfigValue is the value of a CONFIG key; Subject is empty for the global config.
type ConfigValue struct {
	Subject            string `json:"subject,omitempty"`
	CompatibilityLevel string `json:"compatibilityLevel"`
}

// ModeValue is the value of a MODE key; Subject is empty for the global mode.
type ModeValue struct {
	Subject string `json:"subject,omitempty"`
	Mode    string `json:"mode"`
}

// DeleteSubjectValue is the value of a DELETE_SUBJECT key: every version up to Version was soft-deleted.
type DeleteSubjectValue struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// ClearSubjectValue is the value of a CLEAR_SUBJECT key: the subject was permanently deleted.
type ClearSubjectValue struct {
	Subject string `json:"subject"`
}

// Record is one decoded record of the topic. Value is nil for a tombstone; otherwise one of the *Value types.
type Record struct {
	Key   Key
	Value any
}

// Decode parses a record of the topic. A record with an unknown key type decodes with a nil Value and is
// ignored by State, as Confluent's reader ignores types it does not know.
func Decode(key, value []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(key, &r.Key); err != nil {
		return r, fmt.Errorf("_schemas key %q: %w", key, err)
	}
	if value == nil {
		return r, nil
	}
	var err error
	switch r.Key.KeyType {
	case KeySchema:
		var v SchemaValue
		err = json.Unmarshal(value, &v)
		r.Value = v
	case KeyConfig:
		var v ConfigValue
		err = json.Unmarshal(value, &v)
		r.Value = v
	case KeyMode:
		var v ModeValue
		err = json.Unmarshal(value, &v)
		r.Value = v
	case KeyDeleteSubject:
		var v DeleteSubjectValue
		err = json.Unmarshal(value, &v)
		r.Value = v
	case KeyClearSubject:
		var v ClearSubjectValue
		err = json.Unmarshal(value, &v)
		r.Value = v
	}
	if err != nil {
		return r, fmt.Errorf("_schemas value for %s: %w", key, err)
	}
	return r, nil
}

// Encode returns the key and value bytes of r; a nil Value encodes as a tombstone.
func Encode(r Record) (key, value []byte, err error) {
	if key, err = json.Marshal(r.Key); err != nil {
		return nil, nil, err
	}
	if r.Value == nil {
		return key, nil, nil
	}
	value, err = json.Marshal(r.Value)
	return key, value, err
}
