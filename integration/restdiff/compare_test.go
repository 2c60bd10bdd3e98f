//go:build integration

package restdiff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// globalIgnored are values that differ between any two workers: who answers, which cluster, when, and Java's
// stack traces (Sluice gives the error text).
var globalIgnored = []string{"worker_id", "kafka_cluster_id", "commit", "last_modified", "trace"}

// compareMode says how much of two answers must agree.
type compareMode int

const (
	values    compareMode = iota // shapes and every value not ignored
	unordered                    // as values, but arrays are compared as multisets
	shape                        // keys and types only; arrays' elements against the other side's first
	status                       // the status code only
)

// decode parses a body, nil for an empty one.
func decode(body []byte) (any, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, nil
	}
	var v any
	err := json.Unmarshal(body, &v)
	return v, err
}

// diff returns the differences between two JSON values, each a path and what differs.
func diff(java, sluice any, mode compareMode, ignored []string) []string {
	var out []string
	walk("$", java, sluice, mode, append(ignored, globalIgnored...), &out)
	return out
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}

// isIgnored matches the last path element, or a whole path with * for any element.
func isIgnored(path string, ignored []string) bool {
	last := path[strings.LastIndexAny(path, ".[")+1:]
	for _, ig := range ignored {
		if ig == last || ig == path {
			return true
		}
		if strings.Contains(ig, "*") && matchPath(ig, path) {
			return true
		}
	}
	return false
}

func matchPath(pattern, path string) bool {
	p, s := strings.Split(pattern, "."), strings.Split(path, ".")
	if len(p) != len(s) {
		return false
	}
	for i := range p {
		if p[i] != "*" && p[i] != s[i] {
			return false
		}
	}
	return true
}

func walk(path string, j, s any, mode compareMode, ignored []string, out *[]string) {
	if isIgnored(path, ignored) {
		return
	}
	// A null and a value may differ in shape mode only where Kafka's own values are nullable.
	if kind(j) != kind(s) {
		if mode == shape && (j == nil || s == nil) {
			return
		}
		*out = append(*out, fmt.Sprintf("%s: %s vs %s (%s vs %s)", path, kind(j), kind(s), short(j), short(s)))
		return
	}
	switch jv := j.(type) {
	case map[string]any:
		sv := s.(map[string]any)
		keys := map[string]bool{}
		for k := range jv {
			keys[k] = true
		}
		for k := range sv {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			jx, jok := jv[k]
			sx, sok := sv[k]
			switch {
			case !jok:
				if !isIgnored(path+"."+k, ignored) {
					*out = append(*out, fmt.Sprintf("%s.%s: only Sluice has it (%s)", path, k, short(sx)))
				}
			case !sok:
				if !isIgnored(path+"."+k, ignored) {
					*out = append(*out, fmt.Sprintf("%s.%s: only Java has it (%s)", path, k, short(jx)))
				}
			default:
				walk(path+"."+k, jx, sx, mode, ignored, out)
			}
		}
	case []any:
		sv := s.([]any)
		switch mode {
		case shape:
			var ref any
			if len(jv) > 0 {
				ref = jv[0]
			} else if len(sv) > 0 {
				ref = sv[0]
			}
			for i, x := range jv {
				walk(fmt.Sprintf("%s[%d]", path, i), ref, x, mode, ignored, out)
			}
			for i, x := range sv {
				walk(fmt.Sprintf("%s[%d]", path, i), ref, x, mode, ignored, out)
			}
		case unordered:
			if !sameMultiset(jv, sv) {
				*out = append(*out, fmt.Sprintf("%s: %s vs %s (any order)", path, short(jv), short(sv)))
			}
		default:
			if len(jv) != len(sv) {
				*out = append(*out, fmt.Sprintf("%s: %d elements vs %d (%s vs %s)", path, len(jv), len(sv),
					short(jv), short(sv)))
				return
			}
			for i := range jv {
				walk(fmt.Sprintf("%s[%d]", path, i), jv[i], sv[i], mode, ignored, out)
			}
		}
	default:
		if mode != shape && j != s {
			*out = append(*out, fmt.Sprintf("%s: %s vs %s", path, short(j), short(s)))
		}
	}
}

func sameMultiset(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	enc := func(l []any) []string {
		out := make([]string, len(l))
		for i, v := range l {
			bs, _ := json.Marshal(v)
			out[i] = string(bs)
		}
		sort.Strings(out)
		return out
	}
	x, y := enc(a), enc(b)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// short renders a value for a message, cut to a readable length.
func short(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// sluiceOnlyPlugins are classes Sluice ships that the reference worker's classpath lacks (Confluent's jars are not
// on Maven Central). They appear in Sluice's recommended values for converter keys; withoutSluiceOnly removes them
// there so the rest of a validate answer is compared value for value.
var sluiceOnlyPlugins = map[string]bool{"io.confluent.connect.avro.AvroConverter": true}

func withoutSluiceOnly(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "recommended_values" {
				if list, ok := e.([]any); ok {
					kept := list[:0:0]
					for _, item := range list {
						if s, ok := item.(string); !ok || !sluiceOnlyPlugins[s] {
							kept = append(kept, item)
						}
					}
					x[k] = kept
					continue
				}
			}
			x[k] = withoutSluiceOnly(e)
		}
	case []any:
		for i, e := range x {
			x[i] = withoutSluiceOnly(e)
		}
	}
	return v
}
