package transforms

import (
	"errors"

	"github.com/sluice-connect/sluice/connect/config"
)

// Version is what Kafka 4.3.1 reports for its built-in transformations and predicates.
const Version = "4.3.1"

const (
	keyReplaceNullWithDefault = "replace.null.with.default"
	docReplaceNullWithDefault = "Whether to replace fields that have a default value and that are null to the default " +
		"value. When set to true, the default value is used, otherwise null is used."
)

// replaceNullKey is the replace.null.with.default key several SMTs define the same way.
var replaceNullKey = config.Key{Name: keyReplaceNullWithDefault, Type: config.TypeBoolean, Default: true,
	Importance: config.ImportanceMedium, Doc: docReplaceNullWithDefault}

// nonEmptyList is Kafka's transforms.util.NonEmptyListValidator.
var nonEmptyList = config.Func(func(name string, v any) error {
	if l, ok := v.([]string); !ok || len(l) == 0 {
		return config.InvalidValue(name, v, "Empty list")
	}
	return nil
}, "non-empty list")

// configError is a ConfigException Kafka throws from configure() rather than from a validator: it is reported when
// the SMT is built (task start, chain preview), not by PUT .../config/validate.
func configError(key, msg string) error { return config.NewError(key, msg) }

// parse parses props with def; every problem is returned at once.
func parse(def *config.Def, props map[string]string) (config.Values, error) {
	v, err := def.Parse(props)
	if err != nil {
		return config.Values{}, err
	}
	return v, nil
}

// joinErrs joins configuration problems, nil when there are none.
func joinErrs(errs []error) error { return errors.Join(errs...) }
