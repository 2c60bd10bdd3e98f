package plugin

import (
	"fmt"
	"sort"
	"strings"
)

// Registry resolves plugin names. It is immutable after New and safe for concurrent use.
type Registry struct {
	plugins []*Plugin
	byName  map[string]*Plugin
}

// Info is one entry of GET /connector-plugins, in Kafka's JSON shape.
type Info struct {
	Class   string `json:"class"`
	Type    string `json:"type"`
	Version string `json:"version"`
}

// New builds a registry. A class listed twice, or a plugin with no constructor, is an error.
func New(plugins ...Plugin) (*Registry, error) {
	r := &Registry{byName: make(map[string]*Plugin)}
	var errs []string
	for i := range plugins {
		p := &plugins[i]
		switch {
		case p.Class == "":
			errs = append(errs, fmt.Sprintf("plugin %d has no class name", i))
			continue
		case len(p.Kinds()) == 0:
			errs = append(errs, fmt.Sprintf("plugin %s has no constructor", p.Class))
			continue
		case r.byName[p.Class] != nil:
			errs = append(errs, fmt.Sprintf("plugin %s is listed twice", p.Class))
			continue
		}
		r.plugins = append(r.plugins, p)
		r.byName[p.Class] = p
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("plugin registry: %s", strings.Join(errs, "; "))
	}
	// An alias resolves only when one class alone claims it (Kafka's PluginUtils.computeAliases).
	claims := make(map[string]map[*Plugin]bool)
	claim := func(alias string, p *Plugin) {
		if claims[alias] == nil {
			claims[alias] = make(map[*Plugin]bool)
		}
		claims[alias][p] = true
	}
	for _, p := range r.plugins {
		claim(p.SimpleName(), p)
		for _, k := range p.Kinds() {
			claim(p.prunedName(k), p)
		}
	}
	for alias, ps := range claims {
		if len(ps) != 1 || r.byName[alias] != nil {
			continue
		}
		for p := range ps {
			r.byName[alias] = p
		}
	}
	sort.Slice(r.plugins, func(i, j int) bool { return r.plugins[i].Class < r.plugins[j].Class })
	return r, nil
}

// Lookup finds a plugin by class name or alias.
func (r *Registry) Lookup(name string) (*Plugin, bool) {
	p, ok := r.byName[name]
	return p, ok
}

// LookupKind finds a plugin by class name or alias and checks that it implements kind k, with the error Kafka
// gives for a class it cannot use.
func (r *Registry) LookupKind(name string, k Kind) (*Plugin, error) {
	p, ok := r.byName[name]
	if !ok {
		return nil, fmt.Errorf("Class %s could not be found.", name)
	}
	if !p.Is(k) {
		return nil, fmt.Errorf("Class %s is not a %s plugin.", name, k)
	}
	return p, nil
}

// Plugins returns every plugin, sorted by class name.
func (r *Registry) Plugins() []*Plugin { return r.plugins }

// List returns the GET /connector-plugins entries: connectors first (sorted by class), then, unless
// connectorsOnly, every other kind in Kafka's kind order.
func (r *Registry) List(connectorsOnly bool) []Info {
	var out []Info
	for k := Source; k <= Predicate; k++ {
		if connectorsOnly && k > Sink {
			break
		}
		for _, p := range r.plugins {
			if p.Is(k) {
				out = append(out, Info{Class: p.Class, Type: k.String(), Version: p.Version})
			}
		}
	}
	return out
}
