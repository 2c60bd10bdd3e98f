package dev.sluice.oracle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Golden vectors for Sluice's translation of Java regular expressions (RegexRouter's regex, TopicNameMatches'
 * pattern), from java.util.regex itself.
 *
 * <p>Usage: {@code scripts/oracle.sh SmtRegexGolden transforms/internal/javaregex/testdata} writes regex_golden.json:
 * per pattern, the PatternSyntaxException message, or the input strings matches() accepts and, for each of those
 * and each replacement string, replaceFirst's result or exception. A pattern the corpus marks "unsupported" uses a construct RE2 cannot run;
 * Sluice must refuse it (naming the construct) rather than run something else.
 */
public final class SmtRegexGolden {
    private SmtRegexGolden() {}

    static final List<String> INPUTS = List.of("orders", "orders-v2", "ORDERS", "Orders", "orders.eu", "ord", "",
            "a_b-c.d", "test123", "x", "aaa", "abcabc", "Orders_2024-01", "prod.orders.v1", "__consumer_offsets",
            "a.b", "ab", "ba", "a1b2c3", "-", "...", "k", "K", "caf\u00e9", "a\nb", "a b", "\u212a", "s\u017f",
            "orders\n", "\n", "a\r\nb", "x\r", "\u2028");

    static final List<String> REPLACEMENTS = List.of("x", "$0", "$1", "<$1>", "$2-$1", "${n}", "\\$1", "$12", "$",
            "x\\", "$a", "${}", "${n", "${1}", "\\\\", "$9", "$10", "a\\b", "$3$2", "${g00}");

    /** Fewer replacements for the random patterns, to keep the file small: group references of each kind. */
    static final List<String> RANDOM_REPLACEMENTS = List.of("<$1>", "$2-$0", "${g00}");

