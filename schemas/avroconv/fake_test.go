package avroconv

import (
	"context"
	"errors"
	"sync"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas/registry"
)

// fakeRegistry is an in-memory registry.Client for fast unit tests: schemas are identified by their exact text,
// ids are given in registration order. down makes every call fail as an unreachable registry does.
type fakeRegistry struct {
	mu       sync.Mutex
	ids      map[string]int
	byID     map[int]registry.Schema
	subjects map[string][]int // subject → ids by version
	calls    int
	down     bool
}

func newFakeRegistry() *fakeRegistry {
	return &fakeRegistry{ids: map[string]int{}, byID: map[int]registry.Schema{}, subjects: map[string][]int{}}
}

var errUnreachable = connect.Retriable(errors.New("dial tcp 127.0.0.1:1: connection refused"))

func (f *fakeRegistry) Register(_ context.Context, subject string, s registry.Schema, _ bool) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.down {
		return 0, errUnreachable
	}
	id, ok := f.ids[s.Schema]
	if !ok {
		id = len(f.ids) + 1
		f.ids[s.Schema], f.byID[id] = id, s
	}
	for _, have := range f.subjects[subject] {
		if have == id {
			return id, nil
		}
	}
	f.subjects[subject] = append(f.subjects[subject], id)
	return id, nil
}

func (f *fakeRegistry) SchemaByID(_ context.Context, id int) (registry.Schema, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.down {
		return registry.Schema{}, errUnreachable
	}
	s, ok := f.byID[id]
	if !ok {
		return registry.Schema{}, &registry.Error{Code: registry.CodeSchemaNotFound, Message: "Schema not found",
			HTTPStatus: 404}
	}
	return s, nil
}

func (f *fakeRegistry) Latest(_ context.Context, subject string) (registry.SubjectVersion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	ids := f.subjects[subject]
	if len(ids) == 0 {
		return registry.SubjectVersion{}, &registry.Error{Code: registry.CodeSubjectNotFound,
			Message: "Subject '" + subject + "' not found.", HTTPStatus: 404}
	}
	id := ids[len(ids)-1]
	return registry.SubjectVersion{Subject: subject, Version: len(ids), ID: id, Schema: f.byID[id]}, nil
}

func (f *fakeRegistry) LookUp(_ context.Context, subject string, s registry.Schema) (registry.SubjectVersion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.down {
		return registry.SubjectVersion{}, errUnreachable
	}
	for v, id := range f.subjects[subject] {
		if f.byID[id].Schema == s.Schema {
			return registry.SubjectVersion{Subject: subject, Version: v + 1, ID: id, Schema: s}, nil
		}
	}
	return registry.SubjectVersion{}, &registry.Error{Code: registry.CodeSchemaNotFound, Message: "Schema not found",
		HTTPStatus: 404}
}

func (f *fakeRegistry) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}
