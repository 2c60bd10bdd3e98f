package benchworker

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// ProducerOpts are the client options Produce expects: large batches, and no compression, as a Java
// producer's default (franz-go's default is snappy), so that the workers read what a Java producer writes.
func ProducerOpts() []kgo.Opt {
	return []kgo.Opt{kgo.ProducerBatchMaxBytes(1 << 20), kgo.ProducerLinger(5 * time.Millisecond),
		kgo.MaxBufferedRecords(20_000), kgo.ProducerBatchCompression(kgo.NoCompression())}
}

// Produce writes n records with null keys and the values value(i) to topic, before any worker starts, and
// returns once all are acknowledged or the first error.
func Produce(ctx context.Context, cl *kgo.Client, topic string, n int, value func(i int) []byte) error {
	errc := make(chan error, 1)
	for i := range n {
		cl.Produce(ctx, &kgo.Record{Topic: topic, Value: value(i)}, func(_ *kgo.Record, err error) {
			if err != nil {
				select {
				case errc <- err:
				default:
				}
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return err
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}
