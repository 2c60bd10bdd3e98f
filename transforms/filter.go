package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
)

var filterDef = config.NewDef()

// Filter drops every record; used with a predicate it drops the records that match (or, negated, those that do
// not). Kafka's Filter.
type Filter struct{}

// NewFilter builds Filter; it has no configuration.
func NewFilter(map[string]string) (connect.Transformation, error) { return Filter{}, nil }

// Apply drops the record.
func (Filter) Apply(r connect.Record) (connect.Record, bool, error) { return r, false, nil }
