package review

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/locpipe/locpipe/pipeline/format"
	"github.com/locpipe/locpipe/pipeline/manifest"
	"github.com/locpipe/locpipe/pipeline/xliff"
)

// ErrConflict is wrapped when an approval was made against a revision of
// the segment that is no longer the current one: someone else changed it.
var ErrConflict = errors.New("review: the segment changed since it was shown")

// ErrRejected is wrapped when an approved translation cannot be applied
// (it drops a glossary term, holds a code the source lacks, is empty…).
var ErrRejected = errors.New("review: translation not applied")

// Approval is one segment an editor corrected and approved.
type Approval struct {
	Path     string `json:"file"`     // the source's path (the manifest's)
	Locale   string `json:"locale"`   // the edition's
	ID       string `json:"id"`       // the segment id
	Revision string `json:"revision"` // the cell revision the editor saw
	Text     string `json:"text"`     // the translation, inline codes as ⟨n⟩
}

// Approve stores a as a human translation, as import stores a reviewed
// XLIFF segment (the same checks, the same memory key), and re-renders its
// edition through opts.Render; it returns the segment as it now stands.
// The caller serialises approvals.
func Approve(ctx context.Context, a Approval, opts ImportOptions, page PageOptions) (*Cell, *ImportSummary, error) {
	m, err := LoadManifest(opts.Out)
	if err != nil {
		return nil, nil, err
	}
	opts.Manifest, page.Manifest = m, m
	ed := m.Find(a.Path, a.Locale)
	if ed == nil {
		return nil, nil, fmt.Errorf("%w: no %s edition of %q in the manifest", ErrRejected, a.Locale, a.Path)
	}
	cur, v, i, err := currentCell(ctx, page, ed, a.ID)
	if err != nil {
		return nil, nil, err
	}
	if cur.Revision != a.Revision {
		return cur, nil, fmt.Errorf("%s %s %s: %w", a.Path, a.Locale, a.ID, ErrConflict)
	}
	if !cur.Editable {
		return cur, nil, fmt.Errorf("%w: the %s edition of %s cannot be reviewed here (house style, or out of date: run translate)", ErrRejected, a.Locale, a.Path)
	}
	s := v.ed.Segs[i]
	codes := v.ed.Doc.Units[s.Unit].Codes
	text, err := unitText(a.Text, codes)
	if err != nil {
		return cur, nil, fmt.Errorf("%w: %v", ErrRejected, err)
	}
	f, err := v.ed.Export(ctx, opts.Glossary, opts.Memory)
	if err != nil {
		return cur, nil, err
	}
	var unit *xliff.Unit
	for _, u := range f.Units {
		for _, p := range u.Parts {
			if p.ID == a.ID {
				p.State = xliff.StateReviewed
				p.HasTarget = true
				p.Target = xliff.ContentsFromTexts([]string{text}, codes)[0]
				unit = &xliff.Unit{ID: u.ID, Name: u.Name, Data: u.Data, Parts: []*xliff.Part{p}}
			}
		}
	}
	if unit == nil {
		return cur, nil, fmt.Errorf("%w: segment %s is not in the %s edition of %s", ErrRejected, a.ID, a.Locale, a.Path)
	}
	f.Units = []*xliff.Unit{unit}
	doc := &xliff.Document{SrcLang: ed.SourceLocale, TrgLang: ed.Locale, Files: []*xliff.File{f}}
	sum, err := ImportDocuments(ctx, "review", []*xliff.Document{doc}, opts)
	if err != nil {
		return cur, sum, err
	}
	if len(sum.Problems) > 0 || sum.Learned == 0 {
		msg := "nothing learned"
		if len(sum.Problems) > 0 {
			msg = sum.Problems[0]
		}
		return cur, sum, fmt.Errorf("%w: %s", ErrRejected, msg)
	}
	if sum.Render != nil && len(sum.Render.Errors) > 0 {
		return cur, sum, fmt.Errorf("review: re-rendering the %s edition of %s: %s", a.Locale, a.Path, sum.Render.Errors[0].Msg)
	}
	// The segment as the re-rendered edition has it.
	m, err = LoadManifest(opts.Out)
	if err != nil {
		return nil, sum, err
	}
	page.Manifest = m
	ed = m.Find(a.Path, a.Locale)
	if ed == nil {
		return nil, sum, fmt.Errorf("review: the %s edition of %s left the manifest", a.Locale, a.Path)
	}
	now, _, _, err := currentCell(ctx, page, ed, a.ID)
	return now, sum, err
}

// currentCell opens ed as the page shows it and returns the cell of
// segment id, the view, and the segment's index.
func currentCell(ctx context.Context, page PageOptions, ed *manifest.Edition, id string) (*Cell, *editionView, int, error) {
	src, err := os.ReadFile(ed.Source)
	if err != nil {
		return nil, nil, 0, err
	}
	if page.Formats == nil {
		page.Formats = format.Default()
	}
	v, err := openView(ctx, page, ed, src)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("%w: %v", ErrRejected, err)
	}
	i, ok := v.ed.byID[id]
	if !ok {
		return nil, nil, 0, fmt.Errorf("%w: no segment %s in the %s edition of %s", ErrRejected, id, ed.Locale, ed.Path)
	}
	return v.cell(ctx, page, i), v, i, nil
}
