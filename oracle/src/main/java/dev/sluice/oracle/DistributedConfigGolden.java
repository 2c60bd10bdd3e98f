package dev.sluice.oracle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;

import java.io.File;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Golden file for `sluice distributed`'s worker configuration: what Kafka's own DistributedConfig makes of each
 * case in cases.json (the keys Sluice reads, their defaults, validation messages and the internal topics'
 * settings).
 *
 * <pre>scripts/oracle.sh DistributedConfigGolden cmd/sluice/testdata/distributed</pre>
 *
 * reads DIR/cases.json ({"case": {worker properties}}) and writes DIR/golden.json: per case either
 * {"error": message} — the ConfigException the constructor throws, which is the first problem Kafka finds — or
 * {"values": {key: parsed value}, "topic_settings": {"config"|"offset"|"status": {name: value}}}. Every case gets
 * the properties every worker needs (bootstrap.servers and the converters) added.
 */
public final class DistributedConfigGolden {
    private DistributedConfigGolden() {}

    /** The DistributedConfig keys Sluice parses (cmd/sluice/distributedconfig.go). */
    static final List<String> KEYS = List.of(
            "group.id", "session.timeout.ms", "rebalance.timeout.ms", "heartbeat.interval.ms",
            "exactly.once.source.support", "worker.sync.timeout.ms", "worker.unsync.backoff.ms",
            "offset.storage.topic", "offset.storage.partitions", "offset.storage.replication.factor",
            "config.storage.topic", "config.storage.replication.factor", "status.storage.topic",
            "status.storage.partitions", "status.storage.replication.factor", "connect.protocol",
            "scheduled.rebalance.max.delay.ms", "inter.worker.key.ttl.ms", "inter.worker.key.generation.algorithm",
            "inter.worker.key.size", "inter.worker.signature.algorithm", "inter.worker.verification.algorithms");

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DistributedConfigGolden DIR");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        Map<String, Map<String, String>> cases = mapper.readValue(new File(args[0], "cases.json"),
                new TypeReference<LinkedHashMap<String, Map<String, String>>>() {});
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            Map<String, String> props = new HashMap<>();
            props.put("bootstrap.servers", "127.0.0.1:9");
            props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            props.putAll(c.getValue());
            Map<String, Object> result = new TreeMap<>();
            try {
                DistributedConfig cfg = new DistributedConfig(props);
                Map<String, Object> values = new TreeMap<>();
                Map<String, ?> parsed = cfg.values();
                for (String k : KEYS) {
                    values.put(k, parsed.get(k));
                }
                result.put("values", values);
                Map<String, Object> settings = new TreeMap<>();
                settings.put("config", new TreeMap<>(cfg.configStorageTopicSettings()));
                settings.put("offset", new TreeMap<>(cfg.offsetStorageTopicSettings()));
                settings.put("status", new TreeMap<>(cfg.statusStorageTopicSettings()));
                result.put("topic_settings", settings);
            } catch (RuntimeException e) {
                result.put("error", e.getMessage());
            }
            out.put(c.getKey(), result);
        }
        mapper.writeValue(new File(args[0], "golden.json"), out);
    }
}
