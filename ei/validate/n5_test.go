package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zorgbericht/zorgbericht/ei/record"
	"github.com/zorgbericht/zorgbericht/ei/standards"
	"github.com/zorgbericht/zorgbericht/internal/sharedtest"
)

// n5Case proves one rule of a standard's BER conditions from the BER text: a file that
// breaks the condition must give the rule's finding on the record and field the text is
// about, and a file that meets it (often in the form a stricter rule would reject) must
// have no finding at all. The files are the project's synthetic correct files (ei/testdata)
// with fields set as the case says; for standards without one, the generated correct file
// of the mutation tests, whose only role here is to be a clean start.
type n5Case struct {
	rule string
	std  string // standard ID
	gen  bool   // start from the generated correct file even where a synthetic one exists
	why  string // the condition, from the BER
	bad  string // edits that break it: "04:0417=0000; 06#2:0610=11" (record code, nth record of the type, field = value)
	at   string // where the finding must be: "04:0417" (the record as in bad, the field)
	good string // edits that meet it; "" is the base file itself
}

var n5Cases = []n5Case{
	// GZ321 1.0 (base: ei/testdata/gz321-synthetic.txt, a DBC with two DBC-behandeling tariefrecords).
	{rule: "GZ321-N5-0112", std: "GZ321@1.0", why: "0111/0112: care from a praktijk or an instelling", bad: "01:0112=", at: "01:0112",
		good: "01:0110=01000002; 01:0111=01000001; 01:0112=; 01:0113=03"},
	{rule: "GZ321-N5-0417", std: "GZ321@1.0", why: "0417: vullen als 0416 gevuld is", bad: "04:0417=", at: "04:0417",
		good: "04:0416="}, // a beroep without the AGB code: the BER does not forbid it
	{rule: "GZ321-N5-0419", std: "GZ321@1.0", why: "0419: vullen als 0418 gevuld is", bad: "04:0418=94001235", at: "04:0419",
		good: "04:0419=9954"},
	{rule: "GZ321-N5-0421", std: "GZ321@1.0", why: "0421: vullen wanneer 0420 01-04 is", bad: "04:0421=", at: "04:0421",
		good: "04:0420=08; 04:0421="},
	{rule: "GZ321-N5-0411", std: "GZ321@1.0", why: "0411: bij Transitie 01-01-2014", bad: "04:0410=; 04:0432=00; 06:0610=15", at: "04:0411",
		good: "04:0410=; 04:0432=00; 06:0610=15; 04:0411=20140101; 06:0608=20140101; 06:0616=20140101; 06#2:0608=20140101; 06#2:0616=20140101; 16:1608=20140101; 17:1708=20140101"},
	{rule: "GZ321-N5-0611", std: "GZ321@1.0", why: "0611: alleen invullen als de lijst afwijkt van die in het prestatierecord", bad: "06:0611=050", at: "06:0611",
		good: "06:0611=063"},
	{rule: "GZ321-N5-0410", std: "GZ321@1.0", why: "0410: bij DBC verplicht vullen", bad: "04:0410=", at: "04:0410"},
	{rule: "GZ321-N5-0414", std: "GZ321@1.0", why: "0414: verplicht vullen bij een DBC", bad: "04:0414=", at: "04:0414"},
	{rule: "GZ321-N5-0416", std: "GZ321@1.0", why: "0416: verplicht vullen bij Basis GGZ en Transitie", bad: "04:0410=; 04:0432=00; 06:0610=15; 04:0411=20140101; 06:0608=20140101; 06:0616=20140101; 06#2:0608=20140101; 06#2:0616=20140101; 16:1608=20140101; 17:1708=20140101; 04:0416=", at: "04:0416",
		good: "04:0416="}, // not required for a DBC
	{rule: "GZ321-N5-0426", std: "GZ321@1.0", why: "0426: verplicht vullen bij Basis GGZ, anders niet vullen", bad: "04:0426=X", at: "04:0426"},
	{rule: "GZ321-N5-0430", std: "GZ321@1.0", why: "0430: niet vullen bij DBC", bad: "04:0430=J", at: "04:0430"},
	{rule: "GZ321-N5-0431", std: "GZ321@1.0", why: "0431: verplicht vullen bij een DBC", bad: "04:0431=", at: "04:0431"},
	{rule: "GZ321-N5-0432", std: "GZ321@1.0", why: "0432: 04 bij DBC met zorgactiviteiten", bad: "04:0432=00", at: "04:0432"},
	{rule: "GZ321-N5-0433", std: "GZ321@1.0", why: "0433: som van de tijdseenheden zorgactiviteiten", bad: "04:0433=21", at: "04:0433"},
	{rule: "GZ321-N5-0434", std: "GZ321@1.0", why: "0434: 01 bij DBC", bad: "04:0434=00", at: "04:0434"},
	{rule: "GZ321-N5-0435", std: "GZ321@1.0", why: "0435: verplicht vullen bij DBC", bad: "04:0435=", at: "04:0435"},
	{rule: "GZ321-N5-0436", std: "GZ321@1.0", why: "0436: verplicht vullen bij DBC", bad: "04:0436=", at: "04:0436"},
	{rule: "GZ321-N5-0437", std: "GZ321@1.0", why: "0437: niet vullen bij ZZP en OVP", bad: "06:0610=02; 04:0410=; 04:0432=00; 04:0435=; 04:0436=", at: "04:0437",
		good: "04:0437=0"}, // nul is ook een waarde
	{rule: "GZ321-N5-0612", std: "GZ321@1.0", why: "0612: bij DBC-behandeling dezelfde waarde als 0607", bad: "06:0612=26A013", at: "06:0612"},
	{rule: "GZ321-N5-0613", std: "GZ321@1.0", why: "0613: bij DBC-behandeling 0329", bad: "06:0613=0300", at: "06:0613"},
	{rule: "GZ321-N5-0615", std: "GZ321@1.0", why: "0615: bij OVP honorarium; otherwise empty (Vektis N5_062)", bad: "06:0615=0329", at: "06:0615"},
	{rule: "GZ321-N5-0616", std: "GZ321@1.0", why: "0616: bij DBC-behandeling gelijk aan begindatum prestatie", bad: "06:0616=20250102", at: "06:0616"},
	{rule: "GZ321-N5-0617", std: "GZ321@1.0", why: "0617: bij DBC-behandeling gelijk aan einddatum prestatie", bad: "06:0617=20250130", at: "06:0617"},
	{rule: "GZ321-N5-0618", std: "GZ321@1.0", why: "0618: bij verblijf het aantal dagen", bad: "06#2:0610=11; 06#2:0612=26A099; 06#2:0613=; 06#2:0616=20250105; 06#2:0617=20250107", at: "06#2:0618",
		good: "06#2:0610=11; 06#2:0612=26A099; 06#2:0613=; 06#2:0616=20250105; 06#2:0617=20250107; 06#2:0618=3"},
	{rule: "GZ321-N5-0625", std: "GZ321@1.0", why: "0625: deel van het berekend bedrag (COD954 8063)", bad: "06:0625=12541", at: "06:0625"},
	{rule: "GZ321-N5-1611", std: "GZ321@1.0", why: "1611: groter of gelijk aan begindatum prestatie", bad: "16:1611=20241231", at: "16:1611"},
	{rule: "GZ321-N5-1612", std: "GZ321@1.0", why: "1612: kleiner dan of gelijk aan einddatum prestatie", bad: "16:1612=20250201", at: "16:1612"},
	{rule: "GZ321-N5-1617", std: "GZ321@1.0", why: "1617: een andere instelling dan de declarerende", bad: "16:1617=73730001", at: "16:1617",
		good: "16:1617=73730002"},
	{rule: "GZ321-N5-1711", std: "GZ321@1.0", why: "1711: verplicht bij hoofdbehandelaar", bad: "17:1711=", at: "17:1711",
		good: "17:1710=02; 17:1711=; 17:1712=9954"},
	{rule: "GZ321-N5-1712", std: "GZ321@1.0", why: "1712: niet vullen bij hoofdbehandelaar", bad: "17:1712=9954", at: "17:1712"},
	{rule: "GZ321-N5-1713", std: "GZ321@1.0", why: "1713: groter of gelijk aan begindatum deelprestatie", bad: "17:1713=20241231", at: "17:1713",
		good: "06:0610=12; 06:0612=26A099; 06:0613=; 06:0616=20250110; 06:0617=20250110"}, // within the other deelprestatie
	{rule: "GZ321-N5-1714", std: "GZ321@1.0", why: "1714: kleiner dan of gelijk aan einddatum deelprestatie", bad: "06:0610=12; 06:0612=26A099; 06:0613=; 06:0616=20250110; 06:0617=20250110; 06#2:0610=12; 06#2:0612=26A098; 06#2:0613=; 06#2:0616=20250111; 06#2:0617=20250111", at: "17:1714"},
	{rule: "GZ321-N5-1716", std: "GZ321@1.0", why: "1716/1717: een van beide moet gevuld zijn", bad: "17:1716=; 17:1717=", at: "17:1716",
		good: "17:1716="},

	// MZ301 1.3 (base: ei/testdata/mz301-synthetic.txt, no bijzondere tandheelkunde).
	{rule: "MZ301-N5-0411", std: "MZ301@1.3", why: "0411: with 0410 J", bad: "04:0410=J; 04:0406=M1", at: "04:0411",
		good: "04:0410=J; 04:0406=M1; 04:0411=002"},
	{rule: "MZ301-N5-0421", std: "MZ301@1.3", why: "0421: verplicht tenzij 0420 gevuld is", bad: "04:0420=", at: "04:0421",
		good: "04:0420=; 04:0421=0100"},
	{rule: "MZ301-N4-0416", std: "MZ301@1.3", why: "0416: L en V worden niet gebruikt", bad: "04:0416=V", at: "04:0416",
		good: "04:0416=LI"},
	{rule: "MZ301-N4-0417", std: "MZ301@1.3", why: "0417: code 026", bad: "04:0417=025; 04:0418=0001", at: "04:0417",
		good: "04:0417=026; 04:0418=0001"},
	{rule: "MZ301-N5-0417", std: "MZ301@1.3", why: "0417: bijzondere tandheelkunde zonder machtiging: 026", bad: "04:0410=J; 04:0411=002", at: "04:0417",
		good: "04:0410=J; 04:0411=002; 04:0417=026; 04:0418=0001"},
	{rule: "MZ301-N5-0418", std: "MZ301@1.3", why: "0417: in het volgende gegeven de code", bad: "04:0417=026", at: "04:0418",
		good: "04:0417=026; 04:0418=0001"},

	// The debiteur rules (base: the generated correct file, which has a debiteurrecord).
	{rule: "MZ301-N5-0326", std: "MZ301@1.3", gen: true, why: "0326: verplicht als de verzekerde overleden is (0223 = 1)", bad: "02:0223=1", at: "03:0326",
		good: "02:0223=1; 03:0326=23"},
	{rule: "MZ301-N5-0323", std: "MZ301@1.3", gen: true, why: "0323: invullen indien het debiteuradres niet in Nederland is", bad: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678", at: "03:0323",
		good: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678; 03:0323=32"},
	// In AP304 7.2 the indicatie cliënt overleden is 0224 (0223 is the debiteurnummer).
	{rule: "AP304-N5-0326", std: "AP304@7.2", gen: true, why: "0326: verplicht als de verzekerde overleden is (0224 = 1)", bad: "02:0224=1", at: "03:0326",
		good: "02:0224=1; 03:0326=23"},
	{rule: "AP304-N5-0323", std: "AP304@7.2", gen: true, why: "0323: invullen indien het debiteuradres niet in Nederland is", bad: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678", at: "03:0323",
		good: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678; 03:0323=32"},
	{rule: "EP301-N5-0326", std: "EP301@1.2", gen: true, why: "0326: verplicht als de verzekerde overleden is (0223 = 1)", bad: "02:0223=1", at: "03:0326",
		good: "02:0223=1; 03:0326=23"},
	{rule: "EP301-N5-0323", std: "EP301@1.2", gen: true, why: "0323: invullen indien het debiteuradres niet in Nederland is", bad: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678", at: "03:0323",
		good: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678; 03:0323=32"},
	{rule: "EI181-N5-0326", std: "EI181@1.1", gen: true, why: "0326: verplicht als de verzekerde overleden is (0223 = 1)", bad: "02:0223=1", at: "03:0326",
		good: "02:0223=1; 03:0326=23"},
	{rule: "EI181-N5-0323", std: "EI181@1.1", gen: true, why: "0323: invullen indien het debiteuradres niet in Nederland is", bad: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678", at: "03:0323",
		good: "03:0318=; 03:0319=B1000; 03:0321=BE; 03:0322=3212345678; 03:0323=32"},
	{rule: "AP304-N5-0413", std: "AP304@7.2", why: "0426: bij code 1 ook de gemiddelde dagdosering", bad: "04:0426=1; 04:0413=", at: "04:0413",
		good: "04:0426=1; 04:0413=2"},
	{rule: "EI181-N5-0419", std: "EI181@1.1", why: "0419: bij bedrag inhouding alleen 05", bad: "04:0420=100; 04:0419=01", at: "04:0419",
		good: "04:0420=100; 04:0419=05"},

	// EI181 2.0 (base: the generated correct file, an OVP: tariefrecord soort 02).
	{rule: "EI181-N5-0410", std: "EI181@2.0", why: "0410: niet vullen voor OVP", bad: "04:0410=X12", at: "04:0410"},
	{rule: "EI181-N5-0414", std: "EI181@2.0", why: "0414: verplicht vullen bij een DBC", bad: "06:0610=10; 04:0410=X12; 06:0613=0329", at: "04:0414",
		good: "06:0610=10; 04:0410=X12; 04:0414=T1; 06:0613=0329"},
	{rule: "EI181-N5-0612", std: "EI181@2.0", why: "0612: OVP: zelfde declaratiecode als 0409", bad: "06:0612=B", at: "06:0612"},
	{rule: "EI181-N5-0613", std: "EI181@2.0", why: "0613: bij DBC-behandeling 0329", bad: "06:0610=10; 04:0410=X12; 04:0414=T1; 06:0613=0300", at: "06:0613"},
	{rule: "EI181-N5-0615", std: "EI181@2.0", why: "0615: verplicht bij OVP honorarium", bad: "06:0610=04", at: "06:0615",
		good: "06:0610=04; 06:0615=0300"},
	{rule: "EI181-N5-0616", std: "EI181@2.0", why: "0616: voor OVP gelijk aan begindatum prestatie", bad: "06:0616=20250114", at: "06:0616"},
	{rule: "EI181-N5-0617", std: "EI181@2.0", why: "0617: voor OVP gelijk aan einddatum prestatie", bad: "06:0617=20250116", at: "06:0617"},
	{rule: "EI181-N5-0618", std: "EI181@2.0", why: "0618: bij verblijf het aantal dagen", bad: "06:0610=11; 04:0410=X12; 04:0414=T1; 06:0618=2", at: "06:0618",
		good: "06:0610=11; 04:0410=X12; 04:0414=T1"},
	{rule: "EI181-N5-0611", std: "EI181@2.0", why: "0611: alleen invullen als de lijst afwijkt van die in het prestatierecord", bad: "06:0611=050", at: "06:0611"},
	{rule: "EI181-N5-0628", std: "EI181@2.0", why: "0628: deel van het berekend bedrag", bad: "06:0628=1", at: "06:0628"},

	// AW319 1.4 (base: the generated correct file, without indicatiebesluit).
	{rule: "AW319-N4-0414", std: "AW319@1.4", why: "0414: een datum na 31-12-2012", bad: "04:0414=20121231", at: "04:0414",
		good: "04:0414=20130101"},
	{rule: "AW319-N5-0410", std: "AW319@1.4", why: "0410/0411: beide bij een indicatiebesluit", bad: "04:0411=123456789; 04:0412=21", at: "04:0410",
		good: "04:0410=123456788; 04:0411=123456789; 04:0413=190"},
	{rule: "AW319-N5-0412", std: "AW319@1.4", why: "0412/0413: functiecode en/of zzp-code bij een indicatiebesluit, anders 00", bad: "04:0412=21", at: "04:0412",
		good: "04:0410=123456788; 04:0411=123456789; 04:0412=21"},

	// ZH308 9.0 (base: the generated correct file, not a DBC-zorgproduct: 0414 empty).
	{rule: "ZH308-N5-0441", std: "ZH308@9.0", why: "0441: alleen bij DBC-zorgproducten", bad: "04:0441=H", at: "04:0441"},
	{rule: "ZH308-N4-0439", std: "ZH308@9.0", why: "0439: 0300 mag niet", bad: "04:0439=0300", at: "04:0439",
		good: "04:0439=0301"},
	{rule: "ZH308-N5-0607", std: "ZH308@9.0", why: "0607: alleen vullen als de lijst afwijkt van die in het prestatierecord", bad: "06:0607=016", at: "06:0607",
		good: "06:0607=041"},
	{rule: "ZH308-N4-0613", std: "ZH308@9.0", why: "0613: code 0300 niet toegestaan", bad: "06:0613=0300", at: "06:0613",
		good: "06:0613=0301"},
	{rule: "ZH308-N4-0420", std: "ZH308@9.0", why: "0420: gereserveerd voor mogelijk toekomstig gebruik", bad: "04:0420=20250101", at: "04:0420"},
	{rule: "ZH308-N5-1613", std: "ZH308@9.0", why: "1613: einddatum ZA = begindatum ZA", bad: "16:1613=20250116", at: "16:1613"},
	{rule: "ZH308-N5-1616", std: "ZH308@9.0", why: "1616: een andere instelling dan de declarerende", bad: "16:1616=01000001", at: "16:1616",
		good: "16:1616=01000002"},

	// MZ302, AP305, EP302 (base: the generated correct return, nothing allowed).
	{rule: "MZ302-N5-0181", std: "MZ302@1.3", why: "0181: leeg alleen bij een volledig afgekeurd bestand", bad: "99:9909=100", at: "01:0181"},
	{rule: "AP305-N5-0181", std: "AP305@7.2", why: "0181: leeg alleen bij een volledig afgekeurd bestand", bad: "99:9909=100", at: "01:0181"},
	{rule: "EP302-N5-0181", std: "EP302@1.2", why: "0181: leeg alleen bij een volledig afgekeurd bestand", bad: "99:9909=100", at: "01:0181"},
}

// zh308DBC are the edits that make the generated ZH308 prestatie a DBC-zorgproduct with
// every field the BER asks for then.
const zh308DBC = "04:0414=ZP1; 04:0416=20250101; 04:0418=01; 04:0419=ST1; 04:0427=ZT1; 04:0430=001; 04:0431=D1; 04:0434=J; 04:0437=N; 04:0438=N; " +
	"04:0439=0301; 04:0440=01000001; 04:0442=HV1; 04:0443=CV1; 04:0444=G1; 04:0445=GV1; 04:0446=TV1; 04:0447=P"

func init() {
	for _, f := range []string{"0416", "0418", "0419", "0427", "0430", "0431", "0434", "0437", "0438", "0439", "0440", "0442", "0443", "0444", "0445", "0446", "0447"} {
		n5Cases = append(n5Cases, n5Case{rule: "ZH308-N5-" + f, std: "ZH308@9.0", why: f + ": vullen voor DBC-zorgproducten (0414 gevuld)",
			bad: zh308DBC + "; 04:" + f + "=", at: "04:" + f, good: zh308DBC})
	}
}

// n5Exempt are the rules of the standards' sets without a case here, and why.
var n5Exempt = map[string]string{
	// A case needs a prestatie with three tariefrecords; the base files have one or two.
	"GZ321-N5-0610": "TestFirstTariefrecordOutOfStep (levels_test.go)",
	"EI181-N5-0610": "TestFirstTariefrecordOutOfStep (levels_test.go)",
}

func TestN5RulesFromTheBER(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range n5Cases {
		covered[c.rule] = true
		t.Run(c.rule+"/"+c.at, func(t *testing.T) {
			std, err := standards.Registry().Parse(c.std)
			if err != nil {
				t.Fatal(err)
			}
			base := n5Base(t, std, c.gen)
			bad := n5Edit(t, std, base, c.bad)
			rep := validateBytes(t, []byte(strings.Join(bad, "\r\n")+"\r\n"), std)
			code, nth, field := n5Addr(t, c.at)
			line := n5Line(t, bad, code, nth)
			found := false
			for _, f := range rep.Findings {
				if f.Rule == c.rule && f.Line == line && f.Field == field {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: breaking it (%s) gives no %s on line %d field %s; findings:\n%s", c.why, c.bad, c.rule, line, field, listFindings(rep.Findings))
			}
			good := n5Edit(t, std, base, c.good)
			if rep := validateBytes(t, []byte(strings.Join(good, "\r\n")+"\r\n"), std); len(rep.Findings) > 0 {
				t.Errorf("%s: a file that meets it (%s) has findings:\n%s", c.why, c.good, listFindings(rep.Findings))
			}
		})
	}
	// Every rule of a standard's BER conditions has a case (or a reason why not).
	for _, set := range RuleSets() {
		if set.Standard == "" {
			continue
		}
		for _, r := range set.Rules {
			if _, ok := n5Exempt[r.ID]; !ok && !covered[r.ID] {
				t.Errorf("rule %s (%s) has no case in n5Cases", r.ID, set.Name)
			}
		}
	}
}

// n5Base returns the lines (without breaks) of the base file of std.
func n5Base(t *testing.T, std *record.Standard, gen bool) []string {
	t.Helper()
	var data []byte
	var err error
	switch id := std.ID(); {
	case gen:
		data = correctFile(t, std)
	case id == "GZ321@1.0":
		data, err = os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "gz321-synthetic.txt"))
	case id == "MZ301@1.3":
		data, err = os.ReadFile(filepath.Join(sharedtest.RepoRoot(), "ei", "testdata", "mz301-synthetic.txt"))
	default:
		data = correctFile(t, std)
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
}

// n5Addr parses "06#2:0618": record code, which record of that type (1-based), field.
func n5Addr(t *testing.T, s string) (code string, nth int, field string) {
	t.Helper()
	rec, field, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		t.Fatalf("bad address %q", s)
	}
	code, n, _ := strings.Cut(rec, "#")
	nth = 1
	if n != "" {
		var err error
		if nth, err = strconv.Atoi(n); err != nil {
			t.Fatalf("bad address %q", s)
		}
	}
	return code, nth, field
}

// n5Line returns the 1-based line of the nth record of type code.
func n5Line(t *testing.T, lines []string, code string, nth int) int {
	t.Helper()
	for i, l := range lines {
		if strings.HasPrefix(l, code) {
			if nth--; nth == 0 {
				return i + 1
			}
		}
	}
	t.Fatalf("no record %s #%d", code, nth)
	return 0
}

// n5Edit applies edits to a copy of lines; values are written as the layout (the spec
// file) says: N right-aligned with zeros, AN left-aligned with spaces, "" empty.
func n5Edit(t *testing.T, std *record.Standard, lines []string, edits string) []string {
	t.Helper()
	out := slices.Clone(lines)
	for _, e := range strings.Split(edits, ";") {
		if strings.TrimSpace(e) == "" {
			continue
		}
		addr, value, ok := strings.Cut(e, "=")
		if !ok {
			t.Fatalf("bad edit %q", e)
		}
		code, nth, number := n5Addr(t, addr)
		l := std.Layout(code)
		if l == nil || l.Field(number) == nil {
			t.Fatalf("edit %q: %s has no field %s in record %s", e, std.ID(), number, code)
		}
		f := l.Field(number)
		v := value
		switch {
		case len(v) > f.Length:
			t.Fatalf("edit %q: value longer than %d", e, f.Length)
		case f.Type == record.Numeric:
			v = strings.Repeat("0", f.Length-len(v)) + v
		default:
			v += strings.Repeat(" ", f.Length-len(v))
		}
		i := n5Line(t, out, code, nth) - 1
		out[i] = out[i][:f.Start-1] + v + out[i][f.End:]
	}
	return out
}
