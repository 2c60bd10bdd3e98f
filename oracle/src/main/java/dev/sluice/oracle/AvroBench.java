package dev.sluice.oracle;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Java side of benchmark W4: Apache Avro's GenericDatum path — what Confluent's AvroConverter runs under its
 * AvroData conversion — on the record of Sluice's BenchmarkW4. One operation reads a Confluent-framed record
 * (magic byte, schema id, Avro binary) into a GenericRecord with a GenericDatumReader and writes it back, framed,
 * with a GenericDatumWriter, reusing decoder and encoder as Confluent's serializers do. A second case adds what
 * Confluent's AvroData does for such a flat record between the two: the GenericRecord's fields become a Connect
 * Struct (Utf8 to String, timestamp-millis longs to java.util.Date) and the Struct a new GenericRecord — a lower
 * bound of AvroData's cost, which also looks schemas up in its caches and handles every other type. Prints
 * {"decode+encode": ns/op, "decode+encode+connect": ns/op, "java": version} (best of five windows after a
 * warm-up). It checks the bytes written equal the bytes read.
 *
 * <pre>scripts/oracle.sh AvroBench w4.avsc w4.bin [warmSeconds] [runSeconds]</pre>
 */
public final class AvroBench {
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        Schema schema = new Schema.Parser().parse(Files.readString(Path.of(args[0])));
        byte[] framed = Files.readAllBytes(Path.of(args[1]));
        double warm = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        double run = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryDecoder[] dec = {null};
        BinaryEncoder[] enc = {null};
        Runnable op = () -> {
            try {
                ByteBuffer buf = ByteBuffer.wrap(framed);
                if (buf.get() != 0) throw new IllegalStateException("Unknown magic byte!");
                int id = buf.getInt();
                dec[0] = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, dec[0]);
                GenericRecord rec = reader.read(null, dec[0]);
                out.reset();
                out.write(0);
                out.write(ByteBuffer.allocate(4).putInt(id).array());
                enc[0] = EncoderFactory.get().directBinaryEncoder(out, enc[0]);
                writer.write(rec, enc[0]);
                enc[0].flush();
                sink = out.toByteArray();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        org.apache.kafka.connect.data.Schema connect = connectSchema(schema);
        Runnable withConnect = () -> {
            try {
                ByteBuffer buf = ByteBuffer.wrap(framed);
                if (buf.get() != 0) throw new IllegalStateException("Unknown magic byte!");
                int id = buf.getInt();
                dec[0] = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, dec[0]);
                GenericRecord rec = reader.read(null, dec[0]);
                Struct st = new Struct(connect);
                for (Field f : connect.fields()) {
                    Object v = rec.get(f.index());
                    if (v instanceof CharSequence) v = v.toString();
                    else if (v instanceof Long && Timestamp.LOGICAL_NAME.equals(f.schema().name())) v = new java.util.Date((Long) v);
                    st.put(f, v);
                }
                GenericData.Record back = new GenericData.Record(schema);
                for (Field f : connect.fields()) {
                    Object v = st.get(f);
                    if (v instanceof java.util.Date) v = ((java.util.Date) v).getTime();
                    back.put(f.index(), v);
                }
                out.reset();
                out.write(0);
                out.write(ByteBuffer.allocate(4).putInt(id).array());
                enc[0] = EncoderFactory.get().directBinaryEncoder(out, enc[0]);
                writer.write(back, enc[0]);
                enc[0].flush();
                sink = out.toByteArray();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        Runnable[] cases = {op, withConnect};
        String[] names = {"decode+encode", "decode+encode+connect"};
        for (Runnable c : cases) {
            c.run();
            if (!Arrays.equals((byte[]) sink, framed)) throw new IllegalStateException("round trip changed the bytes");
            JsonBench.loop(c, warm);
        }
        StringBuilder res = new StringBuilder("{");
        for (int i = 0; i < cases.length; i++) {
            double ns = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) ns = Math.min(ns, JsonBench.loop(cases[i], run / 5));
            res.append(String.format("\"%s\":%.1f,", names[i], ns));
        }
        res.append(String.format("\"bytes\":%d,\"java\":\"%s\"}", framed.length, System.getProperty("java.version")));
        System.out.println(res);
    }

    /** The Connect schema of a flat record of primitives and timestamp-millis longs, as AvroData maps it. */
    static org.apache.kafka.connect.data.Schema connectSchema(Schema avro) {
        SchemaBuilder b = SchemaBuilder.struct().name(avro.getFullName());
        for (Schema.Field f : avro.getFields()) {
            Schema fs = f.schema();
            boolean optional = fs.getType() == Schema.Type.UNION;
            if (optional) fs = fs.getTypes().get(1);
            SchemaBuilder t;
            switch (fs.getType()) {
                case STRING: t = SchemaBuilder.string(); break;
                case INT: t = SchemaBuilder.int32(); break;
                case LONG: t = "timestamp-millis".equals(fs.getProp("logicalType")) ? Timestamp.builder() : SchemaBuilder.int64(); break;
                case DOUBLE: t = SchemaBuilder.float64(); break;
                case BOOLEAN: t = SchemaBuilder.bool(); break;
                default: throw new IllegalArgumentException("W4 has no " + fs.getType() + " field");
            }
            b.field(f.name(), optional ? t.optional().build() : t.build());
        }
        return b.build();
    }
}
