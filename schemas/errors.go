package schemas

import (
	"errors"
	"fmt"
)

// ErrData is wrapped by every error saying a value does not fit its schema or cannot be converted (Kafka's
// DataException). Such errors are about the record, not the system: retrying cannot help, so the runtime routes
// them to errors.tolerance and the dead letter queue.
var ErrData = errors.New("data error")

type dataError struct{ msg string }

func (e *dataError) Error() string { return e.msg }
func (e *dataError) Unwrap() error { return ErrData }

// DataError returns an error with Kafka's DataException message msg that wraps ErrData.
func DataError(msg string) error { return &dataError{msg} }

// DataErrorf formats a DataError.
func DataErrorf(format string, args ...any) error { return &dataError{fmt.Sprintf(format, args...)} }
