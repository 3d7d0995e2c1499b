package q

import (
	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/q/standards/qve301v10"
)

// Standards returns the layouts of the Q standards this module knows, declaration
// before return. They are shared: treat them as read-only. Every one is a
// reconstruction (record.StatusReconstructed): see the package documentation.
func Standards() []*record.Standard {
	return []*record.Standard{qve301v10.Standard()}
}

// Registry returns a new registry of the Q standards, for ei.NewReader, ei.ReadFile and
// validate.Options.Registry. It recognises a Q file by the EI code in its 01 record.
func Registry() *ei.Registry {
	r, err := ei.NewRegistry(Standards()...)
	if err != nil {
		// The list is fixed at compile time and checked by TestRegistry.
		panic("q: " + err.Error())
	}
	return r
}
