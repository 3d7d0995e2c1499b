package conditions

import (
	"fmt"
	"io"
	"strings"
)

// summaryLevels are the levels the summary counts rows by: a row's level is the highest
// RBC level of the rules that check it ("-": no rule checks it).
var summaryLevels = []string{"N1", "N2", "N3", "N4", "N5", "-"}

// CountLevel returns the number of rows whose level is level ("N4", "-").
func (t *Table) CountLevel(level string) int {
	n := 0
	for _, r := range t.Rows {
		if r.Level == level {
			n++
		}
	}
	return n
}

// WriteSummary writes a Markdown table with, per standard version, how many of its BER
// conditions have each status, and how many have each RBC level (a row's level: see Row.Level).
func WriteSummary(w io.Writer, tables []*Table) error {
	var b strings.Builder
	b.WriteString("| standard | BER conditions | implemented | covered by layout | not checkable | missing | stricter than BER |")
	for _, l := range summaryLevels {
		if l == "-" {
			b.WriteString(" no rule |")
		} else {
			b.WriteString(" " + l + " |")
		}
	}
	b.WriteString("\n|---|---:|---:|---:|---:|---:|---:|" + strings.Repeat("---:|", len(summaryLevels)) + "\n")
	total := make([]int, 6+len(summaryLevels))
	for _, t := range tables {
		n := []int{len(t.Rows), t.Count(Implemented), t.Count(CoveredByLayout), t.Count(NotCheckable), t.Count(Missing), t.Count(Stricter)}
		for _, l := range summaryLevels {
			n = append(n, t.CountLevel(l))
		}
		writeSummaryRow(&b, t.ID(), n)
		for i := range n {
			total[i] += n[i]
		}
	}
	writeSummaryRow(&b, "all", total)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSummaryRow(b *strings.Builder, name string, n []int) {
	b.WriteString("| " + name + " |")
	for _, v := range n {
		fmt.Fprintf(b, " %d |", v)
	}
	b.WriteString("\n")
}
