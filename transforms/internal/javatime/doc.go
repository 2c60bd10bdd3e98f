// Package javatime formats and parses timestamps with java.text.SimpleDateFormat patterns, as Kafka's
// TimestampRouter (timestamp.format) and TimestampConverter (format) use them: in UTC, in the en-US locale the
// reference worker runs with, with java.util.GregorianCalendar's calendar (Julian before 15 October 1582) and its
// lenient parsing.
//
// # Supported subset
//
// Formatting supports every SimpleDateFormat pattern letter (G y Y M L w W D d F E u a H k K h m s S z Z X),
// quoting and literal text, in the UTC time zone: z prints "UTC" (zzzz "Coordinated Universal Time"), Z "+0000"
// and X "Z", as Java does for UTC.
//
// Parsing follows SimpleDateFormat.parse(String): a prefix of the text must match, numbers overflow leniently into
// larger fields, a two-digit year ("yy") lands in the hundred years starting 80 years ago, abutting numeric fields
// read their width, text fields match case-insensitively. CheckParse refuses patterns whose parsing Java resolves
// through week-based calendar fields — w, W, Y, F, u, and E without d or D — which a configuration can therefore
// not use where timestamps are parsed. Time-zone names: numeric offsets (+0530, GMT+05:30, Z, +05:30) and the
// names of UTC ("UTC", "GMT", "Coordinated Universal Time", "Greenwich Mean Time") parse as in Java; any other
// zone name (PST, CET, ...) fails the parse with ErrUnparseable, where Java would look it up in its time-zone
// database — so such a record fails with an error rather than getting a different time.
package javatime
