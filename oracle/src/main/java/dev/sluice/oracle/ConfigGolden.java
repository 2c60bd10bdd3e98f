package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Golden vectors for Sluice's connect/config package (a Go port of Kafka's ConfigDef), produced by Kafka's own
 * ConfigDef and AbstractHerder.
 *
 * <pre>scripts/oracle.sh ConfigGolden connect/config/testdata</pre>
 *
 * The corpus (ConfigGoldenCorpus) describes every ConfigDef declaratively in JSON; this class builds the Kafka
 * ConfigDef from that description — exactly as the Go test builds its Def — and writes:
 * <ul>
 * <li>corpus.json: the description of every case and its property maps, plus the class names that loaded;</li>
 * <li>plugin_config.jsonl: per case, the GET /connector-plugins/{p}/config body (Jackson bytes), the groups, each
 *     validator's toString and the documentation order (toRst), or the exception a definition throws;</li>
 * <li>validate.jsonl: per case and property map, the PUT .../config/validate body as AbstractHerder.generateResult
 *     builds it from ConfigDef.validateAll, serialized by a default ObjectMapper as the REST server does;</li>
 * <li>parse.jsonl: per case and property map, ConfigDef.parse's typed values or its exception, and each key's own
 *     parse error;</li>
 * <li>scalars.json: randomized parseType inputs per type, Double.toString values and java.util.HashMap orders.</li>
 * </ul>
 */
