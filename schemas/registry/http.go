package registry

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluice-connect/sluice/connect"
)

// HTTPOptions configures an HTTPClient.
type HTTPOptions struct {
	// BasicAuthUserInfo is "user:password" for HTTP basic authentication (Confluent's basic.auth.user.info).
	BasicAuthUserInfo string
	// BearerToken is sent as "Authorization: Bearer <token>" (Confluent's bearer.auth.token). Set at most one
	// of BasicAuthUserInfo and BearerToken.
	BearerToken string
	// LatestTTL bounds how long Latest answers are cached; zero caches them for the client's life, as
	// Confluent's latest.cache.ttl.sec=-1 default.
	LatestTTL time.Duration
	// HTTPClient sends the requests; http.DefaultClient when nil.
	HTTPClient *http.Client
}

// HTTPClient is a Client over Confluent's Schema Registry REST API. Registered ids, schemas by id and look-ups
// are cached for its life (ids and schemas never change once assigned), so only the first use of a schema
// reaches the registry. Several URLs are tried round-robin; a URL that cannot be reached passes the request to
// the next one.
type HTTPClient struct {
	urls  []string
	auth  string
	http  *http.Client
	ttl   time.Duration
	next  atomic.Uint32
	mu    sync.RWMutex
	ids   map[schemaKey]int
	byID  map[int]Schema
	found map[schemaKey]SubjectVersion
	last  map[string]latestEntry
}

// schemaKey identifies a schema within a subject for the caches.
type schemaKey struct {
	subject, typ, schema, refs string
	normalize                  bool
}

type latestEntry struct {
	sv SubjectVersion
	at time.Time
}

// NewHTTPClient returns a client for the registry at urls (each "http://host:port", optionally with a path).
func NewHTTPClient(urls []string, opts HTTPOptions) (*HTTPClient, error) {
	if len(urls) == 0 {
		return nil, errors.New("schema registry: no URL given (set schema.registry.url)")
	}
	if opts.BasicAuthUserInfo != "" && opts.BearerToken != "" {
		return nil, errors.New("schema registry: set either basic auth user info or a bearer token, not both")
	}
	c := &HTTPClient{
		http:  opts.HTTPClient,
		ttl:   opts.LatestTTL,
		ids:   map[schemaKey]int{},
		byID:  map[int]Schema{},
		found: map[schemaKey]SubjectVersion{},
		last:  map[string]latestEntry{},
	}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	for _, u := range urls {
		u = strings.TrimSpace(u)
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return nil, fmt.Errorf("schema registry: invalid URL %q: want http://host:port or https://host:port", u)
		}
		c.urls = append(c.urls, strings.TrimRight(u, "/"))
	}
	switch {
	case opts.BasicAuthUserInfo != "":
		c.auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(opts.BasicAuthUserInfo))
	case opts.BearerToken != "":
		c.auth = "Bearer " + opts.BearerToken
	}
	return c, nil
}

func keyOf(subject string, s Schema, normalize bool) schemaKey {
	k := schemaKey{subject: subject, typ: s.TypeOrDefault(), schema: s.Schema, normalize: normalize}
	if len(s.References) > 0 {
		var b strings.Builder
		for _, r := range s.References {
			fmt.Fprintf(&b, "%s\x00%s\x00%d\x00", r.Name, r.Subject, r.Version)
		}
		k.refs = b.String()
	}
	return k
}

// schemaRequest is the body of register and look-up requests.
type schemaRequest struct {
	Schema     string      `json:"schema"`
	SchemaType string      `json:"schemaType,omitempty"`
	References []Reference `json:"references,omitempty"`
}

func requestOf(s Schema) schemaRequest {
	r := schemaRequest{Schema: s.Schema, References: s.References}
	if t := s.TypeOrDefault(); t != TypeAvro {
		r.SchemaType = t
	}
	return r
}

// schemaResponse is the registry's answer carrying a schema (schemas/ids/{id}, subject versions, look-ups).
type schemaResponse struct {
	Subject    string      `json:"subject"`
	Version    int         `json:"version"`
	ID         int         `json:"id"`
	SchemaType string      `json:"schemaType"`
	References []Reference `json:"references"`
	Schema     string      `json:"schema"`
}

func (r schemaResponse) schema() Schema {
	return Schema{Type: r.SchemaType, Schema: r.Schema, References: r.References}
}

func (r schemaResponse) subjectVersion() SubjectVersion {
	return SubjectVersion{Subject: r.Subject, Version: r.Version, ID: r.ID, Schema: r.schema()}
}

