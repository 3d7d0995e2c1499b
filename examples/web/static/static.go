package static

import "embed"

// Files are index.html, app.js, worker.js and sw.js.
//
//go:embed index.html app.js worker.js sw.js
var Files embed.FS
