package eiline_test

import (
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz302v13"
	"github.com/zorgbericht/zorgbericht/internal/eiline"
)

func TestLines(t *testing.T) {
	l := mz302v13.Standard().Layout("04")
	line := eiline.Blank(l)
	if len(line) != 370 || string(line[:2]) != "04" || string(line[2:14]) != "000000000000" || line[42] != ' ' {
		t.Fatalf("Blank: %q", line[:60])
	}
	if err := eiline.SetInt(line, l, "0402", 7); err != nil {
		t.Fatal(err)
	}
	if id, ok := eiline.DetailID(line, l); !ok || id != 7 {
		t.Errorf("DetailID = %d, %v", id, ok)
	}
	toeg := l.Role(record.RoleAllowed)
	for _, tc := range []struct {
		cents int64
		want  string
	}{{1250, "00001250D"}, {-1250, "00001250C"}, {0, "00000000D"}} {
		if err := eiline.PutSigned(line, l, toeg, tc.cents); err != nil {
			t.Fatal(err)
		}
		if got := string(line[toeg.Start-1 : toeg.End+1]); got != tc.want {
			t.Errorf("PutSigned(%d) = %q, want %q", tc.cents, got, tc.want)
		}
		if v, err := eiline.Signed(line, l, toeg); err != nil || v != tc.cents {
			t.Errorf("Signed = %d, %v; want %d", v, err, tc.cents)
		}
	}
	if err := eiline.SetText(line, l, "0413", strings.Repeat("X", 7)); err == nil {
		t.Error("a value longer than the field was written")
	}
	if err := eiline.SetText(line, l, "0402", "12a"); err == nil {
		t.Error("a letter in an N field was written")
	}
	if err := eiline.SetText(line, l, "9999", "x"); err == nil {
		t.Error("a field the layout does not have was written")
	}
	if got := eiline.Extension(l, 310, record.KindAmount); len(got) != 1 || got[0].Number != "0481" {
		t.Errorf("Extension: %v", got)
	}
}
