package ahead

import (
	"errors"
	"slices"
	"testing"
)

// count produces 1..n, then err.
func count(n int, err error) func(emit func(*int) error) error {
	return func(emit func(*int) error) error {
		for i := 1; i <= n; i++ {
			if e := emit(&i); e != nil {
				return e
			}
		}
		return err
	}
}

func TestBatches(t *testing.T) {
	errFile := errors.New("the file ends early")
	for _, c := range []struct {
		name      string
		n, size   int
		err       error
		wantSizes []int
	}{
		{"empty", 0, 4, nil, nil},
		{"one short batch", 3, 4, nil, []int{3}},
		{"exactly one batch", 4, 4, nil, []int{4}},
		{"one more", 5, 4, nil, []int{4, 1}},
		{"many", 1000, 7, nil, nil},
		{"error after values", 5, 4, errFile, []int{4, 1}},
		{"error at once", 0, 4, errFile, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []int
			var sizes []int
			err := Batches(c.size, 2, count(c.n, c.err), func(b []int) error {
				sizes = append(sizes, len(b))
				got = append(got, b...)
				return nil
			})
			if !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			want := make([]int, c.n)
			for i := range want {
				want[i] = i + 1
			}
			if !slices.Equal(got, want) {
				t.Errorf("values = %v…, want 1..%d in order", got[:min(len(got), 10)], c.n)
			}
			if c.wantSizes != nil && !slices.Equal(sizes, c.wantSizes) {
				t.Errorf("batch sizes = %v, want %v", sizes, c.wantSizes)
			}
			for _, s := range sizes {
				if s < 1 || s > c.size {
					t.Errorf("a batch of %d values (size %d)", s, c.size)
				}
			}
		})
	}
}

// A failing consume stops produce, which sees ErrStopped, and its error is returned,
// not produce's; produce has returned when Batches does.
func TestBatchesConsumeFails(t *testing.T) {
	errInsert := errors.New("insert failed")
	emitted, returned := 0, false
	var produceSaw error
	err := Batches(4, 1, func(emit func(*int) error) error {
		defer func() { returned = true }()
		for i := 1; i <= 1_000_000; i++ {
			if e := emit(&i); e != nil {
				produceSaw = e
				return errors.New("wrapped: " + e.Error())
			}
			emitted++
		}
		return nil
	}, func(b []int) error {
		if b[0] == 5 { // the second batch
			return errInsert
		}
		return nil
	})
	if err != errInsert {
		t.Fatalf("err = %v, want the consumer's", err)
	}
	if !errors.Is(produceSaw, ErrStopped) {
		t.Errorf("produce saw %v, want ErrStopped", produceSaw)
	}
	if !returned {
		t.Error("Batches returned before produce did")
	}
	// depth 1: the failing batch, the first, one waiting, one being filled, and at most one
	// sent while the consumer was failing; not the million values produce had.
	if emitted > 6*4 {
		t.Errorf("produce went on for %d values after the consumer failed", emitted)
	}
}
