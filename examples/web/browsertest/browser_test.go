package browsertest

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zorgbericht/zorgbericht/examples/internal/webbuild"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

var artifacts = flag.String("shots", "", "keep the screenshots in this directory (default: the test's artifact directory, go test -artifacts)")

// chromium returns the headless browser to test with: $ZORGCHECK_CHROMIUM, or chromium
// (Debian's package) on the path. Without one the test is skipped, except in CI.
func chromium(t testing.TB) string {
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

// builtPage returns the directory of the built page: $ZORGCHECK_WEB_DIST (CI builds it
// once with go run ./examples/web/build), else it is built here.
func builtPage(t testing.TB) string {
	if d := os.Getenv("ZORGCHECK_WEB_DIST"); d != "" {
		return d
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./examples/web/build", "-o", dir)
	cmd.Dir = sharedtest.RepoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the page: %v\n%s", err, out)
	}
	return dir
}

// server serves the built page on a loopback address and is, at the same time, the
// browser's HTTP proxy for every address, loopback included: it sees every request the
// browser makes, and answers only those for the page's own files.
type server struct {
	addr string
	srv  *http.Server
	mu   sync.Mutex
	seen []string // "GET 127.0.0.1:PORT/app.js", "CONNECT example.org:443"
	// fixtures are extra files the test serves (none by default).
	dist string
}

func startServer(t testing.TB, dist string) *server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{addr: ln.Addr().String(), dist: dist}
	files := http.FileServer(http.Dir(dist))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if r.URL.Host != "" {
			host = r.URL.Host
		}
		s.mu.Lock()
		s.seen = append(s.seen, r.Method+" "+host+r.URL.Path)
		s.mu.Unlock()
		if host != s.addr || r.Method != http.MethodGet {
			http.Error(w, "not the page's own file", http.StatusForbidden)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})}
	s.srv = srv
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

// requests returns every request made so far.
func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

// browserHost ends the host names of the browser's own services (browser below): a
// request to them is the browser's, not the page's.
const browserHost = ".browser.invalid"

// foreign returns the requests that were not for one of the page's own files (nor to the
// browser's own services).
func (s *server) foreign() []string {
	var bad []string
	for _, r := range s.requests() {
		if host, _, _ := strings.Cut(strings.Fields(r)[1], "/"); strings.HasSuffix(strings.Split(host, ":")[0], browserHost) {
			continue
		}
		ok := false
		for _, f := range append([]string{""}, webbuild.Files...) {
			if r == "GET "+s.addr+"/"+f {
				ok = true
			}
		}
		if !ok {
			bad = append(bad, r)
		}
	}
	return bad
}

// browser starts headless Chromium whose every request goes through s.
func browser(t testing.TB, bin string, s *server) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		// The browser's own background services (not the page's), which would otherwise
		// show up at the recording proxy: network time, optimization hints, autofill
		// server, metrics, safe browsing updates, domain reliability.
		chromedp.Flag("disable-features", "NetworkTimeServiceQuerying,OptimizationHints,OptimizationHintsFetching,OptimizationGuideModelDownloading,OptimizationTargetPrediction,AutofillServerCommunication,Translate,MediaRouter,DialMediaRouteProvider,CertificateTransparencyComponentUpdater,SignInProfileCreation"),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		// Two services that the flags above do not stop (component updates, Google sign-in)
		// are pointed at hosts of their own under .invalid, so that the proxy can tell
		// the browser's requests from the page's (browserHost).
		chromedp.Flag("component-updater", "url-source=http://updater"+browserHost+"/"),
		chromedp.Flag("gaia-url", "http://gaia"+browserHost),
		chromedp.Flag("proxy-server", "http://"+s.addr),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"), // loopback through the proxy too
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
		chromedp.Env("HOME=" + t.TempDir()),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return ctx
}

// js evaluates an expression in the page and decodes its value into out (nil: the value
// is not wanted).
func js(t testing.TB, ctx context.Context, expr string, out any) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	if out == nil {
		return
	}
	raw, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		t.Fatalf("%s: %v (%s)", expr, err, raw)
	}
}

