package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.data.Values;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Golden vectors for Kafka's Values class (Sluice's schemas.ParseString, ConvertToX, InferSchema).
 *
 * <p>Usage: {@code scripts/oracle.sh ValuesGolden schemas/testdata} writes values_golden.json with sections
 * "parse" (header strings through Values.parseString, and the result rendered back with convertToString),
 * "render" (values through convertToString), "convert" (every convertToX on a matrix of values and schemas) and
 * "infer" (inferSchema). The JVM's default time zone is set to UTC, which Sluice assumes.
 *
 * <p>Floating-point values are chosen so that JDK 17's Float/Double.toString agrees with JDK 19 and later (which
 * print the shortest decimal; Sluice does too): for some values, such as 1.0E23, JDK 17 prints more digits.
 */
public final class ValuesGolden {
    private ValuesGolden() {}

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        java.util.Locale.setDefault(java.util.Locale.US);
        ValuesJson.Golden g = new ValuesJson.Golden();
        for (String s : ValuesCorpus.parseInputs()) g.add("parse", parseCase(s));
        for (Object[] r : renderValues()) g.add("render", renderCase((String) r[0], (Schema) r[1], r[2]));
        convertCases(g);
        for (Object v : inferValues()) g.add("infer", inferCase(v));
        g.write(Path.of(args[0], "values_golden.json"));
    }

    static ObjectNode parseCase(String s) {
        ObjectNode c = ValuesJson.obj();
        c.put("input", s);
        try {
            SchemaAndValue sv = Values.parseString(s);
            if (sv == null) {
                c.put("null", true);
                return c;
            }
            if (s.length() > 1000) {
                // Too deep for Jackson to write as tagged JSON: the rendering and the type must do.
                c.put("type", sv.schema().type().toString());
            } else {
                c.set("schema", Tv.schemaJson(sv.schema()));
                c.set("value", Tv.tag(sv.value()));
            }
            c.put("string", Values.convertToString(sv.schema(), sv.value()));
        } catch (Throwable t) {
            c.set("error", ValuesJson.error(t));
        }
        return c;
    }

    static ObjectNode renderCase(String name, Schema schema, Object value) {
        ObjectNode c = ValuesJson.obj();
        c.put("name", name);
        c.set("schema", Tv.schemaJson(schema));
        c.set("value", Tv.tag(value));
        try {
            c.put("string", Values.convertToString(schema, value));
        } catch (Throwable t) {
            c.set("error", ValuesJson.error(t));
        }
        return c;
    }

    static final Schema STRUCT_SCHEMA = SchemaBuilder.struct().name("com.example.Rec")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("score", SchemaBuilder.float64().optional().defaultValue(1.5).build())
            .build();
    static final Schema INNER = SchemaBuilder.struct().field("x", Schema.INT8_SCHEMA).field("y", Schema.OPTIONAL_STRING_SCHEMA).build();
    static final Schema OUTER = SchemaBuilder.struct().field("inner", INNER).field("list", SchemaBuilder.array(INNER).build()).build();

    static Struct rec(int id, String name, List<Object> tags, Double score) {
        Struct s = new Struct(STRUCT_SCHEMA).put("id", id).put("name", name).put("tags", tags);
        if (score != null) s.put("score", score);
        return s;
    }

    static Struct inner(int x, String y) {
        return new Struct(INNER).put("x", (byte) x).put("y", y);
    }

    static <K, V> Map<K, V> lmap(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked") K k = (K) kv[i];
            @SuppressWarnings("unchecked") V v = (V) kv[i + 1];
            m.put(k, v);
        }
        return m;
    }

    static List<Object> list(Object... v) {
        return new ArrayList<>(Arrays.asList(v));
    }

    static java.util.Date date(long ms) {
        return new java.util.Date(ms);
    }

    static List<Object[]> renderValues() {
        List<Object[]> r = new ArrayList<>();
        Object[][] plain = {
            {"int8 min", Schema.INT8_SCHEMA, Byte.MIN_VALUE}, {"int8 max", Schema.INT8_SCHEMA, Byte.MAX_VALUE},
            {"int16 min", Schema.INT16_SCHEMA, Short.MIN_VALUE}, {"int16", Schema.INT16_SCHEMA, (short) 300},
            {"int32 min", Schema.INT32_SCHEMA, Integer.MIN_VALUE}, {"int32 max", Schema.INT32_SCHEMA, Integer.MAX_VALUE},
            {"int64 min", Schema.INT64_SCHEMA, Long.MIN_VALUE}, {"int64 max", Schema.INT64_SCHEMA, Long.MAX_VALUE},
            {"int64 no schema", null, 42L},
            {"float32 1", Schema.FLOAT32_SCHEMA, 1.0f}, {"float32 0.1", Schema.FLOAT32_SCHEMA, 0.1f},
            {"float32 1e10", Schema.FLOAT32_SCHEMA, 1e10f}, {"float32 1e-5", Schema.FLOAT32_SCHEMA, 1e-5f},
            {"float32 123456.78", Schema.FLOAT32_SCHEMA, 123456.78f}, {"float32 1e7", Schema.FLOAT32_SCHEMA, 1e7f},
            {"float32 9999999", Schema.FLOAT32_SCHEMA, 9999999f}, {"float32 0.001", Schema.FLOAT32_SCHEMA, 0.001f},
            {"float32 NaN", Schema.FLOAT32_SCHEMA, Float.NaN}, {"float32 -inf", Schema.FLOAT32_SCHEMA, Float.NEGATIVE_INFINITY},
            {"float32 -0", Schema.FLOAT32_SCHEMA, -0.0f}, {"float32 min", Schema.FLOAT32_SCHEMA, Float.MIN_VALUE},
            {"float32 max", Schema.FLOAT32_SCHEMA, Float.MAX_VALUE}, {"float32 2^-100", Schema.FLOAT32_SCHEMA, 0x1p-100f},
            {"float64 1", Schema.FLOAT64_SCHEMA, 1.0}, {"float64 0.1", Schema.FLOAT64_SCHEMA, 0.1},
            {"float64 third", Schema.FLOAT64_SCHEMA, 1.0 / 3}, {"float64 1e7", Schema.FLOAT64_SCHEMA, 1e7},
            {"float64 9999999.999", Schema.FLOAT64_SCHEMA, 9999999.999}, {"float64 0.001", Schema.FLOAT64_SCHEMA, 0.001},
            {"float64 0.000999", Schema.FLOAT64_SCHEMA, 0.000999}, {"float64 1e-4", Schema.FLOAT64_SCHEMA, 1e-4},
            {"float64 1e21", Schema.FLOAT64_SCHEMA, 1e21}, {"float64 1.5e300", Schema.FLOAT64_SCHEMA, 1.5e300},
            {"float64 -1.5e-300", Schema.FLOAT64_SCHEMA, -1.5e-300}, {"float64 min", Schema.FLOAT64_SCHEMA, Double.MIN_VALUE},
            {"float64 max", Schema.FLOAT64_SCHEMA, Double.MAX_VALUE}, {"float64 inf", Schema.FLOAT64_SCHEMA, Double.POSITIVE_INFINITY},
            {"float64 NaN", Schema.FLOAT64_SCHEMA, Double.NaN}, {"float64 -0", Schema.FLOAT64_SCHEMA, -0.0},
            {"float64 100", Schema.FLOAT64_SCHEMA, 100.0}, {"float64 123456789.125", Schema.FLOAT64_SCHEMA, 123456789.125},
            {"boolean true", Schema.BOOLEAN_SCHEMA, true}, {"boolean false", Schema.BOOLEAN_SCHEMA, false},
            {"string", Schema.STRING_SCHEMA, "hello"}, {"string empty", Schema.STRING_SCHEMA, ""},
            {"string quotes top", Schema.STRING_SCHEMA, "three\"blind\\\"mice"},
            {"string delimiters top", Schema.STRING_SCHEMA, "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':"},
            {"string unicode", Schema.STRING_SCHEMA, "caf\u00e9 \u20ac \ud83d\ude00"},
            {"string null literal", Schema.STRING_SCHEMA, "null"},
            {"bytes", Schema.BYTES_SCHEMA, new byte[]{1, 2, 3, (byte) 0xff}}, {"bytes empty", Schema.BYTES_SCHEMA, new byte[0]},
            {"bytes no schema", null, "hi".getBytes()},
            {"decimal 123.45", Decimal.schema(2), new BigDecimal("123.45")}, {"decimal -0.001", Decimal.schema(3), new BigDecimal("-0.001")},
            {"decimal 1E+3", Decimal.schema(-3), new BigDecimal("1E+3")}, {"decimal 0E-10", Decimal.schema(10), new BigDecimal("0E-10")},
            {"decimal 1E-7", Decimal.schema(7), new BigDecimal("1E-7")}, {"decimal 0.000001", Decimal.schema(6), new BigDecimal("0.000001")},
            {"decimal 1.5E+400", Decimal.schema(-399), new BigDecimal("1.5E+400")}, {"decimal 0E+5", Decimal.schema(-5), new BigDecimal("0E+5")},
            {"decimal big", Decimal.schema(0), new BigDecimal("123456789012345678901234567890")},
            {"decimal -12.3400", Decimal.schema(4), new BigDecimal("-12.3400")},
            {"date epoch", Date.SCHEMA, date(0)}, {"date 2024", Date.SCHEMA, date(1704067200000L)},
            {"date 1969", Date.SCHEMA, date(-86400000L)}, {"date 10000", Date.SCHEMA, date(253402300800000L)},
            {"time 0", Time.SCHEMA, date(0)}, {"time 1ms", Time.SCHEMA, date(1)}, {"time max", Time.SCHEMA, date(86399999)},
            {"timestamp 86400000", Timestamp.SCHEMA, date(86400000L)}, {"timestamp 86400001", Timestamp.SCHEMA, date(86400001L)},
            {"timestamp now", Timestamp.SCHEMA, date(1700000000123L)}, {"timestamp -1", Timestamp.SCHEMA, date(-1)},
            {"timestamp 1582", Timestamp.SCHEMA, date(-12219292800000L)}, {"timestamp year 1", Timestamp.SCHEMA, date(-62135596800000L)},
            {"list empty", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), list()},
            {"list ints", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), list(1, 2, 3)},
            {"list strings", SchemaBuilder.array(Schema.STRING_SCHEMA).build(), list("a", "b c", "d\"e", "f\\g", "")},
            {"list nulls", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build(), list("a", null)},
            {"list mixed", null, list(1, "a", true, 2.5, null, new byte[]{9})},
            {"list nested", null, list(list(1, 2), list(), list(list("x")))},
            {"list dates", null, list(date(0), date(86400000L), date(90000000L))},
            {"list decimals", null, list(new BigDecimal("1.50"), new BigDecimal("-2"))},
            {"map empty", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), lmap()},
            {"map strings", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build(), lmap("a", "1", "b c", "x:y", "q\"", "\\")},
            {"map int keys", null, lmap(1, "one", 2, "two")},
            {"map nested", null, lmap("a", lmap("b", list(1, 2)), "c", null)},
            {"map list key", null, lmap(list(1, 2), true)},
            {"map date values", null, lmap("d", date(86400000L * 365), "t", date(3600000L))},
            {"struct", STRUCT_SCHEMA, rec(1, "n\"x", list("a", "b"), 2.5)},
            {"struct defaults", STRUCT_SCHEMA, rec(2, null, null, null)},
            {"struct nested", OUTER, new Struct(OUTER).put("inner", inner(1, "y")).put("list", list(inner(2, null), inner(3, "z")))},
            {"struct empty", SchemaBuilder.struct().build(), new Struct(SchemaBuilder.struct().build())},
            {"map of structs", null, lmap("k", inner(4, "w"))},
            {"list of structs", null, list(inner(5, "v"), null)},
        };
        for (Object[] p : plain) r.add(p);
        return r;
    }

    // ---- convertToX ----

    interface Conv {
        Object apply(Schema s, Object v);
    }

    static final Map<String, Conv> CONVERTERS = new LinkedHashMap<>();
    static {
        CONVERTERS.put("Boolean", Values::convertToBoolean);
        CONVERTERS.put("Byte", Values::convertToByte);
        CONVERTERS.put("Short", Values::convertToShort);
        CONVERTERS.put("Integer", Values::convertToInteger);
        CONVERTERS.put("Long", Values::convertToLong);
        CONVERTERS.put("Float", Values::convertToFloat);
        CONVERTERS.put("Double", Values::convertToDouble);
        CONVERTERS.put("String", Values::convertToString);
        CONVERTERS.put("List", Values::convertToList);
        CONVERTERS.put("Map", Values::convertToMap);
        CONVERTERS.put("Struct", Values::convertToStruct);
        CONVERTERS.put("Time", Values::convertToTime);
        CONVERTERS.put("Date", Values::convertToDate);
        CONVERTERS.put("Timestamp", Values::convertToTimestamp);
        CONVERTERS.put("Decimal", (s, v) -> Values.convertToDecimal(s, v, 2));
    }

    static void convertCases(ValuesJson.Golden g) {
        List<Object[]> inputs = new ArrayList<>();
        Object[] plainValues = {null, true, false, (byte) 1, (byte) -7, (short) 300, 70000, 5000000000L, Long.MIN_VALUE,
            1.5f, -2.5f, 3e9f, 3.9, -3.9, 1e30, Double.NaN, Double.POSITIVE_INFINITY,
            new BigDecimal("123.456"), new BigDecimal("1E+30"), new BigDecimal("-0.5"),
            "true", "false", "TRUE", "1", "0", "1.5", "-1.5", "0.4", "abc", "", "null", " 42 ", "1e3", "1e40", "1e19",
            "[1,2]", "[1, null]", "{\"a\":1}", "{}", "[]", "2024-01-01", "12:34:56.789Z", "2024-01-01T12:34:56.789Z",
            "86400000", "86400001", "-1", "9223372036854775808",
            new byte[]{1, 2}, new byte[]{(byte) 0x80}, new byte[0], list(1, 2), new HashMap<>(Map.of("a", 1)),
            inner(1, "z")};
        for (Object v : plainValues) {
            inputs.add(new Object[]{null, v});
            Schema natural = naturalSchema(v);
            if (natural != null) inputs.add(new Object[]{natural, v});
        }
        java.util.Date[] dates = {date(0), date(86400000L), date(1704067200000L), date(1704110096789L), date(45296789L),
            date(86400000L * 3 + 1), date(-86400000L), date(-1), date(86400000L * 400)};
        Schema[] dateSchemas = {null, Date.SCHEMA, Time.SCHEMA, Timestamp.SCHEMA, Schema.INT64_SCHEMA};
        for (java.util.Date d : dates) for (Schema s : dateSchemas) inputs.add(new Object[]{s, d});
        for (Map.Entry<String, Conv> e : CONVERTERS.entrySet()) {
            for (Object[] in : inputs) {
                ObjectNode c = ValuesJson.obj();
                c.put("fn", e.getKey());
                c.set("schema", Tv.schemaJson((Schema) in[0]));
                c.set("value", Tv.tag(in[1]));
                try {
                    Object r = e.getValue().apply((Schema) in[0], in[1]);
                    c.set("result", Tv.tag(r));
                } catch (Throwable t) {
                    c.set("error", ValuesJson.error(t));
                }
                g.add("convert", c);
            }
        }
    }

    static Schema naturalSchema(Object v) {
        if (v instanceof BigDecimal) return Decimal.schema(((BigDecimal) v).scale());
        if (v instanceof Map) return SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        if (v instanceof List) return SchemaBuilder.array(Schema.INT32_SCHEMA).build();
        return Values.inferSchema(v);
    }

    // ---- inferSchema ----

    static List<Object> inferValues() {
        return list(null, "s", true, (byte) 1, (short) 1, 1, 1L, 1f, 1d, new byte[0], new BigDecimal("1"), date(0),
            list(), list(1, 2), list(1, null), list(null, "a"), list(1, "a"), list(1, (short) 2), list(list(1), list("a")),
            list(lmap("a", 1)), list(inner(1, "x"), inner(2, null)), list(new BigDecimal("1")), list((Object) null),
            lmap(), lmap("a", 1), lmap("a", null), lmap(null, 1), lmap("a", 1, "b", "x"), lmap(1, list(1)), lmap("a", null, "b", null),
            inner(1, "q"), list(list((Object) null)));
    }

    static ObjectNode inferCase(Object v) {
        ObjectNode c = ValuesJson.obj();
        c.set("value", Tv.tag(v));
        try {
            c.set("schema", Tv.schemaJson(Values.inferSchema(v)));
        } catch (Throwable t) {
            c.set("error", ValuesJson.error(t));
        }
        return c;
    }
}
