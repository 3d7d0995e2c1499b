//go:build integration

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// Every command that writes a file writes it as output.go does (issue 22 point 3).
func TestOutputFiles(t *testing.T) {
	dir := t.TempDir()
	decl := filepath.Join(dir, "decl.txt")
	data, err := os.ReadFile(seedDecl + "MZ301-date.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(decl, data, 0o644)
	out := filepath.Join(dir, "retour.txt")
	retourArgs := []string{"retour", "-role", "insurer", "-date", "2011-04-15", "-o", out, decl}

	// Mode 0600, no temporary file left.
	if code, _, stderr := runTool(t, retourArgs...); code != exitFindings {
		t.Fatalf("retour: exit %d, %s", code, stderr)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("retour -o: %v, mode %v; want 0600", err, st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// No overwriting without -force; with -force it is replaced.
	os.WriteFile(out, []byte("keep me"), 0o600)
	code, _, stderr := runTool(t, retourArgs...)
	if b, _ := os.ReadFile(out); code != exitFailure || string(b) != "keep me" || !strings.Contains(stderr, "-force") {
		t.Errorf("retour over an existing file: exit %d, stderr %q, file %.20q; want it refused, naming -force", code, stderr, b)
	}
	if code, _, _ := runTool(t, append([]string{"retour", "-force"}, retourArgs[1:]...)...); code != exitFindings {
		t.Errorf("retour -force: exit %d", code)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("01")) {
		t.Errorf("retour -force did not replace the file: %.20q", b)
	}
	// Never the input, -force or not: the declaration stays as it was.
	for _, args := range [][]string{
		{"retour", "-role", "insurer", "-force", "-o", decl, decl},
		{"report", "-force", "-o", decl, decl},
	} {
		code, _, stderr := runTool(t, args...)
		if b, _ := os.ReadFile(decl); code != exitFailure || !bytes.Equal(b, data) || !strings.Contains(stderr, "input") {
			t.Errorf("%v: exit %d, stderr %q; want refused, the input intact", args, code, stderr)
		}
	}
	// report: 0600 too.
	page := filepath.Join(dir, "r.html")
	runTool(t, "report", "-o", page, decl)
	if st, err := os.Stat(page); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("report -o: %v; want mode 0600", err)
	}
	// vsb check -o: 0600, and not over an existing file.
	reply := filepath.Join(dir, "reply.txt")
	runTool(t, "vsb", "check", "-o", reply, vsbFile)
	if st, err := os.Stat(reply); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("vsb check -o: %v; want mode 0600", err)
	}
	if code, _, _ := runTool(t, "vsb", "check", "-o", reply, vsbFile); code != exitFailure {
		t.Errorf("vsb check -o over an existing file: exit %d, want 2", code)
	}
}

// A write that fails leaves nothing behind: Abort removes the temporary file.
func TestOutputAbort(t *testing.T) {
	dir := t.TempDir()
	o, err := createOutput(filepath.Join(dir, "x"), nil, false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(o, "half")
	o.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("after Abort: %v", entries)
	}
}

// envTool makes the test binary run as zorgcheck itself (TestMain): the child processes
// of the tests that measure zorgcheck from outside.
const envTool = "ZORGCHECK_TEST_AS_TOOL"

// envMeasure makes the test binary run the command in its arguments and write that
// child's peak resident memory to file descriptor 3 (TestMain, runMeasured).
const envMeasure = "ZORGCHECK_TEST_MEASURE"

// TestMain runs main instead of the tests when envTool is set, and measures a command
// when envMeasure is.
func TestMain(m *testing.M) {
	if os.Getenv(envMeasure) == "1" {
		os.Unsetenv(envMeasure)
		os.Exit(measure(os.Args[1], os.Args[2:]))
	}
	if os.Getenv(envTool) == "1" {
		os.Unsetenv(envTool)
		os.Args = append([]string{"zorgcheck"}, os.Args[1:]...)
		main()
	}
	os.Exit(m.Run())
}

// measure runs the program at path with args, standard input, output and error passed
// on, writes its peak resident memory in bytes (or "none" where the system does not
// report it) to file descriptor 3, and returns its exit code: 128 plus the signal when a
// signal ended it.
//
// It is the small process between a test and the command it measures. On Linux a child
// started with vfork, as os/exec starts it, counts in its own peak the peak of the
// process that started it (exec folds the shared memory's high-water mark into the
// child's). A test process under the race detector, run with -count 2, is past 256 MiB
// by then, and every command measured 346 MiB. This process is small when it starts
// the command, whatever the test process holds.
func measure(path string, args []string) int {
	syscall.CloseOnExec(3) // the report is this process's, not the command's
	report := os.NewFile(3, "peak memory")
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		fmt.Fprintln(os.Stderr, "measure:", err)
		return 125
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		fmt.Fprint(report, ru.Maxrss*1024) // Linux: kilobytes
	} else {
		fmt.Fprint(report, "none")
	}
	report.Close()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// tool returns how to run zorgcheck as a child process: this test binary as the tool
// (TestMain), not a zorgcheck built with a nested go build, which on a fresh machine
// compiles and links the command a second time (seconds of CPU). Under the race detector,
// whose instrumented binary is not the tool whose memory is measured, it is built after
// all.
func tool(t *testing.T) func(args ...string) *exec.Cmd {
	t.Helper()
	if raceEnabled {
		bin := filepath.Join(t.TempDir(), "zorgcheck")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		return func(args ...string) *exec.Cmd { return exec.Command(bin, args...) }
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return func(args ...string) *exec.Cmd {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), envTool+"=1")
		return cmd
	}
}

