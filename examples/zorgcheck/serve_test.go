//go:build integration

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve hands out the page's files with a policy that allows only them, and nothing
// else: no other file of the directory, no method that could send something.
func TestServeHandler(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"index.html", "app.js", "zorgcheck.wasm", "secret.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := pageHandler(dir)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200},
		{"GET", "/app.js", 200},
		{"HEAD", "/zorgcheck.wasm", 200},
		{"GET", "/secret.txt", 404},
		{"GET", "/../secret.txt", 404},
		{"POST", "/", 405},
		{"PUT", "/upload", 405},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, strings.NewReader("")))
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, rec.Code, tc.status)
		}
		if tc.status == 200 && !strings.HasPrefix(rec.Header().Get("Content-Security-Policy"), "default-src 'self';") {
			t.Errorf("%s %s: policy %q", tc.method, tc.path, rec.Header().Get("Content-Security-Policy"))
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/zorgcheck.wasm", nil))
	if ct := rec.Header().Get("Content-Type"); ct != "application/wasm" {
		t.Errorf("wasm served as %q", ct)
	}
}

func TestServeNeedsABuiltPage(t *testing.T) {
	code, _, stderr := runTool(t, "serve", "-dir", t.TempDir())
	if code != exitFailure || !strings.Contains(stderr, "not a built page (go run ./examples/web/build") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
