package runtime

import (
	"fmt"
	"maps"
	"runtime/debug"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
)

// PanicError is a panic in a plugin (connector, task, converter, transformation, predicate) turned into an error,
// so that it fails the task or connector instead of the worker (Invariant 5). Its text carries the stack, which
// becomes the REST status trace.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v\n\n%s", e.Value, e.Stack) }

// Invariant 5: every call into a plugin goes through protect, so a panicking plugin fails its task, never the
// worker.
func protect(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return f()
}

// protect2 is protect for a call with a result.
func protect2[T any](f func() (T, error)) (v T, err error) {
	err = protect(func() error {
		var ferr error
		v, ferr = f()
		return ferr
	})
	return v, err
}

// converters is one task's key, value and header converters with their class names (for error reports).
type converters struct {
	key, value                        connect.Converter
	header                            connect.HeaderConverter
	keyClass, valueClass, headerClass string
}

// newConverters builds a task's converters: the connector's own where it set one, else the worker's.
func newConverters(worker Config, c *connconfig.Connector) (converters, error) {
	pick := func(own *connconfig.PluginRef, def connconfig.PluginRef) connconfig.PluginRef {
		if own != nil {
			return *own
		}
		return def
	}
	k, v, h := pick(c.KeyConverter, worker.KeyConverter), pick(c.ValueConverter, worker.ValueConverter),
		pick(c.HeaderConverter, worker.HeaderConverter)
	if k.Plugin == nil || k.Plugin.NewConverter == nil || v.Plugin == nil || v.Plugin.NewConverter == nil {
		return converters{}, fmt.Errorf("no key or value converter configured")
	}
	var out converters
	var err error
	if out.key, err = protect2(func() (connect.Converter, error) { return k.Plugin.NewConverter(maps.Clone(k.Props), true) }); err != nil {
		return converters{}, fmt.Errorf("key converter %s: %w", k.Plugin.Class, err)
	}
	if out.value, err = protect2(func() (connect.Converter, error) { return v.Plugin.NewConverter(maps.Clone(v.Props), false) }); err != nil {
		return converters{}, fmt.Errorf("value converter %s: %w", v.Plugin.Class, err)
	}
	out.keyClass, out.valueClass = k.Plugin.Class, v.Plugin.Class
	if h.Plugin != nil && h.Plugin.NewHeaderConverter != nil {
		if out.header, err = protect2(func() (connect.HeaderConverter, error) { return h.Plugin.NewHeaderConverter(maps.Clone(h.Props)) }); err != nil {
			return converters{}, fmt.Errorf("header converter %s: %w", h.Plugin.Class, err)
		}
		out.headerClass = h.Plugin.Class
	}
	return out, nil
}

func (c converters) close() {
	for _, p := range []any{c.key, c.value, c.header} {
		closePlugin(p)
	}
}

func closePlugin(p any) {
	if cl, ok := p.(connect.Closer); ok {
		protect(cl.Close)
	}
}

// stage is one transformation of the chain with its optional predicate.
type stage struct {
	class  string
	t      connect.Transformation
	pred   connect.Predicate
	negate bool
}

// chain is a connector's transformation chain (Kafka's TransformationChain): each stage runs, in order, on the
// output of the previous one, when its predicate (negated if asked) matches.
type chain []stage

func newChain(c *connconfig.Connector) (chain, error) {
	ch := make(chain, 0, len(c.Transforms))
	for _, t := range c.Transforms {
		tr, err := protect2(func() (connect.Transformation, error) { return t.Plugin.NewTransformation(maps.Clone(t.Props)) })
		if err != nil {
			ch.close()
			return nil, fmt.Errorf("transformation %s (%s): %w", t.Alias, t.Plugin.Class, err)
		}
		s := stage{class: t.Plugin.Class, t: tr, negate: t.Negate}
		if t.Predicate != nil {
			p := t.Predicate
			if s.pred, err = protect2(func() (connect.Predicate, error) { return p.Plugin.NewPredicate(maps.Clone(p.Props)) }); err != nil {
				closePlugin(tr)
				ch.close()
				return nil, fmt.Errorf("predicate %s (%s): %w", t.PredicateAlias, p.Plugin.Class, err)
			}
		}
		ch = append(ch, s)
	}
	return ch, nil
}

// sinkTransformation is the optional capability of a transformation that reads what only a sink record carries
// (InsertField's offset.field; package transforms declares the same method set). The sink runner hands such a
// stage the whole SinkRecord, as Kafka hands SinkRecords to its SMTs.
type sinkTransformation interface {
	ApplySink(r connect.SinkRecord) (connect.Record, bool, error)
}

// apply runs the chain on r. sink, when not nil, is the consumed record r came from: stages that read sink-only
// metadata get it, with the record as the previous stage left it. keep is false when a stage dropped the record;
// on error, class names the failing plugin. r itself is never changed, so a retry starts from the same input.
func (ch chain) apply(r connect.Record, sink *connect.SinkRecord) (out connect.Record, keep bool, class string, err error) {
	for i := range ch {
		s := &ch[i]
		var run bool
		if err = protect(func() error {
			run = s.pred == nil || s.pred.Test(r) != s.negate
			if !run {
				return nil
			}
			if st, ok := s.t.(sinkTransformation); ok && sink != nil {
				in := *sink
				in.Record = r
				r, keep, err = st.ApplySink(in)
			} else {
				r, keep, err = s.t.Apply(r)
			}
			return err
		}); err != nil {
			return r, false, s.class, err
		}
		if run && !keep {
			return r, false, "", nil
		}
	}
	return r, true, "", nil
}

func (ch chain) close() {
	for _, s := range ch {
		closePlugin(s.t)
		closePlugin(s.pred)
	}
}

// taskClass is the Java task class name Kafka puts in every task config (task.class). A connector may name it;
// otherwise it is the connector class with its "Connector" suffix replaced by "Task", which is what Kafka's own
// connectors use (FileStreamSourceConnector → FileStreamSourceTask).
func taskClass(conn connect.Connector, p *plugin.Plugin) string {
	if tc, ok := conn.(interface{ TaskClass() string }); ok {
		return tc.TaskClass()
	}
	name := p.Class
	if len(name) > len("Connector") && name[len(name)-len("Connector"):] == "Connector" {
		return name[:len(name)-len("Connector")] + "Task"
	}
	return name + "Task"
}
