package vsb

import (
	"bytes"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Garbage, a truncated file and CR/LF between records each get a 920999 (DF012) that says
// where reading stopped, which DecodeReply (and so `vsb read`) reads back.
func TestUnreadableReply(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, sampleZending()); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	crlf := append([]byte{}, good[:227+350]...)
	for i := 227 + 350; i < len(good); i += 350 {
		crlf = append(crlf, "\r\n"...)
		crlf = append(crlf, good[i:i+350]...)
	}
	garbage := []byte("\x00\x01PK\x03\x04 binary garbage \xff\xfe not an eFact message at all")
	tests := []struct {
		name     string
		in       []byte
		stop     int
		segError []*record.Error
	}{
		{"garbage", garbage, 0, []*record.Error{NewSegmentError("200", "200", 3)}},
		{"truncated", good[:227+2*350+100], 227 + 2*350, nil},
		{"CR/LF between records", crlf, 227 + 350, nil},
		{"other message type", append([]byte("920099"), good[6:]...), 0, []*record.Error{NewSegmentError("200", "200", 3)}},
	}
	for _, tt := range tests {
		_, err := Decode(tt.in)
		if err == nil {
			t.Fatalf("%s: decoded", tt.name)
		}
		r := UnreadableReply(tt.in, err)
		var out bytes.Buffer
		if err := EncodeReply(&out, r); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if bytes.ContainsAny(out.Bytes(), "\r\n\x00") {
			t.Errorf("%s: the reply holds a control character", tt.name)
		}
		back, err := DecodeReply(out.Bytes())
		if err != nil {
			t.Fatalf("%s: reading the 920999 back: %v", tt.name, err)
		}
		off, ok := back.StoppedAt()
		if back.Type != MsgFileRefused || !ok || off != tt.stop {
			t.Errorf("%s: %s stopped at %d (%t), want 920999 at %d", tt.name, back.Type, off, ok, tt.stop)
		}
		if len(back.Echoes) != 1 || len(back.Echoes[0].Rejections) != 1 || back.Echoes[0].Rejections[0].Letter != "B" {
			t.Errorf("%s: echoes %+v", tt.name, back.Echoes)
		}
		for _, want := range tt.segError {
			found := false
			for _, se := range back.SegmentErrors {
				found = found || *se == *want
			}
			if !found {
				t.Errorf("%s: segment errors %v, want %v", tt.name, back.SegmentErrors, want)
			}
		}
		if tt.name == "truncated" && (back.Sending != 7 || back.MessageRef != 12345678901234 || back.Year != 2026 || back.Month != 11) {
			t.Errorf("truncated: the readable segments are not repeated: %+v", back)
		}
		if strings.Contains(back.Echoes[0].Comment, "0085010112387") {
			t.Errorf("%s: the comment holds an INSZ", tt.name)
		}
	}
}
