package vsb

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"reflect"
	"strings"
	"testing"
)

func TestSpecsLoad(t *testing.T) {
	want := map[string][]string{
		"920000": {"200", "300", "10", "20", "50", "51", "52", "80", "90", "95", "96"},
		"931000": {"200", "300"},
		"920999": {"200", "300", "FD"},
		"920099": {"200", "300", "FD"},
		"920098": {"200", "300", "FD"},
		"920900": {"200", "300", "FD", "91", "92"},
	}
	lengths := map[string]int{"200": 67, "FD": 450, "91": 800, "92": 800}
	for msg, codes := range want {
		m, err := Spec(msg)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			l, ok := m.Layouts[c]
			if !ok {
				t.Errorf("%s: no layout %s", msg, c)
				continue
			}
			wantLen := RecordLength
			if n, ok := lengths[c]; ok {
				wantLen = n
			}
			if c == "300" {
				wantLen = map[bool]int{true: 160, false: 610}[msg == "920000"]
			}
			if l.Length() != wantLen {
				t.Errorf("%s/%s: length %d, want %d", msg, c, l.Length(), wantLen)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	z := sampleZending()
	var buf bytes.Buffer
	if err := Encode(&buf, z); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// 200 + 300 + records 10,20,50,51,52,50,80,20,50,80,90 + 95 ×2 + 96
	if want := 67 + 160 + 14*350; len(b) != want {
		t.Fatalf("message of %d characters, want %d", len(b), want)
	}
	if bytes.ContainsAny(b, "\r\n") {
		t.Fatal("line break in the message")
	}
	f, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range f.Records {
		codes = append(codes, codeOf(r.Text))
	}
	if got := strings.Join(codes, " "); got != "10 20 50 50 51 52 80 20 50 80 90 95 95 96" {
		t.Errorf("records %s", got)
	}
	rep := Check(f)
	if len(rep.Technical)+len(rep.Content) != 0 {
		t.Fatalf("own file has findings: %v %v", rep.Technical, rep.Content)
	}
	if rep.Records != 11 {
		t.Errorf("records %d, want 11", rep.Records)
	}
	back, err := f.Zending()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, z) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", back, z)
	}
	if !bytes.Equal(f.Bytes(), b) {
		t.Error("File.Bytes differs from the input")
	}
}

// TestDerivedZones checks the derived zones against values worked out by hand.
func TestDerivedZones(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	rec := func(i int) zones { return zonesOf(layoutFor(f.Records[i]), f.Records[i]) }
	// Invoice 1: account A 1234.56, account B -25.00, share 50.00, supplement 1.50;
	// control (761294+761305) mod 97 = 1522599 mod 97 = 1522599-97*15696 = 87.
	r80 := rec(6)
	for _, tt := range []struct{ zone, want string }{
		{"2", "000007"}, {"19", "+00000123456"}, {"15", "-00000002500"}, {"27", "+000005000"}, {"30,31", "+000000150"}, {"98", "87"},
	} {
		if got := r80.raw(tt.zone); got != tt.want {
			t.Errorf("R80 zone %s = %q, want %q", tt.zone, got, tt.want)
		}
	}
	r90 := rec(10)
	// totals A 1234.56+617.28, B -25.00; control (761294*2+761305) mod 97 = 2283893 mod 97 = 2283893-97*23545 = 28.
	for _, tt := range []struct{ zone, want string }{
		{"2", "000011"}, {"19", "+00000185184"}, {"15", "-00000002500"}, {"98", "28"}, {"22", "02026"}, {"4", "0000000"},
	} {
		if got := r90.raw(tt.zone); got != tt.want {
			t.Errorf("R90 zone %s = %q, want %q", tt.zone, got, tt.want)
		}
	}
	if got := rec(0).raw("4"); got != "9991999" {
		t.Errorf("R10 zone 4 = %q, want the test version 9991999", got)
	}
	r95 := rec(11)
	for _, tt := range []struct{ zone, want string }{
		{"401", "306"}, {"403", "+"}, {"404", "00000123456"}, {"405", "-"}, {"406", "00000002500"}, {"408", "00000120956"}, {"409", "00000006"}, {"410", "87"},
	} {
		if got := r95.raw(tt.zone); got != tt.want {
			t.Errorf("R95 zone %s = %q, want %q", tt.zone, got, tt.want)
		}
	}
	// Zone 509 of the 96 counts every record from the 10 through the 90 (11 here), zone 409
	// of a 95 the records of its mutualiteit's invoices (vsb/VALIDATION.md).
	r96 := rec(13)
	for _, tt := range []struct{ zone, want string }{{"501", "399"}, {"509", "00000011"}, {"510", "28"}, {"508", "00000182684"}} {
		if got := r96.raw(tt.zone); got != tt.want {
			t.Errorf("R96 zone %s = %q, want %q", tt.zone, got, tt.want)
		}
	}
	for _, r := range f.Records[:11] {
		if got := rawZone(r, "99"); got == "00" {
			t.Errorf("record %s: zone 99 not written", codeOf(r.Text))
		}
	}
}

