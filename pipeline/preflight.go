package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/locpipe/locpipe/pipeline/backend"
	"github.com/locpipe/locpipe/pipeline/edition"
)

// ErrPreflight is returned by Run when the engine cannot do the run: it does
// not answer, its key is refused, or it lacks a language pair. Nothing has
// been written then.
var ErrPreflight = errors.New("pipeline: engine preflight")

// PreflightTimeout bounds the preflight: an engine that does not answer in
// that time is not usable.
const PreflightTimeout = 15 * time.Second

// Preflight asks the engine, before anything is written, whether it can do a
// run from `from` into every language of to: it answers and accepts its key
// (backend.Pinger: one cheap request where the engine has one) and has every
// pair (backend.Pairer). Same-language targets need no pair. Engines that
// implement neither are taken at their word.
func Preflight(ctx context.Context, tr Translator, name string, from language.Tag, to []language.Tag) error {
	ctx, cancel := context.WithTimeout(ctx, PreflightTimeout)
	defer cancel()
	if p, ok := tr.(backend.Pinger); ok {
		if err := p.Ping(ctx); err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, name+":") { // engines' errors usually name themselves
				msg = name + ": " + msg
			}
			return fmt.Errorf("%w: %s", ErrPreflight, msg)
		}
	}
	pr, ok := tr.(backend.Pairer)
	if !ok {
		return nil
	}
	var need []language.Tag
	for _, t := range to {
		if !edition.SameLanguage(from, t) {
			need = append(need, t)
		}
	}
	if len(need) == 0 {
		return nil
	}
	pairs, err := pr.Pairs(ctx)
	if err != nil {
		return fmt.Errorf("%w: %s: listing its language pairs: %v", ErrPreflight, name, err)
	}
	var missing []string
	for _, t := range need {
		if !hasPair(pairs, from, t) {
			missing = append(missing, from.String()+"→"+t.String())
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var have []string
	seen := map[string]bool{}
	for _, p := range pairs {
		if s := p.String(); !seen[s] && sameBase(p.Source, from) {
			seen[s] = true
			have = append(have, s)
		}
	}
	sort.Strings(have)
	avail := "none from " + from.String()
	if len(have) > 0 {
		avail = strings.Join(have, ", ")
	}
	return fmt.Errorf("%w: %s has no pair %s (it has: %s)", ErrPreflight, name, strings.Join(missing, ", "), avail)
}

// hasPair reports whether pairs holds one from `from` to `to`: the same
// base languages, and the target's script or region when both name one.
func hasPair(pairs []backend.Pair, from, to language.Tag) bool {
	for _, p := range pairs {
		if sameBase(p.Source, from) && sameBase(p.Target, to) {
			return true
		}
	}
	return false
}

func sameBase(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	return ab == bb
}
