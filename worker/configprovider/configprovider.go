package configprovider

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
)

// Worker property names, as Kafka's AbstractConfig defines them.
const (
	ProvidersConfig = "config.providers"
	classSuffix     = ".class"
	paramInfix      = ".param."
)

// pattern is Kafka's ConfigTransformer.DEFAULT_PATTERN. Its reluctant quantifiers mean the same under RE2's
// leftmost-first matching as under java.util.regex, which the golden test checks against Kafka's classes.
var pattern = regexp.MustCompile(`\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}`)

// provider is one configured ConfigProvider. get returns the values of the requested keys found at path;
// keys it does not have are simply absent from the result.
type provider interface {
	get(ctx context.Context, path string, keys []string) (map[string]string, error)
}

// kinds maps every name Kafka accepts for a built-in provider (class name, simple name, pruned alias) to its
// constructor, which receives the provider's params ("allowed.paths", ...).
var kinds = func() map[string]func(params map[string]string, log *slog.Logger) (provider, error) {
	m := map[string]func(map[string]string, *slog.Logger) (provider, error){}
	for class, newFn := range map[string]func(map[string]string, *slog.Logger) (provider, error){
		"org.apache.kafka.common.config.provider.FileConfigProvider":      newFileProvider,
		"org.apache.kafka.common.config.provider.DirectoryConfigProvider": newDirectoryProvider,
		"org.apache.kafka.common.config.provider.EnvVarConfigProvider":    newEnvProvider,
	} {
		simple := class[strings.LastIndexByte(class, '.')+1:]
		m[class], m[simple], m[strings.TrimSuffix(simple, "ConfigProvider")] = newFn, newFn, newFn
	}
	return m
}()

// Resolver resolves placeholders with the providers a worker configuration declares. It is safe for
// concurrent use; a Resolver with no providers returns its input unchanged.
type Resolver struct {
	providers map[string]provider
}

// Option changes how New builds a Resolver.
type Option func(*options)

type options struct{ log *slog.Logger }

// WithLogger sets where the providers' warnings go (a path outside allowed.paths, a missing directory);
// slog.Default() otherwise.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// New builds the providers that the worker properties declare with config.providers,
// config.providers.<name>.class and config.providers.<name>.param.*. A name without a class is ignored, as in
// Kafka. The error lists every problem (an unknown class, a relative or missing allowed path, a bad
// allowlist pattern) as errors.Join of *config.Error.
func New(workerProps map[string]string, opts ...Option) (*Resolver, error) {
	o := options{log: slog.Default()}
	for _, opt := range opts {
		opt(&o)
	}
	r := &Resolver{providers: map[string]provider{}}
	raw, ok := workerProps[ProvidersConfig]
	if !ok {
		return r, nil
	}
	names, err := config.ParseType(ProvidersConfig, raw, config.TypeList)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, name := range names.([]string) {
		classKey := ProvidersConfig + "." + name + classSuffix
		class, ok := workerProps[classKey]
		if !ok {
			continue
		}
		newFn, ok := kinds[class]
		if !ok {
			errs = append(errs, config.InvalidValue(classKey, class,
				"Could not load config provider class or one of its dependencies"))
			continue
		}
		params := paramsOf(workerProps, ProvidersConfig+"."+name+paramInfix)
		p, err := newFn(params, o.log.With("provider", name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.providers[name] = p
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// paramsOf returns the properties under prefix with the prefix removed; the bare prefix itself is not a param.
func paramsOf(props map[string]string, prefix string) map[string]string {
	params := map[string]string{}
	for k, v := range props {
		if len(k) > len(prefix) && strings.HasPrefix(k, prefix) {
			params[k[len(prefix):]] = v
		}
	}
	return params
}

// variable is one placeholder's parts.
type variable struct{ provider, path, key string }

func parts(m []string) variable { return variable{provider: m[1], path: m[3], key: m[4]} }

// Resolve returns a copy of props with every resolvable placeholder replaced. Each provider is asked once per
// path for all keys wanted there, as Kafka's ConfigTransformer does. props is not modified.
func (r *Resolver) Resolve(ctx context.Context, props map[string]string) (map[string]string, error) {
	if r == nil || len(r.providers) == 0 {
		return maps.Clone(props), nil
	}
	wanted := map[variable]bool{} // with key "": the (provider, path) pairs to fetch
	keysAt := map[variable][]string{}
	for _, v := range props {
		if !strings.Contains(v, "${") {
			continue
		}
		for _, m := range pattern.FindAllStringSubmatch(v, -1) {
			pv := parts(m)
			if _, ok := r.providers[pv.provider]; !ok || wanted[pv] {
				continue
			}
			wanted[pv] = true
			at := variable{provider: pv.provider, path: pv.path}
			keysAt[at] = append(keysAt[at], pv.key)
		}
	}
	if len(keysAt) == 0 {
		return maps.Clone(props), nil
	}
	values := map[variable]string{}
	var errs []error
	// Sorted so that the joined error reads the same on every run.
	for _, at := range slices.SortedFunc(maps.Keys(keysAt), compareVariables) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := r.providers[at.provider].get(ctx, at.path, keysAt[at])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for k, v := range data {
			values[variable{at.provider, at.path, k}] = v
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := make(map[string]string, len(props))
	for k, v := range props {
		if strings.Contains(v, "${") {
			v = replace(v, values)
		}
		out[k] = v
	}
	return out, nil
}

func compareVariables(a, b variable) int {
	if c := strings.Compare(a.provider, b.provider); c != 0 {
		return c
	}
	return strings.Compare(a.path, b.path)
}

// replace substitutes each placeholder whose value was found, leaving the others as written.
func replace(s string, values map[variable]string) string {
	var sb strings.Builder
	last := 0
	for _, m := range pattern.FindAllStringSubmatchIndex(s, -1) {
		v, ok := values[variable{provider: s[m[2]:m[3]], path: group(s, m, 3), key: s[m[8]:m[9]]}]
		if !ok {
			continue
		}
		sb.WriteString(s[last:m[0]])
		sb.WriteString(v)
		last = m[1]
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// group returns submatch i of m in s, "" when it did not participate.
func group(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// errorf returns a *config.Error with no key, as Kafka's ConfigException(String).
func errorf(format string, args ...any) error {
	return config.NewError("", fmt.Sprintf(format, args...))
}
