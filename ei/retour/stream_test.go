package retour_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/money"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/eitest"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
	"github.com/zorgbericht/zorgbericht/internal/testlevel"
)

// streamFiles are declarations of several standards: the seed examples, the synthetic
// files of the repository and, beside it, the official Vektis files.
func streamFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	decls, _ := filepath.Glob(filepath.Join("testdata", "decl", "*.txt"))
	for _, name := range append(decls, "../testdata/gz321-synthetic.txt", "../testdata/mz301-synthetic.txt", "../../examples/zorgcheck/testdata/pm304-synthetic.txt") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	t.Run("shared", func(t *testing.T) {
		dir := sharedtest.Dir(t)
		for _, name := range []string{"vektis/samples/MZ301v1.3_sample.asc", "vektis/rbc-gz321/GZ321-basisbestand-correct.ASC"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				files[name] = data
			}
		}
	})
	return files
}

// TestStreamSameBytes checks that Stream writes, byte for byte, the return Build makes of
// the same declaration and outcomes (the goldens of TestSeedExamples hold Build's), for
// both roles and outcomes of every kind: none, a rejected prestatie, a rejected
// verzekerde, a record under a prestatie, a comment, amounts without codes, the file as a
// whole, and an outcome for a record the declaration lacks.
func TestStreamSameBytes(t *testing.T) {
	compared := 0
	for name, data := range streamFiles(t) {
		decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: standards.Registry()})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, ok := standards.Registry().ReturnOf(decl.Standard); !ok {
			continue
		}
		outcomes := map[string]retour.Outcomes{
			"none":    {},
			"file":    {File: []string{"0030"}},
			"unknown": rejects(k("04", 999999), "8007"),
		}
		var prest, verz, sub, comment record.Detail
		for _, v := range decl.Verzekerden {
			if verz == nil {
				verz = v.Record.(record.Detail)
			}
			for _, p := range v.Prestaties {
				if prest == nil {
					prest = p.Record.(record.Detail)
				}
				if len(p.Details) > 0 && sub == nil {
					sub = p.Details[0].Record.(record.Detail)
				}
				if len(p.Commentaar) > 0 && comment == nil {
					comment = p.Commentaar[0].Record.(record.Detail)
				}
			}
		}
		if prest != nil {
			id := prest.DetailID()
			outcomes["prestatie"] = rejects(k("04", id), "8007")
			var o retour.Outcomes
			o.Allow(id, money.Cents(100), money.Cents(50))
			outcomes["amounts"] = o
			o = retour.Outcomes{}
			o.Allow(id, money.Cents(100), money.Cents(50), "0611")
			outcomes["partly"] = o
		}
		if verz != nil {
			outcomes["verzekerde"] = rejects(k("02", verz.DetailID()), "8004")
		}
		if sub != nil {
			outcomes["sub"] = rejects(k(sub.Layout().Code(), sub.DetailID()), "0586")
		}
		if comment != nil {
			outcomes["comment"] = rejects(k("98", comment.DetailID()), "0754")
		}
		for oname, out := range outcomes {
			for _, role := range []retour.Role{retour.Portal, retour.Insurer} {
				opts := retour.Options{Role: role, Registry: standards.Registry(), Dagtekening: civil.NewDate(2011, 4, 15), Referentie: "REF-1"}
				m, berr := retour.Build(decl, out, opts)
				var got bytes.Buffer
				forwarded, serr := retour.Stream(context.Background(), &got, bytes.NewReader(data), out, opts)
				where := fmt.Sprintf("%s %s %v", name, oname, role)
				switch {
				case berr != nil || serr != nil:
					if berr == nil || serr == nil || !errors.Is(serr, retour.ErrUnknownRecord) || !errors.Is(berr, retour.ErrUnknownRecord) {
						t.Errorf("%s: Build: %v; Stream: %v", where, berr, serr)
					}
				case forwarded != m.Forwarded:
					t.Errorf("%s: Stream forwarded %v, Build %v", where, forwarded, m.Forwarded)
				case !bytes.Equal(got.Bytes(), m.Bytes()):
					t.Errorf("%s: Stream wrote\n%s\nBuild\n%s", where, got.Bytes(), m.Bytes())
				default:
					compared++
				}
			}
		}
	}
	// 20 seed declarations and 3 synthetic files with a return standard, at least 5
	// outcomes and 2 roles each, less the unknown-record errors.
	if compared < 20*4*2 {
		t.Errorf("only %d returns compared", compared)
	}
	t.Logf("%d returns compared", compared)
}

