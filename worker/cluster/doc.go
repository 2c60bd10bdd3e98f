// Package cluster is Kafka Connect's group membership for distributed mode: the "connect" group protocol's wire
// formats, the leader's assignors, a group member over the Kafka group coordinator, and the session keys that sign
// requests between workers. The distributed herder builds on it; nothing here reads or writes the internal topics.
//
// # Wire formats
//
// A worker joins the group with protocol type "connect" and offers, in Kafka's order of preference, the protocols
// its connect.protocol allows (Protocol): "sessioned" (version 2), "compatible" (version 1), "default" (eager,
// version 0). The coordinator picks the one every member offers that most members prefer. Each protocol's
// metadata (EncodeMetadata) carries the worker's REST URL and config-topic offset and, for versions 1 and 2, the
// assignment the worker holds; the leader's SyncGroup assignments (EncodeAssignment) carry the error, the leader's
// id and URL, the config offset, the connectors and tasks assigned and, for versions 1 and 2, those revoked and
// the delay before a scheduled rebalance. The bytes are Kafka's ConnectProtocol and
// IncrementalCooperativeConnectProtocol bytes, checked against Kafka's own classes in testdata/protocol.json
// (scripts/oracle.sh ConnectProtocolGolden worker/cluster/testdata).
//
// # Membership
//
// A Member joins the group through a franz-go client (JoinGroup with protocol type "connect" and the offered
// protocols, SyncGroup, Heartbeat every heartbeat.interval.ms, LeaveGroup when Run ends), runs the assignor when
// the coordinator makes it leader, and tells its Listener what to stop (Revoked: everything before an eager
// rebalance, the leader's revocations in an incremental one) and what it now runs (Assigned). It rejoins on its
// own after revocations, after a ConfigMismatch and when the leader's scheduled delay expires; the herder asks for
// a rejoin with RequestRejoin. Run owns the membership and calls the Listener from its own goroutine.
//
// # Assignors
//
// The member the coordinator elects leader assigns the work with the Assignor of the selected protocol:
// EagerAssignor (Kafka's EagerAssignor: everything revoked, then dealt round-robin) or IncrementalAssignor (Kafka's
// IncrementalCooperativeAssignor: members keep what they run, new and lost work goes to the least loaded, surplus
// is revoked and reassigned in a follow-up rebalance, and work of a member that left waits up to
// scheduled.rebalance.max.delay.ms for it to return). Both read the config topic through a ConfigSource and
// answer ConfigMismatch when the leader is behind a member even after reading to the end. IncrementalAssignor
// reproduces Kafka's rounds exactly, order included: testdata/assignor.json holds scenarios run through Kafka's
// own assignor (scripts/oracle.sh ConnectProtocolAssignorGolden worker/cluster/testdata).
//
// # Request signing
//
// With the "sessioned" protocol the leader distributes a session key through the config topic, and workers sign
// the requests they forward to each other (POST /connectors/{c}/tasks, PUT /connectors/{c}/fence) with it:
// SessionKey.Sign and VerifySignature implement Kafka's InternalRequestSignature headers.
package cluster
