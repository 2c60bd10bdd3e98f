package kafkatest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// opTimeout bounds each helper call (topic creation, a produce, a consume) so a broken broker fails the test
// instead of hanging it until go test's global timeout.
const opTimeout = 60 * time.Second

// Record is a Kafka record as raw bytes, the way tests compare what is on the broker. A nil Key or Value is a
// Kafka null (a nil Value on a compacted topic is a tombstone); an empty non-nil slice is zero bytes.
type Record struct {
	Topic     string
	Partition int32
	Offset    int64
	Key       []byte
	Value     []byte
	Headers   []Header
	Timestamp time.Time
}

// Header is one record header; header order and repeated keys are significant in Kafka and kept.
type Header struct {
	Key   string
	Value []byte
}

// Client returns a new franz-go client bootstrapped to the broker, closed when t ends. opts are appended to
// the seed-broker option, so they may add anything (consumer groups, transactions, partitioners).
func (b *Broker) Client(t testing.TB, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(b.bootstrap)}, opts...)...)
	if err != nil {
		t.Fatalf("kafkatest: new client: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

// Admin returns a kadm admin client for the broker, closed when t ends.
func (b *Broker) Admin(t testing.TB) *kadm.Client {
	t.Helper()
	return kadm.NewClient(b.Client(t))
}

// helperClient is the long-lived client behind CreateTopic, Produce and friends; it lives as long as the
// broker so helpers called from many tests do not each pay for connecting.
func (b *Broker) helperClient() (*kgo.Client, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.client == nil {
		// Auto-creation is requested as Java producers do by default, so the broker's
		// auto.create.topics.enable decides, as it would for a Connect worker.
		cl, err := kgo.NewClient(kgo.SeedBrokers(b.bootstrap), kgo.ProducerLinger(0), kgo.AllowAutoTopicCreation())
		if err != nil {
			return nil, err
		}
		b.client = cl
	}
	return b.client, nil
}

// CreateTopic creates a topic with replication factor 1 and the given topic configs (nil for none), and
// waits until every partition has a leader, so producing right after cannot race the creation.
func (b *Broker) CreateTopic(t testing.TB, name string, partitions int32, configs map[string]string) {
	t.Helper()
	if err := b.createTopic(name, partitions, configs); err != nil {
		t.Fatalf("kafkatest: create topic %q: %v", name, err)
	}
}

func (b *Broker) createTopic(name string, partitions int32, configs map[string]string) error {
	cl, err := b.helperClient()
	if err != nil {
		return err
	}
	adm := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	cfg := make(map[string]*string, len(configs))
	for k, v := range configs {
		cfg[k] = &v
	}
	if _, err := adm.CreateTopic(ctx, partitions, 1, cfg, name); err != nil {
		return err
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		md, err := adm.Metadata(ctx, name)
		if err == nil {
			td := md.Topics[name]
			err = td.Err
			if err == nil && len(td.Partitions) != int(partitions) {
				err = fmt.Errorf("metadata shows %d of %d partitions", len(td.Partitions), partitions)
			}
			for _, p := range td.Partitions {
				if err == nil && p.Leader < 0 {
					err = fmt.Errorf("partition %d has no leader yet", p.Partition)
				}
			}
			if err == nil {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("partitions not ready: %w", err)
		case <-tick.C:
		}
	}
}

// Produce writes recs to topic synchronously (acks=all, idempotent) and returns them as stored, with
// partition, offset and timestamp filled in. Record.Topic and Record.Partition are ignored: partitions are
// chosen as Kafka's default partitioner does (murmur2 of the key; sticky batches for null keys). A zero
// Timestamp means "now". To pick partitions by hand, use Client with kgo.RecordPartitioner.
func (b *Broker) Produce(t testing.TB, topic string, recs ...Record) []Record {
	t.Helper()
	cl, err := b.helperClient()
	if err != nil {
		t.Fatalf("kafkatest: produce to %q: %v", topic, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	krs := make([]*kgo.Record, len(recs))
	for i, r := range recs {
		kr := &kgo.Record{Topic: topic, Key: r.Key, Value: r.Value, Timestamp: r.Timestamp}
		for _, h := range r.Headers {
			kr.Headers = append(kr.Headers, kgo.RecordHeader{Key: h.Key, Value: h.Value})
		}
		krs[i] = kr
	}
	if err := cl.ProduceSync(ctx, krs...).FirstErr(); err != nil {
		t.Fatalf("kafkatest: produce %d records to %q: %v", len(recs), topic, err)
	}
	out := make([]Record, len(krs))
	for i, kr := range krs {
		out[i] = fromKgo(kr)
	}
	return out
}

// Consume reads topic from the beginning of every partition, without a consumer group, until it has n
// records, and returns them in the order fetched (per partition, offset order; at least n, as a fetch may
// bring more). It fails t if n records do
// not arrive within a minute. opts configure the consuming client, e.g.
// kgo.FetchIsolationLevel(kgo.ReadCommitted()) to see only committed transactional records.
func (b *Broker) Consume(t testing.TB, topic string, n int, opts ...kgo.Opt) []Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	cl, err := b.consumer(topic, opts)
	if err != nil {
		t.Fatalf("kafkatest: consume %q: %v", topic, err)
	}
	defer cl.Close()
	var out []Record
	for len(out) < n {
		fs := cl.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("kafkatest: consume %q: got %d of %d records within %v", topic, len(out), n, opTimeout)
		}
		if err := fetchErr(fs); err != nil {
			t.Fatalf("kafkatest: consume %q: %v", topic, err)
		}
		fs.EachRecord(func(r *kgo.Record) { out = append(out, fromKgo(r)) })
	}
	return out
}

// ReadAll returns every record in topic, from the start of each partition up to its end offset at the time
// of the call: what is on the broker now, e.g. the contents of a Connect internal topic. Records of open or
// aborted transactions are included, as a read_uncommitted consumer sees them; see ReadCommitted.
func (b *Broker) ReadAll(t testing.TB, topic string) []Record {
	t.Helper()
	recs, err := b.readAll(topic, false)
	if err != nil {
		t.Fatalf("kafkatest: read all of %q: %v", topic, err)
	}
	return recs
}

// ReadCommitted is ReadAll for a read_committed consumer: it stops at each partition's last stable offset and
// leaves out records of aborted transactions, which is what a downstream exactly-once reader sees.
func (b *Broker) ReadCommitted(t testing.TB, topic string) []Record {
	t.Helper()
	recs, err := b.readAll(topic, true)
	if err != nil {
		t.Fatalf("kafkatest: read committed records of %q: %v", topic, err)
	}
	return recs
}

func (b *Broker) readAll(topic string, committed bool) ([]Record, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	// Control records (transaction markers) are kept so the read can see the offsets they occupy: a log
	// often ends with one, and no data record would ever reach the end offset.
	opts := []kgo.Opt{kgo.KeepControlRecords()}
	if committed {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	cl, err := b.consumer(topic, opts)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	starts, err := adm.ListStartOffsets(ctx, topic)
	if err == nil {
		err = starts.Error()
	}
	if err != nil {
		return nil, err
	}
	if len(starts) == 0 {
		return nil, fmt.Errorf("topic %q does not exist", topic)
	}
	listEnds := adm.ListEndOffsets
	if committed {
		listEnds = adm.ListCommittedOffsets // the last stable offsets
	}
	ends, err := listEnds(ctx, topic)
	if err == nil {
		err = ends.Error()
	}
	if err != nil {
		return nil, err
	}
	remaining := map[int32]int64{} // partition → end offset still to reach
	ends.Each(func(o kadm.ListedOffset) {
		if s, ok := starts.Lookup(topic, o.Partition); !ok || s.Offset < o.Offset {
			remaining[o.Partition] = o.Offset
		}
	})
	var out []Record
	for len(remaining) > 0 {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("end offsets %v not reached within %v", remaining, opTimeout)
		}
		if err := fetchErr(fs); err != nil {
			return nil, err
		}
		fs.EachRecord(func(r *kgo.Record) {
			end, ok := remaining[r.Partition]
			if !ok || r.Offset >= end {
				return
			}
			if !r.Attrs.IsControl() {
				out = append(out, fromKgo(r))
			}
			if r.Offset+1 >= end {
				delete(remaining, r.Partition)
			}
		})
	}
	return out, nil
}

func (b *Broker) consumer(topic string, opts []kgo.Opt) (*kgo.Client, error) {
	return kgo.NewClient(append([]kgo.Opt{
		kgo.SeedBrokers(b.bootstrap),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchMaxWait(100 * time.Millisecond),
	}, opts...)...)
}

// fetchErr returns the first fetch error other than the context ending (which callers report themselves).
func fetchErr(fs kgo.Fetches) error {
	var errs []error
	fs.EachError(func(topic string, p int32, err error) {
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("%s[%d]: %w", topic, p, err))
		}
	})
	return errors.Join(errs...)
}

func fromKgo(kr *kgo.Record) Record {
	r := Record{
		Topic:     kr.Topic,
		Partition: kr.Partition,
		Offset:    kr.Offset,
		Key:       kr.Key,
		Value:     kr.Value,
		Timestamp: kr.Timestamp,
	}
	for _, h := range kr.Headers {
		r.Headers = append(r.Headers, Header{Key: h.Key, Value: h.Value})
	}
	return r
}
