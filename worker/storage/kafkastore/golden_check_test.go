package kafkastore

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/worker/storage"
)

// checkGolden requires that every record reads without error and that Sluice's encoder, given what was read,
// writes the same bytes (and, for offsets, picks the same partition).
func checkGolden(t *testing.T, kind string, recs []goldenRecord) {
	t.Helper()
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	for i, r := range recs {
		if r.Value == nil {
			continue // a tombstone has no bytes to compare
		}
		got, err := reencode(kind, r)
		if err != nil {
			t.Errorf("record %d %q: %v", i, r.Key, err)
			continue
		}
		if !bytes.Equal(got, r.value()) {
			t.Errorf("record %d %q:\n got %s\nwant %s", i, r.Key, got, *r.Value)
		}
	}
}

// reencode decodes a record and encodes what it read with the writer's encoders.
func reencode(kind string, r goldenRecord) ([]byte, error) {
	switch kind {
	case "offsets":
		conn, part, off, err := decodeOffsetRecord([]byte(r.Key), r.value())
		if err != nil {
			return nil, err
		}
		key, val, err := encodeOffsetRecord(conn, storage.OffsetEntry{Partition: part, Offset: off})
		if err != nil {
			return nil, err
		}
		if string(key) != r.Key {
			return key, nil
		}
		if p := partitionFor(key, 25); p != r.Partition {
			return fmt.Appendf(nil, "partition %d, want %d", p, r.Partition), nil
		}
		return val, nil
	case "status":
		if p := partitionFor([]byte(r.Key), 5); p != r.Partition {
			return fmt.Appendf(nil, "partition %d, want %d", p, r.Partition), nil
		}
		if strings.HasPrefix(r.Key, topicStatusPrefix) {
			ts, err := decodeTopicStatus(r.value())
			return encodeTopicStatus(ts), err
		}
		st, err := decodeStatus(r.value())
		return encodeStatus(st), err
	}
	s := newConfigState()
	if _, err := s.apply(0, r.Key, r.value()); err != nil {
		return nil, err
	}
	switch {
	case r.Key == sessionKeyKey:
		return encodeSessionKey(*s.sessionKey), nil
	case strings.HasPrefix(r.Key, connectorPrefix):
		return appendProps(nil, s.conns[r.Key[len(connectorPrefix):]].config), nil
	case strings.HasPrefix(r.Key, taskPrefix):
		name, task, _ := parseTaskKey(r.Key)
		p := s.conns[name].deferred[task]
		// Task configs come from the connector's HashMap: the order alone must reproduce them.
		return appendProps(nil, HashMapOrder(p.Map())), nil
	case strings.HasPrefix(r.Key, commitPrefix):
		o, _ := parseObject(r.value())
		n, err := o.int("tasks")
		return encodeCommit(int(n)), err
	case strings.HasPrefix(r.Key, targetStatePrefix):
		return encodeTargetState(s.conns[r.Key[len(targetStatePrefix):]].target), nil
	case strings.HasPrefix(r.Key, restartPrefix):
		o, _ := parseObject(r.value())
		inc, _ := o.bool("include-tasks")
		only, _ := o.bool("only-failed")
		return encodeRestart(RestartRequest{IncludeTasks: inc, OnlyFailed: only}), nil
	case strings.HasPrefix(r.Key, loggerPrefix):
		return encodeLogger(s.loggers[r.Key[len(loggerPrefix):]]), nil
	}
	return nil, nil
}
