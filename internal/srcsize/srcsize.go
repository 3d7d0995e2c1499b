package srcsize

import (
	"io"
	"io/fs"
)

// Of returns how many bytes r says it holds, and whether it says: what is left of a
// source in memory (Len: bytes.Reader, strings.Reader, bytes.Buffer), or the size of a
// regular file (Stat: os.File; a file read from its start). Nothing is read. A source may
// hold more than it said (a file that grows): callers use the size to size buffers and to
// choose a way of reading, never to stop reading.
func Of(r io.Reader) (int64, bool) {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len()), true
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size(), true
		}
	}
	return 0, false
}
