// Package sluicetest runs the sluice binary for integration tests: it builds cmd/sluice once per test binary,
// starts it with the test's arguments, waits for its REST API and stops it with SIGTERM. It is plain Go with
// no build tag, like kafkatest, so that tests carrying the integration tag can import it.
package sluicetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var build struct {
	once sync.Once
	bin  string
	err  error
}

// Build compiles cmd/sluice, once per test binary, and returns its path. The binary goes to a directory
// named after the test's working directory (its package), so repeated runs overwrite one file instead of
// leaving a new one behind each time; it is written under a temporary name and renamed into place, so that
// two runs of the same package never see a half-written binary.
func Build(t testing.TB) string {
	t.Helper()
	build.once.Do(func() {
		wd, err := os.Getwd()
		if err != nil {
			build.err = err
			return
		}
		sum := sha256.Sum256([]byte(wd))
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("sluicetest-%d-%s", os.Getuid(), hex.EncodeToString(sum[:8])))
		if build.err = os.MkdirAll(dir, 0o755); build.err != nil {
			return
		}
		tmp, err := os.CreateTemp(dir, "sluice-*")
		if err != nil {
			build.err = err
			return
		}
		tmp.Close()
		out, err := exec.Command("go", "build", "-o", tmp.Name(), "github.com/sluice-connect/sluice/cmd/sluice").CombinedOutput()
		if err != nil {
			os.Remove(tmp.Name())
			build.err = fmt.Errorf("go build ./cmd/sluice: %v\n%s", err, out)
			return
		}
		build.bin = filepath.Join(dir, "sluice")
		build.err = os.Rename(tmp.Name(), build.bin)
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.bin
}

// FreeURL returns http://127.0.0.1:<port> for a port that was free a moment ago, for --listeners.
func FreeURL(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "http://" + ln.Addr().String()
}

// Process is one run of the binary. Its output is kept in memory and logged (the last logTail lines) when
// the test fails.
type Process struct {
	cmd    *exec.Cmd
	log    lockedBuffer
	exited chan struct{}
	err    error // the exit status, set before exited closes

	stopOnce sync.Once
	killed   bool // by Stop, after SIGTERM did not end it; read after stopOnce
}

// logTail bounds how much of a worker's log a failed test prints.
const logTail = 100

// stopTimeout is how long a worker gets to exit after SIGTERM before it is killed; Kafka's worker shutdown
// bound is a minute too.
const stopTimeout = time.Minute

// Start runs bin with args. The process dies with the test binary (Pdeathsig) and is stopped when the test
// ends if the test has not stopped it.
func Start(t testing.TB, bin string, args ...string) *Process {
	t.Helper()
	p := &Process{cmd: exec.Command(bin, args...), exited: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = &p.log, &p.log
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = p.Stop()
		if t.Failed() {
			t.Logf("sluice %s log (last %d lines):\n%s", strings.Join(args, " "), logTail, tail(p.Log(), logTail))
		}
	})
	return p
}

// WaitHTTP polls GET url until it answers 200, failing t if the process exits first or a minute passes.
func (p *Process) WaitHTTP(t testing.TB, url string) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(time.Minute)
	for {
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("sluice exited before GET %s answered: %v", url, p.err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s did not answer 200 within a minute", url)
		}
	}
}

// Stop sends SIGTERM and waits for the process to exit, killing it after stopTimeout. It returns the exit
// status, or an error saying it had to be killed; later calls return the same.
func (p *Process) Stop() error {
	p.stopOnce.Do(func() {
		select {
		case <-p.exited:
			return
		default:
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(stopTimeout):
			_ = p.cmd.Process.Kill()
			<-p.exited
			p.killed = true
		}
	})
	<-p.exited
	if p.killed {
		return fmt.Errorf("sluice did not exit within %v of SIGTERM and was killed", stopTimeout)
	}
	return p.err
}

// PID is the process id.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Log is everything the process has written to stdout and stderr so far.
func (p *Process) Log() string { return p.log.String() }

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Kill ends the process with SIGKILL, as a crash would: nothing is flushed and a Connect group notices only
// when the member's session expires. It waits for the process to be reaped; a later Stop returns at once.
func (p *Process) Kill() {
	p.stopOnce.Do(func() { _ = p.cmd.Process.Kill() })
	<-p.exited
}

// Exited is closed once the process has ended on its own or been stopped; ExitCode is then its status.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// ExitCode is the process's exit status once Exited is closed (-1 if a signal ended it), and -1 before.
func (p *Process) ExitCode() int {
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	default:
		return -1
	}
}
