package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

const replaceFieldPurpose = "field replacement"

var replaceFieldDef = config.NewDef().Define(
	config.Key{Name: "exclude", Type: config.TypeList, Default: []string{}, Importance: config.ImportanceMedium,
		Validator: config.AnyNonDuplicateValues(true, false),
		Doc:       "Fields to exclude. This takes precedence over the fields to include."},
	config.Key{Name: "include", Type: config.TypeList, Default: []string{}, Importance: config.ImportanceMedium,
		Validator: config.AnyNonDuplicateValues(true, false),
		Doc:       "Fields to include. If specified, only these fields will be used."},
	config.Key{Name: "renames", Type: config.TypeList, Default: []string{}, Importance: config.ImportanceMedium,
		Validator: config.Func(func(name string, v any) error {
			_, err := parseRenames(v.([]string))
			return err
		}, "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"),
		Doc: "Field rename mappings."},
	replaceNullKey,
)

type rename struct {
	from, to string
	toKey    mapKey
}

// parseRenames is Kafka's parseRenameMappings. A name renamed twice keeps the last mapping, as HashMap.put does.
func parseRenames(mappings []string) ([]rename, error) {
	var out []rename
	for _, m := range mappings {
		parts := javaSplit(m, ":")
		if len(parts) != 2 {
			return nil, config.InvalidValue("renames", mappings, "Invalid rename mapping: "+m)
		}
		replaced := false
		for i := range out {
			if out[i].from == parts[0] {
				out[i].to, replaced = parts[1], true
			}
		}
		if !replaced {
			out = append(out, rename{from: parts[0], to: parts[1]})
		}
	}
	for i := range out {
		out[i].toKey = newMapKey(out[i].to)
	}
	return out, nil
}

// ReplaceField filters and renames the fields of the key or value (Kafka's ReplaceField$Key and $Value).
type ReplaceField struct {
	part
	exclude, include []string
	renames          []rename
	replaceNull      bool
	cache            schemaCache[*replacePlan]
}

// replacePlan is what ReplaceField derives from an input schema: the output schema and, per output field, the
// input field it is copied from.
type replacePlan struct {
	schema *schemas.Schema
	from   []int // input field index, or -1 when the reverse rename names no input field
	names  []string
}

// NewReplaceFieldKey builds ReplaceField$Key.
func NewReplaceFieldKey(props map[string]string) (connect.Transformation, error) {
	return newReplaceField(partKey, props)
}

// NewReplaceFieldValue builds ReplaceField$Value.
func NewReplaceFieldValue(props map[string]string) (connect.Transformation, error) {
	return newReplaceField(partValue, props)
}

func newReplaceField(p part, props map[string]string) (*ReplaceField, error) {
	v, err := parse(replaceFieldDef, props)
	if err != nil {
		return nil, err
	}
	t := &ReplaceField{part: p, exclude: v.List("exclude"), include: v.List("include"),
		replaceNull: v.Bool(keyReplaceNullWithDefault)}
	if t.renames, err = parseRenames(v.List("renames")); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *ReplaceField) keep(name string) bool {
	return !contains(t.exclude, name) && (len(t.include) == 0 || contains(t.include, name))
}

func (t *ReplaceField) renamed(name string) string {
	if r := t.rename(name); r != nil {
		return r.to
	}
	return name
}

func (t *ReplaceField) rename(name string) *rename {
	for i := range t.renames {
		if t.renames[i].from == name {
			return &t.renames[i]
		}
	}
	return nil
}

func (t *ReplaceField) isTarget(name string) bool {
	for _, r := range t.renames {
		if r.to == name {
			return true
		}
	}
	return false
}

// reverseRenamed maps an output name back; when two names were renamed to the same one, the last mapping wins.
func (t *ReplaceField) reverseRenamed(name string) string {
	for i := len(t.renames) - 1; i >= 0; i-- {
		if t.renames[i].to == name {
			return t.renames[i].from
		}
	}
	return name
}

// Apply filters and renames.
func (t *ReplaceField) Apply(r connect.Record) (connect.Record, bool, error) {
	v := t.value(&r)
	if isNull(v) {
		return r, true, nil
	}
	if t.schema(&r) != nil {
		return t.applyWithSchema(r, v)
	}
	m, err := requireMap(v, replaceFieldPurpose)
	if err != nil {
		return r, false, err
	}
	out := make(schemas.Map, 0, len(m))
	for _, e := range m {
		k, ok := e.Key.(string)
		if !ok {
			return r, false, classCast(e.Key, "java.lang.String")
		}
		if !t.keep(k) {
			continue
		}
		// Input keys are unique, so only a name some rename produces can collide (HashMap.put then overwrites).
		if rn := t.rename(k); rn != nil {
			out = putEntry(out, rn.toKey, e.Value)
		} else if t.isTarget(k) {
			out = putEntry(out, mapKey{k, e.Key}, e.Value)
		} else {
			out = append(out, e)
		}
	}
	return t.with(r, nil, out), true, nil
}

func (t *ReplaceField) applyWithSchema(r connect.Record, v any) (connect.Record, bool, error) {
	st, err := requireStruct(v, replaceFieldPurpose)
	if err != nil {
		return r, false, err
	}
	in := st.Schema()
	plan, err := t.cache.getOrBuild(in, t.plan)
	if err != nil {
		return r, false, err
	}
	out, err := schemas.NewStruct(plan.schema)
	if err != nil {
		return r, false, err
	}
	inFields := in.Fields()
	for i, f := range plan.schema.Fields() {
		src := plan.from[i]
		if src < 0 {
			return r, false, schemas.DataError(plan.names[i] + " is not a valid field name")
		}
		if err := out.PutField(f, fieldValue(st, inFields[src], t.replaceNull)); err != nil {
			return r, false, err
		}
	}
	return t.with(r, plan.schema, out), true, nil
}

func (t *ReplaceField) plan(in *schemas.Schema) (*replacePlan, error) {
	b := newStructBuilder(in)
	for _, f := range in.Fields() {
		if t.keep(f.Name) {
			b.field(t.renamed(f.Name), f.Schema)
		}
	}
	s, err := b.build()
	if err != nil {
		return nil, err
	}
	p := &replacePlan{schema: s, from: make([]int, len(s.Fields())), names: make([]string, len(s.Fields()))}
	for i, f := range s.Fields() {
		p.names[i] = t.reverseRenamed(f.Name)
		p.from[i] = -1
		if g, ok := in.Field(p.names[i]); ok {
			p.from[i] = g.Index
		}
	}
	return p, nil
}
