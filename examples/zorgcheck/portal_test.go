//go:build integration

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Seed 002 example 2a through the command: the portal rejects a file addressed to UZOVI
// 9900 (not in the UZOVI register) with 0001 + 8198 by default, and passes one addressed
// to 0736 on; -connected narrows the numbers further.
func TestRetourPortalRegister(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		file, connected string
		code            int
		want            string
	}{
		{"MZ301-uzovi9900.txt", "", exitFindings, "01 retourcode 0001 8198"},
		{"MZ301-base.txt", "", exitOK, "forwards"},
		{"MZ301-base.txt", "3311", exitFindings, "01 retourcode 0001 8198"},
		{"MZ301-base.txt", "3311,0736", exitOK, "forwards"},
	} {
		args := []string{"retour", "-role", "portal", "-date", "2011-04-15", "-o", filepath.Join(dir, "r.txt")}
		if tc.connected != "" {
			args = append(args, "-connected", tc.connected)
		}
		code, out, errOut := runTool(t, append(args, "../../ei/retour/testdata/decl/"+tc.file)...)
		if code != tc.code || !strings.Contains(out, tc.want) {
			t.Errorf("%s -connected %q: exit %d, stdout %q, stderr %q; want %d and %q", tc.file, tc.connected, code, out, errOut, tc.code, tc.want)
		}
		os.Remove(filepath.Join(dir, "r.txt"))
	}
}
