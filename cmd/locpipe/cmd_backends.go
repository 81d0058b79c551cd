package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newBackendsCommand(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "backends",
		Short: "List the translation engines",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ENGINE\tDESCRIPTION")
			for _, e := range a.engines().Engines() {
				fmt.Fprintf(w, "%s\t%s\n", e.Name, e.Description)
			}
			return w.Flush()
		},
	}
}
