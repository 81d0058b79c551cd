package main

import (
	"github.com/spf13/cobra"

	"github.com/locpipe/locpipe/config"
)

func newTMCommand(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tm",
		Short: "Import and export the translation memory (TMX 1.4b)",
		Long: `The translation memory holds every translation locpipe made or learned, so that
nothing is translated twice. It lives in <out>/locpipe-memory.db unless
memory.path says otherwise. TMX moves it to and from other tools.`,
	}
	cmd.AddCommand(newTMImportCommand(a), newTMExportCommand(a))
	return cmd
}

// memoryFlags are the flags that locate the memory (config reads --out).
func memoryFlags(cmd *cobra.Command, file *string) {
	cmd.Flags().String("out", "out", "output directory, where the memory lives by default")
	cmd.Flags().StringVar(file, "memory", "", "memory file (default: memory.path, else <out>/"+MemoryFile+")")
}

func (a *app) tmConfig(cmd *cobra.Command, file string) (*config.Config, error) {
	cfg, err := a.loadConfig(cmd)
	if err != nil {
		return nil, err
	}
	if file != "" {
		cfg.Memory.Path = file
		cfg.Memory.URL = ""
	}
	return cfg, nil
}
