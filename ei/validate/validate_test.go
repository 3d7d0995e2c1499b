package validate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// synthetic returns the project's GZ321 test file as lines (with their CR/LF).
func synthetic(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "gz321-synthetic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(data), "\n")[:strings.Count(string(data), "\n")]
}

// put writes s at 1-based position pos of line (1-based).
func put(lines []string, line, pos int, s string) {
	l := lines[line-1]
	lines[line-1] = l[:pos-1] + s + l[pos-1+len(s):]
}

func run(t testing.TB, lines []string, opts validate.Options) *validate.Report {
	t.Helper()
	if opts.Today.IsZero() {
		opts.Today = sampleToday
	}
	// A reader that does not say its size, so that with workers the parallel run runs
	// (a file that says it fits in one chunk is checked serially).
	rep, err := validate.File(context.Background(), struct{ io.Reader }{strings.NewReader(strings.Join(lines, ""))}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if tt, ok := t.(*testing.T); ok {
		checkRetourcodes(tt, rep.Findings)
	}
	return rep
}

func rules(rep *validate.Report) string {
	var ids []string
	for _, f := range rep.Findings {
		ids = append(ids, f.Level.String()+"@"+itoa(f.Line)+":"+f.Field+":"+f.Rule)
	}
	return strings.Join(ids, " ")
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Every kind of fault, each on the project's correct GZ321 file, with the findings it must
// give (level@line:field:rule, in order) and nothing else.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func([]string) []string
		want  string
		valid bool
	}{
		{"correct", func(l []string) []string { return l }, "", true},
		{"LF line breaks", func(l []string) []string {
			for i := range l {
				l[i] = strings.Replace(l[i], "\r\n", "\n", 1)
			}
			return l
		}, "", true},
		{"no final line break", func(l []string) []string {
			l[len(l)-1] = strings.TrimRight(l[len(l)-1], "\r\n")
			return l
		}, "N2@23::N2-LINEBREAK", false},
		{"empty line", func(l []string) []string { return append(l[:3], append([]string{"\r\n"}, l[3:]...)...) },
			"N2@4::N2-LINEBREAK", false},
		{"short record", func(l []string) []string { l[2] = l[2][:300] + "\r\n"; return l }, "N2@3::N2-LENGTH", false},
		{"BSN fails the elfproef", func(l []string) []string {
			for _, i := range []int{2, 3, 4, 6, 7, 8} {
				put(l, i, 15, "100000008")
			}
			return l
		}, "N4@2:0203:N4-BSN N4@3:0403:N4-BSN N4@4:0603:N4-BSN N4@6:0603:N4-BSN N4@7:1603:N4-BSN N4@8:1703:N4-BSN", false},
		{"dummy BSN without verzekerdennummer", func(l []string) []string {
			for i := 2; i <= 8; i++ {
				if i != 5 {
					put(l, i, 15, "999999999")
					put(l, i, 28, "         ")
				}
			}
			return l
		}, "N5@2:0205:N5-BSN", false},
		{"04 of another insured", func(l []string) []string { put(l, 3, 24, "3313"); return l }, "N5@3:0404:N5-PARENT", false},
		{"date that does not exist", func(l []string) []string { put(l, 2, 54, "19500230"); return l }, "N4@2:0207:N4-DATE", false},
		{"date in the future", func(l []string) []string { put(l, 2, 54, "20270101"); return l }, "N4@2:0207:N4-FUTURE", false},
		{"DDMMEEJJ", func(l []string) []string { put(l, 2, 54, "01011950"); return l }, "N3@2:0207:N3-DATE", false},
		{"code not in list", func(l []string) []string { put(l, 3, 58, "7"); return l }, "N4@3:0407:N4-CODELIST", false},
		{"BER restriction", func(l []string) []string { put(l, 2, 62, "9"); return l }, "N4@2:0208:N4-ALLOWED", false},
		{"AGB code", func(l []string) []string { put(l, 1, 55, "00737300"); return l }, "N4@1:0112:N4-AGB", false},
		{"leading space", func(l []string) []string { put(l, 1, 81, " ZB2025-0000"); return l }, "N4@1:0116:N4-LEADINGSPACE", false},
		{"reserve", func(l []string) []string { put(l, 2, 300, "X"); return l }, "N4@2:0280:N4-RESERVE", false},
		{"control character", func(l []string) []string { put(l, 5, 20, "\x01"); return l }, "N3@5:9804:N3-CHARSET", false},
		{"kenmerk of another record type", func(l []string) []string { put(l, 7, 1, "17"); return l },
			"N4@7:1601:N4-KENMERK", false},
		{"unknown record type", func(l []string) []string { put(l, 5, 1, "97"); return l },
			"N2@5::N2-RECORDTYPE N4@5:9801:N4-KENMERK", false},
		{"numbering", func(l []string) []string { put(l, 4, 3, "000000000004"); return l },
			"N2@4:0602:N2-NUMBERING N2@5:9802:N2-COMMENTID N2@6:0602:N2-NUMBERING", false},
		{"comment after the 01", func(l []string) []string { return append([]string{l[0], l[4]}, l[1:]...) },
			"N2@2::N2-ORDER N5@24:9908:N5-COUNT N5@24:9909:N5-COUNT", false},
		{"no 99", func(l []string) []string { return l[:len(l)-1] }, "N2@22::N2-NO99", false},
		{"a second 99", func(l []string) []string { return append(l, l[len(l)-1]) }, "N2@24::N2-ORDER", false},
		{"credit without reference", func(l []string) []string {
			put(l, 3, 248, "C")
			return l
		}, "N5@3:0441:N5-CREDITREF N5@4:0621:N5-DEBITCREDIT N5@6:0621:N5-DEBITCREDIT N5@7:1618:N5-DEBITCREDIT N5@8:1718:N5-DEBITCREDIT", false},
		{"debet/credit within a record", func(l []string) []string { put(l, 4, 134, "C"); return l },
			"N5@4:0623:N5-DEBITCREDIT", false},
		{"duplicate reference", func(l []string) []string {
			put(l, 17, 249, l[2][248:268])
			return l
		}, "N5@17:0440:N5-UNIQUE", false},
		{"count", func(l []string) []string { put(l, 23, 3, "000004"); return l }, "N5@23:9902:N5-COUNT N4@23:9909:N4-DETAILCOUNT", false},
		{"total", func(l []string) []string { put(l, 23, 52, "00000000001"); return l }, "N5@23:9910:N5-TOTAL", false},
		{"invoice date before the end of the period", func(l []string) []string { put(l, 1, 93, "20250130"); return l },
			"N5@1:0115:N5-PERIOD", false},
		{"software version without software code", func(l []string) []string { put(l, 1, 17, "1.0"); return l },
			"N5@1:0107:N5-SOFTWARE", false},
		{"betaling aan refers to an empty field", func(l []string) []string { put(l, 1, 63, "03"); return l },
			"N5@1:0113:N5-BETALINGAAN", false},
		{"naam (02) without naamcode 2", func(l []string) []string { put(l, 2, 100, "Partner"); return l },
			"N5@2:0213:N5-NAAM02", false},
		{"Dutch and foreign postcode", func(l []string) []string { put(l, 2, 148, "B-1000"); return l },
			"N5@2:0218:N5-ADDRESS", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := run(t, tc.edit(synthetic(t)), validate.Options{Registry: standards.Registry(), MaxFindings: -1})
			if got := rules(rep); got != tc.want {
				t.Errorf("findings %q, want %q:\n%s", got, tc.want, list(rep.Findings))
			}
			if rep.Valid() != tc.valid {
				t.Errorf("Valid() = %v", rep.Valid())
			}
		})
	}
}

