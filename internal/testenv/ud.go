package testenv

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// UDParagraph is one line of the shared Universal Dependencies fixture
// (fixtures/ud-sentences/dev.jsonl; its NOTICE gives sources, licences and
// the scoring rule): a paragraph of a treebank's dev set and its gold
// sentences.
type UDParagraph struct {
	Lang      string   `json:"lang"`
	Set       string   `json:"set"`
	Doc       string   `json:"doc"`
	Text      string   `json:"text"`
	Sentences []string `json:"sentences"`
}

// UD reads every paragraph of the fixture, in file order, or skips the test
// (see Skip) when it is not there.
func UD(tb testing.TB) []UDParagraph {
	tb.Helper()
	f, err := os.Open(Path(tb, "fixtures", "ud-sentences", "dev.jsonl"))
	if err != nil {
		Skip(tb, "the UD sentences fixture is not there: "+err.Error())
	}
	defer f.Close()
	var out []UDParagraph
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var p UDParagraph
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatalf("dev.jsonl:%d: %v", line, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("dev.jsonl: %v", err)
	}
	return out
}
