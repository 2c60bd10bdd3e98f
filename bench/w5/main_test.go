package w5

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// One TestMain for the unit tests and TestW5 (bench tag): kafkatest.Wrap stops any shared broker, goleak
// checks that the load goroutines and the workers' watchers ended.
func TestMain(m *testing.M) { goleak.VerifyTestMain(kafkatest.Wrap(m)) }
