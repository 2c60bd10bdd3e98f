//go:build integration

package kafkastore

import (
	"errors"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestEnsureTopicRealBroker checks creation and refusal against the real broker, whose default cleanup.policy
// (delete) is what an operator's hand-made topic usually has.
func TestEnsureTopicRealBroker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	adm := kadm.NewClient(b.Client(t))
	ctx := t.Context()

	plain := kafkatest.Name(t, "plain")
	b.CreateTopic(t, plain, 1, nil)
	err := EnsureTopic(ctx, adm, TopicSpec{Name: plain, Kind: StatusTopic})
	if !errors.Is(err, ErrTopic) || !strings.Contains(err.Error(), "but found the topic currently has 'cleanup.policy=delete'") ||
		!strings.Contains(err.Error(), "'status.storage.topic'") {
		t.Errorf("delete-policy topic: %v", err)
	}

	two := kafkatest.Name(t, "two")
	b.CreateTopic(t, two, 2, map[string]string{"cleanup.policy": "compact"})
	if err := EnsureTopic(ctx, adm, TopicSpec{Name: two, Kind: ConfigTopic}); !errors.Is(err, ErrTopic) ||
		!strings.Contains(err.Error(), "but found 2 partitions.") {
		t.Errorf("two-partition config topic: %v", err)
	}

	// With Kafka's default replication factor (3) a single broker cannot create the topic: Kafka's workers
	// fail the same way, and say so.
	if err := EnsureTopic(ctx, adm, TopicSpec{Name: kafkatest.Name(t, "rf3"), Kind: OffsetTopic}); !errors.Is(err, ErrTopic) {
		t.Errorf("replication factor 3 on one broker: %v", err)
	}
	created := kafkatest.Name(t, "created")
	if err := EnsureTopic(ctx, adm, TopicSpec{Name: created, Kind: OffsetTopic, ReplicationFactor: -1}); err != nil {
		t.Fatal(err)
	}
	td, err := adm.ListTopics(ctx, created)
	if err != nil || len(td[created].Partitions) != 25 {
		t.Fatalf("created %v, %v", td[created], err)
	}
	if err := EnsureTopic(ctx, adm, TopicSpec{Name: created, Kind: OffsetTopic}); err != nil {
		t.Errorf("second start on the created topic: %v", err)
	}
}
