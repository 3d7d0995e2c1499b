package validate

import (
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// Data elements (Vektis element codes, the spec files' element column) of the voorlooprecord
// fields the validator's own rules read. Every standard of the module gives these fields
// these elements, so the rules find them by data, never by their Dutch names.
const (
	elemSoftwareCode    = "COD805" // code informatiesysteem softwareleverancier (0106)
	elemSoftwareVersion = "NUM284" // versieaanduiding informatiesysteem softwareleverancier (0107)
	elemUZOVI           = "COD061" // UZOVI-nummer
	elemServicebureau   = "COD377" // code servicebureau (0109)
	elemZorgverlener    = "COD009" // zorgverlenerscode (0110)
	elemPraktijk        = "COD181" // praktijkcode (0111)
	elemInstelling      = "COD031" // instellingscode (0112)
	elemBetalingAan     = "COD833" // identificatiecode betaling aan (0113)
	elemPeriodEnd       = "DAT044" // einddatum declaratieperiode (0115)
	elemInvoiceDate     = "DAT031" // dagtekening factuur (0117)
	elemBTW             = "NUM351" // btw-identificatienummer (0118)
)

// elementOf returns the data element of a field without its organisation: "COD061-VEKT" → "COD061".
func elementOf(element string) string {
	e, _, _ := strings.Cut(element, "-")
	return e
}

// fieldByElement returns the index of the first field with data element elem, and whether
// there is one.
func (lp *layoutPlan) fieldByElement(elem string) (int, bool) {
	for i := range lp.fields {
		if elementOf(lp.fields[i].f.Element) == elem {
			return i, true
		}
	}
	return 0, false
}

// dateOfElement returns the date in the field with data element elem.
func (rec *Record) dateOfElement(elem string) (record.Date, bool) {
	if i, ok := rec.lp.fieldByElement(elem); ok {
		return rec.dateAt(i)
	}
	return record.Date{}, false
}

// rangeBegin reports whether field i is the begindatum of one of the layout's begin/end
// date pairs (the plan's ranges).
func (lp *layoutPlan) rangeBegin(i int) bool {
	for _, r := range lp.ranges {
		if r[0] == i {
			return true
		}
	}
	return false
}
