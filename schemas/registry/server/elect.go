package server

import (
	"context"
	"errors"
	"time"
)

// Elector says which registry instance writes.
type Elector interface {
	// Leader returns the leader's base URL ("http://host:port") and whether this instance is the leader.
	Leader(ctx context.Context) (url string, self bool, err error)
}

// forwardWait bounds how long a write waits for a leader: a rebalance (an instance joining or leaving) leaves
// the group without one for a moment, and a write should ride that out rather than fail.
const forwardWait = 15 * time.Second

// awaitLeader asks e for the leader until there is one, for at most wait.
func awaitLeader(ctx context.Context, e Elector, wait time.Duration) (string, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	for delay := 50 * time.Millisecond; ; delay = min(2*delay, time.Second) {
		url, self, err := e.Leader(ctx)
		if err == nil && url != "" {
			return url, self, nil
		}
		if err == nil {
			err = errors.New("no leader is elected")
		}
		select {
		case <-ctx.Done():
			return "", false, err
		case <-time.After(delay):
		}
	}
}
