// Package distributed holds the multi-worker integration tests of Sluice's distributed mode, run with real
// processes on a real Apache Kafka 4.3.1 broker: `sluice distributed worker.properties` workers (the cmd/sluice
// binary) and the reference Java workers (ConnectDistributed) in the same groups. They prove what Kafka Connect
// users rely on when they swap workers:
//
//   - three Sluice workers spread connectors and tasks evenly and answer every REST call on any worker
//     (followers forward to the leader);
//   - a worker killed with SIGKILL keeps its connectors and tasks until scheduled.rebalance.max.delay.ms,
//     then the survivors run them, with the statuses Kafka's workers show (measured on Java workers in the
//     same test);
//   - a FileStream source → sink pipeline survives a kill -9, a rolling restart and a broker restart with no
//     line lost; duplicates are counted and bounded by the uncommitted window measured at the kill;
//   - takeover both ways: Sluice workers continue what Java workers left in the internal topics, and Java
//     workers continue what Sluice left;
//   - a Sluice worker joining a running group of Java workers;
//   - garbage in the internal topics, misconfigured topics and conflicting worker configs.
//
// Run them with
//
//	go test -tags integration -p 1 -v ./integration/distributed/
//
// SLUICE_DIST_LINES sets the pipeline test's line count (default 1,000,000). The tests carry the integration
// build tag; this package has no other code.
package distributed
