package vsb

import (
	"bytes"
	"errors"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"os"
	"reflect"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

func readSample(t *testing.T, name string) *Reply {
	t.Helper()
	b, err := os.ReadFile(sharedtest.Path(t, "vsb", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := DecodeReply(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// The sample named 920999 holds a 920099 (sending refused), test message, refusal type 01.
func TestSample920999IsA920099(t *testing.T) {
	r := readSample(t, "sample-920999.txt")
	if r.Type != MsgSendingRefused || r.DF() != "DF013" {
		t.Errorf("type %s %s, want 920099 DF013", r.Type, r.DF())
	}
	if !r.Test || r.RefusalType != 1 || r.ErrorPercentage != 0 || r.Year != 2018 || r.Month != 9 || r.Sending != 817 {
		t.Errorf("reply %+v", r)
	}
	if r.ContactName != "HELPDESK CARENET/MYCARENET" || r.Version != 9991999 || len(r.Echoes) != 0 {
		t.Errorf("contact %q version %d echoes %d", r.ContactName, r.Version, len(r.Echoes))
	}
}

func TestSample920098(t *testing.T) {
	r := readSample(t, "sample-920098.txt")
	if r.Type != MsgSendingAccepted || r.DF() != "DF014" || r.Test || r.ErrorPercentage != 0 {
		t.Errorf("reply %+v", r)
	}
	if r.Year != 2018 || r.Month != 8 || r.Sending != 235 || r.ContactName != "SERVICE" || r.ContactFirst != "TARIFICATION" {
		t.Errorf("300: %d/%d sending %d contact %q %q", r.Year, r.Month, r.Sending, r.ContactName, r.ContactFirst)
	}
	if len(r.Echoes) != 2 {
		t.Fatalf("echoes %d, want 2", len(r.Echoes))
	}
	for i, want := range []struct {
		code  string
		order int
		index int
		check string
	}{{"10", 1, 1, "16"}, {"90", 60, 2, "72"}} {
		e := r.Echoes[i]
		if codeOf(e.Record.Text) != want.code || Order(e.Record) != want.order || e.Index != want.index || len(e.Rejections) != 0 {
			t.Errorf("echo %d: %s order %d index %d rejections %v", i, codeOf(e.Record.Text), Order(e.Record), e.Index, e.Rejections)
		}
		if rawZone(e.Record, "99") != want.check || CheckNumber(e.Record.Text) != int(e.Record.Text[348]-'0')*10+int(e.Record.Text[349]-'0') {
			t.Errorf("echo %d: zone 99 %s, computed %d", i, rawZone(e.Record, "99"), CheckNumber(e.Record.Text))
		}
	}
	if rawZone(r.Echoes[0].Record, "7") != "235" || rawZone(r.Echoes[1].Record, "7") != "235" {
		t.Errorf("zending number in echoes: %s %s", rawZone(r.Echoes[0].Record, "7"), rawZone(r.Echoes[1].Record, "7"))
	}
}

func TestReplyRoundTrip(t *testing.T) {
	f, err := Build(sampleZending())
	if err != nil {
		t.Fatal(err)
	}
	base := Reply{Test: true, MessageRef: 12345678901234, OARef: 55, Year: 2026, Month: 11, Sending: 7,
		Created: Date{Year: 2026, Month: 12, Day: 1}, FileRef: "WZC-2026-11", Version: 9991999, ContactName: "ZORGKAS", ContactFirst: "HELPDESK",
		Phone: "0212345678", InvoiceType: 3, Mode: 1}
	echo := Echo{Record: record.Raw{Text: f.Records[2].Text}, Sending: 7, Created: "20261201", Period: "202611", Mutualiteit: "306",
		Rejections: []Rejection{{"R", "502201"}, {"R", "501901"}}, Result: "VERWORPEN", Comment: "twee fouten", Index: 1}
	for _, tt := range []struct {
		typ string
		mod func(*Reply)
	}{
		{MsgFileAccepted, nil},
		{MsgFileRefused, func(r *Reply) {
			r.SegmentErrors = []*record.Error{NewSegmentError("300", "301", 21)}
			r.Echoes = []Echo{echo}
		}},
		{MsgSendingRefused, func(r *Reply) { r.ErrorPercentage, r.RefusalType = 1200, 2; r.Echoes = []Echo{echo} }},
		{MsgSendingAccepted, func(r *Reply) { r.ErrorPercentage = 500; r.Echoes = []Echo{echo} }},
		{MsgSettlement, func(r *Reply) {
			r.Echoes = []Echo{echo}
			r.Settlement = []Afrekening{
				{Record: "91", Mutualiteit: "306", Invoice: 1, AskedA: 123456, AskedB: -2500, Asked: 120956, Records: 6, Control: 87,
					AcceptedA: 100000, RefusedA: 23456, AcceptedB: -2500, Accepted: 97500, Refused: 23456, PaymentRefA: "+++090/1234/56789+++"},
				{Record: "92", Mutualiteit: "399", AskedA: 123456, Asked: 123456, AcceptedA: 100000, RefusedA: 23456, Accepted: 100000, Refused: 23456},
			}
		}},
	} {
		r := base
		r.Type = tt.typ
		if tt.mod != nil {
			tt.mod(&r)
		}
		var buf bytes.Buffer
		if err := EncodeReply(&buf, &r); err != nil {
			t.Fatalf("%s: %v", tt.typ, err)
		}
		wantLen := 677 + 800*len(r.Echoes) + 800*len(r.Settlement)
		if buf.Len() != wantLen {
			t.Errorf("%s: %d characters, want %d", tt.typ, buf.Len(), wantLen)
		}
		got, err := DecodeReply(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", tt.typ, err)
		}
		if !reflect.DeepEqual(*got, r) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", tt.typ, *got, r)
		}
	}
}

// The reply segments are written by their generated types: zone 200 holds the reply's
// message type, zone 201 the format version 02, zone 202 92 for a test (positions 1-6,
// 9-10 and 13-14 of segment 200), zone 307 the phone zero-padded (300 error segment
// positions 121-130), and a text zone takes printable ASCII only.
func TestReplySegmentsWrittenByTheirTypes(t *testing.T) {
	var b bytes.Buffer
	if err := EncodeReply(&b, &Reply{Type: MsgSendingRefused, Test: true, Phone: "21234567", Sending: 11}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if len(s) != 677 || s[0:6] != "920099" || s[8:10] != "02" || s[12:14] != "92" || s[67+120:67+130] != "0021234567" {
		t.Errorf("segments %q", s)
	}
	back, err := DecodeReply(b.Bytes())
	if err != nil || back.Type != MsgSendingRefused || !back.Test || back.Phone != "0021234567" || back.Sending != 11 {
		t.Errorf("read back %+v, %v", back, err)
	}
	if err := EncodeReply(&b, &Reply{Type: MsgFileRefused, ContactName: "Müller"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("a contact name that is not ASCII: %v", err)
	}
	// A non-digit in a code erreur zone (2011, positions 11-12) is an error, not "no error".
	bad := []byte(s)
	bad[10] = 'X'
	if _, err := DecodeReply(bad); !errors.Is(err, record.ErrNotDigit) {
		t.Errorf("a non-digit code erreur: %v", err)
	}
}
