package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/edition"
	"github.com/locpipe/locpipe/pipeline/segment"
)

type segmentOptions struct {
	lang, format string
	exportSRX    bool
}

func newSegmentCommand(a *app) *cobra.Command {
	var o segmentOptions
	cmd := &cobra.Command{
		Use:   "segment [--lang L] [--format auto|txt|md|html] [--srx FILE [--srx-mode over|replace]] FILE|-\n  locpipe segment --export-srx",
		Short: "Print the sentences of an article as JSON Lines with byte offsets",
		Long: `Segment parses FILE (or standard input, "-") and prints one JSON object per
sentence: {"unit":U,"index":I,"text":"…","start":B,"end":E}, where start and end
are byte offsets into the input and text is input[start:end].

--srx FILE applies the rules of an SRX 2.0 file (Okapi's, OmegaT's, your own)
over the built-in rules; --srx-mode replace uses them alone. The configuration
keys segment.srx and segment.srx_mode say the same, for every command that
splits sources (translate, check, xliff, po, tm export, review): give them all
the same rules. --export-srx prints the built-in rules as an SRX 2.0 document
for other tools.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if o.exportSRX {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.exportSRX {
				if err := segment.ExportSRX(a.stdout); err != nil {
					return fmt.Errorf("segment: %w", err)
				}
				return nil
			}
			cfg, err := a.loadConfig(cmd)
			if err != nil {
				return err
			}
			return runSegment(cmd.Context(), a, cfg, o, args[0])
		},
	}
	cmd.Flags().StringVar(&o.lang, "lang", "", "language of the text (default: the document's declaration, then en)")
	cmd.Flags().StringVar(&o.format, "format", "auto", "input format: auto (by extension; txt for stdin), txt, md, html")
	segmentFlags(cmd.Flags())
	cmd.Flags().BoolVar(&o.exportSRX, "export-srx", false, "print the built-in rules as an SRX 2.0 document and exit")
	return cmd
}

type segmentLine struct {
	Unit  string `json:"unit"`
	Index int    `json:"index"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func runSegment(_ context.Context, a *app, cfg *config.Config, o segmentOptions, path string) error {
	name, src, err := readInput(a, path)
	if err != nil {
		return usageErr(err)
	}
	if path == "-" && (o.format == "auto" || o.format == "") {
		o.format = "txt"
	}
	parser, _, err := formats(cfg).Lookup(name, o.format)
	if err != nil {
		return usageErr(err)
	}
	doc, err := parser.Parse(name, src)
	if err != nil {
		return usageErr(err)
	}
	forced, err := parseLocale(o.lang)
	if err != nil {
		return err
	}
	lang, err := edition.Source{Forced: forced, Default: cfg.FromTag}.Of(name, doc)
	if err != nil {
		return usageErr(err)
	}
	offsets := doc.Offsets()
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	for _, s := range a.seg.Split(doc, lang) {
		u := &doc.Units[s.Unit]
		base := offsets[s.Unit]
		line := segmentLine{Unit: u.ID, Index: s.Index}
		line.Start, line.End = base+u.RawOffset(s.Start), base+u.RawOffset(s.End)
		line.Text = string(src[line.Start:line.End])
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("segment: %w", err)
		}
	}
	return nil
}
