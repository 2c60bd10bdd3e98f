package runtime

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
	"github.com/sluice-connect/sluice/worker/storage"
)

// StartTask starts a task of cfg's connector with the task config the connector generated. The task runs on its
// own goroutine, owned by the Worker until StopTask or Close; its states reach the listener.
func (w *Worker) StartTask(ctx context.Context, id TaskID, cfg *connconfig.Connector, taskProps map[string]string, target TargetState) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return errors.New("runtime: worker is closed")
	}
	if _, ok := w.tasks[id]; ok {
		w.mu.Unlock()
		return fmt.Errorf("Task already exists in this worker: %s", id)
	}
	kind := metrics.Source
	if cfg.Kind == plugin.Sink {
		kind = metrics.Sink
	}
	m := w.metrics.Task(id.Connector, id.Task, kind)
	ctl := newTaskControl(id, target, w.status, m)
	hard, cancel := context.WithCancel(context.WithoutCancel(ctx))
	t := &workerTask{ctl: ctl, cancel: cancel, done: make(chan struct{})}
	w.tasks[id] = t
	w.mu.Unlock()

	w.metrics.Worker.TaskStartupAttempts.Add(1)
	log := w.log.With("connector", id.Connector, "task", id.String())
	go func() {
		defer close(t.done)
		defer cancel()
		err := w.runTask(hard, id, cfg, maps.Clone(taskProps), ctl)
		if err != nil {
			log.Error("task failed", "error", err)
			ctl.report(StateFailed, err)
			return
		}
		ctl.report(StateUnassigned, nil)
		log.Info("task stopped")
	}()
	return nil
}

// runTask builds, starts, runs and drains one task.
func (w *Worker) runTask(ctx context.Context, id TaskID, cfg *connconfig.Connector, props map[string]string,
	ctl *taskControl) (err error) {
	log := w.log.With("connector", id.Connector, "task", id.String())
	fail := func(e error) error {
		w.metrics.Worker.TaskStartupFailure.Add(1)
		return e
	}
	conv, err := newConverters(w.cfg, cfg)
	if err != nil {
		return fail(err)
	}
	defer conv.close()
	ch, err := newChain(cfg)
	if err != nil {
		return fail(err)
	}
	defer ch.close()
	eh := &errorHandler{id: id, cfg: cfg.Errors, m: ctl.m, log: log, stop: ctl.pollCtx.Done()}
	// shutdown bounds the drain; it starts when the loop ends, not when the task started.
	shutdown := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(ctx, w.cfg.TaskShutdownTimeout)
	}

	if cfg.Kind == plugin.Sink {
		r, err := w.newSinkRunner(ctx, id, cfg, conv, ch, eh, ctl)
		if err != nil {
			return fail(err)
		}
		defer func() {
			// A consumer blocking rebalances (BlockRebalanceOnPoll) cannot leave its group until allowed.
			r.consumer.AllowRebalance()
			r.consumer.Close()
			if r.reconvert != nil {
				r.reconvert.close()
			}
		}()
		if eh.dlq != nil {
			defer eh.dlq.producer.Close()
		}
		// Kafka wakes the consumer on a target state change (WorkerSinkTask.transitionTo).
		wake := r.wake
		ctl.interrupt.Store(&wake)
		if err := protect(func() error { return r.task.Start(ctx, r, props) }); err != nil {
			return fail(err)
		}
		w.metrics.Worker.TaskStartupSuccess.Add(1)
		log.Info("sink task started")
		runErr := r.run(ctx, ctl)
		sctx, cancel := shutdown()
		if runErr == nil {
			r.drain(sctx)
		} else {
			r.mu.Lock()
			r.closed = true
			r.mu.Unlock()
		}
		stopErr := protect(func() error { return r.task.Stop(sctx) })
		cancel()
		return errors.Join(runErr, stopErr)
	}

	r, err := w.newSourceRunner(ctx, id, cfg, conv, ch, eh, ctl)
	if err != nil {
		return fail(err)
	}
	defer r.producer.Close()
	defer r.topics.close()
	if err := protect(func() error { return r.task.Start(ctx, sourceTaskContext{w.offsets, id.Connector}, props) }); err != nil {
		return fail(err)
	}
	w.metrics.Worker.TaskStartupSuccess.Add(1)
	log.Info("source task started")
	runErr := r.run(ctx, ctl)
	ctl.cancelPoll()
	sctx, cancel := shutdown()
	// Offsets of acknowledged records are safe to commit even when the task failed (Invariant 1 holds).
	r.drain(sctx)
	stopErr := protect(func() error { return r.task.Stop(sctx) })
	cancel()
	return errors.Join(runErr, stopErr)
}

