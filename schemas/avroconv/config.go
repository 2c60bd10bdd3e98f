package avroconv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/connect/config"
)

// Configuration keys, as Confluent's AvroConverterConfig, AbstractKafkaSchemaSerDeConfig and AvroDataConfig name
// them. They arrive without the key.converter. / value.converter. prefix.
const (
	RegistryURLConfig         = "schema.registry.url"
	AutoRegisterConfig        = "auto.register.schemas"
	UseLatestVersionConfig    = "use.latest.version"
	LatestCompatStrictConfig  = "latest.compatibility.strict"
	NormalizeSchemasConfig    = "normalize.schemas"
	KeySubjectStrategyConfig  = "key.subject.name.strategy"
	ValSubjectStrategyConfig  = "value.subject.name.strategy"
	BasicAuthSourceConfig     = "basic.auth.credentials.source"
	BasicAuthUserInfoConfig   = "basic.auth.user.info"
	LegacyUserInfoConfig      = "schema.registry.basic.auth.user.info"
	BearerAuthSourceConfig    = "bearer.auth.credentials.source"
	BearerAuthTokenConfig     = "bearer.auth.token"
	ConnectMetaDataConfig     = "connect.meta.data"
	EnhancedAvroSchemaConfig  = "enhanced.avro.schema.support"
	ScrubInvalidNamesConfig   = "scrub.invalid.names"
	SchemasCacheSizeConfig    = "schemas.cache.size"
	RequestTimeoutConfig      = "sluice.schema.registry.request.timeout.ms"
	subjectStrategyPackage    = "io.confluent.kafka.serializers.subject."
	topicNameStrategy         = subjectStrategyPackage + "TopicNameStrategy"
	recordNameStrategy        = subjectStrategyPackage + "RecordNameStrategy"
	topicRecordNameStrategy   = subjectStrategyPackage + "TopicRecordNameStrategy"
	defaultRequestTimeout     = 30 * time.Second
	defaultSchemasCacheSize   = 1000
	basicAuthSourceURL        = "URL"
	basicAuthSourceUserInfo   = "USER_INFO"
	bearerAuthSourceStatic    = "STATIC_TOKEN"
	defaultBasicAuthSource    = basicAuthSourceURL
	defaultBearerSourceStatic = bearerAuthSourceStatic
)

// Strategy is a subject name strategy: which registry subject a record's schema belongs to.
type Strategy uint8

const (
	// TopicName uses "<topic>-key" / "<topic>-value" (Confluent's default).
	TopicName Strategy = iota
	// RecordName uses the record's full name.
	RecordName
	// TopicRecordName uses "<topic>-<record full name>".
	TopicRecordName
)

// Config is a parsed, validated AvroConverter configuration.
type Config struct {
	URLs               []string
	AutoRegister       bool
	UseLatestVersion   bool
	LatestCompatStrict bool
	Normalize          bool
	KeyStrategy        Strategy
	ValueStrategy      Strategy
	BasicAuthUserInfo  string
	BearerToken        string
	ConnectMetaData    bool
	EnhancedSchema     bool
	ScrubInvalidNames  bool
	SchemasCacheSize   int
	RequestTimeout     time.Duration
}

func (c Config) data() dataConfig {
	return dataConfig{connectMetaData: c.ConnectMetaData, enhanced: c.EnhancedSchema, scrubNames: c.ScrubInvalidNames}
}

// ParseConfig reads converter properties, reporting every problem at once. Unknown keys are ignored, as
// Confluent's converter passes them through to its serializer.
func ParseConfig(props map[string]string) (Config, error) {
	c := Config{AutoRegister: true, LatestCompatStrict: true, ConnectMetaData: true,
		SchemasCacheSize: defaultSchemasCacheSize, RequestTimeout: defaultRequestTimeout}
	var errs []error
	boolean := func(key string, dst *bool) {
		v, ok := props[key]
		if !ok {
			return
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			*dst = true
		case "false":
			*dst = false
		default:
			errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: Expected value to be either true or false", v, key))
		}
	}
	for _, u := range strings.Split(props[RegistryURLConfig], ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.URLs = append(c.URLs, strings.TrimRight(u, "/"))
		}
	}
	if len(c.URLs) == 0 {
		errs = append(errs, fmt.Errorf("Missing required configuration \"%s\" which has no default value.", RegistryURLConfig))
	}
	boolean(AutoRegisterConfig, &c.AutoRegister)
	boolean(UseLatestVersionConfig, &c.UseLatestVersion)
	boolean(LatestCompatStrictConfig, &c.LatestCompatStrict)
	boolean(NormalizeSchemasConfig, &c.Normalize)
	boolean(ConnectMetaDataConfig, &c.ConnectMetaData)
	boolean(EnhancedAvroSchemaConfig, &c.EnhancedSchema)
	boolean(ScrubInvalidNamesConfig, &c.ScrubInvalidNames)
	strategy := func(key string, dst *Strategy) {
		v, ok := props[key]
		if !ok {
			return
		}
		switch strings.TrimSpace(v) {
		case topicNameStrategy, "TopicNameStrategy":
			*dst = TopicName
		case recordNameStrategy, "RecordNameStrategy":
			*dst = RecordName
		case topicRecordNameStrategy, "TopicRecordNameStrategy":
			*dst = TopicRecordName
		default:
			errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: Class %s could not be found.", v, key, v))
		}
	}
	strategy(KeySubjectStrategyConfig, &c.KeyStrategy)
	strategy(ValSubjectStrategyConfig, &c.ValueStrategy)
	if v, ok := props[SchemasCacheSizeConfig]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: Not a number of type INT", v, SchemasCacheSizeConfig))
		} else {
			c.SchemasCacheSize = n
		}
	}
	if v, ok := props[RequestTimeoutConfig]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: Not a positive number", v, RequestTimeoutConfig))
		} else {
			c.RequestTimeout = time.Duration(n) * time.Millisecond
		}
	}
	source := props[BasicAuthSourceConfig]
	if source == "" {
		source = defaultBasicAuthSource
	}
	switch source {
	case basicAuthSourceURL:
		// Credentials, if any, are the URL's user info.
		for i, u := range c.URLs {
			if info, rest, ok := cutUserInfo(u); ok {
				c.BasicAuthUserInfo, c.URLs[i] = info, rest
			}
		}
	case basicAuthSourceUserInfo:
		c.BasicAuthUserInfo = props[BasicAuthUserInfoConfig]
		if c.BasicAuthUserInfo == "" {
			c.BasicAuthUserInfo = props[LegacyUserInfoConfig]
		}
	default:
		errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: supported sources are URL and USER_INFO", source, BasicAuthSourceConfig))
	}
	// A bearer token is sent when one is configured; STATIC_TOKEN (the default source) is the only source Sluice
	// supports.
	if src := props[BearerAuthSourceConfig]; src != "" && src != bearerAuthSourceStatic {
		errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: the supported source is STATIC_TOKEN", src, BearerAuthSourceConfig))
	}
	c.BearerToken = props[BearerAuthTokenConfig]
	if c.BearerToken != "" && c.BasicAuthUserInfo != "" {
		errs = append(errs, errors.New("set either basic auth or bearer auth for the schema registry, not both"))
	}
	return c, errors.Join(errs...)
}

