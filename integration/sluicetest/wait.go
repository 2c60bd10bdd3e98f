package sluicetest

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// WaitFor polls cond every 20 ms until it holds, failing t after timeout.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Running reports whether GET <url>/connectors/<name>/status on a Connect worker (Sluice or Java) shows the
// connector and at least one task, all RUNNING.
func Running(url, name string) bool {
	resp, err := http.Get(url + "/connectors/" + name + "/status")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var st struct {
		Connector struct{ State string }
		Tasks     []struct{ State string }
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&st) != nil ||
		st.Connector.State != "RUNNING" || len(st.Tasks) == 0 {
		return false
	}
	for _, task := range st.Tasks {
		if task.State != "RUNNING" {
			return false
		}
	}
	return true
}
