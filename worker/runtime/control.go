package runtime

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/sluice-connect/sluice/worker/metrics"
)

// taskControl carries the herder's wishes to a running task: its target state and a wake-up. The task's
// goroutine reads it between batches; nothing on the record path touches it.
type taskControl struct {
	id       TaskID
	state    atomic.Int32
	wake     chan struct{}
	listener StatusListener
	m        *metrics.Task
	// pollCtx is cancelled when the task must stop, to interrupt a blocking Poll or Put.
	pollCtx    context.Context
	cancelPoll context.CancelFunc
	// reported is the last state told to the listener; used by the task's goroutine only.
	reported State
	// interrupt, when set, wakes whatever the task's loop is blocked in (a sink's consumer poll) on a change.
	interrupt atomic.Pointer[func()]
}

func newTaskControl(id TaskID, target TargetState, l StatusListener, m *metrics.Task) *taskControl {
	c := &taskControl{id: id, wake: make(chan struct{}, 1), listener: l, m: m}
	c.state.Store(int32(target))
	c.pollCtx, c.cancelPoll = context.WithCancel(context.Background())
	return c
}

func (c *taskControl) target() TargetState { return TargetState(c.state.Load()) }

// set changes the target; Stopped also interrupts the task's current Poll or Put.
func (c *taskControl) set(s TargetState) {
	c.state.Store(int32(s))
	if s == Stopped {
		c.cancelPoll()
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
	if f := c.interrupt.Load(); f != nil {
		(*f)()
	}
}

// waitChange blocks until the target changes, d passes or ctx ends.
func (c *taskControl) waitChange(ctx context.Context, d time.Duration) {
	t := time.NewTimer(max(d, 0))
	defer t.Stop()
	select {
	case <-c.wake:
	case <-t.C:
	case <-ctx.Done():
	}
}

// report tells the listener and the metrics the task's state.
func (c *taskControl) report(s State, err error) {
	c.reported = s
	c.m.SetStatus(lower(s))
	c.listener.TaskState(c.id, s, err)
}

// reportOnce reports s unless it is already the reported state.
func (c *taskControl) reportOnce(s State) {
	if c.reported != s {
		c.report(s, nil)
	}
}

// lower is the state as Kafka's metrics print it ("running").
func lower(s State) string {
	b := []byte(s)
	for i, ch := range b {
		if 'A' <= ch && ch <= 'Z' {
			b[i] = ch + 'a' - 'A'
		}
	}
	return string(b)
}
