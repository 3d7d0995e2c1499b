package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// ByteRule reports whether findings of the rule are about the bytes of a line (its
// length, record type or characters): the findings a ByteHint can explain.
func ByteRule(rule string) bool {
	switch rule {
	case "N2-LENGTH", "N2-RECORDTYPE", "N3-KENMERK", "N3-DIGITS", "N3-CHARSET":
		return true
	}
	return false
}

// FindingMessage returns the message of a finding as zorgcheck shows it: printable,
// amounts in euros, with what the bytes of the line show (hint, from ByteHint) when that
// explains it, and, with flagHints, the flags instead of the Go names of options.
func FindingMessage(f *validate.Finding, hint string, flagHints bool) string {
	msg := Message(f.Message)
	if flagHints && f.Rule == "N5-UNIQUE" && f.Severity == validate.Warning && !strings.Contains(msg, "-max-references") {
		msg += " (-max-references raises the limit)"
	}
	if hint != "" && (ByteRule(f.Rule) || f.Level == validate.N1) && !strings.Contains(msg, hint) {
		msg += " (" + hint + ")"
	}
	return msg
}

var (
	goNames = strings.NewReplacer(
		" (Options.MaxReferences)", "",
		"(Options.MaxReferences)", "",
		"Options.MaxReferences", "-max-references",
		"Options.MaxFindings", "-max",
		"Options.Today", "-today",
		"Options.Standard", "-standard",
		"Options.Levels", "-levels",
	)
	centsMessage = regexp.MustCompile(`(\d+) cents; (.*) add up to (\d+)$`)
)

// Message makes a message of the validator fit for people: non-printable characters
// escaped, amounts in cents written in euros, Go option names replaced by the flags that
// set them.
func Message(msg string) string {
	msg = goNames.Replace(EscapeText(msg))
	if m := centsMessage.FindStringSubmatchIndex(msg); m != nil {
		a, b := msg[m[2]:m[3]], msg[m[6]:m[7]]
		msg = msg[:m[0]] + euros(a) + "; " + msg[m[4]:m[5]] + " add up to " + euros(b)
	}
	return msg
}

// euros writes an amount in cents as euros with two decimals: "€ 7330.00".
func euros(cents string) string {
	n, err := strconv.ParseInt(cents, 10, 64)
	if err != nil {
		return cents + " cents"
	}
	return "€ " + decimal.New(n, -2).StringFixed(2)
}
