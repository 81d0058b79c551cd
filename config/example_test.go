package config_test

import (
	"fmt"

	"github.com/locpipe/locpipe/config"
	"github.com/locpipe/locpipe/pipeline/backend/all"
)

// Load merges defaults, the file, LOCPIPE_* variables and flags, and
// validates once: an error names the key and where its value came from.
func ExampleLoad() {
	c, err := config.Load(config.Options{Engines: all.Registry().Sections(), Dir: "/nonexistent", Environ: []string{"LOCPIPE_TO=es,uk", "LOCPIPE_APERTIUM_URL=http://127.0.0.1:2737"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Backend, c.ToTags, c.Engines["apertium"]["url"])

	_, err = config.Load(config.Options{Engines: all.Registry().Sections(), Dir: "/nonexistent", Environ: []string{"LOCPIPE_TO=es,xx"}})
	fmt.Println(err)
	// Output:
	// pseudo [es uk] http://127.0.0.1:2737
	// environment LOCPIPE_TO: config: unknown locale "xx": language: subtag "xx" is well-formed but unknown
}
