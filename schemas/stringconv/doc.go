// Package stringconv holds Kafka's string converters: StringConverter (org.apache.kafka.connect.storage.
// StringConverter), which writes any value as its Java toString in a configurable charset, and
// SimpleHeaderConverter (org.apache.kafka.connect.storage.SimpleHeaderConverter), Kafka Connect's default header
// converter, which writes values as Kafka's Values.convertToString and reads them back with Values.parseString.
//
// Both produce and accept exactly the bytes the JVM worker does, including how malformed input decodes (Java's
// replacement rules, not Go's) and which charset names are accepted.
package stringconv
