package herder_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/connectors/all"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/herder/herdertest"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// The real runtime implements the herder's view of it.
var _ herder.Runtime = (*runtime.Worker)(nil)

var _ runtime.TaskReconfigurer = (*herder.Standalone)(nil)

// fakeResolver resolves ${test:path:key} placeholders from a map, as a config provider would.
type fakeResolver map[string]string

func (r fakeResolver) Resolve(_ context.Context, props map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(props))
	for k, v := range props {
		for placeholder, value := range r {
			v = strings.ReplaceAll(v, placeholder, value)
		}
		out[k] = v
	}
	return out, nil
}

func newHerder(t *testing.T, opts ...herder.Option) (*herder.Standalone, *herdertest.FakeRuntime) {
	t.Helper()
	reg, err := all.Registry()
	if err != nil {
		t.Fatal(err)
	}
	rt := herdertest.NewFakeRuntime()
	opts = append([]herder.Option{herder.WithWorkerID("127.0.0.1:8083"),
		herder.WithConnectorOptions(connconfig.WithWorker(connconfig.Worker{
			KeyConverter:         "org.apache.kafka.connect.json.JsonConverter",
			ValueConverter:       "org.apache.kafka.connect.json.JsonConverter",
			HeaderConverter:      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
			ClientOverridePolicy: "All", TopicCreationEnable: true}))}, opts...)
	h := herder.NewStandalone(rt, reg, opts...)
	rt.Listener = h
	t.Cleanup(func() { _ = h.Close(context.Background()) })
	return h, rt
}

func sourceProps(name string, tasks string) map[string]string {
	return map[string]string{"name": name, "connector.class": "FileStreamSource", "topic": "t", "tasks.max": tasks}
}

func wantCode(t *testing.T, err error, code int, msg string) {
	t.Helper()
	var he *herder.Error
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want a herder error %d %q", err, code, msg)
	}
	if he.Code != code || he.Msg != msg {
		t.Fatalf("err = %d %q, want %d %q", he.Code, he.Msg, code, msg)
	}
}

func TestCreateAndInspect(t *testing.T) {
	h, _ := newHerder(t)
	ctx := t.Context()
	info, created, err := h.PutConnectorConfig(ctx, "src", sourceProps("src", "2"), herder.PutOptions{})
	if err != nil || !created {
		t.Fatalf("create: %v %v", created, err)
	}
	if info.Name != "src" || info.Type != "source" || len(info.Tasks) != 2 || info.Tasks[1] != (herder.TaskID{"src", 1}) {
		t.Errorf("info = %+v", info)
	}
	st, err := h.ConnectorStatus("src")
	if err != nil {
		t.Fatal(err)
	}
	if st.Connector.State != "RUNNING" || st.Connector.WorkerID != "127.0.0.1:8083" || *st.Connector.Version != "4.3.1" ||
		len(st.Tasks) != 2 || st.Tasks[1].State != "RUNNING" || st.Type != "source" {
		t.Errorf("status = %+v", st)
	}
	tasks, err := h.TaskConfigs("src")
	if err != nil || len(tasks) != 2 || tasks[0].Config["task.class"] != "FakeTask" {
		t.Errorf("tasks = %+v %v", tasks, err)
	}
	if got := h.Connectors(); !slices.Equal(got, []string{"src"}) {
		t.Errorf("Connectors = %v", got)
	}

	_, _, err = h.PutConnectorConfig(ctx, "src", sourceProps("src", "1"), herder.PutOptions{})
	wantCode(t, err, 409, "Connector src already exists")

	info, created, err = h.PutConnectorConfig(ctx, "src", sourceProps("src", "1"), herder.PutOptions{AllowReplace: true})
	if err != nil || created || len(info.Tasks) != 1 {
		t.Fatalf("update: %+v %v %v", info, created, err)
	}
	if st, _ := h.ConnectorStatus("src"); len(st.Tasks) != 1 {
		t.Errorf("after update, tasks = %+v", st.Tasks)
	}
}

func TestInvalidConfigListsEveryError(t *testing.T) {
	h, _ := newHerder(t)
	props := sourceProps("bad", "x")
	props["errors.tolerance"] = "some"
	_, _, err := h.PutConnectorConfig(t.Context(), "bad", props, herder.PutOptions{})
	wantCode(t, err, 400, "Connector configuration is invalid and contains the following 3 error(s):\n"+
		"Invalid value x for configuration tasks.max: Not a number of type INT\n"+
		"Invalid value null for configuration tasks.max: Value must be non-null\n"+
		"Invalid value some for configuration errors.tolerance: String must be one of: none, all\n"+
		"You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`")
	_, _, err = h.PutConnectorConfig(t.Context(), "bad", map[string]string{"name": ""}, herder.PutOptions{})
	wantCode(t, err, 400, "Connector config {name=} contains no connector type")
	if _, err := h.ConnectorInfo("bad"); err == nil {
		t.Error("an invalid connector was stored")
	}
}

