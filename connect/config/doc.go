// Package config is a Go port of Kafka's ConfigDef: it defines a plugin's configuration keys, parses and validates
// string properties against them, and renders the REST JSON that Kafka Connect 4.3.1 returns for them, byte for
// byte.
//
// # Defining keys
//
// A Def is built from Key literals; Define panics on programmer errors (duplicate names, a default its own
// validator rejects), as Kafka's define throws:
//
//	var def = config.NewDef().Define(
//		config.Key{Name: "topic", Type: config.TypeString, Default: config.NoDefault,
//			Importance: config.ImportanceHigh, Doc: "Topic to write to.", Validator: config.NonEmptyString{}},
//		config.Key{Name: "batch.size", Type: config.TypeInt, Default: 2000,
//			Validator: config.Between(1, 100000), Importance: config.ImportanceLow, Doc: "Records per poll."},
//	)
//
// Default is NoDefault for a required key and nil for a null default; a string default is parsed like user input,
// other defaults must have the key's Go type (see Type). Zero values of the layout fields mean what Kafka's short
// define form means: no group, order -1, width NONE, display name = key name. Embed adds another Def's keys under
// a prefix (Kafka's embed); Clone copies a Def to extend it.
//
// # Parsing
//
// Parse turns properties into typed Values, applying defaults and validators, and reports every problem at once
// (errors.Join of *Error, each with Kafka's exact message, such as
// `Invalid value abc for configuration batch.size: Not a number of type INT`). Values' typed accessors (Int,
// String, List, Password, ...) panic only on programmer error: an undefined key or the wrong type.
//
//	vals, err := def.Parse(props)
//	if err != nil {
//		return err
//	}
//	size := vals.Int("batch.size")
//
// # Validating for REST
//
// Validate is Kafka's validateAll: every key gets a Validation (value, recommended values, errors, visibility),
// recommenders and dependents included, and it never stops at the first error. Result (AbstractHerder's
// generateResult), PrefixedInfos and MergeInfos assemble the PUT /connector-plugins/{plugin}/config/validate
// body; Def.KeyInfos is the GET /connector-plugins/{plugin}/config body. Their MarshalJSON methods write exactly
// the bytes Kafka's Jackson writes. Write them with MarshalJSON or an Encoder with SetEscapeHTML(false):
// json.Marshal escapes '<', '>', '&', U+2028 and U+2029, which Jackson does not.
//
// # Compatibility
//
// Everything user-visible is checked against Kafka's own classes by golden vectors (testdata/README.md),
// including Kafka's quirks: values are trimmed but error messages quote them untrimmed; "TRUE" and "FALſE" are
// booleans; Java's number syntax ("+5", "1e3", "0x1p4", "2.5f", Arabic-Indic digits); Double.toString ("1.0E7");
// a missing or unparsable value is validated as null, which can add a second error; a LIST with a ValidList
// validator is de-duplicated by Parse but reported by Validate; embedded keys' validators name the unprefixed key;
// the order of some names in messages follows java.util.HashMap.
//
// CLASS values are class names. Sluice cannot load Java classes, so a name is accepted if it looks like a Java
// binary name, or — with WithClassResolver — if the caller's resolver (the plugin registry) knows it.
package config
