package srcsize

import (
	"io"
	"io/fs"
)

// Of returns how many bytes r says it holds, and whether it says: what is left of a
// source in memory (Len: bytes.Reader, strings.Reader, bytes.Buffer), or what is left of
// a regular file (Stat: os.File), from where it stands (Seek) to its end. Nothing is read.
// A source may hold more than it said (a file that grows): callers use the size to size
// buffers and to choose a way of reading, never to stop reading.
func Of(r io.Reader) (int64, bool) {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len()), true
	case interface{ Stat() (fs.FileInfo, error) }:
		fi, err := r.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return 0, false
		}
		n := fi.Size()
		if sk, ok := r.(io.Seeker); ok {
			// A file read or seeked into holds what is after where it stands: a caller
			// that was given the rest of a file reads that much.
			pos, err := sk.Seek(0, io.SeekCurrent)
			if err != nil {
				return 0, false
			}
			n = max(n-pos, 0)
		}
		return n, true
	}
	return 0, false
}