func (w *Worker) newSourceRunner(ctx context.Context, id TaskID, cfg *connconfig.Connector, conv converters, ch chain,
	eh *errorHandler, ctl *taskControl) (*sourceRunner, error) {
	sc, ok := cfg.Plugin.NewSource, cfg.Plugin.NewSource != nil
	if !ok {
		return nil, fmt.Errorf("%s is not a source connector", cfg.Class)
	}
	task, err := protect2(func() (connect.SourceTask, error) { return sc().NewTask(), nil })
	if err != nil {
		return nil, err
	}
	props := clientProps(w.cfg.Producer, cfg.ProducerOverrides)
	if _, ok := props["client.id"]; !ok {
		props["client.id"] = "connector-producer-" + id.String()
	}
	opts, err := producerOpts(w.cfg.Bootstrap, props)
	if err != nil {
		return nil, err
	}
	producer, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	var admin *kadm.Client
	var adminClient *kgo.Client
	if w.cfg.TopicCreationEnable && cfg.TopicCreation.Enabled() {
		// Topics are created by an admin client of their own, with the worker's admin.* settings and the
		// connector's admin.override.* ones, as Kafka's TopicAdmin.
		aprops := clientProps(w.cfg.Admin, cfg.AdminOverrides)
		if _, ok := aprops["client.id"]; !ok {
			aprops["client.id"] = "connector-adminclient-" + id.String()
		}
		aopts, err := clientOpts(w.cfg.Bootstrap, aprops)
		if err == nil {
			adminClient, err = kgo.NewClient(aopts...)
		}
		if err != nil {
			producer.Close()
			return nil, err
		}
		admin = kadm.NewClient(adminClient)
	}
	topics, err := newTopicCreator(admin, cfg.TopicCreation)
	if err != nil {
		producer.Close()
		if adminClient != nil {
			adminClient.Close()
		}
		return nil, err
	}
	topics.client = adminClient
	rc, _ := task.(connect.RecordCommitter)
	return &sourceRunner{
		id: id, cfg: cfg, task: task, conv: conv, chain: ch, eh: eh, producer: producer, topics: topics,
		offsets: w.offsets, m: ctl.m, log: eh.log, listener: w.status, committer: rc,
		flushInterval: w.cfg.OffsetFlushInterval, flushTimeout: w.cfg.OffsetFlushTimeout,
		active: map[string]bool{},
	}, nil
}

