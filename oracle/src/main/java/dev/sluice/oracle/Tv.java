package dev.sluice.oracle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tagged values: a neutral JSON description of Connect schemas and values shared by every golden generator and
 * by Sluice's Go tests (package internal/golden, whose doc.go is the format's reference).
 *
 * <p>A schema is JsonConverter's schema envelope JSON (JSON null = no schema). A value is JSON null, or an object
 * with one key naming its Java type: {"int8":n}, {"int16":n}, {"int32":n}, {"int64":"decimal"},
 * {"float32":"Float.toString"}, {"float64":"Double.toString"}, {"boolean":b}, {"string":s}, {"bytes":"base64"},
 * {"array":[v,...]}, {"map":[[k,v],...]}, {"struct":{"schema":schema,"values":[v,...]}},
 * {"decimal":{"unscaled":"decimal","scale":n}}, {"date":epochMillis} (any java.util.Date).
 */
public final class Tv {
    private Tv() {}

    /** Jackson as Kafka's JsonDeserializer configures it: exact decimals. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(new JsonNodeFactory(true));
    public static final JsonNodeFactory F = new JsonNodeFactory(true);

    private static final JsonConverter SCHEMAS = new JsonConverter();
    static {
        SCHEMAS.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);
    }

    /** Reads a schema description (JSON null is no schema). */
    public static Schema schema(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return SCHEMAS.asConnectSchema(n);
    }

    /** Describes a schema (null for no schema). */
    public static JsonNode schemaJson(Schema s) {
        if (s == null) return NullNode.getInstance();
        return SCHEMAS.asJsonSchema(s);
    }

    /** Reads a tagged value into Connect's Java form. */
    public static Object value(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject() || n.size() != 1) throw new IllegalArgumentException("not a tagged value: " + n);
        Map.Entry<String, JsonNode> e = n.fields().next();
        JsonNode v = e.getValue();
        switch (e.getKey()) {
            case "int8": return (byte) v.intValue();
            case "int16": return (short) v.intValue();
            case "int32": return v.intValue();
            case "int64": return Long.parseLong(v.textValue());
            case "float32": return Float.parseFloat(v.textValue());
            case "float64": return Double.parseDouble(v.textValue());
            case "boolean": return v.booleanValue();
            case "string": return v.textValue();
            case "bytes": return Base64.getDecoder().decode(v.textValue());
            case "array": {
                List<Object> out = new ArrayList<>();
                for (JsonNode x : v) out.add(value(x));
                return out;
            }
            case "map": {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (JsonNode kv : v) out.put(value(kv.get(0)), value(kv.get(1)));
                return out;
            }
            case "struct": {
                Schema s = schema(v.get("schema"));
                Struct st = new Struct(s);
                Iterator<JsonNode> vals = v.get("values").iterator();
                for (Field f : s.fields()) {
                    Object fv = value(vals.next());
                    if (fv != null) st.put(f, fv); // a null stays unset: put would refuse it for a required field
                }
                return st;
            }
            case "decimal":
                return new BigDecimal(new BigInteger(v.get("unscaled").textValue()), v.get("scale").intValue());
            case "date":
                return new java.util.Date(v.longValue());
            default:
                throw new IllegalArgumentException("unknown tag " + e.getKey());
        }
    }

    /** Tags a Connect value. */
    public static JsonNode tag(Object v) {
        if (v == null) return NullNode.getInstance();
        ObjectNode o = F.objectNode();
        if (v instanceof Byte) o.put("int8", (Byte) v);
        else if (v instanceof Short) o.put("int16", (Short) v);
        else if (v instanceof Integer) o.put("int32", (Integer) v);
        else if (v instanceof Long) o.put("int64", v.toString());
        else if (v instanceof Float) o.put("float32", Float.toString((Float) v));
        else if (v instanceof Double) o.put("float64", Double.toString((Double) v));
        else if (v instanceof Boolean) o.put("boolean", (Boolean) v);
        else if (v instanceof String) o.put("string", (String) v);
        else if (v instanceof byte[]) o.put("bytes", Base64.getEncoder().encodeToString((byte[]) v));
        else if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] a = new byte[b.remaining()];
            b.get(a);
            o.put("bytes", Base64.getEncoder().encodeToString(a));
        } else if (v instanceof List) {
            ArrayNode a = o.putArray("array");
            for (Object x : (List<?>) v) a.add(tag(x));
        } else if (v instanceof Map) {
            ArrayNode a = o.putArray("map");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) a.add(F.arrayNode().add(tag(e.getKey())).add(tag(e.getValue())));
        } else if (v instanceof Struct) {
            Struct st = (Struct) v;
            ObjectNode s = o.putObject("struct");
            s.set("schema", schemaJson(st.schema()));
            ArrayNode a = s.putArray("values");
            for (Field f : st.schema().fields()) a.add(tag(st.getWithoutDefault(f.name())));
        } else if (v instanceof BigDecimal) {
            ObjectNode d = o.putObject("decimal");
            d.put("unscaled", ((BigDecimal) v).unscaledValue().toString());
            d.put("scale", ((BigDecimal) v).scale());
        } else if (v instanceof java.util.Date) o.put("date", ((java.util.Date) v).getTime());
        else throw new IllegalArgumentException("cannot tag " + v.getClass());
        return o;
    }

    /** Parses a whole golden file, whose cases nest deeper than Jackson's default limit allows. */
    public static JsonNode goldenFile(byte[] data) throws java.io.IOException {
        ObjectMapper m = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(100_000).build())
                .build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(new JsonNodeFactory(true));
        return m.readTree(data);
    }

    /** Parses JSON text with {@link #MAPPER}. */
    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