// maxRSS is the limit of issue 22: every whole-file command stays under it or stops early
// with a clear message.
const maxRSS = 256 << 20

// runMeasured runs zorgcheck (tool) with args and stdin, and returns its exit code (128
// plus the signal when a signal ended it), standard error and peak resident memory in
// bytes. It runs it under this test binary as a small process in between (measure), so
// that the peak is the command's own.
func runMeasured(t *testing.T, tool func(...string) *exec.Cmd, stdin io.Reader, args ...string) (int, string, int64) {
	t.Helper()
	target := tool(args...)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, append([]string{target.Path}, target.Args[1:]...)...)
	cmd.Env = append(target.Environ(), "GOMEMLIMIT=", envMeasure+"=1")
	cmd.Stdin = stdin
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	report, readErr := io.ReadAll(r)
	if err := cmd.Wait(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatal(err)
		}
	}
	if readErr != nil {
		t.Fatal(readErr)
	}
	if string(report) == "none" {
		t.Skip("no resource usage on this system")
	}
	rss, err := strconv.ParseInt(string(report), 10, 64)
	if err != nil {
		t.Fatalf("the peak memory of %v was not reported (%v); standard error: %q", args, err, stderr.String())
	}
	return cmd.ProcessState.ExitCode(), stderr.String(), rss
}

// tinyLines is a stream of a valid 01 record and then n lines of one character.
type tinyLines struct {
	head []byte
	n    int
}

func (r *tinyLines) Read(p []byte) (int, error) {
	if len(r.head) > 0 {
		k := copy(p, r.head)
		r.head = r.head[k:]
		return k, nil
	}
	k := 0
	for k+2 <= len(p) && r.n > 0 {
		p[k], p[k+1] = 'x', '\n'
		k += 2
		r.n--
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// Issue 22 point 2: no command runs out of memory on hostile input: /dev/zero (no line
// breaks) and 10 million tiny lines stay under 256 MiB or stop early with a clear
// message. (report is measured by its own tests: its rendering is being moved.) The
// default run feeds 100,000 tiny lines, the full run (internal/testlevel, CI) 10
// million: the commands that read them all (dump, validate -max 0) take 20-30 s each on
// 10 million, and validate -max 0 about 5 CPU-seconds on 250,000.
func TestBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs zorgcheck on hundreds of megabytes")
	}
	// Not parallel with the other tests: the commands run in parallel subtests of this
	// test, two at a time (-test.parallel), and each is measured from a small process in
	// between (runMeasured), so that its peak is its own and not the test process's.
	zorgcheck := tool(t)
	decl, _ := filepath.Abs(seedDecl + "MZ301-base.txt")
	first, err := os.ReadFile(decl)
	if err != nil {
		t.Fatal(err)
	}
	head := first[:bytes.IndexByte(first, '\n')+1]
	tiny, tinyName := testlevel.Pick(10_000_000, 100_000), testlevel.Pick("10 million tiny lines", "100,000 tiny lines")
	commands := [][]string{
		{"dump", "-"}, {"dump", "-json", "-"}, {"validate", "-"}, {"validate", "-max", "0", "-"},
		{"retour", "-role", "portal", "-o", "-", "-"}, {"outcome", "-", decl}, {"outcome", decl, "-"},
		{"vsb", "check", "-"},
	}
	for _, args := range commands {
		for _, in := range []struct {
			name string
			r    func(t *testing.T) io.Reader
		}{
			{"/dev/zero", func(t *testing.T) io.Reader {
				f, err := os.Open("/dev/zero")
				if err != nil {
					t.Skip(err)
				}
				t.Cleanup(func() { f.Close() })
				return f
			}},
			{tinyName, func(*testing.T) io.Reader { return &tinyLines{head: bytes.Clone(head), n: tiny} }},
		} {
			t.Run(strings.ReplaceAll(strings.Join(args, " "), decl, filepath.Base(decl))+" on "+in.name, func(t *testing.T) {
				t.Parallel()
				code, stderr, rss := runMeasured(t, zorgcheck, in.r(t), args...)
				t.Logf("%v on %s: exit %d, %d MiB, %.100q", args, in.name, code, rss>>20, stderr)
				if strings.Contains(stderr, "fatal error") || strings.Contains(stderr, "out of memory") || code > 2 {
					t.Fatalf("%v on %s: exit %d, %q", args, in.name, code, stderr)
				}
				if rss > maxRSS && !(code == exitFailure && stderr != "") {
					t.Errorf("%v on %s: %d MiB without stopping early", args, in.name, rss>>20)
				}
				if rss > maxRSS {
					t.Errorf("%v on %s: %d MiB before the message %q", args, in.name, rss>>20, stderr)
				}
			})
		}
	}
}
