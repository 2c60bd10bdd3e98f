package cluster

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The headers of a signed request between workers (Kafka's InternalRequestSignature).
const (
	SignatureHeader          = "X-Connect-Authorization"
	SignatureAlgorithmHeader = "X-Connect-Request-Signature-Algorithm"
)

// DefaultKeyAlgorithm is the default of inter.worker.key.generation.algorithm and
// inter.worker.signature.algorithm.
const DefaultKeyAlgorithm = "HmacSHA256"

// macAlgorithm is one JCA Mac/KeyGenerator algorithm Sluice implements.
type macAlgorithm struct {
	new func() hash.Hash
	// keyLen is the key length in bytes the JCA KeyGenerator of the same name produces by default.
	keyLen int
}

// algorithms are the HMACs every Java runtime ships, by JCA name (matched case-insensitively, as the JCA does).
var algorithms = map[string]macAlgorithm{
	"HmacSHA256": {new: sha256.New, keyLen: 32},
	"HmacSHA1":   {new: sha1.New, keyLen: 64},
	"HmacSHA224": {new: sha256.New224, keyLen: 28},
	"HmacSHA384": {new: sha512.New384, keyLen: 48},
	"HmacSHA512": {new: sha512.New, keyLen: 64},
	"HmacMD5":    {new: md5.New, keyLen: 64},

	"HmacSHA512/224": {new: sha512.New512_224, keyLen: 28},
	"HmacSHA512/256": {new: sha512.New512_256, keyLen: 32},
	"HmacSHA3-224":   {new: func() hash.Hash { return sha3.New224() }, keyLen: 28},
	"HmacSHA3-256":   {new: func() hash.Hash { return sha3.New256() }, keyLen: 32},
	"HmacSHA3-384":   {new: func() hash.Hash { return sha3.New384() }, keyLen: 48},
	"HmacSHA3-512":   {new: func() hash.Hash { return sha3.New512() }, keyLen: 64},
}

func lookupAlgorithm(name string) (string, macAlgorithm, bool) {
	for k, a := range algorithms {
		if strings.EqualFold(k, name) {
			return k, a, true
		}
	}
	return "", macAlgorithm{}, false
}

// SupportedAlgorithm reports whether name is a Mac (and KeyGenerator) algorithm Sluice can use, for validating
// inter.worker.key.generation.algorithm, inter.worker.signature.algorithm and
// inter.worker.verification.algorithms.
func SupportedAlgorithm(name string) bool {
	_, _, ok := lookupAlgorithm(name)
	return ok
}

// SessionKey is the secret the leader distributes through the config topic (record "session-key") for signing
// requests between workers.
type SessionKey struct {
	Algorithm string // the KeyGenerator algorithm that made it, e.g. HmacSHA256
	Key       []byte
	Created   time.Time
}

// GenerateSessionKey makes a new key as Kafka's KeyGenerator for algorithm does: random bytes of that
// algorithm's default length.
func GenerateSessionKey(algorithm string, now time.Time) (SessionKey, error) {
	name, a, ok := lookupAlgorithm(algorithm)
	if !ok {
		return SessionKey{}, fmt.Errorf("unsupported key generation algorithm %q", algorithm)
	}
	key := make([]byte, a.keyLen)
	if _, err := rand.Read(key); err != nil {
		return SessionKey{}, err
	}
	return SessionKey{Algorithm: name, Key: key, Created: now}, nil
}

// Sign adds the signature headers for body to h, computed with signatureAlgorithm (inter.worker.signature.algorithm)
// over the session key.
func (k SessionKey) Sign(h http.Header, signatureAlgorithm string, body []byte) error {
	_, a, ok := lookupAlgorithm(signatureAlgorithm)
	if !ok {
		return fmt.Errorf("unsupported signature algorithm %q", signatureAlgorithm)
	}
	h.Set(SignatureHeader, base64.StdEncoding.EncodeToString(mac(a, k.Key, body)))
	// As written in the config, as Kafka sends it: the receiver compares it with its own list verbatim.
	h.Set(SignatureAlgorithmHeader, signatureAlgorithm)
	return nil
}

func mac(a macAlgorithm, key, body []byte) []byte {
	m := hmac.New(a.new, key)
	m.Write(body)
	return m.Sum(nil)
}

// SignatureError is why a request between workers was refused; Status and Message are the REST answer Kafka's
// DistributedHerder gives for the same case.
type SignatureError struct {
	Status  int
	Message string
}

func (e *SignatureError) Error() string { return e.Message }

// ErrNoSessionKey is returned by VerifySignature when the worker has not read a session key yet.
var ErrNoSessionKey = &SignatureError{Status: http.StatusServiceUnavailable,
	Message: "This worker is still starting up and has not been able to read a session key from the config topic yet"}

// VerifySignature checks a forwarded request's signature as Kafka's DistributedHerder does, in its order:
// a missing signature, then an algorithm outside verification (inter.worker.verification.algorithms), then a
// missing session key (key nil), then a wrong signature. The error is a *SignatureError.
func VerifySignature(h http.Header, body []byte, key *SessionKey, verification []string) error {
	algName, encoded := h.Get(SignatureAlgorithmHeader), h.Get(SignatureHeader)
	if algName == "" || encoded == "" {
		return &SignatureError{Status: http.StatusBadRequest, Message: "Internal request missing required signature"}
	}
	_, a, ok := lookupAlgorithm(algName)
	if !ok {
		// Kafka's Crypto.mac throws NoSuchAlgorithmException, whose message the 400 carries.
		return &SignatureError{Status: http.StatusBadRequest, Message: "Algorithm " + algName + " not available"}
	}
	signature, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return &SignatureError{Status: http.StatusBadRequest, Message: err.Error()}
	}
	// Verbatim, as Kafka's List.contains over Mac.getAlgorithm (the header's spelling).
	if !slices.Contains(verification, algName) {
		return &SignatureError{Status: http.StatusBadRequest, Message: fmt.Sprintf(
			"This worker does not support the '%s' key signing algorithm used by other workers. "+
				"This worker is currently configured to use: [%s]. "+
				"Check that all workers' configuration files permit the same set of signature algorithms, "+
				"and correct any misconfigured worker and restart it.", algName, strings.Join(verification, ", "))}
	}
	if key == nil {
		return ErrNoSessionKey
	}
	if !hmac.Equal(mac(a, key.Key, body), signature) {
		return &SignatureError{Status: http.StatusForbidden, Message: "Internal request contained invalid signature."}
	}
	return nil
}
