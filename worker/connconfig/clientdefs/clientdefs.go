// Package clientdefs holds the configuration keys of Kafka's producer, consumer and admin clients (4.3.1), which
// Kafka Connect shows as the definitions of producer.override.*, consumer.override.* and admin.override.* keys
// in PUT /connector-plugins/{plugin}/config/validate and uses to parse their values. clientdefs.json is
// generated from Kafka's own ProducerConfig, ConsumerConfig and AdminClientConfig by gen.sh.
package clientdefs

import (
	_ "embed"
	"encoding/json"
	"sync"

	"github.com/sluice-connect/sluice/connect/config"
)

//go:embed clientdefs.json
var raw []byte

type key struct {
	Name       string   `json:"name"`
	Type       string   `json:"type"`
	Required   bool     `json:"required"`
	Default    *string  `json:"default"`
	Importance string   `json:"importance"`
	Doc        string   `json:"doc"`
	Group      *string  `json:"group"`
	Order      int      `json:"order"`
	Width      string   `json:"width"`
	Display    string   `json:"display"`
	Dependents []string `json:"dependents"`
}

var load = sync.OnceValue(func() map[string][]config.Key {
	var m map[string][]key
	if err := json.Unmarshal(raw, &m); err != nil {
		panic("clientdefs: " + err.Error()) // the embedded file is generated and tested
	}
	out := make(map[string][]config.Key, len(m))
	for client, keys := range m {
		ks := make([]config.Key, len(keys))
		for i, k := range keys {
			ks[i] = k.toKey()
		}
		out[client] = ks
	}
	return out
})

var types = map[string]config.Type{"BOOLEAN": config.TypeBoolean, "STRING": config.TypeString, "INT": config.TypeInt,
	"SHORT": config.TypeShort, "LONG": config.TypeLong, "DOUBLE": config.TypeDouble, "LIST": config.TypeList,
	"CLASS": config.TypeClass, "PASSWORD": config.TypePassword}

var importances = map[string]config.Importance{"HIGH": config.ImportanceHigh, "MEDIUM": config.ImportanceMedium,
	"LOW": config.ImportanceLow}

var widths = map[string]config.Width{"NONE": config.WidthNone, "SHORT": config.WidthShort,
	"MEDIUM": config.WidthMedium, "LONG": config.WidthLong}

func (k key) toKey() config.Key {
	c := config.Key{Name: k.Name, Type: types[k.Type], Importance: importances[k.Importance], Doc: k.Doc,
		OrderInGroup: k.Order, Width: widths[k.Width], DisplayName: k.Display, Dependents: k.Dependents}
	switch {
	case k.Required:
		c.Default = config.NoDefault
	case k.Default == nil:
		c.Default = nil
	default:
		c.Default = *k.Default
	}
	if k.Group != nil {
		c.Group = *k.Group
	}
	return c
}

// Producer returns the producer's keys in Kafka's definition order.
func Producer() []config.Key { return load()["producer"] }

// Consumer returns the consumer's keys in Kafka's definition order.
func Consumer() []config.Key { return load()["consumer"] }

// Admin returns the admin client's keys in Kafka's definition order.
func Admin() []config.Key { return load()["admin"] }
