package w5

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		d := make([]time.Duration, len(v))
		for i, x := range v {
			d[i] = time.Duration(x) * time.Millisecond
		}
		return d
	}
	tests := []struct {
		name                string
		lat                 []time.Duration
		p50, p99, mean, max time.Duration
	}{
		{"empty", nil, 0, 0, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond, 7 * time.Millisecond},
		// Nearest rank: p50 of 4 is the 2nd value, p99 the 4th.
		{"unsorted four", ms(4, 1, 3, 2), 2 * time.Millisecond, 4 * time.Millisecond, 2500 * time.Microsecond,
			4 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := summarize(tt.lat, nil)
			if s.n != len(tt.lat) || s.p50 != tt.p50 || s.p99 != tt.p99 || s.mean != tt.mean || s.max != tt.max {
				t.Errorf("summarize = %+v, want p50 %v p99 %v mean %v max %v", s, tt.p50, tt.p99, tt.mean, tt.max)
			}
		})
	}
	// p99 of 1..100 ms is 99 ms, p50 is 50 ms.
	var hundred []int
	for i := 100; i >= 1; i-- {
		hundred = append(hundred, i)
	}
	if s := summarize(ms(hundred...), nil); s.p50 != 50*time.Millisecond || s.p99 != 99*time.Millisecond {
		t.Errorf("1..100 ms: p50 %v p99 %v, want 50ms 99ms", s.p50, s.p99)
	}
}

func TestLoad(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
		_, _ = w.Write([]byte("{}"))
	}))
	defer srv.Close()
	client := srv.Client()
	defer client.CloseIdleConnections()
	lat, codes, err := load(t.Context(), client, 100, 4, func(ctx context.Context, i int) (*http.Request, error) {
		path := "/"
		if i%10 == 0 {
			path = "/missing"
		}
		return http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lat) != 100 || served.Load() != 100 || codes[200] != 90 || codes[404] != 10 {
		t.Fatalf("%d latencies, %d served, codes %v; want 100, 100, 200×90 404×10", len(lat), served.Load(), codes)
	}
	for i, d := range lat {
		if d <= 0 {
			t.Fatalf("request %d has no latency", i)
		}
	}
	if got := codesText(codes); got != "200×90 404×10" {
		t.Errorf("codesText = %q", got)
	}
}

func TestLoadStopsOnTransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens any more: every request fails to connect
	_, _, err := load(t.Context(), http.DefaultClient, 10, 2, func(ctx context.Context, _ int) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	})
	if err == nil {
		t.Fatal("load succeeded against a closed server")
	}
}
