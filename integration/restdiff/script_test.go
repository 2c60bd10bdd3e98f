//go:build integration

package restdiff

import "testing"

// step is one REST call of the script, sent to both workers. In paths and bodies {n} is the side's token and
// {dir} the test's directory.
type step struct {
	name          string
	method, path  string
	body          string
	ctype, accept string // Content-Type (default application/json when there is a body) and Accept
	mode          compareMode
	ignore        []string // values not compared: a key name, a path, or a path with * elements
	// differs names a deliberate difference; the answers are then not compared, and Sluice must answer
	// sluiceCode when it is set.
	differs    string
	sluiceCode int
	// before and after run on each side around the call, e.g. to wait until a connector reached a state.
	before, after func(t *testing.T, s side)
}

const (
	srcCfg  = `{"connector.class":"FileStreamSource","tasks.max":"1","topic":"{n}-lines","file":"{dir}/{n}-in.txt"}`
	sinkCfg = `{"connector.class":"org.apache.kafka.connect.file.FileStreamSinkConnector","tasks.max":"1",` +
		`"topics":"{n}-lines","file":"{dir}/{n}-out.txt"}`
	badSrcCfg = `{"connector.class":"FileStreamSource","name":"a","topic":"t","tasks.max":"x","errors.tolerance":"some",` +
		`"exactly.once.support":"sometimes","transaction.boundary.interval.ms":"-5","offsets.storage.topic":"",` +
		`"tasks.max.enforce":"maybe","producer.override.linger.ms":"5","producer.override.unknown.key":"1"}`
)

// Reasons for the deliberate differences.
const (
	whyMalformed = "a malformed body is the client's error: Sluice answers 400 with what is wrong; Kafka lets " +
		"Jackson's exception through as a 500"
	whyUnknownFieldCreate = "an unknown field in the creation request is a 400 in Sluice; Kafka answers 500 " +
		"(Jackson's UnrecognizedPropertyException)"
	whyNoConnectorClassValidate = "a config without connector.class is a 400 in Sluice; on this endpoint Kafka wraps " +
		"the same BadRequestException into a 500"
	whyUnknownPluginValidate = "an unknown connector class is a validation error on connector.class (200 with the " +
		"ConfigInfos), as the issue asks; Kafka answers 500"
	whyUnknownPluginCreate = "both answer 400; Sluice lists the unknown class as a validation error in Kafka's " +
		"\"Connector configuration is invalid\" message, Kafka prints its internal PluginDesc list"
	whyNPE404 = "Kafka answers 500 for an unknown connector here (NullPointerException / IllegalArgumentException " +
		"in StandaloneHerder); Sluice answers 404 Connector ... not found"
	whyPhantomTask = "both answer 404, but Kafka then also starts a phantom task (its restartTask does not return " +
		"after reporting the error) that shows FAILED in the connector's status; Sluice does not"
	whyPlugins = "the plugin sets differ: Kafka's classpath has the MirrorMaker connectors, Sluice has " +
		"AvroConverter (see sluiceOnlyPlugins); shapes are compared"
	whyLoggers = "the logger names differ (log4j's Java classes vs Sluice's components); shapes are compared"
)

func running(n int) func(*testing.T, side) {
	return func(t *testing.T, s side) { waitStatus(t, s, s.token+"src", allIn("RUNNING", n)) }
}

func stateIs(name, state string, tasks int) func(*testing.T, side) {
	return func(t *testing.T, s side) { waitStatus(t, s, s.token+name, allIn(state, tasks)) }
}

