// Package bsn holds the burgerservicenummer of the module: BSN, which masks itself
// wherever it is printed (fmt, JSON, slog show at most the last three digits), and the one
// rule every package checks a BSN with, the elfproef (Valid, BSN.Check).
//
// Quick start:
//
//	b := bsn.BSN("111222333")
//	if err := b.Check(); err != nil { // nine digits, elfproef; the dummy 999999999 fails
//		return err
//	}
//	fmt.Println(b)          // ******333
//	line = append(line, b.Digits()...) // the full number: only to write a file or request
//
// record.BSN names the same type.
package bsn
