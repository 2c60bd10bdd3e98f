package avroconv_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/avroconv"
	"github.com/sluice-connect/sluice/schemas/registry"
	"github.com/sluice-connect/sluice/schemas/registry/server"
	"github.com/sluice-connect/sluice/schemas/registry/store"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// startRegistry starts Sluice's embedded registry (in memory) on a free loopback port.
func startRegistry(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	in, err := server.Start(ctx, server.Config{Address: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close(context.Background()) })
	return in.URL()
}

func newConverter(t *testing.T, url string, isKey bool, extra ...string) *avroconv.Converter {
	t.Helper()
	props := map[string]string{avroconv.RegistryURLConfig: url}
	for i := 0; i+1 < len(extra); i += 2 {
		props[extra[i]] = extra[i+1]
	}
	c, err := avroconv.New(props, isKey)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func orderSchema(second *schemas.Schema) *schemas.Schema {
	return schemas.StructBuilder().Name("shop.Order").Field("id", schemas.Int64Schema).Field("item", second).MustBuild()
}

func order(t *testing.T, s *schemas.Schema, id int64, item any) *schemas.Struct {
	t.Helper()
	st, err := schemas.NewStruct(s)
	if err != nil {
		t.Fatal(err)
	}
	st.SetAt(0, id)
	st.SetAt(1, item)
	return st
}

// TestAgainstEmbeddedRegistry runs the converter over HTTP against Sluice's embedded registry: registration,
// reading by a converter that has never seen the schema (with the registry version as the Connect version),
// compatibility enforcement with Confluent's 409, look-up without auto-registration, use.latest.version, and an
// unreachable registry.
func TestAgainstEmbeddedRegistry(t *testing.T) {
	url := startRegistry(t)
	v1 := orderSchema(schemas.StringSchema)
	w := newConverter(t, url, false)
	data, err := w.FromConnectData("orders", nil, v1, order(t, v1, 7, "book"))
	if err != nil {
		t.Fatal(err)
	}
	if data[0] != 0 || data[4] != 1 {
		t.Fatalf("header % x", data[:5])
	}

	r := newConverter(t, url, false)
	rs, v, err := r.ToConnectData("orders", nil, data)
	if err != nil {
		t.Fatal(err)
	}
	st := v.(*schemas.Struct)
	if rs.Name() != "shop.Order" || st.ValueAt(0) != int64(7) || st.ValueAt(1) != "book" {
		t.Errorf("read %v %v", rs, st)
	}
	if ver, ok := rs.Version(); !ok || ver != 1 {
		t.Errorf("Connect version %d %v, want the registry version 1", ver, ok)
	}

	t.Run("incompatible schema rejected", func(t *testing.T) {
		bad := orderSchema(schemas.Int32Schema)
		_, err := w.FromConnectData("orders", nil, bad, order(t, bad, 8, int32(1)))
		var rerr *registry.Error
		if !errors.As(err, &rerr) || rerr.Code != registry.CodeIncompatibleSchema || connect.IsRetriable(err) ||
			!errors.Is(err, schemas.ErrData) {
			t.Fatalf("want a 409 data error, got %v", err)
		}
		if !strings.Contains(err.Error(), "Schema being registered is incompatible with an earlier schema") {
			t.Errorf("message %q", err)
		}
	})

	t.Run("look-up without auto-registration", func(t *testing.T) {
		c := newConverter(t, url, false, avroconv.AutoRegisterConfig, "false")
		if _, err := c.FromConnectData("orders", nil, v1, order(t, v1, 9, "pen")); err != nil {
			t.Fatalf("registered schema: %v", err)
		}
		other := schemas.StructBuilder().Name("shop.Other").Field("x", schemas.Int32Schema).MustBuild()
		o, _ := schemas.NewStruct(other)
		o.SetAt(0, int32(1))
		_, err := c.FromConnectData("orders", nil, other, o)
		var rerr *registry.Error
		if !errors.As(err, &rerr) || (rerr.Code != registry.CodeSchemaNotFound && rerr.Code != registry.CodeSubjectNotFound) {
			t.Errorf("unregistered schema: %v", err)
		}
	})

	t.Run("use.latest.version", func(t *testing.T) {
		// A compatible v2 (a field with a default) becomes the latest; a writer with v1's Connect schema writes v2.
		v2 := schemas.StructBuilder().Name("shop.Order").Field("id", schemas.Int64Schema).Field("item", schemas.StringSchema).
			Field("qty", schemas.NewBuilder(schemas.TypeInt32).Default(int32(1)).MustBuild()).MustBuild()
		if _, err := w.FromConnectData("orders", nil, v2, order3(t, v2)); err != nil {
			t.Fatal(err)
		}
		c := newConverter(t, url, false, avroconv.AutoRegisterConfig, "false", avroconv.UseLatestVersionConfig, "true")
		b, err := c.FromConnectData("orders", nil, v2, order3(t, v2))
		if err != nil {
			t.Fatal(err)
		}
		if b[4] != 2 {
			t.Errorf("written with id %d, want the latest (2)", b[4])
		}
		// A record schema the latest version cannot read fails latest.compatibility.strict.
		odd := schemas.StructBuilder().Name("shop.Order").Field("id", schemas.StringSchema).MustBuild()
		o, _ := schemas.NewStruct(odd)
		o.SetAt(0, "x")
		if _, err := c.FromConnectData("orders", nil, odd, o); err == nil ||
			!strings.Contains(err.Error(), "Set latest.compatibility.strict=false to disable this check") {
			t.Errorf("strict check: %v", err)
		}

	})

	t.Run("unknown id is a data error", func(t *testing.T) {
		_, _, err := r.ToConnectData("orders", nil, []byte{0, 0, 0, 0x7f, 0, 2})
		if !errors.Is(err, schemas.ErrData) || connect.IsRetriable(err) {
			t.Errorf("got %v", err)
		}
	})

	t.Run("unreachable registry is retriable", func(t *testing.T) {
		c := newConverter(t, "http://127.0.0.1:1", false)
		if _, _, err := c.ToConnectData("orders", nil, data); !connect.IsRetriable(err) || errors.Is(err, schemas.ErrData) {
			t.Errorf("decode: %v", err)
		}
		if _, err := c.FromConnectData("orders", nil, v1, order(t, v1, 1, "x")); !connect.IsRetriable(err) {
			t.Errorf("encode: %v", err)
		}
	})
}

func order3(t *testing.T, s *schemas.Schema) *schemas.Struct {
	st := order(t, s, 10, "lamp")
	st.SetAt(2, int32(3))
	return st
}

// TestRegistryAuthentication sends basic.auth.user.info (or the URL's user info) and bearer.auth.token the way
// Confluent's client does, to a registry that demands them.
func TestRegistryAuthentication(t *testing.T) {
	reg := server.New(store.NewMemory(), server.Options{})
	for _, tt := range []struct {
		name, want string
		props      []string
		url        func(string) string
	}{
		{"basic user info", "Basic " + base64.StdEncoding.EncodeToString([]byte("fred:s3cret")),
			[]string{avroconv.BasicAuthSourceConfig, "USER_INFO", avroconv.BasicAuthUserInfoConfig, "fred:s3cret"}, nil},
		{"basic from URL", "Basic " + base64.StdEncoding.EncodeToString([]byte("amy:pw")), nil,
			func(u string) string { return strings.Replace(u, "http://", "http://amy:pw@", 1) }},
		{"bearer", "Bearer tok-123", []string{avroconv.BearerAuthSourceConfig, "STATIC_TOKEN",
			avroconv.BearerAuthTokenConfig, "tok-123"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Authorization") != tt.want {
					w.WriteHeader(http.StatusUnauthorized)
					_, _ = w.Write([]byte(`{"error_code":401,"message":"Unauthorized"}`))
					return
				}
				reg.Handler().ServeHTTP(w, r)
			}))
			defer srv.Close()
			url := srv.URL
			if tt.url != nil {
				url = tt.url(url)
			}
			c := newConverter(t, url, false, tt.props...)
			if _, err := c.FromConnectData("auth", nil, schemas.StringSchema, "x"); err != nil {
				t.Fatal(err)
			}
			if _, err := newConverter(t, srv.URL, false).FromConnectData("auth2", nil, schemas.StringSchema, "x"); err == nil {
				t.Error("a converter without credentials was let in")
			}
		})
	}
}
