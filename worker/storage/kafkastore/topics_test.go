package kafkastore

import (
	"errors"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestEnsureTopic(t *testing.T) {
	opts := fakeCluster(t)
	ctx := ctxTimeout(t)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	compact, del := "compact", "delete"
	mustCreate := func(name string, partitions int32, policy *string) {
		t.Helper()
		if _, err := adm.CreateTopic(ctx, partitions, 1, map[string]*string{"cleanup.policy": policy}, name); err != nil {
			t.Fatal(err)
		}
	}
	mustCreate("existing-ok", 1, &compact)
	mustCreate("existing-delete", 25, &del)
	mustCreate("existing-two", 2, &compact)

	for _, tc := range []struct {
		name    string
		spec    TopicSpec
		wantErr string
		wantN   int
	}{
		{name: "config topic created with one partition", spec: TopicSpec{Name: "c", Kind: ConfigTopic, Partitions: 7, ReplicationFactor: 1}, wantN: 1},
		{name: "offsets default 25", spec: TopicSpec{Name: "o", Kind: OffsetTopic, ReplicationFactor: 1}, wantN: 25},
		{name: "status default 5", spec: TopicSpec{Name: "s", Kind: StatusTopic, ReplicationFactor: 1}, wantN: 5},
		{name: "existing compacted topic", spec: TopicSpec{Name: "existing-ok", Kind: ConfigTopic}, wantN: 1},
		{name: "not compacted", spec: TopicSpec{Name: "existing-delete", Kind: OffsetTopic},
			wantErr: "Topic 'existing-delete' supplied via the 'offset.storage.topic' property is required to have " +
				"'cleanup.policy=compact' to guarantee consistency and durability of source connector offsets, but found " +
				"the topic currently has 'cleanup.policy=delete'. Continuing would likely result in eventually losing " +
				"source connector offsets and problems restarting this Connect cluster in the future. Change the " +
				"'offset.storage.topic' property in the Connect worker configurations to use a topic with 'cleanup.policy=compact'."},
		{name: "config topic with two partitions", spec: TopicSpec{Name: "existing-two", Kind: ConfigTopic},
			wantErr: "Topic 'existing-two' supplied via the 'config.storage.topic' property is required to have a single " +
				"partition in order to guarantee consistency of connector configurations, but found 2 partitions."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := EnsureTopic(ctx, adm, tc.spec)
			if tc.wantErr != "" {
				if !errors.Is(err, ErrTopic) || !strings.HasSuffix(err.Error(), ": "+tc.wantErr) {
					t.Fatalf("error %v\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			td, err := adm.ListTopics(ctx, tc.spec.Name)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(td[tc.spec.Name].Partitions); n != tc.wantN {
				t.Fatalf("%d partitions, want %d", n, tc.wantN)
			}
			rcs, err := adm.DescribeTopicConfigs(ctx, tc.spec.Name)
			if err != nil {
				t.Fatal(err)
			}
			rc, _ := rcs.On(tc.spec.Name, nil)
			for _, c := range rc.Configs {
				if c.Key == "cleanup.policy" && (c.Value == nil || *c.Value != "compact") {
					t.Fatalf("cleanup.policy %v", c.Value)
				}
			}
		})
	}
}
