package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// MemberConfig configures a Member. GroupID, URL, Config and Listener are required.
type MemberConfig struct {
	GroupID  string   // group.id
	Protocol Protocol // connect.protocol (the most capable protocol offered); Kafka's default is Sessioned
	URL      string   // this worker's advertised REST URL

	SessionTimeout    time.Duration // session.timeout.ms, default 10 s
	HeartbeatInterval time.Duration // heartbeat.interval.ms, default 3 s
	RebalanceTimeout  time.Duration // rebalance.timeout.ms, default 60 s
	MaxDelay          time.Duration // scheduled.rebalance.max.delay.ms, default 300 s; set UseZeroMaxDelay for 0
	UseZeroMaxDelay   bool

	// Config is the worker's view of the config topic: its offset goes into every join, and the leader assigns
	// from it.
	Config ConfigSource
	// Listener receives revocations and assignments, in the goroutine running Run.
	Listener Listener
	Logger   *slog.Logger
}

// Listener is told what the worker must stop and start (Kafka's WorkerRebalanceListener). Both are called from
// Run's goroutine; the member waits for them, so a slow Revoked delays the rebalance for the whole group, as in
// Kafka, and must finish within rebalance.timeout.ms.
type Listener interface {
	// Revoked asks the worker to stop connectors and tasks: everything it holds before an eager rebalance, or
	// what the leader revoked in an incremental one.
	Revoked(ctx context.Context, leader string, connectors []string, tasks []TaskID)
	// Assigned gives the outcome of a rebalance. With an incremental protocol, e.Assignment lists only what to
	// start; e.Connectors and e.Tasks are everything the worker now holds.
	Assigned(ctx context.Context, e Event)
}

// Event is one completed rebalance from this member's point of view.
type Event struct {
	Generation int32
	MemberID   string
	Protocol   Protocol
	Assignment Assignment
	// Connectors and Tasks are everything this worker runs after the rebalance.
	Connectors []string
	Tasks      []TaskID
	// Plan and Members are set on the leader only: the whole distribution and every member's state (REST URL,
	// config offset), to answer which worker runs what.
	Plan    *Plan
	Members []JoinedMember
}

// IsLeader reports whether this member computed the assignment.
func (e Event) IsLeader() bool { return e.Assignment.Leader == e.MemberID }

// Member is one worker's membership in the Connect group, speaking the group protocol through a franz-go client
// (which routes each request to the group coordinator). Run owns the membership; RequestRejoin and the
// accessors may be called from any goroutine.
type Member struct {
	cfg    MemberConfig
	client *kgo.Client
	log    *slog.Logger

	eager       EagerAssignor
	incremental *IncrementalAssignor

	rejoin chan struct{}

	mu         sync.Mutex
	memberID   string
	generation int32
	leaderID   string
	leaderURL  string
	protocol   Protocol
	lastGen    int32 // last generation whose SyncGroup completed, -1 before any
	held       Assignment
	joined     bool
	rejoinAt   time.Time // a rejoin the leader scheduled (assignment delay); zero when none
	// unreachableSince is when the coordinator stopped answering; zero while it answers.
	unreachableSince time.Time
}

