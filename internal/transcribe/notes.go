package transcribe

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/zorgbericht/zorgbericht/internal/specfile"
)

// All transcribes every plan, in order; a return's declaration must come before it (as in
// Plans). It stops at the first error.
func All(plans []Plan, in Input) ([]*Result, error) {
	if in.Declarations == nil {
		in.Declarations = map[string]*specfile.Spec{}
	}
	var out []*Result
	for _, p := range plans {
		res, err := Transcribe(p, in)
		if err != nil {
			return out, err
		}
		in.Declarations[p.ID] = res.Standard
		out = append(out, res)
	}
	return out, nil
}

// Source returns the text of the "source" header of the spec of a transcribed standard.
func Source(std *specfile.Spec) string {
	return fmt.Sprintf("Vektis, berichtspecificatie (BER) %sv%s, as transcribed by olmeca/vektor (third party; not an official export)",
		std.Code, std.VersionString())
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ") }

// Notes returns the notes file of the transcribed standard (Markdown): where the layout
// comes from, the defects the checks found, every repair with its reason, the findings
// judged not to be defects, and where what the transcription lacks comes from.
func (r *Result) Notes() []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	std := r.Standard
	p("# %s version %s — transcribed\n\n", std.Code, std.VersionString())
	p("<!-- Written by `go run ./gen transcribe`; do not edit. The repairs and judgements are in internal/transcribe/repairs.go. -->\n\n")
	p("**Status: transcribed.** The layout of this spec (`specs/%sv%s.csv`) is not an official Vektis export: it comes from a\n",
		std.Code, std.VersionString())
	p("third-party transcription of the Vektis berichtspecificatie (BER), checked and repaired as set out below.\n")
	p("Source of the layout: Vektis. Check it against the official BER before relying on it.\n\n")

	p("| | |\n|---|---|\n")
	p("| standard | %s %s |\n", std.Code, cell(std.Name))
	p("| name from | %s |\n", cell(r.Plan.NameSource))
	codes := make([]string, len(std.EICodes))
	for i, c := range std.EICodes {
		codes[i] = fmt.Sprintf("%03d", c)
	}
	p("| EI code | %s", strings.Join(codes, ", "))
	if r.EIName != "" {
		p(" (COD002: %s)", cell(r.EIName))
	}
	p(" |\n| version | %s |\n| record length | %d |\n", std.VersionString(), std.RecordLength)
	if std.Answers != "" {
		p("| answers | %s %s |\n", std.Answers, std.VersionString())
	}
	recs := make([]string, len(std.Records))
	for i, l := range std.Records {
		recs[i] = l.Code + " " + l.Name
	}
	p("| record types | %s |\n", strings.Join(recs, ", "))
	p("| transcription | %s |\n", cell(strings.Join(r.Sources, "; ")))
	p("| status | transcribed |\n\n")

	if r.Plan.Note != "" {
		p("%s\n", strings.TrimSpace(r.Plan.Note))
		p("\n")
	}

	p("## Defects found in the transcription\n\n")
	if len(r.Defects) == 0 {
		p("None: the transcription passes the consistency check (contiguous fields that add up to the record length, ")
		p("lengths that match positions, unique field numbers)")
		if std.Answers != "" {
			p(", repeats its declaration in every record (return pattern)")
		}
		p(" and has Vektis element codes.\n\n")
	} else {
		p("What the checks found in the transcription as it is; each is gone after the repairs below.\n\n")
		for _, f := range Fold(r.Defects) {
			p("- %s\n", cell(f))
		}
		p("\n")
	}

	p("## Repairs\n\n")
	if len(r.Repairs) == 0 {
		p("None.\n\n")
	} else {
		p("| record | field | change | reason |\n|---|---|---|---|\n")
		for _, a := range r.Repairs {
			p("| %s | %s | %s | %s |\n", a.Record, a.Field, cell(a.Change), cell(a.Reason))
		}
		p("\n")
	}

	p("## Findings judged not to be defects\n\n")
	if len(r.Judged) == 0 {
		p("None.\n\n")
	} else {
		p("Differences the checks report on the repaired layout, and why they stay.\n")
		var last string
		for _, j := range r.Judged {
			if j.Reason != last {
				p("\n%s\n\n", j.Reason)
				last = j.Reason
			}
			p("- %s\n", cell(j.Finding.String()))
		}
		p("\n")
	}

	if len(r.Decisions) > 0 {
		p("## Decisions on facts the transcription leaves open\n\n")
		p("| record | field | kept | reason |\n|---|---|---|---|\n")
		for _, d := range r.Decisions {
			p("| %s | %s | %s | %s |\n", d.Record, d.Field, d.Obligation, cell(d.Reason))
		}
		p("\n")
	}

	p("## What the transcription does not give\n\n")
	p("The transcription gives field numbers, names, types, positions and element codes (without the organisation ")
	p("suffix). Obligation, key, pattern, the organisation of the element code and the value list are completed:\n\n")
	from := map[string]int{}
	elemFrom := map[string]int{}
	var byRule []Completion
	for _, c := range r.Completions {
		if c.From != "" {
			from[c.From]++
		} else {
			byRule = append(byRule, c)
		}
		if c.ElementFrom != "" {
			elemFrom[c.ElementFrom]++
		}
	}
	for _, k := range sortedKeys(from) {
		if r.Standard.Answers != "" && strings.HasPrefix(k, r.Standard.Answers+"@") {
			p("- obligation, key and pattern of %d fields from the declaration %s (the declaration part, which the return repeats)\n", from[k], k)
			continue
		}
		p("- obligation, key and pattern of %d fields from the same field of the official BER of %s (same record, number, type and length, and the same element code or name)\n", from[k], k)
	}
	for _, k := range sortedKeys(elemFrom) {
		if k == "code list" {
			p("- value list of %d fields: the element code itself, as Vektis publishes a code list with its number (the official BERs do the same for every such element)\n", elemFrom[k])
			continue
		}
		p("- element organisation and value list of %d fields from %s (same element code, type and length)\n", elemFrom[k], k)
	}
	if len(byRule) > 0 {
		p("- obligation of %d fields by rule, as no official BER at hand has the field: M for the kenmerk record, S for a reserve, ", len(byRule))
		p("C for the others — C here means *not known*: such a field is not required by the validator. The fields:\n\n")
		p("| record | field | name | obligation |\n|---|---|---|---|\n")
		for _, c := range byRule {
			f := r.Standard.Layout(c.Record).Field(c.Field)
			p("| %s | %s | %s | %s |\n", c.Record, c.Field, cell(c.Name), f.Obligation)
		}
	}
	p("\nRegenerate with `go run ./gen transcribe` (from the repository root, with the reference material in ../shared).\n")
	return b.Bytes()
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
