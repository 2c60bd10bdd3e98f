package connconfig

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
)

// versionRange is a plugin version requirement (KIP-891), Maven's VersionRange as Kafka's
// PluginUtils.connectorVersionRequirement builds it: a bare version is an exact requirement ("1.0" is
// "[1.0,1.0]"), "latest" or no value is none.
type versionRange struct {
	restrictions []restriction
}

type restriction struct {
	lower, upper                   string // "" = unbounded
	lowerInclusive, upperInclusive bool
}

func (r restriction) String() string {
	var b strings.Builder
	if r.lowerInclusive {
		b.WriteByte('[')
	} else {
		b.WriteByte('(')
	}
	b.WriteString(r.lower)
	b.WriteByte(',')
	b.WriteString(r.upper)
	if r.upperInclusive {
		b.WriteByte(']')
	} else {
		b.WriteByte(')')
	}
	return b.String()
}

func (vr *versionRange) String() string {
	parts := make([]string, len(vr.restrictions))
	for i, r := range vr.restrictions {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

func (vr *versionRange) contains(v string) bool {
	for _, r := range vr.restrictions {
		if r.lower != "" {
			c := compareVersions(v, r.lower)
			if c < 0 || (c == 0 && !r.lowerInclusive) {
				continue
			}
		}
		if r.upper != "" {
			c := compareVersions(v, r.upper)
			if c > 0 || (c == 0 && !r.upperInclusive) {
				continue
			}
		}
		return true
	}
	return false
}

// parseVersionRequirement returns nil for no requirement, or an error with Maven's message.
func parseVersionRequirement(spec *string) (*versionRange, error) {
	if spec == nil || *spec == "latest" {
		return nil, nil
	}
	s := strings.TrimSpace(*spec)
	vr, bare, err := parseVersionSpec(s)
	if err != nil {
		return nil, err
	}
	if !bare {
		return vr, nil
	}
	vr, _, err = parseVersionSpec("[" + s + "]")
	return vr, err
}

// parseVersionSpec is Maven's VersionRange.createFromVersionSpec; bare reports a plain version without
// restrictions.
func parseVersionSpec(spec string) (vr *versionRange, bare bool, err error) {
	vr = &versionRange{}
	process := spec
	upper, haveUpper := "", false
	for strings.HasPrefix(process, "[") || strings.HasPrefix(process, "(") {
		i1, i2 := strings.Index(process, ")"), strings.Index(process, "]")
		i := i2
		if i2 < 0 || (i1 >= 0 && i1 < i2) {
			i = i1
		}
		if i < 0 {
			return nil, false, fmt.Errorf("Unbounded range: %s", spec)
		}
		r, err := parseRestriction(process[:i+1])
		if err != nil {
			return nil, false, err
		}
		if haveUpper && (r.lower == "" || compareVersions(r.lower, upper) < 0) {
			return nil, false, fmt.Errorf("Ranges overlap: %s", spec)
		}
		vr.restrictions = append(vr.restrictions, r)
		upper, haveUpper = r.upper, true
		process = strings.TrimSpace(process[i+1:])
		if strings.HasPrefix(process, ",") {
			process = strings.TrimSpace(process[1:])
		}
	}
	if process != "" {
		if len(vr.restrictions) > 0 {
			return nil, false, fmt.Errorf("Only fully-qualified sets allowed in multiple set scenario: %s", spec)
		}
		return vr, true, nil
	}
	return vr, false, nil
}

func parseRestriction(spec string) (restriction, error) {
	r := restriction{lowerInclusive: strings.HasPrefix(spec, "["), upperInclusive: strings.HasSuffix(spec, "]")}
	process := strings.TrimSpace(spec[1 : len(spec)-1])
	i := strings.Index(process, ",")
	if i < 0 {
		if !r.lowerInclusive || !r.upperInclusive {
			return r, fmt.Errorf("Single version must be surrounded by []: %s", spec)
		}
		r.lower, r.upper = process, process
		return r, nil
	}
	lower, upper := strings.TrimSpace(process[:i]), strings.TrimSpace(process[i+1:])
	if lower == upper {
		return r, fmt.Errorf("Range cannot have identical boundaries: %s", spec)
	}
	if lower != "" && upper != "" && compareVersions(upper, lower) < 0 {
		return r, fmt.Errorf("Range defies version ordering: %s", spec)
	}
	r.lower, r.upper = lower, upper
	return r, nil
}

// compareVersions orders versions as Maven's ComparableVersion does for the common forms: items split at '.',
// '-' and digit/letter boundaries, numbers compared as numbers, a missing item as 0.
func compareVersions(a, b string) int {
	x, y := versionItems(a), versionItems(b)
	for i := 0; i < len(x) || i < len(y); i++ {
		p, q := "0", "0"
		if i < len(x) {
			p = x[i]
		}
		if i < len(y) {
			q = y[i]
		}
		pn, perr := strconv.ParseUint(p, 10, 64)
		qn, qerr := strconv.ParseUint(q, 10, 64)
		switch {
		case perr == nil && qerr == nil:
			if pn != qn {
				if pn < qn {
					return -1
				}
				return 1
			}
		case perr == nil: // a number is newer than a qualifier (1.0 > 1.0-beta)
			return 1
		case qerr == nil:
			return -1
		default:
			if c := strings.Compare(strings.ToLower(p), strings.ToLower(q)); c != 0 {
				return c
			}
		}
	}
	return 0
}

func versionItems(v string) []string {
	var items []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			items = append(items, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range v {
		switch {
		case r == '.' || r == '-':
			flush()
		case len(cur) > 0 && unicode.IsDigit(r) != unicode.IsDigit(cur[len(cur)-1]):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return items
}

// versionSpecValidator is Kafka's PluginVersionValidator: the value must be a valid requirement.
type versionSpecValidator struct{}

func (versionSpecValidator) Validate(name string, value any) error {
	s, ok := value.(string)
	if !ok {
		return nil
	}
	if _, err := parseVersionRequirement(&s); err != nil {
		return config.NewError(name, err.Error())
	}
	return nil
}

func (versionSpecValidator) String() string { return "" }

// checkVersion is Kafka's plugin loading with a version requirement: the plugin's single version must satisfy
// spec (nil: any), else Kafka's "Plugin X not found that matches the version range ..." error.
func checkVersion(p *plugin.Plugin, spec *string) error {
	vr, err := parseVersionRequirement(spec)
	if err != nil || vr == nil {
		return err
	}
	if vr.contains(p.Version) {
		return nil
	}
	return fmt.Errorf("Plugin %s not found that matches the version range %s, available versions: [%s]",
		p.Class, vr, p.Version)
}

// classesRecommender recommends every plugin class of a kind, as Kafka's ConverterPluginRecommender and
// ClassRecommender do.
type classesRecommender struct {
	reg  *plugin.Registry
	kind plugin.Kind
}

func (c classesRecommender) ValidValues(string, map[string]any) ([]any, error) {
	if c.reg == nil {
		return nil, nil
	}
	var out []any
	for _, p := range c.reg.Plugins() {
		if p.Is(c.kind) {
			out = append(out, p.Class)
		}
	}
	return out, nil
}

func (classesRecommender) Visible(string, map[string]any) (bool, error) { return true, nil }

// versionRecommender recommends the versions of the plugin named by classKey; visibleIfSet hides the key
// while that class is unset, as the converter version recommenders do (the transformation and predicate ones
// are always visible).
type versionRecommender struct {
	reg          *plugin.Registry
	classKey     string
	kind         plugin.Kind
	visibleIfSet bool
}

func (v versionRecommender) ValidValues(_ string, parsed map[string]any) ([]any, error) {
	name, _ := parsed[v.classKey].(string)
	if v.reg == nil {
		return nil, nil
	}
	if p, ok := v.reg.Lookup(name); ok && p.Is(v.kind) {
		return []any{p.Version}, nil
	}
	return nil, nil
}

func (v versionRecommender) Visible(_ string, parsed map[string]any) (bool, error) {
	return !v.visibleIfSet || parsed[v.classKey] != nil, nil
}

// connectorVersionRecommender recommends the connector plugin's versions.
type connectorVersionRecommender struct{ reg *plugin.Registry }

func (c connectorVersionRecommender) ValidValues(_ string, parsed map[string]any) ([]any, error) {
	name, _ := parsed[KeyConnectorClass].(string)
	if c.reg == nil {
		return nil, nil
	}
	if p, ok := c.reg.Lookup(name); ok && (p.Is(plugin.Source) || p.Is(plugin.Sink)) {
		return []any{p.Version}, nil
	}
	return nil, nil
}

func (connectorVersionRecommender) Visible(_ string, parsed map[string]any) (bool, error) {
	return parsed[KeyConnectorClass] != nil, nil
}
