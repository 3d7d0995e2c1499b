package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/retour"
	"github.com/zorgbericht/zorgbericht/ei/standards"
)

// MaxOutcome is the largest declaration or return BuildOutcome reads: both are read
// whole (ei.ReadFile) to match a return's records to their declaration's.
const MaxOutcome = 64 << 20

// OutcomePage is the page of a return message read against its declaration: is it a
// valid answer, and what happened to every prestatie.
type OutcomePage struct {
	Return, Declaration string
	Problems            []string // why the return is not a valid answer to the declaration
	Result              *retour.Result
}

// IsReturn reports whether the first line of a file names a return standard (one with a
// declaration, MZ302 for MZ301).
func IsReturn(firstLine []byte) bool {
	std, err := standards.Registry().Detect(firstLine)
	if err != nil {
		return false
	}
	_, ok := standards.Registry().DeclarationOf(std)
	return ok
}

// BuildOutcome reads return ret against declaration decl (retour.Check, retour.Read), as
// zorgcheck outcome does.
func BuildOutcome(retName string, ret []byte, declName string, decl []byte) (*OutcomePage, error) {
	if len(ret) > MaxOutcome || len(decl) > MaxOutcome {
		return nil, fmt.Errorf("a return or declaration of more than %d MiB: not read for the outcome", MaxOutcome>>20)
	}
	p := &OutcomePage{Return: EscapeText(retName), Declaration: EscapeText(declName)}
	opts := ei.ReaderOptions{Registry: standards.Registry()}
	r, err := ei.ReadFile(bytes.NewReader(ret), opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", retName, err)
	}
	d, err := ei.ReadFile(bytes.NewReader(decl), opts)
	if err != nil {
		// A declaration whose detail records cannot be read may still have been answered
		// as a whole (01 and 99).
		env, eerr := retour.ReadEnvelope(bytes.NewReader(decl), standards.Registry())
		if eerr != nil || len(r.Verzekerden)+len(r.Prestaties) > 0 {
			return nil, fmt.Errorf("%s: %w", declName, err)
		}
		d = env
	}
	if probs := retour.Check(r, d); len(probs) > 0 {
		for i := range probs {
			p.Problems = append(p.Problems, Message(probs[i].Error()))
		}
		return p, nil
	}
	if p.Result, err = retour.Read(r, d); err != nil {
		return nil, err
	}
	return p, nil
}

// WriteHTML writes the page.
func (p *OutcomePage) WriteHTML(w io.Writer) error { return outcomeTemplate.Execute(w, p) }

var outcomeTemplate = template.Must(template.New("outcome").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>zorgcheck outcome: {{.Return}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; padding: 0.5em 1.5em; color: #1b1b1b; background: #fafafa; }
h1 { font-size: 1.3em; margin: 0.3em 0; }
.verdict { font-weight: 600; } .bad { color: #b00020; } .good { color: #1b7a1b; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; }
tr.rejected td.status { color: #b00020; font-weight: 600; } tr.partly td.status { color: #8a5a00; font-weight: 600; }
</style>
</head>
<body>
<h1>Outcome of {{.Return}} against {{.Declaration}}</h1>
{{if .Problems}}<p class="verdict bad" id="outcome-verdict">{{.Return}} is not a valid answer to {{.Declaration}}</p>
<ul id="problems">{{range .Problems}}<li>{{.}}</li>{{end}}</ul>
{{else}}{{with .Result}}<p class="verdict {{if eq .Status.String "accepted"}}good{{else}}bad{{end}}" id="outcome-verdict">{{if .Invoice}}Invoice {{.Invoice}}{{else}}The file{{end}}: {{.Status}}; ingediend {{.Ingediend}}, toegekend {{.Toegekend}}</p>
{{range .Codes}}<div>{{.Code}} {{.Description}}</div>{{end}}{{if .Note}}<p>{{.Note}}</p>{{end}}
<table id="prestaties">
<tr><th>prestatie</th><th>line in the declaration</th><th>outcome</th><th>declared</th><th>berekend</th><th>toegekend</th><th>codes</th></tr>
{{range .Prestaties}}<tr class="{{.Status}}" data-prestatie="{{.DetailID}}"><td>{{.DetailID}}</td><td>{{.Line}}</td><td class="status">{{.Status}}</td><td class="amount">{{.Declared}}</td><td class="amount">{{.Berekend}}</td><td class="amount">{{.Toegekend}}</td><td>{{range .Codes}}{{.Code}} {{.Description}}<br>{{end}}</td></tr>
{{end}}</table>{{end}}{{end}}
</body>
</html>
`))
