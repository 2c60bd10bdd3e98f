package compat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hamba/avro/v2"
)

// Level is a compatibility level, as Confluent's compatibilityLevel values.
type Level string

// The levels.
const (
	None               Level = "NONE"
	Backward           Level = "BACKWARD"
	BackwardTransitive Level = "BACKWARD_TRANSITIVE"
	Forward            Level = "FORWARD"
	ForwardTransitive  Level = "FORWARD_TRANSITIVE"
	Full               Level = "FULL"
	FullTransitive     Level = "FULL_TRANSITIVE"
)

// ParseLevel returns the level named s (case-insensitive), and whether it is one.
func ParseLevel(s string) (Level, bool) {
	l := Level(strings.ToUpper(s))
	switch l {
	case None, Backward, BackwardTransitive, Forward, ForwardTransitive, Full, FullTransitive:
		return l, true
	}
	return "", false
}

// Transitive reports whether the level checks against every earlier version rather than the latest.
func (l Level) Transitive() bool { return strings.HasSuffix(string(l), "_TRANSITIVE") }

// Incompatibility is one reason a reader cannot read a writer's data, as Avro's SchemaCompatibility reports it.
type Incompatibility struct {
	Type        string // TYPE_MISMATCH, NAME_MISMATCH, ...
	Path        string // JSON-pointer-like location in the reader schema, "/fields/1/type"
	Description string
	Info        string
}

// String renders the incompatibility as Confluent's verbose messages do.
func (i Incompatibility) String() string {
	return fmt.Sprintf("{errorType:'%s', description:'%s', additionalInfo:'%s'}", i.Type, i.Description, i.Info)
}

// Check checks schema against previous (oldest first) at level and returns every incompatibility; none means
// compatible. Non-transitive levels check against the latest previous version only.
func Check(level Level, schema avro.Schema, previous []avro.Schema) []Incompatibility {
	if level == None || len(previous) == 0 {
		return nil
	}
	if !level.Transitive() {
		previous = previous[len(previous)-1:]
	}
	var out []Incompatibility
	for i := len(previous) - 1; i >= 0; i-- {
		old := previous[i]
		if level == Backward || level == BackwardTransitive || level == Full || level == FullTransitive {
			out = append(out, CanRead(schema, old, "new", "old")...)
		}
		if level == Forward || level == ForwardTransitive || level == Full || level == FullTransitive {
			out = append(out, CanRead(old, schema, "old", "new")...)
		}
	}
	return out
}

// CanRead lists why data written with writer cannot be read with reader; readerName and writerName ("new",
// "old") word the descriptions.
func CanRead(reader, writer avro.Schema, readerName, writerName string) []Incompatibility {
	c := checker{seen: map[[2]avro.Schema]bool{}, rn: readerName, wn: writerName}
	c.check(reader, writer, "")
	return c.out
}

type checker struct {
	seen   map[[2]avro.Schema]bool
	out    []Incompatibility
	rn, wn string
}

func deref(s avro.Schema) avro.Schema {
	if r, ok := s.(*avro.RefSchema); ok {
		return r.Schema()
	}
	return s
}

func (c *checker) add(typ, path, desc, info string) {
	if path == "" {
		path = "/"
	}
	c.out = append(c.out, Incompatibility{Type: typ, Path: path, Description: desc, Info: info})
}

