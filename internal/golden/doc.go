// Package golden reads the golden vectors that Sluice's Java oracle harness (oracle/src/main/java/dev/sluice/oracle)
// produces by running Kafka's own classes, and compares Sluice's results with them.
//
// # Tagged values
//
// Golden files describe Connect schemas and values in a neutral JSON form that both the harness (Tv.java) and the
// Go tests read.
//
// A schema is written exactly as Kafka's JsonConverter writes a schema in its envelope, for example
//
//	{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false,
//	 "name":"n","version":1,"doc":"d","parameters":{"k":"v"},"default":...}
//
// and JSON null means "no schema". Java reads it with JsonConverter.asConnectSchema and writes it with
// asJsonSchema; Go uses jsonconv.UnmarshalSchema and jsonconv.MarshalSchema (Kafka's default converter settings,
// so Decimal defaults are base64).
//
// A value is JSON null, or an object with exactly one key naming its Connect type:
//
//	{"int8":n} {"int16":n} {"int32":n}       JSON numbers
//	{"int64":"-9223372036854775808"}          decimal string (JSON numbers lose precision in many readers)
//	{"float32":"1.0E10"} {"float64":"NaN"}    Java's Float.toString / Double.toString; NaN, Infinity,
//	                                          -Infinity and -0.0 included (Go parses them with strconv.ParseFloat)
//	{"boolean":true} {"string":"s"}
//	{"bytes":"base64"}                        standard alphabet, padded
//	{"array":[v,...]}
//	{"map":[[k,v],...]}                       entries in order; maps compare regardless of order
//	{"struct":{"schema":schema,"values":[v,...]}}   values in field order
//	{"decimal":{"unscaled":"-12345","scale":2}}     java.math.BigDecimal
//	{"date":1700000000000}                    any java.util.Date (Date, Time and Timestamp logical values),
//	                                          milliseconds since the epoch as a JSON number
//
// In Go the values are the canonical forms of package schemas (Date/Time/Timestamp become time.Time in UTC).
//
// # Use
//
// A generator writes testdata/golden.json next to the Go package it checks; the test loads it with Load, turns
// tagged values into Go values with Value and Schema (MustValue and MustSchema fail the test instead of returning
// an error), and reports mismatches with Diff, which prints both sides in tagged form. The pieces every
// converter's golden test needs live here too: JavaError (an exception as the oracle records it), Bytes and
// DiffBytes (base64 byte arrays, null apart from empty), DiffSchemaTree (a schema against asJsonSchema output, for
// schemas jsonconv cannot describe) and CheckKeyInfos (a ConfigDef's REST body).
package golden
