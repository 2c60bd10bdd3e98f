package kafkatest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// stopTimeout bounds a graceful JVM shutdown before SIGKILL. A single-node broker's controlled shutdown and a
// worker's task stop take a few seconds; anything beyond this is a hang we should not wait for.
const stopTimeout = 20 * time.Second

// tailLines is how much of a service log is printed when a test fails.
const tailLines = 50

// jvm is one running Java process whose stdout and stderr go to a log file.
type jvm struct {
	name    string // for messages: "broker 127.0.0.1:1234"
	logPath string
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited and been reaped
	waitErr error         // set before done is closed
	killed  atomic.Bool   // SIGKILL was sent: a class-data recording may be incomplete

	stopOnce sync.Once
}

// startJVM runs java with args, appending its output to logPath. recording is the class-data archive the JVM
// records at exit, if any (from jvmArgs); it is put in place once the JVM exited gracefully.
func startJVM(name, logPath string, args []string, recording string) (*jvm, error) {
	env, err := javaEnv()
	if err != nil {
		return nil, err
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(env.java, args...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Env = javaProcessEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// If the test binary dies (panic, go test -timeout), the kernel kills the JVM too, so no broker outlives
		// its test holding ports and CPU.
		Pdeathsig: syscall.SIGKILL,
	}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("kafkatest: start %s: %w", name, err)
	}
	p := &jvm{name: name, logPath: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		logFile.Close()
		cdsCommit(recording, !p.killed.Load())
		close(p.done)
	}()
	return p, nil
}

// javaProcessEnv is the environment for the JVMs: ours, minus variables through which a user's shell setup would
// change heap, logging or classpath behind the test's back.
func javaProcessEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH", "KAFKA_OPTS",
			"KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// exited reports whether the process has ended.
func (p *jvm) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends SIGTERM and waits up to stopTimeout before SIGKILL; it always waits for the process to be reaped.
// It is idempotent and safe to call concurrently.
func (p *jvm) stop() {
	p.stopOnce.Do(func() {
		if p.exited() {
			return
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(stopTimeout):
			p.killed.Store(true)
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
}

// kill ends the process with SIGKILL, as a crash would, and waits for it.
func (p *jvm) kill() {
	p.stopOnce.Do(func() {
		p.killed.Store(true)
		_ = p.cmd.Process.Kill()
		<-p.done
	})
}

// exitError describes why the process ended early, with the end of its log.
func (p *jvm) exitError() error {
	return fmt.Errorf("kafkatest: %s exited during start-up (%v); log %s ends with:\n%s",
		p.name, p.waitErr, p.logPath, tailFile(p.logPath, tailLines))
}

// waitReady polls ready every interval until it returns nil, the process exits, or ctx ends.
func (p *jvm) waitReady(ctx context.Context, interval time.Duration, ready func(context.Context) error) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	var last error
	for {
		if last = ready(ctx); last == nil {
			return nil
		}
		select {
		case <-p.done:
			return p.exitError()
		case <-ctx.Done():
			return fmt.Errorf("kafkatest: %s not ready: %w (last check: %v); log %s ends with:\n%s",
				p.name, context.Cause(ctx), last, p.logPath, tailFile(p.logPath, tailLines))
		case <-t.C:
		}
	}
}

// logTailOnFailure prints the end of a service log when t failed, so a failing CI run shows what the service
// said without anyone fetching files.
func logTailOnFailure(t testing.TB, name, logPath string) {
	if t.Failed() {
		t.Logf("kafkatest: last %d lines of %s log (%s):\n%s", tailLines, name, logPath, tailFile(logPath, tailLines))
	}
}

// tailFile returns the last n lines of a file, or a note saying why it cannot.
func tailFile(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	defer f.Close()
	// Logs are small enough (a few MB at most) to scan; keep only a ring of the last n lines.
	ring := make([]string, 0, n)
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			if len(ring) == n {
				ring = append(ring[:0], ring[1:]...)
			}
			ring = append(ring, strings.TrimRight(line, "\n"))
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				ring = append(ring, "(read error: "+err.Error()+")")
			}
			break
		}
	}
	return strings.Join(ring, "\n")
}
