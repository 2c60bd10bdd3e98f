//go:build bench

package workerbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// worker is one running worker under measurement.
type worker struct {
	url     string
	pid     int
	startup time.Duration // exec → REST ready
	stop    func()
}

// workerProps are the worker properties both workers get: the same converters, everything else Kafka's
// defaults. Both FileStreamSinks write each batch through to the file as put returns, so the file shows when
// the records arrived whatever the offset commit interval.
func workerProps(bootstrap string) map[string]string {
	return map[string]string{
		"bootstrap.servers": bootstrap,
		"key.converter":     "org.apache.kafka.connect.converters.ByteArrayConverter",
		"value.converter":   "org.apache.kafka.connect.converters.ByteArrayConverter",
	}
}

// javaJVMFlags are connect-standalone.sh's: kafka-run-class.sh's performance options and
// KAFKA_HEAP_OPTS="-Xms256M -Xmx2G" (the later -Xms wins over the one KafkaScriptJVMFlags sets).
var javaJVMFlags = append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")

// startJava starts the reference worker and measures its start-up from the JVM's own start time, so that
// kafkatest's preparation (writing files, choosing ports) is not counted against it.
func startJava(t *testing.T, bootstrap string) *worker {
	t.Helper()
	w := kafkatest.StartConnectWorker(t, bootstrap, kafkatest.Standalone, workerProps(bootstrap),
		kafkatest.WorkerJVMFlags(javaJVMFlags...))
	pid, err := findJVM(filepath.Join(filepath.Dir(w.LogPath()), "worker.properties"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := readStat(pid)
	if err != nil {
		t.Fatal(err)
	}
	boot, err := bootTime()
	if err != nil {
		t.Fatal(err)
	}
	ready, err := logTime(w.LogPath(), "Kafka Connect started")
	if err != nil {
		t.Fatal(err)
	}
	// btime is whole seconds, so both ends are taken relative to boot: the JVM's start in clock ticks and
	// its ready line in wall-clock milliseconds.
	return &worker{url: w.URL(), pid: pid, startup: ready.Sub(boot.Add(st.start)), stop: w.Stop}
}

// logTime returns the timestamp of the first log4j line containing text ("[2026-01-02 15:04:05,123] INFO ...").
func logTime(path, text string) (time.Time, error) {
	f, err := os.Open(path)
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "[") && strings.Contains(line, text) && len(line) > 24 {
			return time.ParseInLocation("2006-01-02 15:04:05,000", line[1:24], time.Local)
		}
	}
	return time.Time{}, fmt.Errorf("%s: no line with %q", path, text)
}

// startSluice runs `sluice standalone` with the same worker properties and times exec → GET / answering 200.
func startSluice(t *testing.T, bin, bootstrap string) *worker {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	props := workerProps(bootstrap)
	props["listeners"] = fmt.Sprintf("http://127.0.0.1:%d", port)
	props["offset.storage.file.filename"] = filepath.Join(dir, "connect.offsets")
	// The values are URLs, paths and class names, which need no .properties escaping.
	var text strings.Builder
	for k, v := range props {
		fmt.Fprintf(&text, "%s=%s\n", k, v)
	}
	if err := os.WriteFile(filepath.Join(dir, "worker.properties"), []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "sluice.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logf.Close() })
	cmd := exec.Command(bin, "standalone", filepath.Join(dir, "worker.properties"))
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	url := props["listeners"]
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		if cmd.ProcessState != nil {
			return
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(60 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	t.Cleanup(stop)
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(url + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("sluice exited before its REST API answered: %v (log: %s)", err, logf.Name())
		case <-time.After(time.Millisecond):
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("sluice's REST API did not answer within a minute (log: %s)", logf.Name())
		}
	}
	return &worker{url: url, pid: cmd.Process.Pid, startup: time.Since(start), stop: stop}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// buildSluice compiles cmd/sluice once for the run.
func buildSluice(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("SLUICE_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "sluice")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/sluice-connect/sluice/cmd/sluice")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/sluice: %v\n%s", err, out)
	}
	return bin
}

// progress is when a growing sink file reached each milestone.
type progress struct {
	first, p99, last time.Time // the first line, 99% of the lines, every line
	bytes            int64
}

// countLines follows a growing file until it holds n newlines, or fails when ctx ends first.
func countLines(ctx context.Context, path string, n int) (progress, error) {
	var p progress
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	buf := make([]byte, 1<<20)
	lines, p99 := 0, n*99/100
	for {
		if f == nil {
			var err error
			if f, err = os.Open(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return p, err
			}
		}
		for f != nil {
			k, err := f.Read(buf)
			p.bytes += int64(k)
			for _, c := range buf[:k] {
				if c == '\n' {
					lines++
				}
			}
			now := time.Now()
			if lines > 0 && p.first.IsZero() {
				p.first = now
			}
			if lines >= p99 && p.p99.IsZero() {
				p.p99 = now
			}
			if lines >= n {
				p.last = now
				return p, nil
			}
			if k == 0 || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return p, fmt.Errorf("%s holds %d of %d lines: %w", path, lines, n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
