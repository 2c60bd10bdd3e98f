package benchworker

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTicks is the kernel's USER_HZ, the unit of utime, stime and starttime in /proc/<pid>/stat; 100 on
// every Linux architecture Go supports.
const clockTicks = 100

// Stat holds the fields of /proc/<pid>/stat the benchmarks read.
type Stat struct {
	CPU   time.Duration // utime + stime, all threads
	Start time.Duration // starttime: since boot
}

// ReadStat reads /proc/<pid>/stat.
func ReadStat(pid int) (Stat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Stat{}, err
	}
	// The command name (field 2) is in parentheses and may contain spaces; the rest follows the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return Stat{}, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3 (state)
	if len(f) < 20 {
		return Stat{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	num := func(field int) int64 { v, _ := strconv.ParseInt(f[field-3], 10, 64); return v }
	tick := time.Second / clockTicks
	return Stat{
		CPU:   time.Duration(num(14)+num(15)) * tick,
		Start: time.Duration(num(22)) * tick,
	}, nil
}

// bootTime is when the machine booted, from /proc/stat's btime, to turn a process's starttime into a time.
func bootTime() (time.Time, error) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return time.Time{}, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "btime "); ok {
			sec, err := strconv.ParseInt(v, 10, 64)
			return time.Unix(sec, 0), err
		}
	}
	return time.Time{}, fmt.Errorf("/proc/stat has no btime")
}

// MemKiB returns a /proc/<pid>/status memory field (VmRSS, VmHWM) in KiB.
func MemKiB(pid int, field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("/proc/%d/status has no %s", pid, field)
}

// FindJVM returns the pid of this process's descendant reference worker JVM (ConnectStandalone or
// ConnectDistributed) whose command line contains marker (the worker's properties path, unique to it).
func FindJVM(marker string) (int, error) {
	dirs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return 0, err
	}
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		cmd, err := os.ReadFile(d + "/cmdline")
		if err != nil || !bytes.Contains(cmd, []byte(marker)) ||
			!bytes.Contains(cmd, []byte("org.apache.kafka.connect.cli.Connect")) {
			continue
		}
		if isDescendant(pid, os.Getpid()) {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no JVM with %q in its command line", marker)
}

func isDescendant(pid, ancestor int) bool {
	for pid > 1 {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return false
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		ppid, _ := strconv.Atoi(f[1])
		if ppid == ancestor {
			return true
		}
		pid = ppid
	}
	return false
}

// Progress is when a growing sink file reached each milestone.
type Progress struct {
	First, P99, Last time.Time // the first line, 99% of the lines, every line
	Bytes            int64
}

// CountLines follows a growing file until it holds n newlines, or fails when ctx ends first.
func CountLines(ctx context.Context, path string, n int) (Progress, error) {
	var p Progress
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	buf := make([]byte, 1<<20)
	lines, p99 := 0, n*99/100
	for {
		if f == nil {
			var err error
			if f, err = os.Open(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return p, err
			}
		}
		for f != nil {
			k, err := f.Read(buf)
			p.Bytes += int64(k)
			lines += bytes.Count(buf[:k], []byte{'\n'})
			now := time.Now()
			if lines > 0 && p.First.IsZero() {
				p.First = now
			}
			if lines >= p99 && p.P99.IsZero() {
				p.P99 = now
			}
			if lines >= n {
				p.Last = now
				return p, nil
			}
			if k == 0 || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return p, fmt.Errorf("%s holds %d of %d lines: %w", path, lines, n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}
