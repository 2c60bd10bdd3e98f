package dev.sluice.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Header strings for the Values.parseString golden vectors: every category the parser distinguishes (literals,
 * integers of each width, floats, decimals, temporal formats and their lenient corners, quoted strings, arrays and
 * maps with and without a common element schema, nesting, blanks, escapes, broken syntax), followed by seeded
 * random combinations of tokens.
 */
final class ValuesCorpus {
    private ValuesCorpus() {}

    static final String[] HAND = {
        // blanks and empty
        "", " ", "   ", "\t", "\n", " \t\n ", "\u0000", "\u0001x",
        // null
        "null", " null ", "NULL", "Null", "null=", "nullx", "null,", "null]", "[null]", "[null,null]", "[ null , null ]",
        "{null:1}", "{\"a\":null}", "{1:null,2:null}", "{\"a\":null,\"b\":null}",
        // booleans
        "true", "false", " true ", "\tfalse\n", "TRUE", "True", "true}", "false]", "true,false", "true:false", "truex",
        "[true,false]", "[true, false, true]", "{true:false}", "{true: false, false: true}", "[true,1]", "[true,null]",
        // integers
        "0", "-0", "+0", "00", "1", "-1", "+5", "007", "127", "128", "-128", "-129", "255", "32767", "32768", "-32768",
        "-32769", "65535", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "9999999999999999999",
        "10000000000000000000", "-10000000000000000000", "1e19", "-1e19", "1E18", "1e18", "92233720368547758070e-1",
        "1_000", "0x1F", "1,000", "12 34", " 42 ", "42abc", "1-2", "--1", "+-1", "-", "+", "1.0", "100.00", "1e3",
        "1E+3", "1e+3", "1.5e3", "25e-1", "1e0", "0e10", "0.000", "0e-5", "5.", "1e-0",
        // floats and doubles
        "0.5", "1.5", "-1.5", "0.1", "3.14159", "0.123456789", "123456.789", "1e-3", "0.001", "1e-50", "-1e-50",
        "3.4e38", "3.4028235e38", "3.5e38", "-3.5e38", "1e39", "1.7976931348623157e308", "1.8e308", "4.9e-324",
        "1e-400", "12345678901234567890.5", "1.00000001", "0.30000000000000004", "16777217.5", "2.5E-3",
        // decimals (beyond double)
        "1e400", "-1e400", "1.5e400", "1e309", "9.99e999", "123456789012345678901234567890",
        "-123456789012345678901234567890", "1e2147483647", "1e-2147483648", "1e-2147483649",
        "1e99999999999", "1e0000000000001",
        // not numbers
        "1.", ".5", "-.5", "+.5", "1e", "1e+", "1e-", "1.2.3", "1e5e5", "1d", "1f", "1L", "NaN", "Infinity",
        "-Infinity", "+Infinity", "0b101", "1/2", "e5", "\u0661\u0662\u0663", "\uff11\uff12", "\u0663.\u0665",
        "-\u0661", "1\u0662", "\u0661e\u0662", "\ud835\udfcf",
        // dates
        "2024-01-01", "2024-02-29", "2023-02-29", "2024-13-45", "2024-00-00", "2024-01-0x", "2024-1-1", "2024-1-012",
        "2024- 1- 1", "2024-01-01 ", "1970-01-01", "1969-12-31", "0001-01-01", "0000-01-01", "1582-10-04",
        "1582-10-05", "1582-10-10", "1582-10-15", "1582-12-31", "1600-02-29", "1700-02-29", "9999-12-31",
        "2024--1-01", "2024-01-1x", "2024/01/01", "20240101", "2024-01-01x", "999999-1-1", "2E1-01-01x",
        "2024-012-1", "\u0662\u0660\u0662\u0664-\u0660\u0661-\u0660\u0661", "3000-01-01", "2038-01-19",
        // times
        "12:34:56.789Z", "00:00:00.000Z", "23:59:59.999Z", "24:00:00.000Z", "25:61:61.999Z", "99:99:99.999Z",
        "12:34:56.789X", "12:34:56.789", "12:34:56.7891", "1:34:56.7891Z", "12:34:56,789Z", "-1:00:00.000Z",
        "12:3:4.5678Z", "12\\:34\\:56.789Z", "12:34", "12:34:56", "1:2", "10:00", "12:00:00.000Z,",
        // timestamps
        "2024-01-01T12:34:56.789Z", "2024-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
        "1970-01-01T00:00:00.000Z", "1970-01-02T00:00:00.000Z", "2024-01-01T12\\:34\\:56.789Z",
        "2024-01-01 12:34:56.789Z", "2024-01-01T24:60:60.000Z", "2024-01-01t12:34:56.789Z", "2024-01-01T12:34:56.789",
        "0001-01-01T00:00:00.000Z", "1582-10-14T12:00:00.000Z", "2024-01-01T12:34:56.789Zextra",
        // plain strings
        "hello", "hello world", "  hello  ", "'quoted'", "\"quoted\"", "\"", "\"\"", "\"a", "a\"", "si\\mple",
        "si\\\\mple", "si\\\"mple", "si\\{mple", "si\\}mple", "si\\]mple", "si\\[mple", "si\\:mple", "si\\,mple",
        "a:b", "a,b", "a}b", "{", "}", "[", "]", ":", ",", "\\", "\\\\", "\\\"", "caf\u00e9", "\u20ac100",
        "\ud83d\ude00", "x[1]", "abc]", "key=value", "simple \n\t\bstring", "/path/to/file", "C:\\dir",
        "http://example.com:8080/x", "user@example.com", "a \"b\" c", "-abc", "+abc", "1abc", "1 abc",
        // arrays
        "[]", "[ ]", "[\t]", "[1]", "[1,2,3]", "[1, 2, 3]", "[ 1 , 2 ]", "[1,]", "[1, ]", "[,1]", "[1,,2]", "[1 2]",
        "[0 1 2]", "[1", "[1,", "[1,2", "[", "[[", "]", "[]]", "[1,2]]", "[1,2]xyz", " [1,2] ", "[1,2] [3]",
        "[[1,2],[3]]", "[[]]", "[[],[1]]", "[[1],[\"a\"]]", "[[1],[2.5]]", "[1,300]", "[300,1]", "[1,70000]",
        "[1,5000000000]", "[1,2.5]", "[2.5,1]", "[1,1e40]", "[1e40,1.5]", "[1.5,1e40]", "[1,1e400]", "[1e400,1e401]",
        "[1e400,1.5e400]", "[1.0,2.0]", "[0.1,0.2]", "[9223372036854775808]", "[1,\"a\"]", "[\"a\",1]",
        "[\"a\",\"b\"]", "[\"a\",null]", "[null,1]", "[1,null]", "[1, null]", "[\"a\"]", "[\"\"]", "[\" \"]",
        "[\"  \"]", "[\" a \"]", "[\"a\\\"b\"]", "[\"a\\\\b\"]", "[\"a,b\"]", "[\"a:b\"]", "[\"[x]\"]", "[\"{}\"]",
        "[\"abc", "[\"abc\"", "[abc]", "[foo]", "[a b]", "[1,abc]", "[true]", "[false,true]", "[{}]", "[{\"a\":1}]",
        "[{},{\"a\":1}]", "[{\"a\":1},{\"a\":\"b\"}]", "[[[[[[[[[[1]]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]]",
        "[\"2024-01-01\",\"2024-01-02\"]", "[2024-01-01,2024-01-02]", "[\"2024-01-01\",5]", "[5,\"2024-01-01\"]",
        "[\"12:00:00.000Z\",1]", "[1,\"12:00:00.000Z\"]", "[\"12:00:00.000Z\",100000000]",
        "[\"2024-01-01\",\"12:00:00.000Z\"]", "[1.5,\"2024-01-01\"]", "[\"2024-01-01T00:00:00.000Z\",1]",
        "[1,\"2024-01-01T00:00:00.000Z\"]", "[1000000,\"2024-01-01\"]", "[\"2024-01-01\",1000000]",
        "[12:34:56.789Z]", "[12:34:56.789Z, 1]", "[2024-01-01T12:34:56.789Z]", "[\"  24-01-01\"]",
        "[\"NaN-01-01x\"]", "[\"-001-01-01\"]", "[\"2024- 1- 1\"]", "[\"\u221e-01-01xx\"]", "[\"1582-10-10\"]",
        "[\"0000-01-01\"]", "[\"-10000-1-1\"]", "[\"12\\:34\\:56.789Z\"]", "[\"2E1-01-01x\"]", "[\"5E-1-1-1xx\"]",
        "[1.50,2.5]", "[1, 2.5, 300]", "[\"\\u0041\"]", "[\"tab\tinside\"]", "[\"\ud83d\ude00\"]",
        // maps
        "{}", "{ }", "{\"a\":1}", "{\"a\":1,\"b\":2}", "{\"a\" : 1 , \"b\" : 2}", "{a:1}", "{foo: 3}", "{3: foo}",
        "{1:2}", "{1:\"a\",2:\"b\"}", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\":}", "{:1}", "{\"a\":1 \"b\":2}",
        "{6:9 4:20}", "{\"a\":1,\"a\":2}", "{1:1,1.0:2}", "{1:\"x\",1.5:\"y\"}", "{1:\"x\",1.00000001:\"y\"}",
        "{\"a\":[1,2]}", "{\"a\":{\"b\":1}}", "{\"a\":{}}", "{\"a\":[]}", "{\"a\":1", "{\"a\":1,", "{\"a\":",
        "{\"a\"", "{", "{{", "}{", "{1:2}}", "{\"a\":\"b\"}x", "{\"x\":1.5,\"y\":2}", "{\"\":1}", "{\" \":1}",
        "{[1]:2}", "{{}:1}", "{[]:1}", "{\"k\":\"2024-01-01\"}", "{12:00:00.000Z: 1}", "{\"t\":12:00:00.000Z}",
        "{1:1,2:300,3:70000}", "{\"a\":1,\"b\":\"x\"}", "{1:true,\"b\":false}", "{\"a\":null,\"b\":1}",
        "{\"a\":1,\"b\":null}", "{\"a\":\"x\\\"y\"}", "{\"a\\:b\":1}", "{\"a\":{\"b\":{\"c\":{\"d\":[1]}}}}",
        "{true:1,false:0}", "{null:null}", "{\"a\":[1,null]}", "{\"a\":[null]}", "{1e400:1}", "{\"a\":1e400}",
        "{\"a\":1}{\"b\":2}", " {\"a\":1} ",
        // misc delimiters
        "]", "}{", "[]{}", "{}[]", "\"abc\"", "'a'", "a\\", "[\\]]", "[\"\\]\"]", "[\\,]", "[a\\,b]", "12:34:ab",
        "1,2", "1:2:3", "true:false", "1]", "1}", "1\"", "\"1\"", "[\"1\",2]", "1 :2",
    };

