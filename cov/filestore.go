package cov

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
)

// FileStoreOptions configure a FileStore. The zero value is the safest.
type FileStoreOptions struct {
	// SyncEvery is how many records are written between two fsyncs.
	// 0 means 1: every record is on disk before Save returns.
	//
	// Each record is written with a single write, so a process that is
	// killed loses nothing that Save returned for. Only a crash of the
	// machine can lose the records written since the last fsync; those
	// patients are then checked again when the run is resumed.
	SyncEvery int
}

// FileStore is a Store in an append-only file of JSON lines, one Record per
// line, keyed by patient id: the file holds no BSN, and each
// Verzekerdennummer is written masked (last three characters; see
// Verzekerdennummer). The choice: the file is a resume log and worklist for
// bulk runs, and a full policy number in a plain file on disk is personal
// data at rest; the full number comes with every new COV answer and
// belongs in the practice's own patient record (its own Store). Records
// read back have Verzekerdennummer.Known() false. Opening it reads the
// file into memory; a torn last line (the process died while writing it)
// is cut off. Only one FileStore may have a file open at a time.
type FileStore struct {
	mu        sync.Mutex
	f         *os.File
	path      string
	syncEvery int
	unsynced  int
	mem       MemoryStore
}

// OpenFileStore opens (or creates, mode 0600) the store in path.
func OpenFileStore(path string, o FileStoreOptions) (*FileStore, error) {
	s := &FileStore{path: path, syncEvery: max(o.SyncEvery, 1)}
	good, err := s.load()
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cov: file store: %w", err)
	}
	// Cut a torn last line, then append after the last good record.
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, fmt.Errorf("cov: file store %s: cutting a torn last line: %w", path, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("cov: file store: %w", err)
	}
	s.f = f
	return s, nil
}

// load reads the records in the file and returns the length of its good
// part: all complete, readable lines.
func (s *FileStore) load() (int64, error) {
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cov: file store: %w", err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var good int64
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return good, nil // a last line without '\n' is torn: not counted
		}
		if err != nil {
			return 0, fmt.Errorf("cov: file store %s: %w", s.path, err)
		}
		var rec Record
		if err := json.Unmarshal(bytes.TrimSpace(line), &rec); err != nil || rec.PatientID == "" {
			if _, peekErr := r.Peek(1); errors.Is(peekErr, io.EOF) {
				return good, nil // the last line is torn
			}
			return 0, fmt.Errorf("cov: file store %s: line %d is not a record; expected one JSON record per line (only the last line may be torn)", s.path, n)
		}
		s.mem.add(rec)
		good += int64(len(line))
	}
}

// Save appends r to the file and then to the index in memory.
func (s *FileStore) Save(_ context.Context, r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("cov: file store: encoding the record of patient %q: %w", r.PatientID, err)
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return fmt.Errorf("cov: file store %s is closed", s.path)
	}
	if _, err := s.f.Write(line); err != nil {
		return fmt.Errorf("cov: file store %s: %w", s.path, err)
	}
	s.unsynced++
	if s.unsynced >= s.syncEvery {
		if err := s.f.Sync(); err != nil {
			return fmt.Errorf("cov: file store %s: %w", s.path, err)
		}
		s.unsynced = 0
	}
	// The index in memory holds what the file holds: the masked number.
	r.Result.Verzekeringen = slices.Clone(r.Result.Verzekeringen)
	for i := range r.Result.Verzekeringen {
		v := &r.Result.Verzekeringen[i]
		v.Verzekerdennummer = Verzekerdennummer(v.Verzekerdennummer.String())
	}
	return s.mem.Save(context.Background(), r)
}

// Latest implements Store.
func (s *FileStore) Latest(ctx context.Context, patientID string) (Record, bool, error) {
	return s.mem.Latest(ctx, patientID)
}

// Runs implements RunLister.
func (s *FileStore) Runs(ctx context.Context) ([]RunInfo, error) { return s.mem.Runs(ctx) }

// Finished implements Store.
func (s *FileStore) Finished(ctx context.Context, runID string) ([]string, error) {
	return s.mem.Finished(ctx, runID)
}

// Close syncs and closes the file.
func (s *FileStore) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := errors.Join(s.f.Sync(), s.f.Close())
	s.f = nil
	if err != nil {
		return fmt.Errorf("cov: file store %s: %w", s.path, err)
	}
	return nil
}
