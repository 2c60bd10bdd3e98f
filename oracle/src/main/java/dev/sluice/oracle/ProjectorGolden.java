package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.SchemaProjector;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Golden vectors for Kafka's SchemaProjector (Sluice's schemas.Project).
 *
 * <p>Usage: {@code scripts/oracle.sh ProjectorGolden schemas/testdata} writes projector_golden.json: one case per
 * (source schema, value, target schema) with the projected value or the exception. Covers every numeric promotion
 * and every refused pair, optional/default handling, name, parameter, version and doc differences, structs (missing,
 * extra, defaulted and nested fields), arrays, maps and logical types.
 */
public final class ProjectorGolden {
    private ProjectorGolden() {}

    private static final ValuesJson.Golden G = new ValuesJson.Golden();

    static void add(String name, Schema source, Object value, Schema target) {
        ObjectNode c = ValuesJson.obj();
        c.put("name", name);
        c.set("source", Tv.schemaJson(source));
        c.set("value", Tv.tag(value));
        c.set("target", Tv.schemaJson(target));
        try {
            c.set("result", Tv.tag(SchemaProjector.project(source, value, target)));
        } catch (Throwable t) {
            c.set("error", ValuesJson.error(t));
        }
        G.add("project", c);
    }

    static final Schema[] NUMERIC = {Schema.INT8_SCHEMA, Schema.INT16_SCHEMA, Schema.INT32_SCHEMA, Schema.INT64_SCHEMA,
        Schema.FLOAT32_SCHEMA, Schema.FLOAT64_SCHEMA};

    static Object[] samples(Schema.Type t) {
        switch (t) {
            case INT8: return new Object[]{(byte) 0, (byte) -128, (byte) 127};
            case INT16: return new Object[]{(short) -32768, (short) 300};
            case INT32: return new Object[]{Integer.MAX_VALUE, -70000, 16777217};
            case INT64: return new Object[]{Long.MIN_VALUE, 5000000000L, 9007199254740993L};
            case FLOAT32: return new Object[]{1.5f, -0.1f, Float.NaN, Float.NEGATIVE_INFINITY};
            case FLOAT64: return new Object[]{0.1, -1e300};
            case BOOLEAN: return new Object[]{true};
            case STRING: return new Object[]{"s"};
            case BYTES: return new Object[]{new byte[]{1, 2}};
            default: return new Object[0];
        }
    }

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        java.util.Locale.setDefault(java.util.Locale.US);
        Schema[] primitives = {Schema.INT8_SCHEMA, Schema.INT16_SCHEMA, Schema.INT32_SCHEMA, Schema.INT64_SCHEMA,
            Schema.FLOAT32_SCHEMA, Schema.FLOAT64_SCHEMA, Schema.BOOLEAN_SCHEMA, Schema.STRING_SCHEMA, Schema.BYTES_SCHEMA};
        // Every pair of primitive types: promotions succeed, everything else is a type mismatch.
        for (Schema s : primitives) {
            for (Schema t : primitives) {
                for (Object v : samples(s.type())) add(s.type() + " -> " + t.type(), s, v, t);
            }
        }
        // Values whose Java type does not match their schema pass through or convert as Number does.
        add("int32 schema, long value -> int64", Schema.INT32_SCHEMA, 5000000000L, Schema.INT64_SCHEMA);
        add("int8 schema, double value -> int16", Schema.INT8_SCHEMA, 1e10, Schema.INT16_SCHEMA);
        add("int8 schema, float value -> int32", Schema.INT8_SCHEMA, -3.9f, Schema.INT32_SCHEMA);
        add("int32 schema, string value -> int64", Schema.INT32_SCHEMA, "x", Schema.INT64_SCHEMA);
        add("boolean schema, string value", Schema.BOOLEAN_SCHEMA, "x", Schema.BOOLEAN_SCHEMA);
        add("int64 schema, decimal value -> float32", Schema.INT64_SCHEMA, new BigDecimal("1.25"), Schema.FLOAT32_SCHEMA);
        add("int64 schema, long -> float32 rounding", Schema.INT64_SCHEMA, 9007199254740993L, Schema.FLOAT32_SCHEMA);
        add("int64 -> float32 large", Schema.INT64_SCHEMA, Long.MAX_VALUE, Schema.FLOAT32_SCHEMA);

        // Optionality and defaults.
        Schema optInt32 = Schema.OPTIONAL_INT32_SCHEMA;
        Schema reqInt64Default = SchemaBuilder.int64().defaultValue(42L).build();
        Schema optInt64Default = SchemaBuilder.int64().optional().defaultValue(7L).build();
        add("optional -> required, no default, null", optInt32, null, Schema.INT64_SCHEMA);
        add("optional -> required, no default, value", optInt32, 5, Schema.INT64_SCHEMA);
        add("optional -> required with default, null", optInt32, null, reqInt64Default);
        add("optional -> required with default, value", optInt32, 5, reqInt64Default);
        add("required -> optional, value", Schema.INT32_SCHEMA, 5, Schema.OPTIONAL_INT64_SCHEMA);
        add("required -> optional, null", Schema.INT32_SCHEMA, null, Schema.OPTIONAL_INT64_SCHEMA);
        add("required -> required, null", Schema.INT32_SCHEMA, null, Schema.INT32_SCHEMA);
        add("optional -> optional with default, null", optInt32, null, optInt64Default);
        add("optional string -> required string with default", Schema.OPTIONAL_STRING_SCHEMA, null,
            SchemaBuilder.string().defaultValue("dflt").build());
        add("type mismatch before null check", Schema.OPTIONAL_STRING_SCHEMA, null, Schema.OPTIONAL_INT32_SCHEMA);

