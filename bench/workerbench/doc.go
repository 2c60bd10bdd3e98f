// Package workerbench is the side-by-side benchmark of a Sluice worker and the reference Apache Kafka Connect
// 4.3.1 worker on the same broker and the same machine, run alternately and reported as ratios. Its harness is
// the test TestWorkerBench behind the `bench` build tag, so ordinary test runs never start it; run it with
// bench/run.sh.
//
// Workloads:
//
//	W0  N records (default 1,000,000) of 1 KiB, uncompressed, already on a one-partition topic, drained by a
//	    FileStreamSink connector (one task, ByteArrayConverter for keys and values, worker defaults otherwise)
//	    into a file: records/s from connector creation until the file holds N lines, the steady rate between
//	    the first line and 99% of them (no consumer group join), CPU-seconds per million
//	    records (utime+stime of the worker process from /proc/<pid>/stat over the whole window), and peak RSS
//	    (VmHWM).
//	W6  exec → REST ready (Sluice: from exec until GET / answers 200, polled every millisecond; Java: from the
//	    JVM's start time in /proc/<pid>/stat until its log says "Kafka Connect started", after the REST
//	    resources are up), and idle RSS one second after ready.
//
// The Java worker runs with the flags and heap of Kafka's own connect-standalone.sh (kafkatest's
// KafkaScriptJVMFlags, -Xms256m -Xmx2g) and without the class-data archives kafkatest uses to speed up tests
// (bench/run.sh sets SLUICE_KAFKATEST_CDS=off): the baseline is what a user of Kafka's scripts gets.
package workerbench
