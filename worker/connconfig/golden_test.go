package connconfig_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/worker/connconfig"
)

// goldenCase is one PUT /connector-plugins/{plugin}/config/validate request of testdata/cases.json.
type goldenCase struct {
	Name   string            `json:"name"`
	Plugin string            `json:"plugin"`
	Config map[string]string `json:"config"`
}

// goldenPlugin is one plugin of the reference worker with its GET /connector-plugins/{plugin}/config body.
type goldenPlugin struct {
	Class   string          `json:"class"`
	Type    string          `json:"type"`
	Version string          `json:"version"`
	Config  json.RawMessage `json:"config"`
}

func readCases(t *testing.T) []goldenCase {
	t.Helper()
	var cases []goldenCase
	golden.Load(t, filepath.Join("testdata", "cases.json"), &cases)
	return cases
}

// testRegistry builds a registry with every plugin of the reference worker (testdata/plugins.json): the same
// class names, kinds, versions and configuration keys. Definitions come from Kafka's REST rendering, which has
// no validators, so the few validators the cases exercise are added from knownValidators. The plugins cannot
// run: their constructors return nothing, which validation never needs.
func testRegistry(t testing.TB) *plugin.Registry {
	t.Helper()
	var reference []goldenPlugin
	golden.Load(t, filepath.Join("testdata", "plugins.json"), &reference)
	byClass := map[string]*plugin.Plugin{}
	var order []string
	for _, g := range reference {
		p := byClass[g.Class]
		if p == nil {
			p = &plugin.Plugin{Class: g.Class, Version: g.Version,
				Config: defFromKeyInfos(t, g.Class, g.Config, g.Type == "source" || g.Type == "sink")}
			byClass[g.Class] = p
			order = append(order, g.Class)
		}
		switch g.Type {
		case "source":
			p.NewSource = func() connect.SourceConnector { return nil }
		case "sink":
			p.NewSink = func() connect.SinkConnector { return nil }
		case "converter":
			p.NewConverter = func(map[string]string, bool) (connect.Converter, error) { return nil, nil }
		case "header_converter":
			p.NewHeaderConverter = func(map[string]string) (connect.HeaderConverter, error) { return nil, nil }
		case "transformation":
			p.NewTransformation = func(map[string]string) (connect.Transformation, error) { return nil, nil }
		case "predicate":
			p.NewPredicate = func(map[string]string) (connect.Predicate, error) { return nil, nil }
		}
	}
	plugins := make([]plugin.Plugin, 0, len(order))
	for _, c := range order {
		plugins = append(plugins, *byClass[c])
	}
	reg, err := plugin.New(plugins...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// knownValidators are the validators of Kafka's plugins that the golden cases exercise.
var knownValidators = map[string]config.Validator{
	"org.apache.kafka.connect.file.FileStreamSourceConnector topic":           config.NonEmptyString{},
	"org.apache.kafka.connect.transforms.predicates.TopicNameMatches pattern": config.NonEmptyString{},
}

var (
	testTypes = map[string]config.Type{"BOOLEAN": config.TypeBoolean, "STRING": config.TypeString,
		"INT": config.TypeInt, "SHORT": config.TypeShort, "LONG": config.TypeLong, "DOUBLE": config.TypeDouble,
		"LIST": config.TypeList, "CLASS": config.TypeClass, "PASSWORD": config.TypePassword}
	testImportances = map[string]config.Importance{"HIGH": config.ImportanceHigh,
		"MEDIUM": config.ImportanceMedium, "LOW": config.ImportanceLow}
	testWidths = map[string]config.Width{"NONE": config.WidthNone, "SHORT": config.WidthShort,
		"MEDIUM": config.WidthMedium, "LONG": config.WidthLong}
)

// defFromKeyInfos builds a Def from a GET /connector-plugins/{plugin}/config body. A connector's body lists the
// framework's keys after its own, from "name" on; those are not the connector's.
func defFromKeyInfos(t testing.TB, class string, raw json.RawMessage, connector bool) *config.Def {
	t.Helper()
	var infos []config.KeyInfo
	if err := json.Unmarshal(raw, &infos); err != nil {
		t.Fatalf("%s: %v", class, err)
	}
	def := config.NewDef()
	for _, ki := range infos {
		if connector && ki.Name == connconfig.KeyName {
			break
		}
		k := config.Key{Name: ki.Name, Type: testTypes[ki.Type], Importance: testImportances[ki.Importance],
			OrderInGroup: ki.OrderInGroup, Width: testWidths[ki.Width], Dependents: ki.Dependents,
			Validator: knownValidators[class+" "+ki.Name]}
		switch {
		case ki.Required:
			k.Default = config.NoDefault
		case ki.DefaultValue == nil:
			k.Default = nil
		default:
			k.Default = *ki.DefaultValue
		}
		if ki.Documentation != nil {
			k.Doc = *ki.Documentation
		}
		if ki.Group != nil {
			k.Group = *ki.Group
		}
		if ki.DisplayName != nil {
			k.DisplayName = *ki.DisplayName
		}
		def.Define(k)
	}
	return def
}

// goldenWorker is the reference worker's configuration as kafkatest starts it.
var goldenWorker = connconfig.Worker{
	KeyConverter:         "org.apache.kafka.connect.json.JsonConverter",
	ValueConverter:       "org.apache.kafka.connect.json.JsonConverter",
	HeaderConverter:      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
	ClientOverridePolicy: "All",
	TopicCreationEnable:  true,
}

// knownDifferences are the places where Sluice deliberately answers differently, by case and value name.
var knownDifferences = map[string]string{
	// Go's regexp (RE2) is not Java's java.util.regex: its syntax errors read differently.
	"sink-bad-regex topics.regex": "regex engine",
}

func TestValidateMatchesJavaWorker(t *testing.T) {
	reg := testRegistry(t)
	for _, c := range readCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "validate", c.Name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			infos, err := connconfig.Validate(t.Context(), reg, c.Config, connconfig.WithWorker(goldenWorker))
			if err != nil {
				t.Fatal(err)
			}
			got, err := infos.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			compareInfos(t, c.Name, got, want)
		})
	}
}

