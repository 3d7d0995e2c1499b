package validate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// Issue 22 item 5: a rule hook gets a masked view of the record: printing it, its Text,
// its JSON and its log value show no BSN, name, date of birth, address, debiteurnummer or
// free text of the file; Raw still gives a field as it is, for the checks.
func TestRecordMaskedView(t *testing.T) {
	data, err := os.ReadFile("../testdata/mz301-synthetic.txt")
	if err != nil {
		t.Fatal(err)
	}
	var outs []string
	secrets := map[string]bool{}
	rule := &validate.Rule{ID: "ACME-PRINT", Records: []string{"02", "03", "04", "98"}, Record: func(p *validate.Pass, rec *validate.Record) {
		for i := 0; i < rec.Layout.NumFields(); i++ {
			f := rec.Layout.FieldIndex(i)
			if f.Personal == 0 {
				continue
			}
			v := strings.TrimSpace(rec.Raw(f.Number))
			if len(v) >= 6 && strings.Trim(v, "0") != "" {
				secrets[v] = true
			}
		}
		var b bytes.Buffer
		slog.New(slog.NewJSONHandler(&b, nil)).Info("record", "rec", rec)
		j, _ := json.Marshal(rec)
		outs = append(outs, fmt.Sprintf("%v|%+v|%#v|%s", rec, rec, rec, rec), rec.Text(), rec.String(), string(j), b.String())
		if rec.RawText() == rec.Text() {
			t.Errorf("line %d: the masked text equals the raw text", rec.Line)
		}
	}}
	if _, err := validate.File(context.Background(), bytes.NewReader(data), validate.Options{Registry: standards.Registry(), Rules: []*validate.Rule{rule}}); err != nil {
		t.Fatal(err)
	}
	if len(secrets) < 5 || len(outs) == 0 {
		t.Fatalf("only %d personal values seen", len(secrets))
	}
	for _, out := range outs {
		for s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%q shows %q", out, s)
			}
		}
	}
}
