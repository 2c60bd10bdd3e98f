package config

// Error is one configuration problem, Kafka's ConfigException, carrying Kafka's exact message so that REST
// responses and logs read the same as the Java worker's. Parse returns these joined with errors.Join; validators
// return them; use errors.As to get at one.
type Error struct {
	// Key is the configuration the problem is about, "" when the message names none.
	Key string
	msg string
}

// Error returns Kafka's message.
func (e *Error) Error() string { return e.msg }

// NewError returns an Error with a free-form message, as ConfigException(String).
func NewError(key, message string) *Error { return &Error{Key: key, msg: message} }

// InvalidValue returns Kafka's "Invalid value V for configuration K: reason" (without ": reason" when reason is
// empty), as ConfigException(name, value, message). The value prints as Java's toString would: a Password as
// "[hidden]", a list as "[a, b]", a double as Double.toString, nil as "null".
func InvalidValue(key string, value any, reason string) *Error {
	msg := "Invalid value " + javaString(value) + " for configuration " + key
	if reason != "" {
		msg += ": " + reason
	}
	return &Error{Key: key, msg: msg}
}

func missingError(key string) *Error {
	return &Error{Key: key, msg: `Missing required configuration "` + key + `" which has no default value.`}
}
