package registry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sluice-connect/sluice/connect"
)

// fakeRegistry answers a handful of fixed requests, counting them; the real server is tested in server/.
func fakeRegistry(t *testing.T, wantAuth string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if r.Header.Get("Authorization") != wantAuth {
			w.WriteHeader(401)
			io.WriteString(w, `{"error_code":401,"message":"Unauthorized"}`)
			return
		}
		switch {
		case r.Method == "POST" && r.URL.Path == "/subjects/t-value/versions":
			io.WriteString(w, `{"id":7}`)
		case r.Method == "GET" && r.URL.Path == "/schemas/ids/7":
			io.WriteString(w, `{"schema":"\"string\""}`)
		case r.Method == "GET" && r.URL.Path == "/subjects/t-value/versions/latest":
			io.WriteString(w, `{"subject":"t-value","version":2,"id":7,"schema":"\"string\""}`)
		case r.Method == "POST" && r.URL.Path == "/subjects/t-value":
			io.WriteString(w, `{"subject":"t-value","version":2,"id":7,"schema":"\"string\""}`)
		case r.URL.Path == "/schemas/ids/500":
			w.WriteHeader(500)
			io.WriteString(w, `{"error_code":50001,"message":"Error in the backend data store"}`)
		default:
			w.WriteHeader(404)
			io.WriteString(w, `{"error_code":40403,"message":"Schema 9 not found"}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestHTTPClientCachesAndAuthenticates(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts HTTPOptions
		auth string
	}{
		{"none", HTTPOptions{}, ""},
		{"basic", HTTPOptions{BasicAuthUserInfo: "u:p"}, "Basic dTpw"},
		{"bearer", HTTPOptions{BearerToken: "tok"}, "Bearer tok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := fakeRegistry(t, tc.auth)
			c, err := NewHTTPClient([]string{srv.URL}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			ctx := t.Context()
			s := Schema{Schema: `"string"`}
			for range 3 {
				if id, err := c.Register(ctx, "t-value", s, false); err != nil || id != 7 {
					t.Fatalf("Register = %d, %v", id, err)
				}
				if got, err := c.SchemaByID(ctx, 7); err != nil || got.Schema != `"string"` {
					t.Fatalf("SchemaByID = %+v, %v", got, err)
				}
				if sv, err := c.Latest(ctx, "t-value"); err != nil || sv.Version != 2 || sv.ID != 7 {
					t.Fatalf("Latest = %+v, %v", sv, err)
				}
				if sv, err := c.LookUp(ctx, "t-value", s); err != nil || sv.Version != 2 {
					t.Fatalf("LookUp = %+v, %v", sv, err)
				}
			}
			// Register also fills the id cache, so SchemaByID(7) never asks.
			if got := n.Load(); got != 3 {
				t.Fatalf("%d requests reached the registry, want 3 (one per kind, then cached)", got)
			}
		})
	}
}

func TestHTTPClientErrors(t *testing.T) {
	srv, _ := fakeRegistry(t, "")
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	ctx := t.Context()

	c, _ := NewHTTPClient([]string{srv.URL}, HTTPOptions{})
	_, err := c.SchemaByID(ctx, 9)
	var re *Error
	if !errors.As(err, &re) || re.Code != CodeSchemaNotFound || re.HTTPStatus != 404 || connect.IsRetriable(err) {
		t.Fatalf("unknown id: %v (%#v)", err, re)
	}
	if _, err := c.SchemaByID(ctx, 500); !connect.IsRetriable(err) || !errors.As(err, &re) || re.Code != CodeStoreError {
		t.Fatalf("5xx: %v, want retriable *Error 50001", err)
	}

	only, _ := NewHTTPClient([]string{downURL}, HTTPOptions{})
	if _, err := only.SchemaByID(ctx, 7); !connect.IsRetriable(err) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("unreachable: %v, want retriable", err)
	}
	// A dead URL passes the request on to the next, whichever the round robin starts from.
	both, _ := NewHTTPClient([]string{downURL, srv.URL}, HTTPOptions{})
	for id := range 2 {
		both.mu.Lock()
		clear(both.byID)
		both.mu.Unlock()
		if _, err := both.SchemaByID(ctx, 7); err != nil {
			t.Fatalf("request %d with one URL down: %v", id, err)
		}
	}
	ctxDone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := only.Latest(ctxDone, "x"); err == nil {
		t.Fatal("cancelled context: no error")
	}
}

func TestNewHTTPClientRejectsBadOptions(t *testing.T) {
	for _, tc := range []struct {
		urls []string
		opts HTTPOptions
	}{
		{nil, HTTPOptions{}},
		{[]string{"localhost:8081"}, HTTPOptions{}},
		{[]string{"http://a:1"}, HTTPOptions{BasicAuthUserInfo: "u:p", BearerToken: "t"}},
	} {
		if _, err := NewHTTPClient(tc.urls, tc.opts); err == nil {
			t.Errorf("NewHTTPClient(%q, %+v): no error", tc.urls, tc.opts)
		}
	}
}

// BenchmarkCachedLookups: after the first record of a schema, the converter's look-ups are answered from the
// client's caches — no request, no allocation.
func BenchmarkCachedLookups(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/subjects/t-value/versions":
			io.WriteString(w, `{"id":7}`)
		default:
			io.WriteString(w, `{"subject":"t-value","version":1,"id":7,"schema":"\"string\""}`)
		}
	}))
	defer srv.Close()
	c, _ := NewHTTPClient([]string{srv.URL}, HTTPOptions{})
	ctx := b.Context()
	s := Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`}
	if _, err := c.Register(ctx, "t-value", s, false); err != nil {
		b.Fatal(err)
	}
	b.Run("Register", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.Register(ctx, "t-value", s, false)
		}
	})
	b.Run("SchemaByID", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.SchemaByID(ctx, 7)
		}
	})
}