// cutUserInfo splits "http://user:pass@host" into the user info and the URL without it.
func cutUserInfo(u string) (info, rest string, ok bool) {
	scheme, hostPart, found := strings.Cut(u, "://")
	if !found {
		return "", u, false
	}
	at := strings.LastIndexByte(strings.SplitN(hostPart, "/", 2)[0], '@')
	if at < 0 {
		return "", u, false
	}
	return hostPart[:at], scheme + "://" + hostPart[at+1:], true
}

// ConfigDef describes the converter's settings for GET /connector-plugins/{plugin}/config.
func ConfigDef() *config.Def {
	return config.NewDef().Define(
		config.Key{Name: RegistryURLConfig, Type: config.TypeList, Default: config.NoDefault,
			Importance: config.ImportanceHigh, Doc: "Comma-separated list of URLs for Schema Registry instances " +
				"that can be used to register or look up schemas."},
		config.Key{Name: AutoRegisterConfig, Type: config.TypeBoolean, Default: true,
			Importance: config.ImportanceMedium, Doc: "Specify if the Serializer should attempt to register the " +
				"Schema with Schema Registry"},
		config.Key{Name: UseLatestVersionConfig, Type: config.TypeBoolean, Default: false,
			Importance: config.ImportanceLow, Doc: "Specify if the Serializer should use the latest subject " +
				"version for serialization"},
		config.Key{Name: LatestCompatStrictConfig, Type: config.TypeBoolean, Default: true,
			Importance: config.ImportanceLow, Doc: "Specify if the Serializer should check the backwards " +
				"compatibility with the latest subject version when using use.latest.version=true"},
		config.Key{Name: KeySubjectStrategyConfig, Type: config.TypeString, Default: topicNameStrategy,
			Importance: config.ImportanceMedium, Doc: "Determines how to construct the subject name under " +
				"which the key schema is registered with the schema registry."},
		config.Key{Name: ValSubjectStrategyConfig, Type: config.TypeString, Default: topicNameStrategy,
			Importance: config.ImportanceMedium, Doc: "Determines how to construct the subject name under " +
				"which the value schema is registered with the schema registry."},
		config.Key{Name: BasicAuthSourceConfig, Type: config.TypeString, Default: defaultBasicAuthSource,
			Importance: config.ImportanceMedium, Doc: "Specify how to pick the credentials for the Basic " +
				"Authentication header. The supported values are URL, USER_INFO and SASL_INHERIT"},
		config.Key{Name: BasicAuthUserInfoConfig, Type: config.TypePassword, Default: "",
			Importance: config.ImportanceMedium, Doc: "Specify the user info for the Basic Authentication in " +
				"the form of {username}:{password}"},
		config.Key{Name: BearerAuthSourceConfig, Type: config.TypeString, Default: defaultBearerSourceStatic,
			Importance: config.ImportanceMedium, Doc: "Specify how to pick the credentials for the Bearer " +
				"Authentication header."},
		config.Key{Name: BearerAuthTokenConfig, Type: config.TypePassword, Default: "",
			Importance: config.ImportanceMedium, Doc: "Specify the Bearer token to be used for authentication"},
		config.Key{Name: ConnectMetaDataConfig, Type: config.TypeBoolean, Default: true,
			Importance: config.ImportanceLow, Doc: "Toggle for enabling/disabling connect converter to add its " +
				"meta data to the output schema or not"},
		config.Key{Name: EnhancedAvroSchemaConfig, Type: config.TypeBoolean, Default: false,
			Importance: config.ImportanceLow, Doc: "Toggle for enabling/disabling enhanced avro schema support: " +
				"Enum symbol preservation and Package Name awareness"},
		config.Key{Name: ScrubInvalidNamesConfig, Type: config.TypeBoolean, Default: false,
			Importance: config.ImportanceLow, Doc: "Whether to scrub invalid names"},
		config.Key{Name: SchemasCacheSizeConfig, Type: config.TypeInt, Default: defaultSchemasCacheSize,
			Importance: config.ImportanceLow, Doc: "Size of the converted schemas cache"},
	)
}
