package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		args []string
		want options
		err  string
	}{
		{args: nil, want: options{mode: modeEmbedded, logLevel: "INFO", brokerPort: 9092}},
		{args: []string{"version"}, want: options{mode: modeVersion, logLevel: "INFO", brokerPort: 9092}},
		{args: []string{"--help"}, want: options{mode: modeHelp, logLevel: "INFO", brokerPort: 9092}},
		{args: []string{"standalone", "-h"}, want: options{mode: modeHelp, logLevel: "INFO", brokerPort: 9092}},
		{
			args: []string{"--override", "bootstrap.servers=k:9092", "--listeners=http://127.0.0.1:0", "--log-level", "debug",
				"--broker-port=0"},
			want: options{mode: modeEmbedded, logLevel: "DEBUG", brokerPort: 0, brokerPortSet: true,
				overrides: []override{{"bootstrap.servers", "k:9092"}, {"listeners", "http://127.0.0.1:0"}}},
		},
		{
			// Flags anywhere, values containing '=', "--" ending the flags.
			args: []string{"standalone", "w.properties", "--override", "a=b=c", "c1.json", "--", "--odd-name.json"},
			want: options{mode: modeStandalone, logLevel: "INFO", brokerPort: 9092, workerFile: "w.properties",
				connectorFiles: []string{"c1.json", "--odd-name.json"}, overrides: []override{{"a", "b=c"}}},
		},
		{args: []string{"standalone", ""}, want: options{mode: modeStandalone, logLevel: "INFO", brokerPort: 9092,
			connectorFiles: []string{}}},
		{args: []string{"standalone"}, err: "needs a worker properties file"},
		{args: []string{"distributed", "--listeners", "http://127.0.0.1:0", "w.properties"},
			want: options{mode: modeDistributed, logLevel: "INFO", brokerPort: 9092, workerFile: "w.properties",
				overrides: []override{{"listeners", "http://127.0.0.1:0"}}}},
		// connect-distributed ignores what follows the worker file; so does Sluice, with a warning.
		{args: []string{"distributed", "w.properties", "c1.json"}, want: options{mode: modeDistributed,
			logLevel: "INFO", brokerPort: 9092, workerFile: "w.properties", ignoredArgs: []string{"c1.json"}}},
		{args: []string{"distributed"}, err: "distributed needs a worker properties file"},
		{args: []string{"bogus"}, err: `unknown command "bogus"`},
		{args: []string{"--override", "novalue"}, err: "want key=value"},
		{args: []string{"--override"}, err: "needs a value"},
		{args: []string{"--log-level", "loud"}, err: "want a log4j level name"},
		{args: []string{"--broker-port", "99999"}, err: "want a port number"},
		{args: []string{"--frobnicate=1"}, err: "unknown flag --frobnicate"},
		{args: []string{"version", "extra"}, err: "takes no arguments"},
	}
	for _, tt := range tests {
		got, err := parseArgs(tt.args)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseArgs(%q) error = %v, want %q", tt.args, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseArgs(%q): %v", tt.args, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseArgs(%q)\n got %+v\nwant %+v", tt.args, got, tt.want)
		}
	}
}
