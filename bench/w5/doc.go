// Package w5 is the W5 benchmark: the REST API of a Sluice distributed worker against the reference Apache Kafka
// Connect 4.3.1 distributed worker, both running at once on one real broker, each alone in its own group
// (group.id) with its own config, offset and status topics. The harness is the test TestW5 behind the `bench`
// build tag; run it with bench/w5.sh.
//
// Each worker first gets BENCH_CONNECTORS (default 10) FileStreamSource connectors (tasks.max=1) reading empty
// files, so that every connector and task is RUNNING and idle. Then, per worker and per case, BENCH_WARMUP
// (default 500) requests warm the server and BENCH_REQUESTS (default 2000) are timed, from client goroutines
// that each send the next request as soon as the previous one answered (closed loop), at concurrency 1 and 16:
//
//	GET /connectors/{c}/status   c cycles through the connectors
//	GET /connectors
//	PUT /connectors/{c}/config   the connector's own config again: a no-op reconfiguration
//
// A request's latency is from just before the client sends it to the end of its response body, over kept-alive
// connections (one per client goroutine); the same Go client measures both workers. Reported: p50 and p99
// (nearest rank), mean and max, and the status codes seen. Then create → RUNNING, BENCH_CREATES times (default
// 5): POST /connectors for a new FileStreamSource, then GET /connectors/{c}/status every 2 ms until the
// connector and all its tasks are RUNNING; the median is reported. Last, each worker's RSS (VmRSS), idle after
// the run. With BENCH_ROUNDS above 1 the whole sequence repeats, the workers' order alternating, and the table
// gives medians over the rounds.
//
// Targets: p99 at least 3x lower than Java's for every case and concurrency; Sluice's create → RUNNING at most
// 1 s. The Java worker runs with the flags and heap of Kafka's connect-distributed.sh.
package w5
