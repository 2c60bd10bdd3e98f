package store

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/sluice-connect/sluice/schemas/registry"
)

// State is the registry's content as the records of the topic build it. Reads are safe from any goroutine;
// Apply is called by the one goroutine that reads the topic.
type State struct {
	mu       sync.RWMutex
	subjects map[string][]SchemaValue // versions ascending
	byID     map[int]registry.Schema
	idUsers  map[int]int        // live or soft-deleted versions holding each id
	byText   map[contentKey]int // schema content → id, for reusing ids across subjects
	config   map[string]string  // "" is the global level
	mode     map[string]string  // "" is the global mode
	maxID    int
}

type contentKey struct{ typ, schema, refs string }

func contentOf(s registry.Schema) contentKey {
	k := contentKey{typ: s.TypeOrDefault(), schema: s.Schema}
	if len(s.References) > 0 {
		var b strings.Builder
		for _, r := range s.References {
			b.WriteString(r.Name + "\x00" + r.Subject + "\x00" + strconv.Itoa(r.Version) + "\x00")
		}
		k.refs = b.String()
	}
	return k
}

// NewState returns an empty state.
func NewState() *State {
	return &State{
		subjects: map[string][]SchemaValue{},
		byID:     map[int]registry.Schema{},
		idUsers:  map[int]int{},
		byText:   map[contentKey]int{},
		config:   map[string]string{},
		mode:     map[string]string{},
	}
}

// Apply applies one record of the topic.
func (s *State) Apply(r Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	subject := r.Key.SubjectOrGlobal()
	switch r.Key.KeyType {
	case KeySchema:
		if r.Value == nil {
			s.removeVersion(subject, r.Key.Version)
			return
		}
		s.putVersion(r.Value.(SchemaValue))
	case KeyConfig:
		if r.Value == nil {
			delete(s.config, subject)
		} else {
			s.config[subject] = r.Value.(ConfigValue).CompatibilityLevel
		}
	case KeyMode:
		if r.Value == nil {
			delete(s.mode, subject)
		} else {
			s.mode[subject] = r.Value.(ModeValue).Mode
		}
	case KeyDeleteSubject:
		if v, ok := r.Value.(DeleteSubjectValue); ok {
			vs := s.subjects[subject]
			for i := range vs {
				if vs[i].Version <= v.Version {
					vs[i].Deleted = true
				}
			}
		}
	case KeyClearSubject:
		if r.Value != nil {
			for _, v := range slices.Clone(s.subjects[subject]) {
				if v.Deleted {
					s.removeVersion(subject, v.Version)
				}
			}
		}
	}
}

func (s *State) putVersion(v SchemaValue) {
	vs := s.subjects[v.Subject]
	i := sort.Search(len(vs), func(i int) bool { return vs[i].Version >= v.Version })
	if i < len(vs) && vs[i].Version == v.Version {
		s.release(vs[i].ID)
		vs[i] = v
	} else {
		vs = slices.Insert(vs, i, v)
	}
	s.subjects[v.Subject] = vs
	sch := v.RegistrySchema()
	s.byID[v.ID] = sch
	s.idUsers[v.ID]++
	if _, ok := s.byText[contentOf(sch)]; !ok {
		s.byText[contentOf(sch)] = v.ID
	}
	s.maxID = max(s.maxID, v.ID)
}

func (s *State) removeVersion(subject string, version int) {
	vs := s.subjects[subject]
	i := slices.IndexFunc(vs, func(v SchemaValue) bool { return v.Version == version })
	if i < 0 {
		return
	}
	s.release(vs[i].ID)
	vs = slices.Delete(vs, i, i+1)
	if len(vs) == 0 {
		delete(s.subjects, subject)
	} else {
		s.subjects[subject] = vs
	}
}

// release drops one holder of id; an id no version holds any more is forgotten (a hard delete), though maxID
// keeps it from being handed out again while this process runs.
func (s *State) release(id int) {
	s.idUsers[id]--
	if s.idUsers[id] > 0 {
		return
	}
	delete(s.idUsers, id)
	if sch, ok := s.byID[id]; ok {
		if s.byText[contentOf(sch)] == id {
			delete(s.byText, contentOf(sch))
		}
		delete(s.byID, id)
	}
}

// Subjects returns the subjects with a live version (or any version, when deleted), sorted.
func (s *State) Subjects(deleted bool) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []string
	for name, vs := range s.subjects {
		if slices.ContainsFunc(vs, func(v SchemaValue) bool { return deleted || !v.Deleted }) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Versions returns the subject's versions, ascending, without the soft-deleted ones unless deleted.
func (s *State) Versions(subject string, deleted bool) []SchemaValue {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []SchemaValue
	for _, v := range s.subjects[subject] {
		if deleted || !v.Deleted {
			out = append(out, v)
		}
	}
	return out
}

// MaxVersion returns the highest version the subject ever had that is still in the log, soft-deleted or not.
func (s *State) MaxVersion(subject string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	vs := s.subjects[subject]
	if len(vs) == 0 {
		return 0
	}
	return vs[len(vs)-1].Version
}

// SchemaByID returns the schema with the id.
func (s *State) SchemaByID(id int) (registry.Schema, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sch, ok := s.byID[id]
	return sch, ok
}

// IDOf returns the id already given to the schema content (in any subject), if any.
func (s *State) IDOf(sch registry.Schema) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.byText[contentOf(sch)]
	return id, ok
}

// UsesOf returns the versions holding the id, ordered by subject and version.
func (s *State) UsesOf(id int, deleted bool) []SchemaValue {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []SchemaValue
	for _, vs := range s.subjects {
		for _, v := range vs {
			if v.ID == id && (deleted || !v.Deleted) {
				out = append(out, v)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		return out[i].Version < out[j].Version
	})
	return out
}

// ReferencedBy returns the ids of live versions that reference subject at version, ascending.
func (s *State) ReferencedBy(subject string, version int) []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []int
	for _, vs := range s.subjects {
		for _, v := range vs {
			if !v.Deleted && slices.ContainsFunc(v.References, func(r registry.Reference) bool {
				return r.Subject == subject && r.Version == version
			}) && !slices.Contains(out, v.ID) {
				out = append(out, v.ID)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Config returns the compatibility level set for subject ("" for the global one), and whether one is set.
func (s *State) Config(subject string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.config[subject]
	return c, ok
}

// Mode returns the mode set for subject ("" for the global one), and whether one is set.
func (s *State) Mode(subject string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m, ok := s.mode[subject]
	return m, ok
}

// MaxID returns the highest schema id seen.
func (s *State) MaxID() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.maxID
}
