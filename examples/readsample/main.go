package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

//go:embed sample-mz301.txt
var sample []byte

func main() {
	var in io.Reader = bytes.NewReader(sample)
	name := "bundled sample (synthetic MZ301 1.3)"
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "readsample:", err)
			os.Exit(2)
		}
		defer f.Close()
		in, name = f, os.Args[1]
	}
	if err := run(in, name, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "readsample:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, name string, out io.Writer) error {
	r := ei.NewReader(in, ei.ReaderOptions{Registry: standards.Registry()})
	std, err := r.Standard()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %s %s (%s), record length %d, %s\n", name, std.Code(), std.VersionString(), std.Name(), std.RecordLength(), std.Status())
	for e, err := range r.All() {
		if err != nil {
			return err
		}
		l := e.Record.Layout()
		fmt.Fprintf(out, "line %3d  %s %-18s", e.Line, l.Code(), l.Name())
		switch rec := e.Record.(type) {
		case *mz301v13.Voorlooprecord:
			fmt.Fprintf(out, " factuur %s of %s, period %s to %s", rec.FactuurnummerDeclarant, rec.DagtekeningFactuur,
				rec.BegindatumDeclaratieperiode, rec.EinddatumDeclaratieperiode)
		case *mz301v13.Verzekerdenrecord:
			fmt.Fprintf(out, " #%d verzekerde %s, UZOVI %04d", rec.IdentificatieDetailrecord, rec.BurgerservicenummerVerzekerde, rec.UZOVINummer)
		case *mz301v13.Prestatierecord:
			fmt.Fprintf(out, " #%d %s on %s: EUR %s %s", rec.IdentificatieDetailrecord, rec.Prestatiecode, rec.DatumPrestatie,
				rec.Declaratiebedrag, rec.IndicatieDebetCredit02)
		case *mz301v13.Commentaarrecord:
			fmt.Fprintf(out, " on #%d: %q", rec.IdentificatieDetailrecord, rec.VrijeTekst)
		case *mz301v13.Sluitrecord:
			fmt.Fprintf(out, " %d detail records, total EUR %s %s", rec.TotaalAantalDetailrecords,
				rec.TotaalDeclaratiebedrag, rec.IndicatieDebetCredit)
		default:
			fmt.Fprintf(out, " %d fields", len(l.Fields()))
		}
		fmt.Fprintln(out)
	}
	return nil
}
