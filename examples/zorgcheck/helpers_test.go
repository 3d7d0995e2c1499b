//go:build integration

package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

func TestEscapeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"record \x1b[31m position 1", `record \x1b[31m position 1`},
		{"\ufeff01", `\ufeff01`},
		{"café ü", "café ü"},
		{"tab\there\r\n", `tab\there\r\n`},
		{"bad \xff byte", `bad \xff byte`},
		{"zero\u200bwidth", `zero\u200bwidth`},
		{"c1 \u0085", `c1 \x85`},
	} {
		if got := escapeText(tc.in); got != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeLatin1(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"04 abc", "04 abc"},
		{"caf\xe9", "café"},              // Latin-1 é
		{"\xef\xbb\xbf01", `\ufeff01`},   // a UTF-8 byte-order mark
		{"M\xc3\xbcller", `M\u00fcller`}, // UTF-8 ü in a Latin-1 file
		{"\x1b[", `\x1b[`},
		{`a\b`, `a\\b`},
		{"\x85", `\x85`},
	} {
		if got := escapeLatin1(tc.in); got != tc.want {
			t.Errorf("escapeLatin1(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestByteHint(t *testing.T) {
	for _, tc := range []struct {
		line   int
		raw    string
		length int
		want   string
	}{
		{1, "\ufeff0119501", 0, "the file starts with a UTF-8 byte-order mark"},
		{2, "02 M\xc3\xbcller", 9, `the record holds a multi-byte UTF-8 character (\u00fc "ü" at position 5): EI files are Latin-1; in Latin-1 the record would have the right length`},
		{2, "02 M\xc3\xbcller", 12, `the record holds a multi-byte UTF-8 character (\u00fc "ü" at position 5): EI files are Latin-1`},
		{3, "04\x1b", 0, `the record holds an escape character (\x1b) at position 3`},
		{3, "04\r", 0, `a carriage return (\x0d) at position 3`},
		{3, "04 caf\xe9", 0, ""}, // Latin-1 is fine
	} {
		got := byteHint(tc.line, tc.raw, tc.length)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("byteHint(%d, %q, %d) = %q, want %q", tc.line, tc.raw, tc.length, got, tc.want)
		}
		if tc.length == 12 && strings.Contains(got, "right length") {
			t.Errorf("byteHint says the length would be right: %q", got)
		}
	}
}

// Which fields are personal is decided from the layout: its personal column first, then
// element codes. Names are not read: a layout without element codes marks its personal
// fields in its personal column (derived at import; report's TestLayoutsMarkWhatNamesCaught
// shows every built-in layout does).
func TestPersonalKind(t *testing.T) {
	for _, tc := range []struct {
		element, name string
		marked, want  record.Personal
	}{
		{"NUM366-VEKT", "PATIENT(IDENTIFICATIE)NUMMER", record.PersonalID, record.PersonalID},
		{"", "VRIJE TEKST", record.PersonalName, record.PersonalName}, // the spec file says so
		{"NUM313-GBA", "BURGERSERVICENUMMER (BSN) VERZEKERDE", 0, record.PersonalBSN},
		{"", "BURGERSERVICENUMMER (BSN) VERZEKERDE", record.PersonalBSN, record.PersonalBSN},
		{"DAT006-NEN", "DATUM GEBOORTE VERZEKERDE", 0, record.PersonalBirthDate},
		{"DAT264-NEN", "DATUM GEBOORTE DEBITEUR", 0, record.PersonalBirthDate},
		{"NAM193-NEN", "NAAM VERZEKERDE (01)", 0, record.PersonalName},
		{"NAM025-NEN", "VOORLETTERS VERZEKERDE", 0, record.PersonalName},
		{"NAM141-NEN", "STRAATNAAM DEBITEUR", 0, record.PersonalAddress},
		{"NAM221-VEKT", "E-MAILADRES DEBITEUR", 0, record.PersonalAddress},
		{"NUM364-NEN1", "TELEFOONNUMMER DEBITEUR", 0, record.PersonalAddress},
		{"COD083-KPN", "POSTCODE (HUISADRES) VERZEKERDE", 0, record.PersonalAddress},
		{"NUM030-NEN", "HUISNUMMER (HUISADRES) VERZEKERDE", 0, record.PersonalAddress},
		{"", "HUISNUMMER HERKOMST", record.PersonalAddress, record.PersonalAddress},
		{"", "EXTRA ADRESREGEL", record.PersonalAddress, record.PersonalAddress},
		{"OMS016-VEKT", "VRIJE TEKST", 0, record.PersonalText},
		{"NUM003-ZNET", "VERZEKERDENNUMMER (INSCHRIJVINGSNUMMER, RELATIENUMMER)", 0, record.PersonalID},
		{"NAM014", "MERKNAAM", 0, record.NotPersonal},
		{"COD002-VEKT", "CODE EXTERNE-INTEGRATIEBERICHT", 0, record.NotPersonal},
		{"NUM029-VEKT", "FACTUURNUMMER DECLARANT", 0, record.NotPersonal},
		{"DAT044-NEN", "BEGINDATUM PRESTATIE", 0, record.NotPersonal},
	} {
		f := record.Field{Element: tc.element, Name: tc.name, Personal: tc.marked}
		if got := personalKind(&f); got != tc.want {
			t.Errorf("%s %s: %v, want %v", tc.element, tc.name, got, tc.want)
		}
	}
}

func TestMaskValue(t *testing.T) {
	bsn := &record.Field{Element: "NUM313-GBA"}
	birth := &record.Field{Element: "DAT006-NEN"}
	name := &record.Field{Element: "NAM193-NEN"}
	for _, tc := range []struct {
		f        *record.Field
		in, want string
	}{
		{bsn, "999999011", "******011"},
		{bsn, "000000000", "000000000"}, // empty
		{birth, "19850312", "1985-**-**"},
		{name, "Jansen", "J*****"},
		{name, "Éénhoorn", "É*******"},
		{name, "", ""},
		{&record.Field{Name: "PRAKTIJKCODE"}, "04000001", "04000001"},
	} {
		if got := maskValue(tc.f, tc.in); got != tc.want {
			t.Errorf("maskValue(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// In a raw record every field keeps its width.
func TestMaskRaw(t *testing.T) {
	std, err := standards.Registry().Parse("PM304@3.2")
	if err != nil {
		t.Fatal(err)
	}
	lines := syntheticLines(t)
	raw := strings.TrimSuffix(lines[1], "\n")
	got := maskRaw(std.Layout("02"), raw)
	if len(got) != len(raw) {
		t.Fatalf("length %d, want %d", len(got), len(raw))
	}
	l := std.Layout("02")
	for id, want := range map[string]string{"0203": "******009", "0207": "1970****", "0210": "T**********", "0205": "*****001"} {
		f := l.Field(id)
		if v := strings.TrimRight(got[f.Start-1:f.End], " "); v != want {
			t.Errorf("%s %s masked as %q, want %q", id, f.Name, v, want)
		}
	}
}

type fakeTerminal struct{ bytes.Buffer }

// The progress line: nothing for a short run or when not on a terminal; records, MB/s,
// per cent and time left after two seconds; cleared at the end.
func TestProgress(t *testing.T) {
	var w fakeTerminal
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	p := &progress{w: &w, name: "big.asc", total: 100e6, now: func() time.Time { return now }, on: true, start: now}
	r := p.reader(strings.NewReader(strings.Repeat(strings.Repeat("x", 310)+"\n", 1000)))
	buf := make([]byte, 311*100)
	io.ReadFull(r, buf) // at the start: nothing shown
	if w.Len() != 0 {
		t.Fatalf("shown at once: %q", w.String())
	}
	now = now.Add(3 * time.Second)
	p.bytes = 30e6 - int64(len(buf))
	io.ReadFull(r, buf)
	want := "\rbig.asc: 200 records, 10.0 MB/s, 30%, 00:07 left"
	if w.String() != want {
		t.Errorf("progress %q, want %q", w.String(), want)
	}
	p.done()
	if !strings.HasSuffix(w.String(), "\r"+strings.Repeat(" ", len(want)-1)+"\r") {
		t.Errorf("not cleared: %q", w.String())
	}
	// Not a terminal: off, and the reader is the input itself.
	in := strings.NewReader("x")
	if q := newProgress(&bytes.Buffer{}, "f", 0, true); q.on || q.reader(in) != io.Reader(in) {
		t.Error("progress on for a buffer")
	}
}
