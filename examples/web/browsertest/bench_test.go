package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// BenchmarkPage100MB validates, in the page in headless Chromium, a 100 MB GZ321 file with
// the official content of Vektis's basisbestand (Grow), as a person dropping it would: from
// choosing the file to the report shown. It reports MB/s and the time the page took
// (worker-ms: the worker's own count, from its start to its answer; answer-ms: from
// choosing the file to the answer; shown-ms: to the report shown), and checks on
// the way that the page kept answering (a script ran between progress messages) and that
// the file is valid.
//
//	cd examples/web/browsertest && go test -run '^$' -bench Page100MB -benchtime 3x
func BenchmarkPage100MB(b *testing.B) {
	bin := chromium(b)
	base, err := os.ReadFile(sharedtest.Path(b, "vektis", "rbc-gz321", "GZ321-basisbestand-correct.ASC"))
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(b.TempDir(), "gz321-100MB.asc")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Grow(f, base, 100e6); err != nil {
		b.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(name)
	dist := builtPage(b)
	s := startServer(b, dist)
	ctx := browser(b, bin, s)
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.addr+"/")); err != nil {
		b.Fatal(err)
	}
	waitFor(b, ctx, "the checker to load", `document.documentElement.dataset.state === "ready"`, 60*time.Second)
	b.SetBytes(st.Size())
	b.ResetTimer()
	var pageMS [3]float64 // the worker's time, to the answer, to the report shown
	for range b.N {
		// (The input emptied first: the same file chosen again is a change.)
		js(b, ctx, `document.getElementById("file").value = ""; document.documentElement.dataset.state = "sent"`, nil)
		if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("file"), []string{name})); err != nil {
			b.Fatal(err)
		}
		// While the worker validates, the page answers (each js call runs a script in
		// it) and shows progress.
		sawProgress := false
		for end := time.Now().Add(10 * time.Minute); ; {
			var state, status string
			js(b, ctx, `document.documentElement.dataset.state`, &state)
			js(b, ctx, `document.getElementById("status").textContent`, &status)
			if state == "done" {
				break
			}
			if state == "failed" || time.Now().After(end) {
				b.Fatalf("state %q, status %q", state, status)
			}
			if strings.Contains(status, "validating") || strings.Contains(status, "reading the records") {
				sawProgress = true
			}
			time.Sleep(200 * time.Millisecond)
		}
		waitAnswer(b, ctx, 60*time.Second)
		got := read(b, ctx, "file-0")
		if got.Verdict != "Valid" {
			b.Fatalf("verdict %q", got.Verdict)
		}
		if !sawProgress {
			b.Error("no progress shown while validating")
		}
		var ms []string
		js(b, ctx, `[document.documentElement.dataset.ms, document.documentElement.dataset.answerMs, document.documentElement.dataset.shownMs]`, &ms)
		for i, m := range ms {
			v, _ := strconv.ParseFloat(m, 64)
			pageMS[i] += v
		}
	}
	b.ReportMetric(pageMS[0]/float64(b.N), "worker-ms/op")
	b.ReportMetric(pageMS[1]/float64(b.N), "answer-ms/op")
	b.ReportMetric(pageMS[2]/float64(b.N), "shown-ms/op")
}