// The voorlooprecord names the standard: N1 when it cannot, with the part that is wrong.
func TestHeader(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want string
	}{
		{"empty file", "", "N1@0::N1-EMPTY"},
		{"not an EI file", "hello, world\n", "N1@1::N1-UNREADABLE"},
		{"unknown version", "011958800T" + strings.Repeat(" ", 300) + "\r\n", "N1@1:0102:N1-STANDARD N4@1:0103:N4-STANDARD"},
		{"unknown EI code", "019990100T" + strings.Repeat(" ", 300) + "\r\n", "N1@1:0102:N1-STANDARD N4@1:0102:N4-STANDARD"},
		{"no 01", "02000000000001" + strings.Repeat(" ", 296) + "\r\n", "N2@1::N2-FIRST N1@1::N1-STANDARD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := validate.File(context.Background(), strings.NewReader(tc.data), validate.Options{Registry: standards.Registry()})
			if err != nil {
				t.Fatal(err)
			}
			if got := rules(rep); got != tc.want {
				t.Errorf("findings %q, want %q:\n%s", got, tc.want, list(rep.Findings))
			}
			if rep.Standard != nil || rep.Valid() {
				t.Errorf("standard %v, valid %v", rep.Standard, rep.Valid())
			}
		})
	}
}

func TestLevelText(t *testing.T) {
	for l := validate.N1; l <= validate.N6; l++ {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back validate.Level
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("%s: round trip gives %v, %v", l, back, err)
		}
	}
	var l validate.Level
	if err := l.UnmarshalText([]byte("N7")); err == nil {
		t.Error("N7 accepted")
	}
	if _, err := validate.Level(0).MarshalText(); err == nil {
		t.Error("level 0 marshalled")
	}
	s := validate.Levels(validate.N1, validate.N3)
	if !s.Has(validate.N3) || s.Has(validate.N2) || !validate.LevelSet(0).Has(validate.N5) || validate.UpTo(validate.N2).Has(validate.N3) {
		t.Error("LevelSet")
	}
}

