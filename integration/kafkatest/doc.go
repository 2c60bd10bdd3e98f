// Package kafkatest is Sluice's real-Kafka test bed: it runs the reference implementation — an Apache Kafka
// 4.3.1 broker and the Apache Kafka Connect 4.3.1 worker — as child JVMs on 127.0.0.1, for integration
// tests, compatibility oracles and benchmarks. It is plain Go with no build tag so that tests carrying the
// `integration` tag in any package can import it; importing it starts nothing.
//
// # Brokers
//
// StartBroker formats a single-node KRaft cluster (combined broker and controller) in t.TempDir() with
// Kafka's storage tool, runs kafka.Kafka on free loopback ports, and returns once a Metadata request lists
// the broker. Every call is an independent cluster (two calls give a source and a target for replication
// tests). The broker stops in t.Cleanup: SIGTERM, then SIGKILL after 20 s.
//
//	b := kafkatest.StartBroker(t, kafkatest.WithAutoCreateTopics(true))
//	b.CreateTopic(t, "sensors", 3, map[string]string{"cleanup.policy": "compact"})
//	b.Produce(t, "sensors", kafkatest.Record{Key: []byte("k"), Value: []byte("v")})
//	got := b.Consume(t, "sensors", 1)   // raw key, value, headers, partition, offset
//	all := b.ReadAll(t, "connect-configs") // everything on the topic now
//
// Starting a broker costs about 1.2 s on a 2-core machine once the class-data archives are cached (about
// 2 s on the first run), so a test package normally shares one:
//
//	func TestMain(m *testing.M) { kafkatest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		b := kafkatest.SharedBroker(t) // started on first use, stopped by Main
//		topic := kafkatest.Name(t, "in") // tests sharing a broker use their own topics and groups
//		...
//	}
//
// Client and Admin hand out franz-go clients for anything the helpers do not cover (consumer groups,
// transactions, manual partitioning). Stop, Kill and Restart exercise broker outages.
//
// # The reference Connect worker
//
// StartConnectWorker runs org.apache.kafka.connect.cli.ConnectStandalone or ConnectDistributed with the Kafka
// jars on the classpath (so the FileStream and MirrorMaker 2 connectors need no plugin.path), its REST API on
// a free port, and returns once GET / reports the version and GET /health says the worker is ready (about
// 1.7 s standalone, 2-3 s distributed). Worker.URL is the REST base URL; Worker.Props gives the internal
// topic names and group.id it runs with.
//
//	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed,
//		map[string]string{"offset.flush.interval.ms": "1000"})
//	resp, err := http.Get(w.URL() + "/connector-plugins")
//
// # JVMs, jars and logs
//
// Java 17+ comes from $JAVA_HOME or PATH; the jars from scripts/deps.sh, which this package runs once per
// test binary (it is idempotent and fills an empty cache from Maven Central). If Java or Maven is missing,
// the test fails and says what to install; bash scripts/test.sh installs both when run as root.
//
// By default the JVMs get -Xmx512m and C1-only JIT (-XX:TieredStopAtLevel=1), which start fastest and change
// no Kafka behaviour. Benchmarks must instead pass WithJVMFlags / WorkerJVMFlags with KafkaScriptJVMFlags, the
// flags Kafka's own scripts use. JVM class-data archives are kept in $SLUICE_CACHE/cds to cut start-up
// (SLUICE_KAFKATEST_CDS=off disables them); SLUICE_KAFKATEST_JVM_OPTS appends flags to every JVM.
//
// Each JVM's stdout, stderr and log4j2 output (INFO) go to a file in its directory (LogPath); nothing reaches
// the test's output unless the test fails, in which case the last 50 lines of each service's log are
// printed. The shared broker's directory is kept when a test failed. If the test binary dies, the kernel
// kills its JVMs (Pdeathsig), so no broker outlives a timed-out test run.
package kafkatest
