package leader

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// waitFor polls cond until it holds or the test's deadline nears.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOneLeaderAndHandOver(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(1, "_schemas"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := func(url string) *Elector {
		e, err := Start(Options{Client: []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}, Topic: "_schemas", URL: url})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b := start("http://127.0.0.1:1"), start("http://127.0.0.1:2")
	defer b.Close()
	leaderOf := func(e *Elector) (string, bool) {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		u, self, err := e.Leader(ctx)
		if err != nil {
			return "", false
		}
		return u, self
	}
	var leader string
	waitFor(t, "both instances to agree on one leader", func() bool {
		ua, sa := leaderOf(a)
		ub, sb := leaderOf(b)
		leader = ua
		return ua != "" && ua == ub && sa != sb
	})
	first, second := a, b
	if leader == b.url {
		first, second = b, a
	}
	first.Close()
	first.Close()
	waitFor(t, "the other instance to take over", func() bool {
		u, self := leaderOf(second)
		return self && u == second.url
	})
	a.Close()
}
