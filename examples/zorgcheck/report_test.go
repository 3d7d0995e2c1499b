//go:build integration

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// bigFile writes a PM304 3.2 file of n verzekerden, each with a prestatie and a comment
// (3n+2 records), numbered and totalled as the standard wants (a 02 and its 04 have
// numbers 2i+1 and 2i+2, the 98 carries the number of its 04; the 99 counts n 02, n 04,
// n 98, 3n detail records and n times € 38.50), with one fault: a letter in the BSN of
// the prestatierecord of block fault (0-based), so that exactly one N3 finding is expected.
// It returns the file name and the line of the fault.
func bigFile(t testing.TB, n, fault int) (string, int) {
	t.Helper()
	data, err := os.ReadFile(synthetic)
	if err != nil {
		t.Fatal(err)
	}
	l := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	head, verz, pres, comm, sluit := l[0], l[1], l[2], l[3], l[4]
	put := func(s string, pos int, v string) string { return s[:pos-1] + v + s[pos-1+len(v):] }
	var b strings.Builder
	b.Grow((n*3 + 2) * 311)
	b.WriteString(head + "\n")
	faultLine := 0
	for i := range n {
		b.WriteString(put(verz, 3, fmt.Sprintf("%012d", 2*i+1)) + "\n")
		p := put(pres, 3, fmt.Sprintf("%012d", 2*i+2))
		p = put(p, 192, fmt.Sprintf("%-20s", fmt.Sprintf("REF%08d", i))) // 0434 unique reference
		if i == fault {
			p = put(p, 17, "X") // 0403 BSN: N3-DIGITS
			faultLine = 3*i + 3
		}
		b.WriteString(p + "\n")
		b.WriteString(put(comm, 3, fmt.Sprintf("%012d", 2*i+2)) + "\n")
	}
	s := put(sluit, 3, fmt.Sprintf("%06d", n))
	s = put(s, 15, fmt.Sprintf("%06d", n))
	s = put(s, 21, fmt.Sprintf("%06d", n))
	s = put(s, 27, fmt.Sprintf("%07d", 3*n))
	s = put(s, 34, fmt.Sprintf("%011d", 3850*n))
	b.WriteString(s + "\n")
	name := filepath.Join(t.TempDir(), fmt.Sprintf("pm304-%d.txt", n))
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return name, faultLine
}

// The page is one self-contained file: no network, no external assets; it has the
// summary, a link per finding, and no personal data.
func TestReportHTML(t *testing.T) {
	name, faultLine := bigFile(t, 400, 350)
	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := runTool(t, "report", "-today", "2026-01-01", "-o", out, name)
	if code != exitFindings || stderr != "" || !strings.HasSuffix(stdout, ": 1202 records, 1 error, 0 warnings\n") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 1 and the summary", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	for _, banned := range []string{"http://", "https://", "src=", "<link", "@import", "url("} {
		if strings.Contains(page, banned) {
			t.Errorf("the page holds %q: it must not load anything", banned)
		}
	}
	for _, want := range []string{
		"Not valid: 1 error, 0 warnings",
		`<tr data-level="N3"><td>N3</td><td class="err">1</td><td>0</td></tr>`,
		`<tr data-type="04"><td>04 PRESTATIERECORD</td><td>400</td><td class="err">1</td><td>0</td></tr>`,
		`<tr data-type="02"><td>02 VERZEKERDENRECORD</td><td>400</td><td class="">0</td><td>0</td></tr>`,
		fmt.Sprintf(`<a href="#f-1" data-rule="N3-DIGITS">line %d: <span class="lvl">N3</span>0403 BURGERSERVICENUMMER (BSN) VERZEKERDE: a numeric (N) field holds a non-digit at position 17 [N3-DIGITS, retourcode `, faultLine),
		"personal data masked",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q", want)
		}
	}
	// 100000009 is the BSN of the synthetic file, 19700517 its date of birth, Testpersoon its name.
	for _, secret := range []string{"100000009", "19700517", "Testpersoon", "1234AB"} {
		if strings.Contains(page, secret) {
			t.Errorf("the page shows %q", secret)
		}
	}
	_, _, _ = runTool(t, "report", "-unmask", "-force", "-today", "2026-01-01", "-o", out, name)
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "100000009") {
		t.Error("-unmask: the page does not show the BSN")
	}
}

func TestReportStdout(t *testing.T) {
	code, out, errOut := runTool(t, "report", "-o", "-", "-today", "2026-01-01", synthetic)
	if code != exitOK || errOut != "" || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, ">Valid<") {
		t.Errorf("exit %d, stderr %q, stdout starts %q", code, errOut, out[:min(len(out), 80)])
	}
}

