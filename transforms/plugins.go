package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
)

const (
	classPrefix     = "org.apache.kafka.connect.transforms."
	predicatePrefix = classPrefix + "predicates."
)

// Plugins returns Kafka's built-in transformations and predicates under Kafka's class names (both $Key and $Value
// where Kafka has them) and version, for the worker's plugin registry.
func Plugins() []plugin.Plugin {
	type keyValue struct {
		name       string
		def        *config.Def
		key, value func(map[string]string) (connect.Transformation, error)
	}
	var out []plugin.Plugin
	for _, kv := range []keyValue{
		{"Cast", castDef, NewCastKey, NewCastValue},
		{"ExtractField", extractFieldDef, NewExtractFieldKey, NewExtractFieldValue},
		{"Flatten", flattenDef, NewFlattenKey, NewFlattenValue},
		{"HeaderFrom", headerFromDef, NewHeaderFromKey, NewHeaderFromValue},
		{"HoistField", hoistFieldDef, NewHoistFieldKey, NewHoistFieldValue},
		{"InsertField", insertFieldDef, NewInsertFieldKey, NewInsertFieldValue},
		{"MaskField", maskFieldDef, NewMaskFieldKey, NewMaskFieldValue},
		{"ReplaceField", replaceFieldDef, NewReplaceFieldKey, NewReplaceFieldValue},
		{"SetSchemaMetadata", setSchemaMetadataDef, NewSetSchemaMetadataKey, NewSetSchemaMetadataValue},
		{"TimestampConverter", timestampConverterDef, NewTimestampConverterKey, NewTimestampConverterValue},
	} {
		out = append(out,
			plugin.Plugin{Class: classPrefix + kv.name + partKey.suffix(), Version: Version, Config: kv.def,
				NewTransformation: kv.key},
			plugin.Plugin{Class: classPrefix + kv.name + partValue.suffix(), Version: Version, Config: kv.def,
				NewTransformation: kv.value})
	}
	for _, t := range []struct {
		name string
		def  *config.Def
		new  func(map[string]string) (connect.Transformation, error)
	}{
		{"DropHeaders", dropHeadersDef, NewDropHeaders},
		{"Filter", filterDef, NewFilter},
		{"InsertHeader", insertHeaderDef, NewInsertHeader},
		{"RegexRouter", regexRouterDef, NewRegexRouter},
		{"TimestampRouter", timestampRouterDef, NewTimestampRouter},
		{"ValueToKey", valueToKeyDef, NewValueToKey},
	} {
		out = append(out, plugin.Plugin{Class: classPrefix + t.name, Version: Version, Config: t.def,
			NewTransformation: t.new})
	}
	for _, p := range []struct {
		name string
		def  *config.Def
		new  func(map[string]string) (connect.Predicate, error)
	}{
		{"HasHeaderKey", hasHeaderKeyDef, NewHasHeaderKey},
		{"RecordIsTombstone", recordIsTombstoneDef, NewRecordIsTombstone},
		{"TopicNameMatches", topicNameMatchesDef, NewTopicNameMatches},
	} {
		out = append(out, plugin.Plugin{Class: predicatePrefix + p.name, Version: Version, Config: p.def,
			NewPredicate: p.new})
	}
	return out
}
