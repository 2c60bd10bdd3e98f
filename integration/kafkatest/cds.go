package kafkatest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Class data sharing: a JVM's start-up is dominated by loading and verifying a few thousand classes from the
// jars. Java 17 can record the classes one run loaded into an archive (-XX:ArchiveClassesAtExit) and map it
// into later runs (-XX:SharedArchiveFile). Measured on a 2-core machine, this cuts the broker's start from
// about 1.45 s to 0.85 s and the Connect worker's from about 2.45 s to 2.0 s. The archives live in
// $SLUICE_CACHE/cds (default $HOME/.cache/sluice/cds), one per main class, keyed by everything a stale archive
// could mismatch (java binary and version, jar set, JVM flags). The first run of each main class records the
// archive when it exits gracefully; if an archive is ever unusable, the JVM logs a warning and starts without
// it (-Xshare:auto). SLUICE_KAFKATEST_CDS=off disables all of this.

var (
	cdsOnce sync.Once
	cdsDir  string // empty: CDS disabled
	cdsSalt string // java version and jar set, shared by every key
)

// cdsArgs returns the JVM flag that uses or records the archive for mainClass with flags, and the temporary
// path the JVM will record into (empty when using an existing archive or when CDS is off). The caller
// renames the recording into place with cdsCommit after the JVM exited.
func cdsArgs(env javaSetup, mainClass string, flags []string) (arg, recording string) {
	cdsOnce.Do(func() { cdsDir, cdsSalt = cdsSetup(env) })
	if cdsDir == "" {
		return "", ""
	}
	h := sha256.Sum256([]byte(cdsSalt + "\x00" + mainClass + "\x00" + strings.Join(flags, "\x00")))
	archive := filepath.Join(cdsDir, mainClass+"-"+hex.EncodeToString(h[:8])+".jsa")
	if fi, err := os.Stat(archive); err == nil && fi.Size() > 0 {
		return "-XX:SharedArchiveFile=" + archive, ""
	}
	var r [6]byte
	_, _ = rand.Read(r[:])
	recording = archive + ".recording-" + hex.EncodeToString(r[:])
	return "-XX:ArchiveClassesAtExit=" + recording, recording
}

func cdsSetup(env javaSetup) (dir, salt string) {
	if v := os.Getenv("SLUICE_KAFKATEST_CDS"); v == "off" || v == "0" || v == "false" {
		return "", ""
	}
	cache := os.Getenv("SLUICE_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", ""
		}
		cache = filepath.Join(home, ".cache", "sluice")
	}
	dir = filepath.Join(cache, "cds")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", ""
	}
	// Recordings left by test binaries that died before their JVM exited.
	if stale, _ := filepath.Glob(filepath.Join(dir, "*.recording-*")); len(stale) > 0 {
		for _, f := range stale {
			if fi, err := os.Stat(f); err == nil && time.Since(fi.ModTime()) > time.Hour {
				_ = os.Remove(f)
			}
		}
	}
	version, err := exec.Command(env.java, "-version").CombinedOutput()
	if err != nil {
		return "", ""
	}
	// deps.sh marks the jar set with a stamp named after the pom's hash; the jar names cover the rest.
	entries, err := os.ReadDir(env.jars)
	if err != nil {
		return "", ""
	}
	var sb strings.Builder
	sb.WriteString(env.java + "\x00" + string(version) + "\x00" + env.jars)
	for _, e := range entries {
		sb.WriteString("\x00" + e.Name())
	}
	return dir, sb.String()
}

// cdsCommit moves a finished recording into place, replacing older archives for the same main class (they
// were keyed by a jar set or flags no longer in use). A JVM killed before it could write the archive leaves
// nothing or a partial file, which is removed.
func cdsCommit(recording string, exitedCleanly bool) {
	if recording == "" {
		return
	}
	archive, _, _ := strings.Cut(recording, ".recording-")
	fi, err := os.Stat(recording)
	if err != nil || fi.Size() == 0 || !exitedCleanly {
		_ = os.Remove(recording)
		return
	}
	mainClass := filepath.Base(archive)
	mainClass = mainClass[:strings.LastIndexByte(mainClass, '-')]
	if old, _ := filepath.Glob(filepath.Join(filepath.Dir(archive), mainClass+"-*.jsa")); len(old) > 0 {
		for _, o := range old {
			if o != archive {
				_ = os.Remove(o)
			}
		}
	}
	_ = os.Rename(recording, archive)
}
