// Package javafmt holds the JVM's text forms of numbers: Double.toString, Float.toString and BigDecimal.toString
// for rendering, and Character.digit, the digit rule of every Java number parser. These strings are not cosmetic:
// they end up in converter bytes (Jackson writes a double with Double.toString), in header and StringConverter
// output, and in error and config messages that must read the same on a Sluice worker and a Java one.
//
// There is one rule for floating point: the Java 19+ algorithm (JDK-4511638), the shortest decimal that rounds to
// the value. Java 17 and 18 print a superfluous digit for some values (1.0E23 as 9.999999999999999E22); Sluice
// does not reproduce that (README.md, "Deliberate differences").
//
// Character.digit lives here too because schemas (Values, BigDecimal and date parsing) and connect/config
// (Long.parseLong) both need it and neither may import the other; so do Java's (long) and (int) casts of a
// double, which schemas (Values, the projector) and transforms (Cast) both reproduce, and String.trim (Trim), which
// config parsing, header parsing and the SMTs all apply.
//
// The rendering API is append-style and allocation-free for the common cases because the converters call it per
// value on the data path.
package javafmt
