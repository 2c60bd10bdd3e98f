package dev.sluice.oracle;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * Kafka's JsonConverter on the same ~1 KiB record as Sluice's BenchmarkJSON (schemas/jsonconv/testdata/sensor.json),
 * both directions, schemaless and with the schema envelope. Prints one JSON object: case name → ns/op (the best of
 * five timed windows per case, after a warm-up that runs every case).
 *
 * <pre>scripts/oracle.sh JsonBench schemas/jsonconv/testdata/sensor.json [warmSeconds] [runSeconds]</pre>
 */
public final class JsonBench {
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        byte[] raw = Files.readAllBytes(new File(args.length > 0 ? args[0] : "schemas/jsonconv/testdata/sensor.json").toPath());
        double warm = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double run = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        JsonConverter plain = new JsonConverter();
        plain.configure(Map.of("schemas.enable", "false"), false);
        JsonConverter env = new JsonConverter();
        env.configure(Map.of(), false);

        Object plainValue = plain.toConnectData("t", raw).value();
        Schema schema = schemaOf(plainValue);
        Object structValue = structOf(schema, plainValue);
        byte[] envBytes = env.fromConnectData("t", schema, structValue);

        Runnable[] cases = {
            () -> sink = plain.toConnectData("t", raw),
            () -> sink = plain.fromConnectData("t", null, plainValue),
            () -> sink = env.toConnectData("t", envBytes),
            () -> sink = env.fromConnectData("t", schema, structValue),
        };
        String[] names = {"schemaless/decode/1KiB", "schemaless/encode/1KiB", "envelope/decode/1KiB", "envelope/encode/1KiB"};
        for (int i = 0; i < cases.length; i++) loop(cases[i], warm); // warm every path before timing any
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < cases.length; i++) {
            // Best of five windows: on a shared machine the minimum is the least disturbed measurement.
            double ns = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) ns = Math.min(ns, loop(cases[i], run / 5));
            out.append(i > 0 ? "," : "").append('"').append(names[i]).append("\":").append(String.format("%.1f", ns));
        }
        out.append(",\"envelopeBytes\":").append(envBytes.length).append(",\"java\":\"")
                .append(System.getProperty("java.version")).append("\"}");
        System.out.println(out);
    }

    /** Runs c repeatedly for about the given seconds and returns ns per call. */
    static double loop(Runnable c, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long start = System.nanoTime();
        long now;
        do {
            for (int i = 0; i < 1000; i++) c.run();
            n += 1000;
            now = System.nanoTime();
        } while (now < deadline);
        return (now - start) / (double) n;
    }

    // The same derivation as the Go benchmark's schemaOf / structOf: nested structs, arrays, int64, float64,
    // string, boolean, optional string for nulls.
    static Schema schemaOf(Object v) {
        if (v instanceof Map) {
            SchemaBuilder b = SchemaBuilder.struct();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) b.field((String) e.getKey(), schemaOf(e.getValue()));
            return b.build();
        }
        if (v instanceof List) return SchemaBuilder.array(schemaOf(((List<?>) v).get(0))).build();
        if (v instanceof Long) return Schema.INT64_SCHEMA;
        if (v instanceof Double) return Schema.FLOAT64_SCHEMA;
        if (v instanceof Boolean) return Schema.BOOLEAN_SCHEMA;
        if (v instanceof String) return Schema.STRING_SCHEMA;
        return Schema.OPTIONAL_STRING_SCHEMA;
    }

    static Object structOf(Schema s, Object v) {
        if (v instanceof Map) {
            Struct st = new Struct(s);
            for (org.apache.kafka.connect.data.Field f : s.fields()) st.put(f, structOf(f.schema(), ((Map<?, ?>) v).get(f.name())));
            return st;
        }
        if (v instanceof List) {
            java.util.ArrayList<Object> out = new java.util.ArrayList<>();
            for (Object e : (List<?>) v) out.add(structOf(s.valueSchema(), e));
            return out;
        }
        return v;
    }
}
