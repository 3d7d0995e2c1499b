package validate_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards/gz321v10"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
	"github.com/zorgbericht/zorgbericht/ei/validate"
)

// The validator has no default catalogue: it recognises standards with the registry it is
// given, or checks against the one Standard it is given.
func TestRegistryIsExplicit(t *testing.T) {
	file := strings.Join(synthetic(t), "") // GZ321 1.0, valid
	ctx := context.Background()

	t.Run("none", func(t *testing.T) {
		rep, err := validate.File(ctx, strings.NewReader(file), validate.Options{})
		if !errors.Is(err, validate.ErrNoRegistry) || !errors.Is(err, ei.ErrNoRegistry) {
			t.Fatalf("err = %v, want ErrNoRegistry (validate and ei)", err)
		}
		if len(rep.Findings) != 0 || rep.Lines != 0 {
			t.Errorf("read %d lines, %d findings without a registry", rep.Lines, len(rep.Findings))
		}
		if _, err := validate.ReadDeclaration(ctx, strings.NewReader(file), nil); !errors.Is(err, validate.ErrNoRegistry) {
			t.Errorf("ReadDeclaration without a registry: err = %v, want ErrNoRegistry", err)
		}
	})
	t.Run("standard only", func(t *testing.T) {
		rep, err := validate.File(ctx, strings.NewReader(file), validate.Options{Standard: gz321v10.Standard()})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Standard == nil || rep.Standard.ID() != "GZ321@1.0" || !rep.Valid() {
			t.Errorf("standard %v, findings %v", rep.Standard, rep.Findings)
		}
	})
	t.Run("registry of the standard", func(t *testing.T) {
		reg, err := ei.NewRegistry(gz321v10.Standard())
		if err != nil {
			t.Fatal(err)
		}
		rep, err := validate.File(ctx, strings.NewReader(file), validate.Options{Registry: reg})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Standard == nil || rep.Standard.ID() != "GZ321@1.0" || !rep.Valid() {
			t.Errorf("standard %v, findings %v", rep.Standard, rep.Findings)
		}
	})
	t.Run("registry of another standard", func(t *testing.T) {
		reg, err := ei.NewRegistry(mz301v13.Standard())
		if err != nil {
			t.Fatal(err)
		}
		rep, err := validate.File(ctx, strings.NewReader(file), validate.Options{Registry: reg})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			found = found || f.Rule == "N1-STANDARD"
		}
		if rep.Valid() || !found {
			t.Errorf("a GZ321 file with a registry of MZ301: valid %v, findings %v", rep.Valid(), rep.Findings)
		}
	})
}