// A file of 100,000 records gives a page that renders one page of records at a time.
func TestReport100000Records(t *testing.T) {
	if !testlevel.Full() {
		t.Skip("100,000 records: run with " + testlevel.EnvFull + "=1 (CI does, .ci/checks/fulltests.sh)")
	}
	name, _ := bigFile(t, 33333, 30000) // 99,999 + 2 records
	out := filepath.Join(t.TempDir(), "r.html")
	code, stdout, stderr := runTool(t, "report", "-today", "2026-01-01", "-o", out, name)
	if code != exitFindings || !strings.Contains(stdout, "100001 records, 1 error") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	// The records are data for the script (about the size of the file), not 100,000 rows
	// of HTML elements.
	if st.Size() > 45<<20 {
		t.Errorf("page of %d MB", st.Size()>>20)
	}
	if data, _ := os.ReadFile(out); strings.Count(string(data), `class="rec`) > 5 {
		t.Errorf("records rendered as HTML; want them rendered by the script, a page at a time")
	}
}

// chromium returns the headless browser to test with: $ZORGCHECK_CHROMIUM, or chromium
// (Debian's package) on the path. Without one the test is skipped, except in CI.
func chromium(t *testing.T) string {
	if p := os.Getenv("ZORGCHECK_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium found: CI must install it (.ci/services/chromium.sh)")
	}
	t.Skip("no chromium on the path (install Debian's chromium, or set ZORGCHECK_CHROMIUM)")
	return ""
}

func runChromium(t *testing.T, bin string, args ...string) string {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--no-first-run", "--disable-extensions", "--user-data-dir=" + t.TempDir(), "--window-size=1400,1000", "--virtual-time-budget=10000"}
	cmd := exec.Command(bin, append(base, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return stdout.String()
}

// The page in a real browser: the summary shows the counts, clicking the link of the
// finding in the list shows the page of records that has it, scrolls to it, marks it,
// and its field is highlighted. A screenshot of the page at the finding is kept as a
// test artefact (go test -artifacts keeps it; $ZORGCHECK_SCREENSHOT names a file for it).
func TestReportInBrowser(t *testing.T) {
	bin := chromium(t)
	// In parallel with the other long tests: the browser is a process of its own.
	t.Parallel()
	name, faultLine := bigFile(t, 400, 350) // the fault is on page 6 of 7 (200 records a page)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if code, _, stderr := runTool(t, "report", "-today", "2026-01-01", "-o", page, name); code != exitFindings {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// A person clicks the link of the N3 finding in the list.
	click := `<script>window.addEventListener("load", () => setTimeout(() =>
  document.querySelector('#findings a[data-rule="N3-DIGITS"]').click(), 100));</script></body>`
	clicked := filepath.Join(dir, "clicked.html")
	if err := os.WriteFile(clicked, []byte(strings.Replace(string(data), "</body>", click, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	// One browser run both dumps the page after the click and takes the screenshot: a
	// Chromium start costs seconds of CPU, and the page after the click shows the finding
	// as the page opened at #f-1 does.
	shot := os.Getenv("ZORGCHECK_SCREENSHOT")
	if shot == "" {
		shot = filepath.Join(t.ArtifactDir(), "report.png")
	}
	dom := runChromium(t, bin, "--dump-dom", "--screenshot="+shot, "file://"+clicked)

	for _, want := range []string{
		`<tr data-level="N3"><td>N3</td><td class="err">1</td><td>0</td></tr>`,
		`<p class="verdict bad" id="verdict">Not valid: 1 error, 0 warnings</p>`,
		`page 6 of 7 (lines 1001–1200 of 1202)`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	if !regexp.MustCompile(`<html [^>]*data-current="f-1"`).MatchString(dom) {
		t.Error("after the click, the finding is not the current one")
	}
	row := regexp.MustCompile(`(?s)<div class="rec has" id="L` + strconv.Itoa(faultLine) + `">.*?</div><div class="finding error current" id="box-f-1">`).FindString(dom)
	if row == "" {
		t.Fatalf("line %d is not shown with its finding marked current", faultLine)
	}
	if !regexp.MustCompile(`<span class="f bad error" [^>]*data-field="0403" data-finding="f-1">\*{9}</span>`).MatchString(row) {
		t.Errorf("field 0403 is not highlighted, masked as a whole (a letter in an N field: the line is not a well-formed record, maskLine): %s", row)
	}
	m := regexp.MustCompile(`data-scroll-y="(\d+)" data-target-top="(-?\d+)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("the page did not scroll")
	}
	y, _ := strconv.Atoi(m[1])
	top, _ := strconv.Atoi(m[2])
	if y < 500 || top < 0 || top > 300 {
		t.Errorf("records scrolled to %d, the record %d pixels below their top: want it at the top, in view", y, top)
	}

	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("screenshot %s: %v", shot, err)
	}
	t.Logf("screenshot: %s", shot)
}