// NewMember checks cfg and returns a member that joins when Run is called.
func NewMember(client *kgo.Client, cfg MemberConfig) (*Member, error) {
	var problems []error
	if cfg.GroupID == "" {
		problems = append(problems, errors.New("group.id is required"))
	}
	if cfg.Config == nil || cfg.Listener == nil {
		problems = append(problems, errors.New("a ConfigSource and a Listener are required"))
	}
	if cfg.Protocol < Eager || cfg.Protocol > Sessioned {
		problems = append(problems, fmt.Errorf("unknown protocol %d", cfg.Protocol))
	}
	cfg.SessionTimeout = orDefault(cfg.SessionTimeout, 10*time.Second)
	cfg.HeartbeatInterval = orDefault(cfg.HeartbeatInterval, 3*time.Second)
	cfg.RebalanceTimeout = orDefault(cfg.RebalanceTimeout, time.Minute)
	if !cfg.UseZeroMaxDelay {
		cfg.MaxDelay = orDefault(cfg.MaxDelay, 5*time.Minute)
	}
	if cfg.HeartbeatInterval >= cfg.SessionTimeout {
		problems = append(problems, fmt.Errorf("heartbeat.interval.ms (%v) must be lower than session.timeout.ms (%v)",
			cfg.HeartbeatInterval, cfg.SessionTimeout))
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Member{cfg: cfg, client: client, log: log.With("stage", "group", "group", cfg.GroupID),
		incremental: NewIncrementalAssignor(cfg.MaxDelay, nil), rejoin: make(chan struct{}, 1), lastGen: -1,
		generation: -1}, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// RequestRejoin makes the member rejoin the group at its next step (Kafka's requestRejoin), e.g. after the
// leader wrote new configs or when a worker's config offset is behind its assignment's.
func (m *Member) RequestRejoin() {
	select {
	case m.rejoin <- struct{}{}:
	default:
	}
}

// LeaderURL returns the REST URL of the current leader ("" before the first completed rebalance).
func (m *Member) LeaderURL() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.leaderURL
}

// IsLeader reports whether this member led the last completed rebalance.
func (m *Member) IsLeader() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.joined && m.leaderID == m.memberID
}

// Generation returns the current generation and member id.
func (m *Member) Generation() (int32, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.generation, m.memberID
}

// Run joins the group and keeps the membership until ctx ends, then leaves the group (so the others rebalance at
// once rather than after session.timeout.ms) and returns ctx's error. Errors the member cannot recover from
// (group authorization, an inconsistent protocol) end Run with that error.
func (m *Member) Run(ctx context.Context) error {
	defer m.leave()
	for {
		if err := m.joinAndSync(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if fatal(err) {
				return err
			}
			m.log.Warn("rebalance failed, rejoining", "error", err)
			m.revokeIfUnreachable(ctx, err)
			if !sleep(ctx, retryBackoff) {
				return ctx.Err()
			}
			continue
		}
		m.revokeIfUnreachable(ctx, nil)
		if err := m.heartbeatUntilRebalance(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			m.revokeIfUnreachable(ctx, err)
		}
	}
}

// unreachableError marks a request that got no answer from the group coordinator (the client already retried).
type unreachableError struct{ err error }

func (e unreachableError) Error() string { return "group coordinator unreachable: " + e.err.Error() }

func (e unreachableError) Unwrap() error { return e.err }

// revokeIfUnreachable stops everything the worker runs once the coordinator has been unreachable for
// heartbeat.interval.ms, as Kafka's WorkerCoordinator does after a coordinator discovery that timed out
// (coordinatorDiscoveryTimeoutMs): the group may have expelled this worker and handed its work to others, and
// running it twice is worse than pausing it until the worker rejoins. A shorter outage (a broker restarting)
// leaves the work running, so that it can commit once the broker is back. Any other outcome resets the clock.
func (m *Member) revokeIfUnreachable(ctx context.Context, err error) {
	m.mu.Lock()
	if err == nil || !errors.As(err, new(unreachableError)) {
		m.unreachableSince = time.Time{}
		m.mu.Unlock()
		return
	}
	if m.unreachableSince.IsZero() {
		m.unreachableSince = time.Now()
	}
	if time.Since(m.unreachableSince) < m.cfg.HeartbeatInterval {
		m.mu.Unlock()
		return
	}
	held := m.held
	m.held = Assignment{}
	m.mu.Unlock()
	if held.Error != NoError || len(held.Connectors)+len(held.Tasks) == 0 {
		return
	}
	m.log.Warn("stopping every connector and task while the group coordinator is unreachable", "error", err)
	m.cfg.Listener.Revoked(ctx, held.Leader, held.Connectors, held.Tasks)
}

