//go:build js && wasm

package main

import (
	"context"
	"io"
	"syscall/js"
	"time"
)

// main runs in the page's Web Worker (static/worker.js): it answers each message
// {id, files: [File...], unmask} with progress messages and one result message
// {type: "result", id, results, outcome}. The files are read in slices with
// FileReaderSync, in the worker, never more than a slice at a time besides what the
// report keeps.
func main() {
	self := js.Global()
	self.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := args[0].Get("data")
		go handle(self, msg)
		return nil
	}))
	self.Call("postMessage", map[string]any{"type": "ready"})
	select {}
}

func handle(self, msg js.Value) {
	id := msg.Get("id").Int()
	unmask := msg.Get("unmask").Truthy()
	list := msg.Get("files")
	var files []input
	for i := 0; i < list.Length(); i++ {
		f := list.Index(i)
		size := int64(f.Get("size").Float())
		files = append(files, input{Name: f.Get("name").String(), Size: size,
			Open: func() (io.ReadCloser, error) { return &blobReader{blob: f, size: size}, nil }})
	}
	last := time.Time{}
	progress := func(file, pass int, read, size int64) {
		if now := time.Now(); now.Sub(last) > 100*time.Millisecond || read == size {
			last = now
			self.Call("postMessage", map[string]any{"type": "progress", "id": id, "file": file, "pass": pass, "read": float64(read), "size": float64(size)})
		}
	}
	start := time.Now()
	results, outcome := analyze(context.Background(), files, unmask, progress)
	out := make([]any, len(results))
	for i, r := range results {
		out[i] = resultValue(r)
	}
	m := map[string]any{"type": "result", "id": id, "results": out, "ms": float64(time.Since(start).Milliseconds())}
	if outcome != nil {
		m["outcome"] = resultValue(*outcome)
	}
	self.Call("postMessage", m)
}

func resultValue(r result) map[string]any {
	return map[string]any{"name": r.Name, "kind": r.Kind, "standard": r.Standard, "verdict": r.Verdict,
		"errors": r.Errors, "warnings": r.Warnings, "message": r.Message, "html": r.HTML}
}

// blobReader reads a File (a Blob) in slices of a MiB with FileReaderSync, which a
// worker has.
type blobReader struct {
	blob      js.Value
	size, off int64
	buf       []byte // what is left of the slice read last
	store     []byte
	reader    js.Value
}

const slice = 1 << 20

func (r *blobReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.off >= r.size {
			return 0, io.EOF
		}
		if r.reader.IsUndefined() {
			r.reader = js.Global().Get("FileReaderSync").New()
		}
		end := min(r.off+slice, r.size)
		ab := r.reader.Call("readAsArrayBuffer", r.blob.Call("slice", float64(r.off), float64(end)))
		u8 := js.Global().Get("Uint8Array").New(ab)
		if r.store == nil {
			r.store = make([]byte, slice)
		}
		r.buf = r.store[:u8.Length()]
		js.CopyBytesToGo(r.buf, u8)
		r.off = end
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func (r *blobReader) Close() error { return nil }
