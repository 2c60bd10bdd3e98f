package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
)

// The worker keys of Kafka's RestServerConfig and WorkerConfig that decide how the REST API is served.
const (
	keyAdvertisedHost     = "rest.advertised.host.name"
	keyAdvertisedPort     = "rest.advertised.port"
	keyAdvertisedListener = "rest.advertised.listener"
	keyAdminListeners     = "admin.listeners"
	keyTopicTracking      = "topic.tracking.enable"
	keyTopicTrackingReset = "topic.tracking.allow.reset"
)

// restDef defines those keys with Kafka 4.3.1's types, defaults and validation messages.
var restDef = config.NewDef().Define(
	config.Key{Name: keyListeners, Type: config.TypeList, Default: "http://:8083", Importance: config.ImportanceLow,
		Validator: config.Func(validateListeners,
			"List of comma-separated URLs, ex: http://localhost:8080,https://localhost:8443."),
		Doc: "List of comma-separated URIs the REST API will listen on. The supported protocols are HTTP and " +
			"HTTPS.\n Specify hostname as 0.0.0.0 to bind to all interfaces.\n Leave hostname empty to bind to " +
			"default interface.\n Examples of legal listener lists: HTTP://myhost:8083,HTTPS://myhost:8084"},
	config.Key{Name: keyAdvertisedHost, Type: config.TypeString, Default: nil, Importance: config.ImportanceLow,
		Doc: "If this is set, this is the hostname that will be given out to other workers to connect to."},
	config.Key{Name: keyAdvertisedPort, Type: config.TypeInt, Default: nil, Importance: config.ImportanceLow,
		Doc: "If this is set, this is the port that will be given out to other workers to connect to."},
	config.Key{Name: keyAdvertisedListener, Type: config.TypeString, Default: nil, Importance: config.ImportanceLow,
		Doc: "Sets the advertised listener (HTTP or HTTPS) which will be given to other workers to use."},
	config.Key{Name: keyAdminListeners, Type: config.TypeList, Default: nil, Importance: config.ImportanceLow,
		Doc: "List of comma-separated URIs the Admin REST API will listen on. The supported protocols are HTTP " +
			"and HTTPS. An empty or blank string will disable this feature. The default behavior is to use the " +
			"regular listener (specified by the 'listeners' property)."},
	config.Key{Name: keyTopicTracking, Type: config.TypeBoolean, Default: true, Importance: config.ImportanceLow,
		Doc: "Enable tracking the set of active topics per connector during runtime."},
	config.Key{Name: keyTopicTrackingReset, Type: config.TypeBoolean, Default: true, Importance: config.ImportanceLow,
		Doc: "If set to true, it allows user requests to reset the set of active topics per connector."},
)

// validateListeners is Kafka's RestServerConfig.ListenersValidator.
func validateListeners(_ string, value any) error {
	items, _ := value.([]string)
	if len(items) == 0 {
		return config.NewError(keyListeners,
			"Invalid value for listeners, at least one URL is expected, ex: http://localhost:8080,https://localhost:8443.")
	}
	for _, item := range items {
		if strings.TrimSpace(item) == "" {
			return config.NewError(keyListeners, "Empty URL found when parsing listeners list.")
		}
	}
	return nil
}

// listenerPattern is Kafka's RestServer.LISTENER_PATTERN, matched against a whole listener.
var listenerPattern = regexp.MustCompile(`^(.*)://\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$`)

// listener is one REST listener: where to bind ("" host = every interface, port 0 = any free port).
type listener struct{ host, port string }

func (l listener) address() string { return net.JoinHostPort(l.host, l.port) }

// restConfig is the parsed REST part of the worker configuration.
type restConfig struct {
	listeners                         []listener
	advertisedHost                    string
	advertisedPort                    int // 0: the first listener's bound port
	topicTracking, topicTrackingReset bool
}

// parseRESTConfig parses the REST keys, reporting every problem. HTTPS listeners and admin.listeners are
// refused rather than ignored: serving plain HTTP where TLS was asked for, or the admin endpoints where they
// were meant to be separate or disabled, would be worse than not starting.
func parseRESTConfig(props map[string]string) (restConfig, error) {
	vals, err := restDef.Parse(props)
	if err != nil {
		return restConfig{}, err
	}
	rc := restConfig{topicTracking: vals.Bool(keyTopicTracking), topicTrackingReset: vals.Bool(keyTopicTrackingReset)}
	var errs []error
	for _, l := range vals.List(keyListeners) {
		m := listenerPattern.FindStringSubmatch(l)
		if m == nil {
			errs = append(errs, config.NewError(keyListeners,
				"Listener doesn't have the right format (protocol://hostname:port)."))
			continue
		}
		switch strings.ToLower(m[1]) {
		case "http":
		case "https":
			errs = append(errs, config.NewError(keyListeners, fmt.Sprintf(
				"Listener %s: HTTPS listeners are not supported by Sluice yet; use an http:// listener", l)))
			continue
		default:
			errs = append(errs, config.NewError(keyListeners, `Listener protocol must be either "http" or "https".`))
			continue
		}
		port, err := strconv.Atoi(m[3])
		if err != nil || port < 0 || port > 65535 {
			errs = append(errs, config.NewError(keyListeners, fmt.Sprintf("Listener %s: port out of range", l)))
			continue
		}
		rc.listeners = append(rc.listeners, listener{host: m[2], port: m[3]})
	}
	if !vals.IsNull(keyAdminListeners) {
		errs = append(errs, config.NewError(keyAdminListeners, "admin.listeners is not supported by Sluice yet: "+
			"the /admin endpoints are served on listeners; remove admin.listeners to accept that"))
	}
	if !vals.IsNull(keyAdvertisedHost) {
		rc.advertisedHost = vals.String(keyAdvertisedHost)
	}
	if !vals.IsNull(keyAdvertisedPort) {
		rc.advertisedPort = int(vals.Int(keyAdvertisedPort))
	}
	return rc, errors.Join(errs...)
}

// advertisedURL is Kafka's RestServer.advertisedUrl for an HTTP worker: the advertised host name, else the
// first listener's host, else this machine's name, with the advertised port, else the port actually bound.
// The worker ID is its host:port.
func (rc restConfig) advertisedURL(bound *net.TCPAddr) string {
	host := rc.advertisedHost
	if host == "" {
		host = rc.listeners[0].host
	}
	if host == "" {
		host = localHostName()
	}
	port := rc.advertisedPort
	if port == 0 {
		port = bound.Port
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(port))
}

// localHostName stands in for Java's InetAddress.getLocalHost(): this machine's name. It is not resolved to
// an address, which could mean a DNS query at start-up for a value that only labels the worker.
func localHostName() string {
	if name, err := os.Hostname(); err == nil {
		return name
	}
	return "localhost"
}
