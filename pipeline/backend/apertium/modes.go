package apertium

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
)

// ErrPairNotInstalled is wrapped when no installed mode translates the pair.
var ErrPairNotInstalled = errors.New("apertium: language pair not installed")

// ModeCandidates lists the Apertium mode names that could translate src to
// tgt, most specific first: eng-spa_valencia style variants, regions
// (spa-eng_US), the plain three-letter pair, then two-letter names.
func ModeCandidates(src, tgt language.Tag) []string {
	s3, s2 := codes(src)
	t3, t2 := codes(tgt)
	if s3 == "" || t3 == "" {
		return nil
	}
	var out []string
	for _, v := range tgt.Variants() {
		out = append(out, s3+"-"+t3+"_"+v.String())
	}
	if r, conf := tgt.Region(); conf == language.Exact {
		out = append(out, s3+"-"+t3+"_"+r.String())
	}
	out = append(out, s3+"-"+t3)
	if s2 != "" && t2 != "" {
		out = append(out, s2+"-"+t2)
	}
	return out
}

// codes returns the ISO 639-3 and, when there is one, the ISO 639-1 code of
// a tag's language.
func codes(t language.Tag) (iso3, iso2 string) {
	b, conf := t.Base()
	if conf == language.No {
		return "", ""
	}
	iso3 = b.ISO3()
	if s := b.String(); len(s) == 2 {
		iso2 = s
	}
	return iso3, iso2
}

// Mode picks the installed mode for src→tgt.
func Mode(src, tgt language.Tag, installed []string) (string, error) {
	have := map[string]bool{}
	for _, m := range installed {
		have[m] = true
	}
	cands := ModeCandidates(src, tgt)
	for _, c := range cands {
		if have[c] {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w: %s→%s (tried %s; installed: %s)", ErrPairNotInstalled, src, tgt,
		strings.Join(cands, ", "), strings.Join(installed, ", "))
}

// ParseMode turns a mode name (eng-spa, spa-eng_US, cat-eng_valencia,
// en-gl) into a pair of BCP 47 tags. ok is false for names that are not a
// translation direction (analysers, debug modes).
func ParseMode(mode string) (backend.Pair, bool) {
	src, tgt, ok := strings.Cut(mode, "-")
	if !ok || strings.Contains(tgt, "-") {
		return backend.Pair{}, false
	}
	s, err1 := parseLang(src)
	t, err2 := parseLang(tgt)
	if err1 != nil || err2 != nil {
		return backend.Pair{}, false
	}
	return backend.Pair{Source: s, Target: t}, true
}

func parseLang(code string) (language.Tag, error) {
	base, sub, _ := strings.Cut(code, "_")
	b, err := language.ParseBase(base)
	if err != nil {
		return language.Und, err
	}
	if sub == "" {
		return language.Compose(b)
	}
	if r, err := language.ParseRegion(sub); err == nil && len(sub) == 2 {
		return language.Compose(b, r)
	}
	if v, err := language.ParseVariant(sub); err == nil {
		return language.Compose(b, v)
	}
	return language.Compose(b)
}

// InstalledModes lists the translation modes in dir (the *.mode files).
func InstalledModes(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("apertium modes: %w", err)
	}
	var out []string
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".mode")
		if !ok {
			continue
		}
		if _, ok := ParseMode(name); ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// DefaultModesDir is where Debian installs Apertium's modes.
const DefaultModesDir = "/usr/share/apertium/modes"

func modesDir(dir string) string {
	if dir == "" {
		return DefaultModesDir
	}
	return filepath.Clean(dir)
}