    /** Patterns that compile in Java and that Sluice translates. */
    static final List<String> SUPPORTED = List.of(
            "orders", "ord", "ord.*", ".*", ".+", ".", "", "orders|payments", "(orders)|(x)", "o(r)(d)(e)(r)s",
            "(.*)-v(\\d+)", "(?<n>[a-z]+)\\.(?<m>.*)", "([a-z]+)\\.([a-z]+)\\.v(\\d)", "a*", "a+", "a?", "a{2}",
            "a{2,}", "a{1,2}", "a*?", "a+?b?", "a{2,3}?", "(a|ab)(c|bcd)?", "a|ab", "ab|a", "(?:ab)+", "(?:a)|b",
            "^orders$", "^ord", "ers$", "\\Aorders\\z", "orders\\Z", "\\bord", "ord\\b", "\\Bord", "r\\B",
            "[a-z]+", "[^a-z]+", "[a-zA-Z_0-9.-]+", "[\\w.-]+", "\\w+", "\\W", "\\d+", "\\D+", "\\s", "\\S+",
            "[a-c[x-z]]+", "[a-z&&[^aeiou]]+", "[a-z&&[def]]", "[^a-c[x]]", "[.]", "[-a]", "[a-]", "[]a]", "[\\]]",
            "[\\[]", "[a\\-z]", "[\\d.]+", "[^\\d]+", "[\\p{Lower}]+", "\\p{Upper}+", "\\p{Alpha}+", "\\p{Alnum}+",
            "\\p{Punct}", "\\p{Digit}+", "\\p{XDigit}+", "\\P{Lower}+", "\\p{L}+", "\\p{Lu}", "\\p{IsL}+",
            "\\p{IsLatin}+", "\\p{javaLowerCase}+", "\\p{ASCII}+", "\\p{Space}", "\\p{Blank}", "\\p{Graph}+",
            "(?i)orders", "(?i:ORD)ers", "(?i)[a-c]+", "(?i)k", "(?iu)k", "(?i)s+", "(?-i)orders", "o(?i)RDERS",
            "(?x) o r d # comment\n e r s", "(?s).+", "(?m)^orders$", "(?d).+", "\\Qa.b\\E", "\\Qa.b", "a\\.b",
            "\\x61", "\\x{62}", "\\u0063", "\\0141", "\\t|\\n", "\\e|a", "\\cA|x", "\\R", "\\h", "\\v", "\\H+",
            "\\V+", "caf\u00e9", "caf.", "[\u00e0-\u00ff]", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)",
            "x{0}", "(x)?(y)?", "((a)|b)+", "(?:)", "()", "(|a)", "a|", "|", "o{1,1000}",
            "[a-z&&b-y&&c-x]+", "[^]", "\\G[a-z]", "(?U)\\w+", "}", "]", "a{,2}", "a{ 1}", "\\p{gc=Lu}",
            "\\p{sc=Latin}+", "\\p{IsAlphabetic}+", "\\p{Is_Latin}", "[a&&]", "[abc&&b]", "[\u0101&&]",
            "[^a&&b]", "(?i)[^a]", "(?x)[a b]", "(?x)a b # c", "\\p{Lu}\\p{javaLowerCase}", "[\\w&&[^\\d_]]+",
            "(?i)\\p{Lu}+", "(?i)\\p{Upper}", "\\p{IsLu}", "\\p{IsLowercase}+", "\\p{gc=L}+", "\\p{script=Latin}");

    /** Patterns that compile in Java but use what RE2 cannot run. */
    static final List<String> UNSUPPORTED = List.of("(a)\\1", "(?<n>a)\\k<n>", "ord(?=ers)", "ord(?!x)",
            "(?<=o)rders", "(?<!x)orders", "(?>ord)ers", "a*+", "a++b", "a?+", "a{1,2}+", "\\X", "a{1001}",
            "o{2000,}", "\\8", "(?<=a*)b", "\\N{LATIN SMALL LETTER A}", "\\p{InGreek}", "\\p{InBasicLatin}+", "(a*)+", "(a*)*b", "(a|b*)+", "\\p{javaMirrored}", "(?c)a");

    /** Patterns Java refuses. */
    static final List<String> INVALID = List.of("(a", "a)", "*a", "+", "?", "a**", "[a", "[z-a]", "[a-", "a{2,1}",
            "a{", "{", "a{x}", "\\", "a\\", "\\y", "(?q)", "(?<1a>x)", "(?<n>a)(?<n>b)", "(?<n", "\\p{Nope}",
            "\\p{InNope}", "\\x{110000}", "\\xg1", "\\u12", "\\c", "[]", "[^", "(?", "(?<", "a{99999999999}",
            "\\k<x>", "\\p", "\\p{", "[\\p{Nope}]", "(?i", "a{1,2", "\\p{}", "\\p{blk=Nope}",
            "\\p{foo=bar}", "[a-\\d]", "[\\b]", "(?$)", "\\k", "\\kx", "\\x{}", "\\x{12", "\\0", "\\09",
            "[&&a]", "\\b{x}");

    static void add(ValuesJson.Golden g, String pattern, boolean unsupported) {
        add(g, pattern, unsupported, false);
    }

    static void add(ValuesJson.Golden g, String pattern, boolean unsupported, boolean random) {
        ObjectNode c = ValuesJson.obj();
        c.put("pattern", pattern);
        if (unsupported) c.put("unsupported", true);
        if (random) c.put("random", true);
        Pattern p;
        try {
            p = Pattern.compile(pattern);
        } catch (Exception e) {
            c.set("error", ValuesJson.error(e));
            g.add("regex", c);
            return;
        }
        ArrayNode matches = c.putArray("matches");
        for (String in : INPUTS) {
            if (p.matcher(in).matches()) matches.add(in);
        }
        // RegexRouter calls replaceFirst only on topics the pattern matches: per matching input, the result for
        // each replacement of the list (the "replacements" or "random_replacements" section), or {"error": message}.
        ObjectNode replaced = c.putObject("replace_first");
        for (String in : INPUTS) {
            if (!p.matcher(in).matches()) continue;
            ArrayNode results = replaced.putArray(in);
            for (String r : random ? RANDOM_REPLACEMENTS : REPLACEMENTS) {
                try {
                    results.add(p.matcher(in).replaceFirst(r));
                } catch (Exception e) {
                    results.add(ValuesJson.obj().put("error", e.getMessage()));
                }
            }
        }
        c.put("groups", p.matcher("").groupCount());
        g.add("regex", c);
    }

    static final String[] ATOMS = {"a", "b", "o", "r", "d", "e", "s", "x", "1", "2", "-", "_", "\\.", ".", "[a-z]",
        "[^o]", "[a-e&&[^c]]", "\\d", "\\w", "\\W", "\\s", "[0-9.]", "\\p{Lower}", "[A-Z]", "\\p{Alpha}"};
    static final String[] QUANTIFIERS = {"", "", "", "*", "+", "?", "{2}", "{1,2}", "{0,3}", "{2,}", "*?", "+?", "??"};

    static String randomPattern(java.util.Random rnd, int depth) {
        StringBuilder sb = new StringBuilder();
        if (depth == 0 && rnd.nextInt(8) == 0) sb.append("(?i)");
        if (depth == 0 && rnd.nextInt(6) == 0) sb.append("^");
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            if (k < 7 || depth >= 2) {
                sb.append(ATOMS[rnd.nextInt(ATOMS.length)]);
            } else {
                String open = new String[]{"(", "(?:", "(?<g" + depth + i + ">"}[rnd.nextInt(3)];
                sb.append(open).append(randomPattern(rnd, depth + 1));
                if (rnd.nextInt(3) == 0) sb.append("|").append(randomPattern(rnd, depth + 1));
                sb.append(")");
            }
            sb.append(QUANTIFIERS[rnd.nextInt(QUANTIFIERS.length)]);
        }
        if (depth == 0 && rnd.nextInt(6) == 0) sb.append("$");
        if (depth == 0 && rnd.nextInt(5) == 0) sb.append("|").append(randomPattern(rnd, 1));
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        ValuesJson.Golden g = new ValuesJson.Golden();
        for (String in : INPUTS) g.add("inputs", Tv.F.textNode(in));
        for (String r : REPLACEMENTS) g.add("replacements", Tv.F.textNode(r));
        for (String r : RANDOM_REPLACEMENTS) g.add("random_replacements", Tv.F.textNode(r));
        for (String p : SUPPORTED) add(g, p, false);
        for (String p : UNSUPPORTED) add(g, p, true);
        for (String p : INVALID) add(g, p, false);
        // Random patterns over the constructs topic patterns use: a seeded corpus, the same on every run.
        java.util.Random rnd = new java.util.Random(20261124);
        java.util.Set<String> seen = new java.util.HashSet<>(SUPPORTED);
        while (seen.size() < SUPPORTED.size() + 400) {
            String p = randomPattern(rnd, 0);
            if (seen.add(p)) add(g, p, false, true);
        }
        g.write(Path.of(args[0], "regex_golden.json"));
    }
}
