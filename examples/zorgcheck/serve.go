package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/examples/internal/webbuild"
)

const serveArgs = "[-addr 127.0.0.1:8080] [-dir DIR]"

// pageCSP is the Content-Security-Policy serve sends with every file: the page may load
// its own files and nothing else, so no byte of a file can leave the machine.
const pageCSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'none'; base-uri 'none'"

// runServe serves zorgcheck in the browser (examples/web) on a local address: the page
// validates files in the browser, and the server only hands out the page's own files
// (it has no way to receive a file). -dir serves a directory built with
// go run ./examples/web/build; without it, the page is built first (with the go command,
// from the module's source: run it from a clone).
func runServe(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("serve", serveArgs, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	dir := fs.String("dir", "", "serve this directory of built files (go run ./examples/web/build -o DIR) instead of building the page")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	if len(pos) != 0 {
		return exitFailure, fmt.Errorf("%w: serve takes no arguments", errUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "zorgcheck-web-")
		if err != nil {
			return exitFailure, err
		}
		defer os.RemoveAll(tmp)
		fmt.Fprintln(stderr, "zorgcheck serve: building the page (GOOS=js GOARCH=wasm)…")
		if err := webbuild.Build(ctx, tmp); err != nil {
			return exitFailure, fmt.Errorf("%w (or build it with go run ./examples/web/build -o DIR in a clone and give -dir DIR)", err)
		}
		*dir = tmp
	}
	for _, f := range webbuild.Files {
		if _, err := os.Stat(filepath.Join(*dir, f)); err != nil {
			return exitFailure, fmt.Errorf("%s: no %s: not a built page (go run ./examples/web/build -o %s)", *dir, f, *dir)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return exitFailure, err
	}
	fmt.Fprintf(stdout, "zorgcheck serve: http://%s/ (files are checked in the browser; nothing is uploaded). Ctrl-C stops.\n", ln.Addr())
	srv := &http.Server{Handler: pageHandler(*dir)}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return exitFailure, err
	}
	return exitOK, nil
}

// pageHandler serves the built files of the page, and nothing else: GET and HEAD only.
func pageHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the page's files only: nothing can be sent here", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name != "" && !slices.Contains(webbuild.Files, name) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", pageCSP)
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}
