package herder

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
)

// LoggerLevel is a logger's level in /admin/loggers: Kafka's log4j level name and when the REST API last changed
// it (epoch milliseconds, null if never).
type LoggerLevel struct {
	Level        string `json:"level"`
	LastModified *int64 `json:"last_modified"`
}

// RootLogger is the name of the root logger, as Kafka's REST API names it.
const RootLogger = "root"

// log4jLevels are the levels Kafka accepts, with the slog level each gates at. OFF is above every slog level.
var log4jLevels = map[string]slog.Level{
	"OFF": slog.Level(1 << 20), "FATAL": slog.LevelError + 4, "ERROR": slog.LevelError, "WARN": slog.LevelWarn,
	"INFO": slog.LevelInfo, "DEBUG": slog.LevelDebug, "TRACE": slog.LevelDebug - 4, "ALL": slog.Level(-1 << 20),
}

// Loggers is the worker's log level registry behind /admin/loggers (Kafka's Loggers over log4j). Loggers are
// named with dots, like Java loggers; a logger without its own level has its nearest ancestor's, and the root
// logger's at the top. Sluice code logs through Logger(name); records from loggers not made here (a plain
// slog.Default()) are gated by the root level. Safe for concurrent use.
type Loggers struct {
	base slog.Handler
	now  func() time.Time

	mu       sync.RWMutex
	explicit map[string]string // levels set by configuration or the REST API
	known    map[string]bool   // loggers created through Logger, listed by All
	modified map[string]int64
}

// NewLoggers returns a registry over base with the root logger at INFO, Kafka's default.
func NewLoggers(base slog.Handler) *Loggers {
	return &Loggers{base: base, now: time.Now, explicit: map[string]string{RootLogger: "INFO"},
		known: map[string]bool{RootLogger: true}, modified: map[string]int64{}}
}

// Logger returns a logger named name ("sluice.worker.runtime"), gated by its level.
func (l *Loggers) Logger(name string) *slog.Logger {
	l.mu.Lock()
	l.known[name] = true
	l.mu.Unlock()
	return slog.New(&levelHandler{l: l, name: name, next: l.base})
}

// Handler returns a handler over base gated by the root logger's level, for slog.SetDefault.
func (l *Loggers) Handler() slog.Handler { return &levelHandler{l: l, name: RootLogger, next: l.base} }

// effective returns a logger's level: its own, else its nearest ancestor's, else the root's.
func (l *Loggers) effectiveLocked(name string) string {
	for n := name; ; {
		if lvl, ok := l.explicit[n]; ok {
			return lvl
		}
		i := strings.LastIndexByte(n, '.')
		if i < 0 {
			return l.explicit[RootLogger]
		}
		n = n[:i]
	}
}

func (l *Loggers) levelOf(name string) LoggerLevel {
	ll := LoggerLevel{Level: l.effectiveLocked(name)}
	if t, ok := l.modified[name]; ok {
		ll.LastModified = &t
	}
	return ll
}

// Level returns a logger's level; ok is false for a logger that does not exist.
func (l *Loggers) Level(name string) (LoggerLevel, bool) {
	if isRoot(name) {
		name = RootLogger
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if !l.known[name] && l.explicit[name] == "" {
		return LoggerLevel{}, false
	}
	return l.levelOf(name), true
}

// All returns every logger that is not OFF, by name.
func (l *Loggers) All() map[string]LoggerLevel {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := map[string]LoggerLevel{}
	for _, name := range l.names() {
		if ll := l.levelOf(name); ll.Level != "OFF" {
			out[name] = ll
		}
	}
	return out
}

func (l *Loggers) names() []string {
	var names []string
	for n := range l.known {
		names = append(names, n)
	}
	for n := range l.explicit {
		if !l.known[n] {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// ValidLevel reports whether level names a level Kafka accepts (any case).
func ValidLevel(level string) bool {
	_, ok := log4jLevels[strings.ToUpper(strings.TrimSpace(level))]
	return ok
}

// SetLevel sets the level of namespace and of every logger whose name starts with it, as Kafka's
// Loggers.setLevel ("root" sets every logger), and returns the loggers whose level changed, sorted. An invalid
// level changes nothing.
func (l *Loggers) SetLevel(namespace, level string) []string {
	level = strings.ToUpper(strings.TrimSpace(level))
	if _, ok := log4jLevels[level]; !ok {
		return []string{}
	}
	root := isRoot(namespace)
	if root {
		namespace = RootLogger
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	before := map[string]string{}
	affected := []string{}
	for _, n := range l.names() {
		if root || strings.HasPrefix(n, namespace) {
			before[n] = l.effectiveLocked(n)
			affected = append(affected, n)
		}
	}
	if _, ok := before[namespace]; !ok {
		before[namespace] = ""
		affected = append(affected, namespace)
	}
	for _, n := range affected {
		l.explicit[n] = level
	}
	now := l.now().UnixMilli()
	changed := []string{}
	for _, n := range affected {
		if !strings.EqualFold(before[n], level) {
			l.modified[n] = now
			changed = append(changed, n)
		}
	}
	slices.Sort(changed)
	return changed
}

func isRoot(name string) bool { return strings.EqualFold(name, RootLogger) || name == "" }

// levelHandler gates records by the level of its logger, looked up on every record so that changes apply at
// once.
type levelHandler struct {
	l    *Loggers
	name string
	next slog.Handler
}

func (h *levelHandler) Enabled(ctx context.Context, lvl slog.Level) bool {
	h.l.mu.RLock()
	min := log4jLevels[h.l.effectiveLocked(h.name)]
	h.l.mu.RUnlock()
	return lvl >= min && h.next.Enabled(ctx, lvl)
}

func (h *levelHandler) Handle(ctx context.Context, r slog.Record) error { return h.next.Handle(ctx, r) }

func (h *levelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &levelHandler{l: h.l, name: h.name, next: h.next.WithAttrs(attrs)}
}

func (h *levelHandler) WithGroup(name string) slog.Handler {
	return &levelHandler{l: h.l, name: h.name, next: h.next.WithGroup(name)}
}
