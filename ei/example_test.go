package ei_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/standards"

	"github.com/zorgbericht/zorgbericht/ei"
	"github.com/zorgbericht/zorgbericht/ei/civil"
	"github.com/zorgbericht/zorgbericht/ei/standards/mz301v13"
)

func ExampleReader() {
	f, err := os.Open("testdata/mz301-synthetic.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	r := ei.NewReader(f, ei.ReaderOptions{Registry: standards.Registry()})
	std, _ := r.Standard()
	fmt.Println("standard:", std.ID())
	for e, err := range r.All() {
		if err != nil {
			fmt.Println(err)
			return
		}
		if p, ok := e.Record.(*mz301v13.Prestatierecord); ok && e.Line < 5 {
			fmt.Println(e.Line, p.Prestatiecode, p.DatumPrestatie, p.Declaratiebedrag, p.IndicatieDebetCredit02)
		}
	}
	// Output:
	// standard: MZ301@1.3
	// 3 C11 2025-03-04 23.67 D
	// 4 M03 2025-03-05 28.40 D
}

func ExampleWriter() {
	var out bytes.Buffer
	w := ei.NewWriter(&out, mz301v13.Standard(), ei.WriterOptions{})
	_ = w.Write(&mz301v13.Voorlooprecord{
		CodeExterneIntegratiebericht: 176, VersienummerBerichtstandaard: 1, SubversienummerBerichtstandaard: 3,
		SoortBericht: "T", DagtekeningFactuur: civil.NewDate(2025, 4, 1), Valutacode: "EUR",
	})
	_ = w.Write(&mz301v13.Verzekerdenrecord{BurgerservicenummerVerzekerde: "123456782", NaamVerzekerde01: "Testpersoon"})
	_ = w.Write(&mz301v13.Prestatierecord{BurgerservicenummerVerzekerde: "123456782", Prestatiecode: "C11",
		Declaratiebedrag: eur("23.67"), IndicatieDebetCredit02: "D"})
	if err := w.Close(); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\r\n"), "\r\n")
	fmt.Println(len(lines), "records of", len(lines[0]), "positions")
	fmt.Println(lines[2][:14], "(detail record numbered 2)")
	fmt.Println(lines[3][:45], "(counts and total filled in)")
	// Output:
	// 4 records of 310 positions
	// 04000000000002 (detail record numbered 2)
	// 99000001000000000001000000000000200000002367D (counts and total filled in)
}

func ExampleReadFile() {
	f, _ := os.Open("testdata/gz321-synthetic.txt")
	defer f.Close()
	file, err := ei.ReadFile(f, ei.ReaderOptions{Registry: standards.Registry()})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range file.Verzekerden[:1] {
		for _, p := range v.Prestaties {
			fmt.Printf("prestatie on line %d with %d detail records\n", p.Line, len(p.Details))
			for _, d := range p.Details {
				fmt.Printf("  line %d: record %s, %d comments\n", d.Line, d.Code(), len(d.Commentaar))
			}
		}
	}
	// Output:
	// prestatie on line 3 with 4 detail records
	//   line 4: record 06, 1 comments
	//   line 6: record 06, 0 comments
	//   line 7: record 16, 0 comments
	//   line 8: record 17, 0 comments
}

func ExampleRegistry_Detect() {
	std, err := standards.Registry().Detect([]byte("011950100T"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(std.ID(), std.RecordLength(), std.Status())
	// Output: GZ321@1.0 310 official
}
