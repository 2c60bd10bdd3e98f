//go:build integration

package restdiff

import (
	"os"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestHoldOracle keeps a broker and a reference standalone worker running while the file named by
// SLUICE_RESTDIFF_HOLD exists, writing the worker URL into it: a way to explore Kafka's REST behaviour by hand.
func TestHoldOracle(t *testing.T) {
	path := os.Getenv("SLUICE_RESTDIFF_HOLD")
	if path == "" {
		t.Skip("SLUICE_RESTDIFF_HOLD not set")
	}
	b := kafkatest.StartBroker(t)
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	if err := os.WriteFile(path, []byte(w.URL()+"\n"+b.Bootstrap()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(path); err != nil {
			return
		}
		time.Sleep(time.Second)
	}
}
