package runtime

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/worker/connconfig"
)

// topicCreator creates a source task's topics before it first writes to them, per the connector's KIP-158
// topic.creation.* groups (Kafka's TopicCreation with TopicAdmin.createOrFindTopics). It is used by the task's
// goroutine only.
type topicCreator struct {
	admin  *kadm.Client // nil: topic creation disabled
	client *kgo.Client  // the admin's own client, closed with the creator; nil when it borrows one
	groups []creationGroup
	seen   map[string]bool
}

type creationGroup struct {
	g                connconfig.TopicCreationGroup
	include, exclude []*regexp.Regexp
}

func newTopicCreator(admin *kadm.Client, tc connconfig.TopicCreation) (*topicCreator, error) {
	t := &topicCreator{seen: map[string]bool{}}
	if admin == nil || !tc.Enabled() {
		return t, nil
	}
	t.admin = admin
	compile := func(exprs []string) ([]*regexp.Regexp, error) {
		var out []*regexp.Regexp
		for _, e := range exprs {
			re, err := regexp.Compile("^(?:" + e + ")$") // Java's Matcher.matches: the whole name
			if err != nil {
				return nil, fmt.Errorf("topic creation pattern %q: %w", e, err)
			}
			out = append(out, re)
		}
		return out, nil
	}
	for _, g := range tc.Groups {
		inc, err := compile(g.Include)
		if err != nil {
			return nil, err
		}
		exc, err := compile(g.Exclude)
		if err != nil {
			return nil, err
		}
		t.groups = append(t.groups, creationGroup{g: g, include: inc, exclude: exc})
	}
	return t, nil
}

func (t *topicCreator) close() {
	if t.client != nil {
		t.client.Close()
	}
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// group returns the group that governs topic: the first non-default group that includes and does not exclude
// it, else the default group ("default" is first in the list).
func (t *topicCreator) group(topic string) connconfig.TopicCreationGroup {
	for _, g := range t.groups[1:] {
		if matchesAny(g.include, topic) && !matchesAny(g.exclude, topic) {
			return g.g
		}
	}
	return t.groups[0].g
}

// ensure creates topic if topic creation is on and the task has not seen it yet; an existing topic is fine.
func (t *topicCreator) ensure(ctx context.Context, topic string) error {
	if t.admin == nil || t.seen[topic] {
		return nil
	}
	g := t.group(topic)
	configs := make(map[string]*string, len(g.Configs))
	for k, v := range g.Configs {
		configs[k] = &v
	}
	resp, err := t.admin.CreateTopic(ctx, g.Partitions, g.ReplicationFactor, configs, topic)
	if err == nil {
		err = resp.Err
	}
	if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
		return fmt.Errorf("Unable to create topic '%s': %w", topic, err)
	}
	t.seen[topic] = true
	return nil
}