func broken(t testing.TB) []string {
	l := synthetic(t)
	put(l, 3, 15, "X")                      // N3 0403
	put(l, 1, 81, " ")                      // N4 0116
	put(l, len(l), 52, "00000000001")       // N5 9910
	put(l, 2, 142, "1234AB")                // not a fault: another Dutch postcode
	put(l, 2, 100, strings.Repeat(" ", 25)) // not a fault
	return l
}

func TestFindingErrorsAndJSON(t *testing.T) {
	rep := run(t, broken(t), validate.Options{Registry: standards.Registry()})
	if len(rep.Findings) != 3 {
		t.Fatalf("findings:\n%s", list(rep.Findings))
	}
	err := rep.Err()
	for _, kind := range []error{validate.ErrType, record.ErrNotDigit, validate.ErrLeadingSpace, validate.ErrTrailer, ei.ErrTrailerMismatch} {
		if !errors.Is(err, kind) {
			t.Errorf("report error is not %v", kind)
		}
	}
	if errors.Is(err, validate.ErrMissing) {
		t.Error("report error is ErrMissing")
	}
	var f *validate.Finding
	if !errors.As(err, &f) || f.Line != 1 || f.Field != "0116" {
		t.Errorf("errors.As gives %+v", f)
	}
	if got, want := rep.Findings[1].Error(), "line 3: N3 0403 BURGERSERVICENUMMER (BSN) VERZEKERDE: a numeric (N) field holds a non-digit at position 15"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	b, err := json.Marshal(rep.Findings[1])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"level":"N3","rule":"N3-DIGITS","line":3,"record":"04","field":"0403","field_name":"BURGERSERVICENUMMER (BSN) VERZEKERDE","position":15,"retourcode":"0435","severity":"error","message":"a numeric (N) field holds a non-digit at position 15"}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	var back validate.Finding
	if err := json.Unmarshal(b, &back); err != nil || back.Field != "0403" || back.Level != validate.N3 || back.Line != 3 {
		t.Errorf("unmarshal: %+v %v", back, err)
	}
	if run(t, synthetic(t), validate.Options{Registry: standards.Registry()}).Err() != nil {
		t.Error("a valid file has an error")
	}
}

