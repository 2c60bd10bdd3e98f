package runtime

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
)

// SinkTaskContext, as the task sees it. Requests are applied by the task's loop between batches.

func (s *sinkRunner) Offset(offsets map[connect.TopicPartition]int64) {
	s.reqMu.Lock()
	maps.Copy(s.rewinds, offsets)
	s.reqMu.Unlock()
	s.wake()
}

// wake interrupts the consumer's poll, if one is in progress.
func (s *sinkRunner) wake() {
	if c := s.wakePoll.Load(); c != nil {
		(*c)()
	}
}

// hasRequests reports whether the task asked for something the loop has not done yet.
func (s *sinkRunner) hasRequests() bool {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	return s.commitReq || len(s.rewinds) > 0 || len(s.pauseReq) > 0
}

func (s *sinkRunner) Timeout(ms int64) {
	s.reqMu.Lock()
	s.timeoutMs = ms
	s.reqMu.Unlock()
}

func (s *sinkRunner) Assignment() []connect.TopicPartition {
	if a := s.assignment.Load(); a != nil {
		return slices.Clone(*a)
	}
	return nil
}

func (s *sinkRunner) Pause(partitions ...connect.TopicPartition) {
	s.reqMu.Lock()
	for _, tp := range partitions {
		s.pauseReq[tp] = true
	}
	s.reqMu.Unlock()
	s.wake()
}

func (s *sinkRunner) Resume(partitions ...connect.TopicPartition) {
	s.reqMu.Lock()
	for _, tp := range partitions {
		s.pauseReq[tp] = false
	}
	s.reqMu.Unlock()
	s.wake()
}

func (s *sinkRunner) RequestCommit() {
	s.reqMu.Lock()
	s.commitReq = true
	s.reqMu.Unlock()
	s.wake()
}

func (s *sinkRunner) ErrantRecordReporter() connect.ErrantRecordReporter {
	return errantReporter{s}
}

func (s *sinkRunner) takeCommitRequest() bool {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	r := s.commitReq
	s.commitReq = false
	return r
}

func (s *sinkRunner) takeTimeout() int64 {
	s.reqMu.Lock()
	defer s.reqMu.Unlock()
	t := s.timeoutMs
	s.timeoutMs = 0
	return t
}

// applyRequests carries out rewinds and pause/resume requests the task made.
func (s *sinkRunner) applyRequests() {
	s.reqMu.Lock()
	rewinds, pauses := s.rewinds, s.pauseReq
	if len(rewinds) > 0 {
		s.rewinds = map[connect.TopicPartition]int64{}
	}
	if len(pauses) > 0 {
		s.pauseReq = map[connect.TopicPartition]bool{}
	}
	s.reqMu.Unlock()
	if len(rewinds) > 0 {
		set := map[string]map[int32]kgo.EpochOffset{}
		s.mu.Lock()
		for tp, o := range rewinds {
			if set[tp.Topic] == nil {
				set[tp.Topic] = map[int32]kgo.EpochOffset{}
			}
			set[tp.Topic][tp.Partition] = kgo.EpochOffset{Epoch: -1, Offset: o}
			if s.assigned[tp] {
				s.current[tp] = connect.OffsetAndMetadata{Offset: o}
			}
		}
		s.mu.Unlock()
		s.consumer.SetOffsets(set)
	}
	var pause, resume []connect.TopicPartition
	s.mu.Lock()
	for tp, p := range pauses {
		if p {
			pause = append(pause, tp)
			s.taskPaused[tp] = true
		} else {
			resume = append(resume, tp)
			delete(s.taskPaused, tp)
		}
	}
	s.mu.Unlock()
	if len(pause) > 0 {
		s.consumer.PauseFetchPartitions(fromTPs(pause))
	}
	if len(resume) > 0 && !s.paused {
		s.consumer.ResumeFetchPartitions(fromTPs(resume))
	}
}

// errantReporter is the task's ErrantRecordReporter (Kafka's WorkerErrantRecordReporter). It is safe for use by
// any goroutine of the task.
type errantReporter struct{ s *sinkRunner }

// original finds the consumed record r came from: in the latest batch, or else rebuilt from r with the task's
// converter classes, as Kafka does for records it cannot trace.
func (s *sinkRunner) original(r *connect.SinkRecord) *kgo.Record {
	if p := s.delivered.Load(); p != nil {
		for _, kr := range *p {
			if kr.Topic == r.OriginalTopic && kr.Partition == r.OriginalPartition && kr.Offset == r.OriginalOffset {
				return kr
			}
		}
	}
	s.reconvertMu.Lock()
	defer s.reconvertMu.Unlock()
	if s.reconvert == nil {
		c, err := s.newConv()
		if err != nil {
			s.log.Error("cannot build converters for the errant record reporter", "error", err)
			return nil
		}
		s.reconvert = &c
	}
	c := s.reconvert
	kr := &kgo.Record{Topic: r.OriginalTopic, Partition: r.OriginalPartition, Offset: r.OriginalOffset}
	if r.Timestamp != connect.NoTimestamp {
		kr.Timestamp = time.UnixMilli(r.Timestamp)
	}
	err := protect(func() (err error) {
		if kr.Key, err = c.key.FromConnectData(r.Topic, r.Headers, r.KeySchema, r.Key); err != nil {
			return err
		}
		if kr.Value, err = c.value.FromConnectData(r.Topic, r.Headers, r.ValueSchema, r.Value); err != nil {
			return err
		}
		if c.header != nil {
			for _, h := range r.Headers {
				v, err := c.header.FromConnectHeader(r.Topic, h.Key, h.Schema, h.Value)
				if err != nil {
					return err
				}
				kr.Headers = append(kr.Headers, kgo.RecordHeader{Key: h.Key, Value: v})
			}
		}
		return nil
	})
	if err != nil {
		s.log.Error("cannot convert a reported record back to bytes for the dead letter queue", "error", err)
		return nil
	}
	return kr
}

// Report sends r's original Kafka record to the DLQ (errors.tolerance=all) or fails the task (none).
func (e errantReporter) Report(ctx context.Context, r *connect.SinkRecord, cause error) <-chan error {
	s := e.s
	done := make(chan error, 1)
	var orig *kgo.Record
	if s.eh.cfg.ToleranceAll && s.eh.dlq != nil {
		orig = s.original(r)
	}
	f := failure{stage: connect.StageTaskPut, class: sinkTaskClass, err: cause, consumed: orig}
	s.m.RecordFailures.Add(1)
	s.m.RecordErrors.Add(1)
	s.m.LastErrorTimestamp.Store(time.Now().UnixMilli())
	if !s.eh.cfg.ToleranceAll {
		err := fmt.Errorf("%w: %w", errToleranceExceeded, cause)
		s.setFatal(err)
		done <- err
		close(done)
		return done
	}
	s.m.RecordsSkipped.Add(1)
	if s.eh.cfg.LogEnable {
		s.log.Error(s.eh.message(f), "stage", string(f.stage), "error", cause)
		s.m.ErrorsLogged.Add(1)
	}
	if s.eh.dlq == nil || orig == nil {
		close(done)
		return done
	}
	s.eh.dlq.send(ctx, s.id, f, func(err error) {
		done <- err
		close(done)
	})
	return done
}
