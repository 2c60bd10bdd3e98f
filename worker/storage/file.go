package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// File is Kafka's standalone offset store (offset.storage.file.filename): every Put rewrites the whole file, as
// FileOffsetBackingStore does. Unlike Kafka, which overwrites the file in place, File writes a temporary file,
// syncs it and renames it over the old one, so a crash mid-write never leaves a truncated file (Kafka would then
// silently start from no offsets).
type File struct {
	path string

	mu sync.Mutex
	t  table
	// foreign holds entries whose key is not ["<connector>",{partition}]; Kafka ignores them but keeps them in
	// the file, and so does File.
	foreign []rawEntry
}

// OpenFile loads the offset file at path; a missing or empty file is an empty store, as in Kafka.
func OpenFile(path string) (*File, error) {
	f := &File{path: path, t: table{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(data) == 0) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("storage: reading offsets: %w", err)
	}
	entries, err := readHashMap(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dec := newDecoder()
	for _, e := range entries {
		conn, partition, ok := dec.decodeKey(e.key)
		if !ok {
			f.foreign = append(f.foreign, e)
			continue
		}
		offset, err := dec.decodeOffset(e.value)
		if err != nil {
			return nil, fmt.Errorf("%s: offset of %s: %w", path, e.key, err)
		}
		k, err := PartitionKey(partition)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if f.t[conn] == nil {
			f.t[conn] = make(map[string]*slot)
		}
		f.t[conn][k] = &slot{partition: partition, offset: offset, raw: e.key}
	}
	return f, nil
}

// Path returns the file's path.
func (f *File) Path() string { return f.path }

// Get implements OffsetStore.
func (f *File) Get(_ context.Context, connector string, partitions []map[string]any) (map[string]map[string]any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t.get(connector, partitions)
}

// All implements OffsetStore.
func (f *File) All(_ context.Context, connector string) ([]OffsetEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t.all(connector), nil
}

// Connectors implements OffsetStore.
func (f *File) Connectors(context.Context) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t.connectors(), nil
}

// Put implements OffsetStore: the offsets are on disk (fsynced) when it returns, and unchanged in memory if
// writing failed.
func (f *File) Put(ctx context.Context, connector string, offsets []OffsetEntry) error {
	ps, err := prepare(connector, offsets)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	next := f.t.clone()
	next.apply(connector, ps, true)
	if err := f.save(next); err != nil {
		return err
	}
	f.t = next
	return nil
}

func (f *File) save(t table) error {
	entries := append([]rawEntry(nil), f.foreign...)
	for _, slots := range t {
		for _, s := range slots {
			v, err := encodeOffset(s.offset)
			if err != nil {
				return err
			}
			entries = append(entries, rawEntry{key: s.raw, value: v})
		}
	}
	data := writeHashMap(entries)
	tmp, err := os.CreateTemp(filepath.Dir(f.path), filepath.Base(f.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("storage: writing offsets: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("storage: writing offsets: %w", err)
	}
	// The rename is durable only once the directory is synced.
	if d, err := os.Open(filepath.Dir(f.path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
