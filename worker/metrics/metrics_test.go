package metrics

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestExposition(t *testing.T) {
	r := New()
	r.Worker.TaskStartupAttempts.Add(2)
	c := r.Connector("files", "org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "4.3.1")
	c.SetStatus("running")
	src := r.Task("files", 0, Source)
	src.SetStatus("running")
	src.SourceRecordPoll.Add(10)
	src.PollBatch.ObserveDuration(2 * time.Millisecond)
	src.PollBatch.ObserveDuration(4 * time.Millisecond)
	snk := r.Task("out", 1, Sink)
	snk.SinkRecordRead.Add(7)
	snk.DLQProduceRequests.Add(1)

	rec := httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		"# TYPE kafka_connect_worker_task_startup_attempts_total counter\nkafka_connect_worker_task_startup_attempts_total 2\n",
		"kafka_connect_worker_connector_count 1\n",
		"kafka_connect_worker_task_count 2\n",
		`kafka_connect_worker_connector_running_task_count{connector="files"} 1`,
		`kafka_connect_connector_info{connector="files",connector_class="org.apache.kafka.connect.file.FileStreamSourceConnector",connector_type="source",connector_version="4.3.1",status="running"} 1`,
		`kafka_connect_source_task_source_record_poll_total{connector="files",task="0"} 10`,
		`kafka_connect_source_task_poll_batch_avg_time_ms{connector="files",task="0"} 3`,
		`kafka_connect_source_task_poll_batch_max_time_ms{connector="files",task="0"} 4`,
		`kafka_connect_sink_task_sink_record_read_total{connector="out",task="1"} 7`,
		`kafka_connect_task_error_deadletterqueue_produce_requests{connector="out",task="1"} 1`,
		`kafka_connect_connector_task_batch_size_avg{connector="out",task="1"} NaN`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(body, `kafka_connect_sink_task_sink_record_read_total{connector="files"`) {
		t.Error("a source task has sink-task metrics")
	}
	r.RemoveTask("out", 1)
	r.RemoveConnector("files")
	rec = httptest.NewRecorder()
	r.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if strings.Contains(rec.Body.String(), `connector="out"`) {
		t.Error("removed task still exported")
	}
}

func TestName(t *testing.T) {
	if got := Name("sink-task", "put-batch-avg-time-ms"); got != "kafka_connect_sink_task_put_batch_avg_time_ms" {
		t.Fatal(got)
	}
}

func TestRatios(t *testing.T) {
	task := &Task{}
	t0 := time.Unix(1000, 0)
	task.times.enter("unassigned", t0)
	task.times.enter("running", t0.Add(1*time.Second))
	task.times.enter("paused", t0.Add(3*time.Second))
	r, p := task.ratios(t0.Add(4 * time.Second))
	if r != 0.5 || p != 0.25 {
		t.Fatalf("running %v paused %v, want 0.5 and 0.25", r, p)
	}
}
