package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
)

func TestStartRegistry(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tc := range []struct {
		name  string
		mode  mode
		props map[string]string
		serve bool
	}{
		{"standalone without the property", modeStandalone, map[string]string{}, false},
		{"development worker, turned off", modeEmbedded, map[string]string{keySchemaRegistryListener: "none"}, false},
		{"standalone with the property", modeStandalone, map[string]string{keySchemaRegistryListener: "http://127.0.0.1:0"}, true},
		{"distributed without the property", modeDistributed, map[string]string{}, false},
		{"distributed with the property", modeDistributed, map[string]string{keySchemaRegistryListener: "127.0.0.1:0"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, err := startRegistry(t.Context(), tc.mode, tc.props, c.ListenAddrs(), log)
			if err != nil {
				t.Fatal(err)
			}
			if (in != nil) != tc.serve {
				t.Fatalf("serving: %v, want %v", in != nil, tc.serve)
			}
			if in == nil {
				return
			}
			defer in.Close(context.Background())
			resp, err := http.Post(in.URL()+"/subjects/t-value/versions", "application/json",
				strings.NewReader(`{"schema":"\"string\""}`))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"id":1}` {
				t.Fatalf("register: %d %s", resp.StatusCode, body)
			}
		})
	}
}
