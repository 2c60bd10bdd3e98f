package herder_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"sync"

	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage"
)

// fakeRuntime is a fake of the data plane for fast herder tests: it runs nothing, reports the states a real
// runtime reports to its StatusListener, generates tasks.max task configs, and keeps offsets in memory.
type fakeRuntime struct {
	listener runtime.StatusListener

	mu         sync.Mutex
	connectors map[string]*connconfig.Connector
	targets    map[string]runtime.TargetState
	tasks      map[runtime.TaskID]map[string]string
	offsets    map[string][]storage.OffsetEntry
	failStart  map[string]error         // connector name → error from StartConnector
	failTask   map[runtime.TaskID]error // task → error reported after StartTask
	calls      []string
}

func newFakeRuntime() *fakeRuntime {
	return &fakeRuntime{connectors: map[string]*connconfig.Connector{}, targets: map[string]runtime.TargetState{},
		tasks: map[runtime.TaskID]map[string]string{}, offsets: map[string][]storage.OffsetEntry{},
		failStart: map[string]error{}, failTask: map[runtime.TaskID]error{}}
}

func (f *fakeRuntime) record(format string, args ...any) {
	f.mu.Lock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
	f.mu.Unlock()
}

func stateOf(t runtime.TargetState) runtime.State {
	switch t {
	case runtime.Paused:
		return runtime.StatePaused
	case runtime.Stopped:
		return runtime.StateStopped
	}
	return runtime.StateRunning
}

func (f *fakeRuntime) StartConnector(_ context.Context, cfg *connconfig.Connector, target runtime.TargetState) error {
	f.record("StartConnector %s %s", cfg.Name, target)
	f.mu.Lock()
	if _, ok := f.connectors[cfg.Name]; ok {
		f.mu.Unlock()
		return fmt.Errorf("Connector with name %s already exists", cfg.Name)
	}
	f.connectors[cfg.Name], f.targets[cfg.Name] = cfg, target
	err := f.failStart[cfg.Name]
	f.mu.Unlock()
	if err != nil {
		f.listener.ConnectorState(cfg.Name, runtime.StateFailed, err)
		return err
	}
	f.listener.ConnectorState(cfg.Name, stateOf(target), nil)
	return nil
}

func (f *fakeRuntime) TaskConfigs(_ context.Context, name string) ([]map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cfg, ok := f.connectors[name]
	if !ok {
		return nil, fmt.Errorf("Connector %s not found in this worker.", name)
	}
	out := make([]map[string]string, cfg.TasksMax)
	for i := range out {
		out[i] = maps.Clone(cfg.Props)
		out[i]["task.class"] = "FakeTask"
		out[i]["task.index"] = strconv.Itoa(i)
	}
	return out, nil
}

func (f *fakeRuntime) StopConnector(_ context.Context, name string) error {
	f.record("StopConnector %s", name)
	f.mu.Lock()
	_, ok := f.connectors[name]
	delete(f.connectors, name)
	f.mu.Unlock()
	if ok {
		f.listener.ConnectorState(name, runtime.StateUnassigned, nil)
	}
	return nil
}

func (f *fakeRuntime) StartTask(_ context.Context, id runtime.TaskID, _ *connconfig.Connector, props map[string]string,
	target runtime.TargetState) error {
	f.record("StartTask %s %s", id, target)
	f.mu.Lock()
	if _, ok := f.tasks[id]; ok {
		f.mu.Unlock()
		return fmt.Errorf("Task already exists in this worker: %s", id)
	}
	f.tasks[id] = maps.Clone(props)
	err := f.failTask[id]
	f.mu.Unlock()
	if err != nil {
		f.listener.TaskState(id, runtime.StateFailed, err)
		return nil
	}
	f.listener.TaskState(id, stateOf(target), nil)
	return nil
}

func (f *fakeRuntime) StopTask(_ context.Context, id runtime.TaskID) error {
	f.record("StopTask %s", id)
	f.mu.Lock()
	_, ok := f.tasks[id]
	delete(f.tasks, id)
	f.mu.Unlock()
	if ok {
		f.listener.TaskState(id, runtime.StateUnassigned, nil)
	}
	return nil
}

func (f *fakeRuntime) SetTargetState(_ context.Context, name string, s runtime.TargetState) error {
	f.record("SetTargetState %s %s", name, s)
	f.mu.Lock()
	if _, ok := f.connectors[name]; !ok {
		f.mu.Unlock()
		return fmt.Errorf("Connector %s not found in this worker.", name)
	}
	f.targets[name] = s
	var ids []runtime.TaskID
	for id := range f.tasks {
		if id.Connector == name {
			ids = append(ids, id)
		}
	}
	f.mu.Unlock()
	f.listener.ConnectorState(name, stateOf(s), nil)
	if s != runtime.Stopped {
		for _, id := range ids {
			f.listener.TaskState(id, stateOf(s), nil)
		}
	}
	return nil
}

func (f *fakeRuntime) ConnectorOffsets(_ context.Context, cfg *connconfig.Connector) ([]storage.OffsetEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]storage.OffsetEntry(nil), f.offsets[cfg.Name]...), nil
}

func (f *fakeRuntime) AlterConnectorOffsets(_ context.Context, cfg *connconfig.Connector, entries []storage.OffsetEntry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(entries) == 0 {
		return errors.New("no offsets")
	}
	f.offsets[cfg.Name] = append(f.offsets[cfg.Name], entries...)
	return nil
}

func (f *fakeRuntime) ResetConnectorOffsets(_ context.Context, cfg *connconfig.Connector) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.offsets, cfg.Name)
	return nil
}

func (f *fakeRuntime) taskProps(id runtime.TaskID) map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.tasks[id])
}
