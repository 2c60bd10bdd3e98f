// Package benchworker holds what the worker benchmarks (bench/workerbench, bench/w1) share: the worker
// properties both workers get, starting a Sluice worker and finding the reference worker's JVM, the /proc
// measurements of a worker process, and following a growing sink file. It takes no kafkatest types, since only
// integration packages and tests may import integration; the benchmarks start the reference worker themselves
// and hand over its URL and log path.
package benchworker

import (
	"bufio"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Worker is one running worker under measurement.
type Worker struct {
	URL     string
	PID     int
	Startup time.Duration // exec → REST ready
	Stop    func()        // idempotent
}

// Props are the worker properties both workers get: the same converters, everything else Kafka's defaults.
// Both FileStreamSinks write each batch through to the file as put returns, so the file shows when the records
// arrived whatever the offset commit interval.
func Props(bootstrap string) map[string]string {
	return map[string]string{
		"bootstrap.servers": bootstrap,
		"key.converter":     "org.apache.kafka.connect.converters.ByteArrayConverter",
		"value.converter":   "org.apache.kafka.connect.converters.ByteArrayConverter",
	}
}

// Java describes a reference worker the benchmark started with kafkatest.StartConnectWorker (url, log path,
// stop). Its start-up is measured from the JVM's own start time to its "Kafka Connect started" log line, so
// that kafkatest's preparation (writing files, choosing ports) is not counted against it.
func Java(t testing.TB, url, logPath string, stop func()) *Worker {
	t.Helper()
	// kafkatest writes worker.properties next to the log and does not expose the JVM's pid.
	pid, err := FindJVM(filepath.Join(filepath.Dir(logPath), "worker.properties"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := ReadStat(pid)
	if err != nil {
		t.Fatal(err)
	}
	boot, err := bootTime()
	if err != nil {
		t.Fatal(err)
	}
	ready, err := logTime(logPath, "Kafka Connect started")
	if err != nil {
		t.Fatal(err)
	}
	// btime is whole seconds, so both ends are taken relative to boot: the JVM's start in clock ticks and
	// its ready line in wall-clock milliseconds.
	return &Worker{URL: url, PID: pid, Startup: ready.Sub(boot.Add(st.Start)), Stop: stop}
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

// StartSluice runs `sluice standalone` with Props and times exec → GET / answering 200, polled every
// millisecond. The worker is stopped (SIGTERM, then SIGKILL after a minute) at the end of the test if not before.
func StartSluice(t testing.TB, bin, bootstrap string) *Worker {
	t.Helper()
	props := Props(bootstrap)
	props["offset.storage.file.filename"] = filepath.Join(t.TempDir(), "connect.offsets")
	return StartSluiceMode(t, bin, "standalone", props)
}

// StartSluiceMode runs `sluice <mode> worker.properties` (mode "standalone" or "distributed") with props and
// a listener on a free loopback port, timed as StartSluice does; its output goes to sluice.log beside the
// properties file.
func StartSluiceMode(t testing.TB, bin, mode string, props map[string]string) *Worker {
	t.Helper()
	dir := t.TempDir()
	props = maps.Clone(props)
	props["listeners"] = fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
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
	cmd := exec.Command(bin, mode, filepath.Join(dir, "worker.properties"))
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
		case <-time.After(time.Minute):
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
	return &Worker{URL: url, PID: cmd.Process.Pid, Startup: time.Since(start), Stop: stop}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// BuildSluice compiles cmd/sluice once for the run, or returns $SLUICE_BIN when set.
func BuildSluice(t testing.TB) string {
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
