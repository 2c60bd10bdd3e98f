// Package w5 is the W5 benchmark: the REST API of a Sluice distributed worker against the reference Apache Kafka
// Connect 4.3.1 distributed worker, both running at once on one real broker, each alone in its own group
// (group.id) with its own config, offset and status topics. The harness is the test TestW5 behind the `bench`
// build tag; run it with bench/w5.sh.
//
// Each worker first gets BENCH_CONNECTORS (default 10) FileStreamSource connectors (tasks.max=1) reading empty
// files, so that every connector and task is RUNNING and idle. Then, per case and concurrency (1 and 16), each
// server gets BENCH_WARMUP (default 2000) untimed requests, then BENCH_REQUESTS (default 2000) timed ones, from client goroutines that each send the next request
// as soon as the previous one answered (closed loop):
//
//	GET /connectors/{c}/status   c cycles through the connectors
//	GET /connectors
//	PUT /connectors/{c}/config   the connector's own config again: a no-op reconfiguration (Kafka still writes
//	                             it to the config topic and restarts the connector, and answers 200)
//
// The timed requests go in BENCH_BLOCKS (default 4) blocks, the servers' order reversed every block (A B B A),
// so that load from outside the benchmark — other processes on the machine, the broker's housekeeping — falls
// on both workers alike. A request's latency is from just before the client sends it to the end of its response
// body, over kept-alive connections; one Go client measures every server. Reported per case: p50 and p99
// (nearest rank), mean and max, and the status codes seen.
//
// A third server, the floor (bench/w5/floor: Go's net/http answering every request at once with a fixed
// status-sized body), takes the same requests in the same blocks. It shows the client's and the kernel's share
// of every number: on a 2-core machine the client's 16 goroutines and the server share the CPUs, so at
// concurrency 16 no server can be measured below the floor, and a ratio to Java cannot exceed Java's figure
// over the floor's.
//
// Then create → RUNNING, BENCH_CREATES times per worker (default 5, the workers alternating): POST /connectors
// for a new FileStreamSource, then GET /connectors/{c}/status every 2 ms until the connector and all its tasks
// are RUNNING; the median is reported. Last, each worker's RSS (VmRSS), idle after the run. The whole sequence
// runs BENCH_ROUNDS times (default 3), the starting order alternating, and the table gives the medians over the
// rounds: in the first round the JVM is still compiling (its GETs are about twice as slow as in the later ones,
// warm-up notwithstanding), which the median leaves out as a steady-state comparison should.
//
// Targets: p99 at least 3x lower than Java's for every case and concurrency; Sluice's create → RUNNING at most
// 1 s. The Java worker runs with the flags and heap of Kafka's connect-distributed.sh.
package w5
