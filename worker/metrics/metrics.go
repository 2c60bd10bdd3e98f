package metrics

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Kind says which task group a task belongs to.
type Kind int

// The task kinds.
const (
	Source Kind = iota
	Sink
)

// Registry holds the metrics of one worker. It is safe for concurrent use.
type Registry struct {
	Worker Worker

	mu         sync.Mutex
	connectors map[string]*Connector
	tasks      map[taskKey]*Task
}

type taskKey struct {
	connector string
	task      int
}

// New returns an empty Registry.
func New() *Registry {
	return &Registry{connectors: map[string]*Connector{}, tasks: map[taskKey]*Task{}}
}

// Worker is connect-worker-metrics' counters.
type Worker struct {
	ConnectorStartupAttempts, ConnectorStartupSuccess, ConnectorStartupFailure atomic.Int64
	TaskStartupAttempts, TaskStartupSuccess, TaskStartupFailure                atomic.Int64
}

// Connector is connector-metrics for one connector.
type Connector struct {
	name, class, typ, version string
	status                    atomic.Pointer[string]
}

// SetStatus records the connector's state ("running", "paused", ... in Kafka's lower case).
func (c *Connector) SetStatus(s string) { c.status.Store(&s) }

// Connector registers (or replaces) a connector's metrics.
func (r *Registry) Connector(name, class, typ, version string) *Connector {
	c := &Connector{name: name, class: class, typ: typ, version: version}
	c.SetStatus("unassigned")
	r.mu.Lock()
	r.connectors[name] = c
	r.mu.Unlock()
	return c
}

// RemoveConnector drops a connector's metrics.
func (r *Registry) RemoveConnector(name string) {
	r.mu.Lock()
	delete(r.connectors, name)
	r.mu.Unlock()
}

// Summary accumulates observations: count, sum and max, for Kafka's *-avg / *-max metrics.
type Summary struct {
	count, sum, max atomic.Int64
}

// Observe records one value.
func (s *Summary) Observe(v int64) {
	s.count.Add(1)
	s.sum.Add(v)
	for {
		m := s.max.Load()
		if v <= m || s.max.CompareAndSwap(m, v) {
			return
		}
	}
}

// Count returns the number of observations.
func (s *Summary) Count() int64 { return s.count.Load() }

// ObserveDuration records a duration (in nanoseconds).
func (s *Summary) ObserveDuration(d time.Duration) { s.Observe(int64(d)) }

// avgMax returns the average and maximum divided by scale; NaN before the first observation, as Kafka.
func (s *Summary) avgMax(scale float64) (avg, max float64) {
	n := s.count.Load()
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	return float64(s.sum.Load()) / float64(n) / scale, float64(s.max.Load()) / scale
}

// Task is the metrics of one task: connector-task-metrics, the source- or sink-task-metrics of its kind and
// task-error-metrics. Each task's runner is the only writer of most fields; scrapes read them atomically.
type Task struct {
	connector string
	task      int
	kind      Kind
	status    atomic.Pointer[string]

	// times holds how long the task has been running and paused, for running-ratio and pause-ratio. It changes
	// only with the task's state, never per record.
	timesMu sync.Mutex
	times   stateTimes

	// connector-task-metrics
	BatchSize                                Summary // records per batch
	OffsetCommit                             Summary // nanoseconds
	OffsetCommitSuccess, OffsetCommitFailure atomic.Int64

	// source-task-metrics
	SourceRecordPoll, SourceRecordWrite, SourceRecordActive atomic.Int64
	PollBatch                                               Summary

	// sink-task-metrics
	SinkRecordRead, SinkRecordSend, SinkRecordActive atomic.Int64
	PartitionCount                                   atomic.Int64
	OffsetCommitCompletion, OffsetCommitSkip         atomic.Int64
	OffsetCommitSeqNo                                atomic.Int64
	PutBatch                                         Summary

	// task-error-metrics
	RecordErrors, RecordFailures, RecordsSkipped, Retries, ErrorsLogged atomic.Int64
	DLQProduceRequests, DLQProduceFailures                              atomic.Int64
	LastErrorTimestamp                                                  atomic.Int64
}

// SetStatus records the task's state in Kafka's lower case ("running", "failed", ...).
func (t *Task) SetStatus(s string) {
	t.status.Store(&s)
	t.timesMu.Lock()
	t.times.enter(s, time.Now())
	t.timesMu.Unlock()
}

// stateTimes accumulates the time spent running and paused since the task was registered.
type stateTimes struct {
	start, since    time.Time
	state           string
	running, paused time.Duration
}

func (st *stateTimes) enter(s string, now time.Time) {
	if st.start.IsZero() {
		st.start = now
	}
	st.add(now)
	st.state, st.since = s, now
}

