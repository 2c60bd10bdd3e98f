//go:build integration

package all

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestPluginsAsKafkaListsThem: every built-in plugin appears in Kafka 4.3.1's own GET
// /connector-plugins?connectorsOnly=false with the same class, type and version.
func TestPluginsAsKafkaListsThem(t *testing.T) {
	b := kafkatest.StartBroker(t)
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	resp, err := http.Get(w.URL() + "/connector-plugins?connectorsOnly=false")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var java []struct{ Class, Type, Version string }
	if err := json.NewDecoder(resp.Body).Decode(&java); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, p := range java {
		listed[p.Class+" "+p.Type+" "+p.Version] = true
	}
	reg, err := Registry()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range reg.List(false) {
		if !listed[p.Class+" "+p.Type+" "+p.Version] {
			t.Errorf("Kafka does not list %s %s %s", p.Class, p.Type, p.Version)
		}
	}
	t.Logf("Sluice lists %d of Kafka's %d plugin entries", len(reg.List(false)), len(java))
}
