package q

import (
	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q/standards"
)

// Standards returns the layouts of the Q standards this module knows (QVE301, QVE302),
// declaration before return. They are shared and read-only. Every one is a
// reconstruction (record.StatusReconstructed): see the package documentation.
func Standards() []*record.Standard { return standards.All() }

// Registry returns a new registry of the Q standards, for ei.NewReader, ei.ReadFile and
// validate.Options.Registry. It recognises a Q file by the EI code in its 01 record and
// pairs QVE301 with its return QVE302.
func Registry() *ei.Registry { return standards.Registry() }
