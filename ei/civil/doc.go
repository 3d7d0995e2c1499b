// Package civil holds the one calendar-date type of the module: Date, the date of an EI
// field (EEJJMMDD), of a COV query and of a VSB zone, without time or zone. The zero Date
// is the empty date (00000000 in a record).
//
// Quick start:
//
//	d, err := civil.ParseEEJJMMDD("20240229") // 00000000 gives the empty date
//	if err != nil {
//		return err
//	}
//	fmt.Println(d, d.Valid(), d.AddDays(1))   // 2024-02-29 true 2024-03-01
//	e := civil.NewDate(2023, time.February, 29) // not normalised: e.Valid() is false
//
// record.Date and cov.Date name the same type.
package civil
