package dev.sluice.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The corpus of ConfigGolden: ConfigDefs described as data, each with property maps to parse and validate.
 *
 * <pre>
 * case    {"name", "ops": [op...], "props": [{key: value}...]}
 * op      {"define": key} | {"embed": {"key_prefix", "group_prefix", "start", "ops": [op...]}}
 * key     {"name", "type", "default", "importance", "doc", "group" (null = none), "order", "width", "display",
 *          "dependents", "validator", "recommender", "internal" (defineInternal: group "", order -1)}
 * </pre>
 * Validators and recommenders are described in ConfigGoldenBuild.
 */
final class ConfigGoldenCorpus {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ConfigGoldenCorpus() {
    }

    /** A key description with the short define(...) form's defaults: no default, no group, order -1. */
    static final class K {
        final ObjectNode n = F.objectNode();

        K(String name, String type) {
            n.put("name", name);
            n.put("type", type);
            n.putObject("default").put("kind", "none");
            n.put("importance", "HIGH");
            n.put("doc", "Documentation of " + name + ".");
            n.putNull("group");
            n.put("order", -1);
            n.put("width", "NONE");
            n.put("display", name);
            n.putArray("dependents");
            n.putNull("validator");
            n.putNull("recommender");
            n.put("internal", false);
        }

        K dflt(String s) {
            n.putObject("default").put("kind", "string").put("value", s);
            return this;
        }

        K nullDefault() {
            n.putObject("default").put("kind", "null");
            return this;
        }

        K typed(String java, String v) {
            n.putObject("default").put("kind", "typed").put("java", java).put("value", v);
            return this;
        }

        K list(String... v) {
            ObjectNode d = n.putObject("default").put("kind", "list");
            ArrayNode a = d.putArray("value");
            for (String s : v) a.add(s);
            return this;
        }

        K imp(String i) {
            n.put("importance", i);
            return this;
        }

        K doc(String d) {
            n.put("doc", d);
            return this;
        }

        K group(String g, int order) {
            n.put("group", g);
            n.put("order", order);
            return this;
        }

        K order(int order) {
            n.put("order", order);
            return this;
        }

        K width(String w) {
            n.put("width", w);
            return this;
        }

        K display(String d) {
            n.put("display", d);
            return this;
        }

        K deps(String... d) {
            ArrayNode a = n.putArray("dependents");
            for (String s : d) a.add(s);
            return this;
        }

        K v(JsonNode v) {
            n.set("validator", v);
            return this;
        }

        K rec(R r) {
            n.set("recommender", r.n);
            return this;
        }

        K internal() {
            n.put("internal", true);
            return this;
        }
    }

    static K k(String name, String type) {
        return new K(name, type);
    }

    /** A recommender description. */
    static final class R {
        final ObjectNode n = F.objectNode();

        R when(String key, String equals) {
            n.putObject("when").put("key", key).put("equals", equals);
            return this;
        }

        R visibleWhen(String key, String equals) {
            n.putObject("visible_when").put("key", key).put("equals", equals);
            return this;
        }

        R failValues(String msg) {
            n.put("fail_values", msg);
            return this;
        }

        R failVisible(String msg) {
            n.put("fail_visible", msg);
            return this;
        }
    }

    static R rec(String java, String... values) {
        R r = new R();
        r.n.put("java", java);
        ArrayNode a = r.n.putArray("values");
        for (String v : values) a.add(v);
        return r;
    }

    /** A case under construction. */
    static final class C {
        final ObjectNode n = F.objectNode();
        final ArrayNode ops;
        final ArrayNode props;

        C(String name) {
            n.put("name", name);
            ops = n.putArray("ops");
            props = n.putArray("props");
        }

        C def(K... ks) {
            for (K k : ks) ops.addObject().set("define", k.n);
            return this;
        }

        C embed(String keyPrefix, String groupPrefix, int start, C child) {
            ObjectNode e = ops.addObject().putObject("embed");
            e.put("key_prefix", keyPrefix).put("group_prefix", groupPrefix).put("start", start);
            e.set("ops", child.ops);
            return this;
        }

        /** One property map from alternating keys and values. */
        C run(String... kv) {
            ObjectNode m = props.addObject();
            for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
            return this;
        }

        /** An empty property map, then one map per value of key. */
        C values(String key, String... values) {
            run();
            for (String v : values) run(key, v);
            return this;
        }
    }

    static C c(String name) {
        return new C(name);
    }

