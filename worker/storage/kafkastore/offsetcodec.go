package kafkastore

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/sluice-connect/sluice/schemas/jsonconv"
	"github.com/sluice-connect/sluice/worker/storage"
)

// encodeOffsetRecord returns an offset topic record: key ["<connector>",{partition}], value {offset} (nil for a
// tombstone), written as Kafka's internal JsonConverter writes them.
func encodeOffsetRecord(connector string, e storage.OffsetEntry) (key, value []byte, err error) {
	part, err := storage.PartitionKey(e.Partition)
	if err != nil {
		return nil, nil, err
	}
	key = append(jsonconv.AppendString([]byte{'['}, connector), ',')
	key = append(append(key, part...), ']')
	if e.Offset == nil {
		return key, nil, nil
	}
	off, err := storage.PartitionKey(e.Offset) // the same canonical JSON as a partition
	if err != nil {
		return nil, nil, err
	}
	return key, []byte(off), nil
}

// decodeOffsetRecord reads an offset topic record; keys of any other shape are ErrRecord (Kafka's
// OffsetUtils.processPartitionKey logs and skips them).
func decodeOffsetRecord(key, value []byte) (connector string, partition, offset map[string]any, err error) {
	var k []json.RawMessage
	if err := json.Unmarshal(key, &k); err != nil || len(k) != 2 {
		return "", nil, nil, fmt.Errorf("%w: offset key %.80q is not [connector, partition]", ErrRecord, key)
	}
	if err := json.Unmarshal(k[0], &connector); err != nil {
		return "", nil, nil, fmt.Errorf("%w: offset key %.80q names no connector", ErrRecord, key)
	}
	if partition, err = decodeJSONMap(k[1]); err != nil || partition == nil {
		return "", nil, nil, fmt.Errorf("%w: offset key %.80q has no partition map", ErrRecord, key)
	}
	if value == nil {
		return connector, partition, nil, nil
	}
	if offset, err = decodeJSONMap(value); err != nil {
		return "", nil, nil, fmt.Errorf("%w: offset value %.80q is not a map", ErrRecord, value)
	}
	return connector, partition, offset, nil
}

// decodeJSONMap reads a JSON object into the value forms offsets use: integers as int64 (as Kafka's
// JsonConverter reads them), other numbers as float64. JSON null gives a nil map.
func decodeJSONMap(b []byte) (map[string]any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the JSON value")
	}
	if v == nil {
		return nil, nil
	}
	m, ok := plainNumbers(v).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a JSON object")
	}
	return m, nil
}

func plainNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = plainNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainNumbers(e)
		}
	}
	return v
}
