package transforms

import (
	"strings"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

const flattenPurpose = "flattening"

var flattenDef = config.NewDef().Define(
	config.Key{Name: "delimiter", Type: config.TypeString, Default: ".", Importance: config.ImportanceMedium,
		Doc: "Delimiter to insert between field names from the input record when generating field names for the output record"},
)

// maxFlattenNames bounds Flatten's cache of joined field names: enough for any realistic set of schemaless
// shapes, and a stream of ever-new names cannot grow it without limit.
const maxFlattenNames = 4096

// Flatten flattens nested structs (or maps) into one level, joining field names with a delimiter (Kafka's
// Flatten$Key and $Value). Arrays are left as they are.
type Flatten struct {
	part
	delimiter string
	cache     schemaCache[*flattenPlan]
	// names caches joined schemaless field names, boxed, so that flattening the same shapes allocates no strings.
	names map[[2]string]mapKey
}

// flattenPlan is the flat schema for a nested one and, per flat field, the path of input field indexes to it.
type flattenPlan struct {
	schema *schemas.Schema
	paths  [][]int
}

// NewFlattenKey builds Flatten$Key.
func NewFlattenKey(props map[string]string) (connect.Transformation, error) {
	return newFlatten(partKey, props)
}

// NewFlattenValue builds Flatten$Value.
func NewFlattenValue(props map[string]string) (connect.Transformation, error) {
	return newFlatten(partValue, props)
}

func newFlatten(p part, props map[string]string) (*Flatten, error) {
	v, err := parse(flattenDef, props)
	if err != nil {
		return nil, err
	}
	return &Flatten{part: p, delimiter: v.String("delimiter"), names: map[[2]string]mapKey{}}, nil
}

// Apply flattens.
func (t *Flatten) Apply(r connect.Record) (connect.Record, bool, error) {
	v := t.value(&r)
	if isNull(v) {
		return r, true, nil
	}
	if s := t.schema(&r); s != nil {
		return t.applyWithSchema(r, s, v)
	}
	m, err := requireMap(v, flattenPurpose)
	if err != nil {
		return r, false, err
	}
	out := make(schemas.Map, 0, countLeaves(m))
	if out, err = t.flattenMap(m, "", out); err != nil {
		return r, false, err
	}
	return t.with(r, nil, out), true, nil
}

// countLeaves sizes the output map: one entry per non-map value, nested maps counted through.
func countLeaves(m schemas.Map) int {
	n := 0
	for _, e := range m {
		if sub, ok := e.Value.(schemas.Map); ok {
			n += countLeaves(sub)
		} else {
			n++
		}
	}
	return n
}

func (t *Flatten) name(prefix string, key any) (mapKey, error) {
	k, ok := key.(string)
	if !ok {
		return mapKey{}, classCast(key, "java.lang.String")
	}
	if prefix == "" {
		return mapKey{k, key}, nil
	}
	if mk, ok := t.names[[2]string{prefix, k}]; ok {
		return mk, nil
	}
	mk := newMapKey(prefix + t.delimiter + k)
	if len(t.names) < maxFlattenNames {
		t.names[[2]string{prefix, k}] = mk
	}
	return mk, nil
}

func (t *Flatten) flattenMap(m schemas.Map, prefix string, out schemas.Map) (schemas.Map, error) {
	for _, e := range m {
		name, err := t.name(prefix, e.Key)
		if err != nil {
			return nil, err
		}
		switch x := e.Value.(type) {
		case schemas.Map:
			if out, err = t.flattenMap(x, name.s, out); err != nil {
				return nil, err
			}
			continue
		case *schemas.Struct:
			if x != nil {
				return nil, schemas.DataError("Flatten transformation does not support " + javaClass(x) +
					" for record without schemas (for field " + name.s + ").")
			}
		}
		if !isNull(e.Value) && inferType(e.Value) == 0 {
			return nil, schemas.DataError("Flatten transformation was passed a value of type " + javaClass(e.Value) +
				" which is not supported by Connect's data API")
		}
		x := e.Value
		if isNull(x) {
			x = nil
		}
		// A name can only repeat when it was joined (or the delimiter is empty): top-level keys are unique.
		if prefix != "" || t.delimiter == "" || strings.Contains(name.s, t.delimiter) {
			out = putEntry(out, name, x)
		} else {
			out = append(out, schemas.MapEntry{Key: name.key, Value: x})
		}
	}
	return out, nil
}

func (t *Flatten) applyWithSchema(r connect.Record, s *schemas.Schema, v any) (connect.Record, bool, error) {
	st, err := requireStructOrNull(v, flattenPurpose)
	if err != nil {
		return r, false, err
	}
	plan, err := t.cache.getOrBuild(s, t.plan)
	if err != nil {
		return r, false, err
	}
	if st == nil {
		return t.with(r, plan.schema, nil), true, nil
	}
	out, err := schemas.NewStruct(plan.schema)
	if err != nil {
		return r, false, err
	}
	fields := plan.schema.Fields()
next:
	for i, path := range plan.paths {
		cur := st
		for _, idx := range path[:len(path)-1] {
			f := cur.Schema().Fields()[idx]
			sub, isStruct := cur.GetField(f).(*schemas.Struct)
			if !isStruct || sub == nil {
				continue next // a null struct leaves its flattened fields null
			}
			cur = sub
		}
		f := cur.Schema().Fields()[path[len(path)-1]]
		if err := out.PutField(fields[i], cur.GetField(f)); err != nil {
			return r, false, err
		}
	}
	return t.with(r, plan.schema, out), true, nil
}

// plan is Kafka's buildUpdatedSchema: a flattened field is optional when it or any ancestor is, and takes its own
// default (struct defaults, which Kafka would also pass down, cannot be built in Sluice).
func (t *Flatten) plan(s *schemas.Schema) (*flattenPlan, error) {
	if s.Type() != schemas.TypeStruct {
		return nil, schemas.DataError("Cannot list fields on non-struct type")
	}
	b := newStructBuilder(s)
	p := &flattenPlan{}
	var walk func(s *schemas.Schema, prefix string, optional bool, path []int) error
	walk = func(s *schemas.Schema, prefix string, optional bool, path []int) error {
		for _, f := range s.Fields() {
			name := f.Name
			if prefix != "" {
				name = prefix + t.delimiter + f.Name
			}
			opt := optional || f.Schema.IsOptional()
			fpath := append(append([]int(nil), path...), f.Index)
			switch f.Schema.Type() {
			case schemas.TypeStruct:
				if err := walk(f.Schema, name, opt, fpath); err != nil {
					return err
				}
			case schemas.TypeMap:
				return schemas.DataError("Flatten transformation does not support MAP for record with schemas (for field " + name + ").")
			default:
				fb := copyBasicsSameType(f.Schema)
				if opt {
					fb.Optional()
				}
				if def := f.Schema.Default(); def != nil {
					fb.Default(def)
				}
				fs, err := fb.Build()
				if err != nil {
					return schemas.DataError("Invalid default value")
				}
				b.field(name, fs)
				p.paths = append(p.paths, fpath)
			}
		}
		return nil
	}
	if err := walk(s, "", s.IsOptional(), nil); err != nil {
		return nil, err
	}
	var err error
	p.schema, err = b.build()
	return p, err
}
