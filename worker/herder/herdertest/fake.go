// Package herdertest provides a fake of the data plane for fast tests of the herder and the REST API.
package herdertest

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

// FakeRuntime is a fake of the data plane for fast herder and REST tests: it runs nothing, reports the states a
// real runtime reports to its StatusListener, generates tasks.max task configs, and keeps offsets in memory.
// Set Listener before use.
type FakeRuntime struct {
	Listener runtime.StatusListener

	mu         sync.Mutex
	connectors map[string]*connconfig.Connector
	targets    map[string]runtime.TargetState
	tasks      map[runtime.TaskID]map[string]string
	offsets    map[string][]storage.OffsetEntry
	failStart  map[string]error
	failTask   map[runtime.TaskID]error
}

// NewFakeRuntime returns an empty fake.
func NewFakeRuntime() *FakeRuntime {
	return &FakeRuntime{connectors: map[string]*connconfig.Connector{}, targets: map[string]runtime.TargetState{},
		tasks: map[runtime.TaskID]map[string]string{}, offsets: map[string][]storage.OffsetEntry{},
		failStart: map[string]error{}, failTask: map[runtime.TaskID]error{}}
}

// FailConnector makes StartConnector of the named connector fail with err (nil: succeed again).
func (f *FakeRuntime) FailConnector(name string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failStart[name] = err
}

// FailTask makes the task report FAILED with err when started (nil: start normally again).
func (f *FakeRuntime) FailTask(id runtime.TaskID, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failTask[id] = err
}

// SetTasksMax changes how many task configs a started connector generates.
func (f *FakeRuntime) SetTasksMax(name string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.connectors[name]; ok {
		c.TasksMax = n
	}
}

// stateOf is the state a target state puts a connector or task in.
func stateOf(t runtime.TargetState) runtime.State {
	switch t {
	case runtime.Paused:
		return runtime.StatePaused
	case runtime.Stopped:
		return runtime.StateStopped
	}
	return runtime.StateRunning
}

func (f *FakeRuntime) StartConnector(_ context.Context, cfg *connconfig.Connector, target runtime.TargetState) error {
	f.mu.Lock()
	if _, ok := f.connectors[cfg.Name]; ok {
		f.mu.Unlock()
		return fmt.Errorf("Connector with name %s already exists", cfg.Name)
	}
	f.connectors[cfg.Name], f.targets[cfg.Name] = cfg, target
	err := f.failStart[cfg.Name]
	f.mu.Unlock()
	if err != nil {
		f.Listener.ConnectorState(cfg.Name, runtime.StateFailed, err)
		return err
	}
	f.Listener.ConnectorState(cfg.Name, stateOf(target), nil)
	return nil
}

func (f *FakeRuntime) TaskConfigs(_ context.Context, name string) ([]map[string]string, error) {
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

func (f *FakeRuntime) StopConnector(_ context.Context, name string) error {
	f.mu.Lock()
	_, ok := f.connectors[name]
	delete(f.connectors, name)
	f.mu.Unlock()
	if ok {
		f.Listener.ConnectorState(name, runtime.StateUnassigned, nil)
	}
	return nil
}

func (f *FakeRuntime) StartTask(_ context.Context, id runtime.TaskID, _ *connconfig.Connector, props map[string]string,
	target runtime.TargetState) error {
	f.mu.Lock()
	if _, ok := f.tasks[id]; ok {
		f.mu.Unlock()
		return fmt.Errorf("Task already exists in this worker: %s", id)
	}
	f.tasks[id] = maps.Clone(props)
	err := f.failTask[id]
	f.mu.Unlock()
	if err != nil {
		f.Listener.TaskState(id, runtime.StateFailed, err)
		return nil
	}
	f.Listener.TaskState(id, stateOf(target), nil)
	return nil
}

func (f *FakeRuntime) StopTask(_ context.Context, id runtime.TaskID) error {
	f.mu.Lock()
	_, ok := f.tasks[id]
	delete(f.tasks, id)
	f.mu.Unlock()
	if ok {
		f.Listener.TaskState(id, runtime.StateUnassigned, nil)
	}
	return nil
}

func (f *FakeRuntime) SetTargetState(_ context.Context, name string, s runtime.TargetState) error {
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
	f.Listener.ConnectorState(name, stateOf(s), nil)
	if s != runtime.Stopped {
		for _, id := range ids {
			f.Listener.TaskState(id, stateOf(s), nil)
		}
	}
	return nil
}

func (f *FakeRuntime) ConnectorOffsets(_ context.Context, cfg *connconfig.Connector) ([]storage.OffsetEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]storage.OffsetEntry(nil), f.offsets[cfg.Name]...), nil
}

func (f *FakeRuntime) AlterConnectorOffsets(_ context.Context, cfg *connconfig.Connector, entries []storage.OffsetEntry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(entries) == 0 {
		return errors.New("no offsets")
	}
	f.offsets[cfg.Name] = append(f.offsets[cfg.Name], entries...)
	return nil
}

func (f *FakeRuntime) ResetConnectorOffsets(_ context.Context, cfg *connconfig.Connector) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.offsets, cfg.Name)
	return nil
}

// TaskProps returns the props a running task was started with, nil if it is not running.
func (f *FakeRuntime) TaskProps(id runtime.TaskID) map[string]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.tasks[id])
}
