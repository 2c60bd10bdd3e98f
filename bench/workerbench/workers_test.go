//go:build bench

package workerbench

import (
	"testing"

	"github.com/sluice-connect/sluice/bench/internal/benchworker"
	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// javaJVMFlags are connect-standalone.sh's: kafka-run-class.sh's performance options and
// KAFKA_HEAP_OPTS="-Xms256M -Xmx2G" (the later -Xms wins over the one KafkaScriptJVMFlags sets).
var javaJVMFlags = append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")

// startJava starts the reference worker with the same properties as Sluice's.
func startJava(t *testing.T, bootstrap string) *benchworker.Worker {
	t.Helper()
	w := kafkatest.StartConnectWorker(t, bootstrap, kafkatest.Standalone, benchworker.Props(bootstrap),
		kafkatest.WorkerJVMFlags(javaJVMFlags...))
	return benchworker.Java(t, w.URL(), w.LogPath(), w.Stop)
}
