// Package metrics is Kafka Connect's metric groups in Prometheus form, served on /metrics.
//
// The runtime updates counters with atomics owned by each task (no locks on the record path); a scrape walks
// the registered workers, connectors and tasks under one lock and renders the Prometheus text format.
//
// # Names
//
// A Kafka metric "<name>" of group "<group>" becomes kafka_connect_<g>_<name>, with dashes turned into
// underscores and <g> the group without its "connect-" prefix and "-metrics" suffix; the JMX tags become labels
// (connector, task). For example source-task-metrics' source-record-poll-total for task 0 of "files" is
//
//	kafka_connect_source_task_source_record_poll_total{connector="files",task="0"}
//
// Groups and metrics exported (Kafka's names):
//
//	connect-worker-metrics   connector-count, task-count, connector-startup-{attempts,success,failure}-total,
//	                         task-startup-{attempts,success,failure}-total, {connector,task}-startup-
//	                         {success,failure}-percentage, and per connector (label connector)
//	                         connector-{total,running,paused,failed,unassigned,restarting,destroyed}-task-count
//	connector-metrics        connector-status, connector-class, connector-type, connector-version as labels
//	                         of kafka_connect_connector_info (value 1)
//	connector-task-metrics   status (label), running-ratio, pause-ratio, batch-size-{avg,max},
//	                         offset-commit-{avg,max}-time-ms, offset-commit-{success,failure}-percentage, plus
//	                         offset_commit_{success,failure}_total
//	source-task-metrics      source-record-{poll,write}-total, source-record-active-count, poll-batch-{avg,max}-time-ms
//	sink-task-metrics        sink-record-{read,send}-total, sink-record-active-count, partition-count,
//	                         offset-commit-{completion,skip}-total, offset-commit-seq-no, put-batch-{avg,max}-time-ms
//	task-error-metrics       total-record-{errors,failures}, total-records-skipped, total-retries,
//	                         total-errors-logged, deadletterqueue-produce-{requests,failures}, last-error-timestamp
//
// Kafka's *-rate metrics are not exported: Prometheus derives them from the *-total counters with rate().
// Averages are over the task's life, not Kafka's 30-second sample windows.
package metrics
