package validate

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/ei/validate/conditions"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The narrowing columns of the conditions tables (allowed, why, required, zero_ok,
// not_future) are where the built-in rule sets' Fields come from: the sets that apply to a
// table's standard carry exactly what its rows state, and the validator checks the field
// so — its allowed values and the reason its findings give, zero as a value, required, not
// in the future. Dropping a column's value, or a set's Fields, fails here.
func TestConditionsNarrowing(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	narrowed := 0
	for _, tab := range tables {
		std, err := standards.Registry().Parse(tab.ID())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]FieldRule{}
		for _, s := range builtinSets() {
			if s.Applies(std) {
				maps.Copy(got, s.Fields)
			}
		}
		want := map[string]FieldRule{}
		for _, row := range tab.Rows {
			if row.IsZero() {
				continue
			}
			narrowed++
			fr := FieldRule{Allowed: row.Allowed, Why: row.Why, ZeroOK: row.ZeroOK, NotFuture: row.NotFuture}
			if row.Required {
				fr.Required = row.Why
			}
			want[row.Field] = fr
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: the built-in sets for %s narrow the fields\n%v\nthe table says\n%v", tab.File, tab.ID(), got, want)
		}
		p := compile(std)
		for _, row := range tab.Rows {
			if row.IsZero() {
				continue
			}
			where := tab.File + ":" + itoa(row.Line) + ": field " + row.Field
			fp, _ := planField(p, row.Field)
			if fp == nil {
				t.Errorf("%s: the layout has no such field", where)
				continue
			}
			if row.Allowed != "" {
				var vals []string
				for _, v := range strings.Fields(row.Allowed) {
					if v == "-" {
						v = ""
					}
					vals = append(vals, normalise(v, fp.numeric))
				}
				slices.Sort(vals)
				if have := slices.Sorted(maps.Keys(fp.allowed)); !slices.Equal(have, vals) || fp.allowedWhy != row.Why {
					t.Errorf("%s: the validator allows %q (%q), the table %q (%q)", where, have, fp.allowedWhy, vals, row.Why)
				}
			}
			if row.ZeroOK && !fp.zeroOK {
				t.Errorf("%s: zero_ok, but zero is not a value of the field", where)
			}
			if row.Required && (!fp.required || fp.requiredWhy != row.Why) {
				t.Errorf("%s: required, but the validator requires it %v (%q)", where, fp.required, fp.requiredWhy)
			}
			if row.NotFuture && !fp.notFuture {
				t.Errorf("%s: not_future, but the validator does not check it", where)
			}
		}
	}
	if narrowed < 30 {
		t.Errorf("the tables narrow %d fields; the BERs of the module narrow more than 30", narrowed)
	}
}

// The narrowing columns against the BER texts they come from (../shared): every allowed
// value is in the field's Constraints/condities text — a value that is only zeros as "niet
// (in)vullen", "nullen" or "gereserveerd", "-" (an empty AN field) as "spatie" — and a row
// is zero_ok exactly when its text says "nul is ook een waarde".
func TestConditionsNarrowingBER(t *testing.T) {
	tables, err := conditions.Tables()
	if err != nil {
		t.Fatal(err)
	}
	dir := sharedtest.Path(t, "vektis", "ber")
	// Values the text names by reference, not literally: the words it says instead.
	byReference := map[string]string{
		// COD327 codes 01-08: code 09 (direct access to paramedical care) came later and
		// is not GGZ; Vektis's test set rejects it.
		"GZ321@1.0 0420": "Vullen volgens invulinstructie",
	}
	// Fields that repeat, or name the other of, the values another field's text states:
	// the tarief-, zorgactiviteit- and tijdsbestedingrecords repeat the prestatiecodelijst
	// of the prestatierecord (0408), and 0611 names the other of its two lists.
	sameAs := map[string]string{"GZ321@1.0 0606": "0408", "GZ321@1.0 0611": "0408", "GZ321@1.0 1606": "0408", "GZ321@1.0 1706": "0408"}
	for _, tab := range tables {
		ber := readBERConditions(t, filepath.Join(dir, tab.BER))
		for _, row := range tab.Rows {
			where := tab.File + ":" + itoa(row.Line) + ": field " + row.Field
			i := slices.IndexFunc(ber, func(f berField) bool { return f.number == row.Field })
			if i < 0 {
				continue // TestConditionsTables reports it
			}
			text := strings.ToLower(ber[i].text)
			if zero := strings.Contains(text, "nul is ook een waarde"); zero != row.ZeroOK {
				t.Errorf("%s: the BER says zero is a value: %v; the row's zero_ok: %v (%q)", where, zero, row.ZeroOK, ber[i].text)
			}
			if ref, ok := byReference[tab.ID()+" "+row.Field]; ok {
				if !strings.Contains(ber[i].text, ref) {
					t.Errorf("%s: the BER text no longer says %q: %q", where, ref, ber[i].text)
				}
				continue
			}
			if other, ok := sameAs[tab.ID()+" "+row.Field]; ok {
				if i = slices.IndexFunc(ber, func(f berField) bool { return f.number == other }); i < 0 {
					t.Errorf("%s: the BER states no condition for field %s", where, other)
					continue
				}
				text = strings.ToLower(ber[i].text)
			}
			if other, ok := sameAs[tab.ID()+" "+row.Field]; ok {
				if i = slices.IndexFunc(ber, func(f berField) bool { return f.number == other }); i < 0 {
					t.Errorf("%s: the BER states no condition for field %s", where, other)
					continue
				}
				text = strings.ToLower(ber[i].text)
			}
			for _, v := range strings.Fields(row.Allowed) {
				var found bool
				switch {
				case v == "-":
					found = strings.Contains(text, "spatie")
				case strings.Trim(v, "0") == "":
					found = strings.Contains(text, v) || strings.Contains(text, "niet") || strings.Contains(text, "nullen") || strings.Contains(text, "gereserveerd")
				default:
					found = strings.Contains(ber[i].text, v)
				}
				if !found {
					t.Errorf("%s: allowed value %q is not in the BER's text %q", where, v, ber[i].text)
				}
			}
		}
	}
}
