package ei_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/q"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The README's table of standards lists every EI and Q standard of the module, with its EI
// code, record length and status, and nothing else.
func TestREADMEListsEveryStandard(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	row := regexp.MustCompile(`(?m)^\| ([A-Z]{2,3}\d{3})[^|]*\| (\d+\.\d+) \|(.*)$`)
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		rows[m[1]+"@"+m[2]] = m[3]
	}
	for _, s := range append(standards.Registry().All(), q.Registry().All()...) {
		r, ok := rows[s.ID()]
		if !ok {
			t.Errorf("README has no row for %s", s.ID())
			continue
		}
		codes := make([]string, len(s.EICodes()))
		for i, c := range s.EICodes() {
			codes[i] = fmt.Sprintf("%03d", c)
		}
		var cells []string
		for _, c := range strings.Split(strings.TrimSuffix(strings.TrimSpace(r), "|"), "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		eiCodes := strings.Join(codes, ", ")
		if eiCodes == "" {
			eiCodes = "—" // a record layout without EI code (SB311)
		}
		want := []string{eiCodes, fmt.Sprint(s.RecordLength()), string(s.Status()), s.Answers()}
		if len(cells) < len(want) || !slices.Equal(cells[:len(want)], want) {
			t.Errorf("README row of %s has %q, want %q", s.ID(), cells, want)
		}
		delete(rows, s.ID())
	}
	for id := range rows {
		t.Errorf("README lists %s, which the registry does not have", id)
	}
}