func (st *stateTimes) add(now time.Time) {
	switch st.state {
	case "running":
		st.running += now.Sub(st.since)
	case "paused":
		st.paused += now.Sub(st.since)
	}
	st.since = now
}

// ratios returns the fractions of the task's life spent running and paused, as Kafka's running-ratio and
// pause-ratio.
func (t *Task) ratios(now time.Time) (running, paused float64) {
	t.timesMu.Lock()
	st := t.times
	t.timesMu.Unlock()
	st.add(now)
	life := now.Sub(st.start)
	if life <= 0 {
		return 0, 0
	}
	return float64(st.running) / float64(life), float64(st.paused) / float64(life)
}

// Task registers (or replaces) a task's metrics.
func (r *Registry) Task(connector string, task int, kind Kind) *Task {
	t := &Task{connector: connector, task: task, kind: kind}
	t.SetStatus("unassigned")
	r.mu.Lock()
	r.tasks[taskKey{connector, task}] = t
	r.mu.Unlock()
	return t
}

// RemoveTask drops a task's metrics.
func (r *Registry) RemoveTask(connector string, task int) {
	r.mu.Lock()
	delete(r.tasks, taskKey{connector, task})
	r.mu.Unlock()
}

// Handler serves the Prometheus text format.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		r.WriteTo(w)
	})
}

