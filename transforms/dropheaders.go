package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
)

var dropHeadersDef = config.NewDef().Define(
	config.Key{Name: "headers", Type: config.TypeList, Default: config.NoDefault, Importance: config.ImportanceHigh,
		Validator: config.AnyNonDuplicateValues(false, false), Doc: "The name of the headers to be removed."},
)

// DropHeaders removes headers by name (Kafka's DropHeaders).
type DropHeaders struct {
	names []string
}

// NewDropHeaders builds DropHeaders.
func NewDropHeaders(props map[string]string) (connect.Transformation, error) {
	v, err := parse(dropHeadersDef, props)
	if err != nil {
		return nil, err
	}
	return &DropHeaders{names: v.List("headers")}, nil
}

// Apply removes the headers. A record with none of them keeps its header slice.
func (t *DropHeaders) Apply(r connect.Record) (connect.Record, bool, error) {
	n := 0
	for _, h := range r.Headers {
		if !contains(t.names, h.Key) {
			n++
		}
	}
	if n == len(r.Headers) {
		return r, true, nil
	}
	out := make(connect.Headers, 0, n)
	for _, h := range r.Headers {
		if !contains(t.names, h.Key) {
			out = append(out, h)
		}
	}
	r.Headers = out
	return r, true, nil
}
