package transforms

import (
	"errors"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/transforms/internal/javaregex"
)

// javaRegex is Kafka's transforms.util.RegexValidator, over Sluice's translation of Java patterns: a pattern Java
// rejects fails with Java's message, and one using a construct Sluice cannot run fails naming the construct.
var javaRegex = config.Func(func(name string, v any) error {
	s, ok := v.(string)
	if !ok { // Pattern.compile(null) throws Java 17's helpful NullPointerException, which Kafka reports
		return config.InvalidValue(name, v, `Invalid regex: Cannot invoke "String.isEmpty()" because "this.pattern" is null`)
	}
	if _, err := javaregex.Compile(s); err != nil {
		return config.InvalidValue(name, v, "Invalid regex: "+err.Error())
	}
	return nil
}, "valid regex")

var regexRouterDef = config.NewDef().Define(
	config.Key{Name: "regex", Type: config.TypeString, Default: config.NoDefault, Validator: javaRegex,
		Importance: config.ImportanceHigh, Doc: "Regular expression to use for matching."},
	config.Key{Name: "replacement", Type: config.TypeString, Default: config.NoDefault,
		Importance: config.ImportanceHigh, Doc: "Replacement string."},
)

// RegexRouter renames the topic of records whose whole topic matches a Java regular expression, replacing the
// first match with a replacement string that may refer to groups ($1, ${name}), as Kafka's RegexRouter does
// with Matcher.replaceFirst.
type RegexRouter struct {
	regex       *javaregex.Regexp
	replacement string
	// last memoises the most recent routing: a task's records mostly come from one topic.
	lastIn, lastOut string
	lastOK          bool
}

// NewRegexRouter builds RegexRouter.
func NewRegexRouter(props map[string]string) (connect.Transformation, error) {
	v, err := parse(regexRouterDef, props)
	if err != nil {
		return nil, err
	}
	re, err := javaregex.Compile(v.String("regex"))
	if err != nil {
		return nil, configError("regex", err.Error())
	}
	return &RegexRouter{regex: re, replacement: v.String("replacement")}, nil
}

// Apply reroutes the record. A bad replacement string fails every matching record, as in Kafka (an
// IllegalArgumentException or IndexOutOfBoundsException there).
func (t *RegexRouter) Apply(r connect.Record) (connect.Record, bool, error) {
	if t.lastOK && r.Topic == t.lastIn {
		r.Topic = t.lastOut
		return r, true, nil
	}
	if !t.regex.Matches(r.Topic) {
		return r, true, nil
	}
	topic, err := t.regex.ReplaceFirst(r.Topic, t.replacement)
	if err != nil {
		var re *javaregex.ReplacementError
		if errors.As(err, &re) {
			return r, false, errors.New(re.Message)
		}
		return r, false, err
	}
	t.lastIn, t.lastOut, t.lastOK = r.Topic, topic, true
	r.Topic = topic
	return r, true, nil
}