        // Names, parameters, versions, docs.
        add("decimal same scale", Decimal.schema(2), new BigDecimal("1.23"), Decimal.schema(2));
        add("decimal scale mismatch", Decimal.schema(2), new BigDecimal("1.23"), Decimal.schema(3));
        add("decimal -> bytes", Decimal.schema(2), new BigDecimal("1.23"), Schema.BYTES_SCHEMA);
        add("bytes -> decimal", Schema.BYTES_SCHEMA, new byte[]{1}, Decimal.schema(2));
        add("date -> date", Date.SCHEMA, new java.util.Date(86400000L * 3), Date.SCHEMA);
        add("date -> int32", Date.SCHEMA, new java.util.Date(86400000L * 3), Schema.INT32_SCHEMA);
        add("int32 -> date", Schema.INT32_SCHEMA, 3, Date.SCHEMA);
        add("time -> timestamp", Time.SCHEMA, new java.util.Date(1000), Timestamp.SCHEMA);
        add("date -> time", Date.SCHEMA, new java.util.Date(0), Time.SCHEMA);
        add("timestamp -> timestamp", Timestamp.SCHEMA, new java.util.Date(1700000000000L), Timestamp.SCHEMA);
        add("time -> int64", Time.SCHEMA, new java.util.Date(5), Schema.INT64_SCHEMA);
        add("optional date -> date with default", Date.builder().optional().build(), null,
            Date.builder().defaultValue(new java.util.Date(0)).build());
        Schema named1 = SchemaBuilder.int32().name("a.B").build();
        Schema named2 = SchemaBuilder.int64().name("a.B").build();
        add("named int32 -> named int64", named1, 9, named2);
        add("named -> other name", named1, 9, SchemaBuilder.int32().name("a.C").build());
        add("named -> unnamed", named1, 9, Schema.INT32_SCHEMA);
        add("unnamed -> named", Schema.INT32_SCHEMA, 9, named1);
        add("version mismatch", SchemaBuilder.int32().name("v").version(1).build(), 9,
            SchemaBuilder.int32().name("v").version(2).build());
        add("doc mismatch", SchemaBuilder.string().doc("x").build(), "s", SchemaBuilder.string().doc("y").build());
        add("params differ", SchemaBuilder.string().parameter("k", "v").build(), "s",
            SchemaBuilder.string().parameter("k", "w").build());
        add("params missing on target", SchemaBuilder.string().parameter("k", "v").parameter("k2", "v2").build(), "s",
            Schema.STRING_SCHEMA);
        add("params missing on source", Schema.STRING_SCHEMA, "s", SchemaBuilder.string().parameter("k", "v").build());
        add("params same, other order", SchemaBuilder.string().parameter("a", "1").parameter("b", "2").build(), "s",
            SchemaBuilder.string().parameter("b", "2").parameter("a", "1").build());

        // Structs.
        Schema src = SchemaBuilder.struct().name("rec").field("a", Schema.INT8_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA)
            .field("gone", Schema.BOOLEAN_SCHEMA).field("f", Schema.FLOAT32_SCHEMA).build();
        Struct srcVal = new Struct(src).put("a", (byte) 5).put("b", "x").put("gone", true).put("f", 2.5f);
        Struct srcNullB = new Struct(src).put("a", (byte) 5).put("gone", true).put("f", 2.5f);
        Schema tgt = SchemaBuilder.struct().name("rec").field("a", Schema.INT64_SCHEMA).field("b", Schema.OPTIONAL_STRING_SCHEMA)
            .field("f", Schema.FLOAT64_SCHEMA).field("added", Schema.OPTIONAL_INT32_SCHEMA)
            .field("dflt", SchemaBuilder.string().defaultValue("d").build()).build();
        add("struct widen, drop, add optional and default", src, srcVal, tgt);
        add("struct null optional field", src, srcNullB, tgt);
        add("struct missing required field", src, srcVal, SchemaBuilder.struct().name("rec")
            .field("a", Schema.INT8_SCHEMA).field("need", Schema.INT32_SCHEMA).build());
        add("struct field type mismatch", src, srcVal, SchemaBuilder.struct().name("rec")
            .field("a", Schema.STRING_SCHEMA).build());
        add("struct field narrowing", src, srcVal, SchemaBuilder.struct().name("rec").field("f", Schema.INT32_SCHEMA).build());
        add("struct name mismatch", src, srcVal, SchemaBuilder.struct().name("other").field("a", Schema.INT8_SCHEMA).build());
        add("struct unnamed target", src, srcVal, SchemaBuilder.struct().field("a", Schema.INT8_SCHEMA).build());
        add("struct optional field -> required without default", src, srcNullB, SchemaBuilder.struct().name("rec")
            .field("b", Schema.STRING_SCHEMA).build());
        add("struct optional field -> required with default", src, srcNullB, SchemaBuilder.struct().name("rec")
            .field("b", SchemaBuilder.string().defaultValue("bd").build()).build());
        add("struct -> empty struct", src, srcVal, SchemaBuilder.struct().name("rec").build());
        add("null struct, optional source", SchemaBuilder.struct().optional().field("a", Schema.INT8_SCHEMA).build(), null,
            SchemaBuilder.struct().optional().field("a", Schema.INT8_SCHEMA).build());
        Schema dfltSrcField = SchemaBuilder.struct().field("x", SchemaBuilder.int32().optional().defaultValue(11).build()).build();
        add("source field default used for null", dfltSrcField, new Struct(dfltSrcField),
            SchemaBuilder.struct().field("x", Schema.INT64_SCHEMA).build());

