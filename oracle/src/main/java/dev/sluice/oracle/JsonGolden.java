package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Golden vectors for Kafka's JsonConverter: runs every case of a corpus through Kafka's own converter and writes
 * the results to DIR/golden.json for schemas/jsonconv's golden_test.go.
 *
 * <pre>scripts/oracle.sh JsonGolden schemas/jsonconv/testdata</pre>
 *
 * Encode cases: converter config, isKey, schema (JsonConverter schema JSON), tagged value (see Tv) → the bytes
 * (base64; null for a tombstone) or Kafka's error message. Decode cases: config, isKey, input bytes (base64;
 * null for a tombstone) → schema and tagged value, or the error message. Every successful encode is also decoded.
 */
public final class JsonGolden {
    private final ArrayNode encodes = Tv.F.arrayNode();
    private final ArrayNode decodes = Tv.F.arrayNode();
    private final ArrayNode configs = Tv.F.arrayNode();

    static final Map<String, String> ENV = Map.of();
    static final Map<String, String> PLAIN = Map.of("schemas.enable", "false");
    static final Map<String, String> NUM = Map.of("decimal.format", "NUMERIC");
    static final Map<String, String> PLAIN_NUM = Map.of("schemas.enable", "false", "decimal.format", "numeric");
    static final Map<String, String> NO_REPLACE = Map.of("replace.null.with.default", "false");
    static final Map<String, String> PLAIN_NO_REPLACE = Map.of("schemas.enable", "false", "replace.null.with.default", "false");

    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : "schemas/jsonconv/testdata");
        JsonGolden g = new JsonGolden();
        g.encodeCases();
        g.decodeCases(dir);
        g.configCases();
        ObjectNode root = Tv.F.objectNode();
        root.put("generator", "scripts/oracle.sh JsonGolden " + dir.getPath());
        root.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        root.put("java", System.getProperty("java.version"));
        root.set("encode", g.encodes);
        root.set("decode", g.decodes);
        root.set("config", g.configs);
        dir.mkdirs();
        com.fasterxml.jackson.databind.ObjectMapper out = new com.fasterxml.jackson.databind.ObjectMapper(
                com.fasterxml.jackson.core.JsonFactory.builder()
                        // Decoded strings may hold unpaired surrogates, which only an escape can carry.
                        .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                        .streamWriteConstraints(
                        com.fasterxml.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build());
        // One case per line: diffs stay readable and deep cases do not explode into indentation.
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("\"generator\": ").append(out.writeValueAsString(root.get("generator"))).append(",\n");
        sb.append("\"kafka\": ").append(out.writeValueAsString(root.get("kafka"))).append(",\n");
        sb.append("\"java\": ").append(out.writeValueAsString(root.get("java"))).append(",\n");
        for (String part : new String[]{"encode", "decode", "config"}) {
            sb.append('"').append(part).append("\": [\n");
            ArrayNode cases = (ArrayNode) root.get(part);
            for (int i = 0; i < cases.size(); i++) {
                sb.append(out.writeValueAsString(cases.get(i))).append(i + 1 < cases.size() ? ",\n" : "\n");
            }
            sb.append(part.equals("config") ? "]\n" : "],\n");
        }
        sb.append("}\n");
        Files.writeString(new File(dir, "golden.json").toPath(), sb.toString());
        System.err.printf("JsonGolden: %d config cases%n", g.configs.size());
        System.err.printf("JsonGolden: %d encode and %d decode cases (java %s) written to %s%n", g.encodes.size(),
                g.decodes.size(), System.getProperty("java.version"), new File(dir, "golden.json"));
        if (Runtime.version().feature() < 19)
            System.err.println("JsonGolden: WARNING: Java < 19 renders some doubles/floats with the pre-JDK-19 algorithm; Sluice follows Java 19+");
    }

    static JsonConverter converter(Map<String, String> props, boolean isKey) {
        JsonConverter c = new JsonConverter();
        if (props.containsKey("converter.type")) c.configure(props);
        else c.configure(props, isKey);
        return c;
    }

    static ObjectNode props(Map<String, String> p) {
        ObjectNode o = Tv.F.objectNode();
        new java.util.TreeMap<>(p).forEach(o::put);
        return o;
    }

    // ---------------------------------------------------------------- encode

    void enc(String name, Map<String, String> props, Schema schema, Object value) {
        enc(name, props, false, schema, value);
    }

    void enc(String name, Map<String, String> props, boolean isKey, Schema schema, Object value) {
        ObjectNode c = encodes.addObject();
        c.put("name", name);
        c.set("config", props(props));
        c.put("isKey", isKey);
        c.set("schema", Tv.schemaJson(schema));
        c.set("value", Tv.tag(value));
        try {
            byte[] out = converter(props, isKey).fromConnectData("topic", schema, value);
            if (out == null) c.putNull("out");
            else {
                c.put("out", Base64.getEncoder().encodeToString(out));
                c.put("outText", new String(out, StandardCharsets.UTF_8));
                dec("roundtrip: " + name, props, isKey, out);
                if (props.get("schemas.enable") == null && schema != null) {
                    // The same bytes read by a converter whose schema.content is the schema, payload only.
                }
            }
        } catch (Exception e) {
            c.put("error", e.getMessage());
            c.put("errorClass", e.getClass().getName());
        }
    }

    static Map<String, String> with(Map<String, String> a, String k, String v) {
        Map<String, String> m = new HashMap<>(a);
        m.put(k, v);
        return m;
    }

    static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static java.util.Date date(long ms) {
        return new java.util.Date(ms);
    }

    void encodeCases() {
        List<Map<String, String>> modes = List.of(ENV, PLAIN);
        for (Map<String, String> m : modes) {
            String p = m == ENV ? "env/" : "plain/";
            enc(p + "int8 min", m, Schema.INT8_SCHEMA, Byte.MIN_VALUE);
            enc(p + "int8 max", m, Schema.INT8_SCHEMA, Byte.MAX_VALUE);
            enc(p + "int16 min", m, Schema.INT16_SCHEMA, Short.MIN_VALUE);
            enc(p + "int16 max", m, Schema.INT16_SCHEMA, Short.MAX_VALUE);
            enc(p + "int32 min", m, Schema.INT32_SCHEMA, Integer.MIN_VALUE);
            enc(p + "int32 max", m, Schema.INT32_SCHEMA, Integer.MAX_VALUE);
            enc(p + "int32 zero", m, Schema.INT32_SCHEMA, 0);
            enc(p + "int64 min", m, Schema.INT64_SCHEMA, Long.MIN_VALUE);
            enc(p + "int64 max", m, Schema.INT64_SCHEMA, Long.MAX_VALUE);
            enc(p + "int64 2^53+1", m, Schema.INT64_SCHEMA, (1L << 53) + 1);
            float[] floats = {0f, -0f, 0.1f, 1f, -1.5f, 1e10f, 1e-10f, 16777216f, 3.4028235e38f, 1.17549435e-38f,
                    Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e7f, 9999999f,
                    0.001f, 0.0001f, 123.456f, 1.0e-3f, 33.3f};
            for (float f : floats) enc(p + "float32 " + f, m, Schema.FLOAT32_SCHEMA, f);
            double[] doubles = {0d, -0d, 0.1, 0.2 + 0.1, 1d, -2.5, 1e21, 1e22, 1e-7, 1e7, 9999999d, 10000000d,
                    0.001, 0.000999, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN,
                    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456789.123, 1.0E10, 4.35, 2e-3,
                    1.2345678901234567e17, 9007199254740993d, 5e-324, 1.7976931348623157e308, 100d, 23.5};
            for (double d : doubles) enc(p + "float64 " + d, m, Schema.FLOAT64_SCHEMA, d);
            enc(p + "boolean true", m, Schema.BOOLEAN_SCHEMA, true);
            enc(p + "boolean false", m, Schema.BOOLEAN_SCHEMA, false);
            enc(p + "string empty", m, Schema.STRING_SCHEMA, "");
            enc(p + "string ascii", m, Schema.STRING_SCHEMA, "hello world");
            enc(p + "string bmp", m, Schema.STRING_SCHEMA, "héllo wörld ñ 中文 日本語 Ελληνικά");
            enc(p + "string astral", m, Schema.STRING_SCHEMA, "emoji 😀 🚗 𝄞");
            enc(p + "string escapes", m, Schema.STRING_SCHEMA, "quote\" backslash\\ slash/ </script> tab\t nl\n cr\r ff\f bs\b");
            StringBuilder ctl = new StringBuilder();
            for (char ch = 0; ch < 0x20; ch++) ctl.append(ch);
            ctl.append('\u007f').append('\u0080').append('\u009f').append('\u00a0');
            enc(p + "string control chars", m, Schema.STRING_SCHEMA, ctl.toString());
            enc(p + "string line separators", m, Schema.STRING_SCHEMA, "a\u2028b\u2029c\ufeffd\uffff");
            enc(p + "bytes empty", m, Schema.BYTES_SCHEMA, new byte[0]);
            enc(p + "bytes binary", m, Schema.BYTES_SCHEMA, new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 0x7f});
            enc(p + "bytes 1", m, Schema.BYTES_SCHEMA, new byte[]{65});
            enc(p + "bytes 2", m, Schema.BYTES_SCHEMA, new byte[]{65, 66});
            enc(p + "optional int32 null", m, Schema.OPTIONAL_INT32_SCHEMA, null);
            enc(p + "optional string null", m, Schema.OPTIONAL_STRING_SCHEMA, null);
            enc(p + "required int32 null", m, Schema.INT32_SCHEMA, null);
            enc(p + "tombstone", m, null, null);
        }
        // Wrong Java types for a schema.
        enc("wrong: int32 given Long", ENV, Schema.INT32_SCHEMA, 5L);
        enc("wrong: string given Integer", ENV, Schema.STRING_SCHEMA, 5);
        enc("wrong: bytes given String", ENV, Schema.BYTES_SCHEMA, "abc");
        enc("wrong: boolean given String", PLAIN, Schema.BOOLEAN_SCHEMA, "true");
        enc("wrong: float64 given Float", PLAIN, Schema.FLOAT64_SCHEMA, 1.5f);
        enc("wrong: array given String", PLAIN, SchemaBuilder.array(Schema.INT32_SCHEMA).build(), "x");
        enc("wrong: map given List", PLAIN, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), new ArrayList<>(List.of(1)));
        enc("wrong: struct given Map", PLAIN, SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build(), new HashMap<>(map("a", 1)));
        enc("wrong: array element", ENV, SchemaBuilder.array(Schema.INT32_SCHEMA).build(), Arrays.asList(1, "two"));

        // Defaults and replace.null.with.default.
        Schema defInt = SchemaBuilder.int32().optional().defaultValue(42).build();
        Schema defReq = SchemaBuilder.int32().defaultValue(7).build();
        Schema defStr = SchemaBuilder.string().defaultValue("dflt").doc("a doc").build();
        for (Map<String, String> m : List.of(ENV, PLAIN, NO_REPLACE, PLAIN_NO_REPLACE)) {
            String p = (m.containsKey("schemas.enable") ? "plain" : "env") + (m.containsKey("replace.null.with.default") ? "/noreplace/" : "/");
            enc(p + "optional default null", m, defInt, null);
            enc(p + "optional default set", m, defInt, 1);
            enc(p + "required default null", m, defReq, null);
            enc(p + "string default null", m, defStr, null);
            Schema st = SchemaBuilder.struct().name("WithDefaults")
                    .field("a", defInt).field("b", defReq).field("c", defStr)
                    .field("d", Schema.OPTIONAL_STRING_SCHEMA).build();
            enc(p + "struct field defaults", m, st, new Struct(st));
            enc(p + "struct field values", m, st, new Struct(st).put("a", 1).put("b", 2).put("c", "x").put("d", "y"));
        }

        // Schema metadata.
        Schema meta = SchemaBuilder.int64().name("com.example.Count").version(3).doc("doc \"quoted\" ü")
                .parameter("z", "1").parameter("a", "2").parameter("unicode", "é😀").optional().build();
        enc("meta: name version doc params", ENV, meta, 5L);
        enc("meta: name version doc params null", ENV, meta, null);
        enc("meta: isKey", ENV, true, meta, 6L);
        enc("meta: plain isKey", PLAIN, true, meta, 6L);
        Schema arrDef = SchemaBuilder.array(Schema.STRING_SCHEMA).defaultValue(List.of("a", "b")).optional().build();
        enc("meta: array default", ENV, arrDef, null);
        Schema mapDef = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).defaultValue(map("k", 1)).build();
        enc("meta: map default", ENV, mapDef, map("x", 2));
        Schema bytesDef = SchemaBuilder.bytes().defaultValue(new byte[]{1, 2, 3}).build();
        enc("meta: bytes default", ENV, bytesDef, new byte[]{9});
        // (A NaN default cannot be described: Kafka writes it as the string "NaN", which reads back as 0.0.)
        Schema fltDef = SchemaBuilder.float64().defaultValue(-2.5e-7).build();
        enc("meta: float64 default", ENV, fltDef, 1.0);
        Schema f32Def = SchemaBuilder.float32().defaultValue(1e10f).optional().build();
        enc("meta: float32 default", ENV, f32Def, null);
        Schema boolDef = SchemaBuilder.bool().defaultValue(true).build();
        enc("meta: boolean default", ENV, boolDef, false);

        // Logical types.
        for (Map<String, String> m : List.of(ENV, PLAIN, NUM, PLAIN_NUM)) {
            String p = (m.containsKey("schemas.enable") ? "plain" : "env") + (m.containsKey("decimal.format") ? "/numeric/" : "/");
            int[] scales = {0, 2, -3, 30};
            for (int sc : scales) {
                Schema ds = Decimal.schema(sc);
                enc(p + "decimal scale " + sc + " positive", m, ds, new BigDecimal(new BigInteger("123456789"), sc));
                enc(p + "decimal scale " + sc + " negative", m, ds, new BigDecimal(new BigInteger("-987654321987654321987654321"), sc));
                enc(p + "decimal scale " + sc + " zero", m, ds, new BigDecimal(BigInteger.ZERO, sc));
                enc(p + "decimal scale " + sc + " -1", m, ds, new BigDecimal(BigInteger.ONE.negate(), sc));
                enc(p + "decimal scale " + sc + " 128", m, ds, new BigDecimal(BigInteger.valueOf(128), sc));
            }
            enc(p + "decimal scale 10 small", m, Decimal.schema(10), new BigDecimal(BigInteger.valueOf(5), 10));
            enc(p + "decimal scale 7 1e-7", m, Decimal.schema(7), new BigDecimal(BigInteger.valueOf(1), 7));
            enc(p + "decimal scale 6", m, Decimal.schema(6), new BigDecimal(BigInteger.valueOf(1), 6));
            enc(p + "decimal scale mismatch", m, Decimal.schema(2), new BigDecimal("1.5"));
            enc(p + "decimal optional null", m, Decimal.builder(2).optional().build(), null);
            enc(p + "decimal default", m, Decimal.builder(2).defaultValue(new BigDecimal("3.14")).build(), null);
            enc(p + "date epoch", m, Date.SCHEMA, date(0));
            enc(p + "date 2024", m, Date.SCHEMA, date(19723L * 86400000L));
            enc(p + "date negative", m, Date.SCHEMA, date(-86400000L * 365));
            enc(p + "date with time", m, Date.SCHEMA, date(1000));
            enc(p + "time zero", m, Time.SCHEMA, date(0));
            enc(p + "time max", m, Time.SCHEMA, date(86399999));
            enc(p + "time 86400000", m, Time.SCHEMA, date(86400000));
            enc(p + "time with date", m, Time.SCHEMA, date(86400001));
            enc(p + "timestamp", m, Timestamp.SCHEMA, date(1700000000123L));
            enc(p + "timestamp negative", m, Timestamp.SCHEMA, date(-1700000000123L));
            enc(p + "timestamp optional null", m, Timestamp.builder().optional().build(), null);
        }
        enc("logical wrong: decimal given Double", ENV, Decimal.schema(2), 1.5);
        enc("logical wrong: date given Long", ENV, Date.SCHEMA, 5L);
        enc("logical wrong: time given Integer", ENV, Time.SCHEMA, 5);
        enc("logical wrong: timestamp given String", ENV, Timestamp.SCHEMA, "x");

        // Containers.
        Schema inner = SchemaBuilder.struct().name("Inner").field("x", Schema.INT32_SCHEMA)
                .field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().name("com.example.Outer").version(2).doc("outer")
                .field("id", Schema.INT64_SCHEMA)
                .field("inner", inner)
                .field("list", SchemaBuilder.array(inner).build())
                .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
                .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, inner).optional().build())
                .field("ts", Timestamp.builder().optional().build())
                .field("amount", Decimal.builder(2).optional().build())
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        Struct in1 = new Struct(inner).put("x", 1).put("y", "one");
        Struct in2 = new Struct(inner).put("x", 2);
        Struct o = new Struct(outer).put("id", 99L).put("inner", in1).put("list", List.of(in1, in2))
                .put("tags", map("a", "1", "b", null, "ü", "x"))
                .put("byId", map(1, in1, 2, in2)).put("ts", date(1700000000000L))
                .put("amount", new BigDecimal("12.34")).put("blob", new byte[]{1, 2});
        for (Map<String, String> m : List.of(ENV, PLAIN, NUM, PLAIN_NUM)) {
            String p = (m.containsKey("schemas.enable") ? "plain" : "env") + (m.containsKey("decimal.format") ? "/numeric/" : "/");
            enc(p + "nested struct", m, outer, o);
            enc(p + "nested struct key", m, true, outer, o);
            enc(p + "struct missing required", m, outer, new Struct(outer).put("id", 1L));
        }
        Schema deep = SchemaBuilder.array(SchemaBuilder.array(SchemaBuilder.map(Schema.STRING_SCHEMA,
                SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).build()).build()).build()).build();
        enc("deep containers", ENV, deep, List.of(List.of(map("a", Arrays.asList(1, null, 3)), map()), List.of()));
        enc("deep containers plain", PLAIN, deep, List.of(List.of(map("a", Arrays.asList(1, null, 3)))));
        enc("map int keys", ENV, SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(), map(1, "a", -2, "b"));
        enc("map bytes keys", ENV, SchemaBuilder.map(Schema.BYTES_SCHEMA, Schema.INT8_SCHEMA).build(), map(new byte[]{1}, (byte) 1));
        enc("map struct keys", ENV, SchemaBuilder.map(inner, Schema.BOOLEAN_SCHEMA).build(), map(in1, true, in2, false));
        enc("map decimal keys numeric", NUM, SchemaBuilder.map(Decimal.schema(1), Schema.INT32_SCHEMA).build(), map(new BigDecimal("1.5"), 1));
        enc("map optional string key null", ENV, SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.INT32_SCHEMA).build(), map(null, 1, "k", 2));
        enc("map required string key null", ENV, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), map(null, 1));
        enc("map string key schema int key", ENV, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), map(1, 1));
        enc("map empty", ENV, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), map());
        enc("map empty int keys", ENV, SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build(), map());
        enc("array empty", ENV, SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of());
        enc("array optional elements", ENV, SchemaBuilder.array(Schema.OPTIONAL_FLOAT64_SCHEMA).build(), Arrays.asList(1.0, null, 2.5));
        enc("array required element null", ENV, SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build(), Arrays.asList(1.0, null));
        enc("struct mismatching schema", ENV, outer, in1);
        Schema innerCopy = SchemaBuilder.struct().name("Inner").field("x", Schema.INT32_SCHEMA)
                .field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
        enc("struct equal schema other instance", ENV, innerCopy, in1);
        enc("struct empty", ENV, SchemaBuilder.struct().build(), new Struct(SchemaBuilder.struct().build()));

        // Schemaless values.
        for (Map<String, String> m : List.of(ENV, PLAIN)) {
            String p = m == ENV ? "env/schemaless/" : "plain/schemaless/";
            enc(p + "string", m, null, "s");
            enc(p + "int8", m, null, (byte) 1);
            enc(p + "int16", m, null, (short) 2);
            enc(p + "int32", m, null, 3);
            enc(p + "int64", m, null, 4L);
            enc(p + "float32", m, null, 1.5f);
            enc(p + "float64", m, null, 2.5);
            enc(p + "float64 NaN", m, null, Double.NaN);
            enc(p + "boolean", m, null, true);
            enc(p + "bytes", m, null, new byte[]{1, 2, 3});
            enc(p + "list", m, null, Arrays.asList(1, "a", null, 2.5, List.of(true)));
            enc(p + "map string keys", m, null, map("b", 1, "a", map("n", null), "c", List.of()));
            enc(p + "map mixed keys", m, null, map("a", 1, 2, "b"));
            enc(p + "map null key", m, null, map(null, 1));
            enc(p + "map int keys", m, null, map(1, 1L, 2, 2L));
            enc(p + "struct", m, null, in1);
            enc(p + "decimal", m, null, new BigDecimal("1.5"));
            enc(p + "date", m, null, date(0));
            enc(p + "sensor", m, null, map("vin", "WVWZZZ1JZXW000001", "speed", 88.5, "rpm", 2500L,
                    "ok", true, "pos", map("lat", 52.52, "lon", 13.405), "codes", List.of("P0420", "P0171")));
        }
        // Header converter.
        enc("header converter", Map.of("converter.type", "header"), Schema.STRING_SCHEMA, "h");
        enc("header converter plain", Map.of("converter.type", "header", "schemas.enable", "false"), Schema.INT32_SCHEMA, 5);
    }

    // ---------------------------------------------------------------- config

    /** A configuration given to configure(props) when raw (converter.type must be in it), else configure(props, false). */
    void cfg(String name, boolean raw, Map<String, String> props) {
        ObjectNode c = configs.addObject();
        c.put("name", name);
        c.put("raw", raw);
        c.set("config", props(props));
        try {
            JsonConverter conv = new JsonConverter();
            if (raw) conv.configure(props);
            else conv.configure(props, false);
            c.put("ok", true);
        } catch (Exception e) {
            c.put("error", e.getMessage());
            c.put("errorClass", e.getClass().getName());
        }
    }

    void configCases() {
        cfg("defaults", false, Map.of());
        cfg("all set", false, Map.of("schemas.enable", "false", "schemas.cache.size", "5", "decimal.format", "numeric", "replace.null.with.default", "false"));
        cfg("trimmed values", false, Map.of("schemas.enable", " TRUE ", "decimal.format", " Numeric ", "schemas.cache.size", " 7 "));
        cfg("bad boolean", false, Map.of("schemas.enable", "maybe"));
        cfg("bad boolean 1", false, Map.of("replace.null.with.default", "1"));
        cfg("bad int", false, Map.of("schemas.cache.size", "abc"));
        cfg("int too large", false, Map.of("schemas.cache.size", "2147483648"));
        cfg("negative cache size", false, Map.of("schemas.cache.size", "-1"));
        cfg("bad decimal format", false, Map.of("decimal.format", "hex"));
        cfg("empty decimal format", false, Map.of("decimal.format", ""));
        cfg("missing converter.type", true, Map.of());
        cfg("bad converter.type", true, Map.of("converter.type", "KEY"));
        cfg("header converter.type", true, Map.of("converter.type", "header"));
        cfg("schema.content bad json", false, Map.of("schema.content", "{bad"));
        cfg("schema.content bad schema", false, Map.of("schema.content", "{\"type\":\"bogus\"}"));
        cfg("schema.content ok", false, Map.of("schema.content", "{\"type\":\"int32\"}"));
        cfg("schema.content blank", false, Map.of("schema.content", "  "));
        cfg("unknown key", false, Map.of("no.such.key", "x"));
    }

    // ---------------------------------------------------------------- decode

    void dec(String name, Map<String, String> props, byte[] in) {
        dec(name, props, false, in);
    }

    void dec(String name, Map<String, String> props, String in) {
        dec(name, props, false, in.getBytes(StandardCharsets.UTF_8));
    }

    void dec(String name, Map<String, String> props, boolean isKey, byte[] in) {
        ObjectNode c = decodes.addObject();
        c.put("name", name);
        c.set("config", props(props));
        c.put("isKey", isKey);
        if (in == null) c.putNull("input");
        else {
            c.put("input", Base64.getEncoder().encodeToString(in));
            if (in.length < 2000) c.put("inputText", new String(in, StandardCharsets.UTF_8));
        }
        try {
            SchemaAndValue sv = converter(props, isKey).toConnectData("topic", in);
            c.set("schema", Tv.schemaJson(sv.schema()));
            c.set("value", Tv.tag(sv.value()));
        } catch (Exception e) {
            c.remove("schema");
            c.remove("value");
            c.put("error", e.getMessage());
            c.put("errorClass", e.getClass().getName());
        }
    }

    static String env(String schema, String payload) {
        return "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
    }

    void decodeCases(File dir) {
        dec("tombstone env", ENV, (byte[]) null);
        dec("tombstone plain", PLAIN, (byte[]) null);
        // Plain JSON, schemaless.
        String[] plain = {"", "   ", "\n\t\r ", "null", "true", "false", "0", "-0", "1", "-1", "007", "-007",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
                "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "18446744073709551617", "123456789012345678901234567890", "-123456789012345678901234567890",
                "1.5", "1.50", "-0.0", "0.0", "0e0", "1e5", "1E5", "1e+5", "1e-5", "1.5e300", "1e400", "-1e400",
                "1e-400", "-1e-400", "00.5", "0.1", "0.30000000000000004", "4.9e-324", "2.5e-324",
                "1.7976931348623157e308", "1.7976931348623159e308", "123456789.123456789123456789",
                "9007199254740993", "9007199254740993.0", "1e2147483647", "1e-2147483648", "1e2147483648",
                "\"\"", "\"a\"", "\"\\u00e9\\u4e2d\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00x\"",
                "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0000\\u001f\"", "\"h\u00e9llo \u4e2d \ud83d\ude00\"",
                "\"\\u00E9\"", "[]", "[1,2,3]", "[1, \"a\", null, true, 1.5, [], {}]", "{}",
                "{\"a\":1}", "{\"a\":1,\"a\":2}", "{\"a\":1,\"b\":2,\"a\":3}", "{\"b\":{\"c\":[{\"d\":null}]}}",
                "{\"\":1}", "{\"a\\u0062\":1, \"ab\":2}", " {\"a\" : 1 } ", "\ufeff{\"a\":1}",
                "1 2", "1\n2", "1\r", "1\t", "true false", "true:", "true@", "{}x", "[]]", "\"a\"b", "{} {",
                "null,", "false]",
                // malformed
                "1x", "1,", "truex", "true_", "nul", "tru", "{", "[", "[1,", "[1,]", "{\"a\":}", "{\"a\"1}",
                "{a:1}", "{'a':1}", "'a'", "[1 2]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "NaN", "Infinity",
                "-Infinity", "+1", ".5", "1.", "-", "1e", "1e+", "-.5", "0x10", "\"\\x\"", "\"\\u12\"",
                "\"\\u12g4\"", "\"abc", "\"a\u0001b\"", "\"tab\there\"", "/* c */ 1", "// c\n1", "[1]/",
                "\u0001", "{\"a\":1}}", "]", "}", ":", ","};
        for (String s : plain) {
            dec("plain: " + s, PLAIN, s);
        }
        for (String s : new String[]{"1", "\"a\"", "[1]", "{\"a\":1}", "null", "", "{", "{\"schema\":null}",
                "{\"payload\":1}", "{\"schema\":null,\"payload\":1,\"x\":2}", "{\"schema\":null,\"payload\":1}",
                "{\"payload\":[1,2.5],\"schema\":null}", "{\"schema\":null,\"payload\":null}",
                "{\"schema\":null,\"payload\":1,\"schema\":{\"type\":\"int8\"}}",
                "{\"schema\":null,\"schema\":null}", "{\"Schema\":null,\"payload\":1}",
                "{\"schema\":5,\"payload\":1}", "{\"schema\":\"int32\",\"payload\":1}",
                "{\"schema\":[],\"payload\":1}", "{\"schema\":{},\"payload\":1}"}) {
            dec("envelope: " + s, ENV, s);
        }
        byte[][] raw = {{'"', (byte) 0xC3, (byte) 0xA9, '"'}, {'"', (byte) 0xC0, (byte) 0x80, '"'},
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                {'"', (byte) 0x80, '"'}, {'"', (byte) 0xC3, '"'}, {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'},
                {'"', (byte) 0xF8, (byte) 0x80, '"'}, {'"', (byte) 0xFF, '"'}, {(byte) 0xC3, (byte) 0xA9},
                {'1', (byte) 0xC3, (byte) 0xA9}, {'t', 'r', 'u', 'e', (byte) 0xC3, (byte) 0xA9},
                {'t', 'r', 'u', 'e', (byte) 0xE2, (byte) 0x80, (byte) 0x8B}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '1'},
                {'1', 0}, {0, '1'}, {(byte) 0xFE, (byte) 0xFF, 0, '1'}, {(byte) 0xFF, (byte) 0xFE, '1', 0},
                {0, 0, 0, '1'}, {'{', 0, '}'}, {'[', '1', ']', 0}};
        int i = 0;
        for (byte[] r : raw) dec("raw bytes " + (i++), PLAIN, r);
        // Limits.
        dec("depth 1000", PLAIN, "[".repeat(1000) + "]".repeat(1000));
        dec("depth 1001", PLAIN, "[".repeat(1001) + "]".repeat(1001));
        dec("object depth 1000", PLAIN, "{\"a\":".repeat(999) + "{}" + "}".repeat(999));
        dec("int length 1000", PLAIN, "9".repeat(1000));
        dec("int length 1001", PLAIN, "9".repeat(1001));
        dec("int length 1000 negative", PLAIN, "-" + "9".repeat(1000));
        dec("fraction length 1000", PLAIN, "0." + "1".repeat(999));
        dec("fraction length 1001", PLAIN, "0." + "1".repeat(1000));
        dec("exponent digits", PLAIN, "1." + "1".repeat(990) + "e123456789");
        dec("name length 50000", PLAIN, "{\"" + "k".repeat(50000) + "\":1}");
        dec("name length 50001", PLAIN, "{\"" + "k".repeat(50001) + "\":1}");
        dec("many keys", PLAIN, manyKeys(100, false));
        dec("many keys with duplicates", PLAIN, manyKeys(100, true));

        // Typed payloads.
        String[][] typed = {
                {"\"int8\"", "1"}, {"\"int8\"", "127"}, {"\"int8\"", "128"}, {"\"int8\"", "300"}, {"\"int8\"", "-129"},
                {"\"int16\"", "40000"}, {"\"int32\"", "2147483648"}, {"\"int32\"", "1.9"}, {"\"int32\"", "-1.9"},
                {"\"int32\"", "1e10"}, {"\"int32\"", "\"12\""}, {"\"int32\"", "true"}, {"\"int32\"", "[1]"},
                {"\"int32\"", "{}"}, {"\"int32\"", "123456789012345678901234567890"}, {"\"int32\"", "1e100"},
                {"\"int32\"", "1.5e-300"}, {"\"int32\"", "-2147483649.5"}, {"\"int64\"", "9223372036854775808"},
                {"\"int64\"", "1e19"}, {"\"int64\"", "1e-64"}, {"\"int64\"", "12345678901234567890e-1"},
                {"\"int64\"", "-0"}, {"\"int64\"", "1e64"}, {"\"int64\"", "3e63"},
                {"\"float\"", "0.1"}, {"\"float\"", "16777217"}, {"\"float\"", "1e39"}, {"\"float\"", "-1e-50"},
                {"\"float\"", "-0.0"}, {"\"float\"", "\"NaN\""}, {"\"float\"", "123456789012345678901234567890"},
                {"\"float\"", "3.4028235677973366e38"}, {"\"float\"", "1.4e-45"}, {"\"float\"", "7e-46"},
                {"\"double\"", "0.1"}, {"\"double\"", "9007199254740993"}, {"\"double\"", "-0.0"},
                {"\"double\"", "-0"}, {"\"double\"", "1e400"}, {"\"double\"", "-1e-400"},
                {"\"double\"", "\"NaN\""}, {"\"double\"", "\"1.5\""}, {"\"double\"", "false"},
                {"\"double\"", "2.4703282292062328e-324"}, {"\"double\"", "9223372036854775807"},
                {"\"double\"", "123456789012345678901234567890"},
                {"\"boolean\"", "true"}, {"\"boolean\"", "1"}, {"\"boolean\"", "\"true\""},
                {"\"string\"", "\"x\""}, {"\"string\"", "5"}, {"\"string\"", "null"}, {"\"string\"", "[]"},
                {"\"bytes\"", "\"AQID\""}, {"\"bytes\"", "\"\""}, {"\"bytes\"", "\"QQ==\""}, {"\"bytes\"", "\"QQ\""},
                {"\"bytes\"", "\"QUI=\""}, {"\"bytes\"", "\"QUI\""}, {"\"bytes\"", "\"QR==\""},
                {"\"bytes\"", "\" QQ== \""}, {"\"bytes\"", "\"QQ== QUI=\""}, {"\"bytes\"", "\"QQ==QUI=\""},
                {"\"bytes\"", "\"Q Q==\""}, {"\"bytes\"", "\"QQ=\""}, {"\"bytes\"", "\"Q===\""}, {"\"bytes\"", "\"Q\""},
                {"\"bytes\"", "\"-_-_\""}, {"\"bytes\"", "\"AQID\\n\""}, {"\"bytes\"", "\"AQ\\nID\""},
                {"\"bytes\"", "\"QUJD\\n\\n\\n\\nRA==\""}, {"\"bytes\"", "\"QU\\n\\n\\n\\nJDRA==\""},
                {"\"bytes\"", "\"QUJDRA==\\u0001\""}, {"\"bytes\"", "\"QUJD=\""}, {"\"bytes\"", "5"}, {"\"bytes\"", "\"é\""},
        };
        for (String[] t : typed) {
            String schema = "{\"type\":" + t[0] + ",\"optional\":false}";
            dec("typed: " + t[0] + " " + t[1], ENV, env(schema, t[1]));
        }
        String decimal2 = "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}}";
        for (String p : new String[]{"\"MDk=\"", "1234", "12.34", "1.5", "1e3", "-0.00", "\"\"", "\"!!\"", "true",
                "[]", "null", "\"/w==\"", "123456789012345678901234567890.123"}) {
            dec("decimal: " + p, ENV, env(decimal2, p));
        }
        String decNoScale = "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\"}";
        dec("decimal without scale: bytes", ENV, env(decNoScale, "\"AQ==\""));
        dec("decimal without scale: number", ENV, env(decNoScale, "1.5"));
        String decBadScale = "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"x\"}}";
        dec("decimal bad scale: bytes", ENV, env(decBadScale, "\"AQ==\""));
        String dateS = "{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}";
        for (String p : new String[]{"0", "19723", "-1", "2147483647", "2147483648", "1.0", "\"1\"", "null"})
            dec("date: " + p, ENV, env(dateS, p));
        String timeS = "{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1}";
        for (String p : new String[]{"0", "86399999", "86400000", "86400001", "-1", "1.5", "null", "\"x\""})
            dec("time: " + p, ENV, env(timeS, p));
        String tsS = "{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1}";
        for (String p : new String[]{"0", "1700000000123", "-1", "9223372036854775807", "9223372036854775808",
                "1.0", "1e3", "\"1\""})
            dec("timestamp: " + p, ENV, env(tsS, p));
        dec("logical on other type: date as int64", ENV, env("{\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Date\"}", "5"));
        dec("logical on other type: decimal as int32", ENV, env("{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Decimal\"}", "5"));
        // Null handling.
        dec("null: required", ENV, env("{\"type\":\"int32\",\"optional\":false}", "null"));
        dec("null: optional", ENV, env("{\"type\":\"int32\",\"optional\":true}", "null"));
        dec("null: default", ENV, env("{\"type\":\"int32\",\"optional\":false,\"default\":5}", "null"));
        dec("null: default no replace", NO_REPLACE, env("{\"type\":\"int32\",\"optional\":false,\"default\":5}", "null"));
        dec("null: optional default no replace", NO_REPLACE, env("{\"type\":\"int32\",\"optional\":true,\"default\":5}", "null"));
        String sd = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":7,\"field\":\"a\"},{\"type\":\"string\",\"optional\":false,\"default\":\"d\",\"field\":\"b\"}],\"optional\":false}";
        dec("struct defaults", ENV, env(sd, "{}"));
        dec("struct defaults explicit null", ENV, env(sd, "{\"a\":null,\"b\":null}"));
        dec("struct defaults no replace", NO_REPLACE, env(sd, "{}"));
        dec("struct defaults no replace optional only", NO_REPLACE, env(sd, "{\"b\":\"x\"}"));
        // Containers.
        String arr = "{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":false}";
        for (String p : new String[]{"[]", "[1,null,3]", "{\"a\":1,\"b\":2}", "{\"a\":1,\"a\":2}", "5", "\"x\"", "true"})
            dec("array: " + p, ENV, env(arr, p));
        dec("array of required strings with numbers", ENV, env("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "[1,\"a\"]"));
        String smap = "{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int64\",\"optional\":true}}";
        for (String p : new String[]{"{}", "{\"a\":1,\"b\":null}", "{\"a\":1,\"a\":2}", "[[\"a\",1]]", "5", "\"x\""})
            dec("string map: " + p, ENV, env(smap, p));
        String imap = "{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"string\",\"optional\":true}}";
        for (String p : new String[]{"[]", "[[1,\"a\"],[2,null]]", "[[1,\"a\"],[1,\"b\"]]", "{\"1\":\"a\"}",
                "[1]", "[[1]]", "[[1,\"a\",3]]", "[{\"a\":1}]", "[[null,\"a\"]]", "[[\"7\",\"a\"]]"})
            dec("int map: " + p, ENV, env(imap, p));
        String bmap = "{\"type\":\"map\",\"keys\":{\"type\":\"bytes\"},\"values\":{\"type\":\"int32\"}}";
        // (Equal byte-array keys stay distinct in Kafka's HashMap, byte arrays being equal only to themselves;
        // schemas.Map keeps keys unique by content, so that case is a documented difference and not listed.)
        dec("bytes map keys", ENV, env(bmap, "[[\"AQ==\",1],[\"Ag==\",2]]"));
        String dmap = "{\"type\":\"map\",\"keys\":{\"type\":\"double\"},\"values\":{\"type\":\"int32\"}}";
        dec("double map keys", ENV, env(dmap, "[[1.5,1],[1.50,2],[-0.0,3],[0,4]]"));
        String st = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"field\":\"b\"},{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"optional\":true,\"field\":\"c\"}],\"optional\":false,\"name\":\"S\"}";
        for (String p : new String[]{"{\"a\":1,\"b\":\"x\",\"c\":[\"y\"]}", "{\"a\":1}", "{\"b\":\"x\"}",
                "{\"a\":1,\"extra\":2}", "{\"a\":1,\"a\":2}", "{\"a\":\"1\"}", "{\"a\":1,\"b\":5}", "[1]", "5",
                "{\"a\":1,\"c\":[1]}", "{\"a\":1,\"c\":{\"k\":\"v\"}}"})
            dec("struct: " + p, ENV, env(st, p));
        dec("empty struct", ENV, env("{\"type\":\"struct\",\"fields\":[]}", "{}"));
        dec("nested round trip shape", ENV, env("{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":[{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"array\",\"items\":{\"type\":\"double\"}},\"field\":\"m\"}],\"field\":\"inner\"}]}",
                "{\"inner\":{\"m\":{\"a\":[1,2.5,-3e2],\"b\":[]}}}"));
        // Schemas.
        String[] badSchemas = {"{}", "{\"type\":5}", "{\"type\":\"INT32\"}", "{\"type\":\"uint8\"}",
                "{\"type\":\"array\"}", "{\"type\":\"array\",\"items\":null}", "{\"type\":\"array\",\"items\":5}",
                "{\"type\":\"array\",\"items\":{\"type\":\"x\"}}", "{\"type\":\"map\",\"values\":{\"type\":\"int8\"}}",
                "{\"type\":\"map\",\"keys\":{\"type\":\"int8\"}}", "{\"type\":\"map\",\"keys\":null,\"values\":{\"type\":\"int8\"}}",
                "{\"type\":\"map\",\"keys\":{\"type\":\"int8\"},\"values\":null}", "{\"type\":\"map\",\"keys\":null,\"values\":{\"type\":\"bad\"}}",
                "{\"type\":\"struct\"}", "{\"type\":\"struct\",\"fields\":{}}", "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\"}]}",
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":5}]}", "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":\"\"}]}",
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":\"a\"},{\"type\":\"int16\",\"field\":\"a\"}]}",
                "{\"type\":\"struct\",\"fields\":[null]}", "{\"type\":\"struct\",\"fields\":[{\"type\":\"bad\",\"field\":\"\"}]}",
                "{\"type\":\"int8\",\"parameters\":{\"a\":1}}", "{\"type\":\"int8\",\"parameters\":{\"a\":\"1\",\"b\":null}}",
                "{\"type\":\"int8\",\"parameters\":5}", "{\"type\":\"int8\",\"default\":null}",
                "{\"type\":\"int8\",\"optional\":true,\"default\":null}", "{\"type\":\"string\",\"default\":5}",
                "{\"type\":\"string\",\"optional\":true,\"default\":5}", "{\"type\":\"int8\",\"default\":\"x\"}",
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":\"a\"}],\"default\":{\"a\":1}}",
                "{\"type\":\"struct\",\"fields\":[],\"optional\":true,\"default\":null}",
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":\"a\"}],\"default\":5}",
                "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"default\":[1,\"a\"]}",
                "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":true},\"default\":[1,\"a\"]}",
                "{\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\",\"field\":\"a\"}]},\"default\":[{\"a\":1}]}",
                "{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int8\"},\"default\":{\"a\":1}}",
                "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\",\"default\":1.5}",
                "{\"type\":\"int32\",\"name\":\"org.apache.kafka.connect.data.Date\",\"default\":1}",
                "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"},\"default\":\"AQ==\"}",
                "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"},\"default\":1.5}",
                "{\"type\":\"int32\",\"version\":1.5}", "{\"type\":\"int32\",\"version\":\"1\"}", "{\"type\":\"int32\",\"version\":4294967297}",
                "{\"type\":\"int32\",\"name\":5,\"doc\":true}", "{\"type\":\"int32\",\"optional\":\"true\"}",
                "{\"type\":\"int32\",\"optional\":1}", "{\"type\":\"int32\",\"name\":\"a\",\"name\":\"b\"}",
                "{\"type\":\"int32\",\"type\":\"string\"}", "{\"type\":\"int8\",\"default\":1000}",
                "{\"type\":\"float\",\"default\":0.1}", "{\"type\":\"double\",\"default\":\"NaN\"}",
                "{\"type\":\"bytes\",\"default\":\"!\"}", "{\"type\":\"boolean\",\"default\":1}",
                "{\"type\":\"int64\",\"name\":\"x\",\"version\":2,\"doc\":\"d\",\"parameters\":{\"b\":\"1\",\"a\":\"2\"},\"default\":5,\"optional\":true,\"extra\":[1]}"};
        for (String s : badSchemas) dec("schema: " + s, ENV, env(s, "null"));
        // schema.content (KIP-1054).
        String content = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]}";
        Map<String, String> sc = Map.of("schema.content", content);
        dec("schema.content: payload", sc, "{\"a\":5}");
        dec("schema.content: envelope is payload", sc, env("null", "{\"a\":5}"));
        dec("schema.content: empty", sc, "");
        dec("schema.content: plain ignores it", with(sc, "schemas.enable", "false"), "{\"a\":5}");
        dec("schema.content: int", Map.of("schema.content", "{\"type\":\"int64\"}"), "12");
        dec("schema.content: null", Map.of("schema.content", "null"), "12");
        // isKey and header.
        dec("isKey envelope", ENV, true, env("{\"type\":\"string\"}", "\"k\"").getBytes(StandardCharsets.UTF_8));
        dec("header plain", Map.of("converter.type", "header", "schemas.enable", "false"), "[1]");
        // A connected-car record.
        try {
            byte[] sensor = Files.readAllBytes(new File(dir, "sensor.json").toPath());
            dec("sensor record plain", PLAIN, sensor);
        } catch (java.io.IOException e) {
            System.err.println("JsonGolden: sensor.json not found, skipped");
        }
    }

    static String manyKeys(int n, boolean dup) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append("\"k").append(dup ? i % 37 : i).append("\":").append(i);
        }
        return sb.append('}').toString();
    }
}
