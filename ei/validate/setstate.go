package validate

// setState returns the state the rules of one rule set share over the file, named by key
// (a comparable value of the set's own type), made by newState the first time a rule of
// the set asks for it. Where every rule of a set derives the same thing from a group (the
// product a GGZ prestatie declares), the set works it out once per group; a set that does
// not ask costs nothing.
func (p *Pass) setState(key any, newState func() any) any {
	h := p.hooks
	st, ok := h.setStates[key]
	if !ok {
		if h.setStates == nil {
			h.setStates = map[any]any{}
		}
		st = newState()
		h.setStates[key] = st
	}
	return st
}
