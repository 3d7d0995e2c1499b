package ei_test

import (
	"os"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// The PM304 v3.2 sample (a real file, CR/LF) is read with the transcribed PM304 3.2 layout
// and written back byte for byte, through the streaming Reader/Writer and the file model.
func TestRoundTripPM304Sample(t *testing.T) {
	data, err := os.ReadFile(sharedtest.Path(t, "vektis", "samples", "PM304v3.2_sample.dat"))
	if err != nil {
		t.Fatal(err)
	}
	std, err := standards.Registry().Detect(data)
	if err != nil {
		t.Fatal(err)
	}
	if std.ID() != "PM304@3.2" {
		t.Fatalf("sample detected as %s, want PM304@3.2", std.ID())
	}
	roundTrip(t, data)
}
