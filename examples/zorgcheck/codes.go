package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/zorgbericht/zorgbericht/ei/validate"
)

const codesArgs = "[-json] [LIST]"

// runCodes lists the code lists the validator knows or, for one list (COD046, 046,
// COD046-NEN), its codes with their descriptions and the source of the list.
func runCodes(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("codes", codesArgs, stderr)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	pos, err := parseFlags(fs, args, stderr)
	if err != nil {
		return exitFailure, err
	}
	switch len(pos) {
	case 0:
		lists := validate.CodeLists()
		if *asJSON {
			return encodeJSON(stdout, codeListsJSON{Source: validate.CodeListSource, Lists: lists})
		}
		fmt.Fprintf(stdout, "%d code lists (source: %s):\n", len(lists), validate.CodeListSource)
		for i := 0; i < len(lists); i += 10 {
			fmt.Fprintf(stdout, "  %s\n", strings.Join(lists[i:min(i+10, len(lists))], " "))
		}
		return exitOK, nil
	case 1:
	default:
		return exitFailure, fmt.Errorf("%w: want one LIST (COD046), have %d arguments", errUsage, len(pos))
	}
	codes, ok := validate.CodeList(pos[0])
	if !ok {
		return exitFailure, fmt.Errorf("%w: %q is not a code list zorgcheck knows (zorgcheck codes lists them)", errUsage, escapeText(pos[0]))
	}
	name := listName(pos[0])
	if *asJSON {
		return encodeJSON(stdout, codeListJSON{List: name, Source: validate.CodeListSource, Codes: codes})
	}
	fmt.Fprintf(stdout, "%s: %d codes (source: %s)\n", name, len(codes), validate.CodeListSource)
	tw := table(stdout)
	fmt.Fprintln(tw, "CODE\tDESCRIPTION")
	for _, c := range codes {
		fmt.Fprintf(tw, "%s\t%s\n", c.Code, c.Description)
	}
	return exitOK, tw.Flush()
}

// listName writes a list as the code lists name it: "COD046" for "046", "cod046-nen".
func listName(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s, _, _ = strings.Cut(s, "-")
	if !strings.HasPrefix(s, "COD") {
		s = "COD" + s
	}
	return s
}

type codeListsJSON struct {
	Source string   `json:"source"`
	Lists  []string `json:"lists"`
}

type codeListJSON struct {
	List   string          `json:"list"`
	Source string          `json:"source"`
	Codes  []validate.Code `json:"codes"`
}