    static final String[] TOKENS = {
        "[", "]", "{", "}", ",", ":", "\"", " ", "1", "-2", "3.5", "1e40", "true", "null", "a", "\\", "2024-01-01",
        "12:00:00.000Z", "x y", "300", "70000", "1e400", "\"s\"",
    };

    static List<String> parseInputs() {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(HAND));
        // Deep nesting that still parses (Sluice stops at 1000 levels; the JVM overflows its stack somewhat later).
        for (int n : new int[]{100, 999}) out.add("[".repeat(n) + "1" + "]".repeat(n));
        Random r = new Random(20260601L);
        List<String> random = new ArrayList<>();
        while (random.size() < 400) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(9);
            for (int i = 0; i < n; i++) sb.append(TOKENS[r.nextInt(TOKENS.length)]);
            if (out.add(sb.toString())) random.add(sb.toString());
        }
        // Strings of exactly the temporal lengths, mostly date-like, to exercise the lenient SimpleDateFormat: quoted
        // in an array they go straight to the temporal parser, unquoted only when they start with a digit.
        String alphabet = "0123456789012345678901234567890123456789--::..TZ  +E\u0661\u221eN";
        Random tr = new Random(20260604L);
        String[] templates = {"yyyy-MM-dd", "HH:mm:ss.SSSZ", "yyyy-MM-ddTHH:mm:ss.SSSZ"};
        int added = 0;
        while (added < 400) {
            String tmpl = templates[tr.nextInt(templates.length)];
            StringBuilder sb = new StringBuilder();
            for (char ch : tmpl.toCharArray()) {
                boolean keep = tr.nextInt(10) < 7;
                if (Character.isLetter(ch) && ch != 'T' && ch != 'Z') {
                    sb.append(keep ? (char) ('0' + tr.nextInt(10)) : alphabet.charAt(tr.nextInt(alphabet.length())));
                } else {
                    sb.append(keep ? ch : alphabet.charAt(tr.nextInt(alphabet.length())));
                }
            }
            String t = sb.toString();
            if (out.add(added % 4 == 0 ? t : "[\"" + t + "\"]")) added++;
        }
        return new ArrayList<>(out);
    }
}
