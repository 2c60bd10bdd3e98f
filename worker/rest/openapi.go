package rest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
)

// openAPIDoc is the OpenAPI 3 document of Kafka Connect's API, written by hand; TestOpenAPIMatchesRoutes keeps it
// and the route table in step. Extensions (the transformation preview) merge their own paths into it.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.openAPIDoc)
}

// mergeOpenAPI adds the paths and component schemas of ext (an OpenAPI fragment of the form {"paths": {...},
// "components": {"schemas": {...}}}) to doc. A path or schema defined in both is an error: extensions must not
// redefine Kafka's API.
func mergeOpenAPI(doc, ext []byte) ([]byte, error) {
	var base, add map[string]any
	if err := json.Unmarshal(doc, &base); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	if err := json.Unmarshal(ext, &add); err != nil {
		return nil, fmt.Errorf("openapi extension: %w", err)
	}
	if err := mergeSection(base, add, "paths"); err != nil {
		return nil, err
	}
	baseComp, _ := base["components"].(map[string]any)
	addComp, _ := add["components"].(map[string]any)
	if addComp != nil {
		if baseComp == nil {
			baseComp = map[string]any{}
			base["components"] = baseComp
		}
		if err := mergeSection(baseComp, addComp, "schemas"); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(base); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mergeSection(base, add map[string]any, key string) error {
	from, _ := add[key].(map[string]any)
	if len(from) == 0 {
		return nil
	}
	into, _ := base[key].(map[string]any)
	if into == nil {
		into = map[string]any{}
		base[key] = into
	}
	for k, v := range from {
		if _, dup := into[k]; dup {
			return fmt.Errorf("openapi extension redefines %s %q", key, k)
		}
		into[k] = v
	}
	return nil
}
