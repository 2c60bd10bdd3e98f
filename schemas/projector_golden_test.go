package schemas_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
)

// Golden vectors from Kafka's own SchemaProjector (oracle ProjectorGolden; see testdata/README.md).
func TestGoldenProject(t *testing.T) {
	var g struct {
		Project []struct {
			Name   string            `json:"name"`
			Source json.RawMessage   `json:"source"`
			Value  json.RawMessage   `json:"value"`
			Target json.RawMessage   `json:"target"`
			Result json.RawMessage   `json:"result"`
			Error  *golden.JavaError `json:"error"`
		} `json:"project"`
	}
	golden.Load(t, "testdata/projector_golden.json", &g)
	if len(g.Project) < 100 {
		t.Fatalf("only %d cases", len(g.Project))
	}
	for _, c := range g.Project {
		src := golden.MustSchema(t, c.Source)
		tgt := golden.MustSchema(t, c.Target)
		v := golden.MustValue(t, c.Value)
		got, err := schemas.Project(src, v, tgt)
		if c.Error != nil {
			checkJavaError(t, c.Name, c.Error, err)
			if c.Error.Cause != "" && err != nil {
				var pe *schemas.ProjectorError
				if !errors.As(err, &pe) || pe.Cause == nil || pe.Cause.Error() != c.Error.Cause {
					t.Errorf("%s: want cause %q, got %#v", c.Name, c.Error.Cause, err)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		want := golden.MustValue(t, c.Result)
		if d := golden.Diff(want, got); d != "" {
			t.Errorf("%s: %s", c.Name, d)
		}
	}
}
