package cov

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"
)

// Record is one stored COV answer for a patient. It holds the patient id,
// not the BSN.
type Record struct {
	PatientID string        `json:"patient"`
	RunID     string        `json:"run,omitempty"` // the bulk run it was part of; "" for a single check
	Result    Zoekresultaat `json:"result"`
}

// Store keeps COV answers per patient. The practice software implements
// it on its own database (the patient record's insurance details);
// MemoryStore and FileStore are provided.
//
// Implementations must be safe for concurrent use. A Record is only handed
// to Save after COV answered (BSN unknown included); failures are not saved.
type Store interface {
	// Save records r; it becomes the patient's latest record.
	Save(ctx context.Context, r Record) error
	// Latest returns the record saved last for the patient; ok is false
	// when there is none.
	Latest(ctx context.Context, patientID string) (r Record, ok bool, err error)
	// Finished returns the patients with a record saved under runID, so
	// that a bulk run started again skips them.
	Finished(ctx context.Context, runID string) ([]string, error)
}

// RunLister is implemented by a Store that can list the bulk runs whose
// answers it holds. Checker.Bulk uses it to warn about a second bulk run
// on one day. MemoryStore and FileStore implement it.
type RunLister interface {
	Runs(ctx context.Context) ([]RunInfo, error)
}

// RunInfo sums up a bulk run from its saved answers.
type RunInfo struct {
	RunID       string
	Patients    int       // answers saved under the run
	First, Last time.Time // CheckedAt of the first and the last answer
}

// MemoryStore is a Store in memory. The zero value is ready for use.
// It keeps the Verzekerdennummer in full (see FileStore for the file).
type MemoryStore struct {
	mu       sync.Mutex
	latest   map[string]Record
	runs     map[string][]string
	runInfos map[string]*RunInfo
}

// Save implements Store.
func (s *MemoryStore) Save(_ context.Context, r Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(r)
	return nil
}

func (s *MemoryStore) add(r Record) {
	if s.latest == nil {
		s.latest = make(map[string]Record)
		s.runs = make(map[string][]string)
	}
	r.Result.Verzekeringen = slices.Clone(r.Result.Verzekeringen)
	s.latest[r.PatientID] = r
	if r.RunID != "" {
		s.runs[r.RunID] = append(s.runs[r.RunID], r.PatientID)
		if s.runInfos == nil {
			s.runInfos = make(map[string]*RunInfo)
		}
		info := s.runInfos[r.RunID]
		if info == nil {
			info = &RunInfo{RunID: r.RunID, First: r.Result.CheckedAt}
			s.runInfos[r.RunID] = info
		}
		info.Patients++
		if at := r.Result.CheckedAt; at.Before(info.First) {
			info.First = at
		}
		if at := r.Result.CheckedAt; at.After(info.Last) {
			info.Last = at
		}
	}
}

// Runs implements RunLister, ordered by RunID.
func (s *MemoryStore) Runs(_ context.Context) ([]RunInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []RunInfo
	for _, info := range s.runInfos {
		out = append(out, *info)
	}
	slices.SortFunc(out, func(a, b RunInfo) int { return strings.Compare(a.RunID, b.RunID) })
	return out, nil
}

// Latest implements Store.
func (s *MemoryStore) Latest(_ context.Context, patientID string) (Record, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.latest[patientID]
	r.Result.Verzekeringen = slices.Clone(r.Result.Verzekeringen)
	return r, ok, nil
}

// Finished implements Store.
func (s *MemoryStore) Finished(_ context.Context, runID string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.runs[runID]), nil
}