func (c *checker) check(reader, writer avro.Schema, path string) {
	reader, writer = deref(reader), deref(writer)
	pair := [2]avro.Schema{reader, writer}
	if c.seen[pair] {
		return // recursive schemas: this pair is already being checked further up
	}
	c.seen[pair] = true

	if w, ok := writer.(*avro.UnionSchema); ok {
		if _, readerUnion := reader.(*avro.UnionSchema); readerUnion {
			for i, b := range w.Types() {
				if !c.matches(reader, b) {
					c.add("MISSING_UNION_BRANCH", fmt.Sprintf("%s/%d", path, i),
						fmt.Sprintf("The %s schema is missing a type inside a union field at path '%s/%d' in the %s schema",
							c.rn, path, i, c.wn), "reader union lacking writer type: "+typeName(b))
				}
			}
			return
		}
		for _, b := range w.Types() {
			c.check(reader, b, path)
		}
		return
	}
	if r, ok := reader.(*avro.UnionSchema); ok {
		if !c.matches(r, writer) {
			c.add("MISSING_UNION_BRANCH", path,
				fmt.Sprintf("The %s schema is missing a type inside a union field at path '%s' in the %s schema", c.rn, path, c.wn),
				"reader union lacking writer type: "+typeName(writer))
		}
		return
	}
	if reader.Type() != writer.Type() {
		if !promotable(writer.Type(), reader.Type()) {
			c.add("TYPE_MISMATCH", path,
				fmt.Sprintf("The type (path '%s') of a field in the %s schema does not match with the %s schema", path, c.rn, c.wn),
				fmt.Sprintf("reader type: %s not compatible with writer type: %s", upper(reader), upper(writer)))
		}
		return
	}
	switch r := reader.(type) {
	case *avro.RecordSchema:
		w := writer.(*avro.RecordSchema)
		if !nameMatches(r, w) {
			c.add("NAME_MISMATCH", path+"/name",
				fmt.Sprintf("The name of the schema has changed (path '%s/name')", path), "expected: "+w.FullName())
		}
		for i, f := range r.Fields() {
			fp := fmt.Sprintf("%s/fields/%d", path, i)
			wf := writerField(w, f)
			if wf == nil {
				if !f.HasDefault() {
					c.add("READER_FIELD_MISSING_DEFAULT_VALUE", fp,
						fmt.Sprintf("The field '%s' at path '%s' in the %s schema has no default value and is missing in the %s schema",
							f.Name(), fp, c.rn, c.wn), f.Name())
				}
				continue
			}
			c.check(f.Type(), wf.Type(), fp+"/type")
		}
	case *avro.EnumSchema:
		w := writer.(*avro.EnumSchema)
		if !nameMatches(r, w) {
			c.add("NAME_MISMATCH", path+"/name",
				fmt.Sprintf("The name of the schema has changed (path '%s/name')", path), "expected: "+w.FullName())
		}
		if r.HasDefault() {
			return
		}
		var missing []string
		for _, s := range w.Symbols() {
			if !slices.Contains(r.Symbols(), s) {
				missing = append(missing, s)
			}
		}
		if len(missing) > 0 {
			c.add("MISSING_ENUM_SYMBOLS", path+"/symbols",
				fmt.Sprintf("The %s schema is missing enum symbols '%s' at path '%s/symbols' in the %s schema",
					c.rn, strings.Join(missing, ", "), path, c.wn), "["+strings.Join(missing, ", ")+"]")
		}
	case *avro.FixedSchema:
		w := writer.(*avro.FixedSchema)
		if !nameMatches(r, w) {
			c.add("NAME_MISMATCH", path+"/name",
				fmt.Sprintf("The name of the schema has changed (path '%s/name')", path), "expected: "+w.FullName())
		}
		if r.Size() != w.Size() {
			c.add("FIXED_SIZE_MISMATCH", path+"/size",
				fmt.Sprintf("The size of FIXED type field at path '%s/size' in the %s schema does not match with the %s schema",
					path, c.rn, c.wn), fmt.Sprintf("expected: %d, found: %d", w.Size(), r.Size()))
		}
	case *avro.ArraySchema:
		c.check(r.Items(), writer.(*avro.ArraySchema).Items(), path+"/items")
	case *avro.MapSchema:
		c.check(r.Values(), writer.(*avro.MapSchema).Values(), path+"/values")
	}
}

// matches reports whether some branch of reader (a union, or a single schema) reads writer without error.
func (c *checker) matches(reader, writer avro.Schema) bool {
	branches := []avro.Schema{reader}
	if u, ok := reader.(*avro.UnionSchema); ok {
		branches = u.Types()
	}
	for _, b := range branches {
		sub := checker{seen: c.seen, rn: c.rn, wn: c.wn}
		sub.check(b, writer, "")
		if len(sub.out) == 0 {
			return true
		}
	}
	return false
}

// promotable reports Avro's type promotions: what a reader of type to accepts from a writer of type from.
func promotable(from, to avro.Type) bool {
	switch from {
	case avro.Int:
		return to == avro.Long || to == avro.Float || to == avro.Double
	case avro.Long:
		return to == avro.Float || to == avro.Double
	case avro.Float:
		return to == avro.Double
	case avro.String:
		return to == avro.Bytes
	case avro.Bytes:
		return to == avro.String
	}
	return false
}

// nameMatches compares unqualified names, or the writer's name against the reader's aliases, as Avro's
// SchemaCompatibility does.
func nameMatches(r, w avro.NamedSchema) bool {
	if r.Name() == w.Name() {
		return true
	}
	for _, a := range r.Aliases() {
		if a == w.FullName() || a == w.Name() {
			return true
		}
	}
	return false
}

func writerField(w *avro.RecordSchema, f *avro.Field) *avro.Field {
	for _, wf := range w.Fields() {
		if wf.Name() == f.Name() {
			return wf
		}
	}
	for _, a := range f.Aliases() {
		for _, wf := range w.Fields() {
			if wf.Name() == a {
				return wf
			}
		}
	}
	return nil
}

func typeName(s avro.Schema) string {
	if n, ok := deref(s).(avro.NamedSchema); ok {
		return n.FullName()
	}
	return upper(s)
}

func upper(s avro.Schema) string { return strings.ToUpper(string(deref(s).Type())) }
