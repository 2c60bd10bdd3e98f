package cluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
)

// ProtocolType is the group protocol type every Kafka Connect worker joins with.
const ProtocolType = "connect"

// Protocol is one of the group sub-protocols a worker offers: Kafka's ConnectProtocolCompatibility.
type Protocol int16

// The protocols, valued as their wire versions (the version in the header of their metadata and assignments).
const (
	Eager      Protocol = 0 // "default": stop everything, then reassign everything
	Compatible Protocol = 1 // "compatible": incremental cooperative rebalancing
	Sessioned  Protocol = 2 // "sessioned": compatible, plus signed requests between workers
)

// Name is the protocol's name on the wire (JoinGroup, SyncGroup): "default", "compatible" or "sessioned".
func (p Protocol) Name() string {
	switch p {
	case Eager:
		return "default"
	case Compatible:
		return "compatible"
	case Sessioned:
		return "sessioned"
	}
	return fmt.Sprintf("Protocol(%d)", int16(p))
}

// String is the protocol's connect.protocol value: "eager", "compatible" or "sessioned" (Kafka's
// ConnectProtocolCompatibility.toString). Note that eager's wire name is "default".
func (p Protocol) String() string {
	if p == Eager {
		return "eager"
	}
	return p.Name()
}

// Incremental reports whether the protocol rebalances incrementally (versions 1 and 2).
func (p Protocol) Incremental() bool { return p >= Compatible }

// ParseProtocol reads a protocol's wire name, as a JoinGroup response names the selected protocol (Kafka's
// fromProtocol, case-insensitive).
func ParseProtocol(name string) (Protocol, error) {
	for _, p := range []Protocol{Eager, Compatible, Sessioned} {
		if equalFoldASCII(name, p.Name()) {
			return p, nil
		}
	}
	return 0, fmt.Errorf("Not found Connect protocol compatibility mode for protocol: %s", name)
}

// ParseCompatibility reads a connect.protocol value: "eager", "compatible" or "sessioned", in any case (Kafka's
// ConnectProtocolCompatibility.compatibility). "default", the eager protocol's wire name, is not a valid value,
// as in Kafka.
func ParseCompatibility(value string) (Protocol, error) {
	for _, p := range []Protocol{Eager, Compatible, Sessioned} {
		if equalFoldASCII(value, p.String()) {
			return p, nil
		}
	}
	return 0, fmt.Errorf("Unknown Connect protocol compatibility mode: %s", value)
}

// Offered lists the protocols a worker configured with connect.protocol=p offers, in Kafka's order of preference
// (WorkerCoordinator.metadata): the most capable first, down to eager.
func (p Protocol) Offered() []Protocol {
	switch p {
	case Sessioned:
		return []Protocol{Sessioned, Compatible, Eager}
	case Compatible:
		return []Protocol{Compatible, Eager}
	}
	return []Protocol{Eager}
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// TaskID names one task of a connector (Kafka's ConnectorTaskId).
type TaskID struct {
	Connector string
	Task      int32
}

func (t TaskID) String() string { return fmt.Sprintf("%s-%d", t.Connector, t.Task) }

// connectorTask is the task number that stands for the connector itself in an assignment's task lists.
const connectorTask = -1

// Assignment error codes (ConnectProtocol.Assignment).
const (
	NoError        int16 = 0
	ConfigMismatch int16 = 1 // the leader could not reconcile config offsets: read to the end and rejoin
)

// WorkerState is a member's subscription metadata.
type WorkerState struct {
	URL          string
	ConfigOffset int64
	// Assignment is what the worker holds, sent with versions 1 and 2 so that a new leader knows the current
	// distribution; nil when it holds none (Kafka sends a null allocation).
	Assignment *Assignment
}

// Assignment is what the leader gives one member: Kafka's ConnectProtocol.Assignment and ExtendedAssignment.
type Assignment struct {
	// Version is the header version: the protocol the assignment was encoded for.
	Version      Protocol
	Error        int16
	Leader       string // the leader's member id
	LeaderURL    string
	ConfigOffset int64
	Connectors   []string
	Tasks        []TaskID
	// Revoked, and Delay, exist only in versions 1 and 2.
	RevokedConnectors []string
	RevokedTasks      []TaskID
	// Delay is how long, in ms, until the rebalance the leader scheduled for workers that left (0: none).
	Delay int32
}

// EncodeMetadata returns the JoinGroup metadata a worker in state s sends for protocol p.
func EncodeMetadata(p Protocol, s WorkerState) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(p))
	b = appendString(b, s.URL)
	b = binary.BigEndian.AppendUint64(b, uint64(s.ConfigOffset))
	if !p.Incremental() {
		return b
	}
	if s.Assignment == nil {
		return binary.BigEndian.AppendUint32(b, 0xFFFFFFFF) // null allocation
	}
	alloc := EncodeAssignment(p, *s.Assignment)
	b = binary.BigEndian.AppendUint32(b, uint32(len(alloc)))
	return append(b, alloc...)
}

