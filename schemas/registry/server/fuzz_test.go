package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/schemas/registry/store"
)

// FuzzRegister: any request body to register, look up or test compatibility gets an answer, never a panic,
// and never a 5xx.
func FuzzRegister(f *testing.F) {
	for _, seed := range []string{
		`{"schema":"\"string\""}`,
		`{"schema":"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}"}`,
		`{"schema":"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"n.X\"}]}","references":[{"name":"n.X","subject":"x","version":1}]}`,
		`{"schema":"[\"null\",\"R\"]"}`,
		`{"schema":"","schemaType":"JSON"}`,
		`{}`, `[]`, `nul`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		h := New(store.NewMemory(), Options{}).Handler()
		for _, path := range []string{"/subjects/s/versions", "/subjects/s", "/compatibility/subjects/s/versions/latest",
			"/subjects/s/versions"} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path, strings.NewReader(body)))
			if w.Code >= 500 {
				t.Fatalf("POST %s %q: %d %s", path, body, w.Code, w.Body)
			}
		}
	})
}
