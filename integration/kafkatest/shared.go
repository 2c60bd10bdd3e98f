package kafkatest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
)

// The shared broker: one per test binary (that is, per test package), started on first use and stopped by
// Main after all tests ran.
var shared struct {
	mu      sync.Mutex
	inMain  bool // Main is running the tests, so someone will stop the broker
	broker  *Broker
	err     error // a failed start is not retried: every later test fails fast with the same error
	tmpDir  string
	started bool
}

// Main runs the package's tests and then stops the shared broker, if any test asked for one. Call it from
// TestMain:
//
//	func TestMain(m *testing.M) { kafkatest.Main(m) }
//
// It exits the process with the tests' exit code. When tests failed, it prints the end of the shared
// broker's log and keeps its directory for inspection.
func Main(m *testing.M) {
	os.Exit(Wrap(m).Run())
}

// Runner is what TestMain helpers such as goleak.VerifyTestMain accept: *testing.M, or a wrapper around it.
type Runner interface {
	Run() int
}

// Wrap returns m with Main's behaviour added to Run, for a TestMain that needs another wrapper too:
//
//	func TestMain(m *testing.M) { goleak.VerifyTestMain(kafkatest.Wrap(m)) }
func Wrap(m Runner) Runner { return wrapped{m} }

type wrapped struct{ m Runner }

func (w wrapped) Run() int {
	shared.mu.Lock()
	shared.inMain = true
	shared.mu.Unlock()
	code := w.m.Run()
	shared.mu.Lock()
	b, dir := shared.broker, shared.tmpDir
	shared.mu.Unlock()
	if b != nil {
		if code != 0 { // before stopping: the shutdown's own lines would say nothing about the failure
			fmt.Fprintf(os.Stderr, "kafkatest: last %d lines of the shared broker's log (%s, kept):\n%s\n",
				tailLines, b.logPath, tailFile(b.logPath, tailLines))
		}
		b.close()
	}
	if dir != "" && code == 0 {
		_ = os.RemoveAll(dir)
	}
	return code
}

// SharedBroker returns the package's shared broker, starting it on first use with the package defaults
// (auto topic creation off). Tests sharing it must not interfere: give every test its own topic names
// (t.Name() based) and consumer groups, and never Stop or Restart it — use StartBroker for that. It requires
// the package's TestMain to call Main (or Wrap), which stops the broker at the end. If t fails, the end of the broker
// log is printed.
func SharedBroker(t testing.TB) *Broker {
	t.Helper()
	b, err := sharedBroker()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logTailOnFailure(t, "shared broker "+b.bootstrap, b.logPath) })
	return b
}

func sharedBroker() (*Broker, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.inMain {
		return nil, errors.New("kafkatest: SharedBroker needs the package's TestMain to call kafkatest.Main(m), " +
			"which stops the broker after the tests; add: func TestMain(m *testing.M) { kafkatest.Main(m) }")
	}
	if shared.started {
		return shared.broker, shared.err
	}
	shared.started = true
	dir, err := os.MkdirTemp("", "kafkatest-shared-")
	if err != nil {
		shared.err = err
		return nil, err
	}
	shared.tmpDir = dir
	b, err := newBroker(dir, nil)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		err = b.start(ctx)
		cancel()
	}
	if err != nil {
		if b != nil {
			b.close()
		}
		shared.err = err
		return nil, err
	}
	shared.broker = b
	return b, nil
}
