// Package primitiveconv holds Kafka's converters for single primitive values (package
// org.apache.kafka.connect.converters): ByteArrayConverter passes bytes through, and the Integer, Long, Short,
// Float, Double and Boolean converters write one value in the big-endian layout of Kafka's serializers. Each is
// also a header converter, and each accepts and rejects exactly what Kafka's does, with Kafka's messages.
package primitiveconv
