package vsb

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/internal/fuzzedit"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// FuzzDecode: Decode never panics; what it accepts reads back to the same bytes and is
// checked (Check, Zending) without a panic; what it refuses is answered with a 920999 that
// reads back and says where reading stopped. It fuzzes one edit (internal/fuzzedit) of the
// sample sending cut into its units — segment 200 (67), segment 300 (160), then records of
// 350 — rather than raw bytes: on raw bytes, a sending of five kilobytes that found new
// code made the fuzzer spend its run minimising it (756 executions in 15 s).
func FuzzDecode(f *testing.F) {
	z, _ := Build(sampleZending())
	b := z.Bytes()
	units := []string{string(b[:67]), string(b[67:segmentsLength])}
	for off := segmentsLength; off < len(b); off += RecordLength {
		units = append(units, string(b[off:min(off+RecordLength, len(b))]))
	}
	files := [][]string{units, nil}                                        // nil: the edit's text is the whole input
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "")    // the sending as it is
	f.Add(uint8(0), uint8(fuzzedit.Cut), uint8(4), uint16(100), "")        // cut in a record
	f.Add(uint8(0), uint8(fuzzedit.Drop), uint8(3), uint16(0), "")         // a record left out
	f.Add(uint8(0), uint8(fuzzedit.Duplicate), uint8(4), uint16(0), "")    // a record twice
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(5), uint16(40), "x")  // a letter in a zone
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(1), uint16(10), "99") // segment 300
	f.Add(uint8(1), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "920000")
	f.Fuzz(func(t *testing.T, file, op, unit uint8, pos uint16, text string) {
		in := []byte(fuzzedit.Apply(files[int(file)%len(files)], op, unit, pos, text))
		zf, err := Decode(in)
		if err != nil {
			// Whatever cannot be read is answered with a 920999 that reads back.
			var out bytes.Buffer
			r := UnreadableReply(in, err)
			if err := EncodeReply(&out, r); err != nil {
				t.Fatalf("920999 for unreadable input: %v", err)
			}
			back, err := DecodeReply(out.Bytes())
			if err != nil {
				t.Fatalf("920999 does not read back: %v", err)
			}
			if _, ok := back.StoppedAt(); !ok || back.Type != MsgFileRefused {
				t.Fatalf("920999 without the position where reading stopped")
			}
			return
		}
		Check(zf)
		_, _ = zf.Zending()
		if !bytes.Equal(zf.Bytes(), trimEnd(in)) {
			t.Fatal("Bytes differs from the input")
		}
	})
}

// FuzzDecodeReply: DecodeReply never panics, and what it reads encodes again. It fuzzes
// one edit (internal/fuzzedit) of a real reply cut into its units — segment 200 (67),
// segment 300 (610), then units of 800 (an echoed record and its error detail, or a
// settlement record) — rather than raw bytes: a reply of a few kilobytes that finds new
// code made the fuzzer spend its run minimising it (46 executions in 15 s).
func FuzzDecodeReply(f *testing.F) {
	var buf bytes.Buffer
	z, _ := Build(sampleZending())
	_ = EncodeReply(&buf, &Reply{Type: MsgSettlement, Echoes: []Echo{{Record: z.Records[1], Rejections: []Rejection{{Letter: "R", Code: "500130"}}}},
		Settlement: []Afrekening{{Record: "91"}, {Record: "92"}}})
	b := buf.Bytes()
	units := []string{string(b[:67]), string(b[67:677])}
	for off := 677; off < len(b); off += 800 {
		units = append(units, string(b[off:min(off+800, len(b))]))
	}
	files := [][]string{units, nil}                                      // nil: the edit's text is the whole input
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "")  // the reply as it is
	f.Add(uint8(0), uint8(fuzzedit.Drop), uint8(2), uint16(0), "")       // an echo left out
	f.Add(uint8(0), uint8(fuzzedit.Duplicate), uint8(3), uint16(0), "")  // a settlement record twice
	f.Add(uint8(0), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "9") // another message type
	f.Add(uint8(0), uint8(fuzzedit.Cut), uint8(2), uint16(400), "")      // cut in an echo
	f.Add(uint8(1), uint8(fuzzedit.Overwrite), uint8(0), uint16(0), "931000")
	f.Fuzz(func(t *testing.T, file, op, unit uint8, pos uint16, text string) {
		in := fuzzedit.Apply(files[int(file)%len(files)], op, unit, pos, text)
		r, err := DecodeReply([]byte(in))
		if err != nil {
			return
		}
		var out bytes.Buffer
		_ = EncodeReply(&out, r)
	})
}

// TestSpecsMatchLayouts compares every zone of the spec files with the layout tables of
// ../shared/vsb/efact-layouts.md: same ids, start positions and lengths, and the type
// (A → AN, or SN for the signed amounts; N → N, zones longer than 18 positions too).
func TestSpecsMatchLayouts(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "vsb", "efact-layouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	head := regexp.MustCompile(`^#### (\S+) \(total (\d+) chars\)`)
	code := map[string][2]string{ // section → message, record code
		"Segment200": {"920000", "200"}, "Segment300": {"920000", "300"}, "Segment300Error": {"920098", "300"},
		"Record10": {"920000", "10"}, "Record20": {"920000", "20"}, "Record50": {"920000", "50"}, "Record51": {"920000", "51"},
		"Record52": {"920000", "52"}, "Record80": {"920000", "80"}, "Record90": {"920000", "90"},
		"Segment400Record95": {"920000", "95"}, "Segment500Record96": {"920000", "96"},
		"Segment400Record91": {"920900", "91"}, "Segment500Record92": {"920900", "92"},
	}
	var l *record.Layout
	zones := 0
	for _, line := range strings.Split(string(b), "\n") {
		if m := head.FindStringSubmatch(line); m != nil {
			c, ok := code[m[1]]
			if !ok {
				t.Fatalf("section %s unknown", m[1])
			}
			msg, err := Spec(c[0])
			if err != nil {
				t.Fatal(err)
			}
			l = msg.Layouts[c[1]]
			if n, _ := strconv.Atoi(m[2]); l == nil || l.Length() != n {
				t.Fatalf("%s: layout %v, want length %d", m[1], l, n)
			}
			continue
		}
		if l == nil || !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| zone") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) < 5 {
			continue
		}
		id := strings.TrimRight(strings.ReplaceAll(strings.TrimSpace(cells[0]), " ", ""), ",")
		typ := strings.TrimSpace(cells[2])
		start, _ := strconv.Atoi(strings.TrimSpace(cells[3]))
		length, _ := strconv.Atoi(strings.TrimSpace(cells[4]))
		f := fieldOf(l, id)
		if f == nil || f.Number != id {
			t.Errorf("record %s: zone %s missing", l.Code(), id)
			continue
		}
		zones++
		// Every N zone is N, of any length; the one exception is the reply's reserve 312,
		// which the VI's own replies fill with spaces (vsb/VALIDATION.md).
		okType := (typ == "N" && (f.Type == record.Numeric || (l.Code() == "300" && id == "312" && f.Type == record.Alphanumeric))) || (typ == "A" && (f.Type == record.Alphanumeric || f.Type == record.Signed))
		if f.Start != start || f.Length != length || !okType {
			t.Errorf("record %s zone %s: %s %d+%d, layout says %s %d+%d", l.Code(), id, f.Type, f.Start, f.Length, typ, start, length)
		}
	}
	if zones < 500 {
		t.Errorf("only %d zones compared", zones)
	}
}