// WriteTo renders every metric in the Prometheus text format.
func (r *Registry) WriteTo(out io.Writer) (int64, error) {
	r.mu.Lock()
	conns := make([]*Connector, 0, len(r.connectors))
	for _, c := range r.connectors {
		conns = append(conns, c)
	}
	tasks := make([]*Task, 0, len(r.tasks))
	for _, t := range r.tasks {
		tasks = append(tasks, t)
	}
	r.mu.Unlock()
	slices.SortFunc(conns, func(a, b *Connector) int { return strings.Compare(a.name, b.name) })
	slices.SortFunc(tasks, func(a, b *Task) int {
		if c := strings.Compare(a.connector, b.connector); c != 0 {
			return c
		}
		return a.task - b.task
	})

	cw := &countingWriter{w: bufio.NewWriter(out)}
	e := &emitter{w: cw}
	wk := &r.Worker
	e.single("worker", "connector-count", "gauge", "The number of connectors run in this worker.", float64(len(conns)))
	e.single("worker", "task-count", "gauge", "The number of tasks run in this worker.", float64(len(tasks)))
	e.single("worker", "connector-startup-success-percentage", "gauge", "The average percentage of this worker's connectors starts that succeeded.",
		ratio(wk.ConnectorStartupSuccess.Load(), wk.ConnectorStartupFailure.Load()))
	e.single("worker", "connector-startup-failure-percentage", "gauge", "The average percentage of this worker's connectors starts that failed.",
		ratio(wk.ConnectorStartupFailure.Load(), wk.ConnectorStartupSuccess.Load()))
	e.single("worker", "task-startup-success-percentage", "gauge", "The average percentage of this worker's tasks starts that succeeded.",
		ratio(wk.TaskStartupSuccess.Load(), wk.TaskStartupFailure.Load()))
	e.single("worker", "task-startup-failure-percentage", "gauge", "The average percentage of this worker's tasks starts that failed.",
		ratio(wk.TaskStartupFailure.Load(), wk.TaskStartupSuccess.Load()))
	for _, m := range []struct {
		name string
		v    *atomic.Int64
		help string
	}{
		{"connector-startup-attempts-total", &wk.ConnectorStartupAttempts, "The total number of connector startups that this worker has attempted."},
		{"connector-startup-success-total", &wk.ConnectorStartupSuccess, "The total number of connector starts that succeeded."},
		{"connector-startup-failure-total", &wk.ConnectorStartupFailure, "The total number of connector starts that failed."},
		{"task-startup-attempts-total", &wk.TaskStartupAttempts, "The total number of task startups that this worker has attempted."},
		{"task-startup-success-total", &wk.TaskStartupSuccess, "The total number of task starts that succeeded."},
		{"task-startup-failure-total", &wk.TaskStartupFailure, "The total number of task starts that failed."},
	} {
		e.single("worker", m.name, "counter", m.help, float64(m.v.Load()))
	}

	// Per-connector task counts by state, as connect-worker-metrics' connector-*-task-count.
	states := []string{"total", "running", "paused", "failed", "unassigned", "restarting", "destroyed"}
	for _, st := range states {
		e.header("worker", "connector-"+st+"-task-count", "gauge", "The number of "+st+" tasks of the connector on the worker.")
		for _, c := range conns {
			n := 0
			for _, t := range tasks {
				if t.connector == c.name && (st == "total" || *t.status.Load() == st) {
					n++
				}
			}
			e.sample("worker", "connector-"+st+"-task-count", labels("connector", c.name), float64(n))
		}
	}

	e.header("connector", "info", "gauge", "Connector metadata: connector-class, connector-type, connector-version and connector-status.")
	for _, c := range conns {
		e.sample("connector", "info", labels("connector", c.name, "connector_class", c.class, "connector_type", c.typ,
			"connector_version", c.version, "status", *c.status.Load()), 1)
	}

	taskLabels := func(t *Task) string { return labels("connector", t.connector, "task", strconv.Itoa(t.task)) }
	e.header("connector-task", "status", "gauge", "The status of the connector task (label status).")
	for _, t := range tasks {
		e.sample("connector-task", "status", labels("connector", t.connector, "task", strconv.Itoa(t.task), "status", *t.status.Load()), 1)
	}
	perTask := func(group, name, typ, help string, kind int, f func(t *Task) float64) {
		e.header(group, name, typ, help)
		for _, t := range tasks {
			if kind >= 0 && Kind(kind) != t.kind {
				continue
			}
			e.sample(group, name, taskLabels(t), f(t))
		}
	}
	const any = -1
	now := time.Now()
	perTask("connector-task", "running-ratio", "gauge", "The fraction of time this task has spent in the running state.", any,
		func(t *Task) float64 { r, _ := t.ratios(now); return r })
	perTask("connector-task", "pause-ratio", "gauge", "The fraction of time this task has spent in the pause state.", any,
		func(t *Task) float64 { _, p := t.ratios(now); return p })
	perTask("connector-task", "batch-size-avg", "gauge", "The average number of records in the batches the task has processed so far.", any,
		func(t *Task) float64 { a, _ := t.BatchSize.avgMax(1); return a })
	perTask("connector-task", "batch-size-max", "gauge", "The number of records in the largest batch the task has processed so far.", any,
		func(t *Task) float64 { _, m := t.BatchSize.avgMax(1); return m })
	perTask("connector-task", "offset-commit-avg-time-ms", "gauge", "The average time in milliseconds taken by this task to commit offsets.", any,
		func(t *Task) float64 { a, _ := t.OffsetCommit.avgMax(1e6); return a })
	perTask("connector-task", "offset-commit-max-time-ms", "gauge", "The maximum time in milliseconds taken by this task to commit offsets.", any,
		func(t *Task) float64 { _, m := t.OffsetCommit.avgMax(1e6); return m })
	perTask("connector-task", "offset-commit-success-total", "counter", "Offset commits of this task that succeeded.", any,
		func(t *Task) float64 { return float64(t.OffsetCommitSuccess.Load()) })
	perTask("connector-task", "offset-commit-failure-total", "counter", "Offset commits of this task that failed.", any,
		func(t *Task) float64 { return float64(t.OffsetCommitFailure.Load()) })
	perTask("connector-task", "offset-commit-success-percentage", "gauge", "The average percentage of this task's offset commit attempts that succeeded.", any,
		func(t *Task) float64 { return ratio(t.OffsetCommitSuccess.Load(), t.OffsetCommitFailure.Load()) })
	perTask("connector-task", "offset-commit-failure-percentage", "gauge", "The average percentage of this task's offset commit attempts that failed.", any,
		func(t *Task) float64 { return ratio(t.OffsetCommitFailure.Load(), t.OffsetCommitSuccess.Load()) })

	src, snk := int(Source), int(Sink)
	perTask("source-task", "source-record-poll-total", "counter", "The total number of records produced/polled (before transformation) by this task belonging to the named source connector in this worker.", src,
		func(t *Task) float64 { return float64(t.SourceRecordPoll.Load()) })
	perTask("source-task", "source-record-write-total", "counter", "The number of records output from the transformations and written to Kafka for this task belonging to the named source connector in this worker, since the task was last restarted.", src,
		func(t *Task) float64 { return float64(t.SourceRecordWrite.Load()) })
	perTask("source-task", "source-record-active-count", "gauge", "The number of records that have been produced by this task but not yet completely written to Kafka.", src,
		func(t *Task) float64 { return float64(t.SourceRecordActive.Load()) })
	perTask("source-task", "poll-batch-avg-time-ms", "gauge", "The average time in milliseconds taken by this task to poll for a batch of source records.", src,
		func(t *Task) float64 { a, _ := t.PollBatch.avgMax(1e6); return a })
	perTask("source-task", "poll-batch-max-time-ms", "gauge", "The maximum time in milliseconds taken by this task to poll for a batch of source records.", src,
		func(t *Task) float64 { _, m := t.PollBatch.avgMax(1e6); return m })

	perTask("sink-task", "sink-record-read-total", "counter", "The total number of records read from Kafka by this task belonging to the named sink connector in this worker, since the task was last restarted.", snk,
		func(t *Task) float64 { return float64(t.SinkRecordRead.Load()) })
	perTask("sink-task", "sink-record-send-total", "counter", "The total number of records output from the transformations and sent/put to this task belonging to the named sink connector in this worker, since the task was last restarted.", snk,
		func(t *Task) float64 { return float64(t.SinkRecordSend.Load()) })
	perTask("sink-task", "sink-record-active-count", "gauge", "The number of records that have been read from Kafka but not yet completely committed/flushed/acknowledged by the sink task.", snk,
		func(t *Task) float64 { return float64(t.SinkRecordActive.Load()) })
	perTask("sink-task", "partition-count", "gauge", "The number of topic partitions assigned to this task belonging to the named sink connector in this worker.", snk,
		func(t *Task) float64 { return float64(t.PartitionCount.Load()) })
	perTask("sink-task", "offset-commit-completion-total", "counter", "The total number of offset commit completions that were completed successfully.", snk,
		func(t *Task) float64 { return float64(t.OffsetCommitCompletion.Load()) })
	perTask("sink-task", "offset-commit-skip-total", "counter", "The total number of offset commit completions that were received too late and skipped/ignored.", snk,
		func(t *Task) float64 { return float64(t.OffsetCommitSkip.Load()) })
	perTask("sink-task", "offset-commit-seq-no", "gauge", "The current sequence number for offset commits.", snk,
		func(t *Task) float64 { return float64(t.OffsetCommitSeqNo.Load()) })
	perTask("sink-task", "put-batch-avg-time-ms", "gauge", "The average time taken by this task to put a batch of sinks records.", snk,
		func(t *Task) float64 { a, _ := t.PutBatch.avgMax(1e6); return a })
	perTask("sink-task", "put-batch-max-time-ms", "gauge", "The maximum time taken by this task to put a batch of sinks records.", snk,
		func(t *Task) float64 { _, m := t.PutBatch.avgMax(1e6); return m })

	for _, m := range []struct {
		name, help string
		f          func(t *Task) float64
	}{
		{"total-record-errors", "The number of record processing errors in this task.", func(t *Task) float64 { return float64(t.RecordErrors.Load()) }},
		{"total-record-failures", "The number of record processing failures in this task.", func(t *Task) float64 { return float64(t.RecordFailures.Load()) }},
		{"total-records-skipped", "The number of records skipped due to errors.", func(t *Task) float64 { return float64(t.RecordsSkipped.Load()) }},
		{"total-retries", "The number of operations retried.", func(t *Task) float64 { return float64(t.Retries.Load()) }},
		{"total-errors-logged", "The number of errors that were logged.", func(t *Task) float64 { return float64(t.ErrorsLogged.Load()) }},
		{"deadletterqueue-produce-requests", "The number of attempted writes to the dead letter queue.", func(t *Task) float64 { return float64(t.DLQProduceRequests.Load()) }},
		{"deadletterqueue-produce-failures", "The number of failed writes to the dead letter queue.", func(t *Task) float64 { return float64(t.DLQProduceFailures.Load()) }},
		{"last-error-timestamp", "The epoch timestamp when this task last encountered an error.", func(t *Task) float64 { return float64(t.LastErrorTimestamp.Load()) }},
	} {
		typ := "counter"
		if m.name == "last-error-timestamp" {
			typ = "gauge"
		}
		perTask("task-error", m.name, typ, m.help, any, m.f)
	}
	err := cw.w.Flush()
	if err == nil {
		err = e.err
	}
	return cw.n, err
}

func ratio(a, b int64) float64 {
	if a+b == 0 {
		return 0
	}
	return float64(a) / float64(a+b)
}

// labels renders {k="v",...} with Prometheus escaping.
func labels(kv ...string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(kv[i])
		b.WriteString(`="`)
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(kv[i+1]))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// Name returns the Prometheus name of Kafka metric name in group g (g without "connect-" and "-metrics").
func Name(g, name string) string {
	return "kafka_connect_" + strings.ReplaceAll(g, "-", "_") + "_" + strings.ReplaceAll(name, "-", "_")
}

type emitter struct {
	w   *countingWriter
	err error
}

func (e *emitter) header(g, name, typ, help string) {
	n := Name(g, name)
	e.printf("# HELP %s %s\n# TYPE %s %s\n", n, help, n, typ)
}

func (e *emitter) sample(g, name, lbls string, v float64) {
	e.printf("%s%s %s\n", Name(g, name), lbls, formatFloat(v))
}

func (e *emitter) single(g, name, typ, help string, v float64) {
	e.header(g, name, typ, help)
	e.sample(g, name, "", v)
}

func (e *emitter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func formatFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

type countingWriter struct {
	w *bufio.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
