package w5

import (
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// summary describes one case's latencies.
type summary struct {
	n                   int
	p50, p99, mean, max time.Duration
	codes               map[int]int // HTTP status → count
}

// summarize computes the nearest-rank percentiles (the smallest value with at least p% of the samples at or
// below it), the mean and the maximum; lat is sorted in place.
func summarize(lat []time.Duration, codes map[int]int) summary {
	s := summary{n: len(lat), codes: codes}
	if len(lat) == 0 {
		return s
	}
	slices.Sort(lat)
	rank := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return lat[max(i, 0)]
	}
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	s.p50, s.p99, s.mean, s.max = rank(0.50), rank(0.99), sum/time.Duration(len(lat)), lat[len(lat)-1]
	return s
}

// codesText renders status counts as "200×2000" (ascending status).
func codesText(codes map[int]int) string {
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		parts = append(parts, fmt.Sprintf("%d×%d", c, codes[c]))
	}
	return strings.Join(parts, " ")
}

// load sends n requests from conc goroutines in a closed loop (each sends its next request when the previous
// one's body has been read) and returns every request's latency and the status codes. newReq builds request i;
// a transport error ends the run with that error. Each goroutine writes only its own indexes of the latency
// slice and its own code counts, so nothing is locked while requests are in flight.
func load(ctx context.Context, client *http.Client, n, conc int,
	newReq func(ctx context.Context, i int) (*http.Request, error)) ([]time.Duration, map[int]int, error) {
	lat := make([]time.Duration, n)
	codes := make([]map[int]int, conc)
	errs := make([]error, conc)
	var next atomic.Int64
	var wg sync.WaitGroup
	for g := range conc {
		codes[g] = map[int]int{}
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				req, err := newReq(ctx, i)
				if err != nil {
					errs[g] = err
					return
				}
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs[g] = err
					return
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(start)
				if err != nil {
					errs[g] = err
					return
				}
				codes[g][resp.StatusCode]++
			}
		})
	}
	wg.Wait()
	total := map[int]int{}
	for _, c := range codes {
		for code, k := range c {
			total[code] += k
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return lat, total, nil
}