// compareInfos compares two ConfigInfos bodies entry by entry, so that a failure names the key that differs.
func compareInfos(t *testing.T, name string, got, want []byte) {
	t.Helper()
	var g, w config.Infos
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if g.Name != w.Name || !slices.Equal(g.Groups, w.Groups) {
		t.Errorf("header: got %q %v, want %q %v", g.Name, g.Groups, w.Name, w.Groups)
	}
	n := max(len(g.Configs), len(w.Configs))
	diffs, known := 0, 0
	for i := 0; i < n; i++ {
		var gc, wc []byte
		var key string
		if i < len(g.Configs) {
			gc, _ = json.Marshal(g.Configs[i])
		}
		if i < len(w.Configs) {
			wc, _ = json.Marshal(w.Configs[i])
			if v := w.Configs[i].Value; v != nil {
				key = v.Name
			} else if d := w.Configs[i].Definition; d != nil {
				key = d.Name
			}
		}
		if string(gc) == string(wc) {
			continue
		}
		if _, ok := knownDifferences[name+" "+key]; ok {
			known++
			continue
		}
		diffs++
		t.Errorf("config %d (%s):\n got  %s\n want %s", i, key, gc, wc)
	}
	if diffs == 0 && g.ErrorCount != w.ErrorCount {
		t.Errorf("error_count: got %d, want %d", g.ErrorCount, w.ErrorCount)
	}
	if diffs == 0 && known == 0 && string(got) != string(want) {
		t.Errorf("bytes differ:\n got  %s\n want %s", got, want)
	}
}

// TestPluginConfigMatchesJavaWorker compares GET /connector-plugins/{plugin}/config with the reference worker's
// for every plugin of testdata/plugins.json.
func TestPluginConfigMatchesJavaWorker(t *testing.T) {
	reg := testRegistry(t)
	b, err := os.ReadFile(filepath.Join("testdata", "plugins.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden []goldenPlugin
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	for _, g := range golden {
		if strings.HasPrefix(g.Class, "org.apache.kafka.connect.mirror.") {
			// Kafka shows no default connector.plugin.version for the MirrorMaker connectors, whose version its
			// plugin scanner does not index by class; Sluice has no MirrorMaker connectors yet.
			continue
		}
		infos, err := connconfig.PluginConfig(reg, g.Class, nil)
		if err != nil {
			t.Fatalf("%s: %v", g.Class, err)
		}
		got, _ := infos.MarshalJSON()
		var want bytes.Buffer
		if err := json.Compact(&want, g.Config); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("%s:\n got  %s\n want %s", g.Class, got, want.String())
		}
	}
	if _, err := connconfig.PluginConfig(reg, "Nope", nil); !errors.Is(err, connconfig.ErrUnknownPlugin) {
		t.Errorf("unknown plugin: %v", err)
	}
	v := "9.9"
	_, err = connconfig.PluginConfig(reg, "FileStreamSource", &v)
	if err == nil || err.Error() != "Plugin org.apache.kafka.connect.file.FileStreamSourceConnector not found that "+
		"matches the version range [9.9,9.9], available versions: [4.3.1]" {
		t.Errorf("version mismatch: %v", err)
	}
}