// Register implements Client.
func (c *HTTPClient) Register(ctx context.Context, subject string, schema Schema, normalize bool) (int, error) {
	k := keyOf(subject, schema, normalize)
	c.mu.RLock()
	id, ok := c.ids[k]
	c.mu.RUnlock()
	if ok {
		return id, nil
	}
	path := "/subjects/" + url.PathEscape(subject) + "/versions"
	if normalize {
		path += "?normalize=true"
	}
	var resp struct {
		ID int `json:"id"`
	}
	if err := c.do(ctx, http.MethodPost, path, requestOf(schema), &resp); err != nil {
		return 0, err
	}
	c.mu.Lock()
	c.ids[k] = resp.ID
	if _, ok := c.byID[resp.ID]; !ok {
		c.byID[resp.ID] = schema
	}
	c.mu.Unlock()
	return resp.ID, nil
}

// SchemaByID implements Client.
func (c *HTTPClient) SchemaByID(ctx context.Context, id int) (Schema, error) {
	c.mu.RLock()
	s, ok := c.byID[id]
	c.mu.RUnlock()
	if ok {
		return s, nil
	}
	var resp schemaResponse
	if err := c.do(ctx, http.MethodGet, "/schemas/ids/"+strconv.Itoa(id), nil, &resp); err != nil {
		return Schema{}, err
	}
	s = resp.schema()
	c.mu.Lock()
	c.byID[id] = s
	c.mu.Unlock()
	return s, nil
}

// Latest implements Client.
func (c *HTTPClient) Latest(ctx context.Context, subject string) (SubjectVersion, error) {
	c.mu.RLock()
	e, ok := c.last[subject]
	c.mu.RUnlock()
	if ok && (c.ttl == 0 || time.Since(e.at) < c.ttl) {
		return e.sv, nil
	}
	var resp schemaResponse
	if err := c.do(ctx, http.MethodGet, "/subjects/"+url.PathEscape(subject)+"/versions/latest", nil, &resp); err != nil {
		return SubjectVersion{}, err
	}
	sv := resp.subjectVersion()
	c.mu.Lock()
	c.last[subject] = latestEntry{sv: sv, at: time.Now()}
	c.byID[sv.ID] = sv.Schema
	c.mu.Unlock()
	return sv, nil
}

// LookUp implements Client.
func (c *HTTPClient) LookUp(ctx context.Context, subject string, schema Schema) (SubjectVersion, error) {
	k := keyOf(subject, schema, false)
	c.mu.RLock()
	sv, ok := c.found[k]
	c.mu.RUnlock()
	if ok {
		return sv, nil
	}
	var resp schemaResponse
	if err := c.do(ctx, http.MethodPost, "/subjects/"+url.PathEscape(subject), requestOf(schema), &resp); err != nil {
		return SubjectVersion{}, err
	}
	sv = resp.subjectVersion()
	c.mu.Lock()
	c.found[k] = sv
	c.byID[sv.ID] = sv.Schema
	c.mu.Unlock()
	return sv, nil
}

// do sends one request, trying each URL once starting from the next in turn, and decodes a 2xx answer into out.
// Only failures to reach a URL move on to the next; an answer from any registry is final.
func (c *HTTPClient) do(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	start := int(c.next.Add(1)-1) % len(c.urls)
	var errs []error
	for i := range c.urls {
		base := c.urls[(start+i)%len(c.urls)]
		err := c.send(ctx, method, base+path, body, out)
		var ne *netError
		if !errors.As(err, &ne) {
			return err
		}
		errs = append(errs, ne.err)
		if ctx.Err() != nil {
			break
		}
	}
	return connect.Retriable(fmt.Errorf("schema registry unreachable: %w", errors.Join(errs...)))
}

// netError marks a request that never got an answer.
type netError struct{ err error }

func (e *netError) Error() string { return e.err.Error() }

func (c *HTTPClient) send(ctx context.Context, method, u string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/vnd.schemaregistry.v1+json, application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return &netError{err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return &netError{err}
	}
	if resp.StatusCode/100 != 2 {
		return errorOf(resp.StatusCode, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("schema registry: undecodable answer to %s %s: %w", method, u, err)
	}
	return nil
}

// errorOf turns an error answer into *Error, wrapped as retriable when repeating may help.
func errorOf(status int, data []byte) error {
	var body struct {
		Code    int    `json:"error_code"`
		Message string `json:"message"`
	}
	e := &Error{HTTPStatus: status}
	if json.Unmarshal(data, &body) == nil && body.Code != 0 {
		e.Code, e.Message = body.Code, body.Message
	} else {
		e.Code, e.Message = status, strings.TrimSpace(string(data))
		if e.Message == "" {
			e.Message = http.StatusText(status)
		}
	}
	if e.Retriable() {
		return connect.Retriable(e)
	}
	return e
}
