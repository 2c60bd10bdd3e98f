package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Golden vectors for Sluice's AvroConverter from Apache Avro's Java library (the library Confluent's AvroConverter
 * encodes with).
 *
 * <p>Usage: {@code scripts/oracle.sh AvroGolden schemas/avroconv/testdata} reads avro_corpus.json (written by the
 * Go test, see schemas/avroconv/testdata/README.md): for each case the Avro schema text Sluice derived from a
 * Connect schema and the datum in Avro's JSON encoding. It writes avro_golden.json: the schema as Avro parses and
 * prints it (Schema.toString), its Parsing Canonical Form, and the datum's binary encoding by GenericDatumWriter —
 * or the error Avro raised.
 */
public final class AvroGolden {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Path dir = Path.of(args[0]);
        JsonNode corpus = mapper.readTree(Files.readString(dir.resolve("avro_corpus.json")));
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode c : corpus) {
            ObjectNode r = out.addObject();
            r.put("name", c.get("name").asText());
            try {
                Schema schema = new Schema.Parser().parse(c.get("schema").asText());
                r.put("schema", schema.toString());
                r.put("canonical", SchemaNormalization.toParsingForm(schema));
                Decoder dec = DecoderFactory.get().jsonDecoder(schema, mapper.writeValueAsString(c.get("datum")));
                Object datum = new GenericDatumReader<Object>(schema).read(null, dec);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
                new GenericDatumWriter<Object>(schema).write(datum, enc);
                enc.flush();
                r.put("bytes", Base64.getEncoder().encodeToString(bytes.toByteArray()));
            } catch (Exception e) {
                r.put("error", e.getClass().getName() + ": " + e.getMessage());
            }
        }
        ObjectNode doc = mapper.createObjectNode();
        doc.put("avro", Schema.class.getPackage().getImplementationVersion());
        doc.put("java", System.getProperty("java.version"));
        doc.set("cases", out);
        Files.writeString(dir.resolve("avro_golden.json"),
            mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
    }
}
