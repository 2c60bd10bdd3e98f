//go:build bench

package workerbench

import (
	"bufio"
	"bytes"
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

// procStat holds the fields of /proc/<pid>/stat the benchmark reads.
type procStat struct {
	cpu   time.Duration // utime + stime, all threads
	start time.Duration // starttime: since boot
}

func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	// The command name (field 2) is in parentheses and may contain spaces; the rest follows the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3 (state)
	if len(f) < 20 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	num := func(field int) int64 { v, _ := strconv.ParseInt(f[field-3], 10, 64); return v }
	tick := time.Second / clockTicks
	return procStat{
		cpu:   time.Duration(num(14)+num(15)) * tick,
		start: time.Duration(num(22)) * tick,
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

// memKiB returns a /proc/<pid>/status memory field (VmRSS, VmHWM) in KiB.
func memKiB(pid int, field string) (int64, error) {
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

// findJVM returns the pid of this process's descendant whose command line contains marker (the reference
// worker's properties path, unique to it). kafkatest starts the JVM but does not expose its pid.
func findJVM(marker string) (int, error) {
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
		if err != nil || !bytes.Contains(cmd, []byte(marker)) || !bytes.Contains(cmd, []byte("ConnectStandalone")) {
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