func TestOptions(t *testing.T) {
	t.Run("levels", func(t *testing.T) {
		rep := run(t, broken(t), validate.Options{Registry: standards.Registry(), Levels: validate.Levels(validate.N3, validate.N5)})
		if got := rules(rep); got != "N3@3:0403:N3-DIGITS N5@23:9910:N5-TOTAL" {
			t.Errorf("findings %s", got)
		}
		rep = run(t, broken(t), validate.Options{Registry: standards.Registry(), Levels: validate.UpTo(validate.N2)})
		if len(rep.Findings) != 0 {
			t.Errorf("findings %s", rules(rep))
		}
	})
	t.Run("cap", func(t *testing.T) {
		rep := run(t, broken(t), validate.Options{Registry: standards.Registry(), MaxFindings: 2})
		if len(rep.Findings) != 2 || !rep.Truncated {
			t.Errorf("%d findings, truncated %v", len(rep.Findings), rep.Truncated)
		}
	})
	t.Run("fail fast", func(t *testing.T) {
		rep := run(t, broken(t), validate.Options{Registry: standards.Registry(), FailFast: true})
		if got := rules(rep); got != "N4@1:0116:N4-LEADINGSPACE" || !rep.Truncated {
			t.Errorf("findings %s, truncated %v", got, rep.Truncated)
		}
	})
	t.Run("today", func(t *testing.T) {
		l := synthetic(t)
		if rep := run(t, l, validate.Options{Registry: standards.Registry(), Today: civil.NewDate(2025, 2, 2)}); rules(rep) != "N4@1:0117:N4-FUTURE" {
			t.Errorf("findings %s", rules(rep))
		}
	})
	t.Run("standard", func(t *testing.T) {
		std, _ := standards.Registry().Parse("EI181@2.0")
		rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Standard: std, MaxFindings: -1})
		if rep.Standard != std || rep.Valid() {
			t.Errorf("standard %v, valid %v", rep.Standard, rep.Valid())
		}
	})
	t.Run("references", func(t *testing.T) {
		rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), MaxReferences: 2})
		if got := rules(rep); got != "N5@0::N5-UNIQUE" || !rep.Valid() {
			t.Errorf("findings %s", got)
		}
	})
}

// An insurer's rule through the hooks: it sees every record with its parent and header,
// keeps a count per file in its state, and its findings get their place from the record.
func maxPrestaties(max int) *validate.Rule {
	type state struct{ n int }
	return &validate.Rule{
		ID: "ACME-MAXPRESTATIES", Doc: "No more prestaties than agreed.", Records: []string{"04"},
		NewState: func() any { return &state{} },
		Record: func(p *validate.Pass, rec *validate.Record) {
			s := p.State().(*state)
			if rec.Code() != "04" {
				p.Fail(rec, "", "a record of another type")
			}
			if rec.Parent() == nil || rec.Parent().Code() != "02" || rec.Header() == nil || rec.Header().Value("0116") != "ZB2025-00001" {
				p.Fail(rec, "", "no parent or header")
			}
			if d, ok := rec.Date("0411"); !ok || d.Year != 2025 {
				p.Fail(rec, "", "no begindatum")
			}
			s.n++
			if code, _ := rec.Int("0408"); code == 50 && rec.Filled("0410") && s.n > max {
				p.Report(rec, validate.Finding{Field: "0409", Retourcode: "0584", Message: "more prestaties than agreed"})
			}
		},
		End: func(p *validate.Pass) {
			if h := p.Header(); h == nil || h.Raw("0102") != "195" {
				p.Fail(nil, "", "no header at the end")
			}
			p.Report(nil, validate.Finding{Severity: validate.Warning, Message: "checked " + itoa(p.State().(*state).n) + " prestaties"})
		},
	}
}

