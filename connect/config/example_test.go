package config_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/sluice-connect/sluice/connect/config"
)

// mqttSourceDef is the kind of Def a connector declares: grouped keys with validators, a secret, and a recommender
// that hides the password until a username is set.
func mqttSourceDef() *config.Def {
	const conn, sec = "Connection", "Security"
	return config.NewDef().Define(
		config.Key{Name: "mqtt.server.uri", Type: config.TypeList, Default: config.NoDefault,
			Validator: config.AnyNonDuplicateValues(false, false), Importance: config.ImportanceHigh,
			Doc: "MQTT broker URIs.", Group: conn, OrderInGroup: 1, Width: config.WidthLong, DisplayName: "Server URIs"},
		config.Key{Name: "mqtt.topics", Type: config.TypeList, Default: config.NoDefault,
			Validator: config.AnyNonDuplicateValues(false, false), Importance: config.ImportanceHigh,
			Doc: "MQTT topic filters.", Group: conn, OrderInGroup: 2, Width: config.WidthLong, DisplayName: "Topics"},
		config.Key{Name: "mqtt.qos", Type: config.TypeInt, Default: 1, Validator: config.Between(0, 2),
			Importance: config.ImportanceMedium, Doc: "Subscription QoS.", Group: conn, OrderInGroup: 3,
			Width: config.WidthShort, DisplayName: "QoS"},
		config.Key{Name: "mqtt.username", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
			Doc: "User name.", Group: sec, OrderInGroup: 1, Dependents: []string{"mqtt.password"}},
		config.Key{Name: "mqtt.password", Type: config.TypePassword, Default: nil, Importance: config.ImportanceMedium,
			Doc: "Password.", Group: sec, OrderInGroup: 2, Recommender: needsUser{}},
		config.Key{Name: "kafka.topic", Type: config.TypeString, Default: config.NoDefault,
			Validator: config.NonEmptyStringWithoutControlChars{}, Importance: config.ImportanceHigh,
			Doc: "Kafka topic to write to."},
	)
}

// needsUser shows the password key only once a user name is set.
type needsUser struct{}

func (needsUser) ValidValues(string, map[string]any) ([]any, error) { return nil, nil }

func (needsUser) Visible(_ string, parsed map[string]any) (bool, error) {
	return parsed["mqtt.username"] != nil, nil
}

func Example() {
	def := mqttSourceDef()

	vals, err := def.Parse(map[string]string{
		"mqtt.server.uri": "tcp://a:1883, tcp://b:1883",
		"mqtt.topics":     "sensors/#",
		"mqtt.password":   "s3cret",
		"kafka.topic":     "sensors",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(vals.List("mqtt.server.uri"), vals.Int("mqtt.qos"), vals.Password("mqtt.password"))

	_, err = def.Parse(map[string]string{"mqtt.server.uri": "", "mqtt.qos": "3", "kafka.topic": "bad\ttopic"})
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *config.Error
		errors.As(e, &ce)
		fmt.Printf("%s: %v\n", ce.Key, ce)
	}
	// Output:
	// [tcp://a:1883 tcp://b:1883] 1 [hidden]
	// mqtt.server.uri: Configuration 'mqtt.server.uri' must not be empty. Valid values include: any non-empty value
	// mqtt.topics: Missing required configuration "mqtt.topics" which has no default value.
	// mqtt.qos: Invalid value 3 for configuration mqtt.qos: Value must be no more than 2
	// kafka.topic: Invalid value bad	topic for configuration kafka.topic: String may not contain control sequences but had the following ASCII chars: 9
}

// The validation response for PUT /connector-plugins/{plugin}/config/validate, exactly as Kafka Connect writes it.
func ExampleDef_ValidateInfos() {
	def := config.NewDef().Define(
		config.Key{Name: "batch.size", Type: config.TypeInt, Default: 2000, Validator: config.AtLeast(1),
			Importance: config.ImportanceLow, Doc: "Records per poll."},
		config.Key{Name: "topics", Type: config.TypeList, Default: config.NoDefault, Importance: config.ImportanceHigh,
			Doc: "Topics.", Group: "Common", OrderInGroup: 1, Width: config.WidthLong, DisplayName: "Topics"},
	)
	infos := def.ValidateInfos("com.example.MySink", map[string]string{"batch.size": "0", "topics": "a, b"})
	b, _ := infos.MarshalJSON()
	os.Stdout.Write(append(b, '\n'))
	// Output:
	// {"name":"com.example.MySink","error_count":1,"groups":["Common"],"configs":[{"definition":{"name":"batch.size","type":"INT","required":false,"default_value":"2000","importance":"LOW","documentation":"Records per poll.","group":null,"order_in_group":-1,"width":"NONE","display_name":"batch.size","dependents":[]},"value":{"name":"batch.size","value":"0","recommended_values":[],"errors":["Invalid value 0 for configuration batch.size: Value must be at least 1"],"visible":true}},{"definition":{"name":"topics","type":"LIST","required":true,"default_value":null,"importance":"HIGH","documentation":"Topics.","group":"Common","order_in_group":1,"width":"LONG","display_name":"Topics","dependents":[]},"value":{"name":"topics","value":"a,b","recommended_values":[],"errors":[],"visible":true}}]}
}

func ExampleDef_Embed() {
	ssl := config.NewDef().Define(
		config.Key{Name: "port", Type: config.TypeInt, Default: 8883, Validator: config.Between(1, 65535),
			Importance: config.ImportanceLow, Group: "Listener", OrderInGroup: 1},
	)
	def := config.NewDef().Embed("broker.", "Broker", 0, ssl)
	k, _ := def.Key("broker.port")
	fmt.Println(k.Name, k.Group, k.OrderInGroup)
	_, err := def.Parse(map[string]string{"broker.port": "0"})
	fmt.Println(err) // Kafka's embedded validators name the unprefixed key
	// Output:
	// broker.port Broker: Listener 0
	// Invalid value 0 for configuration port: Value must be at least 1
}