const retryBackoff = 100 * time.Millisecond

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func fatal(err error) bool {
	return errors.Is(err, kerr.GroupAuthorizationFailed) || errors.Is(err, kerr.InconsistentGroupProtocol) ||
		errors.Is(err, kerr.GroupMaxSizeReached) || errors.Is(err, kerr.InvalidSessionTimeout)
}

// joinAndSync is one rebalance: revoke (eager), JoinGroup, assign if leader, SyncGroup, deliver.
func (m *Member) joinAndSync(ctx context.Context) error {
	m.mu.Lock()
	held, protocol, joined := m.held, m.protocol, m.joined
	m.mu.Unlock()
	if joined && !protocol.Incremental() && (len(held.Connectors) > 0 || len(held.Tasks) > 0) {
		// Kafka's onJoinPrepare for the eager protocol: stop everything before rejoining.
		m.cfg.Listener.Revoked(ctx, held.Leader, held.Connectors, held.Tasks)
		m.setHeld(Assignment{})
	}
	join, err := m.join(ctx)
	if err != nil {
		return err
	}
	p, err := ParseProtocol(derefString(join.Protocol))
	if err != nil {
		return fmt.Errorf("%w: coordinator selected %q", kerr.InconsistentGroupProtocol, derefString(join.Protocol))
	}
	sync := kmsg.NewPtrSyncGroupRequest()
	sync.Group, sync.Generation, sync.MemberID = m.cfg.GroupID, join.Generation, join.MemberID
	sync.ProtocolType, sync.Protocol = kmsg.StringPtr(ProtocolType), join.Protocol
	var plan *Plan
	var members []JoinedMember
	if join.LeaderID == join.MemberID {
		plan, members, err = m.lead(ctx, join, p)
		if err != nil {
			return err
		}
		for id, a := range plan.Assignments {
			sync.GroupAssignment = append(sync.GroupAssignment,
				kmsg.SyncGroupRequestGroupAssignment{MemberID: id, MemberAssignment: EncodeAssignment(p, a)})
		}
	}
	resp, err := sync.RequestWith(ctx, m.client)
	if err != nil {
		return fmt.Errorf("SyncGroup: %w", unreachableError{err})
	}
	if err := kerr.ErrorForCode(resp.ErrorCode); err != nil {
		m.resetOn(err)
		return fmt.Errorf("SyncGroup: %w", err)
	}
	a, err := DecodeAssignment(p, resp.MemberAssignment)
	if err != nil {
		return fmt.Errorf("assignment from the leader: %w", err)
	}
	return m.deliver(ctx, join, p, a, plan, members)
}

func (m *Member) join(ctx context.Context) (*kmsg.JoinGroupResponse, error) {
	state := WorkerState{URL: m.cfg.URL, ConfigOffset: m.cfg.Config.Snapshot().Offset}
	m.mu.Lock()
	if m.protocol.Incremental() && (len(m.held.Connectors) > 0 || len(m.held.Tasks) > 0) {
		h := m.held
		state.Assignment = &h
	}
	memberID := m.memberID
	m.mu.Unlock()
	for {
		req := kmsg.NewPtrJoinGroupRequest()
		req.Group, req.MemberID, req.ProtocolType = m.cfg.GroupID, memberID, ProtocolType
		req.SessionTimeoutMillis = int32(m.cfg.SessionTimeout.Milliseconds())
		req.RebalanceTimeoutMillis = int32(m.cfg.RebalanceTimeout.Milliseconds())
		for _, p := range m.cfg.Protocol.Offered() {
			req.Protocols = append(req.Protocols, kmsg.JoinGroupRequestProtocol{Name: p.Name(), Metadata: EncodeMetadata(p, state)})
		}
		resp, err := req.RequestWith(ctx, m.client)
		if err != nil {
			return nil, fmt.Errorf("JoinGroup: %w", unreachableError{err})
		}
		err = kerr.ErrorForCode(resp.ErrorCode)
		switch {
		case errors.Is(err, kerr.MemberIDRequired):
			// KIP-394: the coordinator names the member; join again with that id.
			memberID = resp.MemberID
			continue
		case err != nil:
			m.resetOn(err)
			return nil, fmt.Errorf("JoinGroup: %w", err)
		}
		m.mu.Lock()
		m.memberID, m.generation = resp.MemberID, resp.Generation
		m.mu.Unlock()
		return resp, nil
	}
}

