// Package preview runs a connector's transformation chain on sample records and reports the record after each
// stage, so that a user can try transforms and predicates before deploying them. No peer of Kafka Connect has
// this; Sluice serves it at POST /sluice/transforms/preview, a path Kafka's REST API cannot collide with.
//
// # Request
//
//	{
//	  "config": {                        the connector's transforms.* and predicates.* keys (others are ignored)
//	    "transforms": "hoist,route",
//	    "transforms.hoist.type": "org.apache.kafka.connect.transforms.HoistField$Value",
//	    "transforms.hoist.field": "line",
//	    "transforms.route.type": "RegexRouter", "transforms.route.regex": "(.*)-in", "transforms.route.replacement": "$1-out",
//	    "transforms.route.predicate": "isTomb", "transforms.route.negate": "true",
//	    "predicates": "isTomb", "predicates.isTomb.type": "RecordIsTombstone"
//	  },
//	  "records": [
//	    {"topic": "t-in", "partition": 0, "timestamp": 1700000000000,
//	     "key": "k1",                                       a value without a schema: plain JSON, read as
//	     "value": {"a": 1},                                 JsonConverter reads it with schemas.enable=false
//	     "value_schema": {"type": "struct", ...},           with a schema: JsonConverter's schema JSON, the
//	                                                        value then being the payload of its envelope
//	     "headers": [{"key": "h", "value": "x", "schema": {"type": "string"}}],
//	     "kafka_offset": 42}                                present: a sink record (InsertField's offset.field)
//	  ]
//	}
//
// # Response
//
// 200 with, per record, the input as Sluice read it and one entry per stage of the chain: whether its predicate
// let it run ("applied"), the record after it ("record", null when the stage dropped it), or the error it failed
// with ("error", with Kafka's processing stage TRANSFORMATION). The chain stops at a dropped record or an error.
// Records are written back in the request's form: schemas as JsonConverter's schema JSON, values as JsonConverter
// writes payloads (decimals in base64, dates as numbers).
//
// A malformed request or an invalid chain configuration is 400 {"error_code": 400, "message": ...,
// "errors": [...]} listing every problem. OpenAPI returns the endpoint's OpenAPI 3 description for the worker's
// document.
package preview
