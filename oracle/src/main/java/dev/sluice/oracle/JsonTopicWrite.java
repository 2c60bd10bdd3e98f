package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * Produces, to a real broker, every successful encode case of a JsonGolden file converted by Kafka's own
 * JsonConverter: the value is the converter's bytes, header "case" the case name and header "config" the converter
 * properties as JSON. Prints the JVM's feature version, then the number of records written.
 *
 * <pre>scripts/oracle.sh JsonTopicWrite BOOTSTRAP TOPIC schemas/jsonconv/testdata/golden.json</pre>
 */
public final class JsonTopicWrite {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], topic = args[1];
        JsonNode golden = Tv.goldenFile(java.nio.file.Files.readAllBytes(new File(args[2]).toPath()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        int n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (JsonNode c : golden.get("encode")) {
                if (c.has("error")) continue;
                Map<String, String> props = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = c.get("config").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    props.put(e.getKey(), e.getValue().textValue());
                }
                JsonConverter conv = JsonGolden.converter(props, c.get("isKey").booleanValue());
                Schema schema = Tv.schema(c.get("schema"));
                Object value = Tv.value(c.get("value"));
                byte[] bytes = conv.fromConnectData(topic, schema, value);
                ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, 0, null, bytes);
                rec.headers().add("case", c.get("name").textValue().getBytes(StandardCharsets.UTF_8));
                rec.headers().add("config", Tv.MAPPER.writeValueAsBytes(c.get("config")));
                producer.send(rec);
                n++;
            }
            producer.flush();
        }
        System.out.println(Runtime.version().feature());
        System.out.println(n);
    }
}
