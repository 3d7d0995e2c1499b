// Package voorziening is the care facility's side of Vlaamse Sociale Bescherming billing:
// what a reply of the zorgkas means and what to do next, and the resubmission of a
// refused facturatiebestand with what must stay and what must change.
//
// After a refused file (DF012, 920999) the facility resends it with the same zending
// number, the same invoice type and the same invoice date; only the creation date
// changes. After a refused sending (DF013, 920099) it resends the whole file with the
// same zending number and invoice type; the creation date and the invoice date change.
//
//	next, err := voorziening.Resubmit(sent, reply, today)
package voorziening
