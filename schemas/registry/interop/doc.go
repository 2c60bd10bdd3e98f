// Package interop proves the embedded Schema Registry against independent clients on a real Kafka 4.3.1
// broker: Go's github.com/riferrei/srclient and Python's confluent-kafka (SchemaRegistryClient, AvroSerializer,
// AvroDeserializer, Producer, Consumer), with Sluice's AvroConverter on the other side of the topics. The tests
// carry the integration build tag:
//
//	go test -tags integration ./schemas/registry/interop/
//
// The Python packages are pinned in testdata/requirements.txt and installed into a virtual environment in
// $SLUICE_CACHE (default $HOME/.cache/sluice), created on first use; scripts/test.sh prepares it too.
package interop