// EncodeAssignment returns the SyncGroup assignment bytes of a for protocol p. a.Version is ignored: the header
// carries p, as in Kafka, where the leader encodes for the protocol the group selected.
func EncodeAssignment(p Protocol, a Assignment) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(p))
	b = binary.BigEndian.AppendUint16(b, uint16(a.Error))
	b = appendString(b, a.Leader)
	b = appendString(b, a.LeaderURL)
	b = binary.BigEndian.AppendUint64(b, uint64(a.ConfigOffset))
	// Kafka collects the assigned connectors through a HashSet, so their order on the wire is that set's; the
	// revoked ones keep their order.
	b = appendConnectorTasks(b, hashSetOrder(a.Connectors), a.Tasks)
	if !p.Incremental() {
		return b
	}
	b = appendConnectorTasks(b, distinct(a.RevokedConnectors), a.RevokedTasks)
	return binary.BigEndian.AppendUint32(b, uint32(a.Delay))
}

// appendConnectorTasks writes Kafka's array of (connector, [task]) grouped by connector in first-seen order,
// connectors (as task -1) before tasks.
func appendConnectorTasks(b []byte, connectors []string, tasks []TaskID) []byte {
	type group struct {
		connector string
		tasks     []int32
	}
	var groups []group
	index := make(map[string]int, len(connectors)+len(tasks))
	add := func(c string, task int32) {
		i, ok := index[c]
		if !ok {
			i = len(groups)
			index[c] = i
			groups = append(groups, group{connector: c})
		}
		groups[i].tasks = append(groups[i].tasks, task)
	}
	for _, c := range connectors {
		add(c, connectorTask)
	}
	for _, t := range tasks {
		add(t.Connector, t.Task)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		b = appendString(b, g.connector)
		b = binary.BigEndian.AppendUint32(b, uint32(len(g.tasks)))
		for _, t := range g.tasks {
			b = binary.BigEndian.AppendUint32(b, uint32(t))
		}
	}
	return b
}

// hashSetOrder is the iteration order of new java.util.HashSet<>(list): sized for the whole list (duplicates
// included) up front, buckets by spread String.hashCode, insertion order within a bucket.
func hashSetOrder(list []string) []string {
	if len(list) < 2 {
		return list
	}
	want := max(int(float32(len(list))/0.75)+1, 16)
	capacity := 1
	for capacity < want {
		capacity *= 2
	}
	type entry struct {
		s      string
		bucket uint32
	}
	entries := make([]entry, 0, len(list))
	for _, s := range distinct(list) {
		h := uint32(javaorder.StringHash(s))
		entries = append(entries, entry{s, (h ^ h>>16) & uint32(capacity-1)})
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return int(a.bucket) - int(b.bucket) })
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.s
	}
	return out
}

func distinct(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := make([]string, 0, len(list))
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(s)))
	return append(b, s...)
}

// ErrMalformed is wrapped by every decoding error: the bytes are not Connect protocol data.
var ErrMalformed = errors.New("malformed Connect protocol data")

