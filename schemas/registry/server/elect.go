package server

import "context"

// Elector says which registry instance writes.
type Elector interface {
	// Leader returns the leader's base URL ("http://host:port") and whether this instance is the leader.
	Leader(ctx context.Context) (url string, self bool, err error)
}