    // Validators.
    static ObjectNode num(Number n) {
        if (n == null) return null;
        return F.objectNode().put("java", n.getClass().getSimpleName()).put("value", n.toString());
    }

    static JsonNode range(Number min, Number max) {
        ObjectNode r = F.objectNode();
        ObjectNode a = r.putObject("range");
        a.set("min", num(min) == null ? F.nullNode() : num(min));
        a.set("max", max == null ? F.nullNode() : num(max));
        return r;
    }

    static JsonNode strs(String kind, String... s) {
        ObjectNode r = F.objectNode();
        ArrayNode a = r.putArray(kind);
        for (String x : s) a.add(x);
        return r;
    }

    static JsonNode flag(String kind) {
        return F.objectNode().put(kind, true);
    }

    static JsonNode anyNonDup(boolean emptyAllowed, boolean nullAllowed) {
        ObjectNode r = F.objectNode();
        r.putObject("any_non_duplicate").put("empty_allowed", emptyAllowed).put("null_allowed", nullAllowed);
        return r;
    }

    static JsonNode listSize(int n) {
        return F.objectNode().put("list_size", n);
    }

    static JsonNode composite(JsonNode... vs) {
        ObjectNode r = F.objectNode();
        ArrayNode a = r.putArray("composite");
        for (JsonNode v : vs) a.add(v);
        return r;
    }

    static JsonNode lambda(String kind, String desc) {
        ObjectNode r = F.objectNode();
        r.putObject("lambda").put("kind", kind).put("desc", desc);
        return r;
    }

    static final String[] TYPES = {"BOOLEAN", "STRING", "INT", "SHORT", "LONG", "DOUBLE", "LIST", "CLASS", "PASSWORD"};