// TestStreamNumbering: a declaration whose detail records are not numbered upward is
// refused with ErrNumbering (Stream does not keep every number to find a record twice).
func TestStreamNumbering(t *testing.T) {
	data := seedFile(t, declStandards[0], "base")
	lines := bytes.SplitAfter(data, []byte("\r\n"))
	// Swap the numbers of the first two detail records (lines 2 and 3).
	a, b := bytes.Clone(lines[1][2:14]), bytes.Clone(lines[2][2:14])
	copy(lines[1][2:14], b)
	copy(lines[2][2:14], a)
	_, err := retour.Stream(context.Background(), io.Discard, bytes.NewReader(bytes.Join(lines, nil)), retour.Outcomes{},
		retour.Options{Role: retour.Insurer, Registry: standards.Registry(), Dagtekening: civil.NewDate(2011, 4, 15)})
	if !errors.Is(err, retour.ErrNumbering) {
		t.Fatalf("got %v, want ErrNumbering", err)
	}
}

// TestStreamMemoryFlat answers a generated MZ301 declaration as the insurer, read from a
// pipe and written to io.Discard, and samples the live heap (after a collection) every
// megabyte of input: the peak after 10 MB and after 100 MB (2 MB and 10 MB without
// ZORGBERICHT_TEST_FULL) differ by less than 1 MB. A return that kept the declaration,
// or anything per record, would grow by tens of megabytes.
func TestStreamMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and answers megabytes")
	}
	small, big := testlevel.Pick(10, 2), testlevel.Pick(100, 10)
	streamPeak(t, 1) // the registry, code lists and layouts are set up once, not counted
	peakSmall, peakBig := streamPeak(t, small), streamPeak(t, big)
	t.Logf("peak live heap: %d MB input %d KB, %d MB input %d KB", small, peakSmall>>10, big, peakBig>>10)
	if peakBig > peakSmall+1<<20 {
		t.Errorf("the live heap grows with the declaration: %d KB after %d MB, %d KB after %d MB", peakSmall>>10, small, peakBig>>10, big)
	}
}

