package kafkatest

import (
	"fmt"
	"net"
)

// freePorts returns n distinct loopback ports that were free a moment ago. The listeners are held open until
// all n are chosen so the kernel cannot hand out the same port twice; the small window before the JVM binds
// them is covered by the callers retrying on "Address already in use".
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("kafkatest: pick a free port: %w", err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
