package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
)

// TestErrorHandler is Kafka's RetryWithToleranceOperator: retriable errors retried within errors.retry.timeout,
// then errors.tolerance decides; only conversion and transformation stages are tolerable.
func TestErrorHandler(t *testing.T) {
	retriable := connect.Retriable(errors.New("busy"))
	bad := schemas.DataError("bad data")
	cases := []struct {
		name      string
		cfg       connconfig.Errors
		stage     connect.Stage
		failures  int // op fails this many times, then succeeds
		err       error
		wantSkip  bool
		wantFatal string
		retries   int64
	}{
		{"retried until success", connconfig.Errors{RetryTimeout: time.Minute, RetryDelayMax: time.Millisecond},
			connect.StageValueConverter, 3, retriable, false, "", 3},
		{"no retry timeout: no retry", connconfig.Errors{ToleranceAll: true}, connect.StageValueConverter, 1, retriable,
			true, "", 0},
		{"retries run out", connconfig.Errors{RetryTimeout: 20 * time.Millisecond, RetryDelayMax: time.Millisecond,
			ToleranceAll: true}, connect.StageTransformation, 1 << 30, retriable, true, "", -1},
		{"bad data tolerated", connconfig.Errors{ToleranceAll: true}, connect.StageKeyConverter, 1, bad, true, "", 0},
		{"bad data not tolerated", connconfig.Errors{}, connect.StageKeyConverter, 1, bad, false,
			"Tolerance exceeded in error handler: bad data", 0},
		{"put stage is never tolerated", connconfig.Errors{ToleranceAll: true}, connect.StageTaskPut, 1, bad, false,
			"bad data", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := metrics.New().Task("c", 0, metrics.Sink)
			h := &errorHandler{id: TaskID{"c", 0}, cfg: c.cfg, m: m, log: slog.New(slog.DiscardHandler)}
			calls := 0
			skip, fatal := h.execute(context.Background(), &failure{stage: c.stage, class: "X"}, func() error {
				calls++
				if calls <= c.failures {
					return c.err
				}
				return nil
			})
			if skip != c.wantSkip || (fatal == nil) != (c.wantFatal == "") || (fatal != nil && fatal.Error() != c.wantFatal) {
				t.Fatalf("skip=%v fatal=%v", skip, fatal)
			}
			if c.retries >= 0 && m.Retries.Load() != c.retries {
				t.Fatalf("%d retries, want %d", m.Retries.Load(), c.retries)
			}
			if c.retries < 0 && m.Retries.Load() == 0 {
				t.Fatal("never retried")
			}
		})
	}
}

// TestErrorLogMessage: Kafka's LogReporter text, with errors.log.include.messages.
func TestErrorLogMessage(t *testing.T) {
	h := &errorHandler{id: TaskID{"snk", 2}, cfg: connconfig.Errors{LogEnable: true, LogIncludeMessages: true}}
	f := failure{stage: connect.StageValueConverter, class: "org.apache.kafka.connect.json.JsonConverter",
		consumed: &kgo.Record{Topic: "in", Partition: 1, Offset: 7, Timestamp: time.UnixMilli(1700000000000)}}
	want := "Error encountered in task snk-2. Executing stage 'VALUE_CONVERTER' with class " +
		"'org.apache.kafka.connect.json.JsonConverter', where consumed record is {topic='in', partition=1, " +
		"offset=7, timestamp=1700000000000, timestampType=CreateTime}."
	if got := h.message(f); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	h.cfg.LogIncludeMessages = false
	if got := h.message(f); !strings.HasSuffix(got, "with class 'org.apache.kafka.connect.json.JsonConverter'.") {
		t.Fatal(got)
	}
	for err, class := range map[error]string{
		schemas.DataError("x"):                   "org.apache.kafka.connect.errors.DataException",
		connect.Retriable(errors.New("x")):       "org.apache.kafka.connect.errors.RetriableException",
		fmt.Errorf("wrapped: %w", &PanicError{}): "java.lang.RuntimeException",
		errors.New("x"):                          "org.apache.kafka.connect.errors.ConnectException",
	} {
		if got := exceptionClass(err); got != class {
			t.Errorf("%v: %s, want %s", err, got, class)
		}
	}
}
