package storage

import (
	"context"
	"sync"
)

// Memory is an OffsetStore that keeps offsets in memory for the life of the process.
type Memory struct {
	mu sync.Mutex
	t  table
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{t: table{}} }

// Get implements OffsetStore.
func (m *Memory) Get(_ context.Context, connector string, partitions []map[string]any) (map[string]map[string]any, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t.get(connector, partitions)
}

// Put implements OffsetStore.
func (m *Memory) Put(_ context.Context, connector string, offsets []OffsetEntry) error {
	ps, err := prepare(connector, offsets)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.t.apply(connector, ps, false)
	return nil
}

// All implements OffsetStore.
func (m *Memory) All(_ context.Context, connector string) ([]OffsetEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t.all(connector), nil
}

// Connectors implements OffsetStore.
func (m *Memory) Connectors(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t.connectors(), nil
}
