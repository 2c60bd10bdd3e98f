package configprovider

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
)

// allowedPathsConfig is the FileConfigProvider / DirectoryConfigProvider param limiting what they may read.
const allowedPathsConfig = "allowed.paths"

// allowedPaths is Kafka's AllowedPaths: nil allows everything.
type allowedPaths []string

// parseAllowedPaths reads allowed.paths as Kafka does: comma-separated with no trimming (Java's String.split,
// which drops trailing empty elements), each cleaned lexically, and every one absolute and existing.
func parseAllowedPaths(params map[string]string) (allowedPaths, error) {
	raw := params[allowedPathsConfig]
	if raw == "" {
		return nil, nil
	}
	elems := strings.Split(raw, ",")
	for len(elems) > 0 && elems[len(elems)-1] == "" {
		elems = elems[:len(elems)-1]
	}
	var allowed allowedPaths
	for _, e := range elems {
		p := normalize(e)
		if !filepath.IsAbs(p) {
			return nil, config.NewError("", "Path "+p+" is not absolute")
		}
		if _, err := os.Stat(p); err != nil {
			return nil, config.NewError("", "Path "+p+" does not exist")
		}
		allowed = append(allowed, p)
	}
	return allowed, nil
}

// normalize is java.nio's Path.normalize: lexical, and "" stays "" (filepath.Clean would make it ".").
func normalize(p string) string {
	if p == "" {
		return ""
	}
	return filepath.Clean(p)
}

// check returns the path to open, or false when the path lies outside every allowed path. As in Kafka,
// containment is by whole path components after normalisation, so "/secrets/../etc" is not inside "/secrets",
// and "/secrets2" is not inside "/secrets".
func (a allowedPaths) check(path string) (string, bool) {
	if a == nil {
		return path, true
	}
	p := normalize(path)
	for _, dir := range a {
		if p == dir || strings.HasPrefix(p, dir+"/") || dir == "/" {
			return p, true
		}
	}
	return "", false
}