func TestTargetStates(t *testing.T) {
	h, rt := newHerder(t)
	ctx := t.Context()
	if _, _, err := h.PutConnectorConfig(ctx, "src", sourceProps("src", "1"), herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := h.PauseConnector(ctx, "src"); err != nil {
		t.Fatal(err)
	}
	if st, _ := h.ConnectorStatus("src"); st.Connector.State != "PAUSED" || st.Tasks[0].State != "PAUSED" {
		t.Errorf("paused: %+v", st)
	}
	if err := h.StopConnector(ctx, "src"); err != nil {
		t.Fatal(err)
	}
	st, _ := h.ConnectorStatus("src")
	if tasks, _ := h.TaskConfigs("src"); st.Connector.State != "STOPPED" || len(st.Tasks) != 0 || len(tasks) != 0 {
		t.Errorf("stopped: %+v, tasks %v", st, tasks)
	}
	if err := h.ResumeConnector(ctx, "src"); err != nil {
		t.Fatal(err)
	}
	if st, _ := h.ConnectorStatus("src"); st.Connector.State != "RUNNING" || len(st.Tasks) != 1 ||
		st.Tasks[0].State != "RUNNING" {
		t.Errorf("resumed: %+v", st)
	}
	if rt.TaskProps(runtime.TaskID{Connector: "src", Task: 0}) == nil {
		t.Error("resumed task not started")
	}
	wantCode(t, h.PauseConnector(ctx, "nope"), 404, "Unknown connector nope")
	wantCode(t, h.ResumeConnector(ctx, "nope"), 404, "Unknown connector nope")
	wantCode(t, h.StopConnector(ctx, "nope"), 404, "Connector nope not found")
}

func TestInitialStateStopped(t *testing.T) {
	h, _ := newHerder(t)
	stopped := runtime.Stopped
	info, _, err := h.PutConnectorConfig(t.Context(), "src", sourceProps("src", "3"),
		herder.PutOptions{InitialState: &stopped})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := h.ConnectorStatus("src"); len(info.Tasks) != 0 || st.Connector.State != "STOPPED" {
		t.Errorf("info %+v status %+v", info, st)
	}
}

func TestRestart(t *testing.T) {
	h, rt := newHerder(t)
	ctx := t.Context()
	rt.FailTask(runtime.TaskID{Connector: "src", Task: 1}, errors.New("boom"))
	if _, _, err := h.PutConnectorConfig(ctx, "src", sourceProps("src", "2"), herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	if st, _ := h.TaskStatus(runtime.TaskID{Connector: "src", Task: 1}); st.State != "FAILED" || st.Trace != "boom" {
		t.Fatalf("task 1 = %+v", st)
	}
	rt.FailTask(runtime.TaskID{Connector: "src", Task: 1}, nil)

	plan, err := h.RestartConnectorAndTasks(ctx, herder.RestartRequest{Connector: "src", OnlyFailed: true,
		IncludeTasks: true})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Connector.State != "RUNNING" || plan.Tasks[0].State != "RUNNING" || plan.Tasks[1].State != "RESTARTING" ||
		plan.Tasks[1].Trace != "" {
		t.Errorf("plan = %+v", plan)
	}
	if st, _ := h.ConnectorStatus("src"); st.Tasks[1].State != "RUNNING" {
		t.Errorf("after restart: %+v", st)
	}
	plan, err = h.RestartConnectorAndTasks(ctx, herder.RestartRequest{Connector: "src", IncludeTasks: true})
	if err != nil || plan.Connector.State != "RESTARTING" || plan.Tasks[0].State != "RESTARTING" {
		t.Errorf("plan = %+v, %v", plan, err)
	}
	if err := h.RestartConnector(ctx, "src"); err != nil {
		t.Fatal(err)
	}
	if err := h.RestartTask(ctx, runtime.TaskID{Connector: "src", Task: 0}); err != nil {
		t.Fatal(err)
	}
	wantCode(t, h.RestartTask(ctx, runtime.TaskID{Connector: "src", Task: 7}), 404, "Task src-7 not found")
	wantCode(t, h.RestartConnector(ctx, "nope"), 404, "Connector nope not found")
	_, err = h.RestartConnectorAndTasks(ctx, herder.RestartRequest{Connector: "nope", IncludeTasks: true})
	wantCode(t, err, 404, "Unknown connector: nope")
}

func TestDelete(t *testing.T) {
	h, rt := newHerder(t)
	ctx := t.Context()
	if _, _, err := h.PutConnectorConfig(ctx, "src", sourceProps("src", "1"), herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	h.TopicActive("src", "t")
	if err := h.DeleteConnector(ctx, "src"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.ConnectorStatus("src"); err == nil {
		t.Error("status survived deletion")
	}
	if rt.TaskProps(runtime.TaskID{Connector: "src", Task: 0}) != nil {
		t.Error("task still running")
	}
	if len(h.ActiveTopics("src")) != 0 {
		t.Error("topics survived deletion")
	}
	wantCode(t, h.DeleteConnector(ctx, "src"), 404, "Connector src not found")
	_, err := h.ConnectorInfo("src")
	wantCode(t, err, 404, "Connector src not found")
}

func TestPatchRemovesNullKeys(t *testing.T) {
	h, _ := newHerder(t)
	ctx := t.Context()
	props := sourceProps("src", "1")
	props["file"] = "/tmp/in"
	if _, _, err := h.PutConnectorConfig(ctx, "src", props, herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	two := "2"
	info, err := h.PatchConnectorConfig(ctx, "src", map[string]*string{"file": nil, "tasks.max": &two})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := info.Config["file"]; ok || info.Config["tasks.max"] != "2" || len(info.Tasks) != 2 {
		t.Errorf("patched: %+v", info)
	}
	_, err = h.PatchConnectorConfig(ctx, "nope", nil)
	wantCode(t, err, 404, "Connector nope not found")
}

// TestSecretsStayUnresolved checks Invariant 6: resolved config provider values reach the runtime but are never
// stored or returned.
func TestSecretsStayUnresolved(t *testing.T) {
	h, rt := newHerder(t, herder.WithResolver(fakeResolver{"${test:secrets:file}": "/secret/path"}))
	props := sourceProps("src", "1")
	props["file"] = "${test:secrets:file}"
	info, _, err := h.PutConnectorConfig(t.Context(), "src", props, herder.PutOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if info.Config["file"] != "${test:secrets:file}" {
		t.Errorf("stored config = %v", info.Config)
	}
	tasks, _ := h.TaskConfigs("src")
	if tasks[0].Config["file"] != "${test:secrets:file}" {
		t.Errorf("stored task config = %v", tasks[0].Config)
	}
	if got := rt.TaskProps(runtime.TaskID{Connector: "src", Task: 0})["file"]; got != "/secret/path" {
		t.Errorf("task started with file=%q", got)
	}
}

func TestOffsets(t *testing.T) {
	h, _ := newHerder(t)
	ctx := t.Context()
	sink := map[string]string{"name": "snk", "connector.class": "FileStreamSink", "topics": "a"}
	if _, _, err := h.PutConnectorConfig(ctx, "snk", sink, herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	offsets := []herder.ConnectorOffset{{Partition: map[string]any{"kafka_topic": "a", "kafka_partition": "0"},
		Offset: map[string]any{"kafka_offset": 5.0}}}
	_, err := h.AlterConnectorOffsets(ctx, "snk", offsets)
	wantCode(t, err, 400, "Connectors must be in the STOPPED state before their offsets can be modified. This can "+
		"be done for the specified connector by issuing a 'PUT' request to the '/connectors/snk/stop' endpoint")
	_, err = h.ResetConnectorOffsets(ctx, "snk")
	wantCode(t, err, 400, "Connectors must be in the STOPPED state before their offsets can be modified. This can "+
		"be done for the specified connector by issuing a 'PUT' request to the '/connectors/snk/stop' endpoint")
	if err := h.StopConnector(ctx, "snk"); err != nil {
		t.Fatal(err)
	}
	msg, err := h.AlterConnectorOffsets(ctx, "snk", offsets)
	if err != nil || msg.Message != "The offsets for this connector have been altered successfully" {
		t.Fatalf("alter: %+v %v", msg, err)
	}
	want := storage.OffsetEntry{Partition: map[string]any{"kafka_topic": "a", "kafka_partition": int64(0)},
		Offset: map[string]any{"kafka_offset": int64(5)}}
	got, err := h.ConnectorOffsets(ctx, "snk")
	if err != nil || len(got.Offsets) != 1 || got.Offsets[0].Partition["kafka_partition"] != want.Partition["kafka_partition"] ||
		got.Offsets[0].Offset["kafka_offset"] != want.Offset["kafka_offset"] {
		t.Errorf("offsets = %+v %v", got, err)
	}

	bad := []struct {
		offset herder.ConnectorOffset
		msg    string
	}{
		{herder.ConnectorOffset{}, "The partition for a sink connector offset cannot be null or missing"},
		{herder.ConnectorOffset{Partition: map[string]any{"kafka_topic": "a"}},
			"The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'"},
		{herder.ConnectorOffset{Partition: map[string]any{"kafka_topic": nil, "kafka_partition": 1.0}},
			"Kafka topic names must be valid strings and may not be null"},
		{herder.ConnectorOffset{Partition: map[string]any{"kafka_topic": "a", "kafka_partition": "x"}},
			"Failed to parse the following Kafka partition value in the provided offsets: 'x'. Partition values for sink connectors need to be integers."},
		{herder.ConnectorOffset{Partition: map[string]any{"kafka_topic": "a", "kafka_partition": 1.0},
			Offset: map[string]any{"offset": 1.0}},
			"The offset for a sink connector should either be null or contain the key 'kafka_offset'"},
	}
	for _, b := range bad {
		_, err := h.AlterConnectorOffsets(ctx, "snk", []herder.ConnectorOffset{b.offset})
		wantCode(t, err, 400, b.msg)
	}
	_, err = h.AlterConnectorOffsets(ctx, "snk", nil)
	wantCode(t, err, 400, "Partitions / offsets need to be provided for an alter offsets request")
	msg, err = h.ResetConnectorOffsets(ctx, "snk")
	if err != nil || !strings.Contains(msg.Message, "have been reset successfully") {
		t.Errorf("reset: %+v %v", msg, err)
	}
	_, err = h.ConnectorOffsets(ctx, "nope")
	wantCode(t, err, 404, "Connector nope not found")
}

func TestTopics(t *testing.T) {
	h, _ := newHerder(t)
	if _, _, err := h.PutConnectorConfig(t.Context(), "src", sourceProps("src", "1"), herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	h.TopicActive("src", "b")
	h.TopicActive("src", "a")
	h.TopicActive("src", "b")
	h.TopicActive("unknown", "x")
	if got := h.ActiveTopics("src"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("topics = %v", got)
	}
	if got := h.ActiveTopics("unknown"); len(got) != 0 {
		t.Errorf("unknown connector topics = %v", got)
	}
	h.ResetActiveTopics("src")
	if got := h.ActiveTopics("src"); len(got) != 0 {
		t.Errorf("after reset: %v", got)
	}
}

func TestRequestTaskReconfiguration(t *testing.T) {
	h, rt := newHerder(t)
	ctx := t.Context()
	if _, _, err := h.PutConnectorConfig(ctx, "src", sourceProps("src", "1"), herder.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	rt.SetTasksMax("src", 3)
	h.RequestTaskReconfiguration("src")
	waitFor(t, func() bool { tasks, _ := h.TaskConfigs("src"); return len(tasks) == 3 })
}

// TestValidationHidesResolvedValues checks Invariant 6 on the validate path: Kafka shows the resolved values;
// Sluice shows the placeholders, also inside error messages.
func TestValidationHidesResolvedValues(t *testing.T) {
	h, _ := newHerder(t, herder.WithResolver(fakeResolver{"${test:secrets:tasks}": "s3cret"}))
	infos, err := h.ValidateConnectorConfig(t.Context(), map[string]string{"name": "a",
		"connector.class": "FileStreamSource", "topic": "t", "tasks.max": "${test:secrets:tasks}"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := infos.MarshalJSON()
	if strings.Contains(string(b), "s3cret") {
		t.Errorf("resolved value in the answer: %s", b)
	}
	if !strings.Contains(string(b), "Invalid value ${test:secrets:tasks} for configuration tasks.max") {
		t.Errorf("placeholder missing from the error: %s", b)
	}
	_, _, err = h.PutConnectorConfig(t.Context(), "a", map[string]string{"name": "a",
		"connector.class": "FileStreamSource", "topic": "t", "tasks.max": "${test:secrets:tasks}"}, herder.PutOptions{})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("put: %v", err)
	}
}
