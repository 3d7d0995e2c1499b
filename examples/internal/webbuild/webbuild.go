package webbuild

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/zorgbericht/zorgbericht/examples/web/static"
)

// Program is the import path of the WebAssembly program.
const Program = "github.com/zorgbericht/zorgbericht/examples/web"

// Files are the files Build writes.
var Files = []string{"index.html", "app.js", "worker.js", "sw.js", "wasm_exec.js", "zorgcheck.wasm"}

// Build writes the static files of the page to dir (made if need be), building the
// program with the go command in the current directory, which must be inside this module.
func Build(ctx context.Context, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err := fs.WalkDir(static.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.Files.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path), b, 0o644)
	})
	if err != nil {
		return err
	}
	goroot, err := goCommand(ctx, nil, "env", "GOROOT")
	if err != nil {
		return err
	}
	var js []byte
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} { // Go 1.24 moved it to lib/wasm
		if js, err = os.ReadFile(filepath.Join(strings.TrimSpace(goroot), p)); err == nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("wasm_exec.js of the Go toolchain: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644); err != nil {
		return err
	}
	out, err := filepath.Abs(filepath.Join(dir, "zorgcheck.wasm"))
	if err != nil {
		return err
	}
	_, err = goCommand(ctx, []string{"GOOS=js", "GOARCH=wasm"}, "build", "-trimpath", "-ldflags=-s -w", "-o", out, Program)
	return err
}

func goCommand(ctx context.Context, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", errors.New("the go command is not on the path: building the page needs the Go toolchain (or give a built directory)")
		}
		return "", fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
