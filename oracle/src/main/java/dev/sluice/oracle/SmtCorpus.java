package dev.sluice.oracle;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.sluice.oracle.SmtGolden.Rec;
import static dev.sluice.oracle.SmtGolden.map;
import static dev.sluice.oracle.SmtGolden.struct;

/**
 * The cases of SmtGolden: payloads (schema and schemaless, flat and nested, every primitive and logical type,
 * nulls, defaults, unicode) put in the key or the value of a record, run through every built-in SMT in several
 * configurations; invalid configurations; predicates.
 */
final class SmtCorpus {
    private SmtCorpus() {}

    // ---- payloads ----

    static final Schema GEO = SchemaBuilder.struct().name("Geo").optional()
            .field("lat", Schema.FLOAT64_SCHEMA).field("lon", Schema.FLOAT64_SCHEMA).build();
    static final Schema ADDRESS = SchemaBuilder.struct().name("com.example.Address").optional()
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", SchemaBuilder.string().optional().defaultValue("00000").build())
            .field("geo", GEO)
            .build();
    static final Schema DECIMAL2 = Decimal.builder(2).optional().build();
    static final Schema DATE = Date.builder().optional().build();
    static final Schema TIME = Time.builder().optional().build();
    static final Schema TIMESTAMP = Timestamp.builder().optional().build();

    /** A flat struct of every primitive and logical type, no maps (Flatten accepts it). */
    static final Schema FLAT = SchemaBuilder.struct().name("com.example.Flat").version(2).doc("every type")
            .parameter("p", "v")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("nick", Schema.OPTIONAL_STRING_SCHEMA)
            .field("age", SchemaBuilder.int32().optional().defaultValue(18).build())
            .field("small", Schema.INT8_SCHEMA)
            .field("medium", Schema.OPTIONAL_INT16_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("active", SchemaBuilder.bool().defaultValue(true).build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("price", DECIMAL2)
            .field("born", DATE)
            .field("wake", TIME)
            .field("seen", TIMESTAMP)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("code", Schema.OPTIONAL_STRING_SCHEMA)
            .field("epoch", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    /** Nested structs (and a map field, which Flatten refuses). */
    static final Schema NESTED = SchemaBuilder.struct().name("com.example.Order").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", SchemaBuilder.struct().name("Customer")
                    .field("name", Schema.STRING_SCHEMA)
                    .field("address", ADDRESS)
                    .build())
            .field("items", SchemaBuilder.array(SchemaBuilder.struct().name("Item")
                    .field("sku", Schema.STRING_SCHEMA).field("qty", Schema.INT32_SCHEMA).build()).build())
            .field("note.with.dots", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema WITH_MAP = SchemaBuilder.struct().name("WithMap")
            .field("id", Schema.INT32_SCHEMA)
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
            .build();

    static Struct flatFull() {
        return struct(FLAT, "id", 42L, "name", "Zoë \u2713 \ud83d\ude00", "nick", "z", "age", 33, "small", (byte) -7,
                "medium", (short) 1234, "score", 98.5, "ratio", 0.25f, "active", false, "blob", new byte[]{0, 1, -1},
                "price", new BigDecimal("12345.67"), "born", new java.util.Date(19675L * 86400000L),
                "wake", new java.util.Date(8 * 3600000L + 30 * 60000L + 15500L),
                "seen", new java.util.Date(1700000000123L), "tags", Arrays.asList("a", "b\u00e9"),
                "code", "-12", "epoch", 1700000000L);
    }

    /** Optional fields null: defaults (age 18, active true) apply on Struct.get, not on getWithoutDefault. */
    static Struct flatSparse() {
        Struct s = new Struct(FLAT);
        s.put("id", Long.MIN_VALUE);
        s.put("name", "");
        s.put("small", (byte) 127);
        s.put("score", Double.NaN);
        return s; // active (required, with a default) stays unset
    }

    static Struct nested() {
        Schema customer = NESTED.field("customer").schema();
        Schema item = NESTED.field("items").schema().valueSchema();
        return struct(NESTED, "id", 7L,
                "customer", struct(customer, "name", "Ada", "address",
                        struct(ADDRESS, "street", "1 Main St", "geo", struct(GEO, "lat", 51.5, "lon", -0.12))),
                "items", Arrays.asList(struct(item, "sku", "x-1", "qty", 2), struct(item, "sku", "y-2", "qty", 1)),
                "note.with.dots", "n");
    }

    static Struct nestedNullAddress() {
        Schema customer = NESTED.field("customer").schema();
        return struct(NESTED, "id", 8L, "customer", struct(customer, "name", "Bob"), "items", new ArrayList<>());
    }

    static Map<String, Object> flatMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 42L);
        m.put("name", "Zoë \u2713 \ud83d\ude00");
        m.put("nick", null);
        m.put("age", 33);
        m.put("score", 98.5);
        m.put("ratio", 0.25f);
        m.put("small", (byte) 5);
        m.put("active", true);
        m.put("tags", Arrays.asList("a", 1L, null));
        m.put("blob", new byte[]{9, 8});
        m.put("code", "17");
        m.put("epoch", 1700000000123L);
        m.put("when", "2024-02-29 13:45:00");
        return m;
    }

    static Map<String, Object> nestedMap() {
        Map<String, Object> geo = new LinkedHashMap<>();
        geo.put("lat", 51.5);
        geo.put("lon", -0.12);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", "1 Main St");
        address.put("geo", geo);
        address.put("empty", new LinkedHashMap<>());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", "Ada");
        customer.put("address", address);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 7L);
        m.put("customer", customer);
        m.put("items", Arrays.asList(map2("sku", "x-1"), map2("sku", "y-2")));
        m.put("note.with.dots", "n");
        m.put("customer.name", "top-level dotted");
        return m;
    }

