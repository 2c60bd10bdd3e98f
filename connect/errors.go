package connect

import "errors"

// Stage names where in the pipeline a record failed, as Kafka's Stage enum (and the
// __connect.errors.stage header) name it.
type Stage string

// The processing stages.
const (
	StageTaskPoll        Stage = "TASK_POLL"
	StageTaskPut         Stage = "TASK_PUT"
	StageKeyConverter    Stage = "KEY_CONVERTER"
	StageValueConverter  Stage = "VALUE_CONVERTER"
	StageHeaderConverter Stage = "HEADER_CONVERTER"
	StageTransformation  Stage = "TRANSFORMATION"
	StageKafkaProduce    Stage = "KAFKA_PRODUCE"
	StageKafkaConsume    Stage = "KAFKA_CONSUME"
)

// RetriableError marks a transient failure (Kafka's RetriableException): the operation may succeed if repeated,
// so the runtime retries it within errors.retry.timeout instead of failing the record.
type RetriableError struct{ Err error }

func (e *RetriableError) Error() string { return e.Err.Error() }
func (e *RetriableError) Unwrap() error { return e.Err }

// Retriable wraps err as a RetriableError.
func Retriable(err error) error { return &RetriableError{err} }

// IsRetriable reports whether err, or anything it wraps, is a RetriableError.
func IsRetriable(err error) bool {
	var r *RetriableError
	return errors.As(err, &r)
}
