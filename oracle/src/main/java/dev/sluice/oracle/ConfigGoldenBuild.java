package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a Kafka ConfigDef from the declarative description used by ConfigGolden (see ConfigGoldenCorpus for the
 * format). The Go test (connect/config/corpus_test.go) builds its Def from the same description; the two must
 * stay in step.
 */
final class ConfigGoldenBuild {
    private ConfigGoldenBuild() {
    }

    static ConfigDef def(ArrayNode ops) {
        ConfigDef d = new ConfigDef();
        for (JsonNode op : ops) {
            if (op.has("define")) {
                JsonNode k = op.get("define");
                if (k.get("internal").asBoolean()) {
                    d.defineInternal(k.get("name").asText(), type(k), defaultValue(k), validator(k.get("validator")),
                            ConfigDef.Importance.valueOf(k.get("importance").asText()), k.get("doc").asText());
                } else {
                    d.define(key(k));
                }
            } else if (op.has("embed")) {
                JsonNode e = op.get("embed");
                d.embed(e.get("key_prefix").asText(), e.get("group_prefix").asText(), e.get("start").asInt(),
                        def((ArrayNode) e.get("ops")));
            } else {
                throw new IllegalArgumentException("unknown op " + op);
            }
        }
        return d;
    }

    static ConfigDef.Type type(JsonNode k) {
        return ConfigDef.Type.valueOf(k.get("type").asText());
    }

    static ConfigKey key(JsonNode k) {
        List<String> deps = new ArrayList<>();
        k.get("dependents").forEach(d -> deps.add(d.asText()));
        JsonNode group = k.get("group");
        return new ConfigKey(k.get("name").asText(), type(k), defaultValue(k), validator(k.get("validator")),
                ConfigDef.Importance.valueOf(k.get("importance").asText()), k.get("doc").asText(),
                group.isNull() ? null : group.asText(), k.get("order").asInt(),
                ConfigDef.Width.valueOf(k.get("width").asText()), k.get("display").asText(), deps,
                recommender(k.get("recommender")), false);
    }

    /** default: {"kind":"none"|"null"|"string"|"typed"|"list", "java": "Integer"|..., "value": ...}. */
    static Object defaultValue(JsonNode k) {
        JsonNode d = k.get("default");
        switch (d.get("kind").asText()) {
            case "none":
                return ConfigDef.NO_DEFAULT_VALUE;
            case "null":
                return null;
            case "string":
                return d.get("value").asText();
            case "list": {
                List<String> l = new ArrayList<>();
                d.get("value").forEach(e -> l.add(e.asText()));
                return l;
            }
            case "typed":
                return typed(d.get("java").asText(), d.get("value").asText());
            default:
                throw new IllegalArgumentException("bad default " + d);
        }
    }

    static Object typed(String java, String v) {
        switch (java) {
            case "String":
                return v;
            case "Integer":
                return Integer.valueOf(v);
            case "Short":
                return Short.valueOf(v);
            case "Long":
                return Long.valueOf(v);
            case "Double":
                return Double.valueOf(v);
            case "Boolean":
                return Boolean.valueOf(v);
            case "Password":
                return new Password(v);
            case "Class":
                try {
                    return Class.forName(v);
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException(e);
                }
            default:
                throw new IllegalArgumentException("bad java type " + java);
        }
    }

    static String[] strings(JsonNode a) {
        String[] s = new String[a.size()];
        for (int i = 0; i < s.length; i++) s[i] = a.get(i).asText();
        return s;
    }

    static Number bound(JsonNode b) {
        if (b == null || b.isNull()) return null;
        return (Number) typed(b.get("java").asText(), b.get("value").asText());
    }

