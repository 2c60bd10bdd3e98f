package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads N records of a topic from a real broker with a KafkaConsumer and decodes each value with Kafka's
 * JsonConverter, configured from the record's "config" header (a JSON object of converter properties). Prints one
 * JSON line per record: {"case": header "case", "schema": ..., "value": tagged value} or {"case", "error"}.
 *
 * <pre>scripts/oracle.sh JsonTopicRead BOOTSTRAP TOPIC N</pre>
 */
public final class JsonTopicRead {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], topic = args[1];
        int n = Integer.parseInt(args[2]);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 60_000;
            while (read < n && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(Tv.MAPPER.writeValueAsString(decode(r)));
                    read++;
                }
            }
        }
        if (read < n) {
            System.err.printf("JsonTopicRead: read %d of %d records%n", read, n);
            System.exit(1);
        }
    }

    static ObjectNode decode(ConsumerRecord<byte[], byte[]> r) throws Exception {
        ObjectNode out = Tv.F.objectNode();
        out.put("case", header(r, "case"));
        Map<String, String> props = new HashMap<>();
        JsonNode config = Tv.json(header(r, "config"));
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            props.put(e.getKey(), e.getValue().textValue());
        }
        JsonConverter c = JsonGolden.converter(props, false);
        try {
            SchemaAndValue sv = c.toConnectData(r.topic(), r.headers(), r.value());
            out.set("schema", Tv.schemaJson(sv.schema()));
            out.set("value", Tv.tag(sv.value()));
        } catch (Exception e) {
            out.put("error", e.getMessage());
        }
        return out;
    }

    static String header(ConsumerRecord<?, ?> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
