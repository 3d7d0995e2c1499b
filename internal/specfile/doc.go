// Package specfile reads, checks and writes the project's spec files: one CSV file per
// version of an EI standard, holding the facts of the Vektis BER layout sheet.
//
// A spec file starts with comment lines "# key: value" giving the standard (standard,
// name, eicode, version, subversion, recordlength, status, source, answers), followed by
// a CSV table with the header
//
//	record,recordname,field,name,type,length,start,end,obligation,key,pattern,element,valuelist,regex,
//	decimals,role,personal,retourcode
//
// and one row per field. Parse checks the layout (no gaps, no overlaps, lengths that add
// up to the record length, unique field numbers, known types) and derives what the
// generator and the runtime need (Go names, kinds, roles).
package specfile
