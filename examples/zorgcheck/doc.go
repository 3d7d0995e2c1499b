// Command zorgcheck is the command-line tool of zorgbericht: it describes the layouts of
// EI standards, dumps the records of EI files, validates them and writes a report a
// person can read.
//
//	zorgcheck describe [-json] [-list | STANDARD[@VERSION]]
//	zorgcheck dump [-json] [-standard STANDARD@VERSION] [-unmask] FILE
//	zorgcheck validate [-json] [flags] FILE...
//	zorgcheck report [-o report.html] [flags] FILE
//	zorgcheck q plan|apply|active|close|validate ...   (Q deliveries on a warehouse ledger; zorgcheck q -h)
//	zorgcheck retour -role portal|insurer [-date D] [-connected UZOVI,...] [-invoices FILE] [-ref R] -o OUT DECL
//	zorgcheck outcome [-json] RETOUR DECL
//	zorgcheck vsb ...
//	zorgcheck version
//	zorgcheck rules [-json] [-status STATUS] STANDARD[@VERSION]
//	zorgcheck codes [-json] [LIST]
//
// Every command reads standard input for FILE "-" (once), writes standard output for -o -,
// prints its usage on standard output for -h (and zorgcheck help COMMAND), writes an error
// as one line on standard error, and exits 0 when all is well, 1 when the input says no
// (faults, a rejecting return), 2 for wrong usage or input that cannot be read.
//
// Install it from a clone of the repository with
//
//	go install ./examples/zorgcheck
//
// (go install github.com/zorgbericht/zorgbericht/examples/zorgcheck@latest once the module
// is published). The README's zorgcheck section writes down the conventions every command
// follows: output files (-o, -force), errors, exit status, JSON, masking, memory.
package main