    /** Inputs per type that exercise Kafka's parseType. */
    static String[] inputs(String type) {
        switch (type) {
            case "BOOLEAN":
                return new String[] {"true", "false", "TRUE", "False", " tRuE ", "\ttrue\n", "yes", "1", "", " ",
                    "t", "truee", "FALſE", "true\u00a0"};
            case "STRING":
                return new String[] {"hello", "  padded  ", "", " ", "\t\n", "a,b", "ünïcødé ✓", "\u0001x\u0001",
                    "x\u00a0", "\u2028line", "quote\"back\\slash", "<tag>&amp;"};
            case "INT":
                return new String[] {"5", " 42 ", "+7", "-0", "0", "2147483647", "-2147483648", "2147483648",
                    "-2147483649", "abc", "", " ", "1.0", "1e3", "0x10", "٣٤", "１２", "5L", "--1", "+", "00012"};
            case "SHORT":
                return new String[] {"5", "32767", "-32768", "32768", "-32769", " 12 ", "x", "", "1.5", "+0"};
            case "LONG":
                return new String[] {"5", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                    "-9223372036854775809", " 1 ", "1L", "", "1e3", "٣"};
            case "DOUBLE":
                return new String[] {"1", "1.5", "1e3", "1E-5", "-0", "0.001", "0.0001", "1e7", "9999999",
                    "12345678.9", "NaN", "Infinity", "-Infinity", "+Infinity", "infinity", "nan", "1.5f", "2d",
                    "0x1p4", "0x1.8P1", ".5", "5.", ".", "1e", "1e400", "1e-400", "abc", "", " 2.5 ",
                    "4.9E-324", "1.7976931348623157E308", "123456789012", "1_000", "0x10"};
            case "LIST":
                return new String[] {"a", "a,b,c", " a , b , c ", "a,,b", "a,b,", ",a", ",", "", " ", "a, a",
                    "a\t,\tb", "a ,\u000bb", "a\u00a0,b", "one item with spaces", "x,\u001fy"};
            case "CLASS":
                return new String[] {"java.lang.String", " java.lang.Integer ", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                    "java.lang.Runnable", "com.example.DoesNotExist", "", "not a class", "java.util.Map$Entry"};
            case "PASSWORD":
                return new String[] {"s3cret", "  padded  ", "", "p@ss,word"};
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** String defaults that parse, per type. */
    static String goodDefault(String type) {
        switch (type) {
            case "BOOLEAN":
                return " TRUE ";
            case "STRING":
                return "  default value ";
            case "INT":
                return " 10 ";
            case "SHORT":
                return "7";
            case "LONG":
                return "-9000000000";
            case "DOUBLE":
                return "1e3";
            case "LIST":
                return " x , y,z ";
            case "CLASS":
                return "java.lang.String";
            case "PASSWORD":
                return " hunter2 ";
            default:
                throw new IllegalArgumentException(type);
        }
    }

    /** Typed defaults (Java objects of the type's class), per type. */
    static K typedDefault(K k, String type) {
        switch (type) {
            case "BOOLEAN":
                return k.typed("Boolean", "false");
            case "STRING":
                return k.typed("String", " typed string ");
            case "INT":
                return k.typed("Integer", "-3");
            case "SHORT":
                return k.typed("Short", "300");
            case "LONG":
                return k.typed("Long", "123456789012");
            case "DOUBLE":
                return k.typed("Double", "0.1");
            case "LIST":
                return k.list(" not trimmed ", "", "b");
            case "CLASS":
                return k.typed("Class", "java.lang.Integer");
            case "PASSWORD":
                return k.typed("Password", " not trimmed ");
            default:
                throw new IllegalArgumentException(type);
        }
    }

    static List<ObjectNode> cases() {
        List<C> cs = new ArrayList<>();
        // 1. Every type: a required key fed every interesting input.
        for (String t : TYPES) {
            cs.add(c("type-" + t.toLowerCase() + "-required").def(k("v", t)).values("v", inputs(t)));
        }
        // 2. Every type: null, string and typed defaults, absent and overridden.
        for (String t : TYPES) {
            C c = c("type-" + t.toLowerCase() + "-defaults").def(
                    k("null.default", t).nullDefault().imp("LOW"),
                    k("string.default", t).dflt(goodDefault(t)).imp("MEDIUM"),
                    typedDefault(k("typed.default", t), t));
            c.run();
            String[] in = inputs(t);
            c.run("null.default", in[0], "string.default", in[1], "typed.default", in[in.length - 1]);
            c.run("null.default", in[2], "unknown.key", "ignored");
            cs.add(c);
        }
        // 2b. Empty-string defaults.
        for (String t : new String[] {"STRING", "LIST", "PASSWORD"}) {
            cs.add(c("type-" + t.toLowerCase() + "-empty-default").def(k("v", t).dflt("")).run().run("v", " "));
        }
        cases3Validators(cs);
        cases3bRendering(cs);
        cases4Recommenders(cs);
        cases5Dependents(cs);
        cases5bUndefined(cs);
        cases6Layout(cs);
        cases7Embed(cs);
        cases8DefineErrors(cs);
        cases9Connectors(cs);
        List<ObjectNode> out = new ArrayList<>();
        for (C c : cs) out.add(c.n);
        return out;
    }

    static void cases3Validators(List<C> cs) {
        cs.add(c("range-int-at-least").def(k("v", "INT").dflt("1").v(range(1, null)))
                .values("v", "1", "0", "-5", "2147483647", "x"));
        cs.add(c("range-int-between").def(k("v", "INT").dflt("5").v(range(1, 10)))
                .values("v", "1", "10", "0", "11", " 7 ", ""));
        cs.add(c("range-required-int").def(k("v", "INT").v(range(0, 100)))
                .values("v", "50", "-1", "abc"));
        cs.add(c("range-long-bounds").def(k("v", "LONG").dflt("0").v(range(-5L, 9007199254740993L)))
                .values("v", "-6", "9007199254740993", "9007199254740994", "9223372036854775807"));
        cs.add(c("range-double").def(k("v", "DOUBLE").dflt("0.5").v(range(0.0, 1.0)))
                .values("v", "0", "1", "1.0000001", "-0.0", "NaN", "Infinity", "-1e-300"));
        cs.add(c("range-double-int-bounds").def(k("v", "DOUBLE").dflt("2").v(range(1, 3)))
                .values("v", "0.5", "3.5", "2.5"));
        cs.add(c("range-short").def(k("v", "SHORT").dflt("1").v(range((short) 1, (short) 100)))
                .values("v", "0", "101", "50"));
        cs.add(c("range-int-double-bound").def(k("v", "INT").dflt("5").v(range(0.5, 10.25)))
                .values("v", "0", "11"));
        cs.add(c("valid-string").def(k("v", "STRING").dflt("b").v(strs("in", "a", "b", "c")))
                .values("v", "a", "A", " c ", "d", ""));
        cs.add(c("valid-string-required").def(k("v", "STRING").v(strs("in", "none", "all")))
                .values("v", "all", "some"));
        cs.add(c("valid-string-null-default").def(k("v", "STRING").nullDefault().v(strs("in", "x", "y"))).values("v", "x"));
        cs.add(c("case-insensitive").def(k("v", "STRING").dflt("none").v(strs("in_ignore_case", "none", "gzip",
                "snappy", "lz4", "zstd"))).values("v", "GZIP", "Snappy", "brotli", "", "Lz4 "));
        cs.add(c("case-insensitive-many").def(k("v", "STRING").dflt("alpha").v(strs("in_ignore_case", "alpha",
                "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
                "xi", "omicron", "pi", "rho", "sigma"))).values("v", "omega", "SIGMA"));
        cs.add(c("case-insensitive-required").def(k("v", "STRING").v(strs("in_ignore_case", "a", "b"))).values("v", "B"));
        cs.add(c("valid-list").def(k("v", "LIST").dflt("a").v(strs("list_of", "a", "b", "c")))
                .values("v", "a,b", "b, a, b", "a,d", "", "a,,b", "a,", "A"));
        cs.add(c("valid-list-required").def(k("v", "LIST").v(strs("list_of", "x", "y"))).values("v", "x"));
        cs.add(c("valid-list-non-empty").def(k("v", "LIST").dflt("a").v(strs("non_empty_list_of", "a", "b")))
                .values("v", "", "b", "c", "a,a"));
        cs.add(c("valid-list-null-default").def(k("v", "LIST").nullDefault().v(strs("list_of", "a"))).values("v", "a"));
        cs.add(c("any-non-duplicate-strict").def(k("v", "LIST").dflt("x").v(anyNonDup(false, false)))
                .values("v", "", "a,b,a", "a,,b", "p,q", " "));
        cs.add(c("any-non-duplicate-null-ok").def(k("v", "LIST").nullDefault().v(anyNonDup(true, true)))
                .values("v", "", "a,a"));
        cs.add(c("any-non-duplicate-empty-ok").def(k("v", "LIST").dflt("").v(anyNonDup(true, false)))
                .values("v", "a", "b,b,c"));
        cs.add(c("list-size").def(k("v", "LIST").dflt("a,b").v(listSize(2))).values("v", "a", "a,b,c", "a,a,a"));
        cs.add(c("non-empty-string").def(k("v", "STRING").dflt("x").v(flag("non_empty_string")),
                k("n", "STRING").nullDefault().v(flag("non_empty_string"))).values("v", "", " ", "ok"));
        cs.add(c("non-null").def(k("v", "STRING").dflt("x").v(flag("non_null")),
                k("r", "INT").v(flag("non_null"))).values("v", "", "y"));
        cs.add(c("non-null-default-null").def(k("v", "STRING").nullDefault().v(flag("non_null"))).values("v", "z"));
        cs.add(c("non-empty-no-ctrl").def(k("name", "STRING").v(flag("non_empty_no_ctrl")))
                .values("name", "my-connector", "", "  ", "bad\u0001name", "tab\tin\u007fside", "c1\u0085ctl",
                        "line\nbreak\r", "ünï ✓", "\u0000"));
        cs.add(c("composite").def(k("v", "INT").dflt("2").v(composite(range(0, 100), lambda("even", "even numbers"))))
                .values("v", "4", "3", "101", "-2", "x"));
        cs.add(c("composite-strings").def(k("v", "STRING").dflt("ok").v(composite(flag("non_empty_string"),
                lambda("no_spaces", "no spaces"), strs("in", "ok", "fine", "not ok")))).values("v", "", "not ok", "fine", "bad"));
        cs.add(c("lambda-fail").def(k("v", "STRING").nullDefault().v(lambda("fail", "always fails")).width("SHORT")
                .group("G", 1)).run());
        cs.add(c("lambda-fail-required").def(k("v", "STRING").v(lambda("fail", "always fails")).width("SHORT")
                .group("G", 1), k("w", "INT").v(lambda("even", "even")).group("G", 2)).values("v", "x").run("w", "3"));
        cs.add(c("validators-on-missing").def(
                k("a", "INT").v(range(1, null)),
                k("b", "STRING").v(strs("in", "x")),
                k("c", "STRING").v(strs("in_ignore_case", "x")),
                k("d", "LIST").v(strs("list_of", "x")),
                k("e", "LIST").v(anyNonDup(false, true)),
                k("f", "STRING").v(flag("non_empty_string")),
                k("g", "STRING").v(flag("non_null")),
                k("h", "STRING").v(flag("non_empty_no_ctrl")),
                k("i", "INT").v(composite(flag("non_null"), range(1, 2))),
                k("j", "DOUBLE").v(range(0.0, null))).run()
                .run("a", "x", "b", "y", "c", "y", "d", "y", "e", "", "f", "", "g", "", "h", "", "i", "3", "j", "q"));
    }

    static void cases3bRendering(List<C> cs) {
        JsonNode reject = lambda("reject_non_null", "anything but null");
        cs.add(c("reject-rendering").def(
                k("b", "BOOLEAN").nullDefault().v(reject),
                k("i", "INT").nullDefault().v(reject),
                k("s", "SHORT").nullDefault().v(reject),
                k("l", "LONG").nullDefault().v(reject),
                k("d", "DOUBLE").nullDefault().v(reject),
                k("list", "LIST").nullDefault().v(reject),
                k("p", "PASSWORD").nullDefault().v(reject),
                k("str", "STRING").nullDefault().v(reject))
                .run()
                .run("b", "TRUE", "i", "-7", "s", "12", "l", "123456789012345", "d", "1e7", "list", "a, b ,c",
                        "p", "secret", "str", "  text  ")
                .run("d", "0.0001", "list", "", "p", "")
                .run("d", "-1.5e-10", "list", "x,,y,"));
        cs.add(c("password-validators").def(
                k("pw", "PASSWORD").v(flag("non_null")).width("MEDIUM"),
                k("pw2", "PASSWORD").dflt("x").v(composite(flag("non_null"), lambda("reject_non_null", "r"))))
                .values("pw", "s3cret", "  "));
    }

    static void cases4Recommenders(List<C> cs) {
        cs.add(c("recommender-strings").def(k("mode", "STRING").dflt("a").rec(rec("String", "a", "b", "c")))
                .values("mode", "b", "z"));
        cs.add(c("recommender-typed").def(
                k("i", "INT").dflt("1").rec(rec("Integer", "1", "2", "3")),
                k("l", "LONG").dflt("1").rec(rec("Long", "10", "20")),
                k("d", "DOUBLE").dflt("1").rec(rec("Double", "0.5", "1e10", "1000")),
                k("b", "BOOLEAN").dflt("true").rec(rec("Boolean", "true", "false")),
                k("s", "SHORT").dflt("1").rec(rec("Short", "7")),
                k("c", "CLASS").dflt("java.lang.String").rec(rec("Class", "java.lang.String", "java.lang.Integer")),
                k("list", "LIST").dflt("a").rec(rec("String", "a", "b,c", " spaced ")),
                k("p", "PASSWORD").dflt("x").rec(rec("String", "one", "two"))).run().run("i", "9", "list", "q,r"));
        cs.add(c("recommender-conditional").def(
                k("kind", "STRING").dflt("file").imp("HIGH").deps("path", "url").group("Source", 1),
                k("path", "STRING").nullDefault().group("Source", 2).rec(rec("String", "/tmp", "/var").when("kind", "file")
                        .visibleWhen("kind", "file")),
                k("url", "STRING").nullDefault().group("Source", 3).rec(rec("String", "http://x").when("kind", "http")
                        .visibleWhen("kind", "http")))
                .values("kind", "http", "other"));
        cs.add(c("recommender-fail-values").def(k("a", "STRING").dflt("x").deps("b"),
                k("b", "STRING").dflt("y").rec(rec("String", "y").failValues("cannot list values"))).run().run("b", "z"));
        cs.add(c("recommender-fail-visible").def(k("a", "STRING").dflt("x"),
                k("b", "STRING").dflt("y").rec(rec("String", "y", "z").failVisible("cannot decide"))).run());
        cs.add(c("recommender-invisible").def(k("enabled", "BOOLEAN").dflt("false").deps("threshold"),
                k("threshold", "INT").dflt("3").v(range(1, 5)).rec(rec("Integer", "1", "3", "5").visibleWhen("enabled", "true")))
                .values("enabled", "true", "TRUE", "nope").run("threshold", "9"));
        cs.add(c("recommender-on-missing").def(k("a", "STRING").rec(rec("String", "p", "q").visibleWhen("a", "null")))
                .values("a", "p"));
        cs.add(c("recommender-sees-double").def(k("ratio", "DOUBLE").dflt("1e7").deps("x"),
                k("x", "STRING").nullDefault().rec(rec("String", "big").when("ratio", "1.0E7").visibleWhen("ratio", "1.0E7")))
                .values("ratio", "10000000", "0.5"));
        cs.add(c("recommender-sees-list").def(k("topics", "LIST").dflt("a,b").deps("x"),
                k("x", "STRING").nullDefault().rec(rec("String", "ab").when("topics", "[a, b]"))).values("topics", "a, b", "a"));
        cs.add(c("recommender-empty").def(k("x", "INT").dflt("1").rec(rec("Integer"))).run());
    }

    static void cases5Dependents(List<C> cs) {
        cs.add(c("dependents-chain").def(k("a", "STRING").dflt("1").deps("b"), k("b", "INT").dflt("2").deps("c"),
                k("c", "INT").v(range(0, 5))).values("c", "3", "9", "x").run("b", "z"));
        cs.add(c("dependents-shared").def(k("a", "STRING").dflt("1").deps("c"), k("b", "STRING").dflt("2").deps("c"),
                k("c", "INT").v(range(0, 5)).rec(rec("Integer", "1").failVisible("no"))).values("c", "1", "9", "q"));
        cs.add(c("dependents-undefined-one").def(k("a", "STRING").dflt("x").deps("ghost")).run().run("a", "y"));
        cs.add(c("dependents-undefined-many").def(k("a", "STRING").dflt("x").deps("ghost.one", "b", "zeta"),
                k("b", "STRING").dflt("y").deps("alpha", "ghost.one", "mu.key", "a.b.c", "Z")).run());
        cs.add(c("dependents-cycle-unreachable").def(k("a", "INT").deps("b"), k("b", "INT").deps("a"),
                k("c", "STRING").dflt("ok")).run().run("a", "x", "b", "1"));
        cs.add(c("dependents-self").def(k("self", "INT").deps("self"), k("other", "INT").dflt("1")).run());
        cs.add(c("dependents-order").def(k("z", "STRING").dflt("z").deps("y", "x"), k("x", "STRING").dflt("x"),
                k("y", "STRING").dflt("y")).run());
        cs.add(c("dependents-missing-required-child").def(k("parent", "BOOLEAN").dflt("true").deps("child"),
                k("child", "PASSWORD").rec(rec("String", "a").visibleWhen("parent", "true"))).values("parent", "false"));
    }

    static void cases5bUndefined(List<C> cs) {
        List<K> keys = new ArrayList<>();
        List<String> ghosts = new ArrayList<>();
        for (int i = 0; i < 24; i++) ghosts.add("ghost." + (char) ('a' + i) + i);
        for (int i = 0; i < 15; i++) {
            K k = k("key" + i, "INT").dflt(String.valueOf(i));
            if (i % 3 == 0) k.deps(ghosts.subList(i, i + 9).toArray(new String[0]));
            keys.add(k);
        }
        cs.add(c("dependents-undefined-large").def(keys.toArray(new K[0])).run().run("key3", "x"));
        cs.add(c("dependents-undefined-with-errors").def(k("a", "INT").deps("zz.top", "b", "aa.bottom"),
                k("b", "INT").dflt("1").v(range(5, null)), k("c", "STRING").dflt("x").deps("mm")).run().run("a", "1", "b", "9"));
    }

    static void cases6Layout(List<C> cs) {
        cs.add(c("groups-widths-display").def(
                k("b.key", "STRING").dflt("x").group("Second", 2).width("LONG").display("B key").imp("LOW"),
                k("a.key", "INT").dflt("1").group("First", 1).width("SHORT").display("A key").imp("MEDIUM"),
                k("c.key", "LONG").dflt("1").group("Second", 1).width("MEDIUM").display("C key"),
                k("d.key", "DOUBLE").dflt("1").group("First", 0).display("D key \u2014 \"quoted\""),
                k("e.key", "BOOLEAN").dflt("true").order(5),
                k("f.key", "LIST").group("Third", -3))
                .run("f.key", "q"));
        cs.add(c("doc-escaping").def(
                k("quotes", "STRING").dflt("\"quoted\" \\ back").doc("Quotes \" and backslashes \\ and / slashes."),
                k("controls", "STRING").dflt("\u0001\u001f\u007f").doc("Tab\tnewline\ncr\rbs\bff\f nul\u0000 esc\u001b."),
                k("unicode", "STRING").dflt("é✓😀").doc("Unicode é ✓ 😀 \u2028 \u2029 \u00a0 <html> & 'single'."),
                k("empty.doc", "STRING").dflt("").doc("").display("Empty doc"))
                .run("quotes", "\"", "controls", "\u0002", "unicode", "\u2028"));
        cs.add(c("internal-keys").def(k("visible", "STRING").dflt("v").group("G", 1),
                k("hidden.internal", "INT").dflt("3").internal(),
                k("hidden.required", "STRING").internal().v(flag("non_empty_string")))
                .values("hidden.required", "", "x"));
        cs.add(c("importance-and-order-ties").def(
                k("m", "STRING").dflt("x").group("G", 1).imp("LOW"),
                k("k", "STRING").group("G", 1).imp("LOW"),
                k("j", "STRING").dflt("x").group("G", 1).imp("HIGH"),
                k("i", "STRING").dflt("x").group("G", 1).imp("HIGH"),
                k("h", "STRING").dflt("x"),
                k("g", "STRING")).run("k", "1", "g", "2"));
        cs.add(c("empty-def").run().run("anything", "1"));
    }

    static void cases7Embed(List<C> cs) {
        C child = c("child").def(
                k("port", "INT").dflt("1883").v(range(1, 65535)).group("Connection", 2).width("SHORT"),
                k("host", "STRING").group("Connection", 1).deps("port").width("LONG"),
                k("qos", "INT").dflt("1").v(range(0, 2)).rec(rec("Integer", "0", "1", "2").visibleWhen("host", "broker")),
                k("secret", "PASSWORD").nullDefault().group("Security", 1),
                k("tags", "LIST").dflt("a,b").v(strs("list_of", "a", "b", "c")));
        cs.add(c("embed-basic").def(k("name", "STRING").group("Common", 1))
                .embed("mqtt.", "MQTT", 0, child)
                .run("name", "n", "mqtt.host", "broker", "mqtt.port", "0", "mqtt.qos", "5", "mqtt.tags", "a,a")
                .run("mqtt.port", "x", "mqtt.qos", "1", "mqtt.tags", "d"));
        C child2 = c("child2").def(k("x", "INT").dflt("1").v(range(1, 2)), k("y", "STRING").dflt("y").group("Inner", 1),
                k("z", "INT").dflt("1").internal());
        cs.add(c("embed-empty-group-prefix").embed("p.", "", 10, child2).run("p.x", "3").run());
        cs.add(c("embed-twice").embed("a.", "A", 1, child2).embed("b.", "B", 1, child2).run("a.x", "5", "b.x", "2"));
        cs.add(c("embed-clash").def(k("p.x", "INT").dflt("1")).embed("p.", "P", 0, child2).run());
        C child3 = c("child3").def(k("sw", "STRING").dflt("on").deps("val"),
                k("val", "STRING").nullDefault().rec(rec("String", "v1").when("sw", "on").visibleWhen("sw", "on")),
                k("other", "STRING").dflt("x").rec(rec("String", "seen-outer").when("outer", "null")));
        C inner = c("inner").def(k("deep", "INT").dflt("1").v(range(1, 3)).rec(rec("Integer", "1", "2").visibleWhen("flag", "true")),
                k("flag", "BOOLEAN").dflt("false").deps("deep").group("Flags", 1));
        C middle = c("middle").def(k("m", "STRING").dflt("m").group("Mid", 1)).embed("in.", "Inner", 0, inner);
        cs.add(c("embed-nested").def(k("top", "STRING").dflt("t")).embed("mid.", "Middle", 5, middle)
                .values("mid.in.deep", "9").run("mid.in.flag", "true", "mid.in.deep", "2"));
        cs.add(c("embed-recommender").def(k("outer", "STRING").dflt("o")).embed("e.", "E", 0, child3)
                .values("e.sw", "off"));
    }

    static void cases8DefineErrors(List<C> cs) {
        cs.add(c("define-twice").def(k("a", "INT").dflt("1"), k("a", "STRING").dflt("x")).run());
        cs.add(c("define-bad-int-default").def(k("a", "INT").dflt("ten")).run());
        cs.add(c("define-bad-bool-default").def(k("a", "BOOLEAN").dflt("yes")).run());
        cs.add(c("define-bad-double-default").def(k("a", "DOUBLE").dflt("1,5")).run());
        cs.add(c("define-short-overflow-default").def(k("a", "SHORT").dflt("40000")).run());
        cs.add(c("define-default-below-range").def(k("a", "INT").dflt("0").v(range(1, null))).run());
        cs.add(c("define-null-default-range").def(k("a", "INT").nullDefault().v(range(1, 5))).run());
        cs.add(c("define-default-not-in").def(k("a", "STRING").dflt("x").v(strs("in", "a", "b"))).run());
        cs.add(c("define-default-list-duplicates").def(k("a", "LIST").dflt("a,a").v(strs("list_of", "a"))).run());
        cs.add(c("define-default-list-empty").def(k("a", "LIST").dflt("").v(strs("non_empty_list_of", "a"))).run());
        cs.add(c("define-default-control-chars").def(k("a", "STRING").dflt("a\u0007b").v(flag("non_empty_no_ctrl"))).run());
        cs.add(c("define-default-list-too-long").def(k("a", "LIST").dflt("a,b,c").v(listSize(1))).run());
    }

    static void cases9Connectors(List<C> cs) {
        cs.add(c("connector-file-source").def(
                k("file", "STRING").nullDefault().imp("HIGH").doc("Source filename. If not specified, the standard input will be used"),
                k("topic", "LIST").v(anyNonDup(false, false)).imp("HIGH").doc("The topic to publish data to"),
                k("batch.size", "INT").dflt("2000").imp("LOW").doc("The maximum number of records the source task can read from the file each time it is polled"))
                .run("topic", "t1").run("topic", "t1,t2", "batch.size", "0").run("file", "/tmp/x", "topic", "")
                .run());
        cs.add(c("connector-mqtt-source").def(
                k("mqtt.server.uri", "LIST").v(anyNonDup(false, false)).group("Connection", 1).width("LONG")
                        .display("Server URIs").doc("MQTT broker URIs, comma separated."),
                k("mqtt.topics", "LIST").v(anyNonDup(false, false)).group("Connection", 2).width("LONG").display("Topics"),
                k("mqtt.qos", "INT").dflt("1").v(range(0, 2)).group("Connection", 3).width("SHORT").display("QoS")
                        .rec(rec("Integer", "0", "1", "2")),
                k("mqtt.username", "STRING").nullDefault().group("Security", 1).width("MEDIUM").display("Username")
                        .imp("MEDIUM").deps("mqtt.password"),
                k("mqtt.password", "PASSWORD").nullDefault().group("Security", 2).width("MEDIUM").display("Password")
                        .imp("MEDIUM").rec(rec("String").visibleWhen("mqtt.username", "admin")),
                k("mqtt.clean.session", "BOOLEAN").dflt("true").group("Connection", 4).width("SHORT").imp("LOW"),
                k("mqtt.keepalive.interval.ms", "LONG").dflt("60000").v(range(0L, null)).group("Connection", 5).imp("LOW"),
                k("kafka.topic", "STRING").v(flag("non_empty_no_ctrl")).group("Kafka", 1).display("Kafka topic"),
                k("message.converter", "CLASS").dflt("org.apache.kafka.connect.json.JsonConverter").group("Kafka", 2)
                        .imp("LOW"))
                .run("mqtt.server.uri", "tcp://a:1883, tcp://b:1883", "mqtt.topics", "sensors/#", "kafka.topic", "sensors")
                .run("mqtt.server.uri", "", "mqtt.topics", "a,a", "mqtt.qos", "3", "mqtt.username", "admin",
                        "mqtt.password", "pw", "mqtt.clean.session", "maybe", "mqtt.keepalive.interval.ms", "-1",
                        "kafka.topic", "bad\ttopic", "message.converter", "com.example.Nope")
                .run());
        cs.add(c("connector-es-sink").def(
                k("connection.url", "LIST").v(anyNonDup(false, false)).group("Connector", 1).width("LONG").display("Connection URLs"),
                k("batch.size", "INT").dflt("2000").v(range(1, 1000000)).group("Connector", 2).width("SHORT").imp("MEDIUM"),
                k("linger.ms", "LONG").dflt("1").v(range(0L, 604800000L)).group("Connector", 3).imp("LOW"),
                k("behavior.on.null.values", "STRING").dflt("FAIL").v(strs("in_ignore_case", "IGNORE", "DELETE", "FAIL"))
                        .group("Data Conversion", 1).imp("LOW"),
                k("write.method", "STRING").dflt("INSERT").v(strs("in", "INSERT", "UPSERT")).group("Data Conversion", 2),
                k("retry.backoff.ms", "LONG").dflt("100").group("Connector", 4).imp("LOW"),
                k("connection.password", "PASSWORD").nullDefault().group("Security", 1).imp("MEDIUM"),
                k("compact.map.entries", "BOOLEAN").dflt("true").group("Data Conversion", 3).imp("LOW"),
                k("read.timeout.ms", "INT").dflt("3000").v(range(0, null)).group("Connector", 5).imp("LOW"))
                .run("connection.url", "http://es:9200")
                .run("connection.url", "http://a,http://b", "batch.size", "0", "behavior.on.null.values", "delete",
                        "write.method", "upsert", "connection.password", "secret", "read.timeout.ms", "-5")
                .run("linger.ms", "604800001", "retry.backoff.ms", "1.5"));
    }
}
