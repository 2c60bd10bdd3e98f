package kafkatest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// javaSetup is what every JVM this package starts needs: the java binary and the directory holding the
// Apache Kafka 4.3.1 jars that scripts/deps.sh fetched.
type javaSetup struct {
	java string
	jars string
}

var (
	javaOnce   sync.Once
	javaResult javaSetup
	javaErr    error
)

// javaEnv locates Java (17+) and the Kafka jars once per process. scripts/deps.sh is run even when the cache is
// warm: it is idempotent, quick, and the only place that knows which jars the pom wants.
func javaEnv() (javaSetup, error) {
	javaOnce.Do(func() { javaResult, javaErr = findJava() })
	return javaResult, javaErr
}

func findJava() (javaSetup, error) {
	java, err := javaBinary()
	if err != nil {
		return javaSetup{}, err
	}
	root, err := repoRoot()
	if err != nil {
		return javaSetup{}, err
	}
	cmd := exec.Command("bash", filepath.Join(root, "scripts", "deps.sh"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// deps.sh and Maven find Java through PATH; make it the one we chose.
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(java)+string(os.PathListSeparator)+os.Getenv("PATH"))
	if err := cmd.Run(); err != nil {
		return javaSetup{}, fmt.Errorf("kafkatest: scripts/deps.sh could not provide the Kafka jars (it needs Java 17+ "+
			"and Maven; on Debian: apt-get install -y openjdk-17-jdk-headless maven, or run bash scripts/test.sh "+
			"as root): %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	out := strings.TrimSpace(stdout.String())
	jars := out[strings.LastIndexByte(out, '\n')+1:]
	if m, _ := filepath.Glob(filepath.Join(jars, "kafka_2.13-*.jar")); len(m) == 0 {
		return javaSetup{}, fmt.Errorf("kafkatest: scripts/deps.sh printed %q, which holds no kafka_2.13 jar", jars)
	}
	return javaSetup{java: java, jars: jars}, nil
}

var javaVersionRE = regexp.MustCompile(`version "(\d+)(?:\.(\d+))?`)

// javaBinary returns $JAVA_HOME/bin/java when JAVA_HOME is set, else java from PATH, after checking it is 17+
// (the oldest Java Kafka 4.x runs on).
func javaBinary() (string, error) {
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	path, err := exec.LookPath(java)
	if err != nil {
		return "", fmt.Errorf("kafkatest: Java 17+ is required to run the Apache Kafka broker and the reference "+
			"Connect worker, but %s was not found (%v); on Debian: apt-get install -y openjdk-17-jdk-headless, "+
			"or run bash scripts/test.sh as root", java, err)
	}
	out, err := exec.Command(path, "-version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("kafkatest: %s -version failed: %v\n%s", path, err, out)
	}
	m := javaVersionRE.FindSubmatch(out)
	if m == nil {
		return "", fmt.Errorf("kafkatest: cannot read the Java version from %s -version:\n%s", path, out)
	}
	major, _ := strconv.Atoi(string(m[1]))
	if major == 1 { // "1.8.0_x" style
		major, _ = strconv.Atoi(string(m[2]))
	}
	if major < 17 {
		return "", fmt.Errorf("kafkatest: Kafka 4.x needs Java 17+, but %s is Java %d; set JAVA_HOME to a newer JDK",
			path, major)
	}
	return path, nil
}

// repoRoot finds the Sluice checkout: upwards from the working directory (go test runs in the package
// directory), else from this source file's location.
func repoRoot() (string, error) {
	isRoot := func(dir string) bool {
		_, err1 := os.Stat(filepath.Join(dir, "go.mod"))
		_, err2 := os.Stat(filepath.Join(dir, "scripts", "deps.sh"))
		return err1 == nil && err2 == nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		for {
			if isRoot(dir) {
				return dir, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", errors.New("kafkatest: cannot find the Sluice repository root (a directory with go.mod and " +
		"scripts/deps.sh) above the working directory")
}

// jvmArgs is the java command line for mainClass: flags (nil: testJVMFlags), class data sharing (see
// cds.go), logging configured by a log4j2 file written into dir, and the Kafka jars as classpath.
// SLUICE_KAFKATEST_JVM_OPTS appends flags (space-separated), e.g. to attach a debugger. It also returns the
// path a class-data recording goes to, for startJVM.
func jvmArgs(env javaSetup, dir, mainClass string, flags []string, args ...string) (cmdline []string, recording string, err error) {
	logCfg := filepath.Join(dir, "log4j2.properties")
	if err := os.WriteFile(logCfg, []byte(log4j2Config), 0o644); err != nil {
		return nil, "", err
	}
	if flags == nil {
		flags = testJVMFlags
	}
	a := append([]string{}, flags...)
	a = append(a, strings.Fields(os.Getenv("SLUICE_KAFKATEST_JVM_OPTS"))...)
	cds, recording := cdsArgs(env, mainClass, a)
	if cds != "" {
		a = append(a, cds)
	}
	a = append(a,
		"-Dlog4j2.configurationFile="+logCfg,
		"-cp", filepath.Join(env.jars, "*"),
		mainClass)
	return append(a, args...), recording, nil
}

// testJVMFlags are the JVM flags brokers and workers get unless WithJVMFlags or WorkerJVMFlags say
// otherwise: a 512 MiB heap and C1-only JIT (-XX:TieredStopAtLevel=1), which starts the worker about 40%
// faster (2.5 s instead of 4-6 s on 2 cores) and changes nothing Kafka does, only how fast its code runs
// once warm. Benchmarks must not use them: see KafkaScriptJVMFlags.
var testJVMFlags = []string{
	"-Xmx512m",
	"-XX:+UseG1GC",
	"-XX:TieredStopAtLevel=1",
	"-Djava.awt.headless=true",
}

// KafkaScriptJVMFlags returns the flags Kafka's own start scripts give a broker or worker
// (kafka-run-class.sh's performance options) with heap as both -Xms and -Xmx, e.g. "1g". Use them where the
// JVM must run at full speed, as in production: benchmarks against the reference worker, and the broker
// under them.
func KafkaScriptJVMFlags(heap string) []string {
	return []string{
		"-Xms" + heap, "-Xmx" + heap,
		"-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
		"-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true",
	}
}

// log4j2Config sends everything at INFO to stdout, which startJVM redirects into the service's log file; the
// test's own output stays clean.
const log4j2Config = `status = warn
appender.out.type = Console
appender.out.name = out
appender.out.target = SYSTEM_OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = out
`
