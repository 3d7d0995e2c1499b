// Package berimport turns an official Vektis BER export (the layout sheet GIS027-028 of
// the berichtspecificatie, saved as CSV or TSV) into the project's spec model.
//
// Exports differ in the wild, and users run the importer on BERs nobody has seen yet, so
// it finds its way by content, not by position: the encoding (UTF-8 or Latin-1), the
// delimiter (comma, semicolon or tab), metadata rows above the header row, the columns by
// their header names (with or without Standaardcode, Eindpositie or Reguliere expressie),
// and the identification sheet (GIS022) for code, EI code, version and record length when
// it is given. What the sheets do not say is taken from the layout itself: the EI code and
// version from the rows of fields 0102-0104, the record length from the positions.
package berimport