// waitFor polls expr until it is true.
func waitFor(t testing.TB, ctx context.Context, what, expr string, timeout time.Duration) {
	t.Helper()
	end := time.Now().Add(timeout)
	for {
		var ok bool
		js(t, ctx, expr, &ok)
		if ok {
			return
		}
		if time.Now().After(end) {
			var state, status string
			js(t, ctx, `document.documentElement.dataset.state || ""`, &state)
			js(t, ctx, `document.getElementById("status").textContent`, &status)
			t.Fatalf("waited %s for %s: state %q, status %q", timeout, what, state, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// check feeds the page files as a person picking them would and waits for the answer
// (every report shown).
func check(t testing.TB, ctx context.Context, timeout time.Duration, files ...string) {
	t.Helper()
	js(t, ctx, `document.documentElement.dataset.state = "sent"`, nil)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("file"), files)); err != nil {
		t.Fatal(err)
	}
	waitAnswer(t, ctx, timeout)
}

func waitAnswer(t testing.TB, ctx context.Context, timeout time.Duration) {
	t.Helper()
	waitFor(t, ctx, "the answer", `document.documentElement.dataset.state === "done" &&
  [...document.querySelectorAll("#results iframe")].every(f => f.dataset.loaded === "true")`, timeout)
}

// shown is what the page shows of one file, read from the DOM (of the page and of the
// report in its frame).
type shown struct {
	Kind, Verdict, Message string
	Report                 string // the report's verdict
	Levels                 map[string][2]int
	Findings               []string
	Records                string // the text of the records shown
	HTML                   string // the whole report page as the browser has it
	Show                   bool   // the "show personal data" box
}

func read(t testing.TB, ctx context.Context, section string) shown {
	t.Helper()
	var s shown
	js(t, ctx, `(() => {
  const s = document.getElementById(`+"`"+section+"`"+`);
  if (!s) return {};
  const v = s.querySelector(".verdict"), u = s.querySelector(".unknown"), f = s.querySelector("iframe");
  const d = f && f.contentDocument;
  const out = {Kind: s.dataset.kind, Verdict: v ? v.textContent : "", Message: u ? u.textContent : "",
    Show: document.getElementById("show").checked, Levels: {}, Findings: []};
  if (d) {
    const rv = d.getElementById("verdict") || d.getElementById("outcome-verdict");
    out.Report = rv ? rv.textContent : "";
    d.querySelectorAll("#by-level tr[data-level]").forEach(tr => {
      const c = tr.querySelectorAll("td"); out.Levels[tr.dataset.level] = [Number(c[1].textContent), Number(c[2].textContent)];
    });
    out.Findings = [...d.querySelectorAll("#findings li")].map(li => li.textContent);
    const r = d.getElementById("records"); out.Records = r ? r.textContent : "";
    out.HTML = d.documentElement.outerHTML;
  }
  return out;
})()`, &s)
	return s
}

// fields clicks record line of the report in section and returns its field table:
// rows of number, name, positions, value.
func fields(t testing.TB, ctx context.Context, section string, line int) [][]string {
	t.Helper()
	var rows [][]string
	js(t, ctx, fmt.Sprintf(`(() => {
  const d = document.querySelector("#%s iframe").contentDocument;
  d.getElementById("L%d").click();
  const tb = d.getElementById("fields-%d");
  return tb ? [...tb.querySelectorAll("tr[data-field]")].map(tr => [...tr.querySelectorAll("td")].map(td => td.textContent)) : [];
})()`, section, line, line), &rows)
	return rows
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := *artifacts
	if dir == "" {
		dir = t.ArtifactDir()
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 {
		t.Errorf("screenshot %s: %d bytes", p, len(png))
	}
	t.Logf("screenshot: %s", p)
}

// fieldAt returns the text at the positions of a field (1-based, inclusive) of the line
// of a file that starts with code.
func fieldAt(t testing.TB, file, code string, start, end int) string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, code) {
			return l[start-1 : end]
		}
	}
	t.Fatalf("%s: no record %s", file, code)
	return ""
}

