package validate

// setState is the state the rules of one rule set share over a file, and its key.
type setState struct {
	key, state any
}

// setState returns the state the rules of one rule set share over the file, named by key
// (a comparable value of the set's own type), made by newState the first time a rule of
// the set asks for it. Where every rule of a set derives the same thing from a group (the
// product a GGZ prestatie declares), the set works it out once per group; a set that does
// not ask costs nothing. A file has a state or two: they are looked up in a slice, not a
// map, since hashing the key (an interface) cost more than the rest of the lookup.
func (p *Pass) setState(key any, newState func() any) any {
	h := p.hooks
	for i := range h.setStates {
		if h.setStates[i].key == key {
			return h.setStates[i].state
		}
	}
	st := newState()
	h.setStates = append(h.setStates, setState{key, st})
	return st
}

// SharedState returns the state the rules of one rule set share over a file, named by
// key: a comparable value of a type of the set's own package, so that no other set
// names it. newState makes it the first time a rule of the set asks, in this file; every
// rule that asks with the same key gets the same state. Where two rules would each keep
// the same large thing about the file (every identificatie of a Q file), they keep it
// once. Rules that share a state keep one (Rule.NewState, even when they do not use
// it): the engine then runs them in file order on one goroutine, never beside each
// other on a worker.
func (p *Pass) SharedState(key any, newState func() any) any { return p.setState(key, newState) }