        Schema innerS = SchemaBuilder.struct().name("in").field("n", Schema.INT16_SCHEMA).build();
        Schema innerT = SchemaBuilder.struct().name("in").field("n", Schema.FLOAT64_SCHEMA).build();
        Schema innerBad = SchemaBuilder.struct().name("in").field("n", Schema.BOOLEAN_SCHEMA).build();
        Schema outerS = SchemaBuilder.struct().field("inner", innerS).field("list", SchemaBuilder.array(innerS).build()).build();
        Schema outerT = SchemaBuilder.struct().field("inner", innerT).field("list", SchemaBuilder.array(innerT).build()).build();
        Struct outerV = new Struct(outerS).put("inner", new Struct(innerS).put("n", (short) 3))
            .put("list", list(new Struct(innerS).put("n", (short) 4), new Struct(innerS).put("n", (short) -5)));
        add("nested struct promotion", outerS, outerV, outerT);
        add("nested struct error", outerS, outerV, SchemaBuilder.struct().field("inner", innerBad).build());
        add("doubly nested error", SchemaBuilder.struct().field("o", outerS).build(),
            new Struct(SchemaBuilder.struct().field("o", outerS).build()).put("o", outerV),
            SchemaBuilder.struct().field("o", SchemaBuilder.struct().field("inner", innerBad).build()).build());
        add("struct value is not a struct", src, "not a struct", tgt);

        // Arrays and maps.
        Schema arrI8 = SchemaBuilder.array(Schema.INT8_SCHEMA).build();
        add("array int8 -> int32", arrI8, list((byte) 1, (byte) -2), SchemaBuilder.array(Schema.INT32_SCHEMA).build());
        add("array int8 -> float64", arrI8, list((byte) 1), SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build());
        add("array empty", arrI8, list(), SchemaBuilder.array(Schema.INT16_SCHEMA).build());
        add("array element mismatch", arrI8, list((byte) 1), SchemaBuilder.array(Schema.STRING_SCHEMA).build());
        add("array optional elements, null", SchemaBuilder.array(Schema.OPTIONAL_INT8_SCHEMA).build(), list((byte) 1, null),
            SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).build());
        add("array optional elements -> required", SchemaBuilder.array(Schema.OPTIONAL_INT8_SCHEMA).build(), list((byte) 1, null),
            SchemaBuilder.array(Schema.INT64_SCHEMA).build());
        add("array optional elements -> required with default", SchemaBuilder.array(Schema.OPTIONAL_INT8_SCHEMA).build(),
            list(null, (byte) 2), SchemaBuilder.array(SchemaBuilder.int64().defaultValue(-1L).build()).build());
        add("array -> map", arrI8, list(), SchemaBuilder.map(Schema.INT8_SCHEMA, Schema.INT8_SCHEMA).build());
        Schema mapS = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", 2);
        add("map value promotion", mapS, m, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build());
        Map<Object, Object> mk = new LinkedHashMap<>();
        mk.put((short) 1, "x");
        mk.put((short) 2, "y");
        add("map key promotion", SchemaBuilder.map(Schema.INT16_SCHEMA, Schema.STRING_SCHEMA).build(), mk,
            SchemaBuilder.map(Schema.FLOAT32_SCHEMA, Schema.STRING_SCHEMA).build());
        add("map key mismatch", mapS, m, SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.INT32_SCHEMA).build());
        add("map value mismatch", mapS, m, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build());
        Map<Object, Object> ms = new LinkedHashMap<>();
        ms.put("k", new Struct(innerS).put("n", (short) 9));
        add("map of structs", SchemaBuilder.map(Schema.STRING_SCHEMA, innerS).build(), ms,
            SchemaBuilder.map(Schema.STRING_SCHEMA, innerT).build());
        add("optional map null -> map with default", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build(),
            null, SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).defaultValue(m).build());

        G.write(Path.of(args[0], "projector_golden.json"));
    }

    static List<Object> list(Object... v) {
        return new ArrayList<>(Arrays.asList(v));
    }
}
