// Package w1 is the W1 benchmark: an SMT chain in a sink connector, Sluice against the reference Apache Kafka
// Connect 4.3.1 worker on the same broker and machine, run alternately and reported as ratios. The harness is the
// test TestW1 behind the `bench` build tag; run it with bench/w1.sh.
//
// W1: N records (default 1,000,000) of about 1 KiB of schemaless JSON (a connected-car sensor reading whose VIN,
// sequence number and timestamp vary), already on a one-partition topic, drained by a FileStreamSink (one task)
// through JsonConverter (schemas.enable=false) and the chain
//
//	InsertField$Value        static.field=pipeline, static.value=w1
//	ReplaceField$Value       renames=ts:timestamp,seq:sequence, exclude=note,alerts
//	TimestampConverter$Value field=timestamp, target.type=string, format=yyyy-MM-dd'T'HH:mm:ss.SSSZ
//
// into a file. Measured as W0 is (bench/workerbench): records/s from connector creation until the file holds N
// lines, the steady rate between the first line and 99% of them, CPU-seconds per million records of the worker
// process (utime+stime from /proc/<pid>/stat over the run), peak RSS (VmHWM). Targets: Sluice at least 2x Java's
// records/s and at least 2.5x less CPU per record. The Java worker runs with the flags and heap of Kafka's
// connect-standalone.sh; the first line of each sink file is checked to show every stage's effect.
package w1
