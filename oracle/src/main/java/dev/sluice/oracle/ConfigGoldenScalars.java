package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Randomized (fixed seed) vectors for the java.lang behaviour that Kafka's configuration texts expose:
 * ConfigDef.parseType per type, Double.toString, and the iteration order of java.util.HashSet / HashMap.
 */
final class ConfigGoldenScalars {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigGoldenScalars() {
    }

    static ObjectNode all() {
        Random rnd = new Random(20240611L);
        ObjectNode out = F.objectNode();
        ObjectNode parse = out.putObject("parse_type");
        for (ConfigDef.Type t : new ConfigDef.Type[] {ConfigDef.Type.BOOLEAN, ConfigDef.Type.STRING, ConfigDef.Type.INT,
            ConfigDef.Type.SHORT, ConfigDef.Type.LONG, ConfigDef.Type.DOUBLE, ConfigDef.Type.LIST, ConfigDef.Type.PASSWORD}) {
            ArrayNode a = parse.putArray(t.name());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 600; i++) {
                String s = input(rnd, t);
                if (!seen.add(s)) continue;
                ObjectNode n = a.addObject();
                n.put("in", s);
                try {
                    n.set("out", ConfigGolden.render(ConfigDef.parseType("k", s, t)));
                } catch (ConfigException e) {
                    n.put("err", e.getMessage());
                }
            }
        }
        ArrayNode doubles = out.putArray("double_to_string");
        for (int i = 0; i < 3000; i++) {
            double d = randomDouble(rnd);
            doubles.addObject().put("bits", Long.toHexString(Double.doubleToRawLongBits(d))).put("s", Double.toString(d));
        }
        ArrayNode hash = out.putArray("hash_order");
        for (int i = 0; i < 80; i++) {
            int others = i % 3 == 0 ? rnd.nextInt(60) : 0;
            List<String> before = new ArrayList<>();
            for (int j = 0; j < others; j++) before.add(word(rnd));
            List<String> names = new ArrayList<>();
            int n = 1 + rnd.nextInt(i % 4 == 0 ? 40 : 10);
            for (int j = 0; j < n; j++) {
                String w = i % 5 == 1 ? "ghost." + (char) ('a' + rnd.nextInt(26)) + rnd.nextInt(30) : word(rnd);
                if (!before.contains(w) && !names.contains(w)) names.add(w);
            }
            Map<String, Boolean> m = new HashMap<>();
            for (String w : before) m.put(w, false);
            for (String w : names) m.put(w, true);
            ObjectNode h = hash.addObject();
            ArrayNode bn = h.putArray("before");
            before.forEach(bn::add);
            ArrayNode in = h.putArray("names");
            names.forEach(in::add);
            ArrayNode order = h.putArray("order");
            m.forEach((k, v) -> {
                if (v) order.add(k);
            });
        }
        return out;
    }

    static final String DIGITS = "0123456789";
    static final String[] WEIRD_DIGITS = {"\u0663", "\u0661", "\uff11", "\u09e7", "\u0e52", "\ud835\udfce"};
    static final String[] SPACE = {"", "", "", " ", "  ", "\t", "\n", "\u000b", "\u001f", "\u00a0", "\r\n"};

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String digits(Random r, int max) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(40) == 0) b.append(pick(r, WEIRD_DIGITS));
            else b.append(DIGITS.charAt(r.nextInt(10)));
        }
        return b.toString();
    }

    static String input(Random r, ConfigDef.Type t) {
        int mode = r.nextInt(10);
        if (mode == 0) {
            // Noise from characters that matter somewhere.
            String alphabet = "0123456789+-.eExXpPfFdDNaInity ,\t\u000b\u001f\u00a0\u017f\u0663\uff12_truefalsTRUEFALS";
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            return b.toString();
        }
        switch (t) {
            case BOOLEAN: {
                String w = r.nextBoolean() ? "true" : "false";
                StringBuilder b = new StringBuilder(pick(r, SPACE));
                for (char c : w.toCharArray()) {
                    int x = r.nextInt(12);
                    if (x < 5) b.append(c);
                    else if (x < 10) b.append(Character.toUpperCase(c));
                    else if (c == 's' && x == 10) b.append('\u017f');
                    else if (x == 11 && r.nextInt(3) == 0) continue;
                    else b.append(c);
                }
                if (r.nextInt(10) == 0) b.append("x");
                return b.append(pick(r, SPACE)).toString();
            }
            case INT:
            case SHORT:
            case LONG: {
                if (r.nextInt(4) == 0) {
                    String[] edges = {"2147483647", "2147483648", "32767", "32768", "9223372036854775807",
                        "9223372036854775808", "4294967296", "65535"};
                    String e = pick(r, edges);
                    if (r.nextBoolean()) e = e.substring(0, e.length() - 1) + DIGITS.charAt(r.nextInt(10));
                    return pick(r, SPACE) + (r.nextBoolean() ? "-" : "") + e + pick(r, SPACE);
                }
                String sign = r.nextInt(4) == 0 ? (r.nextBoolean() ? "+" : "-") : "";
                String d = digits(r, 20);
                String tail = r.nextInt(8) == 0 ? pick(r, new String[] {"L", ".0", "e1", " 1", "_1", "x"}) : "";
                return pick(r, SPACE) + sign + d + tail + pick(r, SPACE);
            }
            case DOUBLE: {
                StringBuilder b = new StringBuilder(pick(r, SPACE));
                if (r.nextInt(6) == 0) b.append(r.nextBoolean() ? "+" : "-");
                if (r.nextInt(15) == 0) {
                    b.append(pick(r, new String[] {"NaN", "Infinity", "nan", "Inf", "INFINITY", "NaNx"}));
                } else if (r.nextInt(10) == 0) {
                    b.append(r.nextBoolean() ? "0x" : "0X");
                    String hex = "0123456789abcdefABCDEF";
                    int n = r.nextInt(6);
                    for (int i = 0; i < n; i++) b.append(hex.charAt(r.nextInt(hex.length())));
                    if (r.nextBoolean()) b.append('.');
                    n = r.nextInt(4);
                    for (int i = 0; i < n; i++) b.append(hex.charAt(r.nextInt(hex.length())));
                    if (r.nextInt(5) != 0) b.append(r.nextBoolean() ? 'p' : 'P').append(r.nextBoolean() ? "-" : "").append(digits(r, 3));
                } else {
                    b.append(digits(r, 12));
                    if (r.nextInt(3) == 0) b.append('.').append(digits(r, 12));
                    if (r.nextInt(3) == 0) {
                        b.append(r.nextBoolean() ? 'e' : 'E');
                        if (r.nextInt(3) == 0) b.append(r.nextBoolean() ? '+' : '-');
                        b.append(r.nextInt(10) == 0 ? "400" : digits(r, 3));
                    }
                }
                if (r.nextInt(8) == 0) b.append(pick(r, new String[] {"f", "F", "d", "D", "ff", "x", "e"}));
                return b.append(pick(r, SPACE)).toString();
            }
            case LIST: {
                StringBuilder b = new StringBuilder(pick(r, SPACE));
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) b.append(pick(r, SPACE)).append(',').append(pick(r, SPACE));
                    if (r.nextInt(5) != 0) b.append(word(r));
                }
                if (r.nextInt(6) == 0) b.append(',');
                return b.append(pick(r, SPACE)).toString();
            }
            default: {
                StringBuilder b = new StringBuilder(pick(r, SPACE));
                b.append(word(r));
                if (r.nextBoolean()) b.append(' ').append(word(r));
                return b.append(pick(r, SPACE)).toString();
            }
        }
    }

    static String word(Random r) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-$";
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(14);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(50) == 0) b.append(pick(r, new String[] {"é", "✓", "ß", "\ud83d\ude00"}));
            else b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static double randomDouble(Random r) {
        switch (r.nextInt(8)) {
            case 6:
                return Double.MIN_VALUE * (1 + r.nextInt(5000));
            case 7:
                return Math.scalb(1.0 + r.nextInt(1 << 20), 40 + r.nextInt(24)) * (r.nextBoolean() ? 1 : 0.5);
            case 0:
                return Double.longBitsToDouble(r.nextLong());
            case 1:
                return r.nextInt(2000000) / Math.pow(10, r.nextInt(12));
            case 2:
                return Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
            case 3:
                return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(30) - 10);
            case 4:
                return (double) r.nextLong();
            default:
                return new double[] {0.0, -0.0, 1e-3, 9.999999e-4, 1e7, 9999999.999, 1e-4, Double.MIN_VALUE,
                    Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 100,
                    1.0E23, 2.0E-3, 5e-324}[r.nextInt(17)];
        }
    }
}
