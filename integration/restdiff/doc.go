// Package restdiff is the differential REST suite: one scripted sequence of Kafka Connect REST calls — every
// endpoint, good and bad inputs — runs against the reference Java worker (Apache Kafka Connect 4.3.1,
// standalone) and against Sluice (the cmd/sluice binary, `sluice standalone`) on the same broker, and the
// answers are compared: status codes, JSON shapes (keys and types, recursively) and the values that are
// deterministic. Each deliberate difference is a step with its reason; the test prints the whole comparison
// (and writes it to $SLUICE_RESTDIFF_REPORT when set).
//
//	go test -tags integration -run TestRESTDifferential -v ./integration/restdiff/
//
// The tests carry the integration build tag; this package has no other code.
package restdiff
