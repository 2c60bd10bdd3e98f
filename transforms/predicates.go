package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
)

var hasHeaderKeyDef = config.NewDef().Define(
	config.Key{Name: "name", Type: config.TypeString, Default: config.NoDefault, Validator: config.NonEmptyString{},
		Importance: config.ImportanceMedium, Doc: "The header name."},
)

// HasHeaderKey matches records with at least one header of the configured name (Kafka's
// predicates.HasHeaderKey).
type HasHeaderKey struct {
	name string
}

// NewHasHeaderKey builds HasHeaderKey.
func NewHasHeaderKey(props map[string]string) (connect.Predicate, error) {
	v, err := parse(hasHeaderKeyDef, props)
	if err != nil {
		return nil, err
	}
	return &HasHeaderKey{name: v.String("name")}, nil
}

// Test reports whether the record has the header.
func (p *HasHeaderKey) Test(r connect.Record) bool {
	for i := range r.Headers {
		if r.Headers[i].Key == p.name {
			return true
		}
	}
	return false
}

var recordIsTombstoneDef = config.NewDef()

// RecordIsTombstone matches records whose value is null (Kafka's predicates.RecordIsTombstone).
type RecordIsTombstone struct{}

// NewRecordIsTombstone builds RecordIsTombstone; it has no configuration.
func NewRecordIsTombstone(map[string]string) (connect.Predicate, error) {
	return RecordIsTombstone{}, nil
}

// Test reports whether the value is null.
func (RecordIsTombstone) Test(r connect.Record) bool { return isNull(r.Value) }
