// Package javaregex runs Java regular expressions (java.util.regex.Pattern syntax) on Go's RE2 engine, for the
// SMTs whose configuration is a Java pattern: RegexRouter's regex and TopicNameMatches' pattern.
//
// Compile parses the Java syntax itself — with Java's grammar, quirks and error messages — and writes an
// equivalent RE2 program: character classes (nested, intersected with &&, negated, POSIX \p{Alpha} and Unicode
// \p{L}, \p{IsLatin}, \p{gc=Lu}, \p{javaLowerCase} properties, case-insensitive folds) become one explicit RE2
// class; \Q...\E, octal, hex, Unicode and control escapes become literals; inline flags (?idmsuxU-...) and
// (?flags:...) are applied while parsing; named groups keep their names and numbers. Matches is Java's
// Matcher.matches() and ReplaceFirst is Matcher.replaceFirst, replacement syntax ($1, ${name}, \$) and errors
// included.
//
// # Supported subset
//
// Everything Java accepts is supported except what RE2 cannot run, which Compile refuses with an *UnsupportedError
// naming the construct — so a configuration using it fails validation instead of matching differently:
//
//   - back references (\1, \k<name>), lookahead and lookbehind ((?=, (?!, (?<=, (?<!), atomic groups ((?>),
//     possessive quantifiers (*+, ++, ?+, {n,m}+);
//   - \X, \b{g}, \N{name}, Unicode blocks (\p{InGreek}, \p{blk=...}), CANON_EQ ((?c)), \p{javaMirrored} and the
//     Java identifier properties;
//   - counted repetition above 1000 (RE2's limit);
//   - a repeated capturing group that can match the empty string, such as (a*)+, unless its count is fixed: after
//     the last iteration Java's loop matches one more, empty, iteration and moves the group's capture there; RE2
//     does not.
//
// Matching is exact on every string Kafka allows as a topic name, which is all these patterns ever see. Beyond
// that alphabet three documented differences remain: $ and \Z (and ^ and $ in MULTILINE mode) treat only the end
// of the input (and, in MULTILINE mode, \n) as line ends, where Java also stops before a final \r\n, \r, \u0085,
// \u2028 or \u2029; \b and \B use ASCII word characters where Java uses Character.isLetterOrDigit; and Unicode
// properties and case folding follow Go's Unicode tables, which are a newer Unicode version than Java 17's.
package javaregex