func TestWrongCheckNumberRefused(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	b := f.Bytes()
	// Record 5 (the 51, order 000005) starts at 227+4*350; change its zone 99.
	off := 227 + 4*350 + 348
	b[off], b[off+1] = '0', '1'
	g, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(g)
	if len(rep.Technical) != 1 {
		t.Fatalf("findings %v, want one", rep.Technical)
	}
	x := rep.Technical[0]
	if x.Retourcode != "519902" || x.Letter != "B" || x.Line != 5 || x.Field != "99" || x.Message != "Controlecijfer van het record foutief." {
		t.Errorf("finding %+v", x)
	}
}

func TestWrongTotalsFound(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	setInt(t, &f.Records[6], "19", 123457)
	rep := Check(f)
	if len(rep.Technical) != 0 {
		t.Fatalf("technical %v", rep.Technical)
	}
	var got []string
	for _, x := range rep.Content {
		got = append(got, x.Retourcode+"/"+x.Record+"/"+x.Field)
	}
	// The 80 itself (801910 F), and the 90 total no longer matches the 80s? No: the 90 is
	// compared with the 80 records as they are, and with the lines — here the lines.
	if len(got) == 0 || got[0] != "801910/80/19" {
		t.Errorf("content findings %v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	f, _ := Build(sampleZending())
	b := f.Bytes()
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"short", b[:100], "shorter than segments 200 and 300"},
		{"cut record", b[:len(b)-10], "340 of 350"},
		{"line break", append(append([]byte{}, b[:500]...), append([]byte("\n"), b[500:]...)...), "line break inside"},
		{"unknown record", append(append([]byte{}, b[:227]...), append([]byte("30"), b[229:]...)...), `no record type "30"`},
		{"not 920000", append([]byte("920099"), b[6:]...), "want 920000"},
	}
	for _, tt := range tests {
		_, err := Decode(tt.in)
		var ce *record.Error
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &ce) || !strings.Contains(err.Error(), fmt.Sprintf("byte offset %d", ce.Offset)) {
			t.Errorf("%s: error %v, want %q and the byte offset", tt.name, err, tt.want)
		}
	}
	// A final line break is tolerated.
	if _, err := Decode(append(append([]byte{}, b...), '\n')); err != nil {
		t.Errorf("final newline: %v", err)
	}
}

func TestValuesNotAllowed(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	setInt(t, &f.Records[2], "11", 2) // 50: account reference 2 → 501103 B, technical
	setInt(t, &f.Records[1], "9", 3)  // 20: sex 3 → 200903 F, content
	rep := Check(f)
	if len(rep.Technical) != 1 || rep.Technical[0].Retourcode != "501103" || rep.Technical[0].Line != 3 || rep.Technical[0].Letter != "B" {
		t.Errorf("technical %v", rep.Technical)
	}
	// The 80 repeats the 20's sex: 800912 F as well.
	if len(rep.Content) != 2 || rep.Content[0].Retourcode != "200903" || rep.Content[0].Letter != "F" || rep.Content[0].Line != 2 ||
		rep.Content[1].Retourcode != "800912" || rep.Content[1].Line != 7 {
		t.Errorf("content %v", rep.Content)
	}
}

// Errors and findings never carry a zone's value (the INSZ is personal data).
func TestNoValuesInErrors(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	setRaw(t, &f.Records[1], "8a,8b", "00850101X2348")
	rep := Check(f)
	if len(rep.Technical) == 0 {
		t.Fatal("non-numeric INSZ not found")
	}
	for _, x := range rep.Technical {
		if strings.Contains(x.Error(), "00850101") {
			t.Errorf("finding shows the INSZ: %s", x)
		}
	}
	z := sampleZending()
	z.Facturen[0].INSZ = "0085010112348X"
	var buf bytes.Buffer
	if err := Encode(&buf, z); err == nil || strings.Contains(err.Error(), "00850101") || buf.Len() != 0 {
		t.Errorf("Encode error %v (%d bytes written)", err, buf.Len())
	}
}

func TestIsPersonal(t *testing.T) {
	for _, tt := range []struct {
		rec, zone string
		want      bool
	}{{"20", "8a,8b", true}, {"50", "8a", true}, {"80", "8a,8b", true}, {"50", "19", false}, {"10", "7", false}, {"77", "1", false}} {
		if got := IsPersonal(tt.rec, tt.zone); got != tt.want {
			t.Errorf("IsPersonal(%s, %s) = %v", tt.rec, tt.zone, got)
		}
	}
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int }

func (w *countingWriter) Write(b []byte) (int, error) { w.n += len(b); return len(b), nil }

// Encode writes nothing on an error, also when the error comes after more than the core
// writer's 64 KiB buffer: a *bytes.Buffer is truncated back, any other writer gets one
// Write of the whole message or none.
func TestEncodeAllOrNothing(t *testing.T) {
	z := bigZending(400) // about 640 KB
	z.Facturen[len(z.Facturen)-1].Mutualiteit = "3O6"
	buf := bytes.NewBufferString("kept")
	if err := Encode(buf, z); err == nil || buf.String() != "kept" {
		t.Errorf("bytes.Buffer: error %v, buffer of %d bytes, want the 4 bytes before", err, buf.Len())
	}
	var w countingWriter
	if err := Encode(&w, z); err == nil || w.n != 0 {
		t.Errorf("writer: error %v, %d bytes written, want none", err, w.n)
	}
	z.Facturen[len(z.Facturen)-1].Mutualiteit = "306"
	if err := Encode(&w, z); err != nil || w.n < 600_000 {
		t.Errorf("writer: error %v, %d bytes written", err, w.n)
	}
}
