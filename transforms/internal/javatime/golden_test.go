package javatime

import (
	"testing"
	"time"

	"github.com/sluice-connect/sluice/internal/golden"
)

// Golden vectors from java.text.SimpleDateFormat (oracle SmtDateGolden; see testdata/README.md).
func TestGolden(t *testing.T) {
	var g struct {
		CenturyStart []int64 `json:"century_start"`
		Instants     []int64 `json:"instants"`
		Format       []struct {
			Pattern   string   `json:"pattern"`
			Formatted []string `json:"formatted"`
		} `json:"format"`
		Invalid []struct {
			Pattern string  `json:"pattern"`
			Error   *string `json:"error"`
		} `json:"invalid"`
		Parse []struct {
			Pattern string `json:"pattern"`
			Text    string `json:"text"`
			Millis  *int64 `json:"millis"`
		} `json:"parse"`
	}
	golden.Load(t, "testdata/date_golden.json", &g)
	saved := centuryStart
	t.Cleanup(func() { centuryStart = saved })
	centuryStart = func() time.Time { return time.UnixMilli(g.CenturyStart[0]).UTC() }

	for _, c := range g.Format {
		f, err := Compile(c.Pattern)
		if err != nil {
			t.Errorf("%q: %v", c.Pattern, err)
			continue
		}
		for i, ms := range g.Instants {
			if got := f.Format(ms); got != c.Formatted[i] {
				t.Errorf("%q.format(%d) = %q, want %q", c.Pattern, ms, got, c.Formatted[i])
			}
		}
	}
	for _, c := range g.Invalid {
		_, err := Compile(c.Pattern)
		if c.Error == nil {
			if err != nil {
				t.Errorf("%q: %v", c.Pattern, err)
			}
			continue
		}
		if err == nil || err.Error() != *c.Error {
			t.Errorf("%q: want error %q, got %v", c.Pattern, *c.Error, err)
		}
	}
	var parsed, refused int
	for _, c := range g.Parse {
		f, err := Compile(c.Pattern)
		if err != nil {
			t.Errorf("%q: %v", c.Pattern, err)
			continue
		}
		if why := f.CheckParse(); why != "" {
			refused++
			continue
		}
		parsed++
		got, err := f.Parse(c.Text)
		switch {
		case c.Millis == nil && err == nil:
			t.Errorf("%q.parse(%q) = %d, want a ParseException", c.Pattern, c.Text, got)
		case c.Millis != nil && err != nil:
			t.Errorf("%q.parse(%q): %v, want %d", c.Pattern, c.Text, err, *c.Millis)
		case c.Millis != nil && got != *c.Millis:
			t.Errorf("%q.parse(%q) = %d (%s), want %d (%s)", c.Pattern, c.Text, got, time.UnixMilli(got).UTC(),
				*c.Millis, time.UnixMilli(*c.Millis).UTC())
		}
	}
	t.Logf("parsed %d cases, %d patterns refused for parsing", parsed, refused)
}
