// Package properties reads and writes Java .properties text exactly as java.util.Properties.load and store
// do, because Kafka's worker files (worker.properties, connector .properties files, the files behind
// FileConfigProvider) are read that way and Sluice must accept every file connect-standalone accepts.
//
// The syntax, as Java defines it:
//   - lines end with \n, \r or \r\n; leading blanks (space, tab, form feed) are ignored;
//   - a line whose first non-blank character is # or ! is a comment;
//   - a line ending in an odd number of backslashes continues on the next line, whose leading blanks are
//     dropped (a trailing backslash at the end of the input is dropped);
//   - the key ends at the first unescaped '=', ':' or blank; blanks, then at most one '=' or ':', then blanks
//     separate it from the value, which keeps its trailing blanks;
//   - \t \n \r \f and \uXXXX are escapes, and a backslash before any other character stands for that character;
//   - a later duplicate key replaces an earlier one.
//
// Parse works on decoded text. ReadFile decodes a file as UTF-8 when it is valid UTF-8 and as ISO-8859-1
// otherwise: Java reads these files as ISO-8859-1, which turns UTF-8 text into mojibake, so for the only
// files where the two differ (non-ASCII UTF-8) Sluice deliberately does what the author meant.
package properties