    static ConfigDef.Validator validator(JsonNode v) {
        if (v == null || v.isNull()) return null;
        String kind = v.fieldNames().next();
        JsonNode a = v.get(kind);
        switch (kind) {
            case "range":
                if (a.get("max").isNull()) return ConfigDef.Range.atLeast(bound(a.get("min")));
                return ConfigDef.Range.between(bound(a.get("min")), bound(a.get("max")));
            case "in":
                return ConfigDef.ValidString.in(strings(a));
            case "in_ignore_case":
                return ConfigDef.CaseInsensitiveValidString.in(strings(a));
            case "list_of":
                return ConfigDef.ValidList.in(strings(a));
            case "non_empty_list_of":
                return ConfigDef.ValidList.in(false, strings(a));
            case "any_non_duplicate":
                return ConfigDef.ValidList.anyNonDuplicateValues(a.get("empty_allowed").asBoolean(),
                        a.get("null_allowed").asBoolean());
            case "list_size":
                return ConfigDef.ListSize.atMostOfSize(a.asInt());
            case "non_empty_string":
                return new ConfigDef.NonEmptyString();
            case "non_null":
                return new ConfigDef.NonNullValidator();
            case "non_empty_no_ctrl":
                return ConfigDef.NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars();
            case "composite": {
                ConfigDef.Validator[] vs = new ConfigDef.Validator[a.size()];
                for (int i = 0; i < vs.length; i++) vs[i] = validator(a.get(i));
                return ConfigDef.CompositeValidator.of(vs);
            }
            case "lambda":
                return lambda(a.get("kind").asText(), a.get("desc").asText());
            default:
                throw new IllegalArgumentException("bad validator " + v);
        }
    }

    /**
     * Lambda validators: "even" rejects odd integers, "no_spaces" rejects strings with a space,
     * "reject_non_null" rejects every value but null (to show how values print in messages), "fail" always
     * fails with a message that is not of the "Invalid value" form.
     */
    static ConfigDef.Validator lambda(String kind, String desc) {
        switch (kind) {
            case "even":
                return ConfigDef.LambdaValidator.with((name, value) -> {
                    if (value instanceof Integer && ((Integer) value) % 2 != 0)
                        throw new ConfigException(name, value, "Value must be even");
                }, () -> desc);
            case "no_spaces":
                return ConfigDef.LambdaValidator.with((name, value) -> {
                    if (value instanceof String && ((String) value).contains(" "))
                        throw new ConfigException(name, value, "must not contain spaces");
                }, () -> desc);
            case "reject_non_null":
                return ConfigDef.LambdaValidator.with((name, value) -> {
                    if (value != null) throw new ConfigException(name, value, "rejected");
                }, () -> desc);
            case "fail":
                return ConfigDef.LambdaValidator.with((name, value) -> {
                    throw new ConfigException("custom failure for " + name);
                }, () -> desc);
            default:
                throw new IllegalArgumentException("bad lambda " + kind);
        }
    }

    /**
     * Recommender: {"java": type of "values", "values": [...], "when": {"key","equals"}, "visible_when":
     * {"key","equals"}, "fail_values": msg, "fail_visible": msg}. A condition holds when
     * String.valueOf(parsed.get(key)) equals the text. Failures throw ConfigException(msg + " (" + name + ")").
     */
    static ConfigDef.Recommender recommender(JsonNode r) {
        if (r == null || r.isNull()) return null;
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                if (r.has("fail_values")) throw new ConfigException(r.get("fail_values").asText() + " (" + name + ")");
                List<Object> out = new ArrayList<>();
                if (r.has("when") && !holds(r.get("when"), parsed)) return out;
                for (JsonNode v : r.get("values")) out.add(typed(r.get("java").asText(), v.asText()));
                return out;
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                if (r.has("fail_visible")) throw new ConfigException(r.get("fail_visible").asText() + " (" + name + ")");
                return !r.has("visible_when") || holds(r.get("visible_when"), parsed);
            }
        };
    }

    static boolean holds(JsonNode cond, Map<String, Object> parsed) {
        return String.valueOf(parsed.get(cond.get("key").asText())).equals(cond.get("equals").asText());
    }
}