    static Map<String, Object> map2(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k, v);
        return m;
    }

    /** A payload: schema and value, with a label. */
    static final class Payload {
        final String label;
        final Schema schema;
        final Object value;

        Payload(String label, Schema schema, Object value) {
            this.label = label;
            this.schema = schema;
            this.value = value;
        }
    }

    static List<Payload> payloads() {
        List<Payload> p = new ArrayList<>();
        p.add(new Payload("flat struct", FLAT, flatFull()));
        p.add(new Payload("sparse struct", FLAT, flatSparse()));
        p.add(new Payload("nested struct", NESTED, nested()));
        p.add(new Payload("nested struct, null address", NESTED, nestedNullAddress()));
        p.add(new Payload("null with optional struct schema", NESTED, null));
        p.add(new Payload("struct with map", WITH_MAP, struct(WITH_MAP, "id", 1, "attrs", map2("k", 5))));
        p.add(new Payload("schemaless map", null, flatMap()));
        p.add(new Payload("schemaless nested map", null, nestedMap()));
        p.add(new Payload("schemaless null", null, null));
        p.add(new Payload("schemaless string", null, "plain"));
        p.add(new Payload("int64 with schema", Schema.INT64_SCHEMA, 1700000000123L));
        p.add(new Payload("string with schema", Schema.OPTIONAL_STRING_SCHEMA, "2024-02-29"));
        p.add(new Payload("timestamp with schema", Timestamp.SCHEMA, new java.util.Date(-1234567890123L)));
        p.add(new Payload("date with schema", Date.SCHEMA, new java.util.Date(19675L * 86400000L)));
        p.add(new Payload("decimal with schema", Decimal.schema(3), new BigDecimal("-98765.432")));
        p.add(new Payload("schemaless long", null, 1700000000123456789L));
        return p;
    }

    /** The record carrying a payload in its key (forKey) or value; the other half is a plain string. */
    static Rec record(Payload p, boolean forKey) {
        Rec r = new Rec();
        if (forKey) {
            r.keySchema = p.schema;
            r.key = p.value;
            r.valueSchema = Schema.STRING_SCHEMA;
            r.value = "the value";
        } else {
            r.keySchema = Schema.OPTIONAL_STRING_SCHEMA;
            r.key = "the key";
            r.valueSchema = p.schema;
            r.value = p.value;
        }
        r.headers.add(new Object[]{"trace", Schema.STRING_SCHEMA, "abc"});
        r.headers.add(new Object[]{"n", Schema.INT32_SCHEMA, 2});
        r.headers.add(new Object[]{"trace", null, "dup"});
        return r;
    }

    // ---- SMT configurations ----

    static final class Conf {
        final String name;
        final Map<String, String> props;

        Conf(String name, Map<String, String> props) {
            this.name = name;
            this.props = props;
        }
    }

    static Conf c(String name, String... kv) {
        return new Conf(name, map(kv));
    }

    /** SMTs with $Key and $Value classes, and the configurations each runs with on every payload. */
    static Map<String, List<Conf>> partSmts() {
        Map<String, List<Conf>> m = new LinkedHashMap<>();
        m.put("Cast", List.of(
                c("fields", "spec", "id:int32,age:string,score:int8,active:int16,ratio:float64,small:boolean"),
                c("to string", "spec", "price:string,born:string,wake:string,seen:string,blob:string,name:string,tags:string"),
                c("strings to numbers", "spec", "code:int64,name:float32,epoch:float64"),
                c("logical to int", "spec", "born:int32,seen:int64,price:float64"),
                c("whole int32", "spec", "int32"),
                c("whole string", "spec", "string"),
                c("missing field", "spec", "absent:int8", "replace.null.with.default", "false"),
                c("no defaults", "spec", "age:int64,active:string", "replace.null.with.default", "false")));
        m.put("ExtractField", List.of(
                c("top", "field", "id"),
                c("missing", "field", "absent"),
                c("v1 dotted", "field", "note.with.dots"),
                c("v2 nested", "field", "customer.address.geo", "field.syntax.version", "V2"),
                c("v2 backticks", "field", "`note.with.dots`", "field.syntax.version", "v2"),
                c("v2 leaf", "field", "customer.address.zip", "field.syntax.version", "V2", "replace.null.with.default", "false"),
                c("default", "field", "age"),
                c("no default", "field", "age", "replace.null.with.default", "false")));
        m.put("Flatten", List.of(
                c("default"),
                c("underscore", "delimiter", "_")));
        m.put("HeaderFrom", List.of(
                c("copy", "fields", "id,name", "headers", "h_id,h_name", "operation", "copy"),
                c("move", "fields", "id,age", "headers", "h_id,h_age", "operation", "move"),
                c("move no default", "fields", "age,nick", "headers", "a,n", "operation", "move",
                        "replace.null.with.default", "false"),
                c("missing", "fields", "absent", "headers", "h", "operation", "copy")));
        m.put("HoistField", List.of(c("wrap", "field", "wrapped")));
        m.put("InsertField", List.of(
                c("all", "topic.field", "t", "partition.field", "p!", "timestamp.field", "ts?", "static.field", "s",
                        "static.value", "v"),
                c("offset", "offset.field", "off"),
                c("clash", "static.field", "id", "static.value", "x"),
                c("no defaults", "topic.field", "t!", "replace.null.with.default", "false")));
        m.put("MaskField", List.of(
                c("nulls", "fields", "id,name,age,score,ratio,small,active,price,born,tags,nick"),
                c("replacement", "fields", "id,age,score,code", "replacement", "42"),
                c("bad replacement", "fields", "id", "replacement", "abc"),
                c("bytes", "fields", "blob"),
                c("decimal replacement", "fields", "price", "replacement", "1e3"),
                c("no defaults", "fields", "age", "replace.null.with.default", "false")));
        m.put("ReplaceField", List.of(
                c("exclude", "exclude", "blob,tags,absent"),
                c("include", "include", "id,name,customer"),
                c("rename", "renames", "id:key,name:label"),
                c("rename and exclude", "renames", "score:points", "exclude", "score,ratio"),
                c("rename clash", "renames", "nick:name"),
                c("no defaults", "include", "id,age,active", "replace.null.with.default", "false")));
        m.put("SetSchemaMetadata", List.of(
                c("name", "schema.name", "com.example.Renamed"),
                c("version", "schema.version", "9"),
                c("both no defaults", "schema.name", "n", "schema.version", "1", "replace.null.with.default", "false")));
        m.put("TimestampConverter", List.of(
                c("field to string", "field", "seen", "target.type", "string", "format", "yyyy-MM-dd'T'HH:mm:ss.SSSZ"),
                c("field to unix", "field", "seen", "target.type", "unix"),
                c("field to Date", "field", "seen", "target.type", "Date"),
                c("field to Time", "field", "seen", "target.type", "Time"),
                c("unix field to Timestamp", "field", "epoch", "target.type", "Timestamp", "unix.precision", "seconds"),
                c("string field to unix", "field", "when", "target.type", "unix", "format", "yyyy-MM-dd HH:mm:ss",
                        "unix.precision", "microseconds"),
                c("whole to string", "target.type", "string", "format", "EEE, d MMM yyyy HH:mm:ss z"),
                c("whole to Timestamp", "target.type", "Timestamp", "format", "yyyy-MM-dd"),
                c("bad string", "field", "name", "target.type", "unix", "format", "yyyy"),
                c("whole to unix nanos", "target.type", "unix", "unix.precision", "nanoseconds"),
                c("whole to unix seconds", "target.type", "unix", "unix.precision", "seconds"),
                c("whole nanos to Time", "target.type", "Time", "unix.precision", "nanoseconds"),
                c("whole to Date", "target.type", "Date"),
                c("field micros to string", "field", "epoch", "target.type", "string", "unix.precision",
                        "microseconds", "format", "D 'day of' yyyy G, hh:mm:ss.SSS a"),
                c("no defaults to string", "field", "seen", "target.type", "string", "format", "yyyy",
                        "replace.null.with.default", "false")));
        return m;
    }

    static void all() throws Exception {
        for (String cls : List.of("Cast$Key", "Cast$Value", "DropHeaders", "ExtractField$Key", "ExtractField$Value",
                "Filter", "Flatten$Key", "Flatten$Value", "HeaderFrom$Key", "HeaderFrom$Value", "HoistField$Key",
                "HoistField$Value", "InsertField$Key", "InsertField$Value", "InsertHeader", "MaskField$Key",
                "MaskField$Value", "RegexRouter", "ReplaceField$Key", "ReplaceField$Value", "SetSchemaMetadata$Key",
                "SetSchemaMetadata$Value", "TimestampConverter$Key", "TimestampConverter$Value", "TimestampRouter",
                "ValueToKey", "predicates.HasHeaderKey", "predicates.RecordIsTombstone",
                "predicates.TopicNameMatches")) {
            SmtGolden.config(cls);
        }
        for (Map.Entry<String, List<Conf>> e : partSmts().entrySet()) {
            for (Conf conf : e.getValue()) {
                for (boolean forKey : new boolean[]{true, false}) {
                    String cls = e.getKey() + (forKey ? "$Key" : "$Value");
                    for (Payload p : payloads()) {
                        SmtGolden.apply(cls + " " + conf.name + ": " + p.label, cls, conf.props, record(p, forKey));
                    }
                }
            }
        }
        sinkAndMetadata();
        wholeRecordSmts();
        SmtConfigCases.all();
    }

    /** InsertField with sink records and missing metadata; SMTs on records without partition or timestamp. */
    static void sinkAndMetadata() throws Exception {
        for (Payload p : payloads()) {
            Rec r = record(p, false);
            r.sinkOffset = 9000L;
            SmtGolden.apply("InsertField$Value offset, sink: " + p.label, "InsertField$Value",
                    map("offset.field", "off", "partition.field", "part"), r);
            Rec bare = record(p, false);
            bare.partition = null;
            bare.timestamp = null;
            SmtGolden.apply("InsertField$Value no metadata: " + p.label, "InsertField$Value",
                    map("partition.field", "part", "timestamp.field", "ts", "topic.field", "topic?"), bare);
        }
    }

    /** SMTs without parts: headers, routing, filtering, ValueToKey. */
    static void wholeRecordSmts() throws Exception {
        List<Map<String, String>> dropHeaders = List.of(map("headers", "trace"), map("headers", "n,absent"),
                map("headers", "none"));
        List<Map<String, String>> insertHeader = List.of(map("header", "h", "value.literal", "42"),
                map("header", "trace", "value.literal", "[1,2,3]"), map("header", "h", "value.literal", "{\"a\":true}"),
                map("header", "h", "value.literal", " spaced text "), map("header", "h", "value.literal", "2024-02-29"),
                map("header", "h", "value.literal", "3.5"), map("header", "h", "value.literal", "\u00e9t\u00e9"));
        List<Map<String, String>> valueToKey = List.of(map("fields", "id,name"), map("fields", "id,absent"),
                map("fields", "age", "replace.null.with.default", "false"), map("fields", "customer,id"));
        List<Map<String, String>> routers = List.of(map("regex", "orders", "replacement", "routed"),
                map("regex", "(.*)rd(.*)", "replacement", "$2-$1"), map("regex", "o", "replacement", "x"));
        List<Map<String, String>> tsRouters = List.of(map(), map("topic.format", "${topic}_${timestamp}_${topic}",
                "timestamp.format", "yyyy-MM-dd'T'HH"), map("timestamp.format", "'week' w, EEE"));
        for (Payload p : payloads()) {
            Rec r = record(p, false);
            for (Map<String, String> props : dropHeaders) SmtGolden.apply("DropHeaders " + props + ": " + p.label, "DropHeaders", props, r);
            for (Map<String, String> props : insertHeader) SmtGolden.apply("InsertHeader " + props + ": " + p.label, "InsertHeader", props, r);
            for (Map<String, String> props : valueToKey) SmtGolden.apply("ValueToKey " + props + ": " + p.label, "ValueToKey", props, r);
            SmtGolden.apply("Filter: " + p.label, "Filter", map(), r);
        }
        Rec plain = record(payloads().get(0), false);
        routers = new ArrayList<>(routers);
        routers.add(map("regex", "(?<env>prod|dev)\\.(?<name>[a-z]+)\\.v(\\d+)", "replacement", "${name}-${env}-$3"));
        routers.add(map("regex", "(?i)ORDERS(.*)", "replacement", "sales\\$$1"));
        routers.add(map("regex", ".*", "replacement", "$2"));
        routers.add(map("regex", "[a-z_]+", "replacement", "all-$0"));
        for (String topic : List.of("orders", "orders-v2", "prod.orders.v1", "Orders_2024-01", "__consumer_offsets")) {
            Rec r = plain.copy();
            r.topic = topic;
            for (Map<String, String> props : routers) {
                SmtGolden.apply("RegexRouter " + props + " on " + topic, "RegexRouter", props, r);
            }
            for (Map<String, String> props : tsRouters) {
                SmtGolden.apply("TimestampRouter " + props + " on " + topic, "TimestampRouter", props, r);
            }
        }
        // (-1 ms is Sluice's NoTimestamp, Java's null: a documented difference, left out.)
        for (long ts : new long[]{0L, -2L, 1709210700000L, -12219292800001L, 253402300799999L}) {
            Rec r = plain.copy();
            r.timestamp = ts;
            for (Map<String, String> props : tsRouters) {
                SmtGolden.apply("TimestampRouter " + props + " at " + ts, "TimestampRouter", props, r);
            }
        }
        Rec noTs = plain.copy();
        noTs.timestamp = null;
        SmtGolden.apply("TimestampRouter without timestamp", "TimestampRouter", map(), noTs);
        Rec tomb = plain.copy();
        tomb.value = null;
        tomb.valueSchema = null;
        Rec noHeaders = plain.copy();
        noHeaders.headers.clear();
        for (Rec r : List.of(plain, tomb, noHeaders)) {
            SmtGolden.test("HasHeaderKey trace", "predicates.HasHeaderKey", map("name", "trace"), r);
            SmtGolden.test("HasHeaderKey absent", "predicates.HasHeaderKey", map("name", "absent"), r);
            SmtGolden.test("RecordIsTombstone", "predicates.RecordIsTombstone", map(), r);
            SmtGolden.test("TopicNameMatches ord.*", "predicates.TopicNameMatches", map("pattern", "ord.*"), r);
            SmtGolden.test("TopicNameMatches prefix only", "predicates.TopicNameMatches", map("pattern", "ord"), r);
        }
    }
}