// resetOn forgets the member id when the coordinator no longer knows it, so the next join starts afresh.
func (m *Member) resetOn(err error) {
	if errors.Is(err, kerr.UnknownMemberID) || errors.Is(err, kerr.IllegalGeneration) || errors.Is(err, kerr.FencedInstanceID) {
		m.mu.Lock()
		m.memberID, m.generation = "", -1
		m.mu.Unlock()
	}
}

// lead decodes every member's metadata for the selected protocol and runs that protocol's assignor. A member
// whose metadata cannot be read (not a Connect worker, or a corrupt one) is left out of the assignment and gets
// an assignment with no work, so that one bad member neither stalls the group nor holds work nobody runs; the
// problem is logged. Kafka's leader would fail the rebalance instead, again and again.
func (m *Member) lead(ctx context.Context, join *kmsg.JoinGroupResponse, p Protocol) (*Plan, []JoinedMember, error) {
	r := Round{Leader: join.MemberID, Protocol: p, Generation: join.Generation}
	m.mu.Lock()
	r.LastCompletedGeneration = m.lastGen
	m.mu.Unlock()
	var unreadable []string
	for _, mem := range join.Members {
		s, err := DecodeMetadata(p, mem.ProtocolMetadata)
		if err != nil {
			m.log.Error("unreadable group member metadata; giving that member no work", "member", mem.MemberID, "error", err)
			unreadable = append(unreadable, mem.MemberID)
			continue
		}
		r.Members = append(r.Members, JoinedMember{ID: mem.MemberID, State: s, Metadata: mem.ProtocolMetadata})
	}
	var assignor Assignor = m.eager
	if p.Incremental() {
		assignor = m.incremental
	}
	plan, err := assignor.Assign(ctx, r, m.cfg.Config)
	if err != nil {
		return nil, nil, err
	}
	mine := plan.Assignments[join.MemberID]
	for _, id := range unreadable {
		plan.Assignments[id] = Assignment{Version: p, Error: mine.Error, Leader: mine.Leader, LeaderURL: mine.LeaderURL,
			ConfigOffset: mine.ConfigOffset}
	}
	return &plan, r.Members, nil
}