func TestPageInBrowser(t *testing.T) {
	bin := chromium(t)
	mz301 := sharedtest.Path(t, "vektis", "samples", "MZ301v1.3_sample.asc")
	n5 := sharedtest.Path(t, "vektis", "rbc-gz321", "visible", "GZ321v1.0_RBCu4_TB_N5_016_v1.asc")
	dist := builtPage(t)
	s := startServer(t, dist)
	ctx := browser(t, bin, s)
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.addr+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the checker to load", `document.documentElement.dataset.state === "ready"`, 60*time.Second)

	t.Run("MZ301 sample", func(t *testing.T) {
		check(t, ctx, 60*time.Second, mz301)
		got := read(t, ctx, "file-0")
		// The sample's one fault: no line break after its last record (N2; seed and
		// Vektis TB_N2_0006 make that an error).
		// (The warnings are N4-UZOVI: the sample's UZOVI numbers 9999 and 3317 are not in
		// the register.)
		if got.Kind != "EI" || !strings.HasPrefix(got.Verdict, "Not valid: 1 error, ") || got.Report != got.Verdict {
			t.Errorf("kind %q, verdict %q, report %q", got.Kind, got.Verdict, got.Report)
		}
		for l, c := range got.Levels {
			if want := map[string]int{"N2": 1}[l]; c[0] != want {
				t.Errorf("%s: %d errors, want %d", l, c[0], want)
			}
		}
		if !slices.ContainsFunc(got.Findings, func(f string) bool {
			return strings.Contains(f, "N2file: the last record has no line break after it [N2-LINEBREAK")
		}) {
			t.Errorf("findings %q: no N2-LINEBREAK", got.Findings)
		}
		// 0203 BSN (positions 15-23 of the 02 record, BER MZ301 1.3), 0207 date of birth (54-61).
		bsn := fieldAt(t, mz301, "02", 15, 23)
		birth := fieldAt(t, mz301, "02", 54, 61)
		if strings.Contains(got.HTML, bsn) || strings.Contains(got.HTML, birth) {
			t.Errorf("the page shows the BSN %s or the date of birth %s", bsn, birth)
		}
		if !strings.Contains(got.Records, "******"+bsn[6:]) || got.Show {
			t.Errorf("the BSN is not shown masked (******%s), or the show box is on (%v)", bsn[6:], got.Show)
		}
		rows := fields(t, ctx, "file-0", 2)
		want := []string{"0203", "BURGERSERVICENUMMER (BSN) VERZEKERDE", "15-23", "******" + bsn[6:]}
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, want) }) {
			t.Errorf("the fields of line 2 have no row %q: %q", want, rows)
		}

		// "show personal data": the same file again, unmasked.
		js(t, ctx, `document.documentElement.dataset.state = "sent"`, nil)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("show"))); err != nil {
			t.Fatal(err)
		}
		waitAnswer(t, ctx, 60*time.Second)
		if got := read(t, ctx, "file-0"); !got.Show || !strings.Contains(got.Records, bsn) {
			t.Errorf("show personal data: the BSN %s is not shown (box %v)", bsn, got.Show)
		}
	})

	t.Run("GZ321 N5 test file", func(t *testing.T) {
		// TB_N5_016 fills 0213 NAAM VERZEKERDE (02) while 0212 says there is no second
		// name: one N5 error, on a field with personal data.
		check(t, ctx, 60*time.Second, n5)
		got := read(t, ctx, "file-0")
		if got.Show {
			t.Error("the show box stayed on for a new file")
		}
		if got.Kind != "EI" || got.Verdict != "Not valid: 1 error, 0 warnings" {
			t.Errorf("kind %q, verdict %q", got.Kind, got.Verdict)
		}
		for _, l := range []string{"N1", "N2", "N3", "N4"} {
			if got.Levels[l] != [2]int{} {
				t.Errorf("%s: %v findings; the test file breaks N5 only", l, got.Levels[l])
			}
		}
		if got.Levels["N5"] != [2]int{1, 0} || len(got.Findings) != 1 ||
			!strings.HasPrefix(got.Findings[0], "line 2: N50213 NAAM VERZEKERDE (02): ") {
			t.Errorf("N5 %v, findings %q", got.Levels["N5"], got.Findings)
		}
		bsn := fieldAt(t, n5, "02", 15, 23)    // 0203 BSN (BER GZ321 1.0)
		name := fieldAt(t, n5, "02", 100, 124) // 0213 NAAM VERZEKERDE (02)
		if strings.Contains(got.HTML, bsn) || strings.Contains(got.HTML, name) {
			t.Errorf("the page shows the BSN %s or the name %s", bsn, name)
		}
		// The finding's field is highlighted, masked (its first letter).
		masked := name[:1] + strings.Repeat("*", len(strings.TrimRight(name, " "))-1)
		if !strings.Contains(got.HTML, `data-field="0213" data-finding="f-1">`+masked) {
			t.Errorf("field 0213 is not highlighted with its value masked (%s)", masked)
		}
		screenshot(t, ctx, "web-gz321-n5.png")
	})

	t.Run("VSB facturatiebestand", func(t *testing.T) {
		dir := t.TempDir()
		good := filepath.Join(dir, "zending.txt")
		data := vsbFile(t)
		if err := os.WriteFile(good, data, 0o644); err != nil {
			t.Fatal(err)
		}
		check(t, ctx, 60*time.Second, good)
		got := read(t, ctx, "file-0")
		if got.Kind != "VSB" || !strings.HasPrefix(got.Verdict, "Technical validation passed") || got.Levels["technical"] != [2]int{} {
			t.Errorf("kind %q, verdict %q, levels %v", got.Kind, got.Verdict, got.Levels)
		}
		for _, insz := range vsbINSZ {
			if strings.Contains(got.HTML, insz) {
				t.Errorf("the page shows the INSZ %s", insz)
			}
			if !strings.Contains(got.Records, "**********"+insz[10:]) {
				t.Errorf("the INSZ %s is not shown masked", insz)
			}
		}
		screenshot(t, ctx, "web-vsb.png")

		// The check number (zone 99) of the first record made wrong: a technical error.
		bad := filepath.Join(dir, "zending-bad.txt")
		if err := os.WriteFile(bad, breakCheckNumber(t, data), 0o644); err != nil {
			t.Fatal(err)
		}
		check(t, ctx, 60*time.Second, bad)
		got = read(t, ctx, "file-0")
		if !strings.HasPrefix(got.Verdict, "Technical validation failed (920999") || got.Levels["technical"][0] == 0 || len(got.Findings) == 0 {
			t.Errorf("verdict %q, levels %v, findings %q", got.Verdict, got.Levels, got.Findings)
		}
	})

	t.Run("QVE301", func(t *testing.T) {
		// q/testdata/qve301_invalid.txt: four Q rule errors (q validate finds the same).
		check(t, ctx, 60*time.Second, filepath.Join(sharedtest.RepoRoot(), "q", "testdata", "qve301_invalid.txt"))
		got := read(t, ctx, "file-0")
		if got.Kind != "Q" || got.Verdict != "Not valid: 4 errors, 0 warnings" {
			t.Errorf("kind %q, verdict %q", got.Kind, got.Verdict)
		}
		if !slices.ContainsFunc(got.Findings, func(f string) bool { return strings.Contains(f, "[Q-N5-0450") }) {
			t.Errorf("findings %q: no Q-N5-0450 (identificatie prestatierecord twice)", got.Findings)
		}
	})

	t.Run("return and its declaration", func(t *testing.T) {
		dir := t.TempDir()
		decl, ret := returnOf(t, mz301, dir)
		check(t, ctx, 60*time.Second, ret, decl)
		var out struct {
			Kind, Verdict string
			Rows          [][]string
		}
		js(t, ctx, `(() => {
  const s = document.getElementById("file-outcome");
  if (!s) return {};
  const d = s.querySelector("iframe").contentDocument;
  return {Kind: s.dataset.kind, Verdict: d.getElementById("outcome-verdict").textContent,
    Rows: [...d.querySelectorAll("#prestaties tr[data-prestatie]")].map(tr => [tr.dataset.prestatie, tr.className])};
})()`, &out)
		if out.Kind != "outcome" || !strings.Contains(out.Verdict, "partly") {
			t.Errorf("outcome %q, verdict %q", out.Kind, out.Verdict)
		}
		// Prestatie 3 (line 3 of the sample) rejected with 0586, the others accepted.
		want := [][]string{{"3", "rejected"}, {"4", "accepted"}, {"7", "accepted"}, {"8", "accepted"}}
		if !slices.EqualFunc(out.Rows, want, slices.Equal) {
			t.Errorf("prestaties %q, want %q", out.Rows, want)
		}
		js(t, ctx, `document.getElementById("file-outcome").scrollIntoView()`, nil)
		screenshot(t, ctx, "web-outcome.png")
	})

	t.Run("not a known format", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "notes.txt")
		if err := os.WriteFile(f, []byte("Dear insurer,\nplease find attached...\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		check(t, ctx, 30*time.Second, f)
		got := read(t, ctx, "file-0")
		if got.Kind != "unknown" || !strings.HasPrefix(got.Message, "Not a known format: not a file zorgcheck knows") {
			t.Errorf("kind %q, message %q", got.Kind, got.Message)
		}
	})

	// Every request the browser made, through the recording proxy: only the page's own
	// files.
	bad := s.foreign()
	if len(bad) > 0 {
		t.Errorf("requests other than the page's own files: %q", bad)
	}
	if len(s.requests()) < 4 {
		t.Errorf("requests %q: the proxy did not see the page load", s.requests())
	}
	t.Logf("requests: %q", s.requests())

	// The proxy does see what a page sends elsewhere: another tab fetches from a host of
	// its own, and that request is foreign.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	js(t, tab, `fetch("http://probe.example/upload", {method: "POST", body: "x", mode: "no-cors"}).catch(() => 0), true`, nil)
	for end := time.Now().Add(5 * time.Second); !slices.Contains(s.foreign(), "POST probe.example/upload"); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the proxy did not see the probe request: %q", s.foreign())
		}
	}

	// Offline once loaded: the service worker has kept the page's files; with the server
	// (and so the network) gone, the page opens again and checks a file.
	t.Run("offline", func(t *testing.T) {
		js(t, ctx, `navigator.serviceWorker.ready.then(() => { document.documentElement.dataset.sw = "ready"; }), true`, nil)
		waitFor(t, ctx, "the service worker", `document.documentElement.dataset.sw === "ready"`, 30*time.Second)
		s.srv.Close()
		if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.addr+"/")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the checker to load offline", `document.documentElement.dataset.state === "ready"`, 60*time.Second)
		check(t, ctx, 60*time.Second, n5)
		if got := read(t, ctx, "file-0"); got.Verdict != "Not valid: 1 error, 0 warnings" {
			t.Errorf("offline: verdict %q", got.Verdict)
		}
	})
}
