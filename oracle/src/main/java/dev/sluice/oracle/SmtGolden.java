package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.runtime.AbstractHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConfigKeyInfo;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Golden vectors for Sluice's transforms package, produced by Kafka's own SMT and predicate classes.
 *
 * <p>Usage: {@code scripts/oracle.sh SmtGolden transforms/testdata} writes smt_golden.json:
 * <ul>
 * <li>records: every input record, once (cases refer to them by index);</li>
 * <li>config: every SMT's GET /connector-plugins/{plugin}/config body;</li>
 * <li>configure: property maps through ConfigDef.validate (each key's errors) and configure() (its exception);</li>
 * <li>apply: (class, properties, record) → the transformed record, a dropped record, or the exception; plus whether
 *     applying it a second time returned the very same key and value schema objects (Kafka's schema cache);</li>
 * <li>test: predicates on records.</li>
 * </ul>
 * The corpus is in SmtCorpus. Schemaless maps are given to Kafka as java.util.HashMap, as JsonConverter builds them.
 * The JVM's default time zone is UTC and its locale en-US (Kafka formats dates in the JVM's zone and locale).
 */
public final class SmtGolden {
    private SmtGolden() {}

    static final ValuesJson.Golden G = new ValuesJson.Golden();
    static final ObjectMapper REST = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        java.util.Locale.setDefault(java.util.Locale.US);
        SmtCorpus.all();
        G.write(Path.of(args[0], "smt_golden.json"));
    }

    static final String PKG = "org.apache.kafka.connect.transforms.";

    static Object newPlugin(String cls) throws Exception {
        return Class.forName(cls.startsWith("org.") ? cls : PKG + cls).getDeclaredConstructor().newInstance();
    }

    static String fullName(String cls) {
        return cls.startsWith("org.") ? cls : PKG + cls;
    }

    /** Records the REST description of a plugin's ConfigDef. */
    static void config(String cls) throws Exception {
        ConfigDef def = newPlugin(cls) instanceof Transformation
                ? ((Transformation<?>) newPlugin(cls)).config() : ((Predicate<?>) newPlugin(cls)).config();
        List<ConfigKeyInfo> infos = new ArrayList<>();
        for (ConfigDef.ConfigKey k : def.configKeys().values()) infos.add(AbstractHerder.convertConfigKey(k));
        ObjectNode c = ValuesJson.obj();
        c.put("class", fullName(cls));
        c.put("key_infos", REST.writeValueAsString(infos));
        G.add("config", c);
    }

    /** Records validation and configure() of a property map. */
    static void configure(String name, String cls, Map<String, String> props) throws Exception {
        Object p = newPlugin(cls);
        ConfigDef def = p instanceof Transformation ? ((Transformation<?>) p).config() : ((Predicate<?>) p).config();
        ObjectNode c = ValuesJson.obj();
        c.put("name", name);
        c.put("class", fullName(cls));
        c.set("props", props(props));
        ObjectNode errs = c.putObject("validate");
        for (ConfigValue v : def.validate(props)) {
            if (v.errorMessages().isEmpty()) continue;
            ArrayNode a = errs.putArray(v.name());
            v.errorMessages().forEach(a::add);
        }
        try {
            if (p instanceof Transformation) ((Transformation<?>) p).configure(props);
            else ((Predicate<?>) p).configure(props);
        } catch (Throwable t) {
            c.set("error", ValuesJson.error(t));
        }
        G.add("configure", c);
    }

    /** One record given to an SMT: which part it carries the payload in, and its metadata. */
    static final class Rec {
        String topic = "orders";
        Integer partition = 3;
        Schema keySchema;
        Object key;
        Schema valueSchema;
        Object value;
        Long timestamp = 1700000000123L;
        List<Object[]> headers = new ArrayList<>(); // {key, schema, value}
        Long sinkOffset; // non-null: a SinkRecord

        Rec copy() {
            Rec r = new Rec();
            r.topic = topic;
            r.partition = partition;
            r.keySchema = keySchema;
            r.key = key;
            r.valueSchema = valueSchema;
            r.value = value;
            r.timestamp = timestamp;
            r.headers = new ArrayList<>(headers);
            r.sinkOffset = sinkOffset;
            return r;
        }

        ConnectHeaders connectHeaders() {
            ConnectHeaders h = new ConnectHeaders();
            for (Object[] x : headers) h.add((String) x[0], x[2], (Schema) x[1]);
            return h;
        }

        @SuppressWarnings({"rawtypes"})
        ConnectRecord build() {
            if (sinkOffset != null) {
                return new SinkRecord(topic, partition, keySchema, hashMaps(key), valueSchema, hashMaps(value), sinkOffset,
                        timestamp, TimestampType.CREATE_TIME, connectHeaders());
            }
            return new SourceRecord(null, null, topic, partition, keySchema, hashMaps(key), valueSchema, hashMaps(value),
                    timestamp, connectHeaders());
        }

        JsonNode json() {
            ObjectNode o = ValuesJson.obj();
            o.put("topic", topic);
            if (partition == null) o.putNull("partition"); else o.put("partition", partition);
            o.set("key_schema", Tv.schemaJson(keySchema));
            o.set("key", Tv.tag(hashMaps(key)));
            o.set("value_schema", Tv.schemaJson(valueSchema));
            o.set("value", Tv.tag(hashMaps(value)));
            if (timestamp == null) o.putNull("timestamp"); else o.put("timestamp", timestamp);
            ArrayNode hs = o.putArray("headers");
            for (Object[] x : headers) hs.add(header((String) x[0], (Schema) x[1], x[2]));
            if (sinkOffset != null) o.put("sink_offset", sinkOffset);
            return o;
        }
    }

    static ObjectNode header(String key, Schema s, Object v) {
        ObjectNode h = ValuesJson.obj();
        h.put("key", key);
        h.set("schema", Tv.schemaJson(s));
        h.set("value", Tv.tag(v));
        return h;
    }

    @SuppressWarnings({"rawtypes"})
    static JsonNode recordJson(ConnectRecord r) {
        ObjectNode o = ValuesJson.obj();
        o.put("topic", r.topic());
        if (r.kafkaPartition() == null) o.putNull("partition"); else o.put("partition", r.kafkaPartition());
        o.set("key_schema", Tv.schemaJson(r.keySchema()));
        o.set("key", Tv.tag(r.key()));
        o.set("value_schema", Tv.schemaJson(r.valueSchema()));
        o.set("value", Tv.tag(r.value()));
        if (r.timestamp() == null) o.putNull("timestamp"); else o.put("timestamp", r.timestamp());
        ArrayNode hs = o.putArray("headers");
        for (Header h : r.headers()) hs.add(header(h.key(), h.schema(), h.value()));
        return o;
    }

    /** Turns the maps of a schemaless value into HashMaps, as JsonConverter gives them to SMTs. */
    static Object hashMaps(Object v) {
        if (v instanceof Map) {
            Map<Object, Object> m = new HashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) m.put(e.getKey(), hashMaps(e.getValue()));
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object x : (List<?>) v) l.add(hashMaps(x));
            return l;
        }
        return v;
    }

    static final Map<String, Integer> RECORDS = new HashMap<>();

    /** The index of a record in the "records" section, which holds each distinct input record once. */
    static int recordRef(Rec rec) throws Exception {
        JsonNode j = rec.json();
        String text = REST.writeValueAsString(j);
        Integer i = RECORDS.get(text);
        if (i == null) {
            i = RECORDS.size();
            RECORDS.put(text, i);
            G.add("records", j);
        }
        return i;
    }

    static ObjectNode props(Map<String, String> props) {
        ObjectNode p = ValuesJson.obj();
        props.forEach(p::put);
        return p;
    }

    static int applied;

    /** Applies a configured SMT to a record, twice, and records the outcome. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void apply(String name, String cls, Map<String, String> props, Rec rec) throws Exception {
        Transformation t = (Transformation) newPlugin(cls);
        t.configure(props);
        ObjectNode c = ValuesJson.obj();
        c.put("name", name);
        c.put("class", fullName(cls));
        c.set("props", props(props));
        c.put("record", recordRef(rec));
        try {
            ConnectRecord out = t.apply(rec.build());
            if (out == null) {
                c.putNull("result");
            } else {
                c.set("result", recordJson(out));
                ConnectRecord again = t.apply(rec.build());
                c.put("same_key_schema", again.keySchema() == out.keySchema());
                c.put("same_value_schema", again.valueSchema() == out.valueSchema());
            }
        } catch (Throwable e) {
            c.set("error", ValuesJson.error(e));
        }
        t.close();
        G.add("apply", c);
        applied++;
    }

    /** Tests a configured predicate on a record. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void test(String name, String cls, Map<String, String> props, Rec rec) throws Exception {
        Predicate p = (Predicate) newPlugin(cls);
        p.configure(props);
        ObjectNode c = ValuesJson.obj();
        c.put("name", name);
        c.put("class", fullName(cls));
        c.set("props", props(props));
        c.put("record", recordRef(rec));
        try {
            c.put("result", p.test(rec.build()));
        } catch (Throwable e) {
            c.set("error", ValuesJson.error(e));
        }
        G.add("test", c);
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    static JsonNode nullNode() {
        return NullNode.getInstance();
    }

    static Struct struct(Schema s, Object... kv) {
        Struct st = new Struct(s);
        for (int i = 0; i < kv.length; i += 2) st.put((String) kv[i], kv[i + 1]);
        return st;
    }
}
