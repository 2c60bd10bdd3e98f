package cluster

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestSignMatchesKafka(t *testing.T) {
	g := loadGolden(t)
	for _, c := range g.Signatures {
		h := http.Header{}
		k := SessionKey{Algorithm: c.Algorithm, Key: c.Key}
		if err := k.Sign(h, c.Algorithm, c.Body); err != nil {
			t.Fatal(err)
		}
		if got := h.Get(SignatureHeader); got != c.Signature {
			t.Errorf("%s over %q: %s, Kafka %s", c.Algorithm, c.Body, got, c.Signature)
		}
		if got := h.Get(SignatureAlgorithmHeader); got != c.Algorithm {
			t.Errorf("algorithm header %q, want %q", got, c.Algorithm)
		}
		if err := VerifySignature(h, c.Body, &k, []string{c.Algorithm}); err != nil {
			t.Errorf("%s: own signature refused: %v", c.Algorithm, err)
		}
	}
}

func TestGeneratedKeyLengthsMatchKafka(t *testing.T) {
	g := loadGolden(t)
	for alg, n := range g.Keys {
		k, err := GenerateSessionKey(alg, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(k.Key) != n || k.Algorithm != alg {
			t.Errorf("%s: %d-byte %s key, Kafka's KeyGenerator makes %d bytes", alg, len(k.Key), k.Algorithm, n)
		}
	}
	if _, err := GenerateSessionKey("AES-but-not-hmac", time.Now()); err == nil {
		t.Error("unknown algorithm accepted")
	}
}

func TestVerifySignature(t *testing.T) {
	key, err := GenerateSessionKey(DefaultKeyAlgorithm, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	other, _ := GenerateSessionKey(DefaultKeyAlgorithm, time.Now())
	body := []byte(`[{"k":"v"}]`)
	signed := func(alg string) http.Header {
		h := http.Header{}
		if err := key.Sign(h, alg, body); err != nil {
			t.Fatal(err)
		}
		return h
	}
	allowed := []string{"HmacSHA256"}
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		key    *SessionKey
		status int
		msg    string
	}{
		{"valid", signed("HmacSHA256"), body, &key, 0, ""},
		{"unsigned", http.Header{}, body, &key, 400, "Internal request missing required signature"},
		{"algorithm not allowed", signed("HmacSHA512"), body, &key, 400,
			"This worker does not support the 'HmacSHA512' key signing algorithm used by other workers. " +
				"This worker is currently configured to use: [HmacSHA256]. Check that all workers' configuration " +
				"files permit the same set of signature algorithms, and correct any misconfigured worker and restart it."},
		{"unknown algorithm", http.Header{SignatureHeader: {"AAAA"}, SignatureAlgorithmHeader: {"HmacWhat"}}, body,
			&key, 400, "Algorithm HmacWhat not available"},
		{"no key yet", signed("HmacSHA256"), body, nil, 503,
			"This worker is still starting up and has not been able to read a session key from the config topic yet"},
		{"other key", signed("HmacSHA256"), body, &other, 403, "Internal request contained invalid signature."},
		{"body changed", signed("HmacSHA256"), []byte(`[]`), &key, 403, "Internal request contained invalid signature."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySignature(tt.header, tt.body, tt.key, allowed)
			if tt.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var se *SignatureError
			if !errors.As(err, &se) || se.Status != tt.status || se.Message != tt.msg {
				t.Fatalf("got %v, want %d %q", err, tt.status, tt.msg)
			}
		})
	}
}
