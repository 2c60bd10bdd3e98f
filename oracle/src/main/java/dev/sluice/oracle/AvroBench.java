package dev.sluice.oracle;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Java side of benchmark W4: Apache Avro's GenericDatum path — what Confluent's AvroConverter runs under its
 * AvroData conversion — on the record of Sluice's BenchmarkW4. One operation reads a Confluent-framed record
 * (magic byte, schema id, Avro binary) into a GenericRecord with a GenericDatumReader and writes it back, framed,
 * with a GenericDatumWriter, reusing decoder, encoder and datum as Confluent's serializers do. Prints
 * {"decode+encode": ns/op, "java": version} (best of five windows after a warm-up). It checks the bytes written
 * equal the bytes read.
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
        op.run();
        if (!Arrays.equals((byte[]) sink, framed)) throw new IllegalStateException("round trip changed the bytes");
        JsonBench.loop(op, warm);
        double ns = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) ns = Math.min(ns, JsonBench.loop(op, run / 5));
        System.out.println(String.format("{\"decode+encode\":%.1f,\"bytes\":%d,\"java\":\"%s\"}", ns, framed.length,
            System.getProperty("java.version")));
    }
}
