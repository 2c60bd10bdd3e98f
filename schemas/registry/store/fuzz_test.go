package store

import "testing"

// FuzzApply: whatever the topic holds (another writer's bug, a foreign key type, garbage), reading it never
// panics the registry.
func FuzzApply(f *testing.F) {
	for _, seed := range [][2]string{
		{`{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}`, `{"subject":"s","version":1,"id":1,"schema":"\"string\"","deleted":false}`},
		{`{"keytype":"CONFIG","subject":null,"magic":0}`, `{"compatibilityLevel":"FULL"}`},
		{`{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}`, `{"subject":"s","version":3}`},
		{`{"keytype":"CLEAR_SUBJECT","subject":"s","magic":0}`, `{"subject":"s"}`},
		{`{"keytype":"MODE","subject":"s","magic":0}`, `{"mode":"READONLY"}`},
		{`{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}`, ``},
		{`{"keytype":"NOOP","magic":0}`, ``},
		{`{"keytype":"SCHEMA","subject":null}`, `{"id":-1,"version":-5}`},
	} {
		f.Add([]byte(seed[0]), []byte(seed[1]))
	}
	f.Fuzz(func(t *testing.T, key, value []byte) {
		if len(value) == 0 {
			value = nil
		}
		st := NewState()
		for range 2 { // applying twice exercises replacing a version
			r, err := Decode(key, value)
			if err != nil {
				return
			}
			st.Apply(r)
		}
		st.Apply(Record{Key: ClearSubjectKey("s"), Value: ClearSubjectValue{"s"}})
		st.Subjects(true)
		st.Versions("s", true)
	})
}
