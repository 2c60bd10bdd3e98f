package transforms

import (
	"strconv"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/schemas"
)

// fieldPath is Kafka's SingleFieldPath (KIP-821): with field.syntax.version V1 the whole text names one top-level
// field; with V2 dots separate nested field names and a name containing dots is wrapped in backticks
// (`foo.bar`.baz), a backtick inside such a name being escaped with a backslash.
type fieldPath struct {
	steps []string
}

// parseFieldPath parses text by the given syntax version ("V1" or "V2").
func parseFieldPath(text string, v2 bool) (fieldPath, error) {
	if !v2 {
		return fieldPath{steps: []string{text}}, nil
	}
	steps, err := fieldPathV2(text)
	return fieldPath{steps: steps}, err
}

// fieldPathV2 follows Kafka's buildFieldPathV2 step by step, on UTF-16 code units so that error positions are
// Java's.
func fieldPathV2(text string) ([]string, error) {
	p := utf16.Encode([]rune(text))
	str := func(a, b int) string { return string(utf16.Decode(p[a:b])) }
	indexOf := func(c uint16, from int) int {
		for i := from; i < len(p); i++ {
			if p[i] == c {
				return i
			}
		}
		return -1
	}
	incomplete := func(at int) error {
		return configError("", "Incomplete backtick pair in path: ["+text+"], consider adding a backslash before "+
			"backtick at position "+strconv.Itoa(at)+" to escape it")
	}
	var steps []string
	idx := 0
	for idx < len(p) && idx >= 0 {
		if p[idx] != '`' {
			start := idx
			idx = indexOf('.', idx)
			if idx >= 0 {
				steps = append(steps, str(start, idx))
				idx++
			} else {
				steps = append(steps, str(start, len(p)))
			}
			continue
		}
		backtickAt := idx
		idx++
		var field []uint16
		start := idx
		for {
			idx = indexOf('`', idx)
			if idx == -1 {
				return nil, incomplete(backtickAt)
			}
			escaped := p[idx-1] == '\\'
			if idx >= len(p)-1 {
				if escaped {
					return nil, incomplete(backtickAt)
				}
				field = append(field, p[start:idx]...)
				steps = append(steps, string(utf16.Decode(field)))
				idx++
				break
			}
			if p[idx+1] != '.' {
				idx++
				continue
			}
			if escaped {
				field = append(field, p[start:idx-1]...)
				field = append(field, '`')
				idx++
				start = idx
				continue
			}
			field = append(field, p[start:idx]...)
			steps = append(steps, string(utf16.Decode(field)))
			idx += 2
			break
		}
	}
	if len(p) > 0 && p[len(p)-1] == '.' {
		steps = append(steps, "")
	}
	return steps, nil
}

func (fp fieldPath) last() string { return fp.steps[len(fp.steps)-1] }

func (fp fieldPath) parents() []string { return fp.steps[:len(fp.steps)-1] }

// fieldFrom finds the field the path names in a schema, or reports ok=false. Looking a field up in a schema that
// is not a STRUCT is Kafka's DataException.
func (fp fieldPath) fieldFrom(s *schemas.Schema) (schemas.Field, bool, error) {
	cur := s
	for _, step := range fp.parents() {
		f, ok, err := lookupField(cur, step)
		if err != nil || !ok {
			return schemas.Field{}, false, err
		}
		cur = f.Schema
	}
	return lookupField(cur, fp.last())
}

// lookupField is Kafka's Schema.field(name).
func lookupField(s *schemas.Schema, name string) (schemas.Field, bool, error) {
	if s.Type() != schemas.TypeStruct {
		return schemas.Field{}, false, schemas.DataError("Cannot look up fields on non-struct type")
	}
	f, ok := s.Field(name)
	return f, ok, nil
}

// valueFromStruct reads the value the path names (nil when a step is missing or null).
func (fp fieldPath) valueFromStruct(st *schemas.Struct, withDefault bool) (any, error) {
	cur := st
	for _, step := range fp.parents() {
		f, ok := cur.Schema().Field(step)
		if !ok {
			return nil, nil
		}
		next, err := requireStructOrNull(cur.GetField(f), "nested field access")
		if err != nil || next == nil {
			return nil, err
		}
		cur = next
	}
	f, ok := cur.Schema().Field(fp.last())
	if !ok {
		return nil, nil
	}
	return fieldValue(cur, f, withDefault), nil
}

// valueFromMap reads the value the path names in a schemaless map.
func (fp fieldPath) valueFromMap(m schemas.Map) (any, error) {
	cur := m
	for _, step := range fp.parents() {
		x, _ := cur.GetString(step)
		if isNull(x) {
			return nil, nil
		}
		next, err := requireMap(x, "nested field access")
		if err != nil {
			return nil, err
		}
		cur = next
	}
	x, _ := cur.GetString(fp.last())
	return x, nil
}