// streamPeak returns the peak live heap while Stream answers a declaration of about mb
// megabytes.
func streamPeak(t *testing.T, mb int) uint64 {
	pr, pw := io.Pipe()
	go func() {
		// About 1,190 bytes per verzekerde (eitest.WriteMZ301).
		pw.CloseWithError(eitest.WriteMZ301(pw, eitest.Options{Verzekerden: mb * 1_000_000 / 1190}))
	}()
	out := rejects(k("04", 2), "8007", k("02", 7), "8004")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	r := &sampler{r: pr, every: 1 << 20}
	if _, err := retour.Stream(context.Background(), io.Discard, r, out, retour.Options{Role: retour.Insurer, Registry: standards.Registry(), Dagtekening: civil.NewDate(2026, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	if r.n < int64(mb)*900_000 {
		t.Fatalf("read %d bytes, want about %d MB", r.n, mb)
	}
	return r.peak - min(base, r.peak)
}

// sampler reads r and, every so many bytes, collects garbage and notes the live heap.
type sampler struct {
	r        io.Reader
	every, n int64
	next     int64
	peak     uint64
	memstats runtime.MemStats
}

func (s *sampler) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.n += int64(n)
	if s.n >= s.next {
		s.next = s.n + s.every
		runtime.GC()
		runtime.ReadMemStats(&s.memstats)
		s.peak = max(s.peak, s.memstats.HeapAlloc)
	}
	return n, err
}

func ExampleStream() {
	decl, err := os.Open("testdata/decl/MZ301-base.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer decl.Close()
	var out retour.Outcomes
	out.Reject(retour.Key{Record: "02", ID: 3}, "8004") // BSN and date of birth do not match
	var ret bytes.Buffer
	forwarded, err := retour.Stream(context.Background(), &ret, decl, out,
		retour.Options{Role: retour.Insurer, Registry: standards.Registry(), Dagtekening: civil.NewDate(2011, 4, 15)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("forwarded:", forwarded)
	for _, line := range bytes.Split(bytes.TrimSpace(ret.Bytes()), []byte("\r\n")) {
		fmt.Println(strings.TrimSpace(string(line[:14]) + " " + retourcodes(line)))
	}
	// Output:
	// forwarded: false
	// 011770103T0000 0200
	// 02000000000003 8004
	// 04000000000004 8002
	// 04000000000005 8002
	// 98000000000005 8002
	// 99000001000000
}

// retourcodes returns the filled retourcodes of an MZ302 record.
func retourcodes(line []byte) string {
	l := mz302v13.Standard().Layout(string(line[:2]))
	var codes []string
	for i := 0; i < l.NumFields(); i++ {
		if f := l.FieldIndex(i); f.Role == record.RoleReturnCode {
			if c := strings.TrimSpace(string(record.FieldTextAt(line, l, i))); c != "" {
				codes = append(codes, c)
			}
		}
	}
	return strings.Join(codes, " ")
}

// TestStreamFindingsSame checks that StreamFindings gives the outcomes, dropped count and
// errors FromFindings gives, on the declarations of streamFiles and on copies with one
// field broken in several places (findings on the 01, on detail records, on comments),
// and that a file whose detail numbers go back is refused with ErrNumbering.
func TestStreamFindingsSame(t *testing.T) {
	reg := standards.Registry()
	ctx := context.Background()
	compared, numbering, recordLevel := 0, 0, 0
	for name, data := range streamFiles(t) {
		variants := map[string][]byte{"as is": data}
		lines := bytes.SplitAfter(data, []byte("\n"))
		for _, li := range []int{0, 1, 2, 3, len(lines) / 2, len(lines) - 3} {
			for _, pos := range []int{2, 14, 40, 77, 120} {
				if li < 0 || li >= len(lines) || pos >= len(bytes.TrimRight(lines[li], "\r\n")) {
					continue
				}
				mut := bytes.Clone(data)
				off := len(bytes.Join(lines[:li], nil)) + pos
				mut[off] = '9'
				if mut[off] == data[off] {
					mut[off] = '1'
				}
				variants[fmt.Sprintf("line %d pos %d", li+1, pos+1)] = mut
			}
		}
		for vname, v := range variants {
			decl, err := ei.ReadFile(bytes.NewReader(v), ei.ReaderOptions{Registry: reg})
			if err != nil {
				continue // not readable: answered from the envelope, not from findings
			}
			rep, err := validate.File(ctx, bytes.NewReader(v), validate.Options{Registry: reg})
			if err != nil {
				t.Fatalf("%s %s: %v", name, vname, err)
			}
			want, wantDropped, werr := retour.FromFindings(decl, slices.Clone(rep.Findings))
			got, gotDropped, gerr := retour.StreamFindings(ctx, bytes.NewReader(v), reg, slices.Clone(rep.Findings))
			where := name + " " + vname
			switch {
			case errors.Is(gerr, retour.ErrNumbering):
				numbering++ // the caller answers from the whole file
			case (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error():
				t.Errorf("%s: FromFindings: %v; StreamFindings: %v", where, werr, gerr)
			case wantDropped != gotDropped || !reflect.DeepEqual(want, got):
				t.Errorf("%s: FromFindings %+v (dropped %d); StreamFindings %+v (dropped %d)", where, want, wantDropped, got, gotDropped)
			default:
				compared++
				if len(got.Records) > 0 && !got.Rejected {
					recordLevel++
				}
			}
		}
	}
	if compared < 100 || recordLevel < 20 {
		t.Errorf("compared %d variants, %d with outcomes per record; want at least 100 and 20", compared, recordLevel)
	}
	t.Logf("compared %d variants (%d with outcomes per record); %d refused for numbering", compared, recordLevel, numbering)

	// Two detail records swapped: the numbers go back.
	data, err := os.ReadFile("../testdata/mz301-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	decl, err := ei.ReadFile(bytes.NewReader(data), ei.ReaderOptions{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	id := decl.Verzekerden[0].Record.(record.Detail).DetailID()
	lines := bytes.SplitAfter(data, []byte("\n"))
	l := decl.Verzekerden[0].Line - 1
	mut := bytes.Join(slices.Concat(lines[:l], [][]byte{lines[l+1], lines[l]}, lines[l+2:]), nil)
	if _, _, err := retour.StreamFindings(ctx, bytes.NewReader(mut), reg, nil); !errors.Is(err, retour.ErrNumbering) {
		t.Errorf("verzekerde %d swapped with the next record: %v; want ErrNumbering", id, err)
	}
}
