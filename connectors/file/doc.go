// Package file is Kafka's FileStream connectors: FileStreamSourceConnector reads lines of a file (or standard
// input) into a topic, FileStreamSinkConnector writes record values as lines to a file (or standard output). Their
// class names (org.apache.kafka.connect.file.*), configuration keys (file, topic, batch.size; topics for the sink)
// and source offsets ({"filename": name} → {"position": N}) are Kafka's, so an offsets file a Java standalone
// worker kept for these connectors carries over.
//
// Deliberate differences from Kafka 4.3.1:
//   - position counts bytes. Kafka counts UTF-16 characters but seeks by bytes on restart, so for non-ASCII
//     files its position is wrong; for ASCII files (and every file without multi-byte characters) the two agree.
//   - the sink writes each Put's lines with one write when Put returns (Kafka writes through record by record),
//     and also fsyncs its file when offsets are committed (PreCommit), so a committed offset means the lines are
//     on disk (Invariant 2); Kafka only flushes the Java stream.
//   - a byte-array value prints as "[B@" and a hex number, as Java's Object.toString, but the number is a cheap
//     per-task sequence rather than a JVM identity hash (which nothing can reproduce or rely on).
package file
