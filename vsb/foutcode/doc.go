// Package foutcode is the eFact error dictionary the zorgkassen of Vlaamse Sociale
// Bescherming answer with: every code RRZZNN (record type, zone, error number) with its
// letter and its Dutch and French text.
//
// The letter says what the error rejects: B the whole sending, F one invoice (factuur),
// R one record (prestatie). E (insurability) and S (SIS/eID and agreements) occur in the
// dictionary too; what they reject is not documented in the sources the project has, and
// Lookup reports them as they are.
//
// Source: the RIZIV/INAMI eFact error list as published in taktik/freehealth-connector
// (EfactErrors.json), converted by gen_table.go into table.go.
//
//	f, ok := foutcode.Lookup("909802")
//	fmt.Println(f.Letter, f.NL) // B Controlecijfer van de zending foutief.
package foutcode
