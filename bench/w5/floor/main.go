// Command floor is W5's measurement floor: an HTTP/1.1 server that answers every request at once with a fixed
// body shaped like a connector's status, so that what the W5 harness measures against it is the share of the
// client, the kernel and Go's net/http alone — on a 2-core machine, at concurrency 16, no server can be
// measured below it. It listens on a free 127.0.0.1 port and prints the address as its only output line.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
)

const body = `{"name":"w5-0","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083"},` +
	`"tasks":[{"id":0,"state":"RUNNING","worker_id":"127.0.0.1:8083"}],"type":"source"}`

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr().String())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // a PUT's body is read, as a real server reads it
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
