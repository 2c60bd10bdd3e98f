package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared plumbing of the Values, Projector and Converters golden generators: sections of cases written one case
 * per line (so a regenerated file diffs line by line), and errors described by class, message, cause message and
 * whether Kafka treats them as data errors.
 */
final class ValuesJson {
    private ValuesJson() {}

    /** An ordered set of named case lists, written as {"section":[case,...],...}. */
    static final class Golden {
        private final Map<String, List<JsonNode>> sections = new LinkedHashMap<>();

        Golden() {
            ObjectNode meta = obj();
            meta.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
            meta.put("java", System.getProperty("java.version"));
            meta.put("timezone", java.util.TimeZone.getDefault().getID());
            add("meta", meta);
        }

        void add(String section, JsonNode c) {
            sections.computeIfAbsent(section, k -> new ArrayList<>()).add(c);
        }

        int size() {
            return sections.values().stream().mapToInt(List::size).sum() - 1;
        }

        void write(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            StringBuilder sb = new StringBuilder("{\n");
            boolean firstSection = true;
            for (Map.Entry<String, List<JsonNode>> s : sections.entrySet()) {
                if (!firstSection) sb.append(",\n");
                firstSection = false;
                sb.append(Tv.MAPPER.writeValueAsString(s.getKey())).append(": [\n");
                for (int i = 0; i < s.getValue().size(); i++) {
                    sb.append("  ").append(Tv.MAPPER.writeValueAsString(s.getValue().get(i)));
                    sb.append(i + 1 < s.getValue().size() ? ",\n" : "\n");
                }
                sb.append("]");
            }
            sb.append("\n}\n");
            Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            System.err.println("wrote " + file + ": " + size() + " cases");
        }
    }

    static ObjectNode obj() {
        return Tv.F.objectNode();
    }

    static ArrayNode arr() {
        return Tv.F.arrayNode();
    }

    /** Describes an exception: class, getMessage, the cause's message, and whether it is a DataException. */
    static ObjectNode error(Throwable t) {
        ObjectNode e = obj();
        e.put("class", t.getClass().getName());
        e.put("message", t.getMessage());
        e.put("data", t instanceof DataException);
        if (t.getCause() != null) e.put("cause", t.getCause().getMessage());
        return e;
    }

    static String b64(byte[] b) {
        return b == null ? null : Base64.getEncoder().encodeToString(b);
    }

    static JsonNode bytesNode(byte[] b) {
        return b == null ? Tv.F.nullNode() : Tv.F.textNode(b64(b));
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