// deliver applies a SyncGroup assignment: revocations first, then the assignment (Kafka's onJoinComplete).
func (m *Member) deliver(ctx context.Context, join *kmsg.JoinGroupResponse, p Protocol, a Assignment, plan *Plan, members []JoinedMember) error {
	m.mu.Lock()
	held := m.held
	m.mu.Unlock()
	if !p.Incremental() {
		// An eager assignment is everything the worker runs. After an eager round the worker already stopped
		// everything before joining; after an incremental one (the group fell back to eager when a worker
		// offering only it joined) it must stop what the new assignment does not give back.
		stopC := slices.DeleteFunc(slices.Clone(held.Connectors), func(c string) bool { return slices.Contains(a.Connectors, c) })
		stopT := slices.DeleteFunc(slices.Clone(held.Tasks), func(t TaskID) bool { return slices.Contains(a.Tasks, t) })
		if len(stopC)+len(stopT) > 0 {
			m.cfg.Listener.Revoked(ctx, a.Leader, stopC, stopT)
		}
		held = Assignment{}
	}
	if len(a.RevokedConnectors) > 0 || len(a.RevokedTasks) > 0 {
		m.cfg.Listener.Revoked(ctx, a.Leader, a.RevokedConnectors, a.RevokedTasks)
	}
	// Kafka's onJoinComplete keeps the new assignment as the worker's snapshot, with what it already ran (less
	// the revoked) appended after the new work; the snapshot, revoked lists and delay included, is what the next
	// join's metadata carries, and its order is the order a leader revokes surplus in.
	kept := a
	kept.Connectors = append(slices.Clone(a.Connectors), slices.DeleteFunc(slices.Clone(held.Connectors),
		func(c string) bool { return slices.Contains(a.RevokedConnectors, c) })...)
	kept.Tasks = append(slices.Clone(a.Tasks), slices.DeleteFunc(slices.Clone(held.Tasks),
		func(t TaskID) bool { return slices.Contains(a.RevokedTasks, t) })...)
	held = kept
	m.mu.Lock()
	m.held, m.protocol, m.joined = held, p, true
	m.leaderID, m.leaderURL, m.lastGen = a.Leader, a.LeaderURL, join.Generation
	m.mu.Unlock()
	m.log.Info("joined group", "generation", join.Generation, "protocol", p.Name(), "leader", a.Leader,
		"connectors", len(held.Connectors), "tasks", len(held.Tasks), "error", a.Error, "delay", a.Delay)
	m.cfg.Listener.Assigned(ctx, Event{Generation: join.Generation, MemberID: join.MemberID, Protocol: p,
		Assignment: a, Connectors: held.Connectors, Tasks: held.Tasks, Plan: plan, Members: members})
	switch {
	case a.Error != NoError:
		// The leader was behind: the herder reads the config topic to the end; rejoin after it had the chance.
		m.RequestRejoin()
	case len(a.RevokedConnectors) > 0 || len(a.RevokedTasks) > 0:
		// Revoked work is reassigned in a follow-up rebalance, which the revoking member starts.
		m.RequestRejoin()
	case a.Delay > 0:
		m.scheduleRejoin(time.Duration(a.Delay) * time.Millisecond)
	}
	return nil
}

func (m *Member) setHeld(a Assignment) {
	m.mu.Lock()
	m.held = a
	m.mu.Unlock()
}

// scheduleRejoin arranges the rejoin the leader scheduled; heartbeatUntilRebalance honours it.
func (m *Member) scheduleRejoin(d time.Duration) {
	m.mu.Lock()
	m.rejoinAt = time.Now().Add(d)
	m.mu.Unlock()
}

// heartbeatUntilRebalance heartbeats every heartbeat.interval.ms until the coordinator announces a rebalance,
// a rejoin is requested or scheduled, or ctx ends.
func (m *Member) heartbeatUntilRebalance(ctx context.Context) error {
	tick := time.NewTicker(m.cfg.HeartbeatInterval)
	defer tick.Stop()
	var scheduled <-chan time.Time
	m.mu.Lock()
	at := m.rejoinAt
	m.mu.Unlock()
	if !at.IsZero() {
		t := time.NewTimer(time.Until(at))
		defer t.Stop()
		scheduled = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-m.rejoin:
			return nil
		case <-scheduled:
			m.mu.Lock()
			m.rejoinAt = time.Time{}
			m.mu.Unlock()
			return nil
		case <-tick.C:
		}
		gen, id := m.Generation()
		req := kmsg.NewPtrHeartbeatRequest()
		req.Group, req.Generation, req.MemberID = m.cfg.GroupID, gen, id
		resp, err := req.RequestWith(ctx, m.client)
		if err != nil {
			return unreachableError{err}
		}
		err = kerr.ErrorForCode(resp.ErrorCode)
		switch {
		case err == nil:
		case errors.Is(err, kerr.RebalanceInProgress):
			return nil
		default:
			m.resetOn(err)
			return err
		}
	}
}

// leave tells the coordinator this member is gone; best effort, with its own short deadline since Run's context
// has already ended.
func (m *Member) leave() {
	m.mu.Lock()
	id := m.memberID
	m.mu.Unlock()
	if id == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req := kmsg.NewPtrLeaveGroupRequest()
	req.Group, req.MemberID = m.cfg.GroupID, id
	req.Members = []kmsg.LeaveGroupRequestMember{{MemberID: id}}
	if _, err := req.RequestWith(ctx, m.client); err != nil {
		m.log.Warn("leaving the group", "error", err)
	}
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
