package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.converters.BooleanConverter;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.converters.DoubleConverter;
import org.apache.kafka.connect.converters.FloatConverter;
import org.apache.kafka.connect.converters.IntegerConverter;
import org.apache.kafka.connect.converters.LongConverter;
import org.apache.kafka.connect.converters.ShortConverter;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Golden vectors for Kafka's simple converters.
 *
 * <p>Usage: {@code scripts/oracle.sh ConvertersGolden schemas/stringconv/testdata schemas/primitiveconv/testdata}
 * writes converters_golden.json into both directories: StringConverter in every supported charset (and its
 * configuration keys and errors) and SimpleHeaderConverter in both directions into the first; ByteArrayConverter
 * and the Integer, Long, Short, Float, Double and Boolean converters in both directions, with wrong sizes, types,
 * schemas and nulls, into the second.
 */
public final class ConvertersGolden {
    private ConvertersGolden() {}

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        java.util.Locale.setDefault(java.util.Locale.US);
        ValuesJson.Golden s = new ValuesJson.Golden();
        configInfo(s, "org.apache.kafka.connect.storage.StringConverter", new StringConverter().config());
        configInfo(s, "org.apache.kafka.connect.storage.SimpleHeaderConverter", new SimpleHeaderConverter().config());
        stringConverter(s);
        headerConverter(s);
        s.write(Path.of(args[0], "converters_golden.json"));
        ValuesJson.Golden p = new ValuesJson.Golden();
        configInfo(p, "org.apache.kafka.connect.converters.ByteArrayConverter", new ByteArrayConverter().config());
        configInfo(p, "org.apache.kafka.connect.converters.IntegerConverter", new IntegerConverter().config());
        configInfo(p, "org.apache.kafka.connect.converters.BooleanConverter", new BooleanConverter().config());
        primitives(p);
        p.write(Path.of(args[1], "converters_golden.json"));
    }

    /** The body of GET /connector-plugins/{class}/config, as Kafka's REST layer writes it. */
    static void configInfo(ValuesJson.Golden g, String cls, org.apache.kafka.common.config.ConfigDef def) throws Exception {
        List<org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo> infos = new ArrayList<>();
        for (org.apache.kafka.common.config.ConfigDef.ConfigKey k : def.configKeys().values()) {
            infos.add(org.apache.kafka.connect.runtime.AbstractHerder.convertConfigKey(k));
        }
        ObjectNode c = ValuesJson.obj();
        c.put("class", cls);
        c.put("key_infos", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(infos));
        g.add("config", c);
    }

    // ---- StringConverter ----

    static final String[] CHARSETS = {"UTF-8", "utf-8", "utf8", "UTF8", "unicode-1-1-utf-8", "UTF-16", "utf16", "UTF_16",
        "UnicodeBig", "unicode", "UTF-16BE", "x-utf-16be", "UnicodeBigUnmarked", "ISO-10646-UCS-2", "UTF_16BE", "UTF-16LE",
        "UTF_16LE", "X-UTF-16LE", "UnicodeLittleUnmarked", "x-UTF-16LE-BOM", "UnicodeLittle", "ISO-8859-1", "iso-8859-1",
        "latin1", "l1", "8859_1", "ISO8859_1", "cp819", "IBM819", "csISOLatin1", "US-ASCII", "us-ascii", "ASCII", "646",
        "us", "iso-ir-6", "ANSI_X3.4-1968", "ascii7"};
    // ("default", US-ASCII's alias up to Java 17, is left out: later JVMs reject it.)
    static final String[] BAD_CHARSETS = {"bogus", "", "utf_8", " UTF-8", "UTF-8 ", "+x", "UTF-8/"};

    static final String[] TEXTS = {"", "hello", "caf\u00e9", "\u20acuro", "\u65e5\u672c\u8a9e", "\ud83d\ude00 emoji",
        "a\u0000b", "\u00ff\u0100", "\ufeffbom", "\ud800\udc00", "line\nbreak\t", "\u007f\u0080"};

    static List<Object> nonStrings() {
        Schema inner = SchemaBuilder.struct().field("x", Schema.INT8_SCHEMA).field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", Arrays.asList(true, null));
        return Arrays.asList(null, 42, (byte) -1, (short) 300, 5000000000L, 1.5f, 2.5, Float.NaN, -0.0, 1e-5, 1e7, true,
            new BigDecimal("1.50"), new BigDecimal("1E+3"), Arrays.asList(1, "a", null), m,
            new Struct(inner).put("x", (byte) 1).put("y", "z"), new java.util.Date(0), new java.util.Date(1700000000123L),
            new java.util.Date(-62135596800000L));
    }

    static List<byte[]> utf8Bytes() {
        List<byte[]> out = new ArrayList<>();
        int[][] table = {{}, {0x41}, {0x80}, {0xBF}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xC2}, {0xC2, 0x41}, {0xC3, 0xA9},
            {0xE0, 0x80, 0x80}, {0xE0, 0xA0}, {0xE0, 0xA0, 0x80}, {0xE0, 0x9F, 0xBF}, {0xE2, 0x82}, {0xE2, 0x82, 0xAC},
            {0xE2, 0x82, 0x41}, {0xE2, 0x41, 0x41}, {0xE2}, {0xE2, 0x41}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF},
            {0xED, 0x9F, 0xBF}, {0xED, 0xA0}, {0xEF, 0xBF, 0xBF}, {0xEF, 0xBB, 0xBF, 0x41}, {0xF0, 0x80, 0x80, 0x80},
            {0xF0, 0x90, 0x80, 0x80}, {0xF0, 0x90, 0x80}, {0xF0, 0x90}, {0xF0}, {0xF0, 0x41}, {0xF0, 0x90, 0x41},
            {0xF0, 0x90, 0x80, 0x41}, {0xF0, 0x8F, 0x80}, {0xF0, 0x90, 0x80, 0x41, 0x42}, {0xF4, 0x8F, 0xBF, 0xBF},
            {0xF4, 0x90, 0x80, 0x80}, {0xF4, 0x90}, {0xF5, 0x80, 0x80, 0x80}, {0xF5}, {0xF7, 0xBF, 0xBF, 0xBF},
            {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFE}, {0xFF, 0xFE}, {0x41, 0xE2, 0x82, 0xAC, 0x42}, {0xE2, 0x82, 0xE2, 0x82, 0xAC},
            {0xC2, 0xC2, 0xA9}, {0xF0, 0x9F, 0x98, 0x80}, {0xF0, 0x9F, 0x98}, {0xF0, 0x9F, 0x98, 0x22, 0x5B}, {0x5B, 0xC3, 0x5D}};
        for (int[] t : table) out.add(ValuesJson.bytes(t));
        Random r = new Random(20260602L);
        for (int i = 0; i < 150; i++) {
            byte[] b = new byte[1 + r.nextInt(8)];
            for (int j = 0; j < b.length; j++) {
                int k = r.nextInt(10);
                b[j] = (byte) (k < 3 ? 0x20 + r.nextInt(0x60) : k < 6 ? 0x80 + r.nextInt(0x40) : 0xC0 + r.nextInt(0x40));
            }
            out.add(b);
        }
        return out;
    }

    static List<byte[]> utf16Bytes() {
        List<byte[]> out = new ArrayList<>();
        int[][] table = {{}, {0x00}, {0x00, 0x41}, {0x41, 0x00}, {0x00, 0x41, 0x00}, {0xFE, 0xFF, 0x00, 0x41},
            {0xFF, 0xFE, 0x41, 0x00}, {0xFE, 0xFF}, {0xFF, 0xFE}, {0xFE}, {0xD8, 0x00}, {0x00, 0xD8}, {0xD8, 0x00, 0xDC, 0x00},
            {0x00, 0xD8, 0x00, 0xDC}, {0xD8, 0x00, 0x00, 0x41}, {0xDC, 0x00, 0x00, 0x41}, {0xD8, 0x00, 0xD8, 0x00, 0xDC, 0x00},
            {0x00, 0x41, 0xD8}, {0xD8, 0x3D, 0xDE, 0x00}, {0x3D, 0xD8, 0x00, 0xDE}, {0xFE, 0xFF, 0xFE, 0xFF},
            {0xFF, 0xFE, 0xFF, 0xFE}, {0x00, 0x41, 0xFE, 0xFF}, {0xD8, 0x00, 0xDC}, {0xD8, 0x00, 0x00}, {0xFF, 0xFE, 0x3D, 0xD8}};
        for (int[] t : table) out.add(ValuesJson.bytes(t));
        Random r = new Random(20260603L);
        for (int i = 0; i < 60; i++) {
            byte[] b = new byte[1 + r.nextInt(8)];
            for (int j = 0; j < b.length; j++) {
                int k = r.nextInt(6);
                b[j] = (byte) (k == 0 ? 0xD8 + r.nextInt(8) : k == 1 ? 0xFE + r.nextInt(2) : k < 4 ? 0 : r.nextInt(256));
            }
            out.add(b);
        }
        return out;
    }

    static List<byte[]> singleByteBytes() {
        List<byte[]> out = new ArrayList<>();
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        out.add(all);
        out.add(ValuesJson.bytes(0x41, 0x80, 0xFF));
        out.add(new byte[0]);
        return out;
    }

    static void stringConverter(ValuesJson.Golden g) {
        List<Object[]> configs = new ArrayList<>();
        for (String cs : CHARSETS) configs.add(new Object[]{Map.of("converter.encoding", cs), false});
        for (String cs : BAD_CHARSETS) configs.add(new Object[]{Map.of("converter.encoding", cs), false});
        configs.add(new Object[]{Map.of(), false});
        configs.add(new Object[]{Map.of(), true});
        configs.add(new Object[]{Map.of("converter.encoding", "UTF-16"), true});
        configs.add(new Object[]{Map.of("encoding", "UTF-16"), false});
        configs.add(new Object[]{Map.of("value.serializer.encoding", "UTF-16"), false});
        configs.add(new Object[]{Map.of("value.serializer.encoding", "UTF-16"), true});
        configs.add(new Object[]{Map.of("key.serializer.encoding", "UTF-16LE", "converter.encoding", "ISO-8859-1"), true});
        configs.add(new Object[]{Map.of("value.deserializer.encoding", "ISO-8859-1"), false});
        configs.add(new Object[]{Map.of("key.deserializer.encoding", "US-ASCII", "key.serializer.encoding", "UTF-16BE"), true});
        configs.add(new Object[]{Map.of("serializer.encoding", "UTF-16"), false});
        configs.add(new Object[]{Map.of("value.serializer.encoding", "bogus"), false});
        configs.add(new Object[]{Map.of("value.deserializer.encoding", "nope", "converter.encoding", "UTF-16"), false});
        configs.add(new Object[]{Map.of("key.deserializer.encoding", "x1", "key.serializer.encoding", "x2"), true});
        configs.add(new Object[]{Map.of("converter.type", "header"), false});
        for (Object[] cfg : configs) {
            @SuppressWarnings("unchecked") Map<String, String> props = (Map<String, String>) cfg[0];
            boolean isKey = (Boolean) cfg[1];
            ObjectNode base = ValuesJson.obj();
            base.set("config", Tv.MAPPER.valueToTree(props));
            base.put("isKey", isKey);
            StringConverter c = new StringConverter();
            try {
                c.configure(props, isKey);
            } catch (Throwable t) {
                ObjectNode e = base.deepCopy();
                e.set("configError", ValuesJson.error(t));
                g.add("string", e);
                continue;
            }
            String enc = props.getOrDefault("converter.encoding", "UTF-8");
            boolean full = props.size() != 1 || !props.containsKey("converter.encoding") || Arrays.asList(
                "UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE", "x-UTF-16LE-BOM", "ISO-8859-1", "US-ASCII").contains(enc);
            List<Object> values = new ArrayList<>(Arrays.asList((Object[]) TEXTS));
            if (full) values.addAll(nonStrings());
            for (Object v : values) {
                ObjectNode e = base.deepCopy();
                e.put("op", "from");
                e.set("value", Tv.tag(v));
                try {
                    e.set("bytes", ValuesJson.bytesNode(c.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, v)));
                } catch (Throwable t) {
                    e.set("error", ValuesJson.error(t));
                }
                g.add("string", e);
            }
            List<byte[]> inputs = new ArrayList<>();
            inputs.add(null);
            for (String t : TEXTS) inputs.add(t.getBytes(StandardCharsets.UTF_8));
            if (full) {
                inputs.addAll(utf8Bytes());
                inputs.addAll(utf16Bytes());
                inputs.addAll(singleByteBytes());
            }
            for (byte[] b : inputs) {
                ObjectNode e = base.deepCopy();
                e.put("op", "to");
                e.set("bytes", ValuesJson.bytesNode(b));
                try {
                    SchemaAndValue sv = c.toConnectData("t", b);
                    e.set("schema", Tv.schemaJson(sv.schema()));
                    e.set("value", Tv.tag(sv.value()));
                } catch (Throwable t) {
                    e.set("error", ValuesJson.error(t));
                }
                g.add("string", e);
            }
        }
    }

    // ---- SimpleHeaderConverter ----

    static void headerConverter(ValuesJson.Golden g) {
        SimpleHeaderConverter c = new SimpleHeaderConverter();
        c.configure(Map.of());
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(null);
        for (String s : ValuesCorpus.HAND) inputs.add(s.getBytes(StandardCharsets.UTF_8));
        inputs.addAll(utf8Bytes());
        inputs.add(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        inputs.add(("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.UTF_8));
        for (byte[] b : inputs) {
            ObjectNode e = ValuesJson.obj();
            e.put("op", "to");
            e.set("bytes", ValuesJson.bytesNode(b));
            try {
                SchemaAndValue sv = c.toConnectHeader("t", "h", b);
                if (sv == null) {
                    e.put("null", true);
                } else {
                    e.set("schema", Tv.schemaJson(sv.schema()));
                    e.set("value", Tv.tag(sv.value()));
                }
            } catch (Throwable t) {
                e.set("error", ValuesJson.error(t));
            }
            g.add("header", e);
        }
        List<Object[]> values = new ArrayList<>(ValuesGolden.renderValues());
        values.add(new Object[]{"null", Schema.OPTIONAL_STRING_SCHEMA, null});
        values.add(new Object[]{"null no schema", null, null});
        for (Object[] r : values) {
            ObjectNode e = ValuesJson.obj();
            e.put("op", "from");
            e.put("name", (String) r[0]);
            e.set("schema", Tv.schemaJson((Schema) r[1]));
            e.set("value", Tv.tag(r[2]));
            try {
                e.set("bytes", ValuesJson.bytesNode(c.fromConnectHeader("t", "h", (Schema) r[1], r[2])));
            } catch (Throwable t) {
                e.set("error", ValuesJson.error(t));
            }
            g.add("header", e);
        }
    }

    // ---- primitive converters ----

    static void primitives(ValuesJson.Golden g) {
        Map<String, Supplier<Object>> convs = new LinkedHashMap<>();
        convs.put("ByteArray", ByteArrayConverter::new);
        convs.put("Integer", IntegerConverter::new);
        convs.put("Long", LongConverter::new);
        convs.put("Short", ShortConverter::new);
        convs.put("Float", FloatConverter::new);
        convs.put("Double", DoubleConverter::new);
        convs.put("Boolean", BooleanConverter::new);
        Object[] values = {null, (byte) 1, (short) -2, 3, Integer.MIN_VALUE, 4L, Long.MAX_VALUE, (short) 258, 5.5f, Float.NaN,
            -0.0f, 6.5, Double.MIN_VALUE, -0.0, Double.NEGATIVE_INFINITY, true, false,
            "s", new byte[]{1, 2}, new byte[0], new BigDecimal("1.5"), new ArrayList<>(Arrays.asList(1)), new java.util.Date(0)};
        Schema[] schemas = {null, Schema.INT8_SCHEMA, Schema.INT16_SCHEMA, Schema.INT32_SCHEMA, Schema.INT64_SCHEMA,
            Schema.FLOAT32_SCHEMA, Schema.FLOAT64_SCHEMA, Schema.BOOLEAN_SCHEMA, Schema.OPTIONAL_BOOLEAN_SCHEMA,
            Schema.STRING_SCHEMA, Schema.BYTES_SCHEMA, Schema.OPTIONAL_BYTES_SCHEMA, Decimal.schema(1), Date.SCHEMA};
        List<byte[]> inputs = new ArrayList<>();
        inputs.add(null);
        for (int n = 0; n <= 9; n++) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) (0x11 * (i + 1) + (i == 0 ? 0x6e : 0));
            inputs.add(b);
        }
        int[][] more = {{0}, {1}, {2}, {0xFF}, {0x80}, {0x7F}, {0xFF, 0xFF}, {0x80, 0x00}, {0x00, 0x00, 0x00, 0x01},
            {0xFF, 0xFF, 0xFF, 0xFF}, {0x7F, 0xC0, 0x00, 0x01}, {0x7F, 0x80, 0x00, 0x00}, {0x80, 0x00, 0x00, 0x00},
            {0x7F, 0xF8, 0, 0, 0, 0, 0, 1}, {0x80, 0, 0, 0, 0, 0, 0, 0}, {0x3F, 0xF0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 1}};
        for (int[] m : more) inputs.add(ValuesJson.bytes(m));
        for (Map.Entry<String, Supplier<Object>> e : convs.entrySet()) {
            for (boolean isKey : new boolean[]{false, true}) {
                Object conv = e.getValue().get();
                ((Converter) conv).configure(Map.of(), isKey);
                boolean header = isKey; // exercise the header path with the key-configured instance
                for (Schema s : schemas) {
                    for (Object v : values) {
                        if (s != null && v != null && s.type() != Schema.Type.BYTES && s != Schema.INT32_SCHEMA
                            && s != Schema.BOOLEAN_SCHEMA && s != Schema.STRING_SCHEMA) continue; // keep the matrix small
                        ObjectNode c = ValuesJson.obj();
                        c.put("converter", e.getKey());
                        c.put("isKey", isKey);
                        c.put("op", header ? "fromHeader" : "from");
                        c.set("schema", Tv.schemaJson(s));
                        c.set("value", Tv.tag(v));
                        try {
                            byte[] out = header ? ((HeaderConverter) conv).fromConnectHeader("t", "h", s, v)
                                : ((Converter) conv).fromConnectData("t", s, v);
                            c.set("bytes", ValuesJson.bytesNode(out));
                        } catch (Throwable t) {
                            c.set("error", ValuesJson.error(t));
                        }
                        g.add("primitive", c);
                    }
                }
                for (byte[] b : inputs) {
                    ObjectNode c = ValuesJson.obj();
                    c.put("converter", e.getKey());
                    c.put("isKey", isKey);
                    c.put("op", header ? "toHeader" : "to");
                    c.set("bytes", ValuesJson.bytesNode(b));
                    try {
                        SchemaAndValue sv = header ? ((HeaderConverter) conv).toConnectHeader("t", "h", b)
                            : ((Converter) conv).toConnectData("t", b);
                        c.set("schema", Tv.schemaJson(sv.schema()));
                        c.set("value", Tv.tag(sv.value()));
                    } catch (Throwable t) {
                        c.set("error", ValuesJson.error(t));
                    }
                    g.add("primitive", c);
                }
            }
        }
    }
}
