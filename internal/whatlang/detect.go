package whatlang

import (
	"unicode"
)

const (
	maxTrigramDistance = 300
	maxTotalDistance   = 90000
)

// ReliableConfidenceThreshold is the confidence a detection must exceed to
// be reliable.
const ReliableConfidenceThreshold = 0.8

// Info is the outcome of a detection.
type Info struct {
	Lang       Lang
	Script     *unicode.RangeTable
	Confidence float64
}

// IsReliable reports whether the confidence exceeds
// ReliableConfidenceThreshold.
func (info *Info) IsReliable() bool {
	return info.Confidence > ReliableConfidenceThreshold
}

// Options restricts the languages a detection chooses from. A language is
// in a list when it is a key of the map, whatever its value. When Whitelist
// is not empty Blacklist is ignored.
type Options struct {
	Whitelist map[Lang]bool
	Blacklist map[Lang]bool
}

// Detect returns the language and script of text.
func Detect(text string) Info {
	return DetectWithOptions(text, Options{})
}

// DetectWithOptions returns the language and script of text, choosing
// among the languages options allows. Lang is -1 (and Script nil) when no
// script is detected, or when no allowed language is written in it.
func DetectWithOptions(text string, options Options) Info {
	script := DetectScript(text)
	if script == nil {
		return Info{Lang: -1}
	}
	lang, confidence := detectLangBaseOnScript(text, options, script)
	return Info{Lang: lang, Script: script, Confidence: confidence}
}

func detectLangBaseOnScript(text string, options Options, script *unicode.RangeTable) (Lang, float64) {
	switch script {
	case unicode.Latin:
		return detectLangInProfiles(text, options, &profiles().latin)
	case unicode.Cyrillic:
		return detectLangInProfiles(text, options, &profiles().cyrillic)
	case unicode.Devanagari:
		return detectLangInProfiles(text, options, &profiles().devanagari)
	case unicode.Hebrew:
		return detectLangInProfiles(text, options, &profiles().hebrew)
	case unicode.Ethiopic:
		return detectLangInProfiles(text, options, &profiles().ethiopic)
	case unicode.Arabic:
		return detectLangInProfiles(text, options, &profiles().arabic)
	case unicode.Han:
		return Cmn, 1
	case unicode.Bengali:
		return Ben, 1
	case unicode.Hangul:
		return Kor, 1
	case unicode.Georgian:
		return Kat, 1
	case unicode.Greek:
		return Ell, 1
	case unicode.Kannada:
		return Kan, 1
	case unicode.Tamil:
		return Tam, 1
	case unicode.Thai:
		return Tha, 1
	case unicode.Gujarati:
		return Guj, 1
	case unicode.Gurmukhi:
		return Pan, 1
	case unicode.Telugu:
		return Tel, 1
	case unicode.Malayalam:
		return Mal, 1
	case unicode.Oriya:
		return Ori, 1
	case unicode.Myanmar:
		return Mya, 1
	case unicode.Sinhala:
		return Sin, 1
	case unicode.Khmer:
		return Khm, 1
	case hiraganaKatakana():
		return Jpn, 1
	default:
		return -1, 0
	}
}

// detectLangInProfiles scores text against the allowed languages of set.
// whatlanggo computes each language's distance, sorts them stably and
// takes the first two: here the nearest language (the first in Lang order
// among equally near ones: whatlanggo ranges over a map, so which of them
// it returns varies from run to run; the confidence is 0 then, whichever it
// is) and the second smallest distance.
func detectLangInProfiles(text string, options Options, set *profileSet) (Lang, float64) {
	var dist [maxSetLangs]int
	n := set.distances(text, &dist)

	var (
		cands        int
		lang1        Lang
		dist1, dist2 int
	)
	for k, lang := range set.langs {
		if len(options.Whitelist) != 0 {
			if _, ok := options.Whitelist[lang]; !ok {
				continue
			}
		} else if len(options.Blacklist) != 0 {
			if _, ok := options.Blacklist[lang]; ok {
				continue
			}
		}
		d := dist[k]
		switch {
		case cands == 0:
			lang1, dist1 = lang, d
		case d < dist1:
			dist2 = dist1
			lang1, dist1 = lang, d
		case cands == 1 || d < dist2:
			dist2 = d
		}
		cands++
	}

	switch cands {
	case 0:
		return -1, 0
	case 1:
		return lang1, 1
	default:
		return calculateConfidence(lang1, dist1, dist2, n)
	}
}

// calculateConfidence is whatlanggo's, given the nearest language, its
// distance, the second smallest distance and the number of distinct
// trigrams of the text.
func calculateConfidence(lang1 Lang, dist1, dist2, trigrams int) (Lang, float64) {
	score1 := maxTotalDistance - dist1
	score2 := maxTotalDistance - dist2

	var confidence float64
	if score1 == 0 {
		// If score1 is 0, score2 is 0 as well, because array is sorted.
		// Therefore there is no language to return.
		return -1, 0
	} else if score2 == 0 {
		// If score2 is 0, return first language, to prevent division by zero in the rate formula.
		// In this case confidence is calculated by another formula.
		// At this point there are two options:
		// * Text contains random characters that accidentally match trigrams of one of the languages
		// * Text really matches one of the languages.
		//
		// Number 500.0 is based on experiments and common sense expectations.
		// (score1 is an int: whatlanggo's division is an integer one.)
		confidence = float64(score1 / 500.0)
		if confidence > 1.0 {
			confidence = 1.0
		}
		return lang1, confidence
	}

	rate := float64(score1-score2) / float64(score2)

	// Hyperbola function. Everything that is above the function has confidence = 1.0
	// If rate is below, confidence is calculated proportionally.
	// Numbers 12.0 and 0.05 are obtained experimentally, so the function represents common sense.
	confidentRate := float64(12.0/float64(trigrams)) + 0.05
	if rate > confidentRate {
		confidence = 1.0
	} else {
		confidence = rate / confidentRate
	}

	return lang1, confidence
}
