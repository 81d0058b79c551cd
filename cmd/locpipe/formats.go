package main

import (
	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/format"
)

// formats is the format registry of every command: the configuration says
// which front-matter fields are text (markdown.fields), for translate,
// check, segment, review and the glossary commands alike.
func formats(cfg *config.Config) *format.Registry {
	return format.NewDefault(format.Options{Markdown: format.MarkdownOptions{Fields: cfg.Markdown.Fields}})
}
