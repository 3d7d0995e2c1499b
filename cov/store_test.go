package cov

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func storeRecord(patient, run string, u UZOVI) Record {
	return Record{PatientID: patient, RunID: run, Result: Zoekresultaat{
		Peildatum: NewDate(2026, 3, 2), CheckedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		Verzekeringen: []Verzekering{{UZOVI: u, Verzekeraar: u.Name(), Verzekerdennummer: "V1", Soort: SoortBasis, Ingangsdatum: NewDate(2026, 1, 1)}},
	}}
}

// testStore checks the Store contract.
func testStore(t *testing.T, s Store) {
	ctx := context.Background()
	if _, ok, err := s.Latest(ctx, "p1"); ok || err != nil {
		t.Fatalf("empty store: ok=%v err=%v", ok, err)
	}
	for _, r := range []Record{storeRecord("p1", "", 3311), storeRecord("p1", "run1", 7095), storeRecord("p2", "run1", 7119), storeRecord("p3", "run2", 3332)} {
		if err := s.Save(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := s.Latest(ctx, "p1")
	if err != nil || !ok || got.Result.Verzekeringen[0].UZOVI != 7095 || got.RunID != "run1" {
		t.Errorf("Latest(p1) = %+v, %v, %v; want the record saved last", got, ok, err)
	}
	got.Result.Verzekeringen[0].UZOVI = 1 // must not change the store
	if again, _, _ := s.Latest(ctx, "p1"); again.Result.Verzekeringen[0].UZOVI != 7095 {
		t.Error("Latest shares its slice with the store")
	}
	ids, err := s.Finished(ctx, "run1")
	slices.Sort(ids)
	if err != nil || !slices.Equal(ids, []string{"p1", "p2"}) {
		t.Errorf("Finished(run1) = %v, %v", ids, err)
	}
	if ids, _ := s.Finished(ctx, "none"); len(ids) != 0 {
		t.Errorf("Finished(none) = %v", ids)
	}
}

func TestMemoryStore(t *testing.T) { testStore(t, &MemoryStore{}) }

func TestFileStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cov.jsonl")
	s, err := OpenFileStore(path, FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	testStore(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(context.Background(), storeRecord("p9", "", 3311)); err == nil {
		t.Error("Save after Close succeeded")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, %v; want 0600", fi.Mode(), err)
	}

	// Reopened, it knows everything again.
	s, err = OpenFileStore(path, FileStoreOptions{SyncEvery: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, ok, _ := s.Latest(context.Background(), "p1")
	if !ok || got.Result.Verzekeringen[0].UZOVI != 7095 || got.Result.Verzekeringen[0].Verzekeraar != "VGZ Zorgverzekeraar N.V." {
		t.Errorf("after reopening: %+v, %v", got, ok)
	}
	if ids, _ := s.Finished(context.Background(), "run1"); len(ids) != 2 {
		t.Errorf("after reopening Finished(run1) = %v", ids)
	}
}

func TestFileStoreTornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cov.jsonl")
	s, err := OpenFileStore(path, FileStoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b"} {
		if err := s.Save(context.Background(), storeRecord(id, "run", 3311)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	data, _ := os.ReadFile(path)
	good := len(data)

	for name, torn := range map[string]string{
		"half a record":             `{"patient":"c","run":"run","result":{"peil`,
		"a record without newline":  `{"patient":"c","run":"run","result":{}}`,
		"garbage ending in newline": "\x00\x00\x00\n",
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, append(data[:good:good], torn...), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := OpenFileStore(path, FileStoreOptions{})
			if err != nil {
				t.Fatalf("torn last line: %v", err)
			}
			if ids, _ := s.Finished(context.Background(), "run"); len(ids) != 2 {
				t.Errorf("Finished = %v, want a and b", ids)
			}
			// Appending after the cut gives a clean file.
			if err := s.Save(context.Background(), storeRecord("d", "run", 3311)); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s, err = OpenFileStore(path, FileStoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if ids, _ := s.Finished(context.Background(), "run"); len(ids) != 3 {
				t.Errorf("after appending: Finished = %v, want a, b and d", ids)
			}
		})
	}
}

func TestFileStoreCorruptMiddleLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cov.jsonl")
	os.WriteFile(path, []byte(`{"patient":"a","result":{}}`+"\nnot json\n"+`{"patient":"b","result":{}}`+"\n"), 0o600)
	_, err := OpenFileStore(path, FileStoreOptions{})
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v, want one naming line 2", err)
	}
}

// A Zoekresultaat is written with snake_case keys, and one stored by an earlier version
// (camelCase keys) still reads.
func TestZoekresultaatJSONKeys(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	b, err := json.Marshal(Zoekresultaat{BSNOnbekend: true, CheckedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"bsn_onbekend":true`, `"checked_at":"2026-03-02T09:30:00Z"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("%s has no %s", b, key)
		}
	}
	var old Zoekresultaat
	if err := json.Unmarshal([]byte(`{"peildatum":"2026-03-01","bsnOnbekend":true,"checkedAt":"2026-03-02T09:30:00Z"}`), &old); err != nil {
		t.Fatal(err)
	}
	if !old.BSNOnbekend || !old.CheckedAt.Equal(at) {
		t.Errorf("old keys read as %+v", old)
	}
}
