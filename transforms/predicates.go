package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/transforms/internal/javaregex"
)

var hasHeaderKeyDef = config.NewDef().Define(
	config.Key{Name: "name", Type: config.TypeString, Default: config.NoDefault, Validator: config.NonEmptyString{},
		Importance: config.ImportanceMedium, Doc: "The header name."},
)

// HasHeaderKey matches records with at least one header of the configured name (Kafka's
// predicates.HasHeaderKey).
type HasHeaderKey struct {
	name string
}

// NewHasHeaderKey builds HasHeaderKey.
func NewHasHeaderKey(props map[string]string) (connect.Predicate, error) {
	v, err := parse(hasHeaderKeyDef, props)
	if err != nil {
		return nil, err
	}
	return &HasHeaderKey{name: v.String("name")}, nil
}

// Test reports whether the record has the header.
func (p *HasHeaderKey) Test(r connect.Record) bool {
	for i := range r.Headers {
		if r.Headers[i].Key == p.name {
			return true
		}
	}
	return false
}

var recordIsTombstoneDef = config.NewDef()

// RecordIsTombstone matches records whose value is null (Kafka's predicates.RecordIsTombstone).
type RecordIsTombstone struct{}

// NewRecordIsTombstone builds RecordIsTombstone; it has no configuration.
func NewRecordIsTombstone(map[string]string) (connect.Predicate, error) {
	return RecordIsTombstone{}, nil
}

// Test reports whether the value is null.
func (RecordIsTombstone) Test(r connect.Record) bool { return isNull(r.Value) }

var topicNameMatchesDef = config.NewDef().Define(
	config.Key{Name: "pattern", Type: config.TypeString, Default: config.NoDefault,
		Validator: config.All(config.NonEmptyString{}, javaRegex), Importance: config.ImportanceMedium,
		Doc: "A Java regular expression for matching against the name of a record's topic."},
)

// TopicNameMatches matches records whose whole topic name matches a Java regular expression (Kafka's
// predicates.TopicNameMatches).
type TopicNameMatches struct {
	regex *javaregex.Regexp
	// last memoises the most recent answer: a task's records mostly come from one topic.
	lastTopic string
	lastOK    bool
	lastMatch bool
}

// NewTopicNameMatches builds TopicNameMatches.
func NewTopicNameMatches(props map[string]string) (connect.Predicate, error) {
	v, err := parse(topicNameMatchesDef, props)
	if err != nil {
		return nil, err
	}
	re, err := javaregex.Compile(v.String("pattern"))
	if err != nil {
		return nil, config.InvalidValue("pattern", v.String("pattern"),
			"entry must be a Java-compatible regular expression: "+err.Error())
	}
	return &TopicNameMatches{regex: re}, nil
}

// Test reports whether the topic matches.
func (p *TopicNameMatches) Test(r connect.Record) bool {
	if !p.lastOK || r.Topic != p.lastTopic {
		p.lastTopic, p.lastMatch, p.lastOK = r.Topic, p.regex.Matches(r.Topic), true
	}
	return p.lastMatch
}
