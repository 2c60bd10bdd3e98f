package file

import (
	"context"
	"errors"
)

// AlterOffsets checks offsets a user is about to write for this connector (PATCH/DELETE
// /connectors/{name}/offsets), with Kafka's rules and messages: tombstones are always allowed; otherwise the
// offset needs a non-negative integer "position" and the partition a "filename". It returns true: the connector
// keeps no offsets outside Connect.
func (c *SourceConnector) AlterOffsets(_ context.Context, props map[string]string, partitions, offsets []map[string]any) (bool, error) {
	vals, err := SourceConfig().Parse(props)
	if err != nil {
		return false, err
	}
	if vals.IsNull(KeyFile) || vals.String(KeyFile) == "" {
		return false, errors.New("Offsets cannot be modified if the '" + KeyFile + "' configuration is unspecified. " +
			"This is because stdin is used for input and offsets are not tracked.")
	}
	for i, offset := range offsets {
		if offset == nil {
			continue // tombstones clean up anything, garbage included
		}
		pos, found := offset[PositionField]
		if !found {
			return false, errors.New("Offset objects should either be null or contain the key '" + PositionField + "'")
		}
		var n int64
		switch x := pos.(type) {
		case int64:
			n = x
		case int:
			n = int64(x)
		default:
			return false, errors.New("The value for the '" + PositionField + "' key in the offset is expected to be a Long value")
		}
		if n < 0 {
			return false, errors.New("The value for the '" + PositionField + "' key in the offset should be a non-negative value")
		}
		if i >= len(partitions) || partitions[i] == nil {
			return false, errors.New("Partition objects cannot be null")
		}
		if _, ok := partitions[i][FilenameField]; !ok {
			return false, errors.New("Partition objects should contain the key '" + FilenameField + "'")
		}
	}
	return true, nil
}

// AlterOffsets accepts any offsets: the sink's offsets are only its consumer group's, which Connect manages.
func (c *SinkConnector) AlterOffsets(context.Context, map[string]string, []map[string]any, []map[string]any) (bool, error) {
	return true, nil
}
