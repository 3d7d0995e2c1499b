package ve303

import (
	"fmt"
	"slices"
	"strings"
)

// Flow is the berichtstroom of seed 002 §2.2.2.
type Flow uint8

// The three flows of a declaration.
const (
	ZAtoZV Flow = iota + 1 // zorgaanbieder → zorgverzekeraar (column 1)
	ZAtoSB                 // zorgaanbieder → servicebureau (column 2)
	SBtoZV                 // servicebureau → zorgverzekeraar (column 3)
)

// Setting is the werkomgeving of the provider.
type Setting uint8

// The three settings of table 2-2.
const (
	Praktijk   Setting = iota + 1 // ZA in praktijk (A)
	Instelling                    // ZA = instelling (B)
	Vervoer                       // leverancier hulpmiddelen / vervoerder (C)
)

// Scenario is a column of table 2-2: flow and setting, "1A" … "3C".
type Scenario struct {
	Flow    Flow
	Setting Setting
}

// String returns the column name, e.g. "1C".
func (s Scenario) String() string {
	if !s.valid() {
		return fmt.Sprintf("Scenario(%d,%d)", s.Flow, s.Setting)
	}
	return fmt.Sprintf("%d%c", s.Flow, 'A'+rune(s.Setting-1))
}

// ParseScenario reads "1A" … "3C".
func ParseScenario(v string) (Scenario, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if len(v) != 2 || v[0] < '1' || v[0] > '3' || v[1] < 'A' || v[1] > 'C' {
		return Scenario{}, fmt.Errorf("ve303: unknown scenario %q: want 1A … 3C (table 2-2)", v)
	}
	return Scenario{Flow(v[0] - '0'), Setting(v[1]-'A') + 1}, nil
}

func (s Scenario) valid() bool {
	return s.Flow >= ZAtoZV && s.Flow <= SBtoZV && s.Setting >= Praktijk && s.Setting <= Vervoer
}

// Fill says how a field of table 2-2 is filled in a scenario.
type Fill uint8

// How a field is filled.
const (
	Empty  Fill = iota + 1 // niet vullen
	Filled                 // the AGB code / UZOVI number
)

// Addressing is a column of table 2-2: how the voorlooprecord's address fields are filled,
// which codes IDENTIFICATIECODE BETALING AAN (0113) allows, which values DOORSTUREN
// TOEGESTAAN (0407) allows, and whether debiteur records (and the debiteurnummer 0222)
// are used.
type Addressing struct {
	UZOVI, Servicebureau, Zorgverlener, Praktijk, Instelling Fill  // 0108 … 0112
	BetalingAan                                              []int // 0113
	Doorsturen                                               []int // 0407
	Debiteur                                                 bool  // 03 records and 0222 used
}

// Table returns column s of table 2-2 (with the 2007 correction: 0407 is 1 when the
// declaration goes to the insurer).
func Table(s Scenario) (Addressing, error) {
	if !s.valid() {
		return Addressing{}, fmt.Errorf("ve303: %v is not a column of table 2-2", s)
	}
	a := Addressing{UZOVI: Filled, Servicebureau: Empty, Zorgverlener: Filled, Praktijk: Empty, Instelling: Empty,
		Doorsturen: []int{1}}
	switch s.Flow {
	case ZAtoSB:
		a.UZOVI, a.Servicebureau, a.Doorsturen, a.Debiteur = Empty, Filled, []int{1, 2}, true
	case SBtoZV:
		a.Servicebureau = Filled
	}
	switch s.Setting {
	case Praktijk:
		a.Praktijk = Filled
	case Instelling:
		a.Zorgverlener, a.Instelling = Empty, Filled
	}
	a.BetalingAan = betalingAan[s.Flow-1][s.Setting-1]
	return a, nil
}

// betalingAan is row 0113 of table 2-2 (01 servicebureau, 02 zorgverlener, 03 praktijk,
// 04 instelling).
var betalingAan = [3][3][]int{
	{{2, 3}, {4}, {2}},
	{{2, 3}, {4}, {2}},
	{{1, 2, 3}, {1, 4}, {1, 2}},
}

func (a Addressing) allowsBetaling(v int) bool   { return slices.Contains(a.BetalingAan, v) }
func (a Addressing) allowsDoorsturen(v int) bool { return slices.Contains(a.Doorsturen, v) }
