package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/hamba/avro/v2"

	"github.com/sluice-connect/sluice/schemas/registry"
	"github.com/sluice-connect/sluice/schemas/registry/compat"
	"github.com/sluice-connect/sluice/schemas/registry/store"
)

// Backend is where the registry's records live: *store.Store (a Kafka topic) or *store.Memory.
type Backend interface {
	State() *store.State
	// Write appends records and returns once they are visible in State.
	Write(ctx context.Context, recs ...store.Record) error
	// Sync returns once State holds everything written before the call.
	Sync(ctx context.Context) error
}

// Options configures a Registry.
type Options struct {
	// DefaultCompatibility applies when neither the subject nor the global config sets one; BACKWARD when empty,
	// as Confluent's schema.compatibility.level.
	DefaultCompatibility compat.Level
	// Elector says which instance writes; nil means this instance is the only one and always writes.
	Elector Elector
	Logger  *slog.Logger
}

// Registry is the registry's logic over a Backend; Handler serves it over HTTP.
type Registry struct {
	b     Backend
	st    *store.State
	level compat.Level
	elect Elector
	log   *slog.Logger
	// writeMu serializes writes: an id or version is chosen from the state and must be written before the next
	// one is chosen.
	writeMu sync.Mutex
}

// New returns a registry over b.
func New(b Backend, o Options) *Registry {
	if o.DefaultCompatibility == "" {
		o.DefaultCompatibility = compat.Backward
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Registry{b: b, st: b.State(), level: o.DefaultCompatibility, elect: o.Elector,
		log: o.Logger.With("stage", "schema-registry")}
}

func errorf(status, code int, format string, args ...any) *registry.Error {
	return &registry.Error{HTTPStatus: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func subjectNotFound(subject string) *registry.Error {
	return errorf(http.StatusNotFound, registry.CodeSubjectNotFound, "Subject '%s' not found.", subject)
}

func storeError(err error) *registry.Error {
	return errorf(http.StatusInternalServerError, registry.CodeStoreError, "Error while storing the schema: %v", err)
}

// parsed is a schema parsed together with what it references.
type parsed struct {
	schema    avro.Schema
	canonical string
}

// parse resolves the schema's references from the registry and parses it; errors are Confluent's 42201.
func (r *Registry) parse(s registry.Schema) (parsed, *registry.Error) {
	if s.TypeOrDefault() != registry.TypeAvro {
		return parsed{}, errorf(http.StatusUnprocessableEntity, registry.CodeInvalidSchema,
			"Invalid schema type %s: this registry serves AVRO schemas only", s.Type)
	}
	var refs []string
	if err := r.collectRefs(s.References, &refs, map[[2]any]bool{}); err != nil {
		return parsed{}, err
	}
	p, err := compat.Parse(s.Schema, refs)
	if err != nil {
		return parsed{}, errorf(http.StatusUnprocessableEntity, registry.CodeInvalidSchema,
			"Invalid schema %s, details: %v", s.Schema, err)
	}
	c, err := compat.JavaForm(s.Schema, refs)
	if err != nil {
		return parsed{}, errorf(http.StatusUnprocessableEntity, registry.CodeInvalidSchema,
			"Invalid schema %s, details: %v", s.Schema, err)
	}
	return parsed{p, c}, nil
}

// collectRefs appends the texts of refs, each after what it references itself, once each.
func (r *Registry) collectRefs(refs []registry.Reference, out *[]string, seen map[[2]any]bool) *registry.Error {
	for _, ref := range refs {
		k := [2]any{ref.Subject, ref.Version}
		if seen[k] {
			continue
		}
		seen[k] = true
		v, ok := r.version(ref.Subject, ref.Version, true)
		if !ok {
			return errorf(http.StatusUnprocessableEntity, registry.CodeInvalidSchema,
				"Invalid schema: reference %s (subject %s, version %d) not found", ref.Name, ref.Subject, ref.Version)
		}
		if err := r.collectRefs(v.References, out, seen); err != nil {
			return err
		}
		*out = append(*out, v.Schema)
	}
	return nil
}

// version returns the subject's version v (-1: the latest live one).
func (r *Registry) version(subject string, v int, deleted bool) (store.SchemaValue, bool) {
	vs := r.st.Versions(subject, deleted)
	if v == -1 {
		live := r.st.Versions(subject, false)
		if len(live) == 0 {
			return store.SchemaValue{}, false
		}
		return live[len(live)-1], true
	}
	i := slices.IndexFunc(vs, func(x store.SchemaValue) bool { return x.Version == v })
	if i < 0 {
		return store.SchemaValue{}, false
	}
	return vs[i], true
}

// Compatibility returns the level that applies to subject.
func (r *Registry) Compatibility(subject string) compat.Level {
	if l, ok := r.st.Config(subject); ok && subject != "" {
		if lvl, ok := compat.ParseLevel(l); ok {
			return lvl
		}
	}
	if l, ok := r.st.Config(""); ok {
		if lvl, ok := compat.ParseLevel(l); ok {
			return lvl
		}
	}
	return r.level
}

// Mode returns the mode that applies to subject.
func (r *Registry) Mode(subject string) string {
	if m, ok := r.st.Mode(subject); ok && subject != "" {
		return m
	}
	if m, ok := r.st.Mode(""); ok {
		return m
	}
	return "READWRITE"
}

// Register registers s under subject and returns its id.
func (r *Registry) Register(ctx context.Context, subject string, s registry.Schema) (int, *registry.Error) {
	if m := r.Mode(subject); m == "READONLY" || m == "READONLY_OVERRIDE" {
		return 0, errorf(http.StatusUnprocessableEntity, registry.CodeOperationNotPermitted,
			"Subject %s is in read-only mode", subject)
	}
	p, perr := r.parse(s)
	if perr != nil {
		return 0, perr
	}
	stored := registry.Schema{Type: s.Type, Schema: p.canonical, References: s.References}
	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	if err := r.b.Sync(ctx); err != nil {
		return 0, storeError(err)
	}
	live := r.st.Versions(subject, false)
	for _, v := range live {
		if sameSchema(v.RegistrySchema(), stored) {
			return v.ID, nil
		}
	}
	if incompat := r.check(r.Compatibility(subject), p, live); len(incompat) > 0 {
		return 0, errorf(http.StatusConflict, registry.CodeIncompatibleSchema,
			"Schema being registered is incompatible with an earlier schema for subject \"%s\", details: [%s]",
			subject, strings.Join(incompat, ", "))
	}
	id, ok := r.st.IDOf(stored)
	if !ok {
		id = r.st.MaxID() + 1
	}
	version := r.st.MaxVersion(subject) + 1
	v := store.SchemaValue{Subject: subject, Version: version, ID: id, SchemaType: stored.TypeOrDefault(),
		References: stored.References, Schema: stored.Schema}
	if err := r.b.Write(ctx, store.Record{Key: store.SchemaKey(subject, version), Value: v}); err != nil {
		return 0, storeError(err)
	}
	r.log.Debug("schema registered", "subject", subject, "version", version, "id", id)
	return id, nil
}

func sameSchema(a, b registry.Schema) bool {
	return a.TypeOrDefault() == b.TypeOrDefault() && a.Schema == b.Schema && slices.Equal(a.References, b.References)
}

// check returns the incompatibilities of p against the versions at level, rendered as Confluent's details.
func (r *Registry) check(level compat.Level, p parsed, against []store.SchemaValue) []string {
	if level == compat.None || len(against) == 0 {
		return nil
	}
	if !level.Transitive() {
		against = against[len(against)-1:]
	}
	var out []string
	for i := len(against) - 1; i >= 0; i-- {
		old := against[i]
		op, err := r.parse(old.RegistrySchema())
		if err != nil {
			// A stored schema that no longer parses (a reference hard-deleted since) cannot constrain new ones.
			continue
		}
		for _, inc := range compat.Check(level, p.schema, []avro.Schema{op.schema}) {
			out = append(out, inc.String())
		}
		if len(out) > 0 {
			out = append(out, fmt.Sprintf("{oldSchemaVersion: %d}", old.Version),
				fmt.Sprintf("{oldSchema: '%s'}", old.Schema),
				fmt.Sprintf("{validateFields: 'false', compatibility: '%s'}", level))
			break
		}
	}
	return out
}

// LookUp finds the version of subject holding s.
func (r *Registry) LookUp(subject string, s registry.Schema, deleted bool) (store.SchemaValue, *registry.Error) {
	vs := r.st.Versions(subject, deleted)
	if len(vs) == 0 {
		return store.SchemaValue{}, subjectNotFound(subject)
	}
	p, perr := r.parse(s)
	if perr != nil {
		return store.SchemaValue{}, perr
	}
	want := registry.Schema{Type: s.Type, Schema: p.canonical, References: s.References}
	for i := len(vs) - 1; i >= 0; i-- {
		if sameSchema(vs[i].RegistrySchema(), want) {
			return vs[i], nil
		}
	}
	return store.SchemaValue{}, errorf(http.StatusNotFound, registry.CodeSchemaNotFound, "Schema not found")
}

// TestCompatibility checks s against subject's version (-1 latest, 0 all that the level names).
func (r *Registry) TestCompatibility(subject string, version int, s registry.Schema) ([]string, *registry.Error) {
	p, perr := r.parse(s)
	if perr != nil {
		return nil, perr
	}
	level := r.Compatibility(subject)
	var against []store.SchemaValue
	if version == 0 {
		against = r.st.Versions(subject, false)
	} else {
		if len(r.st.Versions(subject, true)) == 0 {
			return nil, subjectNotFound(subject)
		}
		v, ok := r.version(subject, version, false)
		if !ok {
			return nil, errorf(http.StatusNotFound, registry.CodeVersionNotFound, "Version %d not found.", version)
		}
		against = []store.SchemaValue{v}
		if level.Transitive() {
			level = compat.Level(strings.TrimSuffix(string(level), "_TRANSITIVE"))
		}
	}
	return r.check(level, p, against), nil
}

// DeleteVersion soft- or hard-deletes one version and returns its number.
func (r *Registry) DeleteVersion(ctx context.Context, subject string, version int, permanent bool) (int, *registry.Error) {
	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	if len(r.st.Versions(subject, true)) == 0 {
		return 0, subjectNotFound(subject)
	}
	v, ok := r.version(subject, version, true)
	if !ok {
		return 0, errorf(http.StatusNotFound, registry.CodeVersionNotFound, "Version %d not found.", version)
	}
	if ids := r.st.ReferencedBy(subject, v.Version); len(ids) > 0 {
		return 0, errorf(http.StatusUnprocessableEntity, registry.CodeReferenceExists,
			"One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=%s,version=%d}.", subject, v.Version)
	}
	rec := store.Record{Key: store.SchemaKey(subject, v.Version)}
	switch {
	case permanent && !v.Deleted:
		return 0, errorf(http.StatusNotFound, registry.CodeSchemaVersionNotSoftDelete,
			"Subject '%s' Version %d was not deleted first before being permanently deleted", subject, v.Version)
	case !permanent && v.Deleted:
		return 0, errorf(http.StatusNotFound, registry.CodeSchemaVersionSoftDeleted,
			"Subject '%s' Version %d was soft deleted.Set permanent=true to delete permanently", subject, v.Version)
	case !permanent:
		v.Deleted = true
		rec.Value = v
	}
	if err := r.b.Write(ctx, rec); err != nil {
		return 0, storeError(err)
	}
	return v.Version, nil
}

// DeleteSubject soft- or hard-deletes every version of subject and returns their numbers.
func (r *Registry) DeleteSubject(ctx context.Context, subject string, permanent bool) ([]int, *registry.Error) {
	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	all := r.st.Versions(subject, true)
	live := r.st.Versions(subject, false)
	switch {
	case len(all) == 0:
		return nil, subjectNotFound(subject)
	case permanent && len(live) > 0:
		return nil, errorf(http.StatusNotFound, registry.CodeSubjectNotSoftDeleted,
			"Subject '%s' was not deleted first before being permanently deleted", subject)
	case !permanent && len(live) == 0:
		return nil, errorf(http.StatusNotFound, registry.CodeSubjectSoftDeleted,
			"Subject '%s' was soft deleted.Set permanent=true to delete permanently", subject)
	}
	for _, v := range all {
		if ids := r.st.ReferencedBy(subject, v.Version); len(ids) > 0 {
			return nil, errorf(http.StatusUnprocessableEntity, registry.CodeReferenceExists,
				"One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=%s,version=%d}.", subject, v.Version)
		}
	}
	var recs []store.Record
	var versions []int
	if permanent {
		for _, v := range all {
			recs = append(recs, store.Record{Key: store.SchemaKey(subject, v.Version)})
			versions = append(versions, v.Version)
		}
		if _, ok := r.st.Config(subject); ok {
			recs = append(recs, store.Record{Key: store.ConfigKey(subject)})
		}
		if _, ok := r.st.Mode(subject); ok {
			recs = append(recs, store.Record{Key: store.ModeKey(subject)})
		}
	} else {
		for _, v := range live {
			versions = append(versions, v.Version)
		}
		recs = append(recs, store.Record{Key: store.DeleteSubjectKey(subject),
			Value: store.DeleteSubjectValue{Subject: subject, Version: live[len(live)-1].Version}})
	}
	if err := r.b.Write(ctx, recs...); err != nil {
		return nil, storeError(err)
	}
	return versions, nil
}

// SetConfig sets subject's compatibility level ("" the global one).
func (r *Registry) SetConfig(ctx context.Context, subject, level string) (compat.Level, *registry.Error) {
	l, ok := compat.ParseLevel(level)
	if !ok {
		return "", errorf(http.StatusUnprocessableEntity, registry.CodeInvalidCompatibilityLevel,
			"Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive")
	}
	if err := r.b.Write(ctx, store.Record{Key: store.ConfigKey(subject), Value: store.ConfigValue{Subject: subject, CompatibilityLevel: string(l)}}); err != nil {
		return "", storeError(err)
	}
	return l, nil
}

// DeleteConfig removes subject's level ("" the global one) and returns the level it had.
func (r *Registry) DeleteConfig(ctx context.Context, subject string) (compat.Level, *registry.Error) {
	if subject != "" && len(r.st.Versions(subject, true)) == 0 {
		return "", subjectNotFound(subject)
	}
	prev := r.Compatibility(subject)
	if err := r.b.Write(ctx, store.Record{Key: store.ConfigKey(subject)}); err != nil {
		return "", storeError(err)
	}
	return prev, nil
}

var modes = []string{"READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT"}

// SetMode sets subject's mode ("" the global one).
func (r *Registry) SetMode(ctx context.Context, subject, mode string) (string, *registry.Error) {
	mode = strings.ToUpper(mode)
	if !slices.Contains(modes, mode) {
		return "", errorf(http.StatusUnprocessableEntity, registry.CodeInvalidMode,
			"Invalid mode. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT.")
	}
	if err := r.b.Write(ctx, store.Record{Key: store.ModeKey(subject), Value: store.ModeValue{Subject: subject, Mode: mode}}); err != nil {
		return "", storeError(err)
	}
	return mode, nil
}

// DeleteMode removes subject's mode and returns the mode it had.
func (r *Registry) DeleteMode(ctx context.Context, subject string) (string, *registry.Error) {
	prev := r.Mode(subject)
	if err := r.b.Write(ctx, store.Record{Key: store.ModeKey(subject)}); err != nil {
		return "", storeError(err)
	}
	return prev, nil
}
