package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/internal/assert"
	"github.com/zorgbericht/zorgbericht/internal/require"
)

func writeSpec(t *testing.T, dir, name, content string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
}

func mini(t *testing.T) string {
	b, err := os.ReadFile("../internal/specfile/testdata/mini.csv")
	require.NoError(t, err)
	return string(b)
}

func TestGenerateWritesPackagesAndRegistry(t *testing.T) {
	specs, out := t.TempDir(), t.TempDir()
	writeSpec(t, specs, "ZZ999v1.0.csv", mini(t))
	reg := filepath.Join(out, "standards_gen.go")
	require.NoError(t, run([]string{"generate", "-pkg", "example.com/m/standards", "-specs", specs, "-out", filepath.Join(out, "standards"), "-registry", reg}, nil))
	src, err := os.ReadFile(filepath.Join(out, "standards", "zz999v10", "zz999v10.go"))
	require.NoError(t, err)
	assert.Contains(t, string(src), "package zz999v10")
	assert.NotContains(t, string(src), "// Package zz999v10")
	doc, err := os.ReadFile(filepath.Join(out, "standards", "zz999v10", "doc.go"))
	require.NoError(t, err)
	assert.Contains(t, string(doc), "// Package zz999v10 holds the record types of ZZ999 version 1.0")
	assert.Contains(t, string(doc), "// Quick start:")
	r, err := os.ReadFile(reg)
	require.NoError(t, err)
	assert.Contains(t, string(r), "zz999v10.Standard(),")

	// A package whose spec is gone is removed; hand-written directories are left alone.
	require.NoError(t, os.MkdirAll(filepath.Join(out, "standards", "handmade"), 0o755))
	writeSpec(t, filepath.Join(out, "standards", "handmade"), "x.go", "package handmade\n")
	require.NoError(t, os.Remove(filepath.Join(specs, "ZZ999v1.0.csv")))
	require.NoError(t, run([]string{"generate", "-pkg", "example.com/m/standards", "-specs", specs, "-out", filepath.Join(out, "standards"), "-registry", reg}, nil))
	assert.NoDirExists(t, filepath.Join(out, "standards", "zz999v10"))
	assert.DirExists(t, filepath.Join(out, "standards", "handmade"))
}

// The generator refuses inconsistent specs, naming file, record and field.
func TestGenerateRefuses(t *testing.T) {
	for name, tc := range map[string]struct{ file, content, want string }{
		"overlap": {"ZZ999v1.0.csv", strings.Replace(mini(t), "0203,BURGERSERVICENUMMER (BSN) VERZEKERDE,N,9,15,23", "0203,BURGERSERVICENUMMER (BSN) VERZEKERDE,N,9,14,22", 1),
			"ZZ999v1.0.csv: record 02 field 0203: overlap"},
		"unknown type": {"ZZ999v1.0.csv", strings.Replace(mini(t), "0204,NAAM VERZEKERDE (01),AN", "0204,NAAM VERZEKERDE (01),ANX", 1),
			"record 02 field 0204: invalid spec: unknown field type"},
		"file name does not match content": {"ZZ999v2.0.csv", mini(t), "holds ZZ999@1.0: name it ZZ999v1.0.csv"},
		"return without its declaration": {"ZZ999v1.0.csv", strings.Replace(mini(t), "# answers: ", "# answers: ZZ000", 1),
			"answers ZZ000, but there is no spec of ZZ000 version 1.0"},
	} {
		t.Run(name, func(t *testing.T) {
			specs, out := t.TempDir(), t.TempDir()
			writeSpec(t, specs, tc.file, tc.content)
			err := run([]string{"generate", "-pkg", "example.com/m/standards", "-specs", specs, "-out", out, "-registry", filepath.Join(out, "r.go")}, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestGenerateUsesImportPathAndRuntime(t *testing.T) {
	specs, out := t.TempDir(), t.TempDir()
	writeSpec(t, specs, "ZZ999v1.0.csv", mini(t))
	require.NoError(t, run([]string{"generate", "-pkg", "example.com/m/q/standards", "-specs", specs, "-out", out,
		"-registry", filepath.Join(out, "registry_gen.go")}, nil))
	r, err := os.ReadFile(filepath.Join(out, "registry_gen.go"))
	require.NoError(t, err)
	assert.Contains(t, string(r), `"example.com/m/q/standards/zz999v10"`)
	assert.Contains(t, string(r), "func Registry() *ei.Registry")
	err = run([]string{"generate", "-specs", specs, "-out", out}, nil)
	assert.ErrorContains(t, err, "-pkg")
}
