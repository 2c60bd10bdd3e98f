package transforms

import (
	"errors"
	"strings"

	"github.com/sluice-connect/sluice/schemas"
)

// The checks of Kafka's transforms.util.Requirements, with its messages. Errors about the record wrap
// schemas.ErrData, as Kafka's DataException; a few of Kafka's SMTs fail with other exceptions
// (IllegalArgumentException, NullPointerException), which are plain errors here.

func requireSchema(s *schemas.Schema, purpose string) error {
	if s == nil {
		return schemas.DataError("Schema required for [" + purpose + "]")
	}
	return nil
}

// requireMap returns a schemaless value as a Map.
func requireMap(v any, purpose string) (schemas.Map, error) {
	m, ok := v.(schemas.Map)
	if !ok {
		return nil, schemas.DataError("Only Map objects supported in absence of schema for [" + purpose + "], found: " +
			javaClassName(v))
	}
	return m, nil
}

// requireStruct returns a value as a Struct; a nil *Struct is Java's null.
func requireStruct(v any, purpose string) (*schemas.Struct, error) {
	st, ok := v.(*schemas.Struct)
	if !ok || st == nil {
		return nil, schemas.DataError("Only Struct objects supported for [" + purpose + "], found: " + javaClassName(v))
	}
	return st, nil
}

// requireStructOrNull is requireStruct that lets null through as a nil *Struct.
func requireStructOrNull(v any, purpose string) (*schemas.Struct, error) {
	if v == nil {
		return nil, nil
	}
	return requireStruct(v, purpose)
}

// javaClassName is Class.getName of the object Kafka would hold for v ("java.lang.Integer", "[B"), "null" for nil.
func javaClassName(v any) string {
	if isNull(v) {
		return "null"
	}
	return strings.TrimPrefix(schemas.JavaClass(v), "class ")
}

// javaClass is what Java prints for value.getClass() ("class java.lang.Integer", "class [B").
func javaClass(v any) string { return schemas.JavaClass(v) }

// isNull reports Java null: nil, or a nil *Struct.
func isNull(v any) bool {
	if v == nil {
		return true
	}
	st, ok := v.(*schemas.Struct)
	return ok && st == nil
}

// errNull is Kafka's NullPointerException from code that dereferences a missing field or value; the message
// names what was missing.
func nullPointer(what string) error { return errors.New("NullPointerException: " + what) }

// classCast is Java's ClassCastException for a value used as another class.
func classCast(v any, to string) error {
	return errors.New("class " + javaClassName(v) + " cannot be cast to class " + to)
}
