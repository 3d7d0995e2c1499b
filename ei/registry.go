package ei

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/record"
)

// ErrUnknownStandard is returned when a file's 01 record names a standard and version
// the registry does not know.
var ErrUnknownStandard = errors.New("unknown EI standard or version")

// Registry knows a set of standards: it recognises a file's standard from its 01 record,
// finds a standard by code and version, and pairs declaration and return standards.
// A Registry is immutable and safe for concurrent use.
//
// Build one of the standards a program uses (NewRegistry(mz301v13.Standard(), …)), or take
// standards.Registry() (package ei/standards) for every standard the module knows.
type Registry struct {
	list   []*record.Standard
	byID   map[string]*record.Standard // "GZ321@1.0"
	byCode map[[3]int]*record.Standard // EI code, version, subversion
}

type eiKey = [3]int

// NewRegistry returns a registry of the given standards. Two standards with the same
// code and version, or the same EI code and version, are an error.
func NewRegistry(stds ...*record.Standard) (*Registry, error) {
	r := &Registry{byID: map[string]*record.Standard{}, byCode: map[eiKey]*record.Standard{}}
	for _, s := range stds {
		if _, dup := r.byID[s.ID()]; dup {
			return nil, fmt.Errorf("registry: %s given twice", s.ID())
		}
		r.byID[s.ID()] = s
		for _, c := range s.EICodes() {
			k := eiKey{c, s.Version(), s.Subversion()}
			if other, dup := r.byCode[k]; dup {
				return nil, fmt.Errorf("registry: %s and %s both claim EI code %03d version %s", other.ID(), s.ID(), c, s.VersionString())
			}
			r.byCode[k] = s
		}
		r.list = append(r.list, s)
	}
	return r, nil
}

// All returns the standards of the registry, in the order they were given.
func (r *Registry) All() []*record.Standard { return slices.Clone(r.list) }

// Lookup finds a standard by code and version: Lookup("GZ321", "1.0"). An empty version
// gives the newest version the registry has.
func (r *Registry) Lookup(code, version string) (*record.Standard, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if version != "" {
		s, ok := r.byID[code+"@"+strings.TrimPrefix(strings.TrimSpace(version), "v")]
		return s, ok
	}
	var best *record.Standard
	for _, s := range r.list {
		if s.Code() == code && (best == nil || s.Version() > best.Version() || s.Version() == best.Version() && s.Subversion() > best.Subversion()) {
			best = s
		}
	}
	return best, best != nil
}

// Parse finds a standard by "CODE" or "CODE@VERSION" (as printed by Standard.ID).
func (r *Registry) Parse(id string) (*record.Standard, error) {
	code, version, _ := strings.Cut(id, "@")
	if s, ok := r.Lookup(code, version); ok {
		return s, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownStandard, id)
}

// ByEICode finds a standard by its EI message code, version and subversion.
func (r *Registry) ByEICode(code, version, subversion int) (*record.Standard, bool) {
	s, ok := r.byCode[eiKey{code, version, subversion}]
	return s, ok
}

// Detect recognises the standard of a file from its first record (the 01 voorlooprecord):
// positions 3-5 hold the EI message code, 6-7 the version and 8-9 the subversion.
func (r *Registry) Detect(header []byte) (*record.Standard, error) {
	if bytes.HasPrefix(header, []byte("\xef\xbb\xbf")) {
		return nil, &record.Error{Line: 1, Position: 1, Err: record.ErrRecordCode,
			Detail: "the file starts with a UTF-8 byte-order mark (\\ufeff): EI files have none, and are Latin-1"}
	}
	if len(header) < 9 || string(header[:2]) != record.CodeVoorloop {
		return nil, &record.Error{Line: 1, Record: string(header[:min(2, len(header))]), Position: 1, Err: record.ErrRecordCode,
			Detail: "the first record must be a 01 voorlooprecord"}
	}
	var n [3]int
	for i, span := range [][2]int{{2, 5}, {5, 7}, {7, 9}} {
		v, err := strconv.Atoi(string(header[span[0]:span[1]]))
		if err != nil || v < 0 {
			return nil, &record.Error{Line: 1, Record: "01", Field: fmt.Sprintf("01%02d", i+2), Position: span[0] + 1,
				Err: record.ErrNotDigit, Detail: "EI code, version and subversion are digits"}
		}
		n[i] = v
	}
	s, ok := r.byCode[eiKey(n)]
	if !ok {
		return nil, fmt.Errorf("line 1: %w: EI code %03d version %02d subversion %02d", ErrUnknownStandard, n[0], n[1], n[2])
	}
	return s, nil
}

// ReturnOf returns the return standard that answers declaration standard s (MZ301 →
// MZ302), in the same version.
func (r *Registry) ReturnOf(s *record.Standard) (*record.Standard, bool) {
	for _, o := range r.list {
		if o.Answers() == s.Code() && o.Version() == s.Version() && o.Subversion() == s.Subversion() {
			return o, true
		}
	}
	return nil, false
}

// DeclarationOf returns the declaration standard that return standard s answers.
func (r *Registry) DeclarationOf(s *record.Standard) (*record.Standard, bool) {
	if s.Answers() == "" {
		return nil, false
	}
	return r.Lookup(s.Answers(), s.VersionString())
}
