package runtime

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/sluice-connect/sluice/worker/storage"
)

// secureWorker runs a file round trip against a kfake cluster built with opts, the worker's clients configured by
// the given Kafka client properties (applied to producer.*, consumer.* and admin.*).
func secureRoundTrip(t *testing.T, clusterOpts []kfake.Opt, client map[string]string) {
	t.Helper()
	c, err := kfake.NewCluster(append([]kfake.Opt{kfake.NumBrokers(1), kfake.AllowAutoTopicCreation()}, clusterOpts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	props := map[string]string{
		"bootstrap.servers":        strings.Join(c.ListenAddrs(), ","),
		"key.converter":            "org.apache.kafka.connect.storage.StringConverter",
		"value.converter":          "org.apache.kafka.connect.storage.StringConverter",
		"offset.flush.interval.ms": "100",
	}
	for k, v := range client {
		for _, p := range []string{"producer.", "consumer.", "admin."} {
			props[p+k] = v
		}
	}
	cfg, err := ParseConfig(props)
	if err != nil {
		t.Fatal(err)
	}
	reg := testRegistry(t)
	st := newStatuses()
	w, err := New(t.Context(), cfg, reg, storage.NewMemory(), st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	in, out := tempFile(t, "in.txt"), tempFile(t, "out.txt")
	writeLines(t, in, 0, 100)
	start(t, w, parse(t, reg, map[string]string{"name": "src", "connector.class": "FileStreamSource", "file": in,
		"topic": "sec", "topic.creation.default.partitions": "2", "topic.creation.default.replication.factor": "1"}))
	start(t, w, parse(t, reg, map[string]string{"name": "snk", "connector.class": "FileStreamSink", "file": out,
		"topics": "sec"}))
	waitFor(t, "records through the secured cluster", func() bool { return countLines(out) == 100 }, st)
}

func TestSASL(t *testing.T) {
	for _, mech := range []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"} {
		t.Run(mech, func(t *testing.T) {
			module := "org.apache.kafka.common.security.scram.ScramLoginModule"
			if mech == "PLAIN" {
				module = "org.apache.kafka.common.security.plain.PlainLoginModule"
			}
			secureRoundTrip(t, []kfake.Opt{kfake.EnableSASL(), kfake.Superuser(mech, "alice", `s3"cret`)},
				map[string]string{"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": mech,
					"sasl.jaas.config": module + ` required username="alice" password="s3\"cret";`})
		})
	}
}

func TestTLS(t *testing.T) {
	caPEM, server := testCertificates(t)
	secureRoundTrip(t, []kfake.Opt{kfake.TLS(&tls.Config{Certificates: []tls.Certificate{server}})},
		map[string]string{"security.protocol": "SSL", "ssl.truststore.type": "PEM", "ssl.truststore.certificates": caPEM})
}

// testCertificates makes a CA and a server certificate for 127.0.0.1 signed by it.
func testCertificates(t *testing.T) (caPEM string, server tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "broker"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})),
		tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestSecurityErrors: what cannot be honoured is refused with the key named and no secret quoted.
func TestSecurityErrors(t *testing.T) {
	for _, c := range []struct {
		props map[string]string
		want  string
	}{
		{map[string]string{"security.protocol": "TLS"}, "Invalid value TLS for configuration security.protocol"},
		{map[string]string{"security.protocol": "SASL_PLAINTEXT"}, "Invalid value GSSAPI for configuration sasl.mechanism"},
		{map[string]string{"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
			"sasl.jaas.config": "nonsense password=topsecret"}, "Invalid value [hidden] for configuration sasl.jaas.config"},
		{map[string]string{"security.protocol": "SSL", "ssl.truststore.location": "/x.jks"},
			"Invalid value JKS for configuration ssl.truststore.type"},
		{map[string]string{"security.protocol": "SSL", "ssl.keystore.type": "PEM", "ssl.key.password": "topsecret"},
			"Invalid value [hidden] for configuration ssl.key.password"},
	} {
		_, err := securityOpts(c.props)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.props, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "topsecret") {
			t.Errorf("a secret leaked: %v", err)
		}
	}
}