func TestCustomRules(t *testing.T) {
	rule := maxPrestaties(2)
	rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{rule}})
	if len(rep.Findings) != 2 {
		t.Fatalf("findings:\n%s", list(rep.Findings))
	}
	f := rep.Findings[1]
	if f.Level != validate.N6 || f.Rule != "ACME-MAXPRESTATIES" || f.Line != 17 || f.Record != "04" || f.Field != "0409" || f.FieldName != "PRESTATIECODE/DBC DECLARATIECODE" ||
		f.Position != 62 || !errors.Is(&f, validate.ErrCustom) || f.Retourcode != "0584" {
		t.Errorf("custom finding %+v", f)
	}
	if e := rep.Findings[0]; e.Line != 0 || e.Severity != validate.Warning || e.Message != "checked 3 prestaties" || rep.Valid() {
		t.Errorf("end finding %+v", e)
	}
	// The state is new for every file.
	if rep := run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{rule}}); len(rep.Findings) != 2 || rep.Findings[0].Message != "checked 3 prestaties" {
		t.Errorf("second file: findings:\n%s", list(rep.Findings))
	}
	count := 0
	rep = run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{{ID: "COUNT", Record: func(*validate.Pass, *validate.Record) { count++ }}},
		Levels: validate.UpTo(validate.N5)})
	if count != 0 || len(rep.Findings) != 0 {
		t.Errorf("an N6 rule ran with levels N1-N5: saw %d records, findings %d", count, len(rep.Findings))
	}
	rep = run(t, synthetic(t), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{{ID: "COUNT", Level: validate.N5, Record: func(*validate.Pass, *validate.Record) { count++ }}},
		Levels: validate.UpTo(validate.N5)})
	if count != 23 || len(rep.Findings) != 0 {
		t.Errorf("rule saw %d records, findings %d", count, len(rep.Findings))
	}
}

// countingReader counts the bytes read.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// Validation streams: stopping the iteration stops reading, and memory does not depend on
// the file (see BenchmarkValidateMemory).
func TestStreaming(t *testing.T) {
	l := synthetic(t)
	body := strings.Join(l[1:len(l)-1], "")
	var b strings.Builder
	b.WriteString(l[0])
	for b.Len() < 8<<20 {
		b.WriteString(body)
	}
	b.WriteString(l[len(l)-1])
	in := &countingReader{r: strings.NewReader(b.String())}
	v := validate.New(in, validate.Options{Registry: standards.Registry(), Today: sampleToday})
	n := 0
	for f := range v.Findings(context.Background()) {
		n++
		if f.Rule != "N2-NUMBERING" {
			t.Errorf("first finding %s", f.Error())
		}
		break
	}
	if n != 1 || in.n >= b.Len()/2 || v.Standard() == nil || v.Lines() == 0 {
		t.Errorf("%d findings, read %d of %d bytes, %d lines", n, in.n, b.Len(), v.Lines())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := validate.File(ctx, strings.NewReader(b.String()), validate.Options{Registry: standards.Registry()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

// Messages say what is wrong, never what the personal data is: no BSN, name, date of
// birth, postcode or address of the record appears in a message.
func TestNoPersonalDataInMessages(t *testing.T) {
	files := [][]byte{[]byte(strings.Join(broken(t), ""))}
	// The Vektis test files too, when ../shared is there.
	if dir := os.Getenv("ZORGBERICHT_SHARED"); true {
		if dir == "" {
			dir = filepath.Join(sharedtest.RepoRoot(), "..", "shared")
		}
		names, _ := filepath.Glob(filepath.Join(dir, "vektis", "rbc-gz321", "visible", "*"))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, data)
		}
	}
	personal := regexp.MustCompile(`BURGERSERVICENUMMER|NAAM|VOORLETTERS|VOORVOEGSEL|GEBOORTE|POSTCODE|HUISNUMMER|STRAAT|WOONPLAATS|TELEFOON|E-MAIL|BANKREKENING|VERZEKERDENNUMMER|PATIENT`)
	std, _ := standards.Registry().Parse("GZ321@1.0")
	checked := 0
	for _, data := range files {
		rep, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Today: rbcToday, MaxFindings: -1})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for _, f := range rep.Findings {
			if f.Line == 0 || f.Line > len(lines) {
				continue
			}
			text := strings.TrimRight(lines[f.Line-1], "\r")
			for _, lay := range std.Records() {
				if len(text) < 2 || text[:2] != lay.Code() || len(text) != std.RecordLength() {
					continue
				}
				for _, fl := range lay.Fields() {
					v := strings.Trim(text[fl.Start-1:fl.End], " 0")
					if !personal.MatchString(fl.Name) || len(v) < 3 {
						continue
					}
					checked++
					if regexp.MustCompile(`\b` + regexp.QuoteMeta(v) + `\b`).MatchString(f.Message) {
						t.Errorf("line %d: message %q shows field %s", f.Line, f.Message, fl.Number)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("nothing checked")
	}
}
