// Package storage keeps source connectors' offsets: where each source partition was read up to, as Kafka
// Connect's OffsetBackingStore does.
//
// An OffsetStore maps (connector, source partition) to the last committed source offset. Partitions and offsets
// are JSON-compatible maps (string keys; string, bool, integer, float64, nil, and nested []any / map[string]any
// values); integers read back as int64, as Kafka's JsonConverter reads them.
//
// Two stores exist today:
//
//   - Memory keeps offsets for the life of the process (tests, the embedded demo).
//   - File is Kafka's standalone offset file (offset.storage.file.filename): a Java-serialized
//     java.util.HashMap<byte[],byte[]> whose keys are the JsonConverter bytes of ["<connector>",{partition}] and
//     whose values are the bytes of {offset}. Sluice reads a file a Java standalone worker wrote and writes one it
//     reads back, so a standalone deployment can switch in either direction (testdata holds files written by
//     Kafka 4.3.1's FileOffsetBackingStore; scripts/oracle.sh OffsetFileGolden regenerates them).
//
// # Keys
//
// Kafka finds an offset by the exact bytes of its key, so the order of a partition map's keys matters to it. Go
// maps have no order; Sluice writes keys in the order a java.util.HashMap of the same keys iterates (bucket order
// of String.hashCode), which is what Kafka writes for the HashMaps connectors commonly build. Within Sluice,
// lookups compare partitions by content (PartitionKey re-encodes what it reads), so order never matters here.
package storage
