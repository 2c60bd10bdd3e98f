//go:build integration

package distributed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// Input lines are "line-%07d": fixed width, so a byte position in the input is a line number (position /
// lineLen), and a sink file can be checked with a bitmap instead of a set of strings.
const (
	linePrefix = "line-"
	lineDigits = 7
	lineLen    = len(linePrefix) + lineDigits + 1 // with '\n'
)

// input is a FileStreamSource's input file that a test appends numbered lines to.
type input struct {
	path    string
	written int // lines 0..written-1 are in the file
}

func newInput(t *testing.T) *input {
	t.Helper()
	in := &input{path: tempFile(t, "in.txt")}
	if err := os.WriteFile(in.path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return in
}

// appendUpTo appends lines written..n-1.
func (in *input) appendUpTo(t *testing.T, n int) {
	t.Helper()
	f, err := os.OpenFile(in.path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := in.written; i < n; i++ {
		fmt.Fprintf(w, "%s%0*d\n", linePrefix, lineDigits, i)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	in.written = n
}

// tally follows a FileStreamSink's output file as it grows and counts, with one bit per input line, how many
// distinct input lines it holds, how many lines repeat one seen before (duplicates), and how many are not
// input lines at all (malformed: e.g. two writers' bytes interleaved, or a line cut by a crash).
type tally struct {
	path      string
	off       int64  // bytes consumed so far
	partial   []byte // an unterminated last line, completed by a later read
	seen      []uint64
	distinct  int
	dups      int
	malformed []string // the first few, for the failure message
	nBad      int
}

func newTally(path string, lines int) *tally {
	return &tally{path: path, seen: make([]uint64, (lines+63)/64)}
}

// update reads what was appended since the last call.
func (ta *tally) update(t testing.TB) {
	t.Helper()
	f, err := os.Open(ta.path)
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(ta.off, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		chunk, err := r.ReadSlice('\n')
		ta.off += int64(len(chunk))
		if errors.Is(err, bufio.ErrBufferFull) || (errors.Is(err, io.EOF) && len(chunk) > 0) {
			ta.partial = append(ta.partial, chunk...)
			if errors.Is(err, io.EOF) {
				return
			}
			continue
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			return
		}
		line := chunk[:len(chunk)-1]
		if len(ta.partial) > 0 {
			ta.partial = append(ta.partial, line...)
			line = ta.partial
		}
		ta.count(line)
		ta.partial = ta.partial[:0]
	}
}

func (ta *tally) count(line []byte) {
	n, ok := lineNumber(line)
	if !ok || n >= len(ta.seen)*64 {
		ta.nBad++
		if len(ta.malformed) < 5 {
			ta.malformed = append(ta.malformed, string(line))
		}
		return
	}
	word, bit := n/64, uint64(1)<<(n%64)
	if ta.seen[word]&bit != 0 {
		ta.dups++
		return
	}
	ta.seen[word] |= bit
	ta.distinct++
}

func lineNumber(line []byte) (int, bool) {
	digits, ok := bytes.CutPrefix(line, []byte(linePrefix))
	if !ok || len(digits) != lineDigits {
		return 0, false
	}
	n, err := strconv.Atoi(string(digits))
	return n, err == nil && n >= 0
}

// missing returns how many of lines 0..n-1 the sink has not written, and the first of them.
func (ta *tally) missing(n int) (count, first int) {
	first = -1
	for w := 0; w*64 < n; w++ {
		word := ta.seen[w]
		if hi := n - w*64; hi < 64 {
			word |= ^uint64(0) << hi // lines beyond n are not asked about
		}
		if word == ^uint64(0) {
			continue
		}
		count += 64 - bits.OnesCount64(word)
		if first < 0 {
			first = w*64 + bits.TrailingZeros64(^word)
		}
	}
	return count, first
}

func (ta *tally) String() string {
	return fmt.Sprintf("%s: %d distinct input lines, %d duplicates, %d malformed %q",
		ta.path, ta.distinct, ta.dups, ta.nBad, ta.malformed)
}

// waitComplete follows the sink file until it holds every one of lines 0..n-1, failing t after timeout with
// what is missing.
func (ta *tally) waitComplete(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ta.update(t)
		miss, first := ta.missing(n)
		if miss == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v %s is missing %d of lines 0..%d (first missing: %d)", timeout, ta, miss, n-1, first)
		}
		time.Sleep(100 * time.Millisecond) // poll interval while the sink catches up
	}
}

// waitAtLeast follows the sink file until it holds at least n distinct input lines.
func (ta *tally) waitAtLeast(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	sluicetest.WaitFor(t, timeout, fmt.Sprintf("%s to hold %d distinct lines", ta.path, n), func() bool {
		ta.update(t)
		return ta.distinct >= n
	})
}
