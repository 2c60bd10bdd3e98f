package store

import (
	"context"
	"sync"
)

// Memory is a store with no log: writes apply directly to its state. It serves a registry that needs no
// durability (a standalone worker without Kafka, unit tests); ids do not survive the process.
type Memory struct {
	mu    sync.Mutex
	state *State
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{state: NewState()} }

// State returns the store's state.
func (m *Memory) State() *State { return m.state }

// Write applies the records. The records round-trip through their encoding so they behave exactly as records
// read from a topic would.
func (m *Memory) Write(ctx context.Context, recs ...Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range recs {
		k, v, err := Encode(r)
		if err != nil {
			return err
		}
		back, err := Decode(k, v)
		if err != nil {
			return err
		}
		m.state.Apply(back)
	}
	return nil
}

// Sync returns at once: there is nothing to catch up with.
func (m *Memory) Sync(context.Context) error { return nil }
