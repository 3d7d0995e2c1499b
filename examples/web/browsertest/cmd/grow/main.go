// Command grow writes a large valid file with the official content of an EI base file
// (browsertest.Grow), for benchmarks and memory checks:
//
//	go run ./cmd/grow -size 100MB ../../../../shared/vektis/rbc-gz321/GZ321-basisbestand-correct.ASC > gz321-100MB.asc
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/examples/web/browsertest"
)

func main() {
	size := flag.String("size", "100MB", "the size of the file: 100MB, 1GB")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: grow [-size 100MB] BASEFILE > OUT")
		os.Exit(2)
	}
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "grow:", err)
		os.Exit(2)
	}
	base, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "grow:", err)
		os.Exit(1)
	}
	copies, err := browsertest.Grow(os.Stdout, base, n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "grow:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "grow: %d copies of the detail records\n", copies)
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a number of bytes, MB or GB", s)
	}
	return n * mult, nil
}
