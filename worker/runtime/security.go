package runtime

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// securityOpts translates Kafka's client security settings — security.protocol, sasl.mechanism with
// sasl.jaas.config (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and PEM trust and key stores — into franz-go options.
// What franz-go or Sluice cannot do (GSSAPI, OAUTHBEARER, JKS and PKCS12 stores, encrypted keys) is refused with a
// message naming the key, never silently ignored: a worker that cannot authenticate should not start tasks that
// fail later. Invariant 6: messages never quote secrets.
func securityOpts(props map[string]string) ([]kgo.Opt, error) {
	protocol := strings.ToUpper(strings.TrimSpace(props["security.protocol"]))
	var useTLS, useSASL bool
	switch protocol {
	case "", "PLAINTEXT":
	case "SSL":
		useTLS = true
	case "SASL_PLAINTEXT":
		useSASL = true
	case "SASL_SSL":
		useTLS, useSASL = true, true
	default:
		return nil, fmt.Errorf("Invalid value %s for configuration security.protocol: String must be one of: "+
			"PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", props["security.protocol"])
	}
	var opts []kgo.Opt
	if useTLS {
		cfg, err := tlsConfig(props)
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.DialTLSConfig(cfg))
	}
	if useSASL {
		m, err := saslMechanism(props)
		if err != nil {
			return nil, err
		}
		opts = append(opts, kgo.SASL(m))
	}
	return opts, nil
}

// jaasOption matches key=value pairs of a JAAS login module line; values may be quoted.
var jaasOption = regexp.MustCompile(`([A-Za-z_][\w.]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))`)

func saslMechanism(props map[string]string) (sasl.Mechanism, error) {
	mech := strings.TrimSpace(props["sasl.mechanism"])
	if mech == "" {
		mech = "GSSAPI" // Kafka's default
	}
	jaas := props["sasl.jaas.config"]
	creds := map[string]string{}
	for _, m := range jaasOption.FindAllStringSubmatch(jaas, -1) {
		v := m[3]
		if m[2] != "" || m[3] == "" {
			v = strings.NewReplacer(`\"`, `"`, `\\`, `\`).Replace(m[2])
		}
		creds[m[1]] = v
	}
	user, pass := creds["username"], creds["password"]
	needCreds := func(module string) error {
		if !strings.Contains(jaas, module) || user == "" {
			return fmt.Errorf("Invalid value [hidden] for configuration sasl.jaas.config: sasl.mechanism %s needs "+
				"%s required username=\"...\" password=\"...\";", mech, module)
		}
		return nil
	}
	switch mech {
	case "PLAIN":
		if err := needCreds("PlainLoginModule"); err != nil {
			return nil, err
		}
		return plain.Auth{User: user, Pass: pass}.AsMechanism(), nil
	case "SCRAM-SHA-256", "SCRAM-SHA-512":
		if err := needCreds("ScramLoginModule"); err != nil {
			return nil, err
		}
		a := scram.Auth{User: user, Pass: pass, IsToken: creds["tokenauth"] == "true"}
		if mech == "SCRAM-SHA-256" {
			return a.AsSha256Mechanism(), nil
		}
		return a.AsSha512Mechanism(), nil
	}
	return nil, fmt.Errorf("Invalid value %s for configuration sasl.mechanism: Sluice supports PLAIN, SCRAM-SHA-256 "+
		"and SCRAM-SHA-512", mech)
}

func tlsConfig(props map[string]string) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	pemOnly := func(typeKey, locKey string) error {
		t := strings.ToUpper(strings.TrimSpace(props[typeKey]))
		if t != "PEM" && (props[locKey] != "" || t != "") {
			return fmt.Errorf("Invalid value %s for configuration %s: Sluice reads PEM stores only (set %s=PEM)",
				orDefault(props[typeKey], "JKS"), typeKey, typeKey)
		}
		return nil
	}
	// Trust store: PEM certificates inline or in a file; without one, the system's roots.
	if props["ssl.truststore.certificates"] != "" || props["ssl.truststore.location"] != "" || props["ssl.truststore.type"] != "" {
		if err := pemOnly("ssl.truststore.type", "ssl.truststore.location"); err != nil {
			return nil, err
		}
		data := []byte(props["ssl.truststore.certificates"])
		if loc := props["ssl.truststore.location"]; loc != "" {
			b, err := os.ReadFile(loc)
			if err != nil {
				return nil, fmt.Errorf("Invalid value %s for configuration ssl.truststore.location: %w", loc, err)
			}
			data = b
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(data) {
			return nil, errors.New("Invalid value for configuration ssl.truststore.certificates: no PEM certificate found")
		}
		cfg.RootCAs = pool
	}
	// Key store (mutual TLS): PEM chain and unencrypted key, inline or in one file.
	if props["ssl.keystore.certificate.chain"] != "" || props["ssl.keystore.location"] != "" || props["ssl.keystore.type"] != "" {
		if err := pemOnly("ssl.keystore.type", "ssl.keystore.location"); err != nil {
			return nil, err
		}
		if props["ssl.key.password"] != "" {
			return nil, errors.New("Invalid value [hidden] for configuration ssl.key.password: encrypted private keys " +
				"are not supported; give an unencrypted PEM key")
		}
		chain, key := []byte(props["ssl.keystore.certificate.chain"]), []byte(props["ssl.keystore.key"])
		if loc := props["ssl.keystore.location"]; loc != "" {
			b, err := os.ReadFile(loc)
			if err != nil {
				return nil, fmt.Errorf("Invalid value %s for configuration ssl.keystore.location: %w", loc, err)
			}
			chain, key = b, b
		}
		cert, err := tls.X509KeyPair(chain, key)
		if err != nil {
			return nil, fmt.Errorf("Invalid value [hidden] for configuration ssl.keystore.key: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	// An empty ssl.endpoint.identification.algorithm turns off host name checks, not chain checks.
	if v, ok := props["ssl.endpoint.identification.algorithm"]; ok && strings.TrimSpace(v) == "" {
		roots := cfg.RootCAs
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("the broker sent no certificate")
			}
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
			return err
		}
	}
	return cfg, nil
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
