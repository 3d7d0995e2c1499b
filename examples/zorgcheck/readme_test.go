//go:build integration

package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// TestREADMECommands runs every command of the README's zorgcheck "Commands" block on the
// repository's files and checks its exit status (the number after #).
func TestREADMECommands(t *testing.T) {
	sec := zorgcheckSection(t)
	i := strings.Index(sec, "### Commands")
	if i < 0 {
		t.Fatal("the README's zorgcheck section has no ### Commands")
	}
	block := sec[i:]
	block = block[strings.Index(block, "```sh\n")+6:]
	block = block[:strings.Index(block, "```")]
	old, _ := os.Getwd()
	if err := os.Chdir(sharedtest.RepoRoot()); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		cmd, want, ok := strings.Cut(line, "#")
		args := strings.Fields(cmd)
		code, err := strconv.Atoi(strings.TrimSpace(want))
		if !ok || err != nil || len(args) < 2 || args[0] != "zorgcheck" {
			t.Errorf("README line %q: want `zorgcheck ARGS  # EXIT`", line)
			continue
		}
		seen[args[1]] = true
		got, _, stderr := runTool(t, args[1:]...)
		if got != code {
			t.Errorf("%s: exit %d, want %d (%s)", strings.TrimSpace(cmd), got, code, strings.TrimSpace(stderr))
		}
	}
	for _, c := range commands() {
		if !seen[c.name] {
			t.Errorf("the README's Commands block has no zorgcheck %s", c.name)
		}
	}
}

// TestHelpREADMEAgree: zorgcheck help, every COMMAND -h and the README's zorgcheck section
// agree: the usage line of COMMAND -h is the one help prints, and every flag a command has
// is named in the README's section.
func TestHelpREADMEAgree(t *testing.T) {
	sec := zorgcheckSection(t)
	if !strings.Contains(sec, usageText()) {
		t.Error("the README's zorgcheck section does not hold the text of zorgcheck help")
	}
	flagRe := regexp.MustCompile(`(?m)^  (-[a-z][a-z0-9-]*)`)
	for _, c := range commands() {
		code, stdout, _ := runTool(t, c.name, "-h")
		if code != exitOK {
			t.Errorf("%s -h: exit %d", c.name, code)
			continue
		}
		want := "zorgcheck " + c.name + " " + c.args
		if !strings.Contains(usageText(), strings.TrimSpace(want)) {
			t.Errorf("zorgcheck help does not show %q", want)
		}
		if c.name != "q" && c.name != "vsb" && !strings.HasPrefix(stdout, "usage: "+strings.TrimSpace(want)+"\n") {
			t.Errorf("%s -h starts %.80q; want the usage line of zorgcheck help", c.name, stdout)
		}
		for _, m := range flagRe.FindAllStringSubmatch(stdout, -1) {
			if !regexp.MustCompile(regexp.QuoteMeta(m[1]) + `\b`).MatchString(sec) {
				t.Errorf("%s -h has %s; the README's zorgcheck section does not name it", c.name, m[1])
			}
		}
	}
}
