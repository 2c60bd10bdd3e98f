//go:build integration

package all

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestPluginsAsKafkaListsThem: every built-in plugin of Apache Kafka's (org.apache.kafka.*) appears in Kafka
// 4.3.1's own GET /connector-plugins?connectorsOnly=false with the same class, type and version. Plugins of other
// origins (Confluent's Avro converter) are not on Kafka's worker to compare with.
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
	n := 0
	for _, p := range reg.List(false) {
		if !strings.HasPrefix(p.Class, "org.apache.kafka.") {
			continue
		}
		n++
		if !listed[p.Class+" "+p.Type+" "+p.Version] {
			t.Errorf("Kafka does not list %s %s %s", p.Class, p.Type, p.Version)
		}
	}
	t.Logf("Sluice lists %d of Kafka's %d plugin entries", n, len(java))
}
