package ahead

import "errors"

// ErrStopped is what emit returns once consume has failed: produce should stop and
// return it (or an error that wraps it).
var ErrStopped = errors.New("ahead: stopped")

// Batches calls produce on a goroutine of its own; produce calls emit with each value in
// turn, which emit copies into a batch of up to size values. consume is called on the
// calling goroutine with each batch, in order, while the next ones are produced: at most
// depth batches wait, and the memory is that of depth+2 batches whatever the length of
// the stream. A batch and its values are consume's only until it returns (they are
// reused).
//
// What consume sees is what one goroutine calling produce and consume in turn would
// give it: every value in order, the values before an error of produce and then that
// error. The first error of consume stops produce (emit returns ErrStopped) and is
// returned; otherwise the error of produce is. The goroutine has ended when Batches
// returns.
func Batches[T any](size, depth int, produce func(emit func(*T) error) error, consume func([]T) error) error {
	size, depth = max(size, 1), max(depth, 1)
	full := make(chan []T, depth)
	// Every batch fits in free at once: giving one back never blocks.
	free := make(chan []T, depth+2)
	for range depth + 2 {
		free <- make([]T, 0, size)
	}
	stop := make(chan struct{})
	var produceErr error // set before full is closed
	go func() {
		defer close(full)
		batch := <-free
		send := func() error {
			select {
			case <-stop: // stopped: no more batches, even where full has room
				return ErrStopped
			default:
			}
			select {
			case full <- batch:
			case <-stop:
				return ErrStopped
			}
			batch = nil // sent: it is the consumer's, and never sent again
			select {
			case batch = <-free:
			case <-stop:
				return ErrStopped
			}
			batch = batch[:0]
			return nil
		}
		err := produce(func(v *T) error {
			if batch == nil {
				return ErrStopped // a produce that did not stop when told
			}
			batch = append(batch, *v)
			if len(batch) == size {
				return send()
			}
			return nil
		})
		if errors.Is(err, ErrStopped) {
			return
		}
		// The values before the end or the error of produce, then the error.
		if len(batch) > 0 && send() != nil {
			return
		}
		produceErr = err
	}()
	var consumeErr error
	for batch := range full {
		if consumeErr == nil {
			if consumeErr = consume(batch); consumeErr != nil {
				close(stop)
			}
		}
		free <- batch[:0]
	}
	if consumeErr != nil {
		return consumeErr
	}
	return produceErr
}
