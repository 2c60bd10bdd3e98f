package registry

import (
	"context"
	"fmt"
)

// Client is what a converter needs from a schema registry. Implementations are safe for concurrent use.
type Client interface {
	// Register registers schema under subject (or finds it already there) and returns its global id.
	// normalize asks the registry to normalize the schema first, as Confluent's normalize=true.
	Register(ctx context.Context, subject string, schema Schema, normalize bool) (id int, err error)
	// SchemaByID returns the schema with the global id.
	SchemaByID(ctx context.Context, id int) (Schema, error)
	// Latest returns the newest live version of subject.
	Latest(ctx context.Context, subject string) (SubjectVersion, error)
	// LookUp returns the version of subject that holds schema; a *Error with code 40401 or 40403 when none does.
	LookUp(ctx context.Context, subject string, schema Schema) (SubjectVersion, error)
}

// The schema types Confluent's registry knows. An empty Type means Avro.
const (
	TypeAvro     = "AVRO"
	TypeJSON     = "JSON"
	TypeProtobuf = "PROTOBUF"
)

// Schema is a schema as the registry stores it: its text, type and the named schemas it references.
type Schema struct {
	Type       string // "AVRO" when empty
	Schema     string
	References []Reference
}

// TypeOrDefault returns the schema's type, AVRO when unset.
func (s Schema) TypeOrDefault() string {
	if s.Type == "" {
		return TypeAvro
	}
	return s.Type
}

// Reference names another registered schema that a schema uses: Name is how the schema refers to it (the Avro
// full name), Subject and Version where it is registered.
type Reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// SubjectVersion is one version of a subject.
type SubjectVersion struct {
	Subject string
	Version int
	ID      int
	Schema  Schema
}

// Confluent's error codes, as its REST API returns them in error_code.
const (
	CodeSubjectNotFound            = 40401
	CodeVersionNotFound            = 40402
	CodeSchemaNotFound             = 40403
	CodeSubjectSoftDeleted         = 40404
	CodeSubjectNotSoftDeleted      = 40405
	CodeSchemaVersionSoftDeleted   = 40406
	CodeSchemaVersionNotSoftDelete = 40407
	CodeSubjectLevelCompatNotFound = 40408
	CodeSubjectLevelModeNotFound   = 40409
	CodeIncompatibleSchema         = 409
	CodeInvalidSchema              = 42201
	CodeInvalidVersion             = 42202
	CodeInvalidCompatibilityLevel  = 42203
	CodeInvalidMode                = 42204
	CodeOperationNotPermitted      = 42205
	CodeReferenceExists            = 42206
	CodeStoreError                 = 50001
	CodeOperationTimeout           = 50002
	CodeForwardingError            = 50003
	CodeUnknownLeader              = 50004
)

// Error is an error answer of the registry: Confluent's error_code and message, and the HTTP status.
type Error struct {
	Code       int
	Message    string
	HTTPStatus int
}

func (e *Error) Error() string {
	return fmt.Sprintf("schema registry: %s; error code: %d", e.Message, e.Code)
}

// Retriable reports whether repeating the request may succeed: the registry was overloaded or failed
// internally (5xx, 429), not the request itself.
func (e *Error) Retriable() bool { return e.HTTPStatus >= 500 || e.HTTPStatus == 429 }