// DecodeMetadata reads a member's metadata for the protocol p the group selected. Like Kafka, it reads any
// version at or above the one p needs as that version and ignores trailing bytes, so newer workers can add
// fields.
func DecodeMetadata(p Protocol, data []byte) (WorkerState, error) {
	r := reader{b: data}
	version := r.int16()
	s := WorkerState{URL: r.string(), ConfigOffset: r.int64()}
	if p.Incremental() && r.err == nil && len(r.b) > 0 {
		if alloc, present := r.nullableBytes(); present && r.err == nil {
			a, err := DecodeAssignment(p, alloc)
			if err != nil {
				return WorkerState{}, err
			}
			s.Assignment = &a
		}
	}
	if err := r.done(version); err != nil {
		return WorkerState{}, err
	}
	return s, nil
}

// DecodeAssignment reads a SyncGroup assignment for the protocol p the group selected. Versions 1 and 2 tolerate
// missing trailing fields as Kafka does (no revoked lists, delay 0).
func DecodeAssignment(p Protocol, data []byte) (Assignment, error) {
	r := reader{b: data}
	version := r.int16()
	a := Assignment{Version: Protocol(version), Error: r.int16(), Leader: r.string(), LeaderURL: r.string(),
		ConfigOffset: r.int64()}
	if !p.Incremental() {
		a.Connectors, a.Tasks = r.connectorTasks()
		return a, r.done(version)
	}
	if len(r.b) > 0 {
		a.Connectors, a.Tasks = r.nullableConnectorTasks()
	}
	if len(r.b) > 0 {
		a.RevokedConnectors, a.RevokedTasks = r.nullableConnectorTasks()
	}
	if len(r.b) > 0 {
		a.Delay = r.int32()
	}
	return a, r.done(version)
}

// reader decodes Kafka's protocol types; the first problem sticks in err and later reads return zero values.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int, what string) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("%w: %s needs %d bytes, %d remain", ErrMalformed, what, n, len(r.b))
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) int16() int16 {
	if v := r.take(2, "int16"); v != nil {
		return int16(binary.BigEndian.Uint16(v))
	}
	return 0
}

func (r *reader) int32() int32 {
	if v := r.take(4, "int32"); v != nil {
		return int32(binary.BigEndian.Uint32(v))
	}
	return 0
}

func (r *reader) int64() int64 {
	if v := r.take(8, "int64"); v != nil {
		return int64(binary.BigEndian.Uint64(v))
	}
	return 0
}

func (r *reader) string() string {
	n := r.int16()
	if r.err == nil && n < 0 {
		r.err = fmt.Errorf("%w: string length %d", ErrMalformed, n)
		return ""
	}
	return string(r.take(int(n), "string"))
}

func (r *reader) nullableBytes() ([]byte, bool) {
	n := r.int32()
	if r.err != nil || n == -1 {
		return nil, false
	}
	v := r.take(int(n), "bytes")
	return v, r.err == nil
}

// arrayLen reads an array's length; -1 (null) only when nullable. The length is checked against the bytes left
// so that a corrupt length cannot make the decoder allocate gigabytes.
func (r *reader) arrayLen(nullable bool, elemMin int) int {
	n := r.int32()
	if r.err != nil || (nullable && n == -1) {
		return 0
	}
	if n < 0 || int(n)*elemMin > len(r.b) {
		r.err = fmt.Errorf("%w: array of %d elements in %d bytes", ErrMalformed, n, len(r.b))
		return 0
	}
	return int(n)
}

func (r *reader) connectorTasks() ([]string, []TaskID) { return r.groups(false) }

func (r *reader) nullableConnectorTasks() ([]string, []TaskID) { return r.groups(true) }

func (r *reader) groups(nullable bool) (connectors []string, tasks []TaskID) {
	n := r.arrayLen(nullable, 6)
	for range n {
		c := r.string()
		m := r.arrayLen(false, 4)
		for range m {
			if t := r.int32(); t == connectorTask {
				connectors = append(connectors, c)
			} else {
				tasks = append(tasks, TaskID{Connector: c, Task: t})
			}
		}
		if r.err != nil {
			return nil, nil
		}
	}
	return connectors, tasks
}

func (r *reader) done(version int16) error {
	if r.err != nil {
		return r.err
	}
	if version < 0 {
		// Kafka's checkVersionCompatibility: every version from 0 up reads as the one it knows.
		return fmt.Errorf("%w: unsupported subscription version: %d", ErrMalformed, version)
	}
	return nil
}
