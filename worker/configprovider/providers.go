package configprovider

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/properties"
)

// fileProvider is Kafka's FileConfigProvider: the path is a .properties file (read as UTF-8), the keys its
// properties.
type fileProvider struct {
	allowed allowedPaths
	log     *slog.Logger
}

func newFileProvider(params map[string]string, log *slog.Logger) (provider, error) {
	allowed, err := parseAllowedPaths(params)
	if err != nil {
		return nil, err
	}
	return &fileProvider{allowed: allowed, log: log}, nil
}

func (p *fileProvider) get(_ context.Context, path string, keys []string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	name, ok := p.allowed.check(path)
	if !ok {
		p.log.Warn("config provider path is not allowed to be accessed", "path", path)
		return nil, nil
	}
	b, err := os.ReadFile(name)
	if err == nil && !utf8.Valid(b) {
		// Java reads the file through a strict UTF-8 decoder, whose MalformedInputException is an I/O error.
		err = errors.New("input is not valid UTF-8")
	}
	if err != nil {
		p.log.Error("could not read properties from file", "path", path, "err", err)
		return nil, errorf("Could not read properties from file %s", path)
	}
	all, err := properties.Parse(string(b))
	if err != nil {
		return nil, errorf("Could not read properties from file %s: %v", path, err)
	}
	data := make(map[string]string, len(keys))
	for _, k := range keys {
		if v, ok := all[k]; ok {
			data[k] = v
		}
	}
	return data, nil
}

// directoryProvider is Kafka's DirectoryConfigProvider: the path is a directory, each key the name of a
// regular file in it (symbolic links followed), each value that file's whole content as UTF-8, untrimmed.
type directoryProvider struct {
	allowed allowedPaths
	log     *slog.Logger
}

func newDirectoryProvider(params map[string]string, log *slog.Logger) (provider, error) {
	allowed, err := parseAllowedPaths(params)
	if err != nil {
		return nil, err
	}
	return &directoryProvider{allowed: allowed, log: log}, nil
}

func (p *directoryProvider) get(_ context.Context, path string, keys []string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	dir, ok := p.allowed.check(path)
	if !ok {
		p.log.Warn("config provider path is not allowed to be accessed", "path", path)
		return nil, nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		p.log.Warn("config provider path is not a directory", "path", path)
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		p.log.Error("could not list directory", "path", dir, "err", err)
		return nil, errorf("Could not list directory %s", dir)
	}
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	data := map[string]string{}
	// Only names listed in the directory qualify, so a key such as "../x" can never reach outside it.
	for _, e := range entries {
		if !want[e.Name()] {
			continue
		}
		file := filepath.Join(dir, e.Name())
		if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() {
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			p.log.Error("could not read config provider file", "path", file, "err", err)
			return nil, errorf("Could not read file %s for property %s", file, e.Name())
		}
		data[e.Name()] = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return data, nil
}

// envProvider is Kafka's EnvVarConfigProvider: no path, the keys are environment variables, limited to those
// whose whole name matches allowlist.pattern. The environment is captured when the provider is built, as
// Java's System.getenv() snapshot is.
type envProvider struct {
	env map[string]string
}

const allowlistPatternConfig = "allowlist.pattern"

func newEnvProvider(params map[string]string, log *slog.Logger) (provider, error) {
	allow := func(string) bool { return true }
	if raw, ok := params[allowlistPatternConfig]; ok {
		re, err := regexp.Compile(`^(?:` + raw + `)$`)
		if err != nil {
			return nil, config.InvalidValue(allowlistPatternConfig, raw, err.Error())
		}
		allow = re.MatchString
	} else {
		log.Debug("no allowlist.pattern for environment variables; all are available")
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if allow(k) {
			env[k] = v
		}
	}
	return &envProvider{env: env}, nil
}

func (p *envProvider) get(_ context.Context, path string, keys []string) (map[string]string, error) {
	if path != "" {
		return nil, errorf("Path is not supported for EnvVarConfigProvider, invalid value '%s'", path)
	}
	data := make(map[string]string, len(keys))
	for _, k := range keys {
		if v, ok := p.env[k]; ok {
			data[k] = v
		}
	}
	return data, nil
}