// script is the sequence: plugins and validation, creation, inspection, lifecycle, offsets, errors, loggers,
// deletion.
func script() []step {
	return []step{
		// Server and plugins.
		{name: "root", method: "GET", path: "/", ignore: []string{"version"}},
		{name: "health", method: "GET", path: "/health"},
		{name: "plugins", method: "GET", path: "/connector-plugins", mode: shape, differs: whyPlugins, sluiceCode: 200},
		{name: "all plugins", method: "GET", path: "/connector-plugins?connectorsOnly=false", mode: shape,
			differs: whyPlugins, sluiceCode: 200},
		{name: "source plugin config", method: "GET", path: "/connector-plugins/FileStreamSource/config"},
		{name: "sink plugin config", method: "GET", path: "/connector-plugins/org.apache.kafka.connect.file.FileStreamSinkConnector/config"},
		{name: "converter plugin config", method: "GET", path: "/connector-plugins/org.apache.kafka.connect.json.JsonConverter/config"},
		{name: "unknown plugin config", method: "GET", path: "/connector-plugins/Nope/config"},
		{name: "plugin config, version mismatch", method: "GET", path: "/connector-plugins/FileStreamSource/config?version=9.9"},
		{name: "validate source", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{"connector.class":"FileStreamSource","name":"a","topic":"t","file":"/tmp/x"}`},
		{name: "validate bad values", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: badSrcCfg},
		{name: "validate sink without topics", method: "PUT", path: "/connector-plugins/FileStreamSink/config/validate",
			body: `{"connector.class":"FileStreamSink","name":"s"}`},
		{name: "validate sink topics, regex and DLQ", method: "PUT", path: "/connector-plugins/FileStreamSink/config/validate",
			body: `{"connector.class":"FileStreamSink","name":"s","topics":"a,dlq","topics.regex":"b.*",` +
				`"errors.deadletterqueue.topic.name":"dlq","consumer.override.max.poll.records":"5"}`},
		{name: "validate with converters", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{"connector.class":"FileStreamSource","name":"a","topic":"t","value.converter":"JsonConverter",` +
				`"value.converter.schemas.enable":"false","key.converter":"Nope","header.converter.plugin.version":"(1.0)"}`},
		{name: "validate with transforms", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{"connector.class":"FileStreamSource","name":"a","topic":"t","transforms":"f",` +
				`"transforms.f.type":"org.apache.kafka.connect.transforms.Filter"}`},
		{name: "validate type mismatch", method: "PUT", path: "/connector-plugins/FileStreamSink/config/validate",
			body: `{"connector.class":"FileStreamSource"}`},
		{name: "validate without connector.class", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{"name":"a"}`, differs: whyNoConnectorClassValidate, sluiceCode: 400},
		{name: "validate unknown plugin", method: "PUT", path: "/connector-plugins/Nope/config/validate",
			body: `{"connector.class":"Nope"}`, differs: whyUnknownPluginValidate, sluiceCode: 200},
		{name: "validate malformed JSON", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{"connector.class":`, differs: whyMalformed, sluiceCode: 400},
		{name: "validate as text", method: "PUT", path: "/connector-plugins/FileStreamSource/config/validate",
			body: `{}`, ctype: "text/plain"},

		// Creation.
		{name: "no connectors", method: "GET", path: "/connectors"},
		{name: "create source", method: "POST", path: "/connectors",
			body: `{"name":"{n}src","config":` + srcCfg + `}`, after: running(1)},
		{name: "create duplicate", method: "POST", path: "/connectors",
			body: `{"name":"{n}src","config":` + srcCfg + `}`},
		{name: "create sink", method: "POST", path: "/connectors",
			body: `{"name":"{n}sink","config":` + sinkCfg + `}`, after: stateIs("sink", "RUNNING", 1)},
		{name: "create stopped", method: "POST", path: "/connectors",
			body:  `{"name":"{n}stopped","config":` + srcCfg + `,"initial_state":"STOPPED"}`,
			after: stateIs("stopped", "STOPPED", 0)},
		{name: "create, name mismatch", method: "POST", path: "/connectors",
			body: `{"name":"{n}x","config":{"name":"other","connector.class":"FileStreamSource"}}`},
		{name: "create without connector.class", method: "POST", path: "/connectors", body: `{"name":"{n}x","config":{}}`},
		{name: "create with bad values", method: "POST", path: "/connectors",
			body: `{"name":"{n}x","config":{"connector.class":"FileStreamSink","topics":"a","tasks.max":"0","errors.tolerance":"x"}}`},
		{name: "create unknown class", method: "POST", path: "/connectors",
			body: `{"name":"{n}x","config":{"connector.class":"com.example.Nope"}}`, mode: status,
			differs: whyUnknownPluginCreate, sluiceCode: 400},
		{name: "create malformed", method: "POST", path: "/connectors", body: `{"name":`, differs: whyMalformed,
			sluiceCode: 400},
		{name: "create unknown field", method: "POST", path: "/connectors",
			body: `{"name":"{n}x","config":{},"bogus":1}`, differs: whyUnknownFieldCreate, sluiceCode: 400},
		{name: "create as text", method: "POST", path: "/connectors", body: `{}`, ctype: "text/plain"},

		// Inspection.
		{name: "list", method: "GET", path: "/connectors", mode: unordered},
		{name: "list, expand status", method: "GET", path: "/connectors?expand=status"},
		{name: "list, expand info", method: "GET", path: "/connectors?expand=info"},
		{name: "list, expand both", method: "GET", path: "/connectors?expand=status&expand=info&expand=bogus"},
		{name: "info", method: "GET", path: "/connectors/{n}src"},
		{name: "info, trailing slash", method: "GET", path: "/connectors/{n}src/"},
		{name: "config", method: "GET", path: "/connectors/{n}src/config"},
		{name: "status", method: "GET", path: "/connectors/{n}src/status"},
		{name: "tasks", method: "GET", path: "/connectors/{n}src/tasks"},
		{name: "task status", method: "GET", path: "/connectors/{n}src/tasks/0/status"},
		{name: "unknown task status", method: "GET", path: "/connectors/{n}src/tasks/5/status"},
		{name: "non-numeric task", method: "GET", path: "/connectors/{n}src/tasks/abc/status"},
		{name: "sink tasks", method: "GET", path: "/connectors/{n}sink/tasks"},
		{name: "active topics", method: "GET", path: "/connectors/{n}src/topics",
			before: func(t *testing.T, s side) { waitTopics(t, s, s.token+"src") }},
		{name: "reset topics", method: "PUT", path: "/connectors/{n}src/topics/reset"},
		{name: "topics after reset", method: "GET", path: "/connectors/{n}src/topics"},

		// Lifecycle.
		{name: "pause", method: "PUT", path: "/connectors/{n}src/pause", after: stateIs("src", "PAUSED", 1)},
		{name: "paused status", method: "GET", path: "/connectors/{n}src/status"},
		{name: "resume", method: "PUT", path: "/connectors/{n}src/resume", after: running(1)},
		{name: "restart connector", method: "POST", path: "/connectors/{n}src/restart", after: running(1)},
		{name: "restart with tasks", method: "POST", path: "/connectors/{n}src/restart?includeTasks=true",
			after: running(1)},
		{name: "restart only failed", method: "POST", path: "/connectors/{n}src/restart?includeTasks=true&onlyFailed=true"},
		{name: "restart task", method: "POST", path: "/connectors/{n}src/tasks/0/restart?forward=true", after: running(1)},
		{name: "patch config", method: "PATCH", path: "/connectors/{n}src/config",
			body: `{"batch.size":"100","file":"{dir}/{n}-in.txt"}`, after: running(1)},
		{name: "patch removes a key", method: "PATCH", path: "/connectors/{n}src/config", body: `{"batch.size":null}`,
			after: running(1)},
		{name: "put config, name mismatch", method: "PUT", path: "/connectors/{n}src/config",
			body: `{"connector.class":"FileStreamSource","topic":"t","name":"other"}`},
		{name: "put config, bad value", method: "PUT", path: "/connectors/{n}src/config",
			body: `{"connector.class":"FileStreamSource","topic":"t","tasks.max":"-1"}`},
		{name: "put config creates", method: "PUT", path: "/connectors/{n}put/config", body: sinkCfg,
			after: func(t *testing.T, s side) { waitStatus(t, s, s.token+"put", allIn("RUNNING", 1)) }},
		{name: "put config updates", method: "PUT", path: "/connectors/{n}put/config", body: sinkCfg},
		{name: "delete created by put", method: "DELETE", path: "/connectors/{n}put"},

		// Offsets (KIP-875).
		{name: "offsets while running", method: "GET", path: "/connectors/{n}src/offsets", mode: shape},
		{name: "alter offsets while running", method: "PATCH", path: "/connectors/{n}src/offsets",
			body: `{"offsets":[{"partition":{"filename":"{dir}/{n}-in.txt"},"offset":{"position":6}}]}`},
		{name: "reset offsets while running", method: "DELETE", path: "/connectors/{n}src/offsets"},
		{name: "stop", method: "PUT", path: "/connectors/{n}src/stop", after: stateIs("src", "STOPPED", 0)},
		{name: "stopped status", method: "GET", path: "/connectors/{n}src/status"},
		{name: "stopped tasks", method: "GET", path: "/connectors/{n}src/tasks"},
		{name: "alter with no offsets", method: "PATCH", path: "/connectors/{n}src/offsets", body: `{"offsets":[]}`},
		{name: "alter source offsets", method: "PATCH", path: "/connectors/{n}src/offsets",
			body: `{"offsets":[{"partition":{"filename":"{dir}/{n}-in.txt"},"offset":{"position":6}}]}`},
		{name: "altered source offsets", method: "GET", path: "/connectors/{n}src/offsets"},
		{name: "reset source offsets", method: "DELETE", path: "/connectors/{n}src/offsets"},
		{name: "source offsets after reset", method: "GET", path: "/connectors/{n}src/offsets"},
		{name: "stop sink", method: "PUT", path: "/connectors/{n}sink/stop", after: stateIs("sink", "STOPPED", 0)},
		{name: "sink offsets, partition missing", method: "PATCH", path: "/connectors/{n}sink/offsets",
			body: `{"offsets":[{"offset":{"kafka_offset":1}}]}`},
		{name: "sink offsets, keys missing", method: "PATCH", path: "/connectors/{n}sink/offsets",
			body: `{"offsets":[{"partition":{"kafka_topic":"{n}-lines"},"offset":{"kafka_offset":1}}]}`},
		{name: "sink offsets, bad partition", method: "PATCH", path: "/connectors/{n}sink/offsets",
			body: `{"offsets":[{"partition":{"kafka_topic":"{n}-lines","kafka_partition":"x"},"offset":{"kafka_offset":1}}]}`},
		{name: "sink offsets, bad offset", method: "PATCH", path: "/connectors/{n}sink/offsets",
			body: `{"offsets":[{"partition":{"kafka_topic":"{n}-lines","kafka_partition":0},"offset":{"position":1}}]}`},
		{name: "alter sink offsets", method: "PATCH", path: "/connectors/{n}sink/offsets",
			body: `{"offsets":[{"partition":{"kafka_topic":"{n}-lines","kafka_partition":0},"offset":{"kafka_offset":2}}]}`},
		{name: "altered sink offsets", method: "GET", path: "/connectors/{n}sink/offsets"},
		{name: "resume stopped", method: "PUT", path: "/connectors/{n}src/resume", after: running(1)},

		// Unknown connectors and bad requests.
		{name: "get unknown", method: "GET", path: "/connectors/nope"},
		{name: "status unknown", method: "GET", path: "/connectors/nope/status"},
		{name: "config unknown", method: "GET", path: "/connectors/nope/config"},
		{name: "tasks unknown", method: "GET", path: "/connectors/nope/tasks"},
		{name: "task status unknown", method: "GET", path: "/connectors/nope/tasks/0/status"},
		{name: "offsets unknown", method: "GET", path: "/connectors/nope/offsets"},
		{name: "reset offsets unknown", method: "DELETE", path: "/connectors/nope/offsets"},
		{name: "alter offsets unknown", method: "PATCH", path: "/connectors/nope/offsets",
			body: `{"offsets":[{"partition":{"a":1},"offset":{"b":2}}]}`},
		{name: "patch unknown", method: "PATCH", path: "/connectors/nope/config", body: `{"a":"b"}`},
		{name: "topics unknown", method: "GET", path: "/connectors/nope/topics"},
		{name: "pause unknown", method: "PUT", path: "/connectors/nope/pause"},
		{name: "resume unknown", method: "PUT", path: "/connectors/nope/resume"},
		{name: "stop unknown", method: "PUT", path: "/connectors/nope/stop", differs: whyNPE404, sluiceCode: 404},
		{name: "restart unknown", method: "POST", path: "/connectors/nope/restart", differs: whyNPE404, sluiceCode: 404},
		{name: "restart unknown with tasks", method: "POST", path: "/connectors/nope/restart?includeTasks=true"},
		{name: "restart unknown task", method: "POST", path: "/connectors/nope/tasks/0/restart", differs: whyNPE404,
			sluiceCode: 404},
		{name: "delete unknown", method: "DELETE", path: "/connectors/nope"},
		{name: "unknown path", method: "GET", path: "/nope"},
		{name: "wrong method", method: "DELETE", path: "/connectors"},
		{name: "not acceptable", method: "GET", path: "/connectors", accept: "text/plain"},

		// Loggers.
		{name: "loggers", method: "GET", path: "/admin/loggers", mode: shape, differs: whyLoggers, sluiceCode: 200},
		{name: "root logger", method: "GET", path: "/admin/loggers/root"},
		{name: "unknown logger", method: "GET", path: "/admin/loggers/restdiff.nothing"},
		{name: "set level", method: "PUT", path: "/admin/loggers/restdiff.test", body: `{"level":"DEBUG"}`},
		{name: "set same level", method: "PUT", path: "/admin/loggers/restdiff.test", body: `{"level":"debug"}`},
		{name: "get set logger", method: "GET", path: "/admin/loggers/restdiff.test"},
		{name: "invalid level", method: "PUT", path: "/admin/loggers/restdiff.test", body: `{"level":"LOUD"}`},
		{name: "no level", method: "PUT", path: "/admin/loggers/restdiff.test", body: `{}`},
		{name: "cluster scope", method: "PUT", path: "/admin/loggers/restdiff.test?scope=cluster", body: `{"level":"INFO"}`},

		// Deletion.
		{name: "restart unknown task of stopped", method: "POST", path: "/connectors/{n}stopped/tasks/7/restart",
			differs: whyPhantomTask, sluiceCode: 404},
		{name: "delete stopped", method: "DELETE", path: "/connectors/{n}stopped"},
		{name: "delete sink", method: "DELETE", path: "/connectors/{n}sink"},
		{name: "delete source", method: "DELETE", path: "/connectors/{n}src"},
		{name: "deleted status", method: "GET", path: "/connectors/{n}src/status"},
		{name: "none left", method: "GET", path: "/connectors"},
	}
}