func (w *Worker) newSinkRunner(ctx context.Context, id TaskID, cfg *connconfig.Connector, conv converters, ch chain,
	eh *errorHandler, ctl *taskControl) (*sinkRunner, error) {
	if cfg.Plugin.NewSink == nil {
		return nil, fmt.Errorf("%s is not a sink connector", cfg.Class)
	}
	task, err := protect2(func() (connect.SinkTask, error) { return cfg.Plugin.NewSink().NewTask(), nil })
	if err != nil {
		return nil, err
	}
	props := clientProps(w.cfg.Consumer, cfg.ConsumerOverrides)
	group := props["group.id"]
	if group == "" {
		group = "connect-" + id.Connector
	}
	if _, ok := props["client.id"]; !ok {
		props["client.id"] = "connector-consumer-" + id.String()
	}
	opts, err := consumerOpts(w.cfg.Bootstrap, props, group)
	if err != nil {
		return nil, err
	}
	r := &sinkRunner{
		id: id, cfg: cfg, task: task, conv: conv, chain: ch, eh: eh, m: ctl.m, log: eh.log, listener: w.status,
		maxPoll: maxPollRecords(props), flushInterval: w.cfg.OffsetFlushInterval, flushTimeout: w.cfg.OffsetFlushTimeout,
		current: map[connect.TopicPartition]connect.OffsetAndMetadata{}, committed: map[connect.TopicPartition]int64{},
		consumed: map[connect.TopicPartition]int64{},
		assigned: map[connect.TopicPartition]bool{}, rewinds: map[connect.TopicPartition]int64{},
		pauseReq: map[connect.TopicPartition]bool{}, active: map[string]bool{},
		taskPaused: map[connect.TopicPartition]bool{}, lost: map[connect.TopicPartition]lostPosition{},
		newConv: func() (converters, error) { return newConverters(w.cfg, cfg) },
	}
	if cfg.TopicsRegex != "" {
		opts = append(opts, kgo.ConsumeRegex(), kgo.ConsumeTopics(cfg.TopicsRegex))
	} else {
		opts = append(opts, kgo.ConsumeTopics(cfg.Topics...))
	}
	opts = append(opts, kgo.OnPartitionsAssigned(r.onAssigned), kgo.OnPartitionsRevoked(r.onRevoked),
		kgo.OnPartitionsLost(r.onLost), kgo.AdjustFetchOffsetsFn(r.resumeLost))
	if r.consumer, err = kgo.NewClient(opts...); err != nil {
		return nil, err
	}
	if cfg.DLQ.Topic != "" {
		d, err := w.newDLQ(ctx, id, cfg, ctl.m, eh)
		if err != nil {
			r.consumer.Close()
			return nil, err
		}
		eh.dlq = d
	}
	return r, nil
}

// newDLQ creates the dead letter queue's producer and, if missing, its topic (one partition, as Kafka).
func (w *Worker) newDLQ(ctx context.Context, id TaskID, cfg *connconfig.Connector, m *metrics.Task, eh *errorHandler) (*dlq, error) {
	props := clientProps(w.cfg.Producer, cfg.ProducerOverrides)
	if _, ok := props["client.id"]; !ok {
		props["client.id"] = "connector-dlq-producer-" + id.String()
	}
	opts, err := producerOpts(w.cfg.Bootstrap, props)
	if err != nil {
		return nil, err
	}
	p, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	rf := cfg.DLQ.ReplicationFactor
	if rf == 0 {
		rf = -1
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// The DLQ topic is created through the DLQ producer's connections: one client fewer per sink task.
	tc, err := newTopicCreator(kadm.NewClient(p), connconfig.TopicCreation{Groups: []connconfig.TopicCreationGroup{
		{Name: "default", Include: []string{".*"}, Partitions: 1, ReplicationFactor: rf}}})
	if err == nil {
		err = tc.ensure(cctx, cfg.DLQ.Topic)
	}
	if err != nil {
		p.Close()
		return nil, err
	}
	return &dlq{topic: cfg.DLQ.Topic, contextHeaders: cfg.DLQ.ContextHeaders, producer: p, m: m, log: eh.log}, nil
}

// sourceTaskContext is a SourceTask's view of the runtime.
type sourceTaskContext struct {
	offsets   storage.OffsetStore
	connector string
}

func (c sourceTaskContext) OffsetStorageReader() connect.OffsetStorageReader { return offsetReader(c) }

type offsetReader sourceTaskContext

// Offset returns the committed offset of partition, nil if there is none.
func (r offsetReader) Offset(ctx context.Context, partition map[string]any) (map[string]any, error) {
	got, err := r.offsets.Get(ctx, r.connector, []map[string]any{partition})
	if err != nil {
		return nil, err
	}
	for _, o := range got {
		return o, nil
	}
	return nil, nil
}
