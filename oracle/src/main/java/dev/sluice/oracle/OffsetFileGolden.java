package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetStorageWriter;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Golden files for Kafka's standalone offset file (offset.storage.file.filename): the Java-serialized
 * HashMap&lt;byte[],byte[]&gt; that FileOffsetBackingStore writes, filled through OffsetStorageWriter exactly as a
 * standalone worker fills it (internal JsonConverters with schemas.enable=false).
 *
 * <pre>
 * scripts/oracle.sh OffsetFileGolden worker/storage/testdata     # writes single.offsets, multi.offsets, multi.json
 * scripts/oracle.sh OffsetFileGolden --read FILE                 # prints what Kafka reads from FILE as JSON
 * </pre>
 *
 * The JSON lists every raw entry as {"key": text, "value": text or null} (sorted by key, since the file's own
 * order follows byte[] identity hashes and differs on every run) and, per connector, the partitions Kafka's
 * connectorPartitions reports.
 */
public final class OffsetFileGolden {
    private OffsetFileGolden() {}

    /** Exposes the store's raw map, which is what a reader of the file sees. */
    static final class Store extends FileOffsetBackingStore {
        Store(JsonConverter keyConverter) {
            super(keyConverter);
        }

        Map<ByteBuffer, ByteBuffer> raw() {
            return data;
        }
    }

    static JsonConverter internalConverter(boolean isKey) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", "false"), isKey);
        return c;
    }

    static Store open(File file) {
        Map<String, String> props = new HashMap<>();
        props.put("key.converter", JsonConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("offset.storage.file.filename", file.getAbsolutePath());
        props.put("bootstrap.servers", "127.0.0.1:9");
        Store s = new Store(internalConverter(true));
        s.configure(new StandaloneConfig(props));
        s.start();
        return s;
    }

    /** Writes offsets for one connector through OffsetStorageWriter, as WorkerSourceTask's commit does. */
    static void write(Store store, String connector, Map<Map<String, Object>, Map<String, Object>> offsets)
            throws Exception {
        OffsetStorageWriter w = new OffsetStorageWriter(store, connector, internalConverter(true),
                internalConverter(false));
        for (Map.Entry<Map<String, Object>, Map<String, Object>> e : offsets.entrySet()) {
            w.offset(e.getKey(), e.getValue());
        }
        if (!w.beginFlush(10, TimeUnit.SECONDS)) throw new IllegalStateException("nothing to flush");
        w.doFlush((err, v) -> {
            if (err != null) throw new RuntimeException(err);
        }).get(10, TimeUnit.SECONDS);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static ObjectNode describe(Store store, List<String> connectors) {
        ObjectNode out = Tv.F.objectNode();
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<ByteBuffer, ByteBuffer> e : store.raw().entrySet()) {
            String v = e.getValue() == null ? null : new String(e.getValue().array(), StandardCharsets.UTF_8);
            sorted.put(new String(e.getKey().array(), StandardCharsets.UTF_8), v);
        }
        ArrayNode entries = out.putArray("entries");
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            ObjectNode n = entries.addObject();
            n.put("key", e.getKey());
            n.put("value", e.getValue());
        }
        ObjectNode parts = out.putObject("partitions");
        JsonConverter enc = internalConverter(false);
        for (String c : connectors) {
            List<String> ps = new ArrayList<>();
            for (Map<String, Object> p : store.connectorPartitions(c)) {
                ps.add(new String(enc.fromConnectData("", null, p), StandardCharsets.UTF_8));
            }
            ps.sort(null);
            ArrayNode a = parts.putArray(c);
            ps.forEach(a::add);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--read")) {
            Store s = open(new File(args[1]));
            List<String> connectors = new ArrayList<>();
            JsonConverter keys = internalConverter(true);
            for (ByteBuffer k : s.raw().keySet()) {
                Object key = keys.toConnectData("", k.array()).value();
                if (key instanceof List && !((List<?>) key).isEmpty() && ((List<?>) key).get(0) instanceof String) {
                    String c = (String) ((List<?>) key).get(0);
                    if (!connectors.contains(c)) connectors.add(c);
                }
            }
            connectors.sort(null);
            System.out.println(Tv.MAPPER.writeValueAsString(describe(s, connectors)));
            s.stop();
            return;
        }
        File dir = new File(args[0]);
        dir.mkdirs();

        File single = new File(dir, "single.offsets");
        Files.deleteIfExists(single.toPath());
        Store s1 = open(single);
        write(s1, "local-file-source", Map.of(map("filename", "/tmp/test.txt"), map("position", 1234L)));
        s1.stop();

        File multi = new File(dir, "multi.offsets");
        Files.deleteIfExists(multi.toPath());
        Store s2 = open(multi);
        Map<Map<String, Object>, Map<String, Object>> a = new LinkedHashMap<>();
        a.put(map("filename", "/data/in.txt"), map("position", 9007199254740993L));
        a.put(map("filename", "/data/other.txt"), map("position", 0L));
        write(s2, "file-source", a);
        Map<Map<String, Object>, Map<String, Object>> b = new LinkedHashMap<>();
        b.put(map("db", "sales", "table", "orders", "shard", 3, "replica", true),
                map("lsn", -42L, "ts", 1.5, "ratio", 1.0E-7, "done", false, "note", null,
                        "text", "ü \"quoted\" \\ \n\t\u2028 😀"));
        b.put(map("a", "1"), map("pos", 1L));
        // More keys than a 16-bucket table holds (0.75 load factor): Kafka's key order follows the 32-bucket table.
        Map<String, Object> wide = new HashMap<>();
        for (int i = 0; i < 20; i++) wide.put("key" + i, (long) i);
        b.put(wide, map("pos", 2L));
        write(s2, "connecteur-é", b);
        // A tombstone in a later flush: Kafka keeps the key with a null value in the file.
        Map<Map<String, Object>, Map<String, Object>> c = new LinkedHashMap<>();
        c.put(map("a", "1"), null);
        write(s2, "connecteur-é", c);
        s2.stop();

        Store check = open(multi);
        ObjectNode desc = describe(check, List.of("connecteur-é", "file-source", "local-file-source"));
        check.stop();
        Files.writeString(new File(dir, "multi.json").toPath(),
                Tv.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(desc) + "\n");
        System.err.println("wrote " + single + ", " + multi + " (" + Base64.getEncoder().encodeToString(
                Files.readAllBytes(single.toPath())).length() + " base64 chars single)");
    }
}
