"""Drives Sluice's embedded Schema Registry with confluent-kafka's Python client, an independent implementation.

usage: python_clients.py REGISTRY_URL BOOTSTRAP IN_TOPIC OUT_TOPIC COUNT

1. Registry API: register, fetch by id, look up, latest version, versions, compatibility test and config,
   soft and permanent subject deletes, Confluent's error codes for unknown ids and subjects.
2. Reads COUNT records from IN_TOPIC (written by Sluice's AvroConverter) with AvroDeserializer.
3. Writes COUNT records to OUT_TOPIC with AvroSerializer (auto-registering OUT_TOPIC-value).

Prints one JSON object on stdout: {"consumed": [...], "produced": [...], "checks": N}. Any mismatch exits 1.
"""
import json
import sys

from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.serialization import MessageField, SerializationContext

READING = {
    "type": "record", "name": "Reading", "namespace": "py",
    "fields": [
        {"name": "sensor", "type": "string"},
        {"name": "value", "type": "double"},
        {"name": "count", "type": "int"},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "note", "type": ["null", "string"], "default": None},
    ],
}
INCOMPATIBLE = {"type": "record", "name": "Reading", "namespace": "py", "fields": [{"name": "sensor", "type": "long"}]}

checks = 0


def check(cond, what):
    global checks
    if not cond:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    checks += 1


def expect_error(fn, code, what):
    try:
        fn()
    except SchemaRegistryError as e:
        check(e.error_code == code, "%s: error code %s, want %s (%s)" % (what, e.error_code, code, e))
        return
    check(False, what + ": no error")


def registry_api(sr):
    subject = "py-api-value"
    schema = Schema(json.dumps(READING), "AVRO")
    sid = sr.register_schema(subject, schema)
    check(sr.register_schema(subject, schema) == sid, "re-registering gives the same id")
    fetched = sr.get_schema(sid)
    check(json.loads(fetched.schema_str)["name"] in ("Reading", "py.Reading"), "get_schema returns the schema")
    reg = sr.lookup_schema(subject, schema)
    check(reg.schema_id == sid and reg.version == 1 and reg.subject == subject, "lookup_schema")
    latest = sr.get_latest_version(subject)
    check(latest.schema_id == sid and latest.version == 1, "get_latest_version")
    check(sr.get_versions(subject) == [1], "get_versions")
    check(not sr.test_compatibility(subject, Schema(json.dumps(INCOMPATIBLE), "AVRO")), "incompatible schema detected")
    expect_error(lambda: sr.register_schema(subject, Schema(json.dumps(INCOMPATIBLE), "AVRO")), 409,
                 "registering an incompatible schema")
    sr.set_compatibility(subject, "NONE")
    check(sr.get_compatibility(subject) == "NONE", "subject compatibility set")
    check(subject in sr.get_subjects(), "get_subjects lists the subject")
    expect_error(lambda: sr.get_schema(987654), 40403, "unknown schema id")
    expect_error(lambda: sr.get_latest_version("py-missing"), 40401, "unknown subject")
    check(sr.delete_subject(subject) == [1], "soft delete")
    check(sr.delete_subject(subject, permanent=True) == [1], "permanent delete")
    check(subject not in sr.get_subjects(), "deleted subject gone")


def main():
    url, bootstrap, in_topic, out_topic, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    sr = SchemaRegistryClient({"url": url})
    registry_api(sr)

    deser = AvroDeserializer(sr)
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "py-" + in_topic,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([in_topic])
    consumed = []
    polls = 0
    while len(consumed) < count and polls < 300:
        polls += 1
        msg = consumer.poll(0.2)
        if msg is None:
            continue
        check(msg.error() is None, "consume: %s" % msg.error())
        consumed.append(deser(msg.value(), SerializationContext(in_topic, MessageField.VALUE)))
    consumer.close()
    check(len(consumed) == count, "consumed %d of %d records" % (len(consumed), count))

    ser = AvroSerializer(sr, json.dumps(READING))
    producer = Producer({"bootstrap.servers": bootstrap})
    produced = []
    for i in range(count):
        rec = {"sensor": "s-%d" % i, "value": i * 1.5, "count": i, "tags": ["a", "t%d" % i],
               "note": None if i % 2 == 0 else "odd"}
        producer.produce(out_topic, value=ser(rec, SerializationContext(out_topic, MessageField.VALUE)))
        produced.append(rec)
    check(producer.flush(30) == 0, "all records delivered")

    print(json.dumps({"consumed": consumed, "produced": produced, "checks": checks}))


if __name__ == "__main__":
    main()