public final class ConfigGolden {
    static final ObjectMapper REST = new ObjectMapper();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Set<String> loadedClasses = new TreeSet<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ConfigGolden <output dir>");
            System.exit(2);
        }
        new ConfigGolden().run(Path.of(args[0]));
    }

    void run(Path out) throws IOException {
        Files.createDirectories(out);
        List<ObjectNode> cases = ConfigGoldenCorpus.cases();
        StringBuilder plugin = new StringBuilder();
        StringBuilder validate = new StringBuilder();
        StringBuilder parse = new StringBuilder();
        StringBuilder herder = new StringBuilder();
        Set<String> names = new HashSet<>();
        int runs = 0;
        for (ObjectNode c : cases) {
            String name = c.get("name").asText();
            if (!names.add(name)) throw new IllegalStateException("duplicate case " + name);
            ConfigDef def;
            try {
                def = ConfigGoldenBuild.def((ArrayNode) c.get("ops"));
            } catch (ConfigException e) {
                plugin.append(line("case", name, "define_error", F.textNode(e.getMessage())));
                continue;
            }
            if (c.get("props").size() == 0) throw new IllegalStateException("case " + name + " has no props");
            plugin.append(pluginLine(name, def));
            ArrayNode propsList = (ArrayNode) c.get("props");
            for (int i = 0; i < propsList.size(); i++) {
                Map<String, String> props = new LinkedHashMap<>();
                propsList.get(i).fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
                noteClasses(def, props);
                Map<String, ConfigValue> validated = def.validateAll(props);
                ConfigInfos infos = AbstractHerder.generateResult(name, def.configKeys(),
                        new ArrayList<>(validated.values()), new ArrayList<>(def.groups()));
                validate.append("{\"case\":").append(REST.writeValueAsString(name))
                        .append(",\"run\":").append(i)
                        .append(",\"infos\":").append(REST.writeValueAsString(infos)).append("}\n");
                parse.append(parseLine(name, i, def, props));
                if (i == 0) herder.append(herderLine(name, def, validated, infos));
                runs++;
            }
        }
        ObjectNode corpus = F.objectNode();
        corpus.put("comment", "Generated by scripts/oracle.sh ConfigGolden connect/config/testdata; do not edit.");
        corpus.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        corpus.put("java", System.getProperty("java.version"));
        ArrayNode classes = corpus.putArray("classes");
        loadedClasses.forEach(classes::add);
        ArrayNode cs = corpus.putArray("cases");
        cases.forEach(cs::add);
        write(out.resolve("corpus.json"), PRETTY.writeValueAsString(corpus) + "\n");
        write(out.resolve("plugin_config.jsonl"), plugin.toString());
        write(out.resolve("validate.jsonl"), validate.toString());
        write(out.resolve("parse.jsonl"), parse.toString());
        write(out.resolve("herder.jsonl"), herder.toString());
        write(out.resolve("scalars.json"), PRETTY.writeValueAsString(ConfigGoldenScalars.all()) + "\n");
        System.err.printf("ConfigGolden: %d cases, %d property maps%n", cases.size(), runs);
    }

    static void write(Path p, String s) throws IOException {
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }

    static String line(String k1, String v1, String k2, JsonNode v2) throws IOException {
        ObjectNode n = F.objectNode();
        n.put(k1, v1);
        n.set(k2, v2);
        return REST.writeValueAsString(n) + "\n";
    }

    /** Records which CLASS values load, so that the Go test's class resolver agrees with Class.forName. */
    void noteClasses(ConfigDef def, Map<String, String> props) {
        for (ConfigKey k : def.configKeys().values()) {
            if (k.type != ConfigDef.Type.CLASS) continue;
            if (k.defaultValue instanceof Class) loadedClasses.add(((Class<?>) k.defaultValue).getName());
            String v = props.get(k.name);
            if (v == null) continue;
            try {
                Class.forName(v.trim());
                loadedClasses.add(v.trim());
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable: the Go resolver must reject it too
            }
        }
    }

    String pluginLine(String name, ConfigDef def) throws IOException {
        List<ConfigKeyInfo> infos = new ArrayList<>();
        ObjectNode validators = F.objectNode();
        for (ConfigKey k : def.configKeys().values()) {
            infos.add(AbstractHerder.convertConfigKey(k));
            validators.put(k.name, k.validator == null ? null : k.validator.toString());
        }
        ArrayNode groups = F.arrayNode();
        def.groups().forEach(groups::add);
        ArrayNode docOrder = F.arrayNode();
        for (String l : def.toRst().split("\n")) {
            if (l.startsWith("``") && l.endsWith("``") && l.length() > 4) docOrder.add(l.substring(2, l.length() - 2));
        }
        return "{\"case\":" + REST.writeValueAsString(name)
                + ",\"groups\":" + REST.writeValueAsString(groups)
                + ",\"validators\":" + REST.writeValueAsString(validators)
                + ",\"doc_order\":" + REST.writeValueAsString(docOrder)
                + ",\"key_infos\":" + REST.writeValueAsString(infos) + "}\n";
    }

    String parseLine(String name, int run, ConfigDef def, Map<String, String> props) throws IOException {
        ObjectNode n = F.objectNode();
        n.put("case", name);
        n.put("run", run);
        try {
            Map<String, Object> values = def.parse(props);
            ObjectNode vs = n.putObject("values");
            for (String k : def.configKeys().keySet()) vs.set(k, render(values.get(k)));
        } catch (ConfigException e) {
            n.put("error", e.getMessage());
        }
        // Each key on its own (dependents dropped), as Go's Parse reports every key's problem.
        ObjectNode keyErrors = n.putObject("key_errors");
        boolean undefinedDependents = false;
        for (ConfigKey k : def.configKeys().values()) {
            for (String d : k.dependents) undefinedDependents |= !def.configKeys().containsKey(d);
        }
        if (!undefinedDependents) {
            for (ConfigKey k : def.configKeys().values()) {
                ConfigDef single = new ConfigDef().define(new ConfigKey(k.name, k.type, k.defaultValue, k.validator,
                        k.importance, k.documentation, k.group, k.orderInGroup, k.width, k.displayName, List.of(),
                        k.recommender, k.internalConfig));
                try {
                    single.parse(props);
                } catch (ConfigException e) {
                    keyErrors.put(k.name, e.getMessage());
                }
            }
        }
        return REST.writeValueAsString(n) + "\n";
    }

    /**
     * AbstractHerder's private helpers for client overrides, called reflectively: prefixedConfigInfos of the
     * validated values (in the HashMap order recorded as value_order) and mergeConfigInfos of the plain and the
     * prefixed result.
     */
    String herderLine(String name, ConfigDef def, Map<String, ConfigValue> validated, ConfigInfos infos) throws IOException {
        try {
            List<ConfigValue> values = new ArrayList<>(validated.values());
            Method prefixed = AbstractHerder.class.getDeclaredMethod("prefixedConfigInfos", Map.class, List.class, String.class);
            prefixed.setAccessible(true);
            ConfigInfos p = (ConfigInfos) prefixed.invoke(null, def.configKeys(), values, "producer.override.");
            Method merge = AbstractHerder.class.getDeclaredMethod("mergeConfigInfos", String.class, ConfigInfos[].class);
            merge.setAccessible(true);
            ConfigInfos m = (ConfigInfos) merge.invoke(null, "merged." + name, new ConfigInfos[] {infos, null, p});
            ArrayNode order = F.arrayNode();
            values.forEach(v -> order.add(v.name()));
            return "{\"case\":" + REST.writeValueAsString(name)
                    + ",\"value_order\":" + REST.writeValueAsString(order)
                    + ",\"prefixed\":" + REST.writeValueAsString(p)
                    + ",\"merged\":" + REST.writeValueAsString(m) + "}\n";
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parsed value with its Java type: {"t":"Integer","v":"5"}; lists as arrays of element strings. */
    static ObjectNode render(Object v) {
        ObjectNode n = F.objectNode();
        if (v == null) {
            n.put("t", "null");
        } else if (v instanceof List) {
            n.put("t", "List");
            ArrayNode a = n.putArray("v");
            for (Object e : (List<?>) v) a.add(String.valueOf(e));
        } else if (v instanceof Password) {
            n.put("t", "Password");
            n.put("v", ((Password) v).value());
        } else if (v instanceof Class) {
            n.put("t", "Class");
            n.put("v", ((Class<?>) v).getName());
        } else {
            n.put("t", v.getClass().getSimpleName());
            n.put("v", v.toString());
        }
        return n;
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
